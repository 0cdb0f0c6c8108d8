/**
 * YAML text → plain values, remembering for every mapping and list the node it came from, so any later
 * check can point at the exact line and column of what it found (see `Locator`).
 */
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  parseDocument,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { type Diagnostic, formatPath, type Location, type Locator } from "../core/diagnostics.js";

/** One parsed file: its text, its document and its value. */
export interface SourceFile {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LinePositions;
  /** The file's content as plain values; undefined when the YAML could not be parsed. */
  value: unknown;
}

interface Origin {
  source: SourceFile;
  node: YAMLMap | YAMLSeq;
  parent: Origin | undefined;
  key: string | number | undefined;
}

type Segment = string | number;

/** Locations of every mapping and list read from any number of files. */
export class SourceMap implements Locator {
  private readonly origins = new WeakMap<object, Origin>();

  register(value: object, origin: Origin): void {
    this.origins.set(value, origin);
  }

  /** Makes `copy` (e.g. a merged object) locate like `original`. */
  alias(copy: object, original: object): void {
    const origin = this.origins.get(original);
    if (origin) this.origins.set(copy, origin);
  }

  locate(owner: object, key?: Segment, on: "key" | "value" = "value"): Location {
    const origin = this.origins.get(owner);
    if (!origin) return { file: "", line: 1, column: 1, path: key === undefined ? "" : formatPath([key]) };
    const path = pathOf(origin);
    if (key === undefined) return position(origin.source, origin.node, path);
    const child = childOf(origin.node, key);
    const node = on === "key" ? (child.pair?.key as Node | undefined) : (child.node ?? child.pair?.key);
    return position(origin.source, (node as Node | undefined) ?? origin.node, [...path, key]);
  }
}

function pathOf(origin: Origin): Segment[] {
  const path: Segment[] = [];
  for (let o: Origin | undefined = origin; o?.key !== undefined; o = o.parent) path.unshift(o.key);
  return path;
}

function childOf(node: YAMLMap | YAMLSeq, key: Segment): { pair?: Pair; node?: Node } {
  if (isSeq(node)) {
    const item = node.items[key as number];
    return { node: (item as Node | undefined) ?? undefined };
  }
  for (const pair of node.items) {
    if (isScalar(pair.key) && String(pair.key.value) === String(key)) {
      return { pair, node: (pair.value as Node | null) ?? undefined };
    }
  }
  return {};
}

function position(source: SourceFile, node: Node | undefined, path: Segment[]): Location {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = source.lines.linePos(offset);
  return { file: source.file, line, column: col, path: formatPath(path) };
}

/**
 * Offset → line and column, computed on first use: most files have nothing to report, and the parser's
 * own line counter costs about a tenth of the parse on every file.
 */
export class LinePositions {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  linePos(offset: number): { line: number; col: number } {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf("\n"); i >= 0; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (starts[lo] as number) + 1 };
  }
}

/** Location of the node at `path` in a file's document (used for schema issues, whose paths are plain). */
export function locatePath(
  source: SourceFile,
  path: readonly PropertyKey[],
  on: "key" | "value" = "value",
): Location {
  let node: Node | undefined = source.doc.contents ?? undefined;
  let pair: Pair | undefined;
  const walked: Segment[] = [];
  for (const seg of path) {
    if (!(isMap(node) || isSeq(node))) break;
    const child = childOf(node, seg as Segment);
    if (!child.node && !child.pair) break;
    walked.push(seg as Segment);
    pair = child.pair;
    node = child.node ?? (child.pair?.key as Node | undefined);
  }
  const target = on === "key" && pair && walked.length === path.length ? (pair.key as Node) : node;
  return position(source, target, walked);
}

/**
 * Parses one file. Syntax errors become diagnostics and leave `value` undefined; duplicate keys become
 * diagnostics and the first occurrence wins, so the rest of the file is still checked.
 */
export function parseSource(
  file: string,
  text: string,
  map: SourceMap,
): { source: SourceFile; diagnostics: Diagnostic[] } {
  const lines = new LinePositions(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const source: SourceFile = { file, text, doc, lines, value: undefined };
  const diagnostics: Diagnostic[] = [];
  // Only the first syntax error: the parser's later ones are mostly echoes of it.
  for (const error of doc.errors.slice(0, 1)) {
    const { line, col } = lines.linePos(error.pos[0]);
    diagnostics.push({
      code: "yaml-syntax",
      severity: "error",
      message: firstLine(error.message),
      file,
      line,
      column: col,
      path: "",
      hint: syntaxHint(error.code),
    });
  }
  if (diagnostics.length > 0) return { source, diagnostics };
  source.value = toValue(doc.contents, source, map, diagnostics, undefined, undefined);
  return { source, diagnostics };
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}

function syntaxHint(code: string): string | undefined {
  switch (code) {
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return "check the indentation and the closing bracket or quote on this line";
    case "TAB_AS_INDENT":
      return "indent with spaces, not tabs";
    case "MULTILINE_IMPLICIT_KEY":
      return "a key must fit on one line; is a colon or a quote missing above?";
    case "BLOCK_AS_IMPLICIT_KEY":
      return "quote text that contains ': ' or starts with a special character";
    default:
      return undefined;
  }
}

function toValue(
  node: unknown,
  source: SourceFile,
  map: SourceMap,
  diagnostics: Diagnostic[],
  parent: Origin | undefined,
  key: Segment | undefined,
): unknown {
  let current = node;
  if (isAlias(current)) current = current.resolve(source.doc);
  if (isMap(current)) {
    const out: Record<string, unknown> = {};
    const origin: Origin = { source, node: current, parent, key };
    map.register(out, origin);
    const seen = new Map<string, Pair>();
    for (const pair of current.items) {
      if (!isPair(pair)) continue;
      const k = keyText(pair.key);
      const first = seen.get(k);
      if (first) {
        const here = locatePair(source, pair, origin, k);
        const firstLine = source.lines.linePos((first.key as Node).range?.[0] ?? 0).line;
        diagnostics.push({
          code: "duplicate-key",
          severity: "error",
          message: `duplicate key "${k}"`,
          ...here,
          hint: `"${k}" is already set on line ${firstLine}; remove or rename one of them`,
        });
        continue;
      }
      seen.set(k, pair);
      // defineProperty: a key named __proto__ must stay data, not change the object's prototype
      Object.defineProperty(out, k, {
        value: toValue(pair.value, source, map, diagnostics, origin, k),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (isSeq(current)) {
    const out: unknown[] = [];
    const origin: Origin = { source, node: current, parent, key };
    map.register(out, origin);
    current.items.forEach((item, i) => {
      out.push(toValue(item, source, map, diagnostics, origin, i));
    });
    return out;
  }
  if (isScalar(current)) return current.value;
  return null;
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

function locatePair(source: SourceFile, pair: Pair, origin: Origin, key: string): Location {
  const { line, col } = source.lines.linePos((pair.key as Node).range?.[0] ?? 0);
  return { file: source.file, line, column: col, path: formatPath([...pathOf(origin), key]) };
}
