/**
 * A disk cache of frameworks as a registry loaded them (`rungs serve`'s thread, cli/cached-registry.ts): the
 * registry's snapshot, kept with a journal of every input the load read (each file system and git question
 * and its answer). A later start asks the same questions again, which is cheap (the bytes are read and
 * hashed, nothing parsed or linted), and takes the snapshot only when every answer is the same: one byte
 * changed in any file, a file added to a framework's folder, a new commit, and it is a miss. Anything wrong
 * with the cache (no folder, a folder it may not write, a file cut short, corrupt or too large, a folder
 * owned by someone else) is a miss too, never an error.
 */
import { createHash } from "node:crypto";
import { lstat, mkdir, open, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { GitPort } from "./framework-version.js";
import type { FileSystemPort } from "./fs-port.js";
import type { GitTarget } from "./git-state.js";
import { gitWitness } from "./git-state.js";
import type { RegistrySnapshot } from "./registry.js";

/**
 * One question a load asked and the digest of its answer ("!" and the error's code when it threw); git's
 * with the witness of its inputs taken before it was asked (git-state.ts), when there was one.
 */
type Asked =
  | [op: "readFile" | "stat" | "readDir" | "realPath", path: string, answer: string]
  | [op: "git", targets: GitTarget[], answer: string, witness?: string];

/** What stands for git's inputs: the real one is gitWitness; undefined has git asked. */
export type Witness = (targets: readonly GitTarget[]) => Promise<string | undefined>;

/** The bounds of the cache: an entry is a file, the oldest go first when there are more. */
export const CACHE_LIMITS = {
  /** Bytes of one entry (the snapshot holds the frameworks' text: 7 examples make 0.6 MB). */
  entryBytes: 32 * 1024 * 1024,
  /** Entries kept (one per set of paths, working directory and build). */
  entries: 8,
  /** Questions in one journal (a framework folder is bounded to 10,000 files and 10,000 folders). */
  questions: 200_000,
};

const digest = (text: string) => createHash("sha256").update(text).digest("hex");

/** The answer's digest, or the error's code: an error is an answer too (a file that is not there). */
async function asked(answer: () => Promise<unknown>, text: (value: never) => string): Promise<string> {
  try {
    return text((await answer()) as never);
  } catch (error) {
    return failed(error);
  }
}

/** A question's answer when it threw: the error's code (a file that is not there is an answer too). */
const failed = (error: unknown) => `!${(error as NodeJS.ErrnoException).code ?? "error"}`;

const ANSWERS = {
  readFile: (text: string) => digest(text),
  stat: (info: unknown) => JSON.stringify(info ?? null),
  readDir: (names: string[]) => digest(names.join("\0")),
  realPath: (path: string) => path,
} as const;

/**
 * `fs` and `git` that note every question asked through them, and the answer, in `journal`; git's with the
 * witness of its inputs, taken before git is asked (so a change meanwhile makes the witness differ later).
 */
export function recording(fs: FileSystemPort, git: GitPort, witness: Witness = gitWitness) {
  const journal: Asked[] = [];
  const { realPath } = fs;
  // noted in the tick the answer comes, before the load that asked can go on and finish
  function note<T>(op: keyof typeof ANSWERS, path: string, answer: Promise<T>): Promise<T> {
    answer.then(
      (value) => journal.push([op, path, ANSWERS[op](value as never)]),
      (error) => journal.push([op, path, failed(error)]),
    );
    return answer;
  }
  const recorded: FileSystemPort = {
    readFile: (path) => note("readFile", path, fs.readFile(path)),
    stat: (path) => note("stat", path, fs.stat(path)),
    readDir: (path) => note("readDir", path, fs.readDir(path)),
    ...(realPath ? { realPath: (path: string) => note("realPath", path, realPath.call(fs, path)) } : {}),
  };
  const recordedGit: GitPort = {
    lastCommits: async (targets) => {
      const seen = await witness(targets).catch(() => undefined);
      const answers = await git.lastCommits(targets);
      journal.push(["git", [...targets], JSON.stringify(answers), seen]);
      return answers;
    },
  };
  return { fs: recorded, git: recordedGit, journal };
}

/**
 * Whether every question of `journal`, asked again, has the same answer. git is asked only when the witness
 * of its inputs is missing or differs: a git process costs a start more than every file question together.
 */
async function sameAnswers(
  journal: Asked[],
  fs: FileSystemPort,
  git: GitPort,
  witness: Witness,
): Promise<boolean> {
  const again = await Promise.all(
    journal.map(([op, what, answer, seen]) =>
      op === "git"
        ? asked(async () => {
            if (seen !== undefined && (await witness(what)) === seen) return answer;
            return JSON.stringify(await git.lastCommits(what));
          }, String)
        : asked(
            () => (op === "realPath" ? (fs.realPath?.(what) ?? Promise.resolve(what)) : fs[op](what)),
            ANSWERS[op],
          ),
    ),
  );
  return again.every((answer, i) => answer === journal[i]?.[2]);
}

interface Entry {
  key: string;
  journal: Asked[];
  snapshot: RegistrySnapshot;
}

/**
 * The cache in `dir`: `get` the snapshot kept for `key` if its inputs are unchanged, `put` one. `key` holds
 * what the journal does not: the build, the limits, the paths asked for, the working directory.
 */
export function registryCache(dir: string) {
  const file = (key: string) => join(dir, `${digest(key).slice(0, 32)}.registry`);
  return {
    async get(
      key: string,
      fs: FileSystemPort,
      git: GitPort,
      witness: Witness = gitWitness,
    ): Promise<RegistrySnapshot | undefined> {
      try {
        if (!(await ownFolder(dir))) return undefined;
        const entry = deserialize(await readBounded(file(key))) as Entry;
        if (
          entry?.key !== key ||
          !Array.isArray(entry.journal) ||
          entry.journal.length > CACHE_LIMITS.questions
        )
          return undefined;
        return (await sameAnswers(entry.journal, fs, git, witness)) ? entry.snapshot : undefined;
      } catch {
        return undefined;
      }
    },
    /** Keeps `snapshot` (written whole or not at all); false when it could not. */
    async put(key: string, journal: Asked[], snapshot: RegistrySnapshot): Promise<boolean> {
      try {
        if (journal.length > CACHE_LIMITS.questions) return false;
        const bytes = serialize({ key, journal, snapshot } satisfies Entry);
        if (bytes.length > CACHE_LIMITS.entryBytes) return false;
        await mkdir(dir, { recursive: true, mode: 0o700 });
        if (!(await ownFolder(dir))) return false;
        const target = file(key);
        const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(temporary, bytes, { mode: 0o600 });
        await rename(temporary, target).catch(async (error) => {
          await rm(temporary, { force: true });
          throw error;
        });
        await prune(dir);
        return true;
      } catch {
        return false;
      }
    },
  };
}

export type Journal = Asked[];

/** A folder this user owns and nobody else may write: what another user planted there is never read. */
async function ownFolder(dir: string): Promise<boolean> {
  const info = await lstat(dir);
  const uid = process.getuid?.();
  return info.isDirectory() && (uid === undefined || info.uid === uid) && (info.mode & 0o022) === 0;
}

/** The file's bytes, when it is no larger than an entry may be. */
async function readBounded(path: string): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    if (size > CACHE_LIMITS.entryBytes) throw new Error("too large");
    const bytes = Buffer.alloc(size);
    const { bytesRead } = await handle.read(bytes, 0, size, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Removes the oldest entries beyond the bound, and temporary files a stopped writer left. */
async function prune(dir: string): Promise<void> {
  const names = await readdir(dir);
  const entries = await Promise.all(
    names
      .filter((name) => name.endsWith(".registry") || name.endsWith(".tmp"))
      .map(async (name) => ({
        name,
        modified: (await stat(join(dir, name)).catch(() => undefined))?.mtimeMs,
      })),
  );
  const stale = Date.now() - 60 * 60 * 1000;
  const kept = entries
    .filter((e) => e.name.endsWith(".registry"))
    .sort((a, b) => (b.modified ?? 0) - (a.modified ?? 0));
  const gone = [
    ...kept.slice(CACHE_LIMITS.entries),
    ...entries.filter((e) => e.name.endsWith(".tmp") && (e.modified ?? 0) < stale),
  ];
  await Promise.all(gone.map((e) => rm(join(dir, e.name), { force: true })));
}
