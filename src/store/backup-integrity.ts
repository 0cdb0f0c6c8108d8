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

export function integrityProblems(tables: BackupTables): RowProblem[] {
  const problems: RowProblem[] = [];
  const at = (table: string, index: number, column: string) => `${table}/${index + 1}/${column}`;
  const report = (table: string, index: number, column: string, message: string) =>
    problems.push({ at: at(table, index, column), message });

  /** The rows' keys, reporting each repeat at the row that repeats it. */
  const keysOf = <T>(
    table: string,
    rows: T[],
    column: string,
    key: (row: T) => string,
  ): Map<string, number> => {
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const k = key(row);
      const first = seen.get(k);
      if (first !== undefined) report(table, i, column, `repeats row ${first + 1} (${k})`);
      else seen.set(k, i);
    });
    return seen;
  };
  /** A reference (`column`) to a row of `target` the backup must hold; null refers to nothing. */
  const references = <T>(
    table: string,
    rows: T[],
    column: string,
    value: (row: T) => string | null,
    target: string,
    keys: ReadonlyMap<string, number>,
  ) =>
    rows.forEach((row, i) => {
      const v = value(row);
      if (v !== null && !keys.has(v))
        report(table, i, column, `names ${v}, which is not in the backup's ${target}`);
    });

  const {
    people,
    settings,
    cycles,
    framework_snapshots: snapshots,
    assessments,
    assessment_picks: picks,
    goals,
  } = tables;

  const personIds = keysOf("people", people, "id", (p) => p.id);
  keysOf("people", people, "email", (p) => emailKey(p.email));
  references("people", people, "manager_id", (p) => p.manager_id, "people", personIds);
  const managerOf = new Map(
    people.map((p) => [p.id, p.manager_id !== null && personIds.has(p.manager_id) ? p.manager_id : null]),
  );
  for (const loop of findCycles(managerOf)) {
    const first = personIds.get(loop[0] as string) ?? 0;
    report("people", first, "manager_id", `managers form a loop: ${loop.join(" → ")}`);
  }
  people.forEach((p, i) => {
    if (p.manager_id === p.id) report("people", i, "manager_id", "nobody can be their own manager");
  });

  keysOf("settings", settings, "key", (s) => s.key);

  const cycleIds = keysOf("cycles", cycles, "id", (c) => c.id);
  cycles.forEach((c, i) => {
    if (c.ends_on < c.starts_on) report("cycles", i, "ends_on", `ends before it starts (${c.starts_on})`);
  });

  keysOf("framework_snapshots", snapshots, "version", (f) => `${f.framework} @ ${f.version}`);
  snapshots.forEach((f, i) => {
    if (f.snapshot.framework !== f.framework || f.snapshot.version !== f.version)
      report("framework_snapshots", i, "snapshot", "holds another framework version's snapshot");
  });

  const assessmentIds = keysOf("assessments", assessments, "id", (a) => a.id);
  references("assessments", assessments, "person_id", (a) => a.person_id, "people", personIds);
  references("assessments", assessments, "author_id", (a) => a.author_id, "people", personIds);
  references("assessments", assessments, "cycle_id", (a) => a.cycle_id, "cycles", cycleIds);
  assessments.forEach((a, i) => {
    if ((a.status === "submitted") !== (a.submitted_at !== null))
      report(
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
      report(
        "assessments",
        i,
        "status",
        `a second draft of the same person, kind and cycle as row ${first + 1}`,
      );
    else drafts.set(k, i);
  });

  keysOf("assessment_picks", picks, "competency", (p) => `${p.assessment_id} / ${p.competency}`);
  references(
    "assessment_picks",
    picks,
    "assessment_id",
    (p) => p.assessment_id,
    "assessments",
    assessmentIds,
  );

  keysOf("goals", goals, "id", (g) => g.id);
  references("goals", goals, "person_id", (g) => g.person_id, "people", personIds);
  references("goals", goals, "author_id", (g) => g.author_id, "people", personIds);
  references("goals", goals, "assessment_id", (g) => g.assessment_id, "assessments", assessmentIds);
  goals.forEach((g, i) => {
    const from = g.assessment_id === null ? undefined : assessmentIds.get(g.assessment_id);
    if (from !== undefined && assessments[from]?.person_id !== g.person_id)
      report("goals", i, "assessment_id", "comes from an assessment of someone else");
  });
  return problems;
}
