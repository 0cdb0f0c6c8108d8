import { createHash } from "node:crypto";
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { TeamScales } from "./team-scales.js";

/**
 * "Ready" kept per record (migration 0014): whether a person's latest assessment of record reaches their next
 * level (team-pages.repository.ts' `record` rule) is written into their `team_records` row with what it was
 * worked out from: their own level then (`ready_level`) and the basis of the framework as loaded then
 * (`ready_basis`, a hash of everything the rule reads from the framework: its ranks, what each level's next
 * level asks, and how records of earlier versions are carried). A row is good while both still hold; a
 * submit replaces the row (team-records.ts), so a new record starts with none. The heatmap by team counts
 * the good rows and works out only the others (all of them once after a framework change), writing them
 * back: a cache that cannot be read stale, so no write elsewhere has to keep it. Written by GETs, so on
 * PostgreSQL only the rows the write can lock at once (SKIP LOCKED): a read never waits on another's lock, so
 * two reads (or a read and a restore) cannot deadlock; a row skipped is worked out by a later read.
 */

/** How many times a read writes back the rows other transactions held it from (a moment each) before counting. */
export const READY_WRITE_ROUNDS = 4;

/** Per framework of the scales, the basis its "ready" is worked out on. */
export function readinessBases(scales: TeamScales): Map<string, string> {
  const frameworks = new Set(scales.ranks.map((r) => r.framework));
  const bases = new Map<string, string>();
  for (const framework of frameworks) {
    const own = <T extends { framework: string }>(list: readonly T[] | undefined) =>
      list?.filter((x) => x.framework === framework);
    const basis = JSON.stringify([
      own(scales.ranks),
      own(scales.needs),
      scales.carry === undefined ? "not carried" : own(scales.carry),
    ]);
    bases.set(framework, createHash("sha256").update(basis).digest("base64url").slice(0, 22));
  }
  return bases;
}

/** The basis of `framework` (a column) as a CASE over the bases; null for a framework not loaded. */
function basisOf(bases: Map<string, string>, framework: RawBuilder<unknown>): RawBuilder<unknown> {
  if (bases.size === 0) return sql`null`;
  const whens = [...bases].map(([id, basis]) => sql`when ${id} then ${basis}`);
  return sql`(case ${framework} ${sql.join(whens, sql` `)} end)`;
}

/** Whether the record `r` of the person `p` (aliases) holds a "ready" worked out on what holds now. */
export function readyIsGood(
  bases: Map<string, string>,
  r: RawBuilder<unknown>,
  p: RawBuilder<unknown>,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`${r}.ready is not null and ${r}.ready_level = coalesce(${p}.level, '')
    and ${r}.ready_basis = ${basisOf(bases, sql`${p}.framework`)}`;
}

/** The columns a refresh writes from `record`'s row `x`: its ready, and what it was worked out from. */
export function readySet(bases: Map<string, string>): RawBuilder<unknown> {
  return sql`ready = x.ready, ready_level = coalesce(x.level, ''), ready_basis = ${basisOf(bases, sql`x.framework`)}`;
}
