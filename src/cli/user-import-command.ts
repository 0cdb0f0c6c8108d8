/**
 * `rungs user import FILE.csv [--dry-run]`: people from a CSV (the format: src/core/people-csv.ts and
 * docs/cli.md). Everything is checked before anything is written: the CSV itself, each row's framework,
 * track, level and role against the loaded frameworks, and the store's preview (emails, duplicates,
 * managers, cycles). Any problem lists every problem by line, writes nothing and exits 1; `--dry-run`
 * stops after the preview either way.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type PeopleCsvRow, readPeopleCsv } from "../core/people-csv.js";
import { checkPlacement } from "../core/placement.js";
import type { Store } from "../store/store.js";
import type { ImportProblem, ImportRowPlan } from "../store/types.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { withStore } from "./database.js";
import type { DatabaseCliOptions } from "./options.js";
import { type FrameworksOption, frameworksFor } from "./user-command.js";

export interface UserImportOptions extends DatabaseCliOptions, FrameworksOption {
  dryRun?: boolean;
}

/** One problem of the file, as printed: `people.csv:4  error  code  message`. */
interface LineProblem {
  line: number;
  code: string;
  message: string;
}

function readText(path: string, io: CliIo): string {
  try {
    return readFileSync(resolve(io.cwd, path), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (error as Error).message;
    throw new UsageError(`cannot read ${path}: ${reason}`);
  }
}

/** Framework, track, level and role of every row, against the frameworks (and stored frameworks). */
async function placementProblems(
  rows: readonly PeopleCsvRow[],
  options: FrameworksOption,
  store: Store,
  io: CliIo,
): Promise<LineProblem[]> {
  const filled = (value: string | undefined) => value !== undefined && value.trim() !== "";
  const placed = rows.filter(
    (r) => filled(r.framework) || filled(r.track) || filled(r.level) || filled(r.role),
  );
  if (placed.length === 0) return [];
  const frameworks = await frameworksFor(true, options, io);
  const problems: LineProblem[] = [];
  for (const row of placed) {
    // without a framework column, an existing person's track/level/role is read against their stored one
    const fallback =
      row.framework === undefined ? (await store.people.getByEmail(row.email))?.framework : undefined;
    for (const p of checkPlacement(frameworks, row, fallback)) {
      problems.push({ line: row.line, code: p.code, message: `${p.field}: ${p.message}` });
    }
  }
  return problems;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summary(rows: readonly ImportRowPlan[]): string {
  const count = (action: ImportRowPlan["action"]) => rows.filter((r) => r.action === action).length;
  return `${count("create")} to create, ${count("update")} to update, ${count("unchanged")} unchanged`;
}

export async function userImportCommand(
  path: string,
  options: UserImportOptions,
  io: CliIo,
): Promise<number> {
  const text = readText(path, io);
  const csv = readPeopleCsv(text);

  const printProblems = (problems: LineProblem[]): number => {
    const sorted = [...problems].sort((a, b) => a.line - b.line);
    for (const p of sorted) print(io.stdout, `${path}:${p.line}  error  ${p.code}  ${p.message}\n`);
    const lines = new Set(sorted.map((p) => p.line)).size;
    print(
      io.stdout,
      `failed  ${path}: ${plural(sorted.length, "problem")} on ${plural(lines, "line")}; nothing was written\n`,
    );
    return EXIT.errors;
  };

  // a file that is not a people CSV at all: no need to open the database to say so
  if (csv.columns.length === 0) return printProblems(csv.problems);

  return withStore(options, io, async ({ store }) => {
    const placement = await placementProblems(csv.rows, options, store, io);
    const preview = await store.people.previewImport(csv.rows);
    const problems: LineProblem[] = [...csv.problems, ...placement, ...preview.problems.map(storeProblem)];
    if (problems.length > 0) return printProblems(problems);
    if (csv.rows.length === 0) {
      print(io.stdout, `${path} has no people after its header; nothing to import\n`);
      return EXIT.ok;
    }

    if (options.dryRun) {
      for (const row of preview.rows) print(io.stdout, `${path}:${row.line}  ${row.action}  ${row.email}\n`);
      print(
        io.stdout,
        `ok  ${path}: ${plural(preview.rows.length, "person", "people")} · ${summary(preview.rows)}; nothing was written (dry run)\n`,
      );
      return EXIT.ok;
    }
    const result = await store.people.importMany(csv.rows);
    if (!result.ok) {
      // the stored people changed between the preview and the import (someone else wrote meanwhile)
      return printProblems(result.problems.map(storeProblem));
    }
    print(
      io.stdout,
      `imported  ${path}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged\n`,
    );
    return EXIT.ok;
  });
}

/** A store problem as printed, naming the CSV column (what the user sees in their file) it is about. */
function storeProblem(problem: ImportProblem): LineProblem {
  const column = problem.field === "managerEmail" ? "manager_email" : problem.field;
  return {
    line: problem.line,
    code: problem.code,
    message: column ? `${column}: ${problem.message}` : problem.message,
  };
}
