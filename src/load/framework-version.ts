/**
 * The version identity of a loaded framework (src/core/version.ts): its content hash, its `version:` field,
 * and, through a small git port, the commit its files were last changed in.
 */
import { dirname, relative, sep } from "node:path";
import type { Framework } from "../core/schema.js";
import { canonicalJson, type FrameworkVersion } from "../core/version.js";
import { type GitTarget, gitFolders } from "./git-state.js";

/** The last commit that changed a target, and whether it has changes not yet committed. */
export interface GitAnswer {
  commit: string;
  dirty: boolean;
}

/** The little of git the version needs; `undefined` answers mean "not in a repository" or "no git". */
export interface GitPort {
  /** For each target, in order: the last commit that changed it (a file or directory), or undefined. */
  lastCommits(targets: readonly GitTarget[]): Promise<(GitAnswer | undefined)[]>;
}

/** How git is run: its standard output, or undefined when it fails. `runGit` is the real one. */
export type GitRunner = (cwd: string, args: string[]) => Promise<string | undefined>;

/** Runs `git` with arguments (never through a shell), bounded in time and output; undefined on any failure. */
export const runGit: GitRunner = (cwd, args) =>
  new Promise((done) => {
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
        // GIT_OPTIONAL_LOCKS=0: `git status` leaves the index as it is (it would write its refreshed stat
        // data), so the index's own stat stays a witness of its content (git-state.ts's gitWitness)
        env: { ...process.env, LC_ALL: "C", GIT_OPTIONAL_LOCKS: "0" },
      },
      (error, stdout) => done(error ? undefined : stdout),
    );
  });

/**
 * The version's questions put to git through `run`: per repository, one `git log` over every target's
 * files and one `git status`, side by side (a server with seven examples in one repository starts two git
 * processes, not fourteen; each spawn holds the main thread).
 */
export function gitPort(run: GitRunner = runGit): GitPort {
  return {
    async lastCommits(targets) {
      const tops = await Promise.all(targets.map(repositoryTop));
      const groups = new Map<string, number[]>();
      tops.forEach((top, i) => {
        // outside any repository git is still asked, alone, as the single question always was
        const key = top ?? `\0${i}`;
        groups.set(key, [...(groups.get(key) ?? []), i]);
      });
      const answers: (GitAnswer | undefined)[] = targets.map(() => undefined);
      await Promise.all(
        [...groups].map(async ([key, indexes]) => {
          const group = indexes.map((i) => targets[i] as GitTarget);
          const found =
            key.startsWith("\0") || group.length === 1
              ? [await askOne(run, group[0] as GitTarget)]
              : await askRepository(run, key, group);
          indexes.forEach((i, k) => {
            answers[i] = found[k];
          });
        }),
      );
      return answers;
    },
  };
}

/** The real git, asked in each framework's own repository. */
export const nodeGit: GitPort = gitPort();

/** The top of the repository holding the target (git-state.ts), undefined outside any. */
async function repositoryTop(target: GitTarget): Promise<string | undefined> {
  return (await gitFolders(target.isDirectory ? target.path : dirname(target.path)))?.top;
}

/** One target on its own: the last commit of its files, and their status, asked in its own directory. */
async function askOne(run: GitRunner, target: GitTarget): Promise<GitAnswer | undefined> {
  const cwd = target.isDirectory ? target.path : dirname(target.path);
  const [log, status] = await Promise.all([
    run(cwd, ["log", "-1", "--format=%H", "--", target.path]),
    run(cwd, ["status", "--porcelain", "--", target.path]),
  ]);
  const commit = log?.trim();
  if (!commit) return undefined;
  return { commit, dirty: (status ?? "").trim() !== "" };
}

/** How many commits the shared walk reads before the targets it has not placed are asked one by one. */
const WALK_LIMIT = 500;

/**
 * Several targets in the repository at `top`: one walk of the commits that changed any of them (newest
 * first, with the files each changed) and one status. A target's commit is the first of the walk that
 * changed one of its files: what `git log -1 -- <target>` answers while the walk runs down one line of
 * history. At a merge git shows (it differs from every parent, so git follows every side) git's
 * simplification for one target may follow one side only: the targets not placed by then, or past
 * WALK_LIMIT, are asked alone with that exact question. One case differs: a merge git hides because the
 * shared files equal its second parent's, while one target's equal its first parent's too. git alone would
 * follow the first parent, the walk the second; the answers differ only where both sides changed that
 * target to the same content (a cherry-pick, a change undone).
 */
async function askRepository(
  run: GitRunner,
  top: string,
  targets: GitTarget[],
): Promise<(GitAnswer | undefined)[]> {
  const specs = targets.map((t) => relative(top, t.path).split(sep).join("/") || ".");
  const [log, status] = await Promise.all([
    run(top, [
      "log",
      `-${WALK_LIMIT}`,
      "-z",
      "--root",
      "--no-renames",
      "--name-only",
      "--format=%x01%H %P",
      "--",
      ...specs,
    ]),
    run(top, ["status", "--porcelain", "-z", "--", ...specs]),
  ]);
  if (log === undefined) return targets.map(() => undefined);
  const commits = specs.map(() => undefined as string | undefined);
  let current: string | undefined;
  let seen = 0;
  let stopped = false;
  for (const token of log.split("\0")) {
    const text = token.replace(/^\n/, "");
    if (text.startsWith("\x01")) {
      const [hash, ...parents] = text.slice(1).trim().split(" ");
      seen++;
      if (parents.length > 1) {
        stopped = true;
        break;
      }
      current = hash;
    } else if (text && current) {
      specs.forEach((spec, k) => {
        if (commits[k] === undefined && within(text, spec)) commits[k] = current;
      });
    }
  }
  // walked to the first commit without stopping: a target no commit changed has no last commit
  const complete = !stopped && seen < WALK_LIMIT;
  await Promise.all(
    specs.map(async (spec, k) => {
      if (commits[k] !== undefined || complete) return;
      commits[k] = (await run(top, ["log", "-1", "--format=%H", "--", spec]))?.trim() || undefined;
    }),
  );
  const changed = changedFiles(status ?? "");
  return commits.map((commit, k) =>
    commit
      ? { commit, dirty: changed.some((file) => file !== "" && within(file, specs[k] as string)) }
      : undefined,
  );
}

/** The paths `git status --porcelain -z` names: "XY path" entries, a rename's or copy's source after it. */
function changedFiles(status: string): string[] {
  const entries = status.split("\0");
  const files: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as string;
    if (entry.length < 4) continue;
    files.push(entry.slice(3));
    if (/[RC]/.test(entry.slice(0, 2))) files.push(entries[++i] ?? "");
  }
  return files;
}

/** Whether a repository path is the target's file or inside its directory. */
function within(file: string, spec: string): boolean {
  return spec === "." || file === spec || file.startsWith(`${spec}/`);
}

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
  const found = git ? (await git.lastCommits([{ path, isDirectory }]))[0] : undefined;
  return {
    hash: contentHash(framework),
    ...(framework.version !== undefined ? { version: framework.version } : {}),
    ...(found ? { commit: found.commit, ...(found.dirty ? { dirty: true } : {}) } : {}),
  };
}
