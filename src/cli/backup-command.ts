/**
 * `rungs backup [--out FILE]` and `rungs restore FILE`: the whole database as one JSON document
 * (src/store/backup.ts), the same whichever database wrote it, so a backup of SQLite restores into
 * PostgreSQL and back. Restore only fills an empty database.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { type BackupTableName, exportAll, restoreAll } from "../store/backup.js";
import { StoreError } from "../store/db.js";
import { type CliIo, EXIT, UsageError } from "./context.js";
import {
  type DatabaseCliOptions,
  databaseTarget,
  migrationFailure,
  openCliDatabase,
  targetExists,
  withStore,
} from "./database.js";

export interface BackupCommandOptions extends DatabaseCliOptions {
  out?: string;
}

const TABLE_LABELS: Record<BackupTableName, string> = {
  people: "people",
  sessions: "sessions",
  one_time_tokens: "one-time tokens",
  rate_limits: "rate-limit counters",
  locks: "locks",
  settings: "settings",
  cycles: "assessment cycles",
  framework_snapshots: "framework snapshots",
  assessments: "assessments",
  assessment_picks: "assessment picks",
  goals: "goals",
};

function counts(tables: Partial<Record<BackupTableName, number>>): string {
  return (Object.entries(tables) as Array<[BackupTableName, number]>)
    .map(([table, n]) => `${n} ${TABLE_LABELS[table]}`)
    .join(", ");
}

/**
 * Writes next to the destination, then renames over it: an interrupted backup never leaves a truncated
 * file under the name of a good one. Only the owner may read it: it holds password and session hashes.
 */
function writeAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export async function backupCommand(options: BackupCommandOptions, io: CliIo): Promise<number> {
  const target = databaseTarget(options, io);
  // Backing up a file that is not there would create an empty database and save nothing: surely a wrong path.
  if (!targetExists(target)) {
    throw new UsageError(`there is no database at ${target.file} (check --db or the working directory)`);
  }
  const out = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  return withStore(options, io, async ({ database }) => {
    const document = await exportAll(database);
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (out === undefined) {
      io.stdout.write(text);
      return EXIT.ok;
    }
    try {
      writeAtomically(out, text);
    } catch (error) {
      throw new UsageError(`cannot write ${options.out}: ${(error as Error).message}`);
    }
    const sizes = Object.fromEntries(Object.entries(document.tables).map(([t, rows]) => [t, rows.length]));
    io.stdout.write(`backed up ${target.label} to ${options.out}: ${counts(sizes)}\n`);
    return EXIT.ok;
  });
}

function readBackup(path: string, io: CliIo): unknown {
  let text: string;
  try {
    text = path === "-" ? readFileSync(0, "utf8") : readFileSync(resolve(io.cwd, path), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${path}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not a rungs backup: it is not valid JSON (${(error as Error).message})`);
  }
}

export async function restoreCommand(path: string, options: DatabaseCliOptions, io: CliIo): Promise<number> {
  const document = readBackup(path, io);
  // Not migrated here: restoreAll checks the document first and migrates only for a backup it will
  // restore, so a file that is not one leaves the target's schema as it was.
  const { database, target } = await openCliDatabase(options, io, { migrate: false });
  try {
    let restored: Awaited<ReturnType<typeof restoreAll>>;
    try {
      restored = await restoreAll(database, document);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      throw new UsageError(
        `cannot bring the database up to date (${target.label}): ${migrationFailure(error)}`,
      );
    }
    if (restored.ok) {
      io.stdout.write(`restored ${path} into ${target.label}: ${counts(restored.value)}\n`);
      return EXIT.ok;
    }
    const [first, ...rest] = restored.problems;
    if (first?.code === "database-not-empty") {
      io.stderr.write(
        `rungs: not restoring into ${target.label}: it already holds data; restore only into an empty database ` +
          "(a new SQLite file with --db, or a new PostgreSQL database); nothing was written\n",
      );
      return EXIT.errors;
    }
    const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"})` : "";
    throw new UsageError(`${path} is not a usable backup: ${first?.message ?? "unknown problem"}${more}`);
  } finally {
    await database.close();
  }
}
