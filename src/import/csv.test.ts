/**
 * CSV files as spreadsheets save them in other settings: separated by semicolons where the comma is the
 * decimal mark, and Excel's "Unicode text" (UTF-16 with a byte-order mark, separated by tabs). Each reads
 * as its comma-separated UTF-8 twin, with one `guessed` bend naming the separator; and hostile ones stay
 * cheap and located.
 */
import { expect, it } from "vitest";
import { runImport } from "./run.js";
import { formatBends, ImportError } from "./types.js";

const ROWS = [
  ["level", "level_name", "area", "competency", "expectation"],
  ["junior", "Junior", "craft", "testing", "Writes tests; then runs them, twice"],
  ["senior", "Senior", "craft", "testing", 'Reviews "flaky" tests'],
];
/** The rows joined by `separator`, each field quoted where it holds the separator or a quote. */
const sheet = (separator: string) =>
  ROWS.map((r) =>
    r
      .map((f) => (f.includes(separator) || f.includes('"') ? `"${f.replaceAll('"', '""')}"` : f))
      .join(separator),
  ).join("\r\n");
const utf16le = (text: string) => {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes.set([code & 0xff, code >> 8], 2 + i * 2);
  }
  return bytes;
};
const run = (name: string, bytes: Uint8Array) => runImport("csv", [{ name, bytes }], {});

it("a semicolon-separated file (a byte-order mark, CRLF) and Excel's Unicode text read as the comma one", async () => {
  const comma = await run("a.csv", new TextEncoder().encode(sheet(",")));
  const semicolons = await run("a.csv", new TextEncoder().encode(`\ufeff${sheet(";")}\r\n`));
  const unicode = await run("a.csv", utf16le(sheet("\t")));
  expect(semicolons.files).toEqual(comma.files);
  expect(unicode.files).toEqual(comma.files);
  expect(comma.files.find((f) => f.path.startsWith("areas/"))?.text).toContain(
    "junior: Writes tests; then runs them, twice\n",
  );
  expect(formatBends(semicolons.bends)).toContain(
    "guessed  a.csv:1: the header row is separated by semicolons, not commas: every row is read so",
  );
  expect(formatBends(unicode.bends)).toContain(
    "guessed  a.csv:1: the header row is separated by tabs, not commas: every row is read so",
  );
  // a comma in the header keeps commas, whatever the cells hold
  expect(formatBends(comma.bends).join("\n")).not.toContain("separated by");
});

it("hostile: U+FFFD (an odd UTF-16 byte, bytes that are not UTF-8) or a control character is a located error", async () => {
  // it was an internal error (exit 70): the writer's formatter refused the text after the layout
  const bytes = utf16le("level\tcompetency\texpectation\r\njunior\ttesting\tWrites tests\r\n");
  const odd = await run("odd.csv", new Uint8Array([...bytes, 0x41])).catch((e: unknown) => e);
  expect(odd).toBeInstanceOf(ImportError);
  expect((odd as ImportError).message).toMatch(/^odd\.csv.*: holds U\+FFFD, the replacement character/);
  const latin1 = new Uint8Array([
    ...new TextEncoder().encode("level,competency,expectation\njunior,testing,Caf"),
    0xe9,
    10,
  ]);
  const notUtf8 = await run("latin1.csv", latin1).catch((e: unknown) => e);
  expect((notUtf8 as ImportError).message).toBe(
    "latin1.csv: is not UTF-8 text (save the sheet as CSV UTF-8)",
  );
  const fffd = new TextEncoder().encode("level,competency,expectation\njunior,testing,Writes \ufffd tests\n");
  const replaced = await run("fffd.csv", fffd).catch((e: unknown) => e);
  expect((replaced as ImportError).message).toMatch(
    /^fffd\.csv:2:2 \(column "competency"\): areas\.general\.competencies\.testing\.expectations\.junior\.statement: holds U\+FFFD/,
  );
  const bell = new TextEncoder().encode("level,competency,expectation\njunior,testing,Rings \u0007 twice\n");
  const control = await run("bell.csv", bell).catch((e: unknown) => e);
  expect((control as ImportError).message).toMatch(
    /: holds the control character U\+0007, which a framework file may not hold$/,
  );
  // a semicolon file with a quote left open is located at its line, as a comma one is
  const error = await run("open.csv", new TextEncoder().encode('level;expectation\njunior;"Writes\n')).catch(
    (e: unknown) => e,
  );
  expect((error as ImportError).message).toMatch(
    /^open\.csv:2:2 \(column "expectation"\): a quoted field is never closed/,
  );
});
