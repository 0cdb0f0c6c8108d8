/**
 * `rungs migrate [--dry-run]`: brings the database's schema up to date and lists the migrations it ran;
 * with `--dry-run`, lists those that would run and changes nothing (not even creating a missing SQLite file).
 *
 * `rungs migrate <paths…> [--dry-run]`: rewrites framework files to the current format version instead
 * (src/load/migrate-framework.ts), keeping every comment; the database is not touched.
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { FORMAT_VERSION, FORMAT_VERSIONS } from "../core/schema.js";
import { escapeControl } from "../core/text.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { displayPath } from "../load/load-framework.js";
import { planMigration } from "../load/migrate-framework.js";
import { MIGRATION_NAMES } from "../store/migration-names.js";
import { migrate } from "../store/migrations.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { databaseTarget, migrationFailure, openCliDatabase, targetExists } from "./database.js";
import { frameworkPaths } from "./load-indexes.js";
import type { DatabaseCliOptions } from "./options.js";

export interface MigrateCommandOptions extends DatabaseCliOptions {
  dryRun?: boolean;
}

const plural = (n: number) => `${n} migration${n === 1 ? "" : "s"}`;

export async function migrateCommand(options: MigrateCommandOptions, io: CliIo): Promise<number> {
  const target = databaseTarget(options, io);
  if (options.dryRun && !targetExists(target)) {
    print(io.stdout, `database: ${target.label} (does not exist yet; it would be created)\n`);
    for (const name of MIGRATION_NAMES) print(io.stdout, `would apply  ${name}\n`);
    print(io.stdout, `${plural(MIGRATION_NAMES.length)} pending; nothing was changed (dry run)\n`);
    return EXIT.ok;
  }
  const { database } = await openCliDatabase(options, io, { migrate: false, create: true });
  try {
    print(io.stdout, `database: ${target.label}\n`);
    if (options.dryRun) {
      const pending = await migrate(database, { dryRun: true });
      for (const name of pending) print(io.stdout, `would apply  ${name}\n`);
      print(
        io.stdout,
        pending.length === 0
          ? "nothing pending: the schema is up to date\n"
          : `${plural(pending.length)} pending; nothing was changed (dry run)\n`,
      );
      return EXIT.ok;
    }
    let applied: string[];
    try {
      applied = await migrate(database);
    } catch (error) {
      throw new UsageError(migrationFailure(error));
    }
    for (const name of applied) print(io.stdout, `applied  ${name}\n`);
    print(
      io.stdout,
      applied.length === 0
        ? "nothing to do: the schema is up to date\n"
        : `${plural(applied.length)} applied; the schema is up to date\n`,
    );
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

/**
 * Rewrites the framework at each path to the current format version: exit 2 when a path cannot be read
 * (as `rungs check` does), else 1 when any file could not be migrated.
 */
export async function migrateFrameworksCommand(
  paths: string[],
  options: { dryRun?: boolean },
  io: CliIo,
): Promise<number> {
  let failed = false;
  let unreadable = false;
  for (const path of await frameworkPaths(paths, io, [])) {
    const plan = await planMigration(resolve(io.cwd, path), nodeFileSystem);
    const shown = (file: string) => escapeControl(displayPath(file, io.cwd));
    if (plan.problems.length > 0 || plan.files.length === 0) {
      failed = true;
      if (plan.problems.some((p) => p.code === "read-error")) unreadable = true;
      const first = plan.problems[0];
      const why = first
        ? `${shown(first.file)}:${first.line}:${first.column}: ${escapeControl(first.message)}`
        : "no root file";
      io.stderr.write(`rungs: cannot migrate ${escapeControl(path)}: ${why}\n`);
      continue;
    }
    for (const file of plan.files) {
      if (!(FORMAT_VERSIONS as readonly unknown[]).includes(file.from)) {
        failed = true;
        io.stderr.write(
          `rungs: cannot migrate ${shown(file.file)}: rungs: ${escapeControl(String(file.from))} is not a format version this build reads\n`,
        );
      } else if (!file.changed) {
        print(io.stdout, `up to date  ${shown(file.file)} (rungs: ${FORMAT_VERSION})\n`);
      } else if (options.dryRun) {
        print(
          io.stdout,
          `would migrate  ${shown(file.file)} (rungs: ${String(file.from)} → ${FORMAT_VERSION})\n`,
        );
      } else {
        await writeFile(file.file, file.text);
        print(io.stdout, `migrated  ${shown(file.file)} (rungs: ${String(file.from)} → ${FORMAT_VERSION})\n`);
      }
    }
  }
  if (unreadable) return EXIT.usage;
  return failed ? EXIT.errors : EXIT.ok;
}
