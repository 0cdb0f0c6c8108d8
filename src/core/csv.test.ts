import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.js";

/** Writes records the way a spreadsheet does: a field is quoted when it must be, quotes doubled inside. */
function writeCsv(records: string[][], newline: string): string {
  return records
    .map((fields) =>
      fields.map((f) => (/[",\r\n]/.test(f) || f === "" ? `"${f.replaceAll('"', '""')}"` : f)).join(","),
    )
    .join(newline);
}

describe("parseCsv", () => {
  it("reads quoted commas, doubled quotes, line breaks inside quotes, CRLF and a BOM", () => {
    const text =
      '\ufeffname,email\r\n"Lovelace, Ada","a@x"\r\n"Dan ""D"" Smith",d@x\r\n"two\r\nlines",t@x\r\n';
    expect(parseCsv(text)).toEqual({
      records: [
        { line: 1, fields: ["name", "email"] },
        { line: 2, fields: ["Lovelace, Ada", "a@x"] },
        { line: 3, fields: ['Dan "D" Smith', "d@x"] },
        { line: 4, fields: ["two\r\nlines", "t@x"] },
      ],
      problems: [],
    });
  });

  it("numbers records by the line they start on, skipping empty lines, with LF, CRLF or CR alike", () => {
    for (const nl of ["\n", "\r\n", "\r"]) {
      const text = `a,b${nl}${nl}"x${nl}y",z${nl}c,d`;
      expect(parseCsv(text).records.map((r) => r.line)).toEqual([1, 3, 5]);
    }
  });

  it("keeps empty fields, trailing ones included", () => {
    expect(parseCsv("a,,b,\n,\n").records.map((r) => r.fields)).toEqual([
      ["a", "", "b", ""],
      ["", ""],
    ]);
  });

  it("keeps a quote inside an unquoted field as a character, as spreadsheets do", () => {
    expect(parseCsv('6" ruler,x').records[0]?.fields).toEqual(['6" ruler', "x"]);
  });

  it("reports text after a closing quote on its line and field, and reads on", () => {
    const result = parseCsv('a,b\nz,"x"y\nc,d\n');
    expect(result.problems).toEqual([
      { line: 2, field: 2, message: expect.stringContaining("after a closing quote") },
    ]);
    expect(result.records.map((r) => r.line)).toEqual([1, 3]);
  });

  it("reports a quote never closed on the line and field where it opened", () => {
    const result = parseCsv('a,b\nc,d\ne,"open,\nmore\n');
    expect(result.problems).toEqual([
      { line: 3, field: 2, message: expect.stringContaining("never closed") },
    ]);
    expect(result.records.map((r) => r.line)).toEqual([1, 2]);
  });

  it("gives back any records written by a spreadsheet, whatever their text", () => {
    const field = fc.string({
      unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r", "é", "😀"),
      maxLength: 8,
    });
    const record = fc.array(field, { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 6 }),
        fc.constantFrom("\n", "\r\n"),
        (records, nl) => {
          const parsed = parseCsv(writeCsv(records, nl));
          expect(parsed.problems).toEqual([]);
          expect(parsed.records.map((r) => r.fields)).toEqual(records);
        },
      ),
    );
  });

  it("never throws, and every problem points at a line of the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", "\ufeff") }), (text) => {
        const parsed = parseCsv(text);
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const p of parsed.problems) expect(p.line).toBeLessThanOrEqual(lines);
        for (const r of parsed.records) expect(r.line).toBeLessThanOrEqual(lines);
      }),
    );
  });
});
