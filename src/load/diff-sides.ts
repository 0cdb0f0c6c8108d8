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
  if ([...old.values(), ...next.values()].some((text) => /^["']?extends["']?\s*:/m.test(text)))
    return undefined;
  const shared = new Set<string>();
  for (const [path, text] of old) if (next.get(path) === text && !READ_ALWAYS.test(text)) shared.add(path);
  if (shared.size === 0) return undefined;
  return { before: without(before, old, shared), after: without(after, next, shared) };
}

/** Each YAML file of a folder side by its path inside it, read; undefined for a file side or over the limits. */
async function filesOf(side: DiffSide): Promise<Map<string, string> | undefined> {
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
  const texts = new Map<string, string>();
  // one by one: a git side runs a process per file
  for (const file of listed.files)
    texts.set(relative(side.path, file.path), await side.fs.readFile(file.path));
  return texts;
}

/** The side's file system with the `shared` files (paths inside the side) gone, the others read already. */
function without(side: DiffSide, texts: Map<string, string>, shared: ReadonlySet<string>): DiffSide {
  const hidden = (path: string) => shared.has(relative(side.path, path));
  const fs: FileSystemPort = {
    readFile: async (path) => texts.get(relative(side.path, path)) ?? side.fs.readFile(path),
    stat: async (path) => (hidden(path) ? undefined : side.fs.stat(path)),
    readDir: async (path) => (await side.fs.readDir(path)).filter((name) => !hidden(`${path}/${name}`)),
  };
  return { fs, path: side.path };
}
