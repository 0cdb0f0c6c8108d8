/**
 * A YAML input of an importer (ft, pathway, monzo front matter), parsed as plain data with every node's
 * line kept, so the importer can say where each entity came from. Aliases are bounded; anything that
 * does not parse is a located error.
 */
import type { SourceLocation } from "../core/source-location.js";
import { yamlLibrary } from "../load/yaml-library.js";
import { ImportError, type ImportInput, type ImportLog, utf8 } from "./types.js";

export interface YamlInput {
  value: unknown;
  /** Where the node at `path` starts (the file alone when there is no such node). */
  at(path: readonly (string | number)[]): SourceLocation;
}

/**
 * Entries (`key: value` pairs and list items, block or flow) one YAML input of an import may hold. A real
 * job family holds a few thousand; the `yaml` library takes seconds per megabyte to build its syntax tree,
 * and about 17 s of CPU on 10 MiB written as one flow line, so more is refused before it is built.
 */
export const YAML_INPUT_ENTRIES = 500_000;

const MARKERS = new Set(["\u0002", "\u0018", "\u001f"]);

/**
 * Refuses a text holding more than `limit` entries, located at the line where the count ran over. The
 * `yaml` library's lexer finds them (a quoted or block text's colons and commas are no entries), a
 * tenth of the cost of its parser, and it stops there, whatever the text's size: in block style each `:`
 * and `-` is one entry, in a flow collection its first entry (the bracket) and each one after a comma.
 */
export function boundEntries(name: string, text: string, firstLine: number, limit: number): void {
  let entries = 0;
  let offset = 0;
  let flow = 0;
  for (const token of new (yamlLibrary().Lexer)().lex(text)) {
    // the lexer's markers (a document, a flow's end, a plain text) stand for no character of the text
    if (!MARKERS.has(token)) offset += token.length;
    if (token === "{" || token === "[") flow++;
    else if (token === "}" || token === "]") flow--;
    if (token === "{" || token === "[" || token === "," || (!flow && (token === ":" || token === "-")))
      entries++;
    if (entries <= limit) continue;
    let line = firstLine;
    for (let at = text.indexOf("\n"); at !== -1 && at < offset; at = text.indexOf("\n", at + 1)) line++;
    throw new ImportError([
      {
        at: { file: name, line },
        message: `holds more than ${limit} entries (key: value pairs and list items), more than an import reads`,
      },
    ]);
  }
}

export function readYamlText(name: string, text: string, firstLine = 1): YamlInput {
  boundEntries(name, text, firstLine, YAML_INPUT_ENTRIES);
  const { isNode, LineCounter, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem)
    throw new ImportError([
      {
        at: { file: name, line: (problem.linePos?.[0]?.line ?? 1) + firstLine - 1 },
        message: problem.message.split("\n")[0] ?? "not YAML",
      },
    ]);
  return {
    value: doc.toJS({ maxAliasCount: 100 }),
    at(path) {
      const node = doc.getIn(path, true);
      const offset = isNode(node) ? node.range?.[0] : undefined;
      return offset === undefined
        ? { file: name }
        : { file: name, line: lines.linePos(offset).line + firstLine - 1 };
    },
  };
}

export function readYamlInput(input: ImportInput): YamlInput {
  return readYamlText(input.name, utf8(input));
}

/** Own-property reads of parsed data: text from a file is never a property name on a prototype. */
export function get(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

export function text(value: unknown): string | undefined {
  return typeof value === "string"
    ? value.trim() || undefined
    : typeof value === "number"
      ? String(value)
      : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A list's texts; one text written where a list goes (`examples: One example`) is a list of that one. */
export function texts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => text(v) ?? []);
  const one = text(value);
  return one ? [one] : [];
}

/**
 * The keys of a list's entries (at `path`) that the importer does not read, each a `dropped` bend at the
 * first entry holding it with how many do: nothing in the file is lost without a word, and a key repeated on
 * every entry of a long list is one line, not one per entry.
 */
export function dropUnknownKeys(
  yaml: YamlInput,
  log: ImportLog,
  path: readonly (string | number)[],
  known: readonly string[],
): void {
  let entries: unknown = yaml.value;
  for (const step of path) entries = typeof step === "number" ? list(entries)[step] : get(entries, step);
  const found = new Map<string, { first: number; count: number }>();
  for (const [i, entry] of list(entries).entries()) {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) continue;
    for (const key of Object.keys(entry))
      if (!known.includes(key)) {
        const seen = found.get(key);
        if (seen) seen.count++;
        else found.set(key, { first: i, count: 1 });
      }
  }
  const where = path
    .map((step, i) => (typeof step === "number" ? `[${step}]` : i ? `.${step}` : step))
    .join("");
  for (const [key, { first, count }] of found)
    log.bend(
      "dropped",
      yaml.at([...path, first, key]),
      `${where ? `${where}: ` : ""}${key} has no place in a rungs framework (on ${count} of ${list(entries).length})`,
    );
}
