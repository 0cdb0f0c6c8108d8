/** What every command shares: its I/O, exit statuses, the usage error, and where the package is. */
import { fileURLToPath } from "node:url";
import { escapeControl } from "../core/text.js";
import type { loadOccupations } from "../load/occupations.js";
import type { FrameworkRegistry } from "../load/registry.js";

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** What `-` reads (`rungs restore -`): the process's standard input unless given. */
  stdin?: NodeJS.ReadableStream;
  /**
   * For `rungs serve`: the thread that loads its frameworks, started by main.ts before the command line is
   * parsed (open-registry.ts, `startRegistryThread`).
   */
  registryThread?: RegistryThread;
}

/** A worker thread that loads frameworks once, started before it knows which. */
export interface RegistryThread {
  /**
   * `openRegistry` (open-registry.ts) done by the thread, which then ends: the same frameworks, the same
   * errors. It resolves once they are read; their lint findings follow (the registry's `lint`).
   */
  load(paths: string[]): Promise<FrameworkRegistry>;
}

/** Exit statuses, decided here and nowhere else (listed by `rungs --help` and in docs/cli.md). */
export const EXIT = { ok: 0, errors: 1, usage: 2, internal: 70 } as const;

/** What `rungs --help` says about them. */
export const EXIT_HELP = `Exit status:
  0   done; for check: no errors (warnings do not fail)
  1   the input has errors (check found some; a database command was refused by the data)
  2   usage error: unknown command or option, bad value, unknown id, a path that cannot be read
  70  internal error: a fault in rungs, said in one line (add --debug to see the stack)
`;

/**
 * Writes text for a person to read. Whatever it quotes (framework text, names from the database, paths)
 * has its control characters escaped on the way, so nothing read from a file reaches the terminal as a
 * control sequence. The one way commands print; only styled output (colours, progress) writes directly,
 * having escaped what it quotes itself.
 */
export function print(stream: { write(text: string): unknown }, text: string): void {
  stream.write(escapeControl(text));
}

/** What marks a UsageError, the same symbol in every copy of this module (see `UsageError`). */
const USAGE_ERROR = Symbol.for("rungs.UsageError");

/**
 * A problem the user must fix before the command can run (bad path, unknown id): exit 2, one line.
 * A command built whole (scripts/build-cli.ts, `WHOLE`) has its own copy of this module and so its own class:
 * `instanceof` asks for the mark, not the class, so program.ts knows one thrown from either copy.
 */
export class UsageError extends Error {
  readonly [USAGE_ERROR] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && USAGE_ERROR in value;
  }
}

/** What a system error on a path means for the person who gave the path, in words; its code kept last. */
const PATH_PROBLEMS: Record<string, string> = {
  EEXIST: "is a file, where a folder is meant",
  EISDIR: "is a folder, where a file is meant",
  ENOTDIR: "a part of this path is a file, where a folder is meant",
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "not permitted",
  EROFS: "on a read-only file system",
  ENOSPC: "no space left on the device",
};

export function pathProblem(error: NodeJS.ErrnoException): string {
  const words = error.code ? PATH_PROBLEMS[error.code] : undefined;
  return words && error.path ? `${error.path}: ${words} (${error.code}, ${error.syscall})` : error.message;
}

/**
 * An exception that escaped a command, as the person who ran it sees it: one line and an exit status,
 * never a stack unless `debug`. A UsageError, or a system error on a path (permission denied, no space),
 * is the user's to fix: exit 2. Anything else is a fault in rungs: exit 70.
 */
/** A UsageError, or a system error on a path (permission denied, no space): the user's to fix, exit 2. */
export function isUsersToFix(error: unknown): boolean {
  return (
    error instanceof UsageError || typeof (error as NodeJS.ErrnoException | undefined)?.syscall === "string"
  );
}

export function describeFailure(
  error: unknown,
  command: string,
  debug: boolean,
): { status: number; text: string } {
  if (error instanceof UsageError)
    return { status: EXIT.usage, text: `rungs: ${escapeControl(error.message)}\n` };
  const firstLine = (text: string) => escapeControl(text.split("\n")[0] ?? text);
  if (error instanceof Error && isUsersToFix(error))
    return { status: EXIT.usage, text: `rungs: ${command}: ${firstLine(pathProblem(error))}\n` };
  const line = firstLine(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  const stack = debug && error instanceof Error && error.stack ? `${escapeControl(error.stack)}\n` : "";
  const advice = debug ? "" : " (run with --debug for the stack)";
  return { status: EXIT.internal, text: `rungs: internal error: ${command}: ${line}${advice}\n${stack}` };
}

export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
// node:fs as Node holds it, not through an import: importing it builds its module facade, which reads every
// export and so loads file streams and watchers that `--version` and `check` never use
export const VERSION = (
  JSON.parse(process.getBuiltinModule("node:fs").readFileSync(`${PACKAGE_ROOT}package.json`, "utf8")) as {
    version: string;
  }
).version;

/** The bundled example frameworks, used when a command is given no paths. */
export const EXAMPLES = [
  "engineering",
  "product-matrix",
  // one in the shape of each seed document (issue 14): served by default so every shape is on show
  "seed-role-profile",
  "seed-goal-templates",
  "seed-level-page",
  "seed-forked-ladder",
  "seed-leveled-matrix",
].map((name) => `${PACKAGE_ROOT}examples/${name}`);

/** The occupation lists (catalog.ts), imported when a command first asks for them. */
export async function loadCatalog(io: CliIo): ReturnType<typeof loadOccupations> {
  return (await import("./catalog.js")).loadCatalog(io);
}
