/**
 * The version identity of a loaded framework (src/core/version.ts): its content hash, its `version:` field,
 * and, through a small git port, the commit its files were last changed in.
 */
import { dirname } from "node:path";
import type { Framework } from "../core/schema.js";
import { canonicalJson, type FrameworkVersion } from "../core/version.js";

/** The little of git the version needs; `undefined` answers mean "not in a repository" or "no git". */
export interface GitPort {
  /** The last commit that changed `path` (a file or directory), or undefined outside a repository. */
  lastCommit(path: string, isDirectory: boolean): Promise<{ commit: string; dirty: boolean } | undefined>;
}

/** Runs `git` with arguments (never through a shell), bounded in time and output; undefined on any failure. */
export function runGit(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((done) => {
    // Node's process and hashing modules are loaded when first used (process.getBuiltinModule), not with this
    // module: `rungs check`'s text report asks neither git nor for a hash, and loading them was a tenth of
    // its start-up.
    process.getBuiltinModule("node:child_process").execFile(
      "git",
      args,
      {
        cwd,
        timeout: 10_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: "utf8",
        env: { ...process.env, LC_ALL: "C" },
      },
      (error, stdout) => done(error ? undefined : stdout),
    );
  });
}

/** The real git, asked in the framework's own directory. */
export const nodeGit: GitPort = {
  async lastCommit(path, isDirectory) {
    const cwd = isDirectory ? path : dirname(path);
    // both at once: `rungs serve` waits for them before it answers
    const [log, status] = await Promise.all([
      runGit(cwd, ["log", "-1", "--format=%H", "--", path]),
      runGit(cwd, ["status", "--porcelain", "--", path]),
    ]);
    const commit = log?.trim();
    if (!commit) return undefined;
    return { commit, dirty: (status ?? "").trim() !== "" };
  },
};

/** sha256 of the framework's canonical JSON. */
export function contentHash(framework: Framework): string {
  return `sha256:${process.getBuiltinModule("node:crypto").createHash("sha256").update(canonicalJson(framework)).digest("hex")}`;
}

/** The framework's version identity; asks git only when a port is given. */
export async function frameworkVersion(
  framework: Framework,
  path: string,
  isDirectory: boolean,
  git?: GitPort,
): Promise<FrameworkVersion> {
  const found = git ? await git.lastCommit(path, isDirectory) : undefined;
  return {
    hash: contentHash(framework),
    ...(framework.version !== undefined ? { version: framework.version } : {}),
    ...(found ? { commit: found.commit, ...(found.dirty ? { dirty: true } : {}) } : {}),
  };
}
