/**
 * Vitest's global setup for the projects whose tests open databases (db and cli): one migrated database of
 * each dialect, made once for the whole run, that every suite's database is a copy of (describeEachDatabase
 * in databases.ts). Migrating from nothing took a second or more of PostgreSQL's time for every suite, and
 * the copy is one statement: `create database … template …` on PostgreSQL, a copied file on SQLite.
 * Removed again when the run ends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrations.js";
import {
  adminQuery,
  availableDialects,
  type DatabaseTemplates,
  postgresUrl,
  tablesInDeleteOrder,
  uniqueDatabaseName,
} from "./databases.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's migrated databases to copy (this file); absent where a project has no such setup. */
    databaseTemplates: DatabaseTemplates;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), "rungs-template-"));
  const file = join(dir, "rungs.db");
  const sqlite = openDatabase({ file });
  let templates: DatabaseTemplates;
  try {
    await migrate(sqlite);
    templates = { sqlite: { copyOf: file, deleteOrder: await tablesInDeleteOrder(sqlite) } };
  } finally {
    // closed, so the file holds everything (no write-ahead log beside it) and can be copied as it is
    await sqlite.close();
  }
  // a name of its own: other runs on the same server have theirs
  const name = uniqueDatabaseName("rungs_template");
  if (availableDialects.includes("postgres")) {
    await adminQuery(`create database ${name}`);
    // closed too: PostgreSQL copies a database only while nobody is connected to it
    const postgres = openDatabase({ url: postgresUrl(name) });
    try {
      await migrate(postgres);
      templates.postgres = { copyOf: name, deleteOrder: await tablesInDeleteOrder(postgres) };
    } finally {
      await postgres.close();
    }
  }
  project.provide("databaseTemplates", templates);
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (templates.postgres) await adminQuery(`drop database if exists ${name} with (force)`);
  };
}
