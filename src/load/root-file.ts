/**
 * Whether a file is a framework's root file (`rungs:` as a top-level key), told from its text or bytes without
 * parsing it (but for a file written as one flow mapping): a diff reads such a file whole (diff-sides.ts), and
 * a folder is a folder of frameworks when its sub-folders have one at their top (framework-folders.ts).
 */
import { join } from "node:path";
import type { FileSystemPort } from "./fs-port.js";
import { DEFAULT_LOAD_LIMITS, type LoadLimits } from "./limits.js";
import { LinePositions } from "./line-positions.js";
import { walkedNames, YAML_FILE } from "./yaml-files.js";
import { yamlLibrary } from "./yaml-library.js";
import { parseYaml } from "./yaml-syntax.js";

// a byte order mark starts no key: the reader drops it
const ROOT_KEY = /^\ufeff?["']?rungs["']?\s*:/m;
export const isRoot = (text: string) =>
  text.includes("rungs") && (ROOT_KEY.test(text) || Boolean(flowKeys(text)?.has("rungs")));
export const extendsBase = (text: string) =>
  /^\ufeff?["']?extends["']?\s*:/m.test(text) || Boolean(flowKeys(text)?.has("extends"));

// A document written as one flow mapping (`{rungs: 2, id: x, …}`, or JSON): it starts with `{`, after blank
// lines, comments, directives and `---`. Its top-level keys are anywhere on its lines, so such a file (rare)
// is parsed, within the bounds of any framework file, to find them.
const FLOW_START = /^\ufeff?(?:[ \t]*(?:[#%][^\n]*|---[ \t]*(?:#[^\n]*)?)?\r?\n)*[ \t]*(?:---[ \t]+)?\{/;
function flowKeys(text: string): Set<string> | undefined {
  if (!FLOW_START.test(text)) return undefined;
  const { doc } = parseYaml("", text, new LinePositions(text), DEFAULT_LOAD_LIMITS);
  const { isMap, isScalar } = yamlLibrary();
  const root = doc?.contents;
  if (!isMap(root)) return undefined;
  return new Set(root.items.flatMap(({ key }) => (isScalar(key) ? [String(key.value)] : [])));
}

// Where ROOT_KEY can match in bytes: `rungs`, bare or quoted, at the start (after a BOM) or after a newline.
// A search for `rungs` alone stops at every `r` of the text (in a large framework's diff, more CPU than the
// reading of its files); a newline is rarer. Other line ends (a carriage return, U+2028, U+2029) send the
// bytes to the plain search.
const RUNGS = Buffer.from("rungs");
const ROOT_LINES = ["\nrungs", "\n'rungs", '\n"rungs'].map((start) => Buffer.from(start));
const BOM = Buffer.from("\ufeff");
const OTHER_LINE_ENDS = ["\r", "\u2028", "\u2029"].map((end) => Buffer.from(end));
const startsAt = (bytes: Buffer, at: number, start: Buffer) =>
  bytes.subarray(at, at + start.length).equals(start);
const startsWith = (bytes: Buffer, start: Buffer) => startsAt(bytes, 0, start);
const mayBeRoot = (bytes: Buffer) => {
  const first = startsWith(bytes, BOM) ? bytes.subarray(BOM.length) : bytes;
  return (
    ROOT_LINES.some((start) => bytes.includes(start) || startsWith(first, start.subarray(1))) ||
    (OTHER_LINE_ENDS.some((end) => bytes.includes(end)) && bytes.includes(RUNGS))
  );
};

/** Whether `bytes` from `at`, a line's start, start `rungs`, bare or quoted, after a byte order mark or not. */
export const startsRungs = (bytes: Buffer, at: number) => {
  let from = startsAt(bytes, at, BOM) ? at + BOM.length : at;
  if (bytes[from] === 0x22 || bytes[from] === 0x27) from++;
  return startsAt(bytes, from, RUNGS);
};

// Whether the bytes open with `{` after blank lines, comments, directives and `---` (FLOW_START, which the
// text is then held to): read byte by byte, so a file whose first `{` is deep inside costs nothing decoded.
export const mayBeFlow = (bytes: Buffer) => {
  let at = startsWith(bytes, BOM) ? BOM.length : 0;
  while (at < bytes.length) {
    const byte = bytes[at] as number;
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) at++;
    else if (byte === 0x23 || byte === 0x25) {
      // a comment (#) or a directive (%), to its line's end
      const end = bytes.indexOf(0x0a, at);
      if (end < 0) return false;
      at = end + 1;
    } else if (byte === 0x2d && bytes[at + 1] === 0x2d && bytes[at + 2] === 0x2d) at += 3;
    else return byte === 0x7b;
  }
  return false;
};

/** Whether a file's text or bytes hold `rungs:` as a top-level key: the root file, which a diff reads whole. */
export const isRootFile = (content: Buffer | string) =>
  typeof content === "string"
    ? isRoot(content)
    : (mayBeRoot(content) || mayBeFlow(content)) && isRoot(content.toString());

/**
 * Entries of a folder looked at for root files: a folder of frameworks past this is left to the loader as one
 * framework (framework-folders.ts), and a framework folder whose root file is not at its top is looked for
 * in the first this many of its sub-folders only.
 */
export const COLLECTION_ENTRIES = 1_000;

/**
 * Whether one of the YAML files at the top of `folder` has a `rungs:` key: `undefined` when that cannot be
 * told without reading more than the limits allow (a file over the size limit, one that cannot be read).
 */
export async function hasRootFile(
  folder: string,
  fs: FileSystemPort,
  limits: LoadLimits,
): Promise<boolean | undefined> {
  let unknown = false;
  for await (const { text } of topYamlFiles(folder, fs, limits)) {
    if (text === undefined) unknown = true;
    else if (isRootFile(text)) return true;
  }
  return unknown ? undefined : false;
}

/**
 * The regular YAML files at the top of `folder` (the first `limits.files`), each with its text: undefined
 * for a file over the size limit, which is not read ("" for one that cannot be).
 */
async function* topYamlFiles(
  folder: string,
  fs: FileSystemPort,
  limits: LoadLimits,
): AsyncGenerator<{ file: string; text: string | undefined }> {
  const yaml = (await walkedNames(folder, fs)).filter((n) => YAML_FILE.test(n));
  for (const name of yaml.slice(0, limits.files)) {
    const file = join(folder, name);
    const info = await fs.stat(file);
    if (!info || info.isDirectory || info.special) continue;
    yield { file, text: info.size > limits.fileBytes ? undefined : await fs.readFile(file).catch(() => "") };
  }
}

/**
 * Whether a folder named as a framework may be one: a root file (or a file too large to tell) at its top or
 * at the top of one of its first COLLECTION_ENTRIES sub-folders (`meta/framework.yaml` beside `areas/`).
 * Asked before the walk that reads every YAML file below it, so a folder that holds no framework (`/tmp`, a
 * home folder) is said to be none after a look at two levels, not walked to 10,000 folders and its unrelated
 * files reported on.
 */
export async function mayHoldFramework(
  dir: string,
  fs: FileSystemPort,
  limits: LoadLimits,
): Promise<boolean> {
  if ((await hasRootFile(dir, fs, limits)) !== false) return true;
  let looked = 0;
  for (const name of await walkedNames(dir, fs)) {
    const full = join(dir, name);
    if (!(await fs.stat(full))?.isDirectory) continue;
    if (++looked > COLLECTION_ENTRIES) return false;
    if ((await hasRootFile(full, fs, limits).catch(() => false)) !== false) return true;
  }
  return false;
}

/**
 * A YAML file at the top of a folder that holds no framework, written as a root file but for its `rungs:`
 * line (a top-level `id:`): the newcomer's file that a missing first line left unread, to be pointed at.
 */
export async function rootWithoutRungs(
  folder: string,
  fs: FileSystemPort,
  limits: LoadLimits,
): Promise<string | undefined> {
  for await (const { file, text } of topYamlFiles(folder, fs, limits))
    if (text !== undefined && /^\ufeff?id[ \t]*:/m.test(text)) return file;
  return undefined;
}
