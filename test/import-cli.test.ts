/**
 * `rungs import` on bad input: wrong columns, a missing level, duplicate ids, formulas, a huge sheet, zip
 * bombs dressed as .xlsx, --strict on a bend. Each gives located errors, exits 1 and writes nothing. And
 * the happy path: the template imports, and `rungs export` writes what `rungs import` reads.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { hostileFt } from "./support/hostile-ft.js";
import { runIn } from "./support/run-cli.js";

const scratch = mkdtempSync(join(tmpdir(), "rungs-import-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cli = (...args: string[]) => runIn(scratch, ...args);

const HEAD = "framework,track,level,level_name,follows,area,competency,expectation";

/** Writes `name` in the scratch folder, imports it, and expects exit 1, these messages, and no output. */
async function refused(name: string, content: string | Uint8Array, messages: string[], ...extra: string[]) {
  writeFileSync(join(scratch, name), content);
  const out = `out-${name}`;
  const format = name.endsWith(".xlsx") ? "xlsx" : name.endsWith(".yml") ? "ft" : "csv";
  const run = await cli("import", format, name, "--out", out, ...extra);
  for (const message of messages) expect(run.err).toContain(message);
  expect(run.err).toContain("nothing was written");
  expect(run.status).toBe(1);
  expect(existsSync(join(scratch, out))).toBe(false);
  return run;
}

describe("rungs import refuses bad input with located errors and writes nothing", () => {
  it("csv: wrong columns, a missing level, duplicate ids, an unknown follows, --strict", async () => {
    await refused("columns.csv", "Name,Email\nAda,ada@example.com\n", [
      'columns.csv:1: no level column: the header has "Name", "Email"',
    ]);
    await refused(
      "missing-level.csv",
      `${HEAD}\nfw,ic,junior,Junior,,craft,testing,Writes tests\nfw,ic,,,,craft,testing,Reviews tests\n`,
      ['missing-level.csv:3:3 (column "level"): an expectation without a level (missing level)'],
    );
    await refused("duplicate.csv", `${HEAD}\nfw,ic,junior,Junior,,,,\nfw,ic,junior,Senior,,,,\n`, [
      'duplicate.csv:3:4 (column "level_name"): level "junior" has name "Senior" here but "Junior" at line 2, column 4',
    ]);
    await refused("follows.csv", `${HEAD}\nfw,ic,junior,Junior,,,,\nfw,ic,mid,Mid,nobody,,,\n`, [
      'follows.csv:3:5 (column "follows"): follows unknown level "nobody"',
    ]);
    // a column that is not part of the layout is a bend: dropped, and an error under --strict
    await refused(
      "strict.csv",
      `${HEAD},colour\nfw,ic,junior,Junior,,craft,testing,Writes tests,blue\n`,
      ['strict.csv:1:9: dropped (--strict): column "colour" is not part of the layout; ignored'],
      "--strict",
    );
  });

  it("csv: every problem in a cell names its line, column and header, as the file writes it", async () => {
    // a sheet in another team's words: the headers are the layout's aliases
    const sheet = [
      "Grade,Theme,Skill,Statement,As before",
      "junior,Craft,Testing,Writes tests for their change.,",
      "senior,Craft,Testing,Decides what the team tests.,perhaps",
      'staff,Craft,Testing,"Sets how teams test."x,',
    ].join("\n");
    await refused("quotes.csv", `${sheet}\n`, [
      'quotes.csv:4:4 (column "Statement"): unexpected text after a closing quote in field 4',
    ]);
    const fixed = sheet.replace('"Sets how teams test."x', "Sets how teams test.");
    await refused("aliases.csv", `${fixed}\n`, [
      'aliases.csv:3:5 (column "As before"): unchanged "perhaps" is neither yes nor no',
    ]);
    // no competency column at all: the row is the place
    await refused("no-skill.csv", "Grade,Statement\njunior,Writes tests.\n", [
      "no-skill.csv:2: an expectation without a competency",
    ]);
  });

  it("csv: more rows than an import reads", async () => {
    const rows = "fw,ic,junior,Junior,,,,\n".repeat(100_001);
    await refused("huge.csv", `${HEAD}\n${rows}`, ["huge.csv:100002: more than 100000 rows"]);
  });

  it("hostile: 100,000 rows that each bend list the first hundred under --strict, then count the rest", async () => {
    const rows = Array.from({ length: 99_999 }, (_, i) => `fw,ic,junior,Junior,,,skill-${i},Does it.\n`);
    const run = await refused(
      "bends.csv",
      `${HEAD}\n${rows.join("")}`,
      ["bends.csv: … and 99900 more bends"],
      "--strict",
    );
    expect(run.err.split("\n").length).toBeLessThan(110);
  });

  it("hostile: an FT file in flow style, read in the import's thread, ends in a located error", async () => {
    // read in the import's own thread (src/import/import-thread.ts), with the bounds the web import uses too:
    // that they let a file of seconds of the yaml library's work through to rungs check is the web's test
    // (framework-import/routes.test.ts, 2 MB); the bounds themselves are tested in import-thread.test.ts.
    // Here a few hundred competencies in one cell, past the 100 that rungs check takes, as those 2 MB are:
    // refused where the file holds them, before the layout and the check
    await refused("hostile.yml", hostileFt(20_000), [
      "hostile.yml:1: competency t at level a: 284 criteria, more than the 100 a cell may hold",
    ]);
  });

  it("hostile: an FT file of 30,000 levels is refused at the first level past the bound, before layout", async () => {
    // 30,000 levels of three entries each: under the bound on a YAML input's entries, over the one on levels
    const levels = Array.from({ length: 30_000 }, (_, i) => `  - id: l${i}\n    name: Level ${i}\n`);
    const rows = "competencies:\n  - id: c\n    level: l0\n    theme: t\n    summary: Does it.\n";
    const file = `name: Tall\nlevels:\n${levels.join("")}themes:\n  - id: t\n    name: T\n${rows}`;
    // line 2003 is level 1,001: the levels start on line 3, two lines each
    await refused("tall.yml", file, [
      "tall.yml:2003: 30,000 levels, more than the 1,000 an imported framework",
    ]);
  }, 120_000);

  it("xlsx: formulas are never evaluated; zip bombs are refused before exceljs inflates them", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Rows");
    sheet.addRow(["level", "track", "competency", "area", "expectation"]);
    sheet.addRow(["junior", "ic", "testing", "craft", { formula: "1+1", result: 2 }]);
    const formula = new Uint8Array(await workbook.xlsx.writeBuffer());
    await refused("formula.xlsx", formula, [
      'formula.xlsx#Rows!E2 (column "expectation"): holds a formula; rungs never evaluates formulas',
    ]);

    // one entry that inflates far beyond the size it declares
    const zeros = zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(4 * 1024 * 1024) });
    const lying = patchDeclaredSize(zeros, 1000);
    await refused("lying.xlsx", lying, [
      "lying.xlsx: zip entry xl/worksheets/sheet1.xml inflates to more than it declares",
    ]);
    const huge = patchDeclaredSize(zeros, 0xfffffff0);
    await refused("huge.xlsx", huge, [
      "huge.xlsx: zip entry xl/worksheets/sheet1.xml would inflate to 4294967280 bytes",
    ]);
    const many = zipSync(
      Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`x/${i}.xml`, new Uint8Array(1)])),
    );
    await refused("many.xlsx", many, ["many.xlsx: holds 2001 zip entries, more than the 2000 read"]);
    await refused("not-a-zip.xlsx", "level,track\n", ["not-a-zip.xlsx: is not a zip archive"]);

    // the "billion laughs": entities that each expand to ten of the one before, declared in a sheet's DOCTYPE
    const parts = unzipSync(formula);
    const laughs = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`);
    const doctype = `<!DOCTYPE worksheet [<!ENTITY l0 "ha">${laughs.join("")}]>`;
    const xml = new TextDecoder().decode(parts["xl/worksheets/sheet1.xml"]);
    const [first, ...rest] = xml.split("\n");
    const bombed = [first, `  ${doctype}`, ...rest].join("\n").replace("<v>2</v>", "<v>&l10;</v>");
    parts["xl/worksheets/sheet1.xml"] = new TextEncoder().encode(bombed);
    await refused("laughs.xlsx", zipSync(parts), [
      "laughs.xlsx/xl/worksheets/sheet1.xml:2:3: declares XML entities (a DOCTYPE), which rungs does not expand",
    ]);
  });
});

/** Sets the uncompressed size the zip's (only) entry declares, in its local and central headers. */
function patchDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const copy = new Uint8Array(zip);
  const view = new DataView(copy.buffer);
  for (let at = 0; at < copy.length - 4; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint32(at + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, size, true);
  }
  return copy;
}

describe("rungs import and rungs export", () => {
  it("imports the csv template, refuses to overwrite without --force, and round-trips through export", async () => {
    const template = await cli("import", "csv", "--template", "--out", "template.csv");
    expect(template.status).toBe(0);
    const first = await cli("import", "csv", "template.csv", "--out", "tpl");
    expect(first.err).toBe("");
    expect(first.out).toContain("imported My team (my-team): 3 levels, 1 track, 1 area, 2 competencies");
    expect(first.status).toBe(0);
    // the template shows format 2's columns: a role, a competency's own steps, unchanged, a role's own cell,
    // descriptions and a cell that does not apply, with its note
    expect(readFileSync(join(scratch, "tpl", "framework.yaml"), "utf8")).toContain("family: engineering");
    const craft = readFileSync(join(scratch, "tpl", "areas/1-craft.yaml"), "utf8");
    for (const text of [
      "step: owning",
      "unchanged: true",
      "backend:",
      "- id: shaping",
      "description: Helping others grow.",
      "notApplicable: true",
      "note: Mentoring is expected from senior engineers on.",
    ])
      expect(craft).toContain(text);
    const again = await cli("import", "csv", "template.csv", "--out", "tpl");
    expect(again.err).toContain("already holds framework files (use --force to replace them)");
    expect(again.status).toBe(1);
    const check = await cli("check", "tpl");
    expect(check.status).toBe(0);

    const exported = await cli("export", "xlsx", "tpl", "--out", "tpl.xlsx");
    expect(exported.status).toBe(0);
    const back = await cli("import", "xlsx", "tpl.xlsx", "--out", "tpl2");
    expect(back.status).toBe(0);
    for (const file of ["framework.yaml", "areas/1-craft.yaml"])
      expect(readFileSync(join(scratch, "tpl2", file), "utf8")).toBe(
        readFileSync(join(scratch, "tpl", file), "utf8"),
      );
    expect((await cli("import", "nope", "x", "--out", "y")).status).toBe(2);
    expect((await cli("export", "nope", "--out", "y")).status).toBe(2);
  });

  it("a folder given where a file is meant (an input, the map, the template's --out) is said as such: 2", async () => {
    mkdirSync(join(scratch, "a-folder"), { recursive: true });
    writeFileSync(join(scratch, "one.csv"), "level,competency,expectation\njunior,testing,Writes tests.\n");
    rmSync(join(scratch, "pipe.csv"), { force: true });
    execFileSync("mkfifo", [join(scratch, "pipe.csv")]);
    const cases = [
      [
        ["import", "csv", "a-folder", "--out", "o"],
        "rungs: a-folder: a folder without a file the csv import reads (.csv)\n",
      ],
      [
        ["import", "csv", "one.csv", "--map", "a-folder", "--out", "o"],
        "rungs: cannot read a-folder: it is a folder",
      ],
      [["import", "csv", "missing.csv", "--out", "o"], "rungs: cannot read missing.csv: no such file\n"],
      // a named pipe would wait for a writer for ever: refused unread
      [
        ["import", "csv", "pipe.csv", "--out", "o"],
        "rungs: cannot read pipe.csv: it is not a regular file\n",
      ],
      [
        ["import", "csv", "--template", "--out", "a-folder"],
        `${join(scratch, "a-folder")}: is a folder, where`,
      ],
    ] as const;
    for (const [args, message] of cases) {
      const run = await cli(...args);
      expect(run.err).toContain(message);
      expect(run.status).toBe(2);
    }
  });
});

describe("rungs import monzo with the generic framework", () => {
  it("writes the generic and the framework that extends it side by side, each passing rungs check", async () => {
    const fixtures = join(import.meta.dirname, "fixtures/import/monzo");
    const run = await cli(
      "import",
      "monzo",
      join(fixtures, "generic.md"),
      join(fixtures, "data-platform.md"),
      "--out",
      "monzo",
    );
    expect(run.status).toBe(0);
    expect(run.out).toContain("run `rungs check monzo/engineering-data-platform`");
    expect(readFileSync(join(scratch, "monzo/engineering-data-platform/framework.yaml"), "utf8")).toContain(
      "extends: ../generic",
    );
    for (const folder of ["generic", "engineering-data-platform"])
      expect((await cli("check", join("monzo", folder))).status).toBe(0);
    // a second import refuses to overwrite either folder, and writes nothing
    const again = await cli(
      "import",
      "monzo",
      join(fixtures, "generic.md"),
      join(fixtures, "data-platform.md"),
      "--out",
      "monzo",
    );
    expect(again.status).toBe(1);
    expect(again.err).toContain("already holds framework files");
  });
});

describe("rungs import of a folder", () => {
  it("reads the files of the format under it, as Pathway's data folder is published; rungs check passes", async () => {
    const data = join(scratch, "pathway-data");
    cpSync(join(import.meta.dirname, "fixtures/import/pathway"), data, {
      recursive: true,
      filter: (path) => !path.includes(".golden"),
    });
    const run = await cli("import", "pathway", "pathway-data", "--out", "from-folder");
    expect(run.err).toBe("");
    expect(run.status).toBe(0);
    // each file is named as it sits under the folder given
    expect(run.out).toContain("pathway-data/capabilities/building.yaml:");
    // the questions and the folders' listings are skipped unread, said once
    expect(run.out.match(/not read, by design/g)).toHaveLength(1);
    expect(run.out).toContain(
      "dropped  pathway-data: not read, by design (no place in a rungs framework): pathway-data/questions/ (interview questions); 2 files named _index.yaml or _index.yml (Pathway's listings of its folders)\n",
    );
    const check = await cli("check", "from-folder");
    expect(check.status).toBe(0);
    expect(check.out).toContain("0 errors");
  });

  it("a real-sized Pathway folder: 600 question files are skipped, never counted against the files read", async () => {
    const data = join(scratch, "pathway-large");
    cpSync(join(import.meta.dirname, "fixtures/import/pathway"), data, {
      recursive: true,
      filter: (path) => !path.includes(".golden"),
    });
    for (const kind of ["skills", "behaviours", "capabilities"]) {
      mkdirSync(join(data, "questions", kind), { recursive: true });
      for (let i = 0; i < 200; i++)
        writeFileSync(
          join(data, "questions", kind, `q${i}.yaml`),
          `working:\n  - id: q${i}\n    text: Why?\n`,
        );
    }
    const run = await cli("import", "pathway", "pathway-large", "--out", "large-out");
    expect(run.err).toBe("");
    expect(run.status).toBe(0);
    expect(run.out).toContain("pathway-large/questions/ (interview questions)");
    expect((await cli("check", "large-out")).status).toBe(0);
  });

  it("a folder holding only what the format skips by design says so: 2", async () => {
    mkdirSync(join(scratch, "only-questions/questions/skills"), { recursive: true });
    writeFileSync(join(scratch, "only-questions/questions/skills/x.yaml"), "working: []\n");
    const run = await cli("import", "pathway", "only-questions", "--out", "only-out");
    expect(run.err).toBe(
      `rungs: only-questions: a folder without a file the pathway import reads (.yaml, .yml); not read, by design (no place in a rungs framework): ${join("only-questions", "questions")}/ (interview questions)\n`,
    );
    expect(run.status).toBe(2);
  });

  it("a folder of more files than an import reads is a usage error: 2, nothing written", async () => {
    mkdirSync(join(scratch, "crowded/deeper"), { recursive: true });
    for (let i = 0; i < 501; i++)
      writeFileSync(join(scratch, "crowded", i % 2 ? "deeper" : "", `l${i}.yaml`), `- id: l${i}\n`);
    const run = await cli("import", "pathway", "crowded", "--out", "crowded-out");
    expect(run.err).toBe(
      "rungs: crowded: more than 500 files to read; an import reads at most 500 files: name the files to read\n",
    );
    expect(run.status).toBe(2);
    expect(existsSync(join(scratch, "crowded-out"))).toBe(false);
  });

  it("files that together hold more bytes than an import reads are refused at the file past the bound: 2", async () => {
    mkdirSync(join(scratch, "heavy"), { recursive: true });
    // each file under the bound of one file; together past it
    for (const name of ["a", "b", "c"])
      writeFileSync(join(scratch, "heavy", `${name}.yaml`), "#".repeat(8 << 20));
    const run = await cli("import", "pathway", "heavy", "--out", "heavy-out");
    expect(run.err).toBe(
      `rungs: ${join("heavy", "c.yaml")}: the inputs up to this file hold 24 MiB, more than the 20 MiB an import reads\n`,
    );
    expect(run.status).toBe(2);
    expect(existsSync(join(scratch, "heavy-out"))).toBe(false);
  });
});
