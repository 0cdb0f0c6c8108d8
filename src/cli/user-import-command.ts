/**
 * `rungs user import FILE [--dry-run]`: people from a CSV or an .xlsx workbook (the format:
 * src/core/people-csv.ts and docs/cli.md). Everything is checked before anything is written: the CSV itself, each row's framework,
 * track, level and role against the loaded frameworks, and the plan against the stored people (emails,
 * duplicates, managers, cycles): the people-import service, as the admin page uses it. Any problem lists
 * every problem, located as `rungs import csv` locates (`people.csv:4:2 (column "email")`), writes nothing
 * and exits 1; `--dry-run` stops after the preview either way.
 */
import { ignoredColumns, PEOPLE_CSV_MAX_BYTES } from "../core/people-csv.js";
import { formatLocation } from "../core/source-location.js";
import { readPeopleFile } from "../import/people-xlsx.js";
import {
  type ImportLineProblem,
  type ImportRowPlan,
  PeopleImportService,
} from "../services/people-import.js";
import { type CliIo, EXIT, print } from "./context.js";
import { withStore } from "./database.js";
import type { DatabaseCliOptions } from "./options.js";
import { readBoundedFile } from "./read-file.js";
import { type FrameworksOption, frameworksFor } from "./user-command.js";

export interface UserImportOptions extends DatabaseCliOptions, FrameworksOption {
  dryRun?: boolean;
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
  // read whole, a 50 MB field was held over 2 GB: the admin page's bound
  const bytes = await readBoundedFile(path, io, {
    maxBytes: PEOPLE_CSV_MAX_BYTES,
    advice: "for a people file; split it and import the parts one after the other",
  });
  const csv = await readPeopleFile(bytes, path);
  const notes = (warnings: readonly ImportLineProblem[]) => {
    if (csv.ignored.length > 0) print(io.stdout, `${path}  ignored  ${ignoredColumns(csv.ignored)}\n`);
    for (const w of warnings) print(io.stdout, `${formatLocation(w.at)}  warning  ${w.code}  ${w.message}\n`);
  };

  const printProblems = (problems: readonly ImportLineProblem[]): number => {
    const sorted = [...problems].sort((a, b) => a.line - b.line);
    for (const p of sorted) print(io.stdout, `${formatLocation(p.at)}  error  ${p.code}  ${p.message}\n`);
    const lines = new Set(sorted.map((p) => p.line)).size;
    print(
      io.stdout,
      `failed  ${path}: ${plural(sorted.length, "problem")} on ${plural(lines, "line")}; nothing was written\n`,
    );
    return EXIT.errors;
  };

  // a file that is not a people CSV at all: no need to open the database to say so
  if (csv.columns.length === 0) return printProblems(csv.problems);

  return withStore(
    options,
    io,
    async ({ store }) => {
      const service = new PeopleImportService({
        people: store.people,
        frameworks: () => frameworksFor(true, options, io),
      });
      const preview = await service.preview(csv);
      if (preview.problems.length > 0) return printProblems(preview.problems);
      if (csv.rows.length === 0) {
        print(io.stdout, `${path} has no people after its header; nothing to import\n`);
        return EXIT.ok;
      }

      if (options.dryRun) {
        notes(preview.warnings);
        for (const row of preview.rows) {
          const changes = row.changes ? `  ${row.changes.join(", ")}` : "";
          print(io.stdout, `${path}:${row.line}  ${row.action}  ${row.email}${changes}\n`);
        }
        print(
          io.stdout,
          `ok  ${path}: ${plural(preview.rows.length, "person", "people")} · ${summary(preview.rows)}; nothing was written (dry run)\n`,
        );
        return EXIT.ok;
      }
      const result = await service.run(csv);
      // the stored people changed between the preview and the import (someone else wrote meanwhile)
      if (!result.ok) return printProblems(result.problems);
      notes(result.warnings);
      print(
        io.stdout,
        `imported  ${path}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged\n`,
      );
      return EXIT.ok;
    },
    { create: true },
  );
}
