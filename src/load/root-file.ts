/**
 * Whether a file is a framework's root file (`rungs:` as a top-level key), told from its text or bytes without
 * parsing it: a diff reads such a file whole (diff-sides.ts), and a folder is a folder of frameworks when its
 * sub-folders have one at their top (framework-folders.ts).
 */
// a byte order mark starts no key: the reader drops it
const ROOT_KEY = /^\ufeff?["']?rungs["']?\s*:/m;
export const isRoot = (text: string) => text.includes("rungs") && ROOT_KEY.test(text);
export const extendsBase = (text: string) => /^\ufeff?["']?extends["']?\s*:/m.test(text);

// Where ROOT_KEY can match in bytes: `rungs`, bare or quoted, at the start (after a BOM) or after a newline.
// A search for `rungs` alone stops at every `r` of the text (in a large framework's diff, more CPU than the
// reading of its files); a newline is rarer. Other line ends (a carriage return, U+2028, U+2029) send the
// bytes to the plain search.
const RUNGS = Buffer.from("rungs");
const ROOT_LINES = ["\nrungs", "\n'rungs", '\n"rungs'].map((start) => Buffer.from(start));
const BOM = Buffer.from("\ufeff");
const OTHER_LINE_ENDS = ["\r", "\u2028", "\u2029"].map((end) => Buffer.from(end));
const startsWith = (bytes: Buffer, start: Buffer) => bytes.subarray(0, start.length).equals(start);
const mayBeRoot = (bytes: Buffer) => {
  const first = startsWith(bytes, BOM) ? bytes.subarray(BOM.length) : bytes;
  return (
    ROOT_LINES.some((start) => bytes.includes(start) || startsWith(first, start.subarray(1))) ||
    (OTHER_LINE_ENDS.some((end) => bytes.includes(end)) && bytes.includes(RUNGS))
  );
};

/** Whether a file's text or bytes hold `rungs:` as a top-level key: the root file, which a diff reads whole. */
export const isRootFile = (content: Buffer | string) =>
  typeof content === "string" ? isRoot(content) : mayBeRoot(content) && isRoot(content.toString());
