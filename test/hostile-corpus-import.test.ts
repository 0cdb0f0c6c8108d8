/**
 * What an import says of a hostile file is a screenful, whatever the file held: a message that quotes a
 * cell of 100,000 characters (a header, a column's name) keeps its start, its end and the count of what was
 * left out, instead of printing the cell whole (a 4 MB header was a 4 MB error line, on the terminal and on
 * the import page).
 */
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ignoredColumns, readPeopleCsv } from "../src/core/people-csv.js";
import { formatLocation } from "../src/core/source-location.js";
import { MESSAGE_MAX_LENGTH } from "../src/core/text.js";
import { readPeopleFile } from "../src/import/people-xlsx.js";
import { runImport } from "../src/import/run.js";
import { formatBends, ImportError } from "../src/import/types.js";

const N = 100_000;
const csv = (text: string) => [{ name: "sheet.csv", bytes: new TextEncoder().encode(text) }];
/** Room for the location and the count said in the middle. */
const LINE_MAX = MESSAGE_MAX_LENGTH + 100;

describe("an import's messages about cells of 100,000 characters", () => {
  it("a header of one such cell: one located error, cut in the middle", async () => {
    const error = await runImport("csv", csv(`${"h".repeat(N)}z\n1\n`), {}).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    const message = (error as ImportError).message;
    expect(message.length).toBeLessThan(LINE_MAX);
    expect(message).toMatch(
      /^sheet\.csv:1: no level column: the header has "h+… \([\d,]+ characters left out\) …/,
    );
    // its end, with what to do, is kept
    expect(message).toMatch(/or give --map$/);
  });

  it("columns of such names that the layout ignores: each bend cut, a surrogate pair never split", async () => {
    const name = `${"🙂".repeat(N / 2)}`;
    const run = await runImport("csv", csv(`level,${name},${name}x\nsenior,a,b\n`), {});
    const lines = formatBends(run.bends);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line.length).toBeLessThan(LINE_MAX);
      expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
  });
});

describe("a people import's hostile files", () => {
  it("thousands of ignored columns, one of 100,000 characters: one short line says which", () => {
    const others = Array.from({ length: 5_000 }, (_, i) => `extra ${i}`);
    const csv = readPeopleCsv(`${"x".repeat(N)},Email Address,Full Name,${others.join(",")}\n`, "wide.csv");
    expect([csv.problems, csv.ignored.length]).toEqual([[], 5_001]);
    const line = ignoredColumns(csv.ignored);
    expect(line.length).toBeLessThan(LINE_MAX);
    expect(line).toMatch(/^5001 columns: x+…, extra 0, .*, … \(5001 in all\)$/);
  });

  it("a workbook whose zip entry lies about its size, and bytes that only start like a zip: located, never thrown", async () => {
    const zip = zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(4 * 1024 * 1024) });
    const view = new DataView(zip.buffer);
    for (let at = 0; at < zip.length - 4; at++) {
      if (view.getUint32(at, true) === 0x04034b50) view.setUint32(at + 22, 1000, true);
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 1000, true);
    }
    const lying = await readPeopleFile(zip, "bomb.xlsx");
    const broken = await readPeopleFile(new TextEncoder().encode("PK\x03\x04name,email\n"), "fake.xlsx");
    for (const people of [lying, broken]) {
      expect(people.rows).toEqual([]);
      expect(people.problems.map((p) => [formatLocation(p.at), p.code])).toEqual([
        [`${people.file}:1`, "csv-syntax"],
      ]);
    }
    expect(lying.problems[0]?.message).toContain("inflates to more than it declares");
  });
});
