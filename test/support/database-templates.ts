/**
 * Vitest's global setup for the projects whose tests open databases (db and cli): one migrated database of
 * each dialect, made once for the whole run, that every suite's database is a copy of (describeEachDatabase
 * in databases.ts). Migrating from nothing took a second or more of PostgreSQL's time for every suite, and
 * the copy is one statement: `create database … template …` on PostgreSQL, a copied file on SQLite.
 * Removed again when the run ends.
 *
 * Both projects run this setup, one after the other before any test starts, each in a module instance of its
 * own: the first makes the templates and the second takes the same ones (they meet on the one process's
 * global), so a run migrates each dialect once, not once per project. The two dialects are made side by side.
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

type Template = NonNullable<DatabaseTemplates["sqlite"]>;

/** A migrated SQLite file in a new folder, closed (no write-ahead log beside it) so it can be copied as it is. */
async function sqliteTemplate(): Promise<{ template: Template; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "rungs-template-"));
  const file = join(dir, "rungs.db");
  const sqlite = openDatabase({ file });
  try {
    await migrate(sqlite);
    return {
      template: { copyOf: file, deleteOrder: await tablesInDeleteOrder(sqlite) },
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } finally {
    await sqlite.close();
  }
}

/** A migrated PostgreSQL database of a name of its own (other runs on the same server have theirs), closed:
 * PostgreSQL copies a database only while nobody is connected to it. */
async function postgresTemplate(): Promise<{ template: Template; remove: () => Promise<void> }> {
  const name = uniqueDatabaseName("rungs_template");
  await adminQuery(`create database ${name}`);
  const postgres = openDatabase({ url: postgresUrl(name) });
  try {
    await migrate(postgres);
    return {
      template: { copyOf: name, deleteOrder: await tablesInDeleteOrder(postgres) },
      remove: () => adminQuery(`drop database if exists ${name} with (force)`).then(() => undefined),
    };
  } finally {
    await postgres.close();
  }
}

interface Shared {
  made: Promise<{ templates: DatabaseTemplates; remove: () => Promise<void> }>;
  /** The projects whose teardown has not run yet: the last one removes the templates. */
  users: number;
}

const RUN = Symbol.for("rungs.databaseTemplates");

function makeTemplates(): Shared["made"] {
  return (async () => {
    const [sqlite, postgres] = await Promise.all([
      sqliteTemplate(),
      availableDialects.includes("postgres") ? postgresTemplate() : undefined,
    ]);
    return {
      templates: { sqlite: sqlite.template, ...(postgres && { postgres: postgres.template }) },
      remove: async () => {
        sqlite.remove();
        await postgres?.remove();
      },
    };
  })();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const run = globalThis as { [RUN]?: Shared };
  run[RUN] ??= { made: makeTemplates(), users: 0 };
  const shared = run[RUN];
  shared.users++;
  const { templates, remove } = await shared.made;
  project.provide("databaseTemplates", templates);
  return async () => {
    if (--shared.users > 0) return;
    delete run[RUN];
    await remove();
  };
}
