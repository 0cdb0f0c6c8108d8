import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { SourceRef } from "../core/goals.js";
import {
  checkChoice,
  checkDate,
  checkMultiline,
  checkOptionalText,
  checkRequiredText,
  checkSources,
} from "./assessment-input.js";
import { decodeTime, encodeTime, isId } from "./columns.js";
import type { Database, GoalsTable } from "./db.js";
import { TEXT_LIMITS } from "./text-limits.js";
import {
  type Clock,
  GOAL_STATUSES,
  type Goal,
  type GoalEdit,
  type GoalStatus,
  type NewGoal,
  type Outcome,
  type Problem,
  systemClock,
} from "./types.js";

function decodeSources(text: string): SourceRef[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as SourceRef[]) : [];
  } catch {
    return []; // only a hand-edited row can get here
  }
}

export function goalFromRow(row: Selectable<GoalsTable>): Goal {
  return {
    id: row.id,
    personId: row.person_id,
    authorId: row.author_id,
    assessmentId: row.assessment_id,
    framework: row.framework,
    target: row.target,
    text: row.text,
    original: row.original,
    targetValue: row.target_value,
    due: row.due,
    sources: decodeSources(row.sources),
    status: row.status,
    createdAt: decodeTime(row.created_at),
    updatedAt: decodeTime(row.updated_at),
  };
}

/** A new goal's own fields checked, or what is wrong with them. */
function checkNewGoal(
  input: NewGoal,
):
  | { framework: string; target: string | null; text: string; sources: SourceRef[] }
  | { problems: Problem[] } {
  const problems: Problem[] = [];
  const framework = checkRequiredText(input.framework, "framework", "The framework");
  if (framework.problem) problems.push(framework.problem);
  const target = checkOptionalText(input.target, "target", "The target level");
  if (target.problem) problems.push(target.problem);
  // a goal is several lines (title, then Specific, Measurable…): line breaks are part of it
  const text = checkMultiline(input.text, "text", "The goal", TEXT_LIMITS.goal);
  if (text.problem) problems.push(text.problem);
  else if (!text.value?.trim())
    problems.push({ kind: "invalid", code: "required", field: "text", message: "The goal needs text" });
  const sources = checkSources(input.sources);
  if (sources.problem) problems.push(sources.problem);
  if (
    problems.length > 0 ||
    framework.value === undefined ||
    target.value === undefined ||
    text.value === undefined ||
    sources.value === undefined
  )
    return { problems };
  return {
    framework: framework.value,
    target: target.value,
    text: text.value.trim(),
    sources: sources.value,
  };
}

function fail<T>(...problems: Problem[]): Outcome<T> {
  return { ok: false, problems };
}

/** The goals people keep (derived from the framework and an assessment's gaps). */
export class GoalsRepository {
  readonly #database: Database;
  readonly #clock: Clock;

  constructor(database: Database, clock: Clock = systemClock) {
    this.#database = database;
    this.#clock = clock;
  }

  /**
   * Keeps a goal for a person, not started, its text as generated kept beside the wording people edit.
   * Keeping the same text again while that goal is open returns the stored goal instead of a copy (a
   * double-clicked "keep this goal"). The assessment, if given, must be the person's.
   */
  async save(personId: string, authorId: string | null, input: NewGoal): Promise<Outcome<Goal>> {
    const checked = checkNewGoal(input);
    if (!isId(personId) || !(await this.#personExists(personId))) {
      return fail({ kind: "not-found", code: "not-found", field: "personId", message: "No such person" });
    }
    const problems = [
      ...("problems" in checked ? checked.problems : []),
      ...(await this.#authorProblems(authorId)),
      ...(await this.#assessmentProblems(personId, input.assessmentId ?? null)),
    ];
    if ("problems" in checked || problems.length > 0) return fail(...problems);
    const { framework, target, text, sources } = checked;

    const same = await this.#database.db
      .selectFrom("goals")
      .selectAll()
      .where("person_id", "=", personId)
      .where("status", "in", ["not-started", "in-progress"])
      .where("original", "=", text)
      .executeTakeFirst();
    if (same) return { ok: true, value: goalFromRow(same) };

    const now = encodeTime(this.#clock.now());
    const row = await this.#database.db
      .insertInto("goals")
      .values({
        id: randomUUID(),
        person_id: personId,
        author_id: authorId,
        assessment_id: input.assessmentId ?? null,
        framework,
        target,
        text,
        original: text,
        target_value: null,
        due: null,
        sources: JSON.stringify(sources),
        status: "not-started",
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ok: true, value: goalFromRow(row) };
  }

  /**
   * Changes a kept goal's wording, its ⟨target⟩ value and its date. The text as kept (`original`) and its
   * sources stay as they were, so what the goal quoted remains traceable. `personId` as in `setStatus`.
   */
  async edit(id: string, personId: string, input: GoalEdit): Promise<Outcome<Goal>> {
    const problems: Problem[] = [];
    const text = checkMultiline(input.text, "text", "The goal", TEXT_LIMITS.goal);
    if (text.problem) problems.push(text.problem);
    else if (!text.value?.trim())
      problems.push({ kind: "invalid", code: "required", field: "text", message: "The goal needs text" });
    const targetValue = checkOptionalText(
      input.targetValue,
      "targetValue",
      "The target",
      TEXT_LIMITS.goalValue,
    );
    if (targetValue.problem) problems.push(targetValue.problem);
    const due: { value?: string | null; problem?: Problem } =
      input.due === null || input.due === "" ? { value: null } : checkDate(input.due, "due", "The date");
    if (due.problem) problems.push(due.problem);
    if (problems.length > 0 || text.value === undefined) return fail(...problems);
    const notFound = fail<Goal>({ kind: "not-found", code: "not-found", message: "No such goal" });
    if (!isId(id) || !isId(personId)) return notFound;
    const row = await this.#database.db
      .updateTable("goals")
      .set({
        text: text.value.trim(),
        target_value: targetValue.value ?? null,
        due: due.value ?? null,
        updated_at: encodeTime(this.#clock.now()),
      })
      .where("id", "=", id)
      .where("person_id", "=", personId)
      .returningAll()
      .executeTakeFirst();
    return row ? { ok: true, value: goalFromRow(row) } : notFound;
  }

  /** A person's goals in the order they were set. */
  async list(personId: string): Promise<Goal[]> {
    if (!isId(personId)) return [];
    const rows = await this.#database.db
      .selectFrom("goals")
      .selectAll()
      .where("person_id", "=", personId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map(goalFromRow);
  }

  async get(id: string): Promise<Goal | undefined> {
    if (!isId(id)) return undefined;
    const row = await this.#database.db
      .selectFrom("goals")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? goalFromRow(row) : undefined;
  }

  /**
   * Moves a goal to a status: not started, in progress, done or dropped. `personId` is whose goal the caller believes it is: a goal of
   * someone else is not found, so a route checking access to the person cannot be used to touch another's.
   */
  async setStatus(id: string, personId: string, status: GoalStatus): Promise<Outcome<Goal>> {
    const checked = checkChoice(status, GOAL_STATUSES, "status", "The goal's status");
    if (checked.problem) return fail(checked.problem);
    const notFound = fail<Goal>({ kind: "not-found", code: "not-found", message: "No such goal" });
    if (!isId(id) || !isId(personId)) return notFound;
    const row = await this.#database.db
      .updateTable("goals")
      .set({ status: checked.value, updated_at: encodeTime(this.#clock.now()) })
      .where("id", "=", id)
      .where("person_id", "=", personId)
      .returningAll()
      .executeTakeFirst();
    return row ? { ok: true, value: goalFromRow(row) } : notFound;
  }

  async #authorProblems(authorId: string | null): Promise<Problem[]> {
    if (authorId === null || (isId(authorId) && (await this.#personExists(authorId)))) return [];
    return [
      {
        kind: "invalid",
        code: "person-not-found",
        field: "authorId",
        message: "The author of the goal does not exist",
      },
    ];
  }

  async #assessmentProblems(personId: string, assessmentId: string | null): Promise<Problem[]> {
    if (assessmentId === null) return [];
    const owner = isId(assessmentId)
      ? await this.#database.db
          .selectFrom("assessments")
          .select("person_id")
          .where("id", "=", assessmentId)
          .executeTakeFirst()
      : undefined;
    if (owner?.person_id === personId) return [];
    return [
      {
        kind: "invalid",
        code: "assessment-not-found",
        field: "assessmentId",
        message: "The assessment does not exist or is about someone else",
      },
    ];
  }

  async #personExists(id: string): Promise<boolean> {
    const row = await this.#database.db
      .selectFrom("people")
      .select("id")
      .where("id", "=", id)
      .executeTakeFirst();
    return row !== undefined;
  }
}
