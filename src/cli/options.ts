/**
 * Options several commands share, declared where `program.ts` can read them without loading what the
 * commands themselves need (a database driver, the web app): `rungs --help` stays as fast as `--version`.
 */
import type { Command } from "commander";
import { DEFAULT_SQLITE_FILE } from "../store/default-database.js";

export const DATABASE_URL_ENV = "DATABASE_URL";

/** The app's address when `--url` is not given (the address `rungs serve` listens on by default). */
export const DEFAULT_BASE_URL = "http://127.0.0.1:8080";

/** The option every database command takes. */
export interface DatabaseCliOptions {
  db?: string | undefined;
}

/** Adds `--db` to a command, with the same wording everywhere. */
export function withDatabaseOption(command: Command): Command {
  return command.option(
    "--db <file|url>",
    `SQLite file or postgres:// URL (default: $${DATABASE_URL_ENV}, else ${DEFAULT_SQLITE_FILE})`,
  );
}
