/**
 * `rungs diff` of two folders leaves out the files they share (src/load/diff-sides.ts) and reads the rest
 * with the quick reader: its answer must be the structural diff of the whole versions, loaded the full way,
 * whatever changed where.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffFrameworks } from "../src/core/framework-diff.js";
import { indexFramework } from "../src/core/model.js";
import { withoutSameEntries } from "../src/load/diff-entries.js";
import { nodeFileSystem } from "../src/load/fs-port.js";
import { loadFramework } from "../src/load/load-framework.js";
import { isRootFile } from "../src/load/root-file.js";
import { runIn } from "./support/run-cli.js";

const ROOT = `rungs: 2
id: shop
name: Shop
tracks:
  - id: floor
    name: Floor
levels:
  - id: new
    name: New
    track: floor
  - id: seasoned
    name: Seasoned
    track: floor
    follows: [new]
`;

const area = (id: string, competencies: string[]) =>
  `areas:\n  - id: ${id}\n    name: ${id}\n    competencies:\n${competencies
    .map(
      (c) =>
        `      - id: ${c}\n        expectations:\n          new: Handles ${c} with help.\n          seasoned: Handles ${c} for the whole shop, and shows others how.\n`,
    )
    .join("")}`;

const scratch = mkdtempSync(join(tmpdir(), "rungs-diff-sides-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A version in `name`: the root file and three area files, then `change` applied to copies of them. */
function version(name: string, change: (files: Record<string, string>) => void = () => {}): string {
  const files: Record<string, string> = {
    "framework.yaml": ROOT,
    "areas/counter.yaml": area("counter", ["till", "returns"]),
    "areas/stock.yaml": area("stock", ["ordering", "shelving"]),
    "areas/care.yaml": area("care", ["complaints"]),
  };
  change(files);
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The diff of the whole versions, each loaded the full way on its own. */
async function wholeDiff(before: string, after: string) {
  const load = async (dir: string) => {
    const loaded = await loadFramework(dir, nodeFileSystem, { version: false });
    if (!loaded.framework) throw new Error(`fixture ${dir}`);
    return indexFramework(loaded.framework);
  };
  return diffFrameworks(await load(before), await load(after));
}

async function expectWholeDiff(before: string, after: string) {
  const run = await runIn(scratch, "diff", before, after, "--format", "json");
  expect(run.err).toBe("");
  const { changes } = JSON.parse(run.out);
  expect(changes).toEqual((await wholeDiff(before, after)).changes);
  return changes as { kind: string; change: string; id: string }[];
}

const old = version("old");

describe("rungs diff of folders that share files", () => {
  it("a file changed among unchanged ones: its changes, as a diff of everything finds them", async () => {
    const next = version("reworded", (f) => {
      f["areas/stock.yaml"] = (f["areas/stock.yaml"] as string).replace(
        "Handles ordering with",
        "Orders with",
      );
    });
    const changes = await expectWholeDiff(old, next);
    expect(changes.map((c) => `${c.change} ${c.id}`)).toEqual(["reworded ordering@new"]);
  });

  it("a file changed without changing its size is read, not taken for the same bytes", async () => {
    const after = version("same-size", (files) => {
      files["areas/stock.yaml"] = (files["areas/stock.yaml"] as string).replace(
        "Handles shelving with help.",
        "Handles shelving with care.",
      );
    });
    const changes = await expectWholeDiff(old, after);
    expect(changes.map((c) => `${c.change} ${c.id}`)).toEqual(["reworded shelving@new"]);
  });

  it("a level renamed in the root file renames the cells of the files both versions share", async () => {
    const renamed = (text: string) => text.replaceAll("seasoned", "expert");
    const next = version("level-renamed", (f) => {
      for (const path of Object.keys(f)) f[path] = renamed(f[path] as string);
      f["areas/care.yaml"] = area("care", ["complaints", "refunds"]);
      // the other area files keep naming the old level, as an unfinished rename would
      f["areas/counter.yaml"] = readFileSync(join(old, "areas/counter.yaml"), "utf8");
    });
    const changes = await expectWholeDiff(old, next);
    expect(changes.some((c) => c.kind === "level" && c.change === "renamed")).toBe(true);
  });

  it("an id's fate declared in a shared file is still told (renamedFrom)", async () => {
    const base = version("declared-old", (f) => {
      f["areas/care.yaml"] = area("care", ["complaints"]).replace(
        "      - id: complaints\n",
        "      - id: complaints\n        renamedFrom: [grumbles]\n",
      );
      f["areas/stock.yaml"] = area("stock", ["ordering", "shelving", "grumbles"]);
    });
    const next = join(scratch, "declared-new");
    cpSync(base, next, { recursive: true });
    writeFileSync(join(next, "areas/stock.yaml"), area("stock", ["ordering", "shelving"]));
    const changes = await expectWholeDiff(base, next);
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: "competency", change: "removed", id: "grumbles" }),
    );
  });

  it("a broken file both versions share is not read; a broken changed file is still located", async () => {
    const broken = version("broken", (f) => {
      f["areas/stock.yaml"] = "areas: [\n";
    });
    const run = await runIn(scratch, "diff", old, broken);
    expect(run.status).toBe(2);
    expect(run.err).toMatch(/cannot diff .*broken: .*areas\/stock\.yaml:1:8: /);
  });

  it("changed files of different sizes read one after another are each cut from their own bytes", async () => {
    // the care file grows past the others, so the files after it are read into a buffer holding more bytes
    const next = version("sizes", (f) => {
      f["areas/care.yaml"] = area("care", ["complaints", "refunds", "returns-desk", "vouchers", "queries"]);
      f["areas/counter.yaml"] = (f["areas/counter.yaml"] as string).replace(
        "Handles till with",
        "Runs the till with",
      );
      f["areas/stock.yaml"] = (f["areas/stock.yaml"] as string).replace(
        "Handles shelving with help.",
        "Shelves.",
      );
    });
    const changes = await expectWholeDiff(next, old);
    expect(changes.map((c) => `${c.change} ${c.kind} ${c.id}`)).toEqual(
      expect.arrayContaining([
        "reworded expectation till@new",
        "reworded expectation shelving@new",
        "removed competency vouchers",
      ]),
    );
  });

  it("a competency moved from one changed file to another is moved, whatever the file left the same", async () => {
    const next = version("moved", (f) => {
      f["areas/counter.yaml"] = area("counter", ["till"]);
      f["areas/care.yaml"] = area("care", ["complaints", "returns"]);
    });
    const changes = await expectWholeDiff(old, next);
    expect(changes).toEqual([
      { kind: "competency", change: "moved", id: "returns", parent: { from: "counter", to: "care" } },
    ]);
  });

  it("a file written again with CRLF line ends, a BOM, or both, is the same framework", async () => {
    for (const [name, write] of [
      ["crlf", (text: string) => text.replaceAll("\n", "\r\n")],
      ["bom", (text: string) => `\ufeff${text}`],
      ["bom-crlf", (text: string) => `\ufeff${text.replaceAll("\n", "\r\n")}`],
    ] as const) {
      const next = version(name, (f) => {
        f["framework.yaml"] = write(f["framework.yaml"] as string);
        f["areas/stock.yaml"] = write(
          (f["areas/stock.yaml"] as string).replace("Handles ordering with", "Orders with"),
        );
      });
      const changes = await expectWholeDiff(old, next);
      expect(changes.map((c) => `${c.change} ${c.id}`)).toEqual(["reworded ordering@new"]);
    }
  });

  it("finds the root in bytes as in text: quoted, after a comment, after any line end", () => {
    const roots = [
      "rungs: 2\nid: x\n",
      '"rungs": 2\n',
      "'rungs' : 2\n",
      "# the shop\nrungs: 2\n",
      "id: x\r\nrungs: 2\r\n",
      "id: x\rrungs: 2\n",
      "id: x\u2028rungs: 2\n",
      "id: x\u2029'rungs': 2\n",
      'areas: []\n"rungs":\n  2\n',
      "\ufeffrungs: 2\n",
      "\ufeff'rungs': 2\n",
      // one flow mapping (or JSON), its keys anywhere on its lines
      "{rungs: 2, id: x}\n",
      '{"id": "x", "rungs": 2}\n',
      "# the shop\n%YAML 1.2\n---\n{ id: x,\n  'rungs': 2 }\n",
      "--- {id: x,\n  rungs: 2}\n",
      "\ufeff{id: x, areas: [{id: a}],\nrungs: 2}\n",
    ];
    const others = [
      "id: x\n  rungs: 2\n",
      "name: rungs: 2\n",
      "description: the rungs of a ladder\n",
      "id: x\n",
      "id: x\r\nxrungs: 2\r\n",
      "\ufeff rungs: 2\n",
      "x\ufeffrungs: 2\n",
      "{id: x, areas: [{rungs: 2}]}\n",
      "id: {rungs: 2}\n",
      "[{rungs: 2}]\n",
      '{"description": "rungs: 2"}\n',
    ];
    for (const text of [...roots, ...others]) {
      const expected = roots.includes(text);
      expect([text, isRootFile(text)]).toEqual([text, expected]);
      expect([text, isRootFile(Buffer.from(text))]).toEqual([text, expected]);
    }
  });

  it("inside a changed file, competencies and expectations written the same are left out of both sides", async () => {
    // three levels, so a competency has expectations the same on both sides around the changed one
    const three = (text: string) =>
      text
        .replace(
          "    follows: [new]\n",
          "    follows: [new]\n  - id: lead\n    name: Lead\n    track: floor\n    follows: [seasoned]\n",
        )
        .replaceAll(
          /( +)seasoned: Handles (\S+) for the whole shop, and shows others how.\n/g,
          "$1seasoned: Handles $2 for the whole shop, and shows others how.\n$1lead:\n$1  statement: Sets how the shop does $2.\n$1  elaboration: >-\n$1    Looks like a list but is text:\n$1    - id: $2\n",
        );
    const base = version("cells-old", (f) => {
      for (const path of Object.keys(f)) f[path] = three(f[path] as string);
      f["areas/stock.yaml"] = three(area("stock", ["ordering", "shelving", "counting", "receiving"]));
    });
    const next = version("cells-new", (f) => {
      for (const path of Object.keys(f)) f[path] = three(f[path] as string);
      f["areas/stock.yaml"] = three(area("stock", ["ordering", "counting", "receiving", "pricing"]))
        .replace("Handles ordering with help.", "Orders with help.")
        .replace("Sets how the shop does counting.", "Decides how the shop counts.")
        .replace("          seasoned: Handles receiving for the whole shop, and shows others how.\n", "");
    });
    // the stock file is cut: the same competencies and cells are gone from both texts, the changed ones stay
    const read = (dir: string) => readFileSync(join(dir, "areas/stock.yaml"), "utf8");
    const cut = withoutSameEntries(read(base), read(next));
    expect(cut?.before).not.toContain("Handles counting for the whole shop");
    expect(cut?.before).toContain("Sets how the shop does counting.");
    expect(cut?.after).toContain("Decides how the shop counts.");
    const changes = await expectWholeDiff(base, next);
    expect(changes.map((c) => `${c.change} ${c.kind} ${c.id}`).sort()).toEqual([
      "changed expectation pricing@lead",
      "removed expectation receiving@seasoned",
      "renamed competency pricing",
      "reworded competency pricing",
      "reworded expectation counting@lead",
      "reworded expectation ordering@new",
      "reworded expectation pricing@lead",
      "reworded expectation pricing@new",
      "reworded expectation pricing@seasoned",
    ]);
  });
});

describe("withoutSameEntries on bytes", () => {
  const text = area("stock", ["ordering", "shelving", "counting"]);
  const changed = text.replace("Handles counting with help.", "Counts with help.");

  it("cuts files read as bytes as it cuts their text", () => {
    const fromBytes = withoutSameEntries(Buffer.from(text), Buffer.from(changed));
    expect(fromBytes).toEqual(withoutSameEntries(text, changed));
    expect(fromBytes?.before).not.toContain("shelving");
    expect(fromBytes?.after).toContain("Counts with help.");
  });

  it("leaves whole a file that names an old id, on either side: the fate of an id removed elsewhere", () => {
    const renaming = changed.replace(
      "      - id: counting\n",
      "      - id: counting\n        renamedFrom: [tallying]\n",
    );
    expect(renaming).not.toBe(changed);
    expect(withoutSameEntries(text, renaming)).toBeUndefined();
    expect(withoutSameEntries(renaming, text)).toBeUndefined();
  });

  it("cuts a changed file the same when its lines no longer pair off (one added or removed)", () => {
    // lines changed in place are found by comparing the two texts line for line; a line added above them
    // sends the cut to comparing entries and cells as bytes, which must leave out the same lines
    const aligned = withoutSameEntries(text, changed);
    const shifted = withoutSameEntries(text, `# moved down a line\n${changed}`);
    expect(aligned?.before).not.toContain("shelving");
    expect(shifted).toEqual({ before: aligned?.before, after: `# moved down a line\n${aligned?.after}` });
    const twice = changed.replace("Handles ordering with help.", "Orders with help.");
    const both = withoutSameEntries(text, twice);
    expect(withoutSameEntries(text, `${twice}# the end\n`)).toEqual({
      before: both?.before,
      after: `${both?.after}# the end\n`,
    });
  });

  it("reads again the cells of a competency whose lines changed in place changed their keys", () => {
    // a level's key rewritten in place: the cells are not those of the old text (here a level repeats, and
    // the file is left whole for the reader to report)
    const twice = changed.replace(
      "new: Handles shelving with help.",
      "seasoned: Handles shelving with help.",
    );
    expect(twice).not.toBe(changed);
    expect(withoutSameEntries(text, twice)).toBeUndefined();
    // a key renamed in place is an expectation removed and one added, as when read from scratch
    const renamed = changed.replace("new: Handles shelving with help.", "lead: Handles shelving with help.");
    expect(withoutSameEntries(text, renamed)?.after).toContain("lead: Handles shelving with help.");
  });

  it("cuts 100,000 lines changed in place, as when they do not pair off", () => {
    // hostile: every line of a large file changed in place, so that each is found and measured on its own
    const ids = Array.from({ length: 25_000 }, (_, i) => `c${i}`);
    const big = area("stock", ids);
    const reworded = big.replaceAll("with help.", "with some help.");
    expect(big.split("\n").length).toBeGreaterThan(100_000);
    const aligned = withoutSameEntries(big, reworded);
    expect(aligned?.after).toContain("Handles c24999 with some help.");
    expect(withoutSameEntries(big, `# shifted\n${reworded}`)).toEqual({
      before: aligned?.before,
      after: `# shifted\n${aligned?.after}`,
    });
  });

  it("looks for old ids wherever `From` is, and only there", () => {
    // `renamedFrom` is found by its `From`, at the very start too; a `From` alone names nothing
    const from = changed.replace("Counts with help.", "From the start, counts.");
    expect(withoutSameEntries(`From: x\n${text}`, from)?.after).toContain("From the start, counts.");
    expect(withoutSameEntries(`renamedFrom: x\n${text}`, from)).toBeUndefined();
    expect(withoutSameEntries(text, `${from}# renamedFrom\n`)).toBeUndefined();
  });

  it("does not cut a file whose lines changed in place name an old id, hold a tab or end the document", () => {
    // only the changed lines of the new text are looked at: the others are those of the old one
    expect(
      withoutSameEntries(text, changed.replace("shelving with", "shelving, renamedFrom x, with")),
    ).toBeUndefined();
    expect(withoutSameEntries(text, changed.replace("shelving with", "shelving\twith"))).toBeUndefined();
    expect(withoutSameEntries(text, changed.replace("      - id: shelving", "---"))).toBeUndefined();
  });

  it("leaves whole the root file, changed, however its key is written", () => {
    for (const key of ["rungs", "'rungs'", '"rungs"', "\ufeffrungs"]) {
      const root = `${key}: 2\n${text}`;
      expect([key, withoutSameEntries(root, root.replace("Handles counting", "Counts"))]).toEqual([
        key,
        undefined,
      ]);
    }
    // a fragment whose text merely mentions rungs is cut
    expect(withoutSameEntries(`# rungs: 2\n${text}`, `# rungs: 2\n${changed}`)).toBeDefined();
  });

  it("leaves whole a file that is not UTF-8, for the reader to report", () => {
    const broken = Buffer.concat([Buffer.from(changed), Buffer.from([0xff, 0x0a])]);
    expect(withoutSameEntries(Buffer.from(text), broken)).toBeUndefined();
  });
});
