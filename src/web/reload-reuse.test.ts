/**
 * A reload parses only the files whose text changed: the others keep their values (registry.ts). Those values
 * are then shared by two versions of a framework, so nothing may change them: here they are frozen, and every
 * page and answer of the reloaded version must be made without a write to them, the same as a fresh load's.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadOccupations } from "../load/occupations.js";
import { FrameworkRegistry } from "../load/registry.js";
import type { SourceFile } from "../load/yaml-source.js";
import { createApp } from "./app.js";
import { sitePaths } from "./site-map.js";

const examples = new URL("../../examples/", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "rungs-reload-reuse-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function deepFreeze(value: unknown, seen = new Set<object>()): void {
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  for (const child of Object.values(value)) deepFreeze(child, seen);
  Object.freeze(value);
}

async function registryOf(dir: string): Promise<FrameworkRegistry> {
  const registry = new FrameworkRegistry([dir], {
    fs: nodeFileSystem,
    occupations: await loadOccupations(nodeFileSystem),
  });
  await registry.load();
  return registry;
}

/** Every page and the framework's JSON answers, by path. */
async function everything(registry: FrameworkRegistry): Promise<Map<string, string>> {
  const app = createApp({ registry });
  const out = new Map<string, string>();
  const [fw] = registry.list();
  const apis = [`/api/frameworks/${fw?.id}`, `/api/frameworks/${fw?.id}/matrix`];
  for (const path of [...sitePaths(registry, [], false), ...apis]) {
    const res = await app.request(path);
    out.set(path, `${res.status} ${await res.text()}`);
  }
  return out;
}

describe("a reload reuses the files it already read", () => {
  for (const example of readdirSync(examples)) {
    it(`${example}: after a change to its root file, the other files keep their values and every answer is a fresh load's`, async () => {
      const dir = join(work, example);
      cpSync(join(examples, example), dir, { recursive: true });
      const registry = await registryOf(dir);
      const before = registry.list()[0];
      expect(before?.ok).toBe(true);
      for (const file of before?.files ?? []) deepFreeze((file as SourceFile).value);
      // a change to the root file only (its name): the other files are read again, not parsed again
      const rootFile = (before?.files ?? []).find((f) => /^rungs:/m.test(f.text));
      if (!rootFile) throw new Error(`${example} has no root file`);
      writeFileSync(
        rootFile.file,
        readFileSync(rootFile.file, "utf8").replace(/^name: (.*)$/m, "name: $1 again"),
      );
      await registry.load();
      const after = registry.list()[0];
      expect(after?.ok).toBe(true);
      let reused = 0;
      for (const file of after?.files ?? []) {
        const earlier = before?.files.find((f) => f.file === file.file) as SourceFile | undefined;
        const value = (file as SourceFile).value;
        if (file.file === rootFile.file) expect(value).not.toBe(earlier?.value);
        else expect(value, file.file).toBe(earlier?.value);
        if (value === earlier?.value) reused++;
      }
      expect(reused).toBe((after?.files.length ?? 0) - 1);
      const reloaded = await everything(registry);
      const fresh = await everything(await registryOf(dir));
      expect(reloaded.size).toBeGreaterThan(3);
      for (const [path, answer] of fresh) expect(reloaded.get(path), path).toBe(answer);
    });
  }
});
