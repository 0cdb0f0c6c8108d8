import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandFrameworkPaths } from "./framework-folders.js";
import { memoryFileSystem, nodeFileSystem } from "./fs-port.js";

const ROOT = "rungs: 2\nid: x\nname: X\n";
/** Expanded in a memory file system under /m (paths are read from there, as given). */
const expand = (files: Record<string, string>, paths = ["all"]) =>
  expandFrameworkPaths(
    paths,
    memoryFileSystem(Object.fromEntries(Object.entries(files).map(([k, v]) => [`/m/${k}`, v]))),
    "/m",
  );

describe("a folder of frameworks", () => {
  it("each sub-folder with a root file at its top is a framework, in name order", async () => {
    expect(
      await expand({
        "all/b/framework.yaml": ROOT,
        "all/a/fw.yml": ROOT,
        "all/a/areas/x.yaml": "areas: []\n",
      }),
    ).toEqual(["all/a", "all/b"]);
    // a root file that starts with a byte order mark (as some editors save it) or quotes its key is one
    expect(
      await expand({
        "all/a/framework.yaml": `\ufeff${ROOT}`,
        "all/b/framework.yaml": `"rungs": 2\nid: y\n`,
      }),
    ).toEqual(["all/a", "all/b"]);
    // and so is one written as a flow mapping, its key quoted or not
    expect(
      await expand({
        "all/a/framework.yaml": "{rungs: 2, id: x, name: X}\n",
        "all/b/framework.yaml": '# y\n{"id": "y",\n "rungs": 2}\n',
      }),
    ).toEqual(["all/a", "all/b"]);
  });

  it("a folder that is one framework is left as it is", async () => {
    // its own root file, with sub-folders of fragments
    expect(await expand({ "all/framework.yaml": ROOT, "all/areas/a.yaml": "areas: []\n" })).toEqual(["all"]);
    // its only root file in a sub-folder beside a folder of fragments
    expect(await expand({ "all/meta/framework.yaml": ROOT, "all/areas/a.yaml": "areas: []\n" })).toEqual([
      "all",
    ]);
    // a root file below its folder's top is not looked for
    expect(await expand({ "all/a/meta/framework.yaml": ROOT })).toEqual(["all"]);
    // a file, and a path that is not there
    expect(await expand({ "all.yaml": ROOT }, ["all.yaml", "nope"])).toEqual(["all.yaml", "nope"]);
  });

  it("YAML in no framework's folder: left to the loader as one framework (whose hint says so)", async () => {
    const two = { "all/a/framework.yaml": ROOT, "all/b/framework.yaml": ROOT };
    expect(await expand({ ...two, "all/notes.yaml": "x: 1\n" })).toEqual(["all"]);
    expect(await expand({ ...two, "all/c/deep/notes.yaml": "x: 1\n" })).toEqual(["all"]);
    // what is not YAML is passed over
    expect(await expand({ ...two, "all/README.md": "hi", "all/docs/a.md": "hi" })).toEqual([
      "all/a",
      "all/b",
    ]);
  });

  it("a link out of the folder is not followed", async () => {
    const top = mkdtempSync(join(tmpdir(), "rungs-folders-"));
    try {
      for (const name of ["all/a", "elsewhere"]) mkdirSync(join(top, name), { recursive: true });
      writeFileSync(join(top, "all/a/framework.yaml"), ROOT);
      writeFileSync(join(top, "elsewhere/framework.yaml"), ROOT);
      symlinkSync(join(top, "elsewhere"), join(top, "all/b"));
      expect(await expandFrameworkPaths(["all"], nodeFileSystem, top)).toEqual(["all/a"]);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });
});
