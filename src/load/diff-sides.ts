/**
 * The structural diff of two versions of a framework, the fast way `rungs diff`, `rungs review` and the web's
 * "what changed" page share (one function, `diffVersions`).
 *
 * A fragment file with the same path and the same bytes on both sides says the same entities on both, so
 * neither side reads it: a pull request that changes two files of a hundred costs two files. The structural
 * diff of what is left is the diff of the whole as long as no level or track was renamed (their ids are
 * named everywhere, in the left-out files too); when one was, the whole versions are diffed. Files are read
 * with the quick YAML reader (yaml-quick.ts); only a side with errors is loaded again the full way, for the
 * located message.
 *
 * Inside a file both sides have but changed, the competencies written the same on both are left out the same
 * way (diff-entries.ts), and so are those whose changes are only reworded statements, which go to the
 * structural diff as the two texts (diff-cells.ts). A file is read whole when it is the root (it holds `rungs:`) or names an old id (`renamedFrom`: the fate
 * of an id removed elsewhere), and nothing is left out when a side is one file, its root extends a base, or
 * it is over the load limits (the full load reports those). What is left out is not validated: `rungs check`
 * reports a problem in it.
 */
import { relative, sep } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import {
  diffFrameworks,
  type FrameworkDiff,
  type OutsideCell,
  renamesReferences,
} from "../core/framework-diff.js";
import { indexFramework } from "../core/model.js";
import type { Framework } from "../core/schema.js";
import { namesOldIds, withoutSameEntries } from "./diff-entries.js";
import type { FileSystemPort, PathInfo } from "./fs-port.js";
import { DEFAULT_LOAD_LIMITS } from "./limits.js";
import { loadFramework } from "./load-framework.js";
import { ParseCache } from "./parse-cache.js";
import { pathInfo } from "./path-info.js";
import { extendsBase, isRoot, isRootFile } from "./root-file.js";
import { listYamlFiles } from "./yaml-files.js";

export interface DiffSide {
  fs: FileSystemPort;
  /** The folder (or file) of the framework on `fs`. */
  path: string;
  /**
   * On disk: reads the start of a file into `buffer` and says how many bytes it put there. Two such sides
   * compare their files as bytes and make text only of those that differ.
   */
  readInto?: (path: string, buffer: Buffer) => number;
}

/**
 * A side on disk read synchronously, for a command that has nothing else to do meanwhile: a synchronous
 * stat or read costs a fraction of the CPU of a promise's round trip through the thread pool, and a diff
 * makes hundreds. Each path is stated and each folder listed once: a diff walks a side's folders more than
 * once (to compare the files, then to load what is left), and a system call is most of the cost of a stat.
 * (A server keeps nodeFileSystem, which does not hold up other requests.) Node's fs module is taken when
 * first used, not imported: an import reads every export of its module facade, streams and all.
 */
export function diskSide(path: string): DiffSide {
  const fs = process.getBuiltinModule("node:fs");
  const stats = new Map<string, PathInfo | undefined>();
  const listings = new Map<string, string[]>();
  const statOf = (file: string): PathInfo | undefined => {
    try {
      return pathInfo(fs.statSync(file));
    } catch {
      return undefined;
    }
  };
  const port: FileSystemPort = {
    readFile: async (file) => fs.readFileSync(file, "utf8"),
    stat: async (file) => {
      if (!stats.has(file)) stats.set(file, statOf(file));
      return stats.get(file);
    },
    readDir: async (dir) => {
      const names = listings.get(dir) ?? fs.readdirSync(dir);
      listings.set(dir, names);
      return [...names];
    },
  };
  const readInto = (file: string, buffer: Buffer) => {
    const fd = fs.openSync(file, "r");
    try {
      let n = 0;
      for (let got = 1; got > 0 && n < buffer.length; n += got)
        got = fs.readSync(fd, buffer, n, buffer.length - n, n);
      return n;
    } finally {
      fs.closeSync(fd);
    }
  };
  return { fs: port, path, readInto };
}

/** Two versions compared, or the side that could not be loaded and its first error (located). */
export type VersionsDiff =
  | { ok: true; old: Framework; next: Framework; diff: FrameworkDiff }
  | { ok: false; side: "before" | "after"; error?: Diagnostic };

/** The structural diff of two versions of a framework: of the files they do not share where that is enough. */
export async function diffVersions(before: DiffSide, after: DiffSide): Promise<VersionsDiff> {
  const read = await readSides(before, after);
  const whole = read?.whole ?? { before, after };
  const parsed = new ParseCache(true);
  if (read?.lean) {
    const part = await loadBoth(read.lean.before, read.lean.after, parsed, read.lean.reworded);
    if (part.ok && !renamesReferences(part.diff)) return part;
  }
  const quick = await loadBoth(whole.before, whole.after, parsed);
  // a quick load with errors says nothing located: the full reader finds them again, with lines and columns
  return quick.ok ? quick : loadBoth(whole.before, whole.after);
}

/**
 * The structural diff of an earlier version against one already loaded (`rungs review`, which has just
 * checked it): only the earlier one is loaded, whole, through the `parsed` cache the loaded one filled, so
 * the files the two share are parsed once.
 */
export async function diffAgainst(
  before: DiffSide,
  next: Framework,
  parsed: ParseCache,
): Promise<VersionsDiff> {
  const loaded = await loadFramework(before.path, before.fs, { version: false, parsed });
  const error = loaded.diagnostics.find((d) => d.severity === "error");
  if (!loaded.framework || error) return { ok: false, side: "before", error };
  const diff = diffFrameworks(indexFramework(loaded.framework), indexFramework(next));
  return { ok: true, old: loaded.framework, next, diff };
}

async function loadBoth(
  before: DiffSide,
  after: DiffSide,
  parsed?: ParseCache,
  outside?: readonly OutsideCell[],
): Promise<VersionsDiff> {
  const load = async (side: DiffSide) => {
    // no version identity: the diff prints none, and a content hash is half a second of a large framework
    const loaded = await loadFramework(side.path, side.fs, { version: false, ...(parsed ? { parsed } : {}) });
    const error = loaded.diagnostics.find((d) => d.severity === "error");
    return loaded.framework && !error ? { framework: loaded.framework } : { error };
  };
  const old = await load(before);
  if (!old.framework) return { ok: false, side: "before", error: old.error };
  const next = await load(after);
  if (!next.framework) return { ok: false, side: "after", error: next.error };
  const diff = diffFrameworks(indexFramework(old.framework), indexFramework(next.framework), outside);
  return { ok: true, old: old.framework, next: next.framework, diff };
}

/** Both sides' files by their path inside the side: the files read, and the paths whose bytes are the same. */
interface Read {
  /** Each side's files as read, whole; a file cut (below) is not here, and is read again for a whole load. */
  before: Map<string, string>;
  after: Map<string, string>;
  /** Files the same on both sides that are neither the root nor name old ids: neither side reads them. */
  shared: Set<string>;
  /** Files both sides have, changed, without what they write the same (diff-entries.ts). */
  cut: Map<string, { before: string; after: string }>;
  /** The reworded cells of the competencies cut out of both sides' files for them alone (diff-cells.ts). */
  reworded: OutsideCell[];
}

/**
 * Both sides with their files read once (`whole`), and without the files they share (`lean`, when some
 * are); undefined when nothing can be left out (a side is a single file, extends a base, or is beyond the
 * load limits).
 */
async function readSides(
  before: DiffSide,
  after: DiffSide,
): Promise<
  | {
      whole: { before: DiffSide; after: DiffSide };
      lean?: { before: DiffSide; after: DiffSide; reworded: OutsideCell[] };
    }
  | undefined
> {
  const [old, next] = await Promise.all([filesOf(before), filesOf(after)]);
  if (!old || !next) return undefined;
  const read = await readPairs(before, old, after, next);
  for (const files of [read.before, read.after])
    for (const text of files.values()) if (isRoot(text) && extendsBase(text)) return undefined;
  const none = new Set<string>();
  const whole = { before: without(before, read.before, none), after: without(after, read.after, none) };
  if (read.shared.size === 0 && read.cut.size === 0) return { whole };
  const lean = { before: new Map(read.before), after: new Map(read.after) };
  for (const [path, cut] of read.cut) {
    lean.before.set(path, cut.before);
    lean.after.set(path, cut.after);
  }
  return {
    whole,
    lean: {
      before: without(before, lean.before, read.shared),
      after: without(after, lean.after, read.shared),
      reworded: read.reworded,
    },
  };
}

/** Each YAML file of a folder side (its full path and size) by its path inside it; undefined for a file side or over the limits. */
async function filesOf(side: DiffSide): Promise<Map<string, { path: string; size: number }> | undefined> {
  if ((await side.fs.stat(side.path))?.isDirectory !== true) return undefined;
  const limits = DEFAULT_LOAD_LIMITS;
  const listed = await listYamlFiles(side.path, side.fs, limits);
  const total = listed.files.reduce((sum, f) => sum + f.size, 0);
  if (
    listed.truncated ||
    total > limits.frameworkBytes ||
    listed.files.some((f) => f.size > limits.fileBytes)
  )
    return undefined;
  return new Map(listed.files.map((file) => [inside(side.path, file.path), file]));
}

/**
 * Reads the files of both sides (a git side asks git for all of them at once, on the first read). The two
 * files of one path on disk are read as bytes into two buffers used again and again, and only what is kept
 * of them becomes text: the file itself when it matters whole (the root, a file naming old ids) or cannot be
 * cut, else what is left when the entries both write the same are cut out. A large framework's files read
 * into fresh memory cost more in page faults than everything done with them after.
 */
async function readPairs(
  before: DiffSide,
  old: Map<string, { path: string; size: number }>,
  after: DiffSide,
  next: Map<string, { path: string; size: number }>,
): Promise<Read> {
  const read: Read = {
    before: new Map(),
    after: new Map(),
    shared: new Set(),
    cut: new Map(),
    reworded: [],
  };
  const buffers = { a: Buffer.alloc(0), b: Buffer.alloc(0) };
  /** Reads a file into the buffer `which` (one byte more than listed: a file that grew is not taken for its bytes). */
  const bytesOf = (side: DiffSide, file: { path: string; size: number }, which: "a" | "b") => {
    if (!side.readInto) return undefined;
    if (buffers[which].length <= file.size) buffers[which] = Buffer.allocUnsafe(file.size + 1);
    const got = side.readInto(file.path, buffers[which].subarray(0, file.size + 1));
    return got === file.size ? buffers[which].subarray(0, got) : undefined;
  };
  for (const [path, file] of old) {
    const other = next.get(path);
    if (!other) {
      read.before.set(path, await before.fs.readFile(file.path));
      continue;
    }
    const a = bytesOf(before, file, "a") ?? (await before.fs.readFile(file.path));
    const b = bytesOf(after, other, "b") ?? (await after.fs.readFile(other.path));
    keepPair(read, path, a, b);
  }
  for (const [path, file] of next)
    if (!old.has(path)) read.after.set(path, await after.fs.readFile(file.path));
  return read;
}

/** Keeps what a diff needs of the two versions `a` and `b` of the file at `path` (see readPairs). */
function keepPair(read: Read, path: string, a: Buffer | string, b: Buffer | string): void {
  const same = typeof a === "string" || typeof b === "string" ? String(a) === String(b) : a.equals(b);
  // the root and a file naming old ids are read whole: a changed one is left whole by the cut itself
  if (same && !isRootFile(a) && !namesOldIds(a)) {
    read.shared.add(path);
    return;
  }
  const cut = same ? undefined : withoutSameEntries(a, b);
  if (cut) {
    read.cut.set(path, cut);
    for (const cell of cut.reworded ?? []) read.reworded.push(cell);
  } else {
    read.before.set(path, a.toString());
    read.after.set(path, same ? (read.before.get(path) as string) : b.toString());
  }
}

/**
 * `path`'s path inside the folder `root`. The loader names files by joining names to the folder, so the folder
 * and a separator start them: cut, not worked out by `relative` (which normalizes both paths, on every file
 * a side lists, stats and reads).
 */
function inside(root: string, path: string): string {
  return path.length > root.length && path.startsWith(root) && path[root.length] === sep
    ? path.slice(root.length + 1)
    : relative(root, path);
}

/** The side's file system with the `shared` files (paths inside the side) gone, the others read already. */
function without(side: DiffSide, files: Map<string, string>, shared: ReadonlySet<string>): DiffSide {
  const hidden = (path: string) => shared.has(inside(side.path, path));
  const fs: FileSystemPort = {
    readFile: async (path) => {
      const content = files.get(inside(side.path, path));
      return content ?? side.fs.readFile(path);
    },
    stat: async (path) => (hidden(path) ? undefined : side.fs.stat(path)),
    readDir: async (path) => (await side.fs.readDir(path)).filter((name) => !hidden(`${path}/${name}`)),
  };
  return { fs, path: side.path };
}
