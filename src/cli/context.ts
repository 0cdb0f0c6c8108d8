/** What every command shares: its I/O, exit statuses, the usage error, and where the package is. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Exit statuses, decided here and nowhere else. */
export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

/** A problem the user must fix before the command can run (bad path, unknown id): exit 2, one line. */
export class UsageError extends Error {}

export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const VERSION = (
  JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, "utf8")) as { version: string }
).version;

/** The bundled example frameworks, used when a command is given no paths. */
export const EXAMPLES = ["engineering", "product-matrix"].map((name) => `${PACKAGE_ROOT}examples/${name}`);
