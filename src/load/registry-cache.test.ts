import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nodeGit } from "./framework-version.js";
import { nodeFileSystem } from "./fs-port.js";
import type { RegistrySnapshot } from "./registry.js";
import { CACHE_LIMITS, recording, registryCache } from "./registry-cache.js";

const top = mkdtempSync(join(tmpdir(), "rungs-registry-cache-"));
afterAll(() => rmSync(top, { recursive: true, force: true }));
const snapshot: RegistrySnapshot = { entries: [], knownIds: [], occupations: { codes: [], properties: {} } };

describe("the frameworks cache's bounds (registry-cache.ts)", () => {
  it("replays a journal of 100,000 questions, and keeps none over its bound", async () => {
    const file = join(top, "one.yaml");
    writeFileSync(file, "a: 1\n");
    const cache = registryCache(join(top, "cache"));
    const inputs = recording(nodeFileSystem, nodeGit);
    await inputs.fs.readFile(file);
    // the answers a load would have noted for 100,000 files that are not there
    const missing = (count: number) =>
      Array.from({ length: count }, (_, i) => ["stat", `${file}.${i}`, "null"] as (typeof inputs.journal)[0]);
    const journal = [...inputs.journal, ...missing(100_000)];
    expect(await cache.put("key", journal, snapshot)).toBe(true);
    expect(await cache.get("key", nodeFileSystem, nodeGit)).toEqual(snapshot);
    expect(await cache.put("over", missing(CACHE_LIMITS.questions + 1), snapshot)).toBe(false);
    expect(await cache.get("over", nodeFileSystem, nodeGit)).toBeUndefined();
  });

  it("keeps at most its number of entries, the newest", async () => {
    const cache = registryCache(join(top, "few"));
    const { journal } = recording(nodeFileSystem, nodeGit);
    for (let i = 0; i <= CACHE_LIMITS.entries; i++) {
      expect(await cache.put(`key ${i}`, journal, snapshot)).toBe(true);
      // a modification time of its own for each, on file systems that keep only seconds
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await cache.get("key 0", nodeFileSystem, nodeGit)).toBeUndefined();
    expect(await cache.get(`key ${CACHE_LIMITS.entries}`, nodeFileSystem, nodeGit)).toEqual(snapshot);
  });
});
