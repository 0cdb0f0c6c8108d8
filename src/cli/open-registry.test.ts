import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FrameworkRegistry } from "../load/registry.js";
import { type CliIo, UsageError } from "./context.js";
import { openRegistry, openRegistryInThread } from "./open-registry.js";

const root = new URL("../../", import.meta.url).pathname;
const top = mkdtempSync(join(tmpdir(), "rungs-open-registry-"));
afterAll(() => rmSync(top, { recursive: true, force: true }));
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
// a scheme list of its own, which the catalog carries beside the SOC codes (`catalog.schemes`)
const env = { RUNGS_SCHEMES_DIR: join(root, "test/fixtures/schemes") };
const io: CliIo = { stdout: quiet, stderr: quiet, env, cwd: top };

/** What a server shows of its frameworks, as a registry hands them to another thread, and their joined version. */
function served(registry: FrameworkRegistry) {
  return { version: registry.version, ...registry.snapshot() };
}

describe("the frameworks loaded in a thread of their own (rungs serve)", () => {
  const product = readFileSync(join(root, "examples/product-matrix/framework.yaml"), "utf8");
  cpSync(join(root, "examples/engineering"), join(top, "engineering"), { recursive: true });
  cpSync(join(root, "test/fixtures/shapes/discipline-base"), join(top, "discipline-base"), {
    recursive: true,
  });
  cpSync(join(root, "test/fixtures/shapes/discipline-mobile"), join(top, "discipline-mobile"), {
    recursive: true,
  });
  cpSync(join(root, "examples/product-matrix"), join(top, "broken"), { recursive: true });
  writeFileSync(join(top, "broken/framework.yaml"), product.replace("name: Larkspur", "name: [Larkspur"));
  const paths = ["engineering", "discipline-mobile", "broken"].map((name) => join(top, name));

  it("are the frameworks this thread would load: ids, known ids, versions, diagnostics, indexes, files, occupations", async () => {
    const here = await openRegistry(paths, io);
    const there = await openRegistryInThread(paths, io);
    // answered as soon as they are read; the lint findings follow
    await there.lint;
    expect(there.list().map((fw) => [fw.id, fw.ok])).toEqual([
      ["engineering", true],
      ["discipline-mobile", true],
      ["broken", false],
    ]);
    expect(served(there)).toEqual(served(here));
    expect(there.occupations.schemes?.size).toBeGreaterThan(0);
  });

  it("a framework that cannot be read stops the start with the same one-line usage error", async () => {
    const empty = mkdtempSync(join(top, "empty-"));
    const expected = `cannot read ${empty}: no .yaml or .yml files in this directory`;
    await expect(openRegistry([empty], io)).rejects.toThrow(expected);
    const failed = await openRegistryInThread([empty], io).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(UsageError);
    expect((failed as Error).message).toBe(expected);
  });
});
