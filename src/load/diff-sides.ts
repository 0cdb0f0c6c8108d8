/**
 * The two versions `rungs diff` compares, with what they share left out: a fragment file with the same path
 * and the same bytes on both sides says the same entities on both, so neither side reads it, and a pull
 * request that changes two files of a hundred costs two files. The structural diff of what is left is the
 * diff of the whole as long as no level or track was renamed (their ids are named everywhere, in the left-out
 * files too): the caller checks, and diffs the whole versions when one was.
 *
 * A file is read whole when it is the root (it holds `rungs:`), when it names an old id (`renamedFrom`: the
 * fate of an id removed elsewhere), and always when a side extends a base or is over the load limits (the
 * full load reports those). What is left out is not validated: `rungs check` reports a problem in it.
 */
import { relative } from "node:path";
import type { FileSystemPort } from "./fs-port.js";
import { DEFAULT_LOAD_LIMITS } from "./limits.js";
import { listYamlFiles } from "./load-framework.js";

export interface DiffSide {
  fs: FileSystemPort;
  /** The folder (or file) of the framework on `fs`. */
  path: string;
  /** A file's bytes, where they can be had without making text of them (on disk): compared as they are. */
  readBytes?: (path: string) => Promise<Buffer>;
}

/** A file as read: its bytes (made text only if it is read by the loader) or its text. */
type Content = Buffer | string;

const textOf = (content: Content) => (typeof content === "string" ? content : content.toString("utf8"));

/** Whether `content` matches `pattern`, made text only when it holds one of `words`. */
function says(content: Content, pattern: RegExp, words: readonly string[]): boolean {
  if (typeof content !== "string" && !words.some((w) => content.includes(w))) return false;
  return pattern.test(textOf(content));
}

function same(a: Content, b: Content | undefined): boolean {
  if (b === undefined) return false;
  if (typeof a !== "string" && typeof b !== "string") return a.equals(b);
  return textOf(a) === textOf(b);
}

/** A file both versions need read whatever the other side holds. */
const READ_ALWAYS = /^["']?(?:rungs|extends)["']?\s*:|renamedFrom/m;

/**
 * Both sides without the files they share, or undefined when nothing is left out (a side is a single file,
 * extends a base, or is beyond the load limits).
 */
export async function withoutShared(
  before: DiffSide,
  after: DiffSide,
): Promise<{ before: DiffSide; after: DiffSide } | undefined> {
  const [old, next] = await Promise.all([filesOf(before), filesOf(after)]);
  if (!old || !next) return undefined;
  const extending = (c: Content) => says(c, /^["']?extends["']?\s*:/m, ["extends"]);
  if ([...old.values(), ...next.values()].some(extending)) return undefined;
  const shared = new Set<string>();
  for (const [path, content] of old)
    if (same(content, next.get(path)) && !says(content, READ_ALWAYS, ["rungs", "extends", "renamedFrom"]))
      shared.add(path);
  if (shared.size === 0) return undefined;
  return { before: without(before, old, shared), after: without(after, next, shared) };
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
