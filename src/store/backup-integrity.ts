import { findCycles } from "../core/org-tree.js";
import type { BackupTables } from "./backup-format.js";
import { emailKey } from "./person-input.js";

/*
 * What rows that are each well-formed would still break together: keys that appear twice, references to
 * rows the backup does not hold (the schema's foreign keys), manager loops, and the rules the schema keeps
 * with indexes and checks (one draft per person, kind and cycle; submitted_at with the status). Each
 * problem is located as table/row/column, rows counted from 1 in the file, in table order.
 */

export interface RowProblem {
  /** table/row/column */
  at: string;
  message: string;
}

/** Collects problems located as table/row/column, with the two checks every table makes. */
class Findings {
  readonly problems: RowProblem[] = [];

  report(table: string, index: number, column: string, message: string): void {
    this.problems.push({ at: `${table}/${index + 1}/${column}`, message });
  }

  /** The rows' keys, reporting each repeat at the row that repeats it. */
  keysOf<T>(table: string, rows: T[], column: string, key: (row: T) => string): Map<string, number> {
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const k = key(row);
      const first = seen.get(k);
      if (first !== undefined) this.report(table, i, column, `repeats row ${first + 1} (${k})`);
      else seen.set(k, i);
    });
    return seen;
  }

  /** A reference (`column`) to a row of `target` the backup must hold; null refers to nothing. */
  references<T>(
    table: string,
    rows: T[],
    column: string,
    value: (row: T) => string | null,
    target: string,
    keys: ReadonlyMap<string, number>,
  ): void {
    rows.forEach((row, i) => {
      const v = value(row);
      if (v !== null && !keys.has(v))
        this.report(table, i, column, `names ${v}, which is not in the backup's ${target}`);
    });
  }
}

export function integrityProblems(tables: BackupTables): RowProblem[] {
  const found = new Findings();
  const personIds = peopleProblems(found, tables.people);
  found.keysOf("settings", tables.settings, "key", (s) => s.key);
  const cycleIds = found.keysOf("cycles", tables.cycles, "id", (c) => c.id);
  tables.cycles.forEach((c, i) => {
    if (c.ends_on < c.starts_on)
      found.report("cycles", i, "ends_on", `ends before it starts (${c.starts_on})`);
  });
  found.keysOf(
    "framework_snapshots",
    tables.framework_snapshots,
    "version",
    (f) => `${f.framework} @ ${f.version}`,
  );
  tables.framework_snapshots.forEach((f, i) => {
    if (f.snapshot.framework !== f.framework || f.snapshot.version !== f.version)
      found.report("framework_snapshots", i, "snapshot", "holds another framework version's snapshot");
  });
  const assessmentIds = assessmentProblems(found, tables.assessments, personIds, cycleIds);
  found.keysOf(
    "assessment_picks",
    tables.assessment_picks,
    "competency",
    (p) => `${p.assessment_id} / ${p.competency}`,
  );
  found.references(
    "assessment_picks",
    tables.assessment_picks,
    "assessment_id",
    (p) => p.assessment_id,
    "assessments",
    assessmentIds,
  );
  goalProblems(found, tables, personIds, assessmentIds);
  return found.problems;
}

/** Repeated ids and emails, unknown managers, manager loops; returns the people's ids. */
function peopleProblems(found: Findings, people: BackupTables["people"]): Map<string, number> {
  const personIds = found.keysOf("people", people, "id", (p) => p.id);
  found.keysOf("people", people, "email", (p) => emailKey(p.email));
  found.references("people", people, "manager_id", (p) => p.manager_id, "people", personIds);
  const managerOf = new Map(
    people.map((p) => [p.id, p.manager_id !== null && personIds.has(p.manager_id) ? p.manager_id : null]),
  );
  for (const loop of findCycles(managerOf)) {
    const first = personIds.get(loop[0] as string) ?? 0;
    found.report("people", first, "manager_id", `managers form a loop: ${loop.join(" → ")}`);
  }
  people.forEach((p, i) => {
    if (p.manager_id === p.id) found.report("people", i, "manager_id", "nobody can be their own manager");
  });
  return personIds;
}

/** References, submitted_at against the status, and one draft per person, kind and cycle; returns the ids. */
function assessmentProblems(
  found: Findings,
  assessments: BackupTables["assessments"],
  personIds: ReadonlyMap<string, number>,
  cycleIds: ReadonlyMap<string, number>,
): Map<string, number> {
  const assessmentIds = found.keysOf("assessments", assessments, "id", (a) => a.id);
  found.references("assessments", assessments, "person_id", (a) => a.person_id, "people", personIds);
  found.references("assessments", assessments, "author_id", (a) => a.author_id, "people", personIds);
  found.references("assessments", assessments, "cycle_id", (a) => a.cycle_id, "cycles", cycleIds);
  assessments.forEach((a, i) => {
    if ((a.status === "submitted") !== (a.submitted_at !== null))
      found.report(
        "assessments",
        i,
        "submitted_at",
        `the assessment is ${a.status}, but submitted_at says otherwise`,
      );
  });
  // one draft per person, kind and cycle (the partial unique indexes)
  const drafts = new Map<string, number>();
  assessments.forEach((a, i) => {
    if (a.status !== "draft") return;
    const k = `${a.person_id}/${a.kind}/${a.cycle_id ?? "no cycle"}`;
    const first = drafts.get(k);
    if (first !== undefined)
      found.report(
        "assessments",
        i,
        "status",
        `a second draft of the same person, kind and cycle as row ${first + 1}`,
      );
    else drafts.set(k, i);
  });
  return assessmentIds;
}

function goalProblems(
  found: Findings,
  tables: BackupTables,
  personIds: ReadonlyMap<string, number>,
  assessmentIds: ReadonlyMap<string, number>,
): void {
  const { goals, assessments } = tables;
  found.keysOf("goals", goals, "id", (g) => g.id);
  found.references("goals", goals, "person_id", (g) => g.person_id, "people", personIds);
  found.references("goals", goals, "author_id", (g) => g.author_id, "people", personIds);
  found.references("goals", goals, "assessment_id", (g) => g.assessment_id, "assessments", assessmentIds);
  goals.forEach((g, i) => {
    const from = g.assessment_id === null ? undefined : assessmentIds.get(g.assessment_id);
    if (from !== undefined && assessments[from]?.person_id !== g.person_id)
      found.report("goals", i, "assessment_id", "comes from an assessment of someone else");
  });
}
