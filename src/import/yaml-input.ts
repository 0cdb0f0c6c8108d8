/**
 * A YAML input of an importer (ft, pathway, monzo front matter), parsed as plain data with every node's
 * line kept, so the importer can say where each entity came from. Aliases are bounded; anything that
 * does not parse is a located error.
 */
import type { Document, Scalar } from "yaml";
import type { SourceLocation } from "../core/source-location.js";
import { quoted } from "../core/text.js";
import { DEFAULT_LOAD_LIMITS } from "../load/limits.js";
import { LinePositions } from "../load/line-positions.js";
import { yamlLibrary } from "../load/yaml-library.js";
import { EntryCount, parseYaml } from "../load/yaml-syntax.js";
import { ImportError, type ImportInput, type ImportLog, utf8 } from "./types.js";

export interface YamlInput {
  value: unknown;
  /** Where the node at `path` starts (the file alone when there is no such node). */
  at(path: readonly (string | number)[]): SourceLocation;
}

/**
 * Entries (`key: value` pairs and list items, block or flow) one YAML input of an import may hold. A real
 * job family holds a few thousand; the `yaml` library takes seconds per megabyte to build its syntax tree
 * (about 17 s of CPU on 10 MiB written as one flow line), and 500,000 entries, the bound before, cost 3-7 s,
 * so more is refused before it is built: 100,000 of any shape cost 1-1.5 s.
 */
export const YAML_INPUT_ENTRIES = 100_000;

/**
 * Tokens (keys, values, punctuation, comments, line breaks, indents) one YAML input may hold: what is not an
 * entry costs the parser too, and 4 million comment lines cost 11 s. 100,000 entries written one a line are
 * about 700,000 tokens.
 */
export const YAML_INPUT_TOKENS = 1_000_000;

const MARKERS = new Set(["\u0002", "\u0018", "\u001f"]);

/**
 * Refuses a text holding more than `limit` entries, located at the line where the count ran over. The
 * `yaml` library's lexer finds them (a quoted or block text's colons and commas are no entries), a
 * tenth of the cost of its parser, and it stops there, whatever the text's size: in block style each `:`
 * and `-` is one entry, in a flow collection its first entry (the bracket) and each one after a comma.
 */
export function boundEntries(
  name: string,
  text: string,
  firstLine: number,
  limit: number,
  tokenLimit = YAML_INPUT_TOKENS,
): void {
  const count = new EntryCount();
  let tokens = 0;
  let offset = 0;
  for (const token of new (yamlLibrary().Lexer)().lex(text)) {
    tokens++;
    // the lexer's markers (a document, a flow's end, a plain text) stand for no character of the text
    if (!MARKERS.has(token)) offset += token.length;
    count.add(token);
    if (count.entries <= limit && tokens <= tokenLimit) continue;
    let line = firstLine;
    for (let at = text.indexOf("\n"); at !== -1 && at < offset; at = text.indexOf("\n", at + 1)) line++;
    const what =
      count.entries > limit
        ? `${limit.toLocaleString("en")} entries (key: value pairs and list items)`
        : `${tokenLimit.toLocaleString("en")} YAML tokens (keys, values, punctuation, comments and line breaks)`;
    throw new ImportError([
      { at: { file: name, line }, message: `holds more than ${what}, more than an import reads` },
    ]);
  }
}

export function readYamlText(name: string, text: string, firstLine = 1): YamlInput {
  boundEntries(name, text, firstLine, YAML_INPUT_ENTRIES);
  const { isNode } = yamlLibrary();
  const lines = new LinePositions(text);
  // parsed as a framework file is, within the same bound on nesting (5,000 nested brackets overflowed the
  // library's stack), the syntax errors located at their cause. Keys are not checked for repeats while it
  // composes (the library's check compares each key with every other of its mapping: 40,000 keys cost 20 s
  // of CPU); duplicateKey finds the first repeat in one pass
  const parsed = parseYaml(name, text, lines, DEFAULT_LOAD_LIMITS);
  const problem = parsed.diagnostics.find((d) => d.severity === "error");
  const doc = parsed.doc;
  if (problem || !doc)
    throw new ImportError([
      {
        at: { file: name, line: (problem?.line ?? 1) + firstLine - 1 },
        message: problem?.message ?? "not YAML",
      },
    ]);
  const repeated = duplicateKey(doc);
  if (repeated)
    throw new ImportError([
      {
        at: { file: name, line: lines.linePos(repeated.offset).line + firstLine - 1 },
        message: `the key ${quoted(repeated.key)} is written twice in one mapping: each key is written once`,
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

/** The first key a mapping of `doc` repeats (as text, after its first), and where; one pass over the document. */
function duplicateKey(doc: Document.Parsed): { key: string; offset: number } | undefined {
  const { isMap, isScalar, visit } = yamlLibrary();
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (seen.has(key)) {
          found = { key, offset: (pair.key as Scalar).range?.[0] ?? 0 };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
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
