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
 * way (diff-entries.ts). A file is read whole when it is the root (it holds `rungs:`) or names an old id (`renamedFrom`: the fate
 * of an id removed elsewhere), and nothing is left out when a side is one file, its root extends a base, or
 * it is over the load limits (the full load reports those). What is left out is not validated: `rungs check`
 * reports a problem in it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { relative } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import { diffFrameworks, type FrameworkDiff, renamesReferences } from "../core/framework-diff.js";
import { indexFramework } from "../core/model.js";
import type { Framework } from "../core/schema.js";
import { withoutSameEntries } from "./diff-entries.js";
import type { FileSystemPort } from "./fs-port.js";
import { DEFAULT_LOAD_LIMITS } from "./limits.js";
import { listYamlFiles, loadFramework } from "./load-framework.js";
import { ParseCache } from "./yaml-source.js";

export interface DiffSide {
  fs: FileSystemPort;
  /** The folder (or file) of the framework on `fs`. */
  path: string;
  /** A file's bytes, where they can be had without making text of them (on disk): compared as they are. */
  readBytes?: (path: string) => Promise<Buffer>;
}

/**
 * A side on disk read synchronously, for a command that has nothing else to do meanwhile: a synchronous
 * stat or read costs a fraction of the CPU of a promise's round trip through the thread pool, and a diff
 * makes hundreds. (A server keeps nodeFileSystem, which does not hold up other requests.)
 */
export function diskSide(path: string): DiffSide {
  const fs: FileSystemPort = {
    readFile: async (file) => readFileSync(file, "utf8"),
    stat: async (file) => {
      try {
        const info = statSync(file);
        const id = `${info.dev}:${info.ino}`;
        return { isDirectory: info.isDirectory(), size: info.size, id, modified: info.mtimeMs };
      } catch {
        return undefined;
      }
    },
    readDir: async (dir) => readdirSync(dir),
  };
  return { fs, path, readBytes: async (file) => readFileSync(file) };
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
    const part = await loadBoth(read.lean.before, read.lean.after, parsed);
    if (part.ok && !renamesReferences(part.diff)) return part;
  }
  const quick = await loadBoth(whole.before, whole.after, parsed);
  // a quick load with errors says nothing located: the full reader finds them again, with lines and columns
  return quick.ok ? quick : loadBoth(whole.before, whole.after);
}

async function loadBoth(before: DiffSide, after: DiffSide, parsed?: ParseCache): Promise<VersionsDiff> {
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
  const diff = diffFrameworks(indexFramework(old.framework), indexFramework(next.framework));
  return { ok: true, old: old.framework, next: next.framework, diff };
}

/** A file as read: its bytes (made text only if it is read by the loader) or its text. */
type Content = Buffer | string;

const textOf = (content: Content) => (typeof content === "string" ? content : content.toString("utf8"));

/**
 * Whether `content` matches `pattern`, made text only when it holds `word` (one scan of the bytes; looked for
 * as bytes, which is several times quicker than giving Buffer#includes a string).
 */
function says(content: Content, pattern: RegExp, word: Buffer): boolean {
  if (typeof content !== "string" && !content.includes(word)) return false;
  return pattern.test(textOf(content));
}

function same(a: Content, b: Content | undefined): boolean {
  if (b === undefined) return false;
  if (typeof a !== "string" && typeof b !== "string") return a.equals(b);
  return textOf(a) === textOf(b);
}

const RUNGS = Buffer.from("rungs");
const RENAMED_FROM = Buffer.from("renamedFrom");
const isRoot = (content: Content) => says(content, /^["']?rungs["']?\s*:/m, RUNGS);
const extendsBase = (content: Content) => /^["']?extends["']?\s*:/m.test(textOf(content));
const namesOldIds = (content: Content) => says(content, /renamedFrom/, RENAMED_FROM);

/**
 * Both sides with their files read once (`whole`), and without the files they share (`lean`, when some
 * are); undefined when nothing can be left out (a side is a single file, extends a base, or is beyond the
 * load limits).
 */
async function readSides(
  before: DiffSide,
  after: DiffSide,
): Promise<
  { whole: { before: DiffSide; after: DiffSide }; lean?: { before: DiffSide; after: DiffSide } } | undefined
> {
  const [old, next] = await Promise.all([filesOf(before), filesOf(after)]);
  if (!old || !next) return undefined;
  const roots = new Set<Content>();
  for (const content of old.values()) if (isRoot(content)) roots.add(content);
  for (const [path, content] of next) {
    const earlier = old.get(path);
    // the same bytes are the same answer: not looked through again
    if (earlier !== undefined && same(content, earlier) ? roots.has(earlier) : isRoot(content))
      roots.add(content);
  }
  if ([...roots].some(extendsBase)) return undefined;
  const shared = new Set<string>();
  const lean = { before: new Map(old), after: new Map(next) };
  let cut = false;
  for (const [path, content] of old) {
    const other = next.get(path);
    if (other === undefined || roots.has(content) || roots.has(other)) continue;
    if (same(content, other)) {
      if (!namesOldIds(content)) shared.add(path);
    } else if (!namesOldIds(content) && !namesOldIds(other)) {
      const entries = withoutSameEntries(textOf(content), textOf(other));
      if (!entries) continue;
      lean.before.set(path, entries.before);
      lean.after.set(path, entries.after);
      cut = true;
    }
  }
  const none = new Set<string>();
  const whole = { before: without(before, old, none), after: without(after, next, none) };
  if (shared.size === 0 && !cut) return { whole };
  return {
    whole,
    lean: { before: without(before, lean.before, shared), after: without(after, lean.after, shared) },
  };
}

/** Each YAML file of a folder side by its path inside it, read; undefined for a file side or over the limits. */
async function filesOf(side: DiffSide): Promise<Map<string, Content> | undefined> {
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
  const read = side.readBytes ?? ((path: string) => side.fs.readFile(path));
  const files = new Map<string, Content>();
  // one by one: a git side runs a process per file
  for (const file of listed.files) files.set(relative(side.path, file.path), await read(file.path));
  return files;
}

/** The side's file system with the `shared` files (paths inside the side) gone, the others read already. */
function without(side: DiffSide, files: Map<string, Content>, shared: ReadonlySet<string>): DiffSide {
  const hidden = (path: string) => shared.has(relative(side.path, path));
  const fs: FileSystemPort = {
    readFile: async (path) => {
      const content = files.get(relative(side.path, path));
      return content === undefined ? side.fs.readFile(path) : textOf(content);
    },
    stat: async (path) => (hidden(path) ? undefined : side.fs.stat(path)),
    readDir: async (path) => (await side.fs.readDir(path)).filter((name) => !hidden(`${path}/${name}`)),
  };
  return { fs, path: side.path };
}
