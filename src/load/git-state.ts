/**
 * What git's own files say about a repository, read without a git process: where its folders are, what HEAD
 * points at (framework-history.ts keys histories by it), and a witness of every input a framework's git
 * answers depend on (registry-cache.ts takes a cached answer while the witness is the same).
 */
import { lstat, readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

/** A framework's files on disk: one file, or a directory of them. */
export interface GitTarget {
  path: string;
  isDirectory: boolean;
}

/** A repository's folders: its working tree's top, its git folder, and the folder its worktrees share. */
export interface GitFolders {
  top: string;
  gitDir: string;
  common: string;
}

const text = async (path: string) => (await readFile(path, "utf8").catch(() => undefined))?.trim();

/** The repository holding `dir` (the nearest `.git` folder, or a worktree's `.git` file naming one). */
export async function gitFolders(dir: string): Promise<GitFolders | undefined> {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const dotGit = join(at, ".git");
    const found = await stat(dotGit).catch(() => undefined);
    let gitDir: string | undefined;
    if (found?.isDirectory()) gitDir = dotGit;
    else if (found?.isFile()) {
      const named = /^gitdir: (.+)$/.exec((await text(dotGit)) ?? "")?.[1];
      if (!named) return undefined;
      gitDir = resolve(at, named);
    }
    if (gitDir)
      return { top: at, gitDir, common: resolve(gitDir, (await text(join(gitDir, "commondir"))) ?? ".") };
    if (dirname(at) === at) return undefined;
  }
}

/**
 * The commit HEAD points at in the repository holding `dir`, with the branch it is on: read from the
 * repository's own files (HEAD, the loose or packed ref), which costs no git process. Undefined outside a
 * repository or where HEAD cannot be read this way.
 */
export async function headOf(dir: string): Promise<string | undefined> {
  const git = await gitFolders(dir);
  return git && headIn(git);
}

async function headIn({ gitDir, common }: GitFolders): Promise<string | undefined> {
  const head = await text(join(gitDir, "HEAD"));
  if (head === undefined) return undefined;
  if (/^[0-9a-f]{40,64}$/.test(head)) return head;
  const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1];
  if (!ref || ref.split("/").includes("..")) return undefined;
  const loose = (await text(join(gitDir, ref))) ?? (await text(join(common, ref)));
  const packed = (await text(join(common, "packed-refs")))
    ?.split("\n")
    .find((line) => line.endsWith(` ${ref}`))
    ?.split(" ")[0];
  // a branch without a commit yet is a HEAD too: its first commit moves it
  return `${ref} ${loose ?? packed ?? "none"}`;
}

/** How long a file must have been left alone for its stat to stand for its bytes (a FAT time's 2 s step). */
export const SETTLED_MS = 2_000;
/** Paths a witness stats at most: past that, git is asked. */
export const WITNESS_PATHS = 20_000;

/**
 * A witness of what `git log` and `git status` answer for `targets` (framework-version.ts's lastCommits):
 * HEAD (its commit and branch), the stat of the index, the repository's config and exclude file, every
 * `.gitignore` from a target up to its top, and every file and folder in the target (device, inode, size,
 * mode, modification and change times: a change of bytes, a rename over, a `touch -d` back all change the
 * change time). Undefined, so git is asked, outside a repository, past WITNESS_PATHS, or when any of those
 * was changed within SETTLED_MS of `now`: a file written again within one tick of the clock keeps its times.
 * Left out, as git reads them but they rarely change under a server: the user's global config and excludes.
 */
export async function gitWitness(
  targets: readonly GitTarget[],
  now = Date.now(),
): Promise<string | undefined> {
  if (targets.length > WITNESS_PATHS) return undefined;
  const walked = { paths: 0 };
  // targets in one repository share its HEAD, index, config and ignore files: each is read or stated once
  const heads = new Map<string, Promise<string | undefined>>();
  const found = await Promise.all(
    targets.map(async (target) => {
      const start = resolve(target.isDirectory ? target.path : dirname(target.path));
      const git = await gitFolders(start);
      if (!git) return undefined;
      if (!heads.has(git.gitDir)) heads.set(git.gitDir, headIn(git));
      const head = await heads.get(git.gitDir);
      const files = target.isDirectory ? await tree(target.path, walked) : [target.path];
      if (!head || !files) return undefined;
      const ignores: string[] = [];
      for (let at = start; ; at = dirname(at)) {
        ignores.push(join(at, ".gitignore"));
        if (at === git.top || dirname(at) === at) break;
      }
      const own = [
        join(git.gitDir, "index"),
        join(git.common, "config"),
        join(git.common, "info", "exclude"),
      ];
      return { head: `${target.path} ${head}`, paths: [...own, ...ignores, ...files] };
    }),
  );
  const paths = [...new Set(found.flatMap((f) => f?.paths ?? []))];
  if (found.some((f) => !f) || paths.length > WITNESS_PATHS) return undefined;
  let unsure = false;
  const stamps = await Promise.all(
    paths.map(async (path) => {
      const s = await lstat(path).catch(() => undefined);
      if (!s) return `${path} -`;
      if (s.ctimeMs > now - SETTLED_MS || s.mtimeMs > now - SETTLED_MS) unsure = true;
      return `${path} ${s.dev}:${s.ino}:${s.mode}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
    }),
  );
  if (unsure) return undefined;
  const hash = process.getBuiltinModule("node:crypto").createHash("sha256");
  for (const f of found) hash.update(`${f?.head}\n`);
  return hash.update(stamps.join("\n")).digest("hex");
}

/** Every path in the folder `dir` (links not followed), in a stable order; undefined past WITNESS_PATHS. */
async function tree(dir: string, walked: { paths: number }): Promise<string[] | undefined> {
  const found: string[] = [];
  const pending = [dir];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const entries = await readdir(next, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(next, entry.name);
      found.push(path);
      if (entry.isDirectory() && entry.name !== ".git") pending.push(path);
      if (++walked.paths > WITNESS_PATHS) return undefined;
    }
  }
  return found;
}
