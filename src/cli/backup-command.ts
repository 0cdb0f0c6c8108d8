/**
 * `rungs backup [--out FILE]` and `rungs restore FILE [--allow-unsigned]`: the database's data as one JSON
 * document (src/store/backup.ts), the same whichever database wrote it, so a backup of SQLite restores
 * into PostgreSQL and back. It is signed with the instance's secret (RUNGS_SECRET), and restore refuses a
 * file whose signature does not hold unless told otherwise. Restore only fills an empty database.
 */

import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { JSON_TOO_DEEP, jsonTooDeepAt } from "../core/json-depth.js";
import { outFileKind } from "../load/write-paths.js";
import { exportAll, restoreAll } from "../store/backup.js";
import { SECRET_MIN_LENGTH } from "../store/backup-signature.js";
import { StoreError } from "../store/db.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { migrationFailure, openCliDatabase, withStore } from "./database.js";
import type { DatabaseCliOptions } from "./options.js";
import { readBoundedFile, readBoundedStdin } from "./read-file.js";

export const SECRET_ENV = "RUNGS_SECRET";

export interface BackupCommandOptions extends DatabaseCliOptions {
  out?: string;
}

export interface RestoreCommandOptions extends DatabaseCliOptions {
  allowUnsigned?: boolean;
}

/**
 * The largest backup file read: a JavaScript string holds at most about 512 million characters, and a
 * backup is read whole (a JSON document).
 */
const BACKUP_FILE_MAX = 500 * 1024 * 1024;

/**
 * "3 people, 0 assessment picks": row counts by table, the table's own name with spaces for underscores,
 * so a new table needs no label here.
 */
function counts(tables: Record<string, number>): string {
  return Object.entries(tables)
    .map(([table, n]) => `${n} ${table.replace(/_/g, " ")}`)
    .join(", ");
}

/** The instance's secret from the environment: unset is allowed (no signature), too short is a mistake. */
function secretOf(io: CliIo): string | undefined {
  const secret = io.env[SECRET_ENV];
  if (secret === undefined || secret === "") return undefined;
  if (secret.length < SECRET_MIN_LENGTH) {
    throw new UsageError(
      `${SECRET_ENV} must be at least ${SECRET_MIN_LENGTH} characters (e.g. the output of: openssl rand -base64 32)`,
    );
  }
  return secret;
}

/**
 * Writes next to the destination, then renames over it: an interrupted backup never leaves a truncated
 * file under the name of a good one. Only the owner may read it: it holds password hashes. A pipe or socket
 * there is refused, as every --out does.
 */
function writeAtomically(path: string, text: string): void {
  // a device (/dev/stdout) is written in place: renaming over it would replace the device with a file
  if (outFileKind(path) === "device") {
    writeFileSync(path, text);
    return;
  }
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
  const secret = secretOf(io);
  const out = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  return withStore(options, io, async ({ database, target }) => {
    const document = await exportAll(database, { secret });
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (!secret) {
      io.stderr.write(
        `rungs: ${SECRET_ENV} is not set, so this backup is not signed: restoring it will need --allow-unsigned\n`,
      );
    }
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
    print(
      io.stdout,
      `backed up ${target.label} to ${options.out}${secret ? ", signed" : ""}: ${counts(sizes)}\n`,
    );
    return EXIT.ok;
  });
}

async function readBackup(path: string, io: CliIo): Promise<unknown> {
  const bound = { maxBytes: BACKUP_FILE_MAX, what: "backup" };
  const text = (
    path === "-" ? await readBoundedStdin(io, bound) : await readBoundedFile(path, io, bound)
  ).toString("utf8");
  const deep = jsonTooDeepAt(text);
  if (deep !== undefined)
    throw new UsageError(`${path} is not a rungs backup: line ${deep}: ${JSON_TOO_DEEP}`);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not a rungs backup: it is not valid JSON (${(error as Error).message})`);
  }
  // other JSON (a framework export, a package file) is named as such, not listed as every field it lacks
  if ((document as { format?: unknown } | null)?.format !== "rungs-backup")
    throw new UsageError(
      `${path} is not a rungs backup: it has no "format": "rungs-backup" (\`rungs backup\` writes one)`,
    );
  return document;
}

export async function restoreCommand(
  path: string,
  options: RestoreCommandOptions,
  io: CliIo,
): Promise<number> {
  const secret = secretOf(io);
  const document = await readBackup(path, io);
  // Not migrated here: restoreAll checks the document first and migrates only for a backup it will
  // restore, so a file that is not one leaves the target's schema as it was.
  const { database, target } = await openCliDatabase(options, io, { migrate: false, create: true });
  try {
    let restored: Awaited<ReturnType<typeof restoreAll>>;
    try {
      restored = await restoreAll(database, document, {
        secret,
        allowUnsigned: options.allowUnsigned ?? false,
      });
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      throw new UsageError(
        `cannot bring the database up to date (${target.label}): ${migrationFailure(error)}`,
      );
    }
    if (restored.ok) {
      const { leftOut, signed } = restored.value;
      print(io.stdout, `restored ${path} into ${target.label}: ${counts(restored.value.restored)}\n`);
      if (!signed) io.stderr.write("rungs: restored without a valid signature, as --allow-unsigned asked\n");
      if (Object.keys(leftOut).length) {
        print(io.stderr, `rungs: left out, as a backup never restores them: ${counts(leftOut)}\n`);
      }
      return EXIT.ok;
    }
    const [first] = restored.problems;
    if (first?.code === "database-not-empty") {
      print(
        io.stderr,
        `rungs: not restoring into ${target.label}: it already holds data; restore only into an empty database ` +
          "(a new SQLite file with --db, or a new PostgreSQL database); nothing was written\n",
      );
      return EXIT.errors;
    }
    if (first?.code === "invalid-signature") {
      print(
        io.stderr,
        `rungs: not restoring ${path}: ${first.message}; nothing was written. ` +
          `If you know where the file comes from, restore it anyway with --allow-unsigned (every row is still checked)\n`,
      );
      return EXIT.errors;
    }
    print(
      io.stderr,
      `rungs: ${path} is not a usable backup; nothing was written:\n${restored.problems
        .map((p) => `  ${p.message}\n`)
        .join("")}`,
    );
    return EXIT.errors;
  } finally {
    await database.close();
  }
}
