/**
 * YAML text → plain values, remembering for every mapping and list where in its file it came from, so any later
 * check can point at the exact line and column of what it found (see `Locator`).
 *
 * Values are plain data whatever the text says: keys are own properties (`__proto__` included), aliases are
 * copied within bounds and never in a circle, and only what YAML 1.2's core schema reads (text, numbers,
 * true/false, null, lists and mappings with text keys) gets through; anything else is a located diagnostic.
 */
import type { Alias, Document, Node, Pair, YAMLMap, YAMLSeq } from "yaml";
import { type Diagnostic, formatPath, type Location, type Locator } from "../core/diagnostics.js";
import { DEFAULT_LOAD_LIMITS, type LoadLimits } from "./limits.js";
import { LinePositions } from "./line-positions.js";
import { yamlLibrary } from "./yaml-library.js";
import { QUICK_MAX_DEPTH, readQuickYaml } from "./yaml-quick.js";
import { parseYaml } from "./yaml-syntax.js";

/** One parsed file: its text, its document and its value. */
export interface SourceFile {
  file: string;
  text: string;
  /** Undefined when the text was not composed into a document (nested too deep). */
  readonly doc: Document.Parsed | undefined;
  lines: LinePositions;
  /** The file's content as plain values; undefined when the YAML could not be parsed. */
  value: unknown;
}

/**
 * A parsed file that lets go of its document once its values are read, and parses its text again the
 * first time something in it is located. Keeping every file's document (the parser's nodes, several times
 * the text) until the end of a load cost a large framework's check a third more than parsing it: the
 * garbage collector copied them all from the young generation to the old. Only files with something to
 * report are parsed twice, and the text composes to the same nodes at the same offsets.
 */
class ParsedSource implements SourceFile {
  value: unknown = undefined;
  constructor(
    public file: string,
    readonly text: string,
    readonly lines: LinePositions,
    private readonly limits: LoadLimits,
    private kept: Document.Parsed | undefined,
  ) {}

  get doc(): Document.Parsed | undefined {
    this.kept ??= parseYaml(this.file, this.text, this.lines, this.limits).doc;
    return this.kept;
  }

  /** Drops the document; `doc` composes it again when asked. */
  release(): void {
    this.kept = undefined;
  }
}

/**
 * Where a mapping or list was read: its file and its key in its parent. Its node is found again from the
 * document's root by those keys, so origins hold no node of a document that is let go; a value copied
 * through an alias (or under a key that is not plain text) is not at its own path and pins its node.
 */
interface Origin {
  source: SourceFile;
  node: YAMLMap | YAMLSeq | undefined;
  parent: Origin | undefined;
  key: string | number | undefined;
}

/** The node an origin was read from: pinned, or found by its key in its parent's node. */
function nodeOf(origin: Origin): Node | undefined {
  if (origin.node) return origin.node;
  if (!origin.parent) return origin.source.doc?.contents ?? undefined;
  const parent = nodeOf(origin.parent);
  if (!(yamlLibrary().isMap(parent) || yamlLibrary().isSeq(parent)) || origin.key === undefined)
    return undefined;
  return childOf(parent, origin.key).node;
}

type Segment = string | number;

/** Locations of every mapping and list read from any number of files. */
export class SourceMap implements Locator {
  private readonly origins = new WeakMap<object, Origin>();

  register(value: object, origin: Origin): void {
    this.origins.set(value, origin);
  }

  /** For lists that lost entries after validation: the index in the file of each entry left. */
  private readonly renumbered = new WeakMap<object, number[]>();

  /** Records that list `list` now holds the entries that were at `kept` (indexes before this removal). */
  renumber(list: unknown[], kept: readonly number[]): void {
    const earlier = this.renumbered.get(list);
    this.renumbered.set(
      list,
      kept.map((i) => earlier?.[i] ?? i),
    );
  }

  /** Makes `copy` (e.g. a merged object) locate like `original`. */
  alias(copy: object, original: object): void {
    const origin = this.origins.get(original);
    if (origin) this.origins.set(copy, origin);
  }

  locate(owner: object, at?: Segment, on: "key" | "value" = "value"): Location {
    const origin = this.origins.get(owner);
    const key = typeof at === "number" ? (this.renumbered.get(owner)?.[at] ?? at) : at;
    if (!origin) return { file: "", line: 1, column: 1, path: key === undefined ? "" : formatPath([key]) };
    const path = pathOf(origin);
    const found = nodeOf(origin);
    if (key === undefined || !(yamlLibrary().isMap(found) || yamlLibrary().isSeq(found)))
      return position(origin.source, found, path);
    const child = childOf(found, key);
    const node = on === "key" ? (child.pair?.key as Node | undefined) : (child.node ?? child.pair?.key);
    return position(origin.source, (node as Node | undefined) ?? found, [...path, key]);
  }
}

/** The path of the value under `key` in `parent`. */
function pathTo(parent: Origin | undefined, key: Segment | undefined): Segment[] {
  const path = parent ? pathOf(parent) : [];
  if (key !== undefined) path.push(key);
  return path;
}

function pathOf(origin: Origin): Segment[] {
  const path: Segment[] = [];
  for (let o: Origin | undefined = origin; o?.key !== undefined; o = o.parent) path.unshift(o.key);
  return path;
}

/** Each mapping's pairs by key text (the first of duplicates), built on the first lookup in it. */
const pairsByKey = new WeakMap<YAMLMap, Map<string, Pair>>();

function childOf(node: YAMLMap | YAMLSeq, key: Segment): { pair?: Pair; node?: Node } {
  if (yamlLibrary().isSeq(node)) {
    const item = node.items[key as number];
    return { node: (item as Node | undefined) ?? undefined };
  }
  // Indexed once: scanning the pairs for every lookup made 100,000 unknown keys take minutes to locate.
  let pairs = pairsByKey.get(node);
  if (!pairs) {
    pairs = new Map();
    for (const pair of node.items) {
      const text = yamlLibrary().isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (text !== undefined && !pairs.has(text)) pairs.set(text, pair);
    }
    pairsByKey.set(node, pairs);
  }
  const pair = pairs.get(String(key));
  return pair ? { pair, node: (pair.value as Node | null) ?? undefined } : {};
}

function position(source: SourceFile, node: Node | number | undefined, path: Segment[]): Location {
  const offset = typeof node === "number" ? node : (node?.range?.[0] ?? 0);
  const { line, col } = source.lines.linePos(offset);
  return { file: source.file, line, column: col, path: formatPath(path) };
}

/** Location of the node at `path` in a file's document (used for schema issues, whose paths are plain). */
export function locatePath(
  source: SourceFile,
  path: readonly PropertyKey[],
  on: "key" | "value" = "value",
): Location {
  let node: Node | undefined = source.doc?.contents ?? undefined;
  let pair: Pair | undefined;
  const walked: Segment[] = [];
  for (const seg of path) {
    if (!(yamlLibrary().isMap(node) || yamlLibrary().isSeq(node))) break;
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
 * Parses one file. Syntax errors and exceeded bounds become diagnostics and leave `value` undefined (the
 * file's other structural problems, such as duplicate keys, are still reported); duplicate keys become
 * diagnostics and the first occurrence wins, so the rest of the file is still checked.
 */
export function parseSource(
  file: string,
  text: string,
  map: SourceMap,
  limits: LoadLimits = DEFAULT_LOAD_LIMITS,
): { source: SourceFile; diagnostics: Diagnostic[] } {
  const lines = new LinePositions(text);
  const parsed = parseYaml(file, text, lines, limits);
  const source = new ParsedSource(file, text, lines, limits, parsed.doc);
  const diagnostics = parsed.diagnostics;
  if (!parsed.doc) return { source, diagnostics };
  const reader = new ValueReader(source, map, limits, parsed.sound);
  const value = reader.read(parsed.doc.contents, undefined, undefined, 0);
  diagnostics.push(...reader.diagnostics);
  if (parsed.sound && !reader.stopped) source.value = value === OMIT ? null : value;
  source.release();
  return { source, diagnostics };
}

/** A file the quick reader read: its document is composed only if something in it is located. */
export function quickSource(file: string, text: string, limits: LoadLimits, value: unknown): SourceFile {
  const source = new ParsedSource(file, text, new LinePositions(text), limits, undefined);
  source.value = value;
  return source;
}

/**
 * Parses one file as `parseSource` does, with the quick reader (yaml-quick.ts) when the text is in the subset
 * it reads: that text has nothing to report, and each of its mappings and lists is registered at its path,
 * so that what is located in it later is found in the document composed then, at the same line and column.
 * Checking a large framework, the syntax tree of files with nothing to report was most of the cost.
 */
export function readSource(
  file: string,
  text: string,
  map: SourceMap,
  limits: LoadLimits = DEFAULT_LOAD_LIMITS,
): { source: SourceFile; diagnostics: Diagnostic[] } {
  // deeper nesting than the quick reader reads is the full reader's to report
  if (limits.depth <= QUICK_MAX_DEPTH) return parseSource(file, text, map, limits);
  const source = new ParsedSource(file, text, new LinePositions(text), limits, undefined);
  const read = readQuickYaml<Origin>(text, limits.entries, (value, parent, key) => {
    const origin: Origin = { source, node: undefined, parent, key };
    map.register(value, origin);
    return origin;
  });
  if (!read) return parseSource(file, text, map, limits);
  source.value = read.value;
  return { source, diagnostics: [] };
}

/** Tags a framework file may carry: those of YAML 1.2's core schema, and `!` (plain text). */
const CORE_TAGS = new Set([
  "!",
  ...["str", "int", "float", "bool", "null", "map", "seq"].map((name) => `tag:yaml.org,2002:${name}`),
]);

/** What `read` returns for a node that is reported and left out (its entry is dropped from a mapping). */
const OMIT = Symbol("omit");

/** Reads one document's nodes into plain values, within the bounds of `LoadLimits`. */
class ValueReader {
  readonly diagnostics: Diagnostic[] = [];
  /** Set when a bound was reached: the file's values are not used. */
  stopped = false;
  /** Each anchor name → its latest node, in file order. */
  private readonly anchors = new Map<string, Node>();
  /** Each alias → the node it names, resolved where the alias is written (not where it is copied to). */
  private readonly targets = new Map<Alias, Node | undefined>();
  /** The collections being read, outermost first: an alias to one of them would copy itself forever. */
  private readonly open = new Set<Node>();
  private aliasUses = 0;
  private aliasedSize = 0;
  /** How many aliases are being copied from, one inside the other; 0 while the text itself is read. */
  private copying = 0;
  /** The outermost alias being copied from: where a bound reached while copying is reported. */
  private copyingFrom: Alias | undefined;

  constructor(
    private readonly source: SourceFile,
    private readonly map: SourceMap,
    private readonly limits: LoadLimits,
    /** False after a syntax error: a list or mapping where a key was expected is then its echo, not reported. */
    private readonly sound: boolean,
  ) {}

  /** `placed`: the node is found again from its parent by `key` (false under a key that is not plain text). */
  read(
    node: unknown,
    parent: Origin | undefined,
    key: Segment | undefined,
    depth: number,
    placed = true,
  ): unknown {
    if (this.stopped) return null;
    if (yamlLibrary().isAlias(node)) return this.readAlias(node, parent, key, depth);
    if (!yamlLibrary().isNode(node)) return null;
    if (this.copying === 0 && node.anchor) this.anchors.set(node.anchor, node);
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      this.reportTag(node, parent, key);
      return OMIT;
    }
    if (this.copying > 0) {
      const text = yamlLibrary().isScalar(node) && typeof node.value === "string" ? node.value.length : 0;
      this.aliasedSize += 1 + text;
      if (this.aliasedSize > this.limits.aliasedSize) {
        return this.stop(
          "too-many-aliases",
          `the aliases in this file copy more than ${this.limits.aliasedSize.toLocaleString("en")} values and characters`,
          "each *alias copies everything under its &anchor; write the repeated content out or alias less",
        );
      }
    }
    if (yamlLibrary().isScalar(node)) {
      const value = node.value;
      if (isPlain(value)) return value;
      this.report("yaml-unsupported", node, parent, key, `${kindOf(value)} is not supported here`, TAG_HINT);
      return OMIT;
    }
    if (!(yamlLibrary().isMap(node) || yamlLibrary().isSeq(node))) return null;
    if (depth >= this.limits.depth) {
      return this.stop(
        "too-deep",
        `mappings and lists are nested more than ${this.limits.depth} deep here`,
        `the limit is ${this.limits.depth} levels of nesting, counting what aliases copy; the file is not read further`,
        node,
      );
    }
    const pinned = this.copying > 0 || !placed;
    const origin: Origin = { source: this.source, node: pinned ? node : undefined, parent, key };
    this.open.add(node);
    const value = yamlLibrary().isMap(node)
      ? this.readMap(node, origin, depth + 1)
      : this.readSeq(node, origin, depth + 1);
    this.open.delete(node);
    return value;
  }

  private readMap(node: YAMLMap, origin: Origin, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.map.register(out, origin);
    const seen = new Map<string, Pair>();
    for (const pair of node.items) {
      if (this.stopped) break;
      if (!yamlLibrary().isPair(pair)) continue;
      const k = this.readKey(pair, origin);
      if (k === undefined) continue;
      const first = seen.get(k);
      if (first) {
        if (this.copying === 0) {
          const firstLine = this.source.lines.linePos((first.key as Node).range?.[0] ?? 0).line;
          this.diagnostics.push({
            code: "duplicate-key",
            severity: "error",
            message: `duplicate key "${k}"`,
            ...position(this.source, pair.key as Node, [...pathOf(origin), k]),
            hint: `"${k}" is already set on line ${firstLine}; remove or rename one of them`,
          });
        }
        // Read but not kept: its anchors are still defined and its own problems still reported.
        this.read(pair.value, origin, k, depth);
        continue;
      }
      seen.set(k, pair);
      const value = this.read(pair.value, origin, k, depth, yamlLibrary().isScalar(pair.key));
      if (value === OMIT) continue;
      // defineProperty for __proto__, which must stay data rather than set the prototype; assignment, several
      // times faster, for every other key (no other name has a setter on Object.prototype)
      if (k === "__proto__")
        Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
      else out[k] = value;
    }
    return out;
  }

  private readSeq(node: YAMLSeq, origin: Origin, depth: number): unknown[] {
    const out: unknown[] = [];
    this.map.register(out, origin);
    for (const item of node.items) {
      if (this.stopped) break;
      const value = this.read(item, origin, out.length, depth);
      // A left-out entry stays as null so that every later entry keeps the index its location is found by.
      out.push(value === OMIT ? null : value);
    }
    return out;
  }

  /** A mapping key as text; undefined (reported) for a key that is not a scalar of the core schema. */
  private readKey(pair: Pair, origin: Origin): string | undefined {
    let node: unknown = pair.key;
    if (yamlLibrary().isAlias(node)) {
      const target = this.useAlias(node, origin, undefined);
      if (target === undefined) return undefined;
      node = target;
    }
    if (!yamlLibrary().isNode(node)) return String(null);
    if (this.copying === 0 && node.anchor) this.anchors.set(node.anchor, node);
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      this.reportTag(node, origin, undefined);
      return undefined;
    }
    if (yamlLibrary().isScalar(node)) {
      const value = node.value;
      if (isPlain(value)) return String(value);
      this.report(
        "yaml-unsupported",
        node,
        origin,
        undefined,
        `${kindOf(value)} cannot be a key here`,
        TAG_HINT,
      );
      return undefined;
    }
    if (!this.sound) return undefined;
    this.report(
      "yaml-unsupported",
      node,
      origin,
      undefined,
      `${yamlLibrary().isSeq(node) ? "a list" : "a mapping"} cannot be a key here`,
      "keys are plain text: a name, or an id such as a level id",
    );
    return undefined;
  }

  private readAlias(
    alias: Alias,
    parent: Origin | undefined,
    key: Segment | undefined,
    depth: number,
  ): unknown {
    const target = this.useAlias(alias, parent, key);
    if (target === undefined) return this.stopped ? null : OMIT;
    const outermost = this.copying === 0;
    if (outermost) this.copyingFrom = alias;
    this.copying++;
    const value = this.read(target, parent, key, depth);
    this.copying--;
    if (outermost) this.copyingFrom = undefined;
    return value;
  }

  /** Counts one use of an alias and finds what it names; undefined (reported) when it cannot be used. */
  private useAlias(alias: Alias, parent: Origin | undefined, key: Segment | undefined): Node | undefined {
    this.aliasUses++;
    if (this.aliasUses > this.limits.aliases) {
      if (this.copying === 0) this.copyingFrom = alias;
      this.stop(
        "too-many-aliases",
        `more than ${this.limits.aliases.toLocaleString("en")} aliases are read in this file`,
        "each use of an *alias counts, also inside what another alias copies; the file is not read further",
      );
      return undefined;
    }
    if (!this.targets.has(alias)) this.targets.set(alias, this.anchors.get(alias.source));
    const target = this.targets.get(alias);
    if (target === undefined) {
      this.report(
        "yaml-alias",
        alias,
        parent,
        key,
        `there is no anchor &${alias.source} before this alias`,
        ALIAS_HINT,
      );
      return undefined;
    }
    if (this.open.has(target)) {
      this.report(
        "yaml-alias",
        alias,
        parent,
        key,
        `*${alias.source} is inside the &${alias.source} it copies, so it would copy itself forever`,
        "an alias may only copy a value that is complete before it",
      );
      return undefined;
    }
    return target;
  }

  /** Reports a problem with the text itself; while copying an alias it was reported where it is written. */
  private report(
    code: string,
    node: Node | number,
    parent: Origin | undefined,
    key: Segment | undefined,
    message: string,
    hint: string,
  ): void {
    if (this.copying > 0) return;
    this.diagnostics.push({
      code,
      severity: "error",
      message,
      ...position(this.source, node, pathTo(parent, key)),
      hint,
    });
  }

  /** An unsupported tag, located at the tag itself. */
  private reportTag(node: Node, parent: Origin | undefined, key: Segment | undefined): void {
    const tag = unsupportedTag(node, this.source.text);
    if (tag) this.report("yaml-unsupported", tag.offset ?? node, parent, key, tag.message, TAG_HINT);
  }

  /** A bound was reached: reported once, at the alias being copied from (or at `node`), and reading stops. */
  private stop(code: string, message: string, hint: string, node?: Node): null {
    this.stopped = true;
    const at = this.copyingFrom ?? node;
    this.diagnostics.push({
      code,
      severity: "error",
      message,
      ...position(this.source, at, []),
      hint,
    });
    return null;
  }
}

/**
 * A tag outside YAML 1.2's core schema (`!!js/function`, `!foo`) with where it is written in `text`: a node's
 * range starts at its value, after the tag. Undefined for a node with no tag or a core one.
 */
export function unsupportedTag(node: Node, text: string): { message: string; offset?: number } | undefined {
  if (node.tag === undefined || CORE_TAGS.has(node.tag)) return undefined;
  let at = text.lastIndexOf("!", node.range?.[0] ?? 0);
  while (at > 0 && !/[\s[{,]/.test(text[at - 1] as string)) at--;
  return {
    message: `the tag ${shortTag(node.tag)} is not supported here`,
    ...(at >= 0 ? { offset: at } : {}),
  };
}

const TAG_HINT = "framework files hold text, numbers, true or false, lists and mappings: remove the tag";
const ALIAS_HINT = "define the anchor (&name before a value) above the alias (*name), or write the value out";

/** `tag:yaml.org,2002:binary` → `!!binary`, the way it is written. */
function shortTag(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
}

/** A scalar value of YAML 1.2's core schema (YAML 1.1 and explicit tags can give dates, bytes, symbols). */
function isPlain(value: unknown): value is string | number | boolean | null {
  return (
    value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean"
  );
}

function kindOf(value: unknown): string {
  if (value instanceof Date) return "a date";
  if (value instanceof Uint8Array) return "binary data";
  if (typeof value === "symbol") return "a merge key (<<)";
  return `a value of type ${typeof value}`;
}
