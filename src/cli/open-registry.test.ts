import {
  chmodSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
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
// a scheme list of its own, which the catalog carries beside the SOC codes (`catalog.schemes`); a cache folder
// of its own (cached-registry.ts), not the user's
const env = { RUNGS_SCHEMES_DIR: join(root, "test/fixtures/schemes"), RUNGS_CACHE_DIR: join(top, "cache") };
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
    const expected = `cannot read ${empty}: no framework here: no root file (a YAML file with a \`rungs: 2\` line) at the top of this folder or of one of its sub-folders; nothing below it was read`;
    await expect(openRegistry([empty], io)).rejects.toThrow(expected);
    const failed = await openRegistryInThread([empty], io).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(UsageError);
    expect((failed as Error).message).toBe(expected);
  });
});

describe("serve's frameworks from the disk cache (cached-registry.ts)", () => {
  const dir = mkdtempSync(join(top, "cached-"));
  cpSync(join(root, "examples/engineering"), join(dir, "engineering"), { recursive: true });
  const paths = [join(dir, "engineering")];
  const cache = join(dir, "cache");
  const cachedIo = (cacheDir = cache): CliIo => ({ ...io, env: { ...env, RUNGS_CACHE_DIR: cacheDir } });
  /**
   * The frameworks as the thread answers them, and whether they came from the cache: a load answers first
   * with the frameworks as read, not yet linted; the cache answers with them linted at once.
   */
  const load = async (cacheDir?: string) => {
    const registry = await openRegistryInThread(paths, cachedIo(cacheDir));
    const fromCache = !registry.linting;
    await registry.lint;
    return { fromCache, served: served(registry) };
  };
  const entries = () => readdirSync(cache).filter((name) => name.endsWith(".registry"));

  it("answers a second start from the cache, the same frameworks as a load", async () => {
    const first = await load();
    expect(first.fromCache).toBe(false);
    expect(entries()).toHaveLength(1);
    const second = await load();
    expect(second.fromCache).toBe(true);
    expect(second.served).toEqual(first.served);
    expect(second.served).toEqual(served(await openRegistry(paths, cachedIo())));
  });

  it("loads again when one byte of a file changes, and serves the change", async () => {
    await load();
    const file = join(dir, "engineering/framework.yaml");
    const text = readFileSync(file, "utf8");
    const at = text.indexOf("name: ") + "name: ".length;
    writeFileSync(file, `${text.slice(0, at)}X${text.slice(at + 1)}`);
    const changed = await load();
    expect(changed.fromCache).toBe(false);
    expect(changed.served.entries[0]?.index?.framework.name.startsWith("X")).toBe(true);
    expect(changed.served).toEqual(served(await openRegistry(paths, cachedIo())));
    expect((await load()).fromCache).toBe(true);
    writeFileSync(file, text);
  });

  it("takes a cache file cut short or corrupt as a miss, and writes it again", async () => {
    await load();
    const [name = ""] = entries();
    truncateSync(join(cache, name), 1000);
    const truncated = await load();
    expect(truncated.fromCache).toBe(false);
    expect(truncated.served).toEqual(served(await openRegistry(paths, cachedIo())));
    writeFileSync(join(cache, name), "not a cache entry");
    expect((await load()).fromCache).toBe(false);
    expect((await load()).fromCache).toBe(true);
  });

  it("serves when the cache cannot be written, and ignores a folder others may write", async () => {
    // a file where the folder should be: it cannot be made (even by root, whom permissions do not stop)
    const blocked = join(dir, "a-file");
    writeFileSync(blocked, "");
    const unwritable = await load(join(blocked, "cache"));
    expect(unwritable.fromCache).toBe(false);
    expect(unwritable.served.entries.map((e) => e.id)).toEqual(["engineering"]);
    expect((await load(join(blocked, "cache"))).fromCache).toBe(false);
    await load();
    chmodSync(cache, 0o777);
    expect((await load()).fromCache).toBe(false);
    chmodSync(cache, 0o700);
    expect((await load()).fromCache).toBe(true);
  });

  it("is not used with RUNGS_CACHE_DIR=off", async () => {
    await load("off");
    expect((await load("off")).fromCache).toBe(false);
  });
});
