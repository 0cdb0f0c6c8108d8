import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { Dialect } from "./db.js";
import { isSqliteUniqueViolation } from "./node-sqlite.js";

/*
 * How domain values sit in columns on each dialect. Repositories encode on the way in and decode on the
 * way out, so the rest of the app only ever sees Date, boolean and number.
 */

/** Timestamps are written as ISO strings: SQLite compares them as text, PostgreSQL parses them. */
export function encodeTime(date: Date): string {
  return date.toISOString();
}

/** SQLite gives back the ISO string, PostgreSQL a Date. */
export function decodeTime(value: Date | string): Date {
  return value instanceof Date ? new Date(value.getTime()) : new Date(value);
}

export function decodeOptionalTime(value: Date | string | null): Date | null {
  return value === null ? null : decodeTime(value);
}

/** SQLite has no boolean type (the columns hold 0/1), and PostgreSQL wants real ones. */
export function encodeBool(dialect: Dialect, value: boolean): boolean | number {
  if (dialect === "sqlite") return value ? 1 : 0;
  return value;
}

export function decodeBool(value: boolean | number): boolean {
  return value === true || value === 1;
}

/** PostgreSQL returns count(*) as a string (int8); SQLite as a number. */
export function decodeCount(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Ids are UUIDs (a `uuid` column on PostgreSQL, text on SQLite). An id that is not one (say from a URL) can
 * match nothing, and asking PostgreSQL would be an error, so repositories answer "not found" without asking.
 */
export function isId(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** A unique-constraint violation from either driver (used where a race can beat the pre-check). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  // 23505 = unique_violation (PostgreSQL)
  return (error as { code?: unknown }).code === "23505" || isSqliteUniqueViolation(error);
}

/** Escapes LIKE wildcards so user search text matches literally (used with `escape '\'`). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `column` is one of `ids`, as one bound value whatever the number of ids: an array on PostgreSQL, a JSON
 * array read by json_each on SQLite. So a team view of 10,000 people is one query, with no IN list to split
 * under SQLite's bound-variable limit. Only well-formed ids reach PostgreSQL's uuid cast; others match nothing.
 */
export function idIn(dialect: Dialect, column: string, ids: readonly string[]): RawBuilder<SqlBool> {
  const valid = [...new Set(ids.filter(isId))];
  return dialect === "postgres"
    ? sql<SqlBool>`${sql.ref(column)} = any(${valid}::uuid[])`
    : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(valid)}))`;
}
