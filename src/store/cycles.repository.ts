import { randomUUID } from "node:crypto";
import { type Selectable, sql } from "kysely";
import { checkDate, checkRequiredText } from "./assessment-input.js";
import { decodeOptionalTime, decodeTime, encodeTime, isId } from "./columns.js";
import type { CyclesTable, Database } from "./db.js";
import { TEXT_LIMITS } from "./text-limits.js";
import { type Clock, type Cycle, type NewCycle, type Outcome, type Problem, systemClock } from "./types.js";

export function cycleFromRow(row: Selectable<CyclesTable>): Cycle {
  return {
    id: row.id,
    name: row.name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.status,
    createdAt: decodeTime(row.created_at),
    closedAt: decodeOptionalTime(row.closed_at),
    version: Number(row.version),
  };
}

function fail<T>(...problems: Problem[]): Outcome<T> {
  return { ok: false, problems };
}

function notFound(): Problem {
  return { kind: "not-found", code: "not-found", message: "No such assessment cycle" };
}

/**
 * The current cycle among `cycles` as `list` orders them: the open one that started last. For a page that
 * lists the cycles anyway, so it needs no second read (CyclesRepository.current is this on the list).
 */
export function currentCycle(cycles: readonly Cycle[]): Cycle | undefined {
  return cycles.find((cycle) => cycle.status === "open");
}

/** Assessment cycles: opened by an admin with a name and dates, closed when done. */
export class CyclesRepository {
  readonly #database: Database;
  readonly #clock: Clock;

  constructor(database: Database, clock: Clock = systemClock) {
    this.#database = database;
    this.#clock = clock;
  }

  /** Opens a cycle. The name is 1 to TEXT_LIMITS.cycleName characters; the dates are YYYY-MM-DD and the end is not before the start. */
  async create(input: NewCycle): Promise<Outcome<Cycle>> {
    const problems: Problem[] = [];
    const name = checkRequiredText(input.name, "name", "The cycle name", TEXT_LIMITS.cycleName);
    if (name.problem) problems.push(name.problem);
    const startsOn = checkDate(input.startsOn, "startsOn", "Start date");
    if (startsOn.problem) problems.push(startsOn.problem);
    const endsOn = checkDate(input.endsOn, "endsOn", "End date");
    if (endsOn.problem) problems.push(endsOn.problem);
    if (startsOn.value !== undefined && endsOn.value !== undefined && endsOn.value < startsOn.value) {
      problems.push({
        kind: "invalid",
        code: "dates-out-of-order",
        field: "endsOn",
        message: `The cycle ends (${endsOn.value}) before it starts (${startsOn.value})`,
      });
    }
    if (name.value === undefined || startsOn.value === undefined || endsOn.value === undefined) {
      return fail(...problems);
    }
    if (problems.length > 0) return fail(...problems);
    const row = await this.#database.db
      .insertInto("cycles")
      .values({
        id: randomUUID(),
        name: name.value,
        starts_on: startsOn.value,
        ends_on: endsOn.value,
        status: "open",
        created_at: encodeTime(this.#clock.now()),
        closed_at: null,
        version: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ok: true, value: cycleFromRow(row) };
  }

  /** Every cycle, the latest start first. */
  async list(): Promise<Cycle[]> {
    const rows = await this.#database.db
      .selectFrom("cycles")
      .selectAll()
      .orderBy("starts_on", "desc")
      .orderBy("created_at", "desc")
      .orderBy("id")
      .execute();
    return rows.map(cycleFromRow);
  }

  async get(id: string): Promise<Cycle | undefined> {
    if (!isId(id)) return undefined;
    const row = await this.#database.db
      .selectFrom("cycles")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? cycleFromRow(row) : undefined;
  }

  /** The open cycle that started last (what people are asked to do now), if any is open. */
  async current(): Promise<Cycle | undefined> {
    return currentCycle(await this.list());
  }

  /**
   * Closes a cycle, if the stored version is still `expectedVersion` when one is given. Closing a cycle that
   * is already closed succeeds and changes nothing (two admins closing it at once both get what they wanted);
   * a stale version of an open cycle is a `stale-version` conflict carrying the stored cycle in `current`.
   */
  async close(id: string, expectedVersion?: number): Promise<Outcome<Cycle>> {
    if (!isId(id)) return fail(notFound());
    const now = encodeTime(this.#clock.now());
    let query = this.#database.db
      .updateTable("cycles")
      .set({ status: "closed", closed_at: now, version: sql`version + 1` })
      .where("id", "=", id)
      .where("status", "=", "open");
    if (expectedVersion !== undefined) query = query.where("version", "=", expectedVersion);
    const row = await query.returningAll().executeTakeFirst();
    if (row) return { ok: true, value: cycleFromRow(row) };
    const current = await this.get(id);
    if (current === undefined) return fail(notFound());
    if (current.status === "closed") return { ok: true, value: current };
    return {
      ok: false,
      problems: [
        {
          kind: "conflict",
          code: "stale-version",
          message: "Someone else changed this cycle since you loaded it; reload and try again",
        },
      ],
      current,
    };
  }
}
