import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GitRunner, gitPort, runGit } from "./framework-version.js";
import { nodeFileSystem } from "./fs-port.js";
import { loadOccupations } from "./occupations.js";
import { FrameworkRegistry } from "./registry.js";

const product = readFileSync(
  join(new URL("../../", import.meta.url).pathname, "examples/product-matrix/framework.yaml"),
  "utf8",
);

/**
 * One repository, three frameworks (two folders and a single file), each last changed in its own commit:
 * the registry asks git about all of them at once, and each must still get what `git log -1 -- <it>` and
 * `git status -- <it>` say about it alone.
 */
describe("framework registry: versions from git", () => {
  const dir = mkdtempSync(join(tmpdir(), "rungs-registry-git-"));
  const paths = ["a", "b", "c.yaml"].map((p) => join(dir, p));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], {
      cwd: dir,
      encoding: "utf8",
    }).trim();
  const write = (file: string, name: string) =>
    writeFileSync(join(dir, file), product.replace("name: Larkspur", `name: ${name}`));
  const commit = (message: string) => {
    git("add", ".");
    git("commit", "-qm", message);
    return git("rev-parse", "HEAD");
  };
  /** The questions the registry replaced, asked one framework at a time. */
  const alone = (path: string) => {
    const last = git("log", "-1", "--format=%H", "--", path);
    return last ? { commit: last, ...(git("status", "--porcelain", "--", path) ? { dirty: true } : {}) } : {};
  };

  async function loaded() {
    const calls: string[][] = [];
    const counted: GitRunner = (cwd, args) => {
      calls.push(args);
      return runGit(cwd, args);
    };
    const registry = new FrameworkRegistry(paths, {
      fs: nodeFileSystem,
      occupations: await loadOccupations(nodeFileSystem),
      git: gitPort(counted),
    });
    await registry.load();
    return { identities: registry.list().map((e) => e.identity), calls };
  }

  beforeAll(() => {
    mkdirSync(join(dir, "a"));
    mkdirSync(join(dir, "b"));
    git("init", "-q");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("each framework gets its own last commit and dirty flag, for one walk and one status", async () => {
    write("a/framework.yaml", "A");
    const first = commit("a");
    write("b/framework.yaml", "B");
    write("c.yaml", "C");
    const second = commit("b and c");
    write("c.yaml", "C2");
    const third = commit("c again");
    write("b/framework.yaml", "B2");
    const { identities, calls } = await loaded();
    expect(identities.map((i) => i?.commit)).toEqual([first, second, third]);
    expect(identities.map((i) => i?.dirty)).toEqual([undefined, true, undefined]);
    for (const [k, path] of paths.entries()) expect(identities[k]).toMatchObject(alone(path));
    // three frameworks in one repository: the same two git processes as one framework alone
    expect(calls.map((args) => args[0]).sort()).toEqual(["log", "status"]);
  });

  it("past a merge that changed several of them, each is asked alone and answers as before", async () => {
    commit("b again");
    git("checkout", "-q", "-b", "side");
    write("a/framework.yaml", "A-side");
    commit("a on the side");
    git("checkout", "-q", "-");
    write("c.yaml", "C-main");
    commit("c on main");
    git("merge", "-q", "--no-ff", "side", "-m", "merge side");
    const { identities, calls } = await loaded();
    for (const [k, path] of paths.entries()) expect(identities[k]).toMatchObject(alone(path));
    expect(identities[0]?.commit).toBe(git("rev-parse", "side"));
    expect(calls.filter((args) => args[0] === "log")).toHaveLength(1 + paths.length);
  });

  it("outside any repository there is no commit", async () => {
    const outside = mkdtempSync(join(tmpdir(), "rungs-registry-nogit-"));
    try {
      writeFileSync(join(outside, "framework.yaml"), product);
      const registry = new FrameworkRegistry([outside, join(outside, "framework.yaml")], {
        fs: nodeFileSystem,
        occupations: await loadOccupations(nodeFileSystem),
        git: gitPort(),
      });
      await registry.load();
      expect(registry.list().map((e) => e.identity?.commit)).toEqual([undefined, undefined]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
