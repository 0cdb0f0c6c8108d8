/**
 * `rungs build`: on worker threads the same bytes as on one; `--incremental` leaves an unchanged site alone and
 * rewrites only the files a change changes (a one-word change: the pages that show the word). Runs the built
 * binary (`npm run build` first).
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateFramework } from "../../bench/generate.js";
import { runBuilt } from "../../test/support/run-cli.js";
import { BUILD_MANIFEST } from "./build-command.js";

const root = new URL("../../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "rungs-build-incremental-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `rungs build` as the built binary runs it: its status and what it printed (stdout, then stderr). */
async function build(...args: string[]): Promise<{ status: number; out: string }> {
  const { status, out, err } = await runBuilt(dir, "build", ...args);
  return { status, out: out + err };
}

describe("rungs build --incremental", () => {
  it("skips an unchanged site, rewrites only changed files and removes the ones the site lost", async () => {
    const fw = join(dir, "fw");
    cpSync(join(root, "examples/seed-forked-ladder"), fw, { recursive: true });
    const yaml = join(fw, "framework.yaml");
    const first = await build(fw, "--out", "site", "--incremental");
    expect(first.status).toBe(0);
    expect(first.out).toMatch(/wrote (\d+) files to site/);
    // the spreadsheet export's zip library once printed Node's DEP0005 (new Buffer) on every build
    expect(first.out).not.toMatch(/Warning/);
    const total = Number(/wrote (\d+) files/.exec(first.out)?.[1]);
    const manifest = JSON.parse(readFileSync(join(dir, "site", BUILD_MANIFEST), "utf8"));
    expect(manifest.files).toHaveLength(total);

    const again = await build(fw, "--out", "site", "--incremental");
    expect(again).toEqual({
      status: 0,
      out: "rungs: site is up to date (nothing changed since it was built)\n",
    });

    // the spreadsheet downloads the pages link to are written beside them
    const xlsx = join(dir, "site/frameworks/seed-forked-ladder/export/framework.xlsx");
    expect(readFileSync(xlsx).subarray(0, 2).toString("latin1")).toBe("PK");
    expect(
      readFileSync(join(dir, "site/frameworks/seed-forked-ladder/export/framework.csv"), "utf8"),
    ).toMatch(/^framework,/);

    const junior = join(dir, "site/frameworks/seed-forked-ladder/levels/junior/index.html");
    const matrix = join(dir, "site/frameworks/seed-forked-ladder/matrix/index.html");
    expect(readFileSync(matrix, "utf8")).not.toContain("well-described");
    const untouched = statSync(matrix).mtimeMs;
    writeFileSync(
      yaml,
      readFileSync(yaml, "utf8").replace(
        "Finishes a well-described task",
        "Finishes a clearly described task",
      ),
    );
    // a file the last build wrote and this one will not (and one outside the folder the manifest names)
    writeFileSync(join(dir, "site/stale.html"), "old");
    writeFileSync(join(dir, "outside.txt"), "keep");
    manifest.files.push(["stale.html", "x"], ["../outside.txt", "y"]);
    writeFileSync(join(dir, "site", BUILD_MANIFEST), JSON.stringify(manifest));
    const changed = await build(fw, "--out", "site", "--incremental");
    expect(changed.status).toBe(0);
    const [, written = 0, changedCount = 0, unchanged = 0, removed = 0] =
      /wrote (\d+) files .*\((\d+) changed, (\d+) unchanged, (\d+) removed\)/
        .exec(changed.out)
        ?.map(Number) ?? [0, 0, 0, 0];
    expect(written).toBeGreaterThan(0);
    expect(changedCount).toBe(written);
    expect(written).toBeLessThan(total / 2);
    expect(written + unchanged).toBe(total);
    expect(removed).toBe(1);
    expect(readFileSync(junior, "utf8")).toContain("Finishes a clearly described task");
    expect(statSync(matrix).mtimeMs === untouched || !readFileSync(matrix, "utf8").includes("clearly")).toBe(
      true,
    );
    expect(existsSync(join(dir, "site/stale.html"))).toBe(false);
    expect(readFileSync(join(dir, "outside.txt"), "utf8")).toBe("keep");
  }, 120_000);
});

describe("rungs build: the search index's thread", () => {
  it("writes a large index in parts, lists them in the manifest and rewrites only what a change touches", async () => {
    // above SHARD_ABOVE_DOCS documents: the index is split into parts (core/search-shards.ts)
    const fw = generateFramework(join(dir, "large"), { levels: 15, areas: 4, perArea: 20 });
    const first = await build(fw.dir, "--out", "large-site", "--jobs", "1");
    expect(first.status).toBe(0);
    const parts = readdirSync(join(dir, "large-site/search-index"));
    expect(parts.length).toBeGreaterThan(10);
    const manifest = JSON.parse(readFileSync(join(dir, "large-site", BUILD_MANIFEST), "utf8"));
    const names = new Set(manifest.files.map(([name]: [string, string]) => name));
    for (const part of parts) expect(names).toContain(`/search-index/${part}`);
    expect(names).toContain("/search-index.js");
    // a change to a level's summary: the index changes where that text is, its other parts stay as written
    const yaml = join(fw.dir, "framework.yaml");
    writeFileSync(yaml, readFileSync(yaml, "utf8").replace("summary: Regularly", "summary: Often"));
    const again = await build(fw.dir, "--out", "large-site", "--incremental", "--jobs", "2");
    expect(again.status).toBe(0);
    const unchanged = Number(/(\d+) unchanged/.exec(again.out)?.[1]);
    expect(unchanged).toBeGreaterThan(parts.length / 2);

    // one word of one expectation: the pages that show it are rewritten, not every page (the footers of a
    // static site name no content hash, which every change moves; the overview page does)
    const site = (path: string) => join(dir, "large-site/frameworks/large", path);
    const otherArea = statSync(site("areas/area-3/index.html")).mtimeMs;
    const area = join(fw.dir, "areas/area-000.yaml");
    writeFileSync(area, readFileSync(area, "utf8").replace("Regularly documents", "Regularly records"));
    const word = await build(fw.dir, "--out", "large-site", "--incremental", "--jobs", "2");
    expect(word.status).toBe(0);
    const written = Number(/wrote (\d+) files/.exec(word.out)?.[1]);
    expect(written).toBeGreaterThan(5);
    expect(written).toBeLessThan(names.size / 5);
    expect(readFileSync(site("areas/area-0/index.html"), "utf8")).toContain("Regularly records");
    expect(statSync(site("areas/area-3/index.html")).mtimeMs).toBe(otherArea);
    expect(readFileSync(site("areas/area-3/index.html"), "utf8")).not.toContain("sha256:");
    expect(readFileSync(site("index.html"), "utf8")).toMatch(/Framework version sha256:[0-9a-f]{12}</);
  }, 300_000);
});

/** Every file under `dir`, by its path inside it. */
function tree(dir: string): Map<string, Buffer> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(
    files.map((e) => [
      join(e.parentPath, e.name).slice(dir.length + 1),
      readFileSync(join(e.parentPath, e.name)),
    ]),
  );
}

describe("rungs build --jobs", () => {
  it("writes the same bytes on worker threads as on one thread", async () => {
    const examples = ["engineering", "seed-role-profile", "seed-forked-ladder"].map((name) =>
      join(root, "examples", name),
    );
    const one = await build(...examples, "--out", "one", "--jobs", "1");
    expect(one.status).toBe(0);
    const two = await build(...examples, "--out", "two", "--jobs", "2");
    expect(two.status).toBe(0);
    const single = tree(join(dir, "one"));
    const threaded = tree(join(dir, "two"));
    expect([...threaded.keys()].sort()).toEqual([...single.keys()].sort());
    // the workbooks too (zip entries carry a time), the search index parts and the manifest
    expect(single.size).toBeGreaterThan(300);
    const differing = [...single].filter(([name, bytes]) => !threaded.get(name)?.equals(bytes));
    expect(differing.map(([name]) => name)).toEqual([]);
  }, 240_000);

  it("refuses a number of jobs it cannot use, saying what it takes", async () => {
    for (const jobs of ["0", "two", "1.5", "65"]) {
      const run = await build(join(root, "examples/engineering"), "--out", "bad", "--jobs", jobs);
      expect(run.status).toBe(2);
      expect(run.out).toContain(`--jobs must be a whole number from 1 to 64, not "${jobs}"`);
    }
    expect(existsSync(join(dir, "bad"))).toBe(false);
  });

  it("refuses a file that is not a framework, saying so and writing nothing", async () => {
    writeFileSync(join(dir, "notes.txt"), "just some notes\n");
    const run = await build(join(dir, "notes.txt"), "--out", "notes-site");
    // not YAML: refused unread as a path that cannot be a framework (exit 2), as a missing one is
    expect(run.status).toBe(2);
    expect(run.out).toMatch(
      /^rungs: cannot read \S*notes\.txt: not a framework file: a framework is a folder of \.yaml/,
    );
    expect(existsSync(join(dir, "notes-site"))).toBe(false);
  });

  it("says which path it could not write, as the user's problem (exit 2), not a crash", async () => {
    writeFileSync(join(dir, "a-file"), "not a folder");
    const run = await build(join(root, "examples/seed-forked-ladder"), "--out", "a-file/site", "--jobs", "2");
    expect(run.status).toBe(2);
    // whichever thread writes first says it: this one as any command's system error, a worker as a usage error
    expect(run.out).toMatch(
      /^rungs: (build: )?\S*a-file\/site\S*: a part of this path is a file, where a folder is meant \(ENOTDIR, mkdir\)$/m,
    );
    expect(run.out).not.toContain("internal error");
  }, 120_000);
});
