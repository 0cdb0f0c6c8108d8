/**
 * The versions of a framework that git knows: the commits that changed its files (newest first), and the
 * structural diff between two of them (or one and the files as they are), read from the repository without
 * a checkout (git-file-system.ts).
 * Outside a repository there is no history: only the loaded version is known.
 */
import { basename, dirname } from "node:path";
import type { FrameworkDiff } from "../core/framework-diff.js";
import type { DiffSide } from "./diff-sides.js";
import { runGit } from "./framework-version.js";
import { type FileSystemPort, nodeFileSystem } from "./fs-port.js";
import { GitReadError, gitFileSystem } from "./git-file-system.js";
import { headOf } from "./git-state.js";

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

/**
 * Histories kept by framework path and the HEAD they were read at (git-state.ts): a page asks `git log` again only
 * once HEAD has moved (a commit, a checkout, a reset, a pull), which the next request then sees. Outside a
 * repository, or where HEAD cannot be read, git is asked every time, as it always was.
 */
export class HistoryCache {
  private readonly kept = new Map<string, { head: string; history: HistoryEntry[] }>();

  async history(path: string, fs: FileSystemPort = nodeFileSystem): Promise<HistoryEntry[]> {
    const head = await headOf((await where(path, fs)).cwd);
    const kept = this.kept.get(path);
    if (head !== undefined && kept?.head === head) return kept.history;
    const history = await frameworkHistory(path, fs);
    if (head !== undefined) this.kept.set(path, { head, history });
    return history;
  }
}

/**
 * The structural diff between two versions of the framework at `path`: each `current` (its files as they are)
 * or a commit, read from the repository without a checkout; through diffVersions (diff-sides.ts), so the
 * files two versions share are not read twice. An error says why a version cannot be read. The loader it
 * reads them with (the file format's schemas, the YAML reader) is imported on the first diff: a server lists
 * histories with this module before any page needs a diff.
 */
export async function diffBetween(
  path: string,
  from: string,
  to: string,
  fs: FileSystemPort = nodeFileSystem,
): Promise<{ diff: FrameworkDiff } | { version: string; error: string }> {
  const { cwd, side } = await where(path, fs);
  const sideAt = async (version: string): Promise<DiffSide> => {
    if (version === "current") return { fs, path };
    const found = await gitFileSystem(cwd, version, side);
    return { fs: found.fs, path: found.root };
  };
  const sides: DiffSide[] = [];
  for (const version of [from, to]) {
    try {
      sides.push(await sideAt(version));
    } catch (error) {
      if (error instanceof GitReadError) return { version, error: error.message };
      throw error;
    }
  }
  const { diffVersions } = await import("./diff-sides.js");
  const result = await diffVersions(sides[0] as DiffSide, sides[1] as DiffSide);
  if (result.ok) return { diff: result.diff };
  const version = result.side === "before" ? from : to;
  return {
    version,
    error: `it has errors at ${version === "current" ? "the current files" : version.slice(0, 12)}`,
  };
}
