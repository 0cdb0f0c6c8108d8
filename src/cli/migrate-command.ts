/**
 * `rungs migrate [--dry-run]`: brings the database's schema up to date and lists the migrations it ran;
 * with `--dry-run`, lists those that would run and changes nothing (not even creating a missing SQLite file).
 */
import { MIGRATION_NAMES, migrate } from "../store/migrations.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { databaseTarget, migrationFailure, openCliDatabase, targetExists } from "./database.js";
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
  const { database } = await openCliDatabase(options, io, { migrate: false });
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
