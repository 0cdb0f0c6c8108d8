/**
 * The versions of a framework that git knows: the commits that changed its files (newest first), and the
 * framework as it was at one of them, read from the repository without a checkout (git-file-system.ts).
 * Outside a repository there is no history: only the loaded version is known.
 */
import { basename, dirname } from "node:path";
import type { Framework } from "../core/schema.js";
import { runGit } from "./framework-version.js";
import { type FileSystemPort, nodeFileSystem } from "./fs-port.js";
import { GitReadError, gitFileSystem } from "./git-file-system.js";
import { loadFramework } from "./load-framework.js";

export interface HistoryEntry {
  /** The full commit hash. */
  commit: string;
  /** The commit's date (ISO 8601). */
  date: string;
  /** The first line of its message. */
  subject: string;
}

/** How many commits a history lists at most: a framework's versions, not a repository's log. */
export const HISTORY_LIMIT = 100;

async function where(path: string, fs: FileSystemPort): Promise<{ cwd: string; side: string }> {
  const isDirectory = (await fs.stat(path))?.isDirectory === true;
  return isDirectory ? { cwd: path, side: "." } : { cwd: dirname(path), side: basename(path) };
}

/** The commits that changed the framework at `path`, newest first; empty outside a repository. */
export async function frameworkHistory(
  path: string,
  fs: FileSystemPort = nodeFileSystem,
): Promise<HistoryEntry[]> {
  const { cwd, side } = await where(path, fs);
  const log = await runGit(cwd, ["log", `-${HISTORY_LIMIT}`, "--format=%H%x00%cI%x00%s", "--", side]);
  if (!log) return [];
  return log
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [commit = "", date = "", subject = ""] = line.split("\0");
      return { commit, date, subject };
    });
}

/** The framework at `path` as it was at `commit`, or why it cannot be read there. */
export async function frameworkAt(
  path: string,
  commit: string,
  fs: FileSystemPort = nodeFileSystem,
): Promise<{ framework: Framework } | { error: string }> {
  const { cwd, side } = await where(path, fs);
  try {
    const found = await gitFileSystem(cwd, commit, side);
    const loaded = await loadFramework(found.root, found.fs);
    const error = loaded.diagnostics.find((d) => d.severity === "error");
    if (!loaded.framework || error) return { error: `it has errors at ${commit.slice(0, 12)}` };
    return { framework: loaded.framework };
  } catch (error) {
    if (error instanceof GitReadError) return { error: error.message };
    throw error;
  }
}
