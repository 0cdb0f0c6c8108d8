/** Loads frameworks for the commands that read them (`show`, `goals`, `adjacent`, `equivalence`). */
import type { FrameworkIndex } from "../core/model.js";
import { expandFrameworkPaths } from "../load/framework-folders.js";
import { nodeGit } from "../load/framework-version.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { isUnknown, type Unknown } from "../services/frameworks.js";
import { type ReadFramework, readFramework } from "../services/read-framework.js";
import { type CliIo, EXAMPLES, print, UsageError } from "./context.js";

/**
 * The framework at `path` as far as it could be read: one whose root cannot be read is a UsageError; one
 * with errors is used, with a warning on standard error that says what is done with it (`doing`). `commit`: ask git for
 * the version's last commit.
 */
export async function readForCommand(
  path: string,
  io: CliIo,
  { doing = "using what could be read", commit = false }: { doing?: string; commit?: boolean } = {},
): Promise<ReadFramework> {
  // the last commit is asked of git only by commands that print the version (it costs a process)
  const read = await readFramework(path, nodeFileSystem, {
    cwd: io.cwd,
    ...(commit ? { git: nodeGit } : {}),
  });
  if ("problem" in read) {
    throw new UsageError(
      `cannot load ${path}${read.message ? `: ${read.message}` : ""} (run \`rungs check ${path}\` for every problem)`,
    );
  }
  if (read.errors > 0) {
    const errors = `${read.errors} error${read.errors === 1 ? "" : "s"}`;
    print(io.stderr, `rungs: ${path} has ${errors}; ${doing} (run \`rungs check ${path}\`)\n`);
  }
  return read;
}

/**
 * A framework lookup's answer, or the UsageError for an id that is not there (`where`: "in <path>"; `at`:
 * the file:line:column of the id, when it came from a file).
 */
export function mustFind<T extends object>(answer: T | Unknown, where: string, at = ""): T {
  if (!isUnknown(answer)) return answer;
  throw new UsageError(`${at}no ${answer.kind} "${answer.id}" ${where}; ${answer.hint}`);
}

/**
 * The framework paths a command reads: `paths`, or `none` when there are none (the bundled examples), with
 * each folder of frameworks replaced by its frameworks' folders.
 */
export function frameworkPaths(
  paths: string[],
  io: CliIo,
  none: readonly string[] = EXAMPLES,
): Promise<string[]> {
  return expandFrameworkPaths(paths.length ? paths : none, nodeFileSystem, io.cwd);
}

/**
 * Framework id → index, in the order of `paths` (the bundled examples when none are given). A path that
 * cannot be loaded, or two paths with one framework id, is a UsageError; a framework with errors is used
 * as far as it could be read, with a warning on standard error.
 */
export async function loadIndexes(paths: string[], io: CliIo): Promise<Map<string, FrameworkIndex>> {
  const indexes = new Map<string, FrameworkIndex>();
  const where = new Map<string, string>();
  for (const path of await frameworkPaths(paths, io)) {
    const { index } = await readForCommand(path, io);
    const id = index.framework.id;
    const earlier = where.get(id);
    if (earlier !== undefined) {
      throw new UsageError(`${earlier} and ${path} are both framework "${id}"; give each framework once`);
    }
    where.set(id, path);
    indexes.set(id, index);
  }
  return indexes;
}

/** Lays out rows of cells as left-aligned columns two spaces apart, without trailing spaces. */
export function columns(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - [...cell].length),
        )
        .join("  ")
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}
