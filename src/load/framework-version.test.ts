import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BASE } from "../../test/support/check-yaml.js";
import { canonicalJson, versionLine } from "../core/version.js";
import { nodeGit } from "./framework-version.js";
import { memoryFileSystem, nodeFileSystem } from "./fs-port.js";
import { loadFramework } from "./load-framework.js";

const [HEAD, AREAS] = BASE.split("areas:\n") as [string, string];

async function hashOf(files: Record<string, string>, path: string) {
  return (await loadFramework(path, memoryFileSystem(files))).version?.hash;
}

describe("framework version identity", () => {
  it("canonical JSON sorts keys and drops undefined members, keeping array order", () => {
    expect(canonicalJson({ b: [2, 1], a: { d: undefined, c: "x" } })).toBe('{"a":{"c":"x"},"b":[2,1]}');
  });

  it("the content hash is the same for one file and the same content split into fragments", async () => {
    const single = await hashOf({ "fw.yaml": BASE }, "fw.yaml");
    const split = await hashOf({ "fw/a.yaml": HEAD, "fw/b.yaml": `areas:\n${AREAS}` }, "fw");
    expect(single).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(split).toBe(single);
    // Key order and comments are layout, not content.
    const reordered = BASE.replace("id: tiny\nname: Tiny\n", "# a comment\nname: Tiny\nid: tiny\n");
    expect(await hashOf({ "fw.yaml": reordered }, "fw.yaml")).toBe(single);
    // One changed word is a new version.
    const reworded = BASE.replace("small changes", "tiny changes");
    expect(await hashOf({ "fw.yaml": reworded }, "fw.yaml")).not.toBe(single);
  });

  it("carries the human version from the root file", async () => {
    const loaded = await loadFramework(
      "fw.yaml",
      memoryFileSystem({ "fw.yaml": BASE.replace("name: Tiny\n", 'name: Tiny\nversion: "2027.1"\n') }),
    );
    expect(loaded.version?.version).toBe("2027.1");
    expect(versionLine(loaded.version ?? { hash: "" })).toMatch(/^2027\.1 · sha256:[0-9a-f]{12}$/);
  });

  describe("inside a git repository", () => {
    const dir = mkdtempSync(join(tmpdir(), "rungs-version-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], {
        cwd: dir,
        encoding: "utf8",
      });

    it("reports the last commit of the framework's files, and marks uncommitted changes", async () => {
      const file = join(dir, "fw.yaml");
      const outside = await loadFramework(file, memoryFileSystem({ [file]: BASE }), { git: nodeGit });
      expect(outside.version?.commit).toBeUndefined();
      git("init", "-q");
      writeFileSync(file, BASE);
      git("add", ".");
      git("commit", "-qm", "first");
      const head = git("rev-parse", "HEAD").trim();
      const clean = await loadFramework(file, nodeFileSystem, { git: nodeGit });
      expect(clean.version).toMatchObject({ commit: head });
      expect(clean.version?.dirty).toBeUndefined();
      writeFileSync(file, BASE.replace("small changes", "tiny changes"));
      const dirty = await loadFramework(file, nodeFileSystem, { git: nodeGit });
      expect(dirty.version).toMatchObject({ commit: head, dirty: true });
      expect(versionLine(dirty.version ?? { hash: "" })).toContain(`commit ${head.slice(0, 12)} (modified)`);
    });
  });
});
