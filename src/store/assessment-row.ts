/*
 * Assessment and pick rows as domain objects, the same on both databases: JSON columns decoded (leniently:
 * only a hand-edited row holds anything else), times as Dates, picks in competency order.
 */
import type { Selectable } from "kysely";
import type { CriterionShown } from "../core/assessment.js";
import type { StoredPick } from "./assessment-input.js";
import { decodeOptionalTime, decodeTime } from "./columns.js";
import type { AssessmentPicksTable, AssessmentsTable } from "./db.js";
import type { Assessment, AssessmentSummary } from "./types.js";

export type AssessmentRow = Selectable<AssessmentsTable>;
export type PickRow = Selectable<AssessmentPicksTable>;

function decodeLinks(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return []; // only a hand-edited row can get here; losing its links beats failing the page
  }
}

/** The criteria shown, as stored (a JSON array of `{ criterion, evidence }`); anything else is dropped. */
function decodeCriteria(text: string): CriterionShown[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.flatMap((v) =>
      typeof v?.criterion === "string" && typeof v.level === "string"
        ? [
            {
              level: v.level,
              criterion: v.criterion,
              evidence: typeof v.evidence === "string" ? v.evidence : "",
            },
          ]
        : [],
    );
  } catch {
    return []; // as for links: only a hand-edited row can get here
  }
}

/**
 * How many of a pick's criteria ticked as shown are written at the level it picks (none without a level):
 * the "shown" of the team heatmap's "shown k of N" (assessment_picks.criteria_shown, derived from the ticks
 * on every write, and by migration 0015 in SQL for the picks before it).
 */
export function criteriaShownAt(level: string | null, criteria: readonly { level: string }[]): number {
  return level === null ? 0 : criteria.filter((c) => c.level === level).length;
}

export function pickFromRow(row: PickRow): StoredPick {
  return {
    competency: row.competency,
    level: row.level,
    band: row.band,
    evidence: row.evidence,
    links: decodeLinks(row.links),
    criteria: decodeCriteria(row.criteria),
    comment: row.comment,
  };
}

/** Competency ids in code-unit order: the same on both databases, whatever their collation. */
export function byCompetency(a: StoredPick, b: StoredPick): number {
  return a.competency < b.competency ? -1 : a.competency > b.competency ? 1 : 0;
}

export function assessmentFromRow(row: AssessmentRow, picks: StoredPick[]): Assessment {
  return { ...summaryFromRow(row), picks };
}

export function summaryFromRow(row: AssessmentRow): AssessmentSummary {
  return {
    id: row.id,
    personId: row.person_id,
    authorId: row.author_id,
    kind: row.kind,
    cycleId: row.cycle_id,
    framework: row.framework,
    frameworkVersion: row.framework_version,
    level: row.level,
    role: row.role,
    target: row.target,
    status: row.status,
    version: Number(row.version),
    createdAt: decodeTime(row.created_at),
    updatedAt: decodeTime(row.updated_at),
    submittedAt: decodeOptionalTime(row.submitted_at),
  };
}
