/** `rungs fmt [paths] [--check]` on files written here: lists, rewrites, then finds nothing more to do. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/program.js";

const scratch = mkdtempSync(join(tmpdir(), "rungs-fmt-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => {
    out += c;
  });
  stderr.on("data", (c) => {
    err += c;
  });
  const status = await runCli(args, { stdout, stderr, env: {}, cwd: scratch });
  return { status, out, err };
}

const MESSY = `name: "Tiny" # shown on every page
rungs: 2
id: tiny
tracks: [{name: Trunk, id: trunk}]
`;

describe("rungs fmt", () => {
  it("--check lists what would change and exits 1; fmt rewrites it; then --check exits 0", async () => {
    mkdirSync(join(scratch, "fw"));
    writeFileSync(join(scratch, "fw/framework.yaml"), MESSY);
    writeFileSync(
      join(scratch, "fw/levels.yaml"),
      "levels:\n  - id: junior\n    name: Junior\n    track: trunk\n",
    );
    expect(await cli("fmt", "--check", "fw")).toEqual({
      status: 1,
      out: "would reformat  fw/framework.yaml\n",
      err: "",
    });
    expect(readFileSync(join(scratch, "fw/framework.yaml"), "utf8")).toBe(MESSY);
    expect(await cli("fmt", "fw")).toMatchObject({ status: 0, out: "reformatted  fw/framework.yaml\n" });
    expect(readFileSync(join(scratch, "fw/framework.yaml"), "utf8")).toBe(
      "rungs: 2\nid: tiny\nname: Tiny # shown on every page\ntracks: [{id: trunk, name: Trunk}]\n",
    );
    expect(await cli("fmt", "--check", "fw")).toEqual({ status: 0, out: "", err: "" });
  });

  it("the bundled examples are in the canonical layout: --check passes on every one", async () => {
    const examples = fileURLToPath(new URL("../examples/", import.meta.url));
    const all = readdirSync(examples).map((name) => join(examples, name));
    expect(all.length).toBeGreaterThan(5);
    expect(await cli("fmt", "--check", ...all)).toEqual({ status: 0, out: "", err: "" });
  });

  it("a file that does not parse, or a missing path, exits 2 with a located message", async () => {
    writeFileSync(join(scratch, "broken.yaml"), "rungs: 2\nname: [Tiny\n");
    expect(await cli("fmt", "broken.yaml")).toEqual({
      status: 2,
      out: "",
      err: "rungs: broken.yaml:2:7: this [ is never closed\n",
    });
    expect((await cli("fmt", "nowhere")).status).toBe(2);
  });

  it("a file that is not YAML, or a directory without any, exits 2 instead of doing nothing silently", async () => {
    writeFileSync(join(scratch, "notes.txt"), "name: looks like YAML\n");
    expect(await cli("fmt", "notes.txt")).toEqual({
      status: 2,
      out: "",
      err: "rungs: notes.txt: not a framework file (.yaml or .yml)\n",
    });
    mkdirSync(join(scratch, "empty"));
    expect(await cli("fmt", "--check", "empty")).toEqual({
      status: 2,
      out: "",
      err: "rungs: empty: no .yaml or .yml files in this directory\n",
    });
  });
});
