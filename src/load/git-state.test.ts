import { mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoWithVersions, TINY } from "../../test/support/git-repo.js";
import { nodeGit } from "./framework-version.js";
import { nodeFileSystem } from "./fs-port.js";
import { gitWitness, SETTLED_MS, WITNESS_PATHS } from "./git-state.js";
import type { RegistrySnapshot } from "./registry.js";
import { recording, registryCache } from "./registry-cache.js";

const top = mkdtempSync(join(tmpdir(), "rungs-git-state-"));
afterAll(() => rmSync(top, { recursive: true, force: true }));
// files a test has just written are settled as seen from a moment past SETTLED_MS
const later = () => Date.now() + SETTLED_MS + 1_000;

function repo(name: string) {
  const dir = join(top, name);
  const git = repoWithVersions(dir, [
    { message: "one", files: { "fw/framework.yaml": TINY, "fw/README.md": "notes A\n", "other.txt": "x\n" } },
  ]);
  const target = { path: join(dir, "fw"), isDirectory: true };
  for (const file of ["README.md", "framework.yaml"]) utimesSync(join(dir, "fw", file), SECOND, SECOND);
  return { dir, git, target, witness: () => gitWitness([target], later()) };
}

/** A whole second in the past: a time utimes puts back exactly, as a file system keeping seconds would. */
const SECOND = Math.floor(Date.now() / 1000) - 60;

/** Writes `text` over `file` in place, with the same modification time as before: an edit within one tick. */
function sameTickEdit(file: string, text: string) {
  writeFileSync(file, text);
  utimesSync(file, SECOND, SECOND);
}

describe("git's inputs witnessed without git (git-state.ts)", () => {
  it("stays the same while nothing changes, and is not given for files changed just now", async () => {
    const { target, witness } = repo("same");
    const first = await witness();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await witness()).toBe(first);
    expect(await gitWitness([target])).toBeUndefined();
    expect(await gitWitness([{ path: join(top, "nowhere"), isDirectory: true }], later())).toBeUndefined();
  });

  it("changes when a file git reads but the loader does not is edited within the same tick, same size", async () => {
    const { target, witness } = repo("tick");
    const before = await witness();
    sameTickEdit(join(target.path, "README.md"), "notes B\n");
    expect(await witness()).not.toBe(before);
  });

  it("changes when a file is replaced by a rename with the same size and times", async () => {
    const { target, witness } = repo("rename");
    const before = await witness();
    const file = join(target.path, "README.md");
    const other = join(top, "replacement");
    writeFileSync(other, "notes C\n");
    utimesSync(other, SECOND, SECOND);
    renameSync(other, file);
    expect(await witness()).not.toBe(before);
  });

  it("changes with HEAD (a commit elsewhere, a branch switched to the same commit) and with the index", async () => {
    const { dir, git, witness } = repo("head");
    const first = await witness();
    writeFileSync(join(dir, "other.txt"), "y\n");
    git("commit", "-qam", "two");
    const second = await witness();
    expect(second).not.toBe(first);
    git("checkout", "-qb", "side");
    const third = await witness();
    expect(third).not.toBe(second);
    // the framework's files as they were; only the index says one is no longer tracked
    git("rm", "-q", "--cached", "fw/README.md");
    expect(await witness()).not.toBe(third);
  });

  it("gives up past its bound of paths: a folder of more files, 100,000 targets", async () => {
    const { target, witness } = repo("bound");
    expect(await gitWitness(Array(100_000).fill(target), later())).toBeUndefined();
    for (let i = 0; i <= WITNESS_PATHS; i++) writeFileSync(join(target.path, `f${i}`), "");
    expect(await witness()).toBeUndefined();
  });

  it("has the cache ask git again when the witness differs: a README edited keeps no stale 'dirty'", async () => {
    const { target } = repo("cache");
    const witness = (targets: Parameters<typeof gitWitness>[0]) => gitWitness(targets, later());
    const inputs = recording(nodeFileSystem, nodeGit, witness);
    const clean = await inputs.git.lastCommits([target]);
    expect(clean[0]?.dirty).toBe(false);
    const snapshot: RegistrySnapshot = {
      entries: [],
      knownIds: [],
      occupations: { codes: [], properties: {} },
    };
    const cache = registryCache(join(top, "cache-folder"));
    expect(await cache.put("key", inputs.journal, snapshot)).toBe(true);
    expect(await cache.get("key", nodeFileSystem, nodeGit, witness)).toEqual(snapshot);
    sameTickEdit(join(target.path, "README.md"), "notes D\n");
    expect(await cache.get("key", nodeFileSystem, nodeGit, witness)).toBeUndefined();
  });
});
