/**
 * A framework as it was at a git commit, read straight from the repository (`git ls-tree`, then one
 * `git cat-file --batch` for its YAML files), never checked out: a FileSystemPort the loader reads like any
 * other.
 */
import { posix } from "node:path";
import { runGit } from "./framework-version.js";
import type { FileSystemPort } from "./fs-port.js";
import { DEFAULT_LOAD_LIMITS } from "./limits.js";

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

/** A file of the tree: its blob's object id and its size. */
interface Blob {
  oid: string;
  size: number;
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * For a branch name the clone has only as a remote's branch (`main` after cloning a repository whose HEAD was
 * another branch, or in CI's detached checkout): the name to write instead, as the end of the message.
 */
async function remoteBranch(cwd: string, ref: string): Promise<string> {
  if (ref.includes("/")) return "";
  const refs = await runGit(cwd, [
    "for-each-ref",
    "--count=1",
    "--format=%(refname:short)",
    `refs/remotes/*/${ref}`,
  ]);
  const name = refs?.trim();
  return name ? `; the clone has it as the remote's branch "${name}": write git:${name}:PATH` : "";
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
  if (!commit) throw new GitReadError(`no commit "${ref}" in this repository${await remoteBranch(cwd, ref)}`);
  const listing = await runGit(cwd, ["ls-tree", "-r", "-l", "-z", "--full-tree", commit]);
  if (listing === undefined) throw new GitReadError(`cannot list the files of ${ref}`);
  const blobs = new Map<string, Blob>();
  for (const entry of listing.split("\0")) {
    // <mode> SP <type> SP <object> SP+ <size> TAB <path>
    const match = /^\d+ blob ([0-9a-f]+) +(\d+)\t(.+)$/s.exec(entry);
    if (match) blobs.set(match[3] as string, { oid: match[1] as string, size: Number(match[2]) });
  }
  const root = posix.normalize(posix.join(prefix.trim(), path)).replace(/\/$/, "");
  if (root.startsWith("..")) throw new GitReadError(`${path} is outside the repository`);
  const isDir = (p: string) => {
    if (p === ".") return blobs.size > 0;
    const dir = `${p}/`;
    for (const file of blobs.keys()) if (file.startsWith(dir)) return true;
    return false;
  };
  // what the loader will read: asked for at once on the first read, not a git process per file
  let read: Promise<Map<string, string>> | undefined;
  const fs: FileSystemPort = {
    readFile: async (p) => {
      read ??= readBlobs(cwd, yamlUnder(blobs, root));
      const text = (await read).get(p) ?? (await runGit(cwd, ["cat-file", "blob", `${commit}:${p}`]));
      if (text === undefined) throw new Error(`cannot read ${p} at ${ref}`);
      return text;
    },
    stat: async (p) => {
      const size = blobs.get(p)?.size;
      if (size !== undefined) return { isDirectory: false, size };
      return isDir(p) ? { isDirectory: true, size: 0 } : undefined;
    },
    readDir: async (p) => {
      const dir = p === "." ? "" : `${p}/`;
      const names = new Set<string>();
      for (const file of blobs.keys())
        if (file.startsWith(dir)) names.add(file.slice(dir.length).split("/")[0] as string);
      return [...names];
    },
  };
  return { fs, root };
}

/**
 * The YAML files at or under `root` the loader may read, while their sizes together are within its bounds
 * (beyond them it reads none; a file left out here is read on its own, if the loader asks for it).
 */
function yamlUnder(blobs: ReadonlyMap<string, Blob>, root: string): Map<string, Blob> {
  const dir = root === "." ? "" : `${root}/`;
  const out = new Map<string, Blob>();
  let total = 0;
  for (const [path, blob] of blobs) {
    if (!(path === root || path.startsWith(dir)) || !YAML_FILE.test(path)) continue;
    if (blob.size > DEFAULT_LOAD_LIMITS.fileBytes) continue;
    total += blob.size;
    if (total > DEFAULT_LOAD_LIMITS.frameworkBytes) break;
    out.set(path, blob);
  }
  return out;
}

/**
 * The texts of `blobs` by path, from one `git cat-file --batch` (object ids in, `<oid> <type> <size>` and
 * the bytes out); a blob git does not give is left out. Bounded by the sizes the tree listed, and in time.
 */
function readBlobs(cwd: string, blobs: ReadonlyMap<string, Blob>): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (blobs.size === 0) return Promise.resolve(texts);
  let expected = 0;
  for (const blob of blobs.values()) expected += blob.size + blob.oid.length + 64;
  return new Promise((done) => {
    const git = process.getBuiltinModule("node:child_process").spawn("git", ["cat-file", "--batch"], {
      cwd,
      env: { ...process.env, LC_ALL: "C" },
      stdio: ["pipe", "pipe", "ignore"],
      timeout: 10_000,
    });
    const chunks: Buffer[] = [];
    let length = 0;
    git.stdout.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length > expected) git.kill();
      else chunks.push(chunk);
    });
    git.on("error", () => done(texts));
    git.on("close", () => {
      const out = Buffer.concat(chunks, Math.min(length, expected));
      const byOid = new Map<string, string>();
      for (let at = 0; at < out.length; ) {
        const eol = out.indexOf(10, at);
        if (eol < 0) break;
        const [oid = "", type, size] = out.toString("latin1", at, eol).split(" ");
        at = eol + 1;
        if (type === undefined || size === undefined) continue; // `<oid> missing`
        const end = at + Number(size);
        if (type === "blob" && end <= out.length) byOid.set(oid, out.toString("utf8", at, end));
        at = end + 1;
      }
      for (const [path, blob] of blobs) {
        const text = byOid.get(blob.oid);
        if (text !== undefined) texts.set(path, text);
      }
      done(texts);
    });
    git.stdin.on("error", () => {}); // git gone early: what it wrote is read on close
    git.stdin.end(`${[...new Set([...blobs.values()].map((b) => b.oid))].join("\n")}\n`);
  });
}
