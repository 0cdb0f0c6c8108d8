import { randomUUID } from "node:crypto";
import {
  type Insertable,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
  type Transaction,
  type Updateable,
} from "kysely";
import {
  checkChoice,
  checkOptionalText,
  checkPicks,
  checkRequiredText,
  type StoredPick,
} from "./assessment-input.js";
import {
  type AssessmentRow,
  assessmentFromRow,
  byCompetency,
  criteriaShownAt,
  pickFromRow,
  summaryFromRow,
} from "./assessment-row.js";
import { encodeTime, idIn, isId, isUniqueViolation } from "./columns.js";
import type { AssessmentsTable, Database, Tables } from "./db.js";
import { refreshTeamSummary } from "./team-records.js";
import {
  ASSESSMENT_KINDS,
  type Assessment,
  type AssessmentChanges,
  type AssessmentKind,
  type AssessmentSummary,
  type Clock,
  type NewAssessment,
  type Outcome,
  type Problem,
  systemClock,
} from "./types.js";

type Executor = Kysely<Tables> | Transaction<Tables>;

/** A start of a draft, checked. */
interface CheckedStart {
  personId: string;
  authorId: string | null;
  kind: AssessmentKind;
  cycleId: string | null;
  /** the cycle's status (undefined outside cycles) */
  cycleStatus: string | undefined;
  framework: string;
  frameworkVersion: string;
  level: string | null;
  role: string | null;
  target: string | null;
}

/** Pick rows per INSERT (8 values each): far below SQLite's 32,766 bound variables. */
const INSERT_CHUNK = 500;

function fail<T>(...problems: Problem[]): Outcome<T> {
  return { ok: false, problems };
}

function notFound(): Problem {
  return { kind: "not-found", code: "not-found", message: "No such assessment" };
}

/**
 * Self, manager and agreed assessments with their picks (the snapshots they are pinned to: SnapshotsRepository).
 * All SQL about assessments lives here.
 */
export class AssessmentsRepository {
  readonly #database: Database;
  readonly #clock: Clock;

  constructor(database: Database, clock: Clock = systemClock) {
    this.#database = database;
    this.#clock = clock;
  }

  get #db(): Kysely<Tables> {
    return this.#database.db;
  }

  #idIn(column: string, ids: readonly string[]): RawBuilder<SqlBool> {
    return idIn(this.#database.dialect, column, ids);
  }

  async get(id: string): Promise<Assessment | undefined> {
    if (!isId(id)) return undefined;
    return this.#load(this.#db, id);
  }

  /** The person's open draft of that kind in that cycle (null: outside any cycle), if there is one. */
  async draft(
    personId: string,
    kind: AssessmentKind,
    cycleId: string | null,
  ): Promise<Assessment | undefined> {
    if (!isId(personId) || !ASSESSMENT_KINDS.includes(kind)) return undefined;
    if (cycleId !== null && !isId(cycleId)) return undefined;
    return this.#draft(this.#db, personId, kind, cycleId);
  }

  async #draft(
    db: Executor,
    personId: string,
    kind: AssessmentKind,
    cycleId: string | null,
  ): Promise<Assessment | undefined> {
    const row = await db
      .selectFrom("assessments")
      .selectAll()
      .where("person_id", "=", personId)
      .where("kind", "=", kind)
      .where("status", "=", "draft")
      .where("cycle_id", cycleId === null ? "is" : "=", cycleId)
      .executeTakeFirst();
    return row ? assessmentFromRow(row, await this.#picksOf(db, row.id)) : undefined;
  }

  /**
   * Starts a draft, or returns the one the person already has of that kind in that cycle: there is at most
   * one, also when two tabs start at once (a unique index decides; the loser gets the winner's draft). A new
   * draft cannot be started in a closed cycle (`cycle-closed`).
   */
  async startDraft(input: NewAssessment): Promise<Outcome<Assessment>> {
    const checked = await this.#checkStart(input);
    if (!checked.ok) return fail(...checked.problems);
    const { personId, authorId, kind, cycleId, cycleStatus } = checked.value;
    const existing = await this.#draft(this.#db, personId, kind, cycleId);
    if (existing) return { ok: true, value: existing };
    if (cycleStatus === "closed") {
      return fail({
        kind: "conflict",
        code: "cycle-closed",
        field: "cycleId",
        message: "This assessment cycle is closed; no new assessments can be started in it",
      });
    }
    const now = encodeTime(this.#clock.now());
    const row: Insertable<AssessmentsTable> = {
      id: randomUUID(),
      person_id: personId,
      author_id: authorId,
      kind,
      cycle_id: cycleId,
      framework: checked.value.framework,
      framework_version: checked.value.frameworkVersion,
      level: checked.value.level,
      role: checked.value.role,
      target: checked.value.target,
      status: "draft",
      version: 1,
      created_at: now,
      updated_at: now,
      submitted_at: null,
    };
    try {
      const stored = await this.#db
        .insertInto("assessments")
        .values(row)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ok: true, value: assessmentFromRow(stored, []) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // another request started the same draft between the check and the insert: that one is the draft
      const winner = await this.#draft(this.#db, personId, kind, cycleId);
      if (winner) return { ok: true, value: winner };
      throw error;
    }
  }

  /** What `startDraft` was given, checked: located problems, or the values with the cycle's status. */
  async #checkStart(input: NewAssessment): Promise<Outcome<CheckedStart>> {
    const problems: Problem[] = [];
    const kind = checkChoice(input.kind, ASSESSMENT_KINDS, "kind", "The kind of assessment");
    if (kind.problem) problems.push(kind.problem);
    const framework = checkRequiredText(input.framework, "framework", "The framework");
    if (framework.problem) problems.push(framework.problem);
    const frameworkVersion = checkRequiredText(
      input.frameworkVersion,
      "frameworkVersion",
      "The framework version",
    );
    if (frameworkVersion.problem) problems.push(frameworkVersion.problem);
    const level = checkOptionalText(input.level, "level", "The level");
    if (level.problem) problems.push(level.problem);
    const role = checkOptionalText(input.role, "role", "The role");
    if (role.problem) problems.push(role.problem);
    const target = checkOptionalText(input.target, "target", "The target level");
    if (target.problem) problems.push(target.problem);

    const personId = input.personId;
    if (!isId(personId) || !(await this.#personExists(personId))) {
      return fail({ kind: "not-found", code: "not-found", field: "personId", message: "No such person" });
    }
    const authorId = input.authorId ?? null;
    if (authorId !== null && !(isId(authorId) && (await this.#personExists(authorId)))) {
      problems.push({
        kind: "invalid",
        code: "person-not-found",
        field: "authorId",
        message: "The author of the assessment does not exist",
      });
    }
    const cycleId = input.cycleId ?? null;
    const cycleStatus = cycleId === null ? undefined : await this.#cycleStatus(cycleId);
    if (cycleId !== null && cycleStatus === undefined) {
      problems.push({
        kind: "invalid",
        code: "cycle-not-found",
        field: "cycleId",
        message: "The assessment cycle does not exist",
      });
    }
    if (
      kind.value === undefined ||
      framework.value === undefined ||
      frameworkVersion.value === undefined ||
      level.value === undefined ||
      role.value === undefined ||
      target.value === undefined ||
      problems.length > 0
    ) {
      return fail(...problems);
    }
    return {
      ok: true,
      value: {
        personId,
        authorId,
        kind: kind.value,
        cycleId,
        cycleStatus,
        framework: framework.value,
        frameworkVersion: frameworkVersion.value,
        level: level.value,
        role: role.value,
        target: target.value,
      },
    };
  }

  async #cycleStatus(cycleId: string): Promise<string | undefined> {
    if (!isId(cycleId)) return undefined;
    const row = await this.#db
      .selectFrom("cycles")
      .select("status")
      .where("id", "=", cycleId)
      .executeTakeFirst();
    return row?.status;
  }

  /**
   * Saves a draft if the stored version is still `expectedVersion`. `picks`, when given, replace all the
   * picks. A version mismatch is a `stale-version` conflict and a submitted assessment a `submitted` one;
   * both carry the stored assessment in `current`, so the page can show the user theirs and what is there.
   */
  async saveDraft(
    id: string,
    expectedVersion: number,
    changes: AssessmentChanges,
  ): Promise<Outcome<Assessment>> {
    const problems: Problem[] = [];
    const set: Updateable<AssessmentsTable> = {};
    let picks: StoredPick[] | undefined;
    if (changes.picks !== undefined) {
      const checked = checkPicks(changes.picks);
      problems.push(...checked.problems);
      picks = checked.value.sort(byCompetency);
    }
    if (changes.target !== undefined) {
      const target = checkOptionalText(changes.target, "target", "The target level");
      if (target.problem) problems.push(target.problem);
      else set.target = target.value;
    }
    if (changes.role !== undefined) {
      const role = checkOptionalText(changes.role, "role", "The role");
      if (role.problem) problems.push(role.problem);
      else set.role = role.value;
    }
    if (changes.frameworkVersion !== undefined) {
      const version = checkRequiredText(
        changes.frameworkVersion,
        "frameworkVersion",
        "The framework version",
      );
      if (version.problem) problems.push(version.problem);
      else set.framework_version = version.value;
    }
    if (problems.length > 0) return fail(...problems);
    if (!isId(id)) return fail(notFound());
    if (!Number.isSafeInteger(expectedVersion)) return this.#refusal(this.#db, id);

    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable("assessments")
        .set({ ...set, version: sql`version + 1`, updated_at: encodeTime(this.#clock.now()) })
        .where("id", "=", id)
        .where("version", "=", expectedVersion)
        .where("status", "=", "draft")
        .returningAll()
        .executeTakeFirst();
      if (!row) return this.#refusal(trx, id);
      if (picks === undefined)
        return { ok: true as const, value: assessmentFromRow(row, await this.#picksOf(trx, id)) };
      await trx.deleteFrom("assessment_picks").where("assessment_id", "=", id).execute();
      const rows = picks.map((p) => ({
        assessment_id: id,
        competency: p.competency,
        level: p.level,
        band: p.band,
        evidence: p.evidence,
        links: JSON.stringify(p.links),
        criteria: JSON.stringify(p.criteria),
        criteria_shown: criteriaShownAt(p.level, p.criteria),
        comment: p.comment,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await trx
          .insertInto("assessment_picks")
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      }
      return { ok: true as const, value: assessmentFromRow(row, picks) };
    });
  }

  /**
   * Deletes a draft (never a submitted assessment) with its picks; goals that came from it keep their text.
   * For a draft whose author can no longer finish it. Returns whether there was one.
   */
  async discardDraft(id: string): Promise<boolean> {
    if (!isId(id)) return false;
    const result = await this.#db
      .deleteFrom("assessments")
      .where("id", "=", id)
      .where("status", "=", "draft")
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /**
   * Submits a draft (at `expectedVersion`): from then on it is frozen and kept in the person's history.
   * Refusals are as for `saveDraft`.
   */
  async submit(id: string, expectedVersion: number): Promise<Outcome<Assessment>> {
    if (!isId(id)) return fail(notFound());
    if (!Number.isSafeInteger(expectedVersion)) return this.#refusal(this.#db, id);
    const now = encodeTime(this.#clock.now());
    // the team views' summary of each person's record (team-records.ts) changes with it, in one transaction
    const row = await this.#db.transaction().execute(async (trx) => {
      const submitted = await trx
        .updateTable("assessments")
        .set({ status: "submitted", submitted_at: now, updated_at: now, version: sql`version + 1` })
        .where("id", "=", id)
        .where("version", "=", expectedVersion)
        .where("status", "=", "draft")
        .returningAll()
        .executeTakeFirst();
      if (submitted) await refreshTeamSummary(trx, this.#database.dialect, submitted.person_id);
      return submitted;
    });
    if (!row) return this.#refusal(this.#db, id);
    return { ok: true, value: assessmentFromRow(row, await this.#picksOf(this.#db, id)) };
  }

  /** Why a versioned write to a draft matched nothing: gone, submitted, or someone saved in between. */
  async #refusal(db: Executor, id: string): Promise<Outcome<Assessment>> {
    const current = await this.#load(db, id);
    if (current === undefined) return fail(notFound());
    if (current.status === "submitted") {
      return {
        ok: false,
        problems: [
          {
            kind: "conflict",
            code: "submitted",
            message: "This assessment has been submitted and can no longer be changed",
          },
        ],
        current,
      };
    }
    return {
      ok: false,
      problems: [
        {
          kind: "conflict",
          code: "stale-version",
          message: "This assessment was saved elsewhere (another tab or person) since you loaded it",
        },
      ],
      current,
    };
  }

  /** A person's submitted assessments (of one kind, if given), oldest first. */
  async history(personId: string, options: { kind?: AssessmentKind } = {}): Promise<Assessment[]> {
    if (!isId(personId)) return [];
    let query = this.#db
      .selectFrom("assessments")
      .selectAll()
      .where("person_id", "=", personId)
      .where("status", "=", "submitted");
    if (options.kind !== undefined) query = query.where("kind", "=", options.kind);
    const rows = await query.orderBy("submitted_at").orderBy("id").execute();
    return this.#withPicks(rows);
  }

  /**
   * Every assessment (drafts and submitted) in a cycle, of the given people if any are given, ordered by
   * person, kind and start.
   */
  async forCycle(cycleId: string, personIds?: readonly string[]): Promise<Assessment[]> {
    if (!isId(cycleId)) return [];
    let query = this.#db.selectFrom("assessments").selectAll().where("cycle_id", "=", cycleId);
    if (personIds !== undefined) query = query.where(this.#idIn("person_id", personIds));
    const rows = await query
      .orderBy("person_id")
      .orderBy("kind")
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return this.#withPicks(rows);
  }

  /**
   * Where each kind of assessment stands for each of the people, without picks, in one query whatever
   * their number: in a cycle, every assessment of theirs in it; outside cycles (`cycleId` null), each
   * person's latest submitted assessment of each kind (from any cycle) and their open drafts outside cycles.
   * Drafts of every author are included: which of them a reader may see is the policy's question.
   */
  async standings(personIds: readonly string[], cycleId: string | null): Promise<AssessmentSummary[]> {
    if (!personIds.some(isId) || (cycleId !== null && !isId(cycleId))) return [];
    if (cycleId !== null) {
      const rows = await this.#db
        .selectFrom("assessments")
        .selectAll()
        .where("cycle_id", "=", cycleId)
        .where(this.#idIn("person_id", personIds))
        .orderBy("person_id")
        .orderBy("kind")
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(summaryFromRow);
    }
    const ranked = this.#db
      .selectFrom("assessments")
      .selectAll()
      .select(
        sql<number>`row_number() over (partition by person_id, kind, status order by submitted_at desc, id desc)`.as(
          "rn",
        ),
      )
      .where(this.#idIn("person_id", personIds))
      .where((eb) => eb.or([eb("status", "=", "submitted"), eb("cycle_id", "is", null)]));
    const rows = await this.#db
      .selectFrom(ranked.as("ranked"))
      .selectAll()
      .where("rn", "=", 1)
      .orderBy("person_id")
      .orderBy("kind")
      .orderBy("status")
      .execute();
    return rows.map(summaryFromRow);
  }

  /**
   * Each person's most recently submitted assessment of one kind, by person id; people without one are
   * absent. Two queries whatever the number of people.
   */
  async latestSubmitted(
    personIds: readonly string[],
    kind: AssessmentKind,
  ): Promise<Map<string, Assessment>> {
    if (!ASSESSMENT_KINDS.includes(kind) || !personIds.some(isId)) return new Map();
    const ranked = this.#db
      .selectFrom("assessments")
      .selectAll()
      .select(
        sql<number>`row_number() over (partition by person_id order by submitted_at desc, id desc)`.as("rn"),
      )
      .where("status", "=", "submitted")
      .where("kind", "=", kind)
      .where(this.#idIn("person_id", personIds));
    const rows = await this.#db.selectFrom(ranked.as("ranked")).selectAll().where("rn", "=", 1).execute();
    return this.#byPerson(rows);
  }

  /**
   * Each person's assessment of record, for team views: from the person's latest round (the cycle, or the
   * single assessment outside cycles, whose last submission is the most recent), the agreed assessment if
   * there is one, else the manager's, else the self-assessment. So a round with only a self-assessment so far
   * shows that, not the previous round's agreed picks. Two queries whatever the number of people.
   */
  async latestOfRecord(personIds: readonly string[]): Promise<Map<string, Assessment>> {
    if (!personIds.some(isId)) return new Map();
    const rounds = this.#db
      .selectFrom("assessments")
      .selectAll()
      // coalesce(cycle_id, id): outside cycles each assessment is a round of its own
      .select(
        sql<string>`max(submitted_at) over (partition by person_id, coalesce(cycle_id, id))`.as("round_at"),
      )
      .select(sql<number>`case kind when 'agreed' then 0 when 'manager' then 1 else 2 end`.as("kind_rank"))
      .where("status", "=", "submitted")
      .where(this.#idIn("person_id", personIds));
    const ranked = this.#db
      .selectFrom(rounds.as("rounds"))
      .selectAll()
      .select(
        sql<number>`row_number() over (partition by person_id order by round_at desc, kind_rank, submitted_at desc, id desc)`.as(
          "rn",
        ),
      );
    const rows = await this.#db.selectFrom(ranked.as("ranked")).selectAll().where("rn", "=", 1).execute();
    return this.#byPerson(rows);
  }

  async #byPerson(rows: AssessmentRow[]): Promise<Map<string, Assessment>> {
    const assessments = await this.#withPicks(rows);
    return new Map(assessments.map((a) => [a.personId, a]));
  }

  async #load(db: Executor, id: string): Promise<Assessment | undefined> {
    const row = await db.selectFrom("assessments").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? assessmentFromRow(row, await this.#picksOf(db, id)) : undefined;
  }

  async #picksOf(db: Executor, id: string): Promise<StoredPick[]> {
    const rows = await db
      .selectFrom("assessment_picks")
      .selectAll()
      .where("assessment_id", "=", id)
      .execute();
    return rows.map(pickFromRow).sort(byCompetency);
  }

  /** The rows as assessments, with all their picks read in one query. */
  async #withPicks(rows: AssessmentRow[]): Promise<Assessment[]> {
    if (rows.length === 0) return [];
    const pickRows = await this.#db
      .selectFrom("assessment_picks")
      .selectAll()
      .where(
        this.#idIn(
          "assessment_id",
          rows.map((r) => r.id),
        ),
      )
      .execute();
    const picksOf = new Map<string, StoredPick[]>();
    for (const row of pickRows) {
      const list = picksOf.get(row.assessment_id);
      if (list) list.push(pickFromRow(row));
      else picksOf.set(row.assessment_id, [pickFromRow(row)]);
    }
    return rows.map((row) => assessmentFromRow(row, (picksOf.get(row.id) ?? []).sort(byCompetency)));
  }

  async #personExists(id: string): Promise<boolean> {
    const row = await this.#db.selectFrom("people").select("id").where("id", "=", id).executeTakeFirst();
    return row !== undefined;
  }
}
