import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { type Generated, Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isUniqueViolation } from "./columns.js";
import { forKysely } from "./node-sqlite.js";

interface Tables {
  items: { id: Generated<number>; name: string; size: number | null };
}

describe("node:sqlite under Kysely", () => {
  let dir: string;
  let db: Kysely<Tables>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "rungs-node-sqlite-"));
    db = new Kysely<Tables>({
      dialect: new SqliteDialect({ database: forKysely(new DatabaseSync(join(dir, "test.db"))) }),
    });
    await db.schema
      .createTable("items")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("size", "integer")
      .execute();
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("binds parameters, reports inserted ids and affected rows, and reads rows back", async () => {
    const inserted = await db.insertInto("items").values({ name: "a", size: 1 }).executeTakeFirstOrThrow();
    expect(inserted.insertId).toBe(1n);
    await db.insertInto("items").values({ name: "b", size: null }).execute();
    const updated = await db
      .updateTable("items")
      .set({ size: 5 })
      .where("size", "is", null)
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    expect(await db.selectFrom("items").select(["name", "size"]).orderBy("id").execute()).toEqual([
      { name: "a", size: 1 },
      { name: "b", size: 5 },
    ]);
  });

  it("returns rows from writes with RETURNING and from pragmas", async () => {
    const returned = await db.insertInto("items").values({ name: "c" }).returning(["id", "name"]).execute();
    expect(returned).toEqual([{ id: 1, name: "c" }]);
    const deleted = await db.deleteFrom("items").returning("name").execute();
    expect(deleted).toEqual([{ name: "c" }]);
    const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    expect(rows).toHaveLength(1);
  });

  it("streams a select row by row", async () => {
    await db
      .insertInto("items")
      .values(["x", "y", "z"].map((name) => ({ name })))
      .execute();
    const names: string[] = [];
    for await (const row of db.selectFrom("items").select("name").orderBy("name").stream())
      names.push(row.name);
    expect(names).toEqual(["x", "y", "z"]);
  });

  it("rolls a failed transaction back, and a duplicate key reads as a unique violation", async () => {
    await db.insertInto("items").values({ name: "taken" }).execute();
    const failure = await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto("items").values({ name: "fresh" }).execute();
        await trx.insertInto("items").values({ name: "taken" }).execute();
      })
      .catch((error: unknown) => error);
    expect(isUniqueViolation(failure)).toBe(true);
    const duplicateId = await db
      .insertInto("items")
      .values({ id: 1, name: "other" })
      .execute()
      .catch((error: unknown) => error);
    expect(isUniqueViolation(duplicateId)).toBe(true);
    expect(await db.selectFrom("items").select("name").execute()).toEqual([{ name: "taken" }]);
    // other constraint failures are not unique violations
    const missing = await sql`insert into items (name) values (null)`
      .execute(db)
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Error);
    expect(isUniqueViolation(missing)).toBe(false);
  });

  it("reuses a prepared statement for the same SQL, which still reads the table as it is now", async () => {
    const all = () => db.selectFrom("items").selectAll().orderBy("id").execute();
    expect(await all()).toEqual([]);
    await db.insertInto("items").values({ name: "a", size: 1 }).execute();
    expect(await all()).toEqual([{ id: 1, name: "a", size: 1 }]);
    // the kept `select *` is recompiled by SQLite after the table changes shape
    await sql`alter table items add column colour text`.execute(db);
    expect(await all()).toEqual([{ id: 1, name: "a", size: 1, colour: null }]);
    // two iterations of one query at once (at the driver: Kysely runs one query at a time) keep their places
    const raw = new DatabaseSync(":memory:");
    raw.exec("create table items (name text); insert into items values ('a'), ('b')");
    const driver = forKysely(raw);
    const query = "select name from items order by name";
    const names = (rows: Iterable<unknown>) => [...rows].map((r) => (r as { name: string }).name);
    const one = driver.prepare(query).iterate([])[Symbol.iterator]();
    const two = driver.prepare(query).iterate([])[Symbol.iterator]();
    const interleaved = [one.next(), two.next(), one.next(), two.next()].map(
      (r) => (r.value as { name: string }).name,
    );
    expect(interleaved).toEqual(["a", "a", "b", "b"]);
    expect(names(driver.prepare(query).all([]))).toEqual(["a", "b"]);
    driver.close();
  });
});
