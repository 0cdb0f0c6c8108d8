/** What every command shares: its I/O, exit statuses, the usage error, and where the package is. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadOccupations, schemeDirs } from "../load/occupations.js";

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

/**
 * The SOC 2018 list with the scheme lists of data/schemes/ and of `RUNGS_SCHEMES_DIR` (read from the
 * command's environment, relative to its working directory).
 */
export function loadCatalog(io: CliIo): ReturnType<typeof loadOccupations> {
  return loadOccupations(nodeFileSystem, { schemeDirs: schemeDirs(io.env, io.cwd) });
}
