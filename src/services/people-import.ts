/**
 * Importing people from a CSV, for `rungs user import` and the admin import page alike. Everything is
 * checked before anything is written: the CSV's shape, each row's framework, track, level and role against
 * the loaded frameworks, and the import's plan against the stored people (emails, duplicates, managers,
 * loops). Any problem means nothing is written; every problem is located in the file: its line, and the
 * column it is about (`people.csv:4:2 (column "email")`), as the framework CSV importer locates.
 */
import { randomUUID } from "node:crypto";
import type { FrameworkIndex } from "../core/model.js";
import {
  type PeopleCsv,
  type PeopleCsvColumn,
  type PeopleCsvRow,
  peopleCsvCell,
} from "../core/people-csv.js";
import { checkPlacement } from "../core/placement.js";
import type { SourceLocation } from "../core/source-location.js";
import type { PeopleRepository } from "../store/people.repository.js";
import { emailKey } from "../store/person-input.js";
import type { PeopleWrites, StoredPeople } from "../store/types.js";
import { managersByEmployeeId, placementByName } from "./people-import-hris.js";
import {
  type ImportProblem,
  type ImportRowPlan,
  importEmailKeys,
  planPeopleImport,
} from "./people-import-plan.js";

export type { ImportRow, ImportRowPlan } from "./people-import-plan.js";

/** One problem of the file as shown to the user, located at its line and, where it has one, its cell. */
export interface ImportLineProblem {
  line: number;
  at: SourceLocation;
  code: string;
  message: string;
}

export interface PeopleImportPreview {
  /** What each row would do (empty when the file has no usable header). */
  rows: ImportRowPlan[];
  /** Every problem, by line; the import may only run when there are none. */
  problems: ImportLineProblem[];
  /** By line: worth knowing, not stopping the import (someone reports to a person who has left). */
  warnings: ImportLineProblem[];
  /** The file's columns that are read past, as the file writes them. */
  ignored: string[];
}

export type PeopleImportResult =
  | {
      ok: true;
      created: number;
      updated: number;
      unchanged: number;
      rows: ImportRowPlan[];
      warnings: ImportLineProblem[];
      ignored: string[];
    }
  | { ok: false; problems: ImportLineProblem[] };

export type FrameworkIndexes = ReadonlyMap<string, FrameworkIndex>;

export interface PeopleImportDeps {
  people: PeopleRepository;
  /**
   * The loaded frameworks by id, asked for only when some row places someone (so the CLI reads framework
   * files only then).
   */
  frameworks: () => FrameworkIndexes | Promise<FrameworkIndexes>;
  /** Names new people (tests pass a predictable one). */
  newId?: () => string;
}

export class PeopleImportService {
  readonly #deps: PeopleImportDeps;

  constructor(deps: PeopleImportDeps) {
    this.#deps = deps;
  }

  /** Every row's plan and every problem of the file, writing nothing. */
  async preview(csv: PeopleCsv): Promise<PeopleImportPreview> {
    if (csv.columns.length === 0)
      return { rows: [], problems: csvProblems(csv), warnings: [], ignored: csv.ignored };
    const frameworks = await this.#frameworksFor(csv.rows);
    const stored = await this.#deps.people.readForImport(importEmailKeys(csv.rows));
    const { rows, problems, warnings } = this.#decide(csv, frameworks, stored);
    return { rows, problems, warnings, ignored: csv.ignored };
  }

  /**
   * Imports all rows or none. Checks again inside the write's transaction (the stored people may have
   * changed since a preview), so what is written is exactly what was checked.
   */
  async run(csv: PeopleCsv): Promise<PeopleImportResult> {
    if (csv.columns.length === 0) return { ok: false, problems: csvProblems(csv) };
    const frameworks = await this.#frameworksFor(csv.rows);
    return this.#deps.people.writeImport<PeopleImportResult>(importEmailKeys(csv.rows), (stored) => {
      const { rows, problems, warnings, writes } = this.#decide(csv, frameworks, stored);
      if (problems.length > 0) return { result: { ok: false, problems } };
      const created = writes.creates.length;
      const updated = writes.updates.length;
      const unchanged = rows.length - created - updated;
      const ignored = csv.ignored;
      return { writes, result: { ok: true, created, updated, unchanged, rows, warnings, ignored } };
    });
  }

  #decide(
    csv: PeopleCsv,
    frameworks: FrameworkIndexes,
    stored: StoredPeople,
  ): {
    rows: ImportRowPlan[];
    problems: ImportLineProblem[];
    warnings: ImportLineProblem[];
    writes: PeopleWrites;
  } {
    const byId = managersByEmployeeId(csv.rows);
    const rows = byId.rows.map((row) =>
      places(row) ? placementByName(frameworks, row, storedFramework(row, stored)) : row,
    );
    const plan = planPeopleImport(rows, stored, this.#deps.newId ?? randomUUID);
    const located = (p: ImportProblem) => planProblem(csv, p, byId.fromId);
    const problems = [
      ...csvProblems(csv),
      ...placementProblems(csv, rows, frameworks, stored),
      ...[...byId.problems, ...plan.problems].map(located),
    ];
    // stable: within a line, the CSV's own problems first, then placement, then the plan's
    problems.sort((a, b) => a.line - b.line);
    return { rows: plan.rows, problems, warnings: plan.warnings.map(located), writes: plan.writes };
  }

  async #frameworksFor(rows: readonly PeopleCsvRow[]): Promise<FrameworkIndexes> {
    return rows.some(places) ? await this.#deps.frameworks() : new Map();
  }
}

const filled = (value: string | undefined) => value !== undefined && value.trim() !== "";

/** Whether a row names any of framework, track, level or role (only those are checked against frameworks). */
function places(row: PeopleCsvRow): boolean {
  return filled(row.framework) || filled(row.track) || filled(row.level) || filled(row.role);
}

function csvProblems(csv: PeopleCsv): ImportLineProblem[] {
  return csv.problems.map(({ line, at, code, message }) => ({ line, at, code, message }));
}

/**
 * Framework, track, level and role of every row that names any. Without a framework column, an existing
 * person's track, level and role are read against their stored framework.
 */
function placementProblems(
  csv: PeopleCsv,
  rows: readonly PeopleCsvRow[],
  frameworks: FrameworkIndexes,
  stored: StoredPeople,
): ImportLineProblem[] {
  const problems: ImportLineProblem[] = [];
  for (const row of rows.filter(places)) {
    for (const p of checkPlacement(frameworks, row, storedFramework(row, stored))) {
      problems.push({
        line: row.line,
        at: peopleCsvCell(csv, row.line, p.field),
        code: p.code,
        message: p.message,
      });
    }
  }
  return problems;
}

/** The framework an existing person's track, level and role are read against when the file has no framework column. */
function storedFramework(row: PeopleCsvRow, stored: StoredPeople): string | null | undefined {
  return row.framework === undefined ? stored.byKey.get(emailKey(row.email))?.framework : undefined;
}

/** The CSV column of each field a person's checks name (the store's `managerEmail` is `manager_email`). */
const COLUMN_OF_FIELD = new Map<string, PeopleCsvColumn>([
  ["name", "name"],
  ["email", "email"],
  ["managerEmail", "manager_email"],
  ["framework", "framework"],
  ["track", "track"],
  ["level", "level"],
  ["role", "role"],
  ["active", "active"],
  ["employeeId", "employee_id"],
  ["managerEmployeeId", "manager_employee_id"],
]);

/**
 * A plan problem as shown, located at the cell of the column it is about: for a manager, the employee id
 * column on the lines (`managerById`) whose manager it names.
 */
function planProblem(
  csv: PeopleCsv,
  problem: ImportProblem,
  managerById: ReadonlySet<number>,
): ImportLineProblem {
  const byId = problem.field === "managerEmail" && managerById.has(problem.line);
  const field = byId ? "managerEmployeeId" : problem.field;
  const column = field === undefined ? undefined : COLUMN_OF_FIELD.get(field);
  return {
    line: problem.line,
    at: peopleCsvCell(csv, problem.line, column),
    code: problem.code,
    message: problem.message,
  };
}
