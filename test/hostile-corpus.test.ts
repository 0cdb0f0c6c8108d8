/**
 * The regression corpus of issue 12: hostile framework files through `load` in this process. Nothing throws,
 * every diagnostic points inside the file it names, each case reports what it must, and the text `rungs check`
 * prints of it is well formed. The small files and the flood through `rungs check` as a process:
 * hostile-corpus-cli.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { textReport } from "../src/cli/check-command.js";
import { plain } from "../src/cli/format-diagnostics.js";
import type { Diagnostic } from "../src/core/diagnostics.js";
import { memoryFileSystem, nodeFileSystem } from "../src/load/fs-port.js";
import { checkFramework } from "../src/load/load-framework.js";
import { loadOccupations } from "../src/load/occupations.js";
import { BASE } from "./support/check-yaml.js";
import {
  expectWellFormedReport,
  type HostileCase,
  hostileCorpus,
  writeCase,
} from "./support/hostile-corpus.js";

const dir = mkdtempSync(join(tmpdir(), "rungs-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const corpus = hostileCorpus().map((c) => ({ ...c, path: writeCase(dir, c) }));

/** Each file's lines, read once (a case can have 100,000 diagnostics in one file). */
const linesOf = new Map<string, string[] | undefined>();

/**
 * What is wrong with where a diagnostic points, if anything: it must name a file, a severity and a message,
 * and point at a line of that file and at most one column past that line's end (a folder, a problem of the
 * whole directory, is pointed at as a whole: 1:1). Plain checks, one expect per case over all of them: a case
 * has up to 100,000 diagnostics, and seven expects each were most of this file's time.
 */
function misplaced(d: Diagnostic): string | undefined {
  if (d.file === "") return "names no file";
  if (!["error", "warning", "info"].includes(d.severity)) return `has the severity ${d.severity}`;
  if (d.message.length === 0) return "has no message";
  if (!(d.line >= 1 && d.column >= 1)) return `points at ${d.line}:${d.column}`;
  if (!linesOf.has(d.file)) {
    try {
      linesOf.set(d.file, readFileSync(d.file, "utf8").split("\n"));
    } catch {
      linesOf.set(d.file, undefined);
    }
  }
  const lines = linesOf.get(d.file);
  if (!lines)
    return d.line === 1 && d.column === 1 ? undefined : `points at ${d.line}:${d.column} of a folder`;
  if (d.line > lines.length) return `points at line ${d.line} of ${lines.length}`;
  const length = (lines[d.line - 1] as string).length;
  return d.column <= length + 1 ? undefined : `points at column ${d.column} of a line of ${length}`;
}

describe("hostile framework files through load", () => {
  it.each(corpus.map((c) => [c.name, c] as const))(
    "%s",
    async (_name, c: HostileCase & { path: string }) => {
      const occupations = await loadOccupations(nodeFileSystem);
      const result = await checkFramework(c.path, nodeFileSystem, { occupations });
      const codes = new Set(result.diagnostics.map((d) => d.code));
      for (const code of c.expect) expect(codes, `${c.name} reports ${code}`).toContain(code);
      for (const code of c.absent ?? [])
        expect(codes, `${c.name} does not report ${code}`).not.toContain(code);
      if (c.expect.length === 0) expect(result.diagnostics).toEqual([]);
      const wrong = result.diagnostics.flatMap((d) => {
        const problem = misplaced(d);
        return problem ? [`${d.code} ${d.message} (${d.file}:${d.line}:${d.column}) ${problem}`] : [];
      });
      expect(wrong.slice(0, 20), `${c.name}: ${wrong.length} diagnostics misplaced`).toEqual([]);
      // what `rungs check` prints of it, held here where the case is loaded once: the process test checks
      // the large cases only through this (exit 2 would be a read-error; the corpus must give 0 or 1)
      expect(codes).not.toContain("read-error");
      expectWellFormedReport(textReport(c.path, result, plain), [c.path], c.expect.length ? 1 : 0);
      // the cases of 100,000 items take seconds alone, and more on a busy machine
    },
    120_000,
  );

  it("a lone surrogate in text handed over in memory", async () => {
    const fs = memoryFileSystem({ "fw.yaml": BASE.replace("name: Tiny", "name: Ti\udc00ny") });
    const result = await checkFramework("fw.yaml", fs);
    expect(result.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual([
      "invalid-character@3:9",
    ]);
  });
});
