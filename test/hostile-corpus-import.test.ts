/**
 * What an import says of a hostile file is a screenful, whatever the file held: a message that quotes a
 * cell of 100,000 characters (a header, a column's name) keeps its start, its end and the count of what was
 * left out, instead of printing the cell whole (a 4 MB header was a 4 MB error line, on the terminal and on
 * the import page).
 */
import { describe, expect, it } from "vitest";
import { MESSAGE_MAX_LENGTH } from "../src/core/text.js";
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
