/**
 * A framework as it was at a git commit, read straight from the repository (`git ls-tree`, `git show`), never
 * checked out: a FileSystemPort the loader reads like any other.
 */
import { posix } from "node:path";
import { runGit } from "./framework-version.js";
import type { FileSystemPort } from "./fs-port.js";

export class GitReadError extends Error {}

/** A side of `rungs diff` written `git:REF[:PATH]`: the ref, and the path relative to the current directory. */
export function parseGitSide(side: string): { ref: string; path: string } | undefined {
  if (!side.startsWith("git:")) return undefined;
  const rest = side.slice("git:".length);
  const colon = rest.indexOf(":");
  const ref = colon < 0 ? rest : rest.slice(0, colon);
  const path = colon < 0 ? "." : rest.slice(colon + 1) || ".";
  return { ref, path };
}

/**
 * The files of `ref` in the repository around `cwd`. Paths given to the port are repository paths
 * (`examples/engineering/levels.yaml`); `root` is where the side's PATH is in it.
 */
export async function gitFileSystem(
  cwd: string,
  ref: string,
  path: string,
): Promise<{ fs: FileSystemPort; root: string }> {
  if (!/^[\w./@^~{}-]{1,200}$/.test(ref) || ref.startsWith("-"))
    throw new GitReadError(`"${ref}" is not a git revision name`);
  const prefix = await runGit(cwd, ["rev-parse", "--show-prefix"]);
  if (prefix === undefined) throw new GitReadError(`${cwd} is not inside a git repository`);
  const commit = (await runGit(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]))?.trim();
  if (!commit) throw new GitReadError(`no commit "${ref}" in this repository`);
  const listing = await runGit(cwd, ["ls-tree", "-r", "-l", "-z", "--full-tree", commit]);
  if (listing === undefined) throw new GitReadError(`cannot list the files of ${ref}`);
  const sizes = new Map<string, number>();
  for (const entry of listing.split("\0")) {
    // <mode> SP <type> SP <object> SP+ <size> TAB <path>
    const match = /^\d+ blob [0-9a-f]+ +(\d+)\t(.+)$/s.exec(entry);
    if (match) sizes.set(match[2] as string, Number(match[1]));
  }
  const root = posix.normalize(posix.join(prefix.trim(), path)).replace(/\/$/, "");
  if (root.startsWith("..")) throw new GitReadError(`${path} is outside the repository`);
  const isDir = (p: string) => {
    if (p === ".") return sizes.size > 0;
    const dir = `${p}/`;
    for (const file of sizes.keys()) if (file.startsWith(dir)) return true;
    return false;
  };
  const fs: FileSystemPort = {
    readFile: async (p) => {
      const text = await runGit(cwd, ["cat-file", "blob", `${commit}:${p}`]);
      if (text === undefined) throw new Error(`cannot read ${p} at ${ref}`);
      return text;
    },
    stat: async (p) => {
      const size = sizes.get(p);
      if (size !== undefined) return { isDirectory: false, size };
      return isDir(p) ? { isDirectory: true, size: 0 } : undefined;
    },
    readDir: async (p) => {
      const dir = p === "." ? "" : `${p}/`;
      const names = new Set<string>();
      for (const file of sizes.keys())
        if (file.startsWith(dir)) names.add(file.slice(dir.length).split("/")[0] as string);
      return [...names];
    },
  };
  return { fs, root };
}
