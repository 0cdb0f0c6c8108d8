/** A team view as CSV (a spreadsheet's rows) and as the API's JSON. */
import { criteriaWritten } from "../../../core/assessment.js";
import { csvCell } from "../../../core/csv.js";
import type { TeamView } from "../../../services/team.js";
import { CALIBRATION_MIN_PAIRS } from "../../../services/team.js";
import type { Store } from "../../../store/store.js";
import type { Cycle, Person } from "../../../store/types.js";

/**
 * The view as a spreadsheet's rows: per competency its delta and picked level, and where the competency
 * writes criteria (format 2) the criteria shown at the picked level and how many that level writes.
 */
export function csvOf(view: TeamView): string {
  const many = view.groups.length > 1;
  const columns = view.groups.flatMap((g) => {
    const written = criteriaWritten(g.snapshot);
    return g.snapshot.competencies.map((c) => ({
      framework: g.framework,
      id: c.id,
      criteria: written.has(c.id),
    }));
  });
  const head = [
    "name",
    "email",
    "framework",
    "level",
    "assessment",
    "assessment role",
    "submitted",
    "meets next level",
    ...columns.flatMap((c) => {
      const name = many ? `${c.framework}:${c.id}` : c.id;
      const criteria = c.criteria ? [`${name} criteria shown`, `${name} criteria written`] : [];
      return [`${name} delta`, `${name} level`, ...criteria];
    }),
  ];
  const widthOf = (list: typeof columns) => list.reduce((n, c) => n + (c.criteria ? 4 : 2), 0);
  const lines = [head.map(csvCell).join(",")];
  const blanks = (n: number) => Array<string>(n).fill("");
  let before = 0;
  for (const g of view.groups) {
    const mine = columns.slice(before, before + g.snapshot.competencies.length);
    const [left, right] = [widthOf(columns.slice(0, before)), widthOf(columns.slice(before + mine.length))];
    g.heatmap.rows.forEach((row, i) => {
      const person = g.people[i] as Person;
      const record = g.records[i];
      const cells = row.cells.flatMap((cell, k) => {
        const count = g.criteria[i]?.get(cell.competency);
        const criteria = mine[k]?.criteria ? [csvCell(count?.shown ?? null), csvCell(count?.of ?? null)] : [];
        return [csvCell(cell.delta), csvCell(record?.picks.get(cell.competency) ?? null), ...criteria];
      });
      lines.push(
        [
          csvCell(person.name),
          csvCell(person.email),
          csvCell(g.framework),
          csvCell(person.level),
          csvCell(record ? record.kind : null),
          csvCell(record?.role ?? null),
          csvCell(record ? day(record.submittedAt) : null),
          record ? (row.meetsNext ? "yes" : "no") : "",
          ...blanks(left),
          ...cells,
          ...blanks(right),
        ].join(","),
      );
    });
    before += mine.length;
  }
  for (const person of view.withoutFramework) {
    lines.push(
      [
        csvCell(person.name),
        csvCell(person.email),
        csvCell(person.framework),
        csvCell(person.level),
        ...blanks(4 + widthOf(columns)),
      ].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * The git commit of each framework version the view's assessments were made on, where its snapshot keeps
 * one (`framework\0version` → commit): one look-up per version however many assessments share it.
 */
export async function commitsOf(store: Store, view: TeamView): Promise<Map<string, string>> {
  const commits = new Map<string, string>();
  const asked = new Set<string>();
  for (const g of view.groups)
    for (const record of g.records) {
      const key = record && `${g.framework}\0${record.frameworkVersion}`;
      if (!record || !key || asked.has(key)) continue;
      asked.add(key);
      const commit = await store.snapshots.commitOf(g.framework, record.frameworkVersion);
      if (commit) commits.set(key, commit);
    }
  return commits;
}

/** The view as the API gives it; `commits` from commitsOf. */
export function viewJson(view: TeamView, commits: ReadonlyMap<string, string>) {
  return {
    scope: view.scope,
    cycle: cycleJson(view.cycle),
    due: cycleJson(view.due),
    people: view.total,
    frameworks: view.groups.map((g) => ({
      id: g.framework,
      name: g.name,
      version: g.snapshot.version,
      competencies: g.snapshot.competencies.map((c) => ({ id: c.id, name: c.name, area: c.area })),
      people: g.heatmap.rows.map((row, i) => {
        const record = g.records[i];
        return {
          id: row.personId,
          name: row.name,
          level: row.level,
          assessment: record
            ? {
                id: record.assessmentId,
                kind: record.kind,
                cycleId: record.cycleId,
                frameworkVersion: record.frameworkVersion,
                ...commitField(commits.get(`${g.framework}\0${record.frameworkVersion}`)),
                role: record.role,
                submittedAt: record.submittedAt.toISOString(),
              }
            : null,
          deltas: row.cells.map((c) => c.delta),
          picks: row.cells.map((c) => record?.picks.get(c.competency) ?? null),
          // per cell, the old competency ids a pick carried from an earlier version came from (null: not carried)
          carried: row.cells.map((c) => g.marks[i]?.get(c.competency)?.from ?? null),
          // per cell, the criteria shown at the picked level of the number it writes (null: it writes none)
          criteria: row.cells.map((c) => g.criteria[i]?.get(c.competency) ?? null),
          // picks of an earlier version that could not be carried (a retired competency), with the map's note
          notCarried: g.notCarried[i] ?? [],
          meetsNext: row.meetsNext,
        };
      }),
      distribution: g.heatmap.distribution,
    })),
    meetsNext: view.ready.map((r) => ({
      id: r.person.id,
      name: r.person.name,
      framework: r.framework,
      level: r.level,
      next: r.next,
    })),
    unassessed: view.unassessed.map((p) => ({ id: p.id, name: p.name })),
    withoutFramework: view.withoutFramework.map((p) => ({ id: p.id, name: p.name, framework: p.framework })),
    ...(view.calibration
      ? {
          calibration: view.calibration.map((row) => ({
            ...row,
            tooFew: row.pairs < CALIBRATION_MIN_PAIRS,
          })),
        }
      : {}),
  };
}

const commitField = (commit: string | undefined) => (commit ? { frameworkCommit: commit } : {});

/** A date as a day (YYYY-MM-DD, UTC). */
export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function cycleJson(cycle: Cycle | undefined) {
  return cycle
    ? {
        id: cycle.id,
        name: cycle.name,
        startsOn: cycle.startsOn,
        endsOn: cycle.endsOn,
        status: cycle.status,
        version: cycle.version,
        createdAt: cycle.createdAt.toISOString(),
        closedAt: cycle.closedAt ? cycle.closedAt.toISOString() : null,
      }
    : null;
}
