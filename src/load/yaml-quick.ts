/**
 * A quick reader for the plain subset of YAML most framework files are written in: block mappings and
 * lists, one-line plain and quoted values, `[flow, list]` values (over several lines too), `|` and `>` block
 * text, comments. It gives the
 * same values as the full reader (yaml-source.ts) for every text it accepts, at a fraction of the cost
 * (no syntax tree, no positions), and gives up on anything else (anchors, tags, flow mappings, escapes,
 * text over several lines, odd indentation, duplicate keys, characters YAML forbids…): the caller then reads
 * the file with the full reader, which explains what is wrong where. Every load reads its files this way first
 * (src/load/yaml-source.ts, `readSource`): a caller that `track`s the mappings and lists read can locate them
 * later in the document the full reader composes from the same text, on the first diagnostic in the file.
 *
 * It imports nothing from the `yaml` package: a plain value is resolved here by the core schema's own tests
 * (`coreScalar`), so a clean file costs no call into the full reader's machinery.
 */

/** Why a text is not read here: caught at the top, where the caller turns to the full reader. */
const NOT_QUICK = Symbol("not quick");

// What the full reader rejects or reads with care (control characters, non-characters, a byte-order mark,
// line separators, tabs, carriage returns, lone surrogates): such a file is left to it. Surrogates are looked
// at only in a text that has any (the look-behind costs a pass over every character).
const UNUSUAL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffd\ufffe\uffff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A plain mapping key: an id-like word or a small integer (the full reader gives both as that text), as
 * `([A-Za-z_][\w.-]{0,199}|0|[1-9]\d{0,14}):(?= |$)` reads it; looked for by `plainKeyEnd`, not that
 * expression, which made an array and a string of every key it matched (most of the lines of a file).
 */
const KEY_CHARS = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_") KEY_CHARS[c.charCodeAt(0)] = 1; // starts a word
for (const c of "0123456789.-") KEY_CHARS[c.charCodeAt(0)] = 2; // goes on with it
/** A quoted mapping key on one line, without escapes. */
const QUOTED_KEY = /(?:"([^"\\]{0,200})"|'((?:[^']|''){0,200})'):(?= |$)/y;
/** Words the core schema reads as null or a boolean: as keys they would not stay the text written. */
export const KEYWORDS = new Set(["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]);
/** A value that may be a number, null or a boolean: resolved by `coreScalar`. */
const MAYBE_NOT_TEXT = /^[-+.~0-9]/;
/**
 * YAML 1.2.2's core schema (the spec's tag resolution, section 10.3.2: null, bool, int in bases 8, 10 and 16,
 * float, infinity and not-a-number), tried in the order the full reader tries them so both read a plain value
 * alike (the property test in yaml-quick.test.ts compares them), for a text the checks above let through.
 */
const CORE_TAGS: readonly [RegExp, (text: string) => unknown][] = [
  [/^(?:~|[Nn]ull|NULL)$/, () => null],
  [/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (t) => t[0] === "t" || t[0] === "T"],
  [/^0o[0-7]+$/, (t) => Number.parseInt(t.slice(2), 8)],
  [/^[-+]?[0-9]+$/, (t) => Number.parseInt(t, 10)],
  [/^0x[0-9a-fA-F]+$/, (t) => Number.parseInt(t.slice(2), 16)],
  [
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    (t) => (t.slice(-3).toLowerCase() === "nan" ? Number.NaN : t[0] === "-" ? -Infinity : Infinity),
  ],
  [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, Number.parseFloat],
  [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, Number.parseFloat],
];
/** A whole number in decimals: most numbers in framework files (`rungs: 2`, ranks, points), tested first. */
const DECIMAL = /^[0-9]{1,15}$/;
/** Characters a plain value may not start with (YAML's indicators). */
const INDICATOR = /^[[\]{},#&*!|>'"%@`]|^[-?:](?: |$)/;
/**
 * Nesting deeper than this is left to the full reader, which holds it to the load limits: a mapping or list
 * read here is at most this deep (the document's own at 0).
 */
export const QUICK_MAX_DEPTH = 32;
const MAX_DEPTH = QUICK_MAX_DEPTH;

/** Where the colon of a plain key written at `column` is (a space or the end of the text after it); -1 if none. */
function plainKeyEnd(line: string, column: number): number {
  const first = line.charCodeAt(column);
  let at = column + 1;
  if (KEY_CHARS[first] === 1) {
    while (at - column < 200 && (KEY_CHARS[line.charCodeAt(at)] ?? 0) > 0) at++;
  } else if (first > 48 && first <= 57) {
    // 1-9, then up to 14 digits
    while (at - column < 15 && line.charCodeAt(at) >= 48 && line.charCodeAt(at) <= 57) at++;
  } else if (first !== 48) return -1;
  if (line.charCodeAt(at) !== 58) return -1;
  const after = line.charCodeAt(at + 1);
  return after === 32 || Number.isNaN(after) ? at : -1;
}

/** The mapping key written at `column`, and where its value starts (after the colon). */
function keyAt(line: string, column: number): { key: string; end: number } | undefined {
  const colon = plainKeyEnd(line, column);
  if (colon >= 0) {
    const key = line.slice(column, colon);
    return KEYWORDS.has(key) ? undefined : { key, end: colon + 1 };
  }
  QUOTED_KEY.lastIndex = column;
  const quoted = QUOTED_KEY.exec(line);
  if (!quoted) return undefined;
  return { key: quoted[1] ?? (quoted[2] as string).replaceAll("''", "'"), end: QUOTED_KEY.lastIndex };
}

/** A key in a mapping, or an index in a list. */
type Segment = string | number;

/**
 * Told of each mapping and list as it is made, with what it returned for the one holding it and the value's
 * key (or index) there; the document's own value has neither. Keys are always plain text here, so the full
 * reader finds each value at that path.
 */
export type Track<T> = (value: object, parent: T | undefined, key: Segment | undefined) => T;

/**
 * The text's value, or undefined when it is outside the subset read here or holds more than `maxEntries`
 * entries (the full reader then reports the bound, as it would for the same text outside the subset).
 * Never throws.
 */
export function readQuickYaml<T>(
  text: string,
  maxEntries: number,
  track?: Track<T>,
): { value: unknown } | undefined {
  if (UNUSUAL.test(text) || (/[\ud800-\udfff]/.test(text) && LONE_SURROGATE.test(text))) return undefined;
  try {
    const reader = new QuickReader<T>(text.split("\n"), track);
    const value = reader.document();
    return value === undefined || entriesOver(value, maxEntries) ? undefined : { value };
  } catch (error) {
    if (error === NOT_QUICK) return undefined;
    throw error;
  }
}

/**
 * Whether a read value holds more than `max` entries, counted as the full reader's lexer counts them (a pair
 * or an item each; an empty collection's bracket one). Stops as soon as it is over.
 */
function entriesOver(value: unknown, max: number): boolean {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const next = stack.pop();
    if (next === null || typeof next !== "object") continue;
    const children = Array.isArray(next) ? next : Object.values(next);
    count += Math.max(children.length, 1);
    if (count > max) return true;
    for (const child of children) if (child !== null && typeof child === "object") stack.push(child);
  }
  return false;
}

function fail(): never {
  throw NOT_QUICK;
}

/** The spaces at the start of `line`, or from `from` on. */
function indentOf(line: string, from = 0): number {
  let n = from;
  while (line.charCodeAt(n) === 32) n++;
  return n - from;
}

/** A list entry's dash at `column`: `- ` or a dash alone on its line. */
function isDash(line: string, column: number): boolean {
  return line[column] === "-" && (line.length === column + 1 || line[column + 1] === " ");
}

/** What may follow a value on its line: nothing, spaces, or spaces and a comment. */
function isEnd(rest: string): boolean {
  return rest === "" || /^ +(?:#.*)?$/.test(rest);
}

/** `parent` and `key` of each method below: where the value it reads is held (see `Track`). */
class QuickReader<T> {
  /** The next line to read. */
  private at = 0;
  /** Each line's indentation, measured when first asked for (-1 until then): most lines are asked about often. */
  private readonly indents: Int32Array;

  constructor(
    private readonly lines: readonly string[],
    private readonly track: Track<T> | undefined,
  ) {
    this.indents = new Int32Array(lines.length).fill(-1);
  }

  /** The indentation of line `i`, which must exist. */
  private indent(i: number): number {
    let n = this.indents[i] as number;
    if (n < 0) {
      n = indentOf(this.lines[i] as string);
      this.indents[i] = n;
    }
    return n;
  }

  /** Whether line `i` is only spaces, or a comment after them. */
  private isSkipped(i: number): boolean {
    const line = this.lines[i] as string;
    const n = this.indent(i);
    return n === line.length || line.charCodeAt(n) === 35; // #
  }

  document(): unknown {
    const first = this.next();
    if (first === undefined || this.indent(first) !== 0) return undefined;
    const value = this.block(first, 0, 0, undefined, undefined);
    return this.next() === undefined ? value : undefined;
  }

  /** The index of the next line with content, from `at` on (comments and blank lines skipped). */
  private next(): number | undefined {
    while (this.at < this.lines.length && this.isSkipped(this.at)) this.at++;
    return this.at < this.lines.length ? this.at : undefined;
  }

  /** A mapping or a list whose entries start at column `column`, the first on line `first`. */
  private block(
    first: number,
    column: number,
    depth: number,
    parent: T | undefined,
    key: Segment | undefined,
  ): unknown {
    if (depth > MAX_DEPTH) fail();
    const line = this.lines[first] as string;
    return isDash(line, column)
      ? this.list(column, depth, parent, key)
      : this.mapping(first, column, column, depth, parent, key);
  }

  /** A list whose dashes are at column `column`; it ends at a line less indented or without a dash. */
  private list(column: number, depth: number, parent: T | undefined, key: Segment | undefined): unknown[] {
    const out: unknown[] = [];
    const here = this.track?.(out, parent, key);
    for (let i = this.next(); i !== undefined; i = this.next()) {
      const line = this.lines[i] as string;
      const indent = this.indent(i);
      if (indent < column) break;
      if (indent > column) fail();
      if (!isDash(line, column)) break;
      const start = indentOf(line, column + 1) + column + 1;
      if (keyAt(line, start)) out.push(this.mapping(i, start, column, depth + 1, here, out.length));
      else out.push(this.value(i, column + 1, column, depth + 1, here, out.length));
    }
    return out;
  }

  /**
   * A mapping whose keys are at column `column`, the first on line `first` (after a dash at `indent` when it
   * is an entry of a list written `- key: value`).
   */
  private mapping(
    first: number,
    column: number,
    indent: number,
    depth: number,
    parent: T | undefined,
    key: Segment | undefined,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const here = this.track?.(out, parent, key);
    for (let i: number | undefined = first; i !== undefined; i = this.next()) {
      const line = this.lines[i] as string;
      if (i !== first) {
        const n = this.indent(i);
        if (n < column) break;
        if (n > column) fail();
      } else if (indent !== column && this.indent(i) !== indent) fail();
      const found = keyAt(line, column);
      if (!found || found.key === "__proto__" || Object.hasOwn(out, found.key)) fail();
      out[found.key] = this.value(i, found.end, column, depth + 1, here, found.key);
    }
    return out;
  }

  /**
   * The value that starts on line `i` at `from` (after `key:` or a dash), of an entry at column `column`;
   * leaves `at` on the line after it.
   */
  private value(
    i: number,
    from: number,
    column: number,
    depth: number,
    parent: T | undefined,
    key: Segment,
  ): unknown {
    if (depth > MAX_DEPTH) fail();
    const line = this.lines[i] as string;
    const rest = line.slice(from);
    this.at = i + 1;
    if (!isEnd(rest)) {
      if (rest[0] !== " ") fail();
      return this.written(i, line.length - rest.trimStart().length, column, depth, parent, key);
    }
    // nothing on the line: a block below it, text below it, or null
    const next = this.next();
    if (next === undefined) return null;
    const below = this.lines[next] as string;
    const n = this.indent(next);
    if (n > column) {
      if (isDash(below, n) || keyAt(below, n)) return this.block(next, n, depth, parent, key);
      if (below[n] === "|" || below[n] === ">") fail();
      return this.written(next, n, column, depth, parent, key);
    }
    // a list may sit at its key's own column
    if (n === column && isDash(below, n) && line[column] !== "-") return this.list(n, depth, parent, key);
    return null;
  }

  /** A value written out from line `i`, column `at`: block text, flow, quoted, or plain text over lines. */
  private written(
    i: number,
    at: number,
    column: number,
    depth: number,
    parent: T | undefined,
    key: Segment,
  ): unknown {
    const text = (this.lines[i] as string).slice(at);
    this.at = i + 1;
    const first = text[0];
    if (first === "|" || first === ">") return this.blockScalar(text, i, column);
    const value = "[{'\"".includes(first as string)
      ? flowLine(new FlowReader(this.flowText(text, i, column), this.track), depth, parent, key)
      : this.plainLines(text, i, column);
    // a more indented line after the value would continue it (or be an error): not read here
    const next = this.next();
    if (next !== undefined && this.indent(next) > column) fail();
    return value;
  }

  /**
   * A flow value from `text` on line `i`: a list or mapping left open there runs on over the lines below, more
   * indented than `column`, and reads as their text joined by single spaces, as YAML folds each line break in
   * it (a line's own leading and trailing spaces dropped). Comments and blank lines in it are not read here.
   * Leaves `at` on the line after it. Each line is scanned once: a list over thousands of lines costs its
   * length, not its length squared.
   */
  private flowText(text: string, i: number, column: number): string {
    const flow = new FlowDepth();
    if (!flow.read(text)) {
      this.at = i + 1;
      return text;
    }
    if (text.includes("#")) fail();
    const parts = [text.trimEnd()];
    let j = i + 1;
    for (let open = true; open; j++) {
      const line = this.lines[j];
      const n = line === undefined ? 0 : this.indent(j);
      if (line === undefined || n <= column || n === line.length || line.includes("#")) fail();
      const part = line.slice(n).trimEnd();
      parts.push(part);
      open = flow.read(` ${part}`);
    }
    this.at = j;
    return parts.join(" ");
  }

  /**
   * Plain text from `text` on line `i`, continued on the lines below more indented than `column`: lines
   * are joined by a space, a run of n blank lines between two is n line breaks.
   */
  private plainLines(text: string, i: number, column: number): unknown {
    const hash = text.indexOf(" #");
    let out = (hash < 0 ? text : text.slice(0, hash)).trimEnd();
    let blanks = 0;
    let j = i + 1;
    for (; j < this.lines.length; j++) {
      const line = this.lines[j] as string;
      const n = this.indent(j);
      if (n === line.length) {
        blanks++;
        continue;
      }
      if (n <= column) break;
      const more = line.slice(n).trimEnd();
      // a comment ends the text: what follows it more indented is an error
      if (hash >= 0 || !isPlainLine(more)) fail();
      out += blanks > 0 ? "\n".repeat(blanks) : " ";
      out += more;
      blanks = 0;
    }
    this.at = j;
    return plain(out, false);
  }

  /** `|` or `>` text: its lines below, more indented than `column`. */
  private blockScalar(header: string, i: number, column: number): string {
    const match = /^([|>])([-+]?)(?: +#.*)? *$/.exec(header);
    if (!match) fail();
    const [, style, chomp] = match;
    const lines = this.lines;
    const first = i + 1;
    const contentLine = lines[first];
    if (contentLine === undefined) fail();
    const indent = this.indent(first);
    if (indent <= column || indent === contentLine.length) fail();
    const content: string[] = [];
    let j = first;
    for (; j < lines.length; j++) {
      const line = lines[j] as string;
      const n = this.indent(j);
      if (n === line.length) {
        if (n > indent) fail();
        content.push("");
        continue;
      }
      if (n < indent) break;
      content.push(line.slice(indent));
    }
    let trailing = 0;
    while (content.length > 0 && content[content.length - 1] === "") {
      content.pop();
      trailing++;
    }
    // text that runs to the end of the file without a line break, or keeps its trailing blank lines
    if (j - trailing >= lines.length || (chomp === "+" && trailing > 0)) fail();
    this.at = j - trailing;
    const body = style === "|" ? content.join("\n") : folded(content);
    return chomp === "-" ? body : `${body}\n`;
  }
}

/** `>` text's lines folded: lines joined by spaces, a run of n blank lines between two is n line breaks. */
function folded(content: readonly string[]): string {
  let out = "";
  let blanks = 0;
  for (const [k, line] of content.entries()) {
    if (line === "") {
      blanks++;
      continue;
    }
    // a more indented line keeps its line breaks: not read here
    if (line[0] === " ") fail();
    if (k > 0) out += blanks > 0 ? "\n".repeat(blanks) : " ";
    blanks = 0;
    out += line;
  }
  return out;
}

/**
 * Whether a flow list or mapping is still open, read piece by piece as its lines are joined (each piece once).
 * Quoted text is skipped: a quote opens it only where a value or key starts (after a bracket, a comma or a
 * colon), as in `[it's]` it does not; in single quotes a doubled one is text.
 */
class FlowDepth {
  private depth = 0;
  private last = "";
  private quote: string | undefined;

  /** Reads `text`, the next piece; whether a list or mapping is open after it. */
  read(text: string): boolean {
    for (let k = 0; k < text.length; k++) {
      const c = text[k] as string;
      if (this.quote !== undefined) {
        if (c !== this.quote) continue;
        if (c === "'" && text[k + 1] === "'") k++;
        else this.quote = undefined;
        continue;
      }
      if ((c === "'" || c === '"') && "[{,:".includes(this.last)) this.quote = c;
      else if (c === "[" || c === "{") this.depth++;
      else if (c === "]" || c === "}") this.depth--;
      if (c !== " ") this.last = c;
    }
    return this.depth > 0;
  }
}

/** A line that continues plain text: no comment, no mapping, no indicator at its start. */
function isPlainLine(text: string): boolean {
  return !/^[[\]{},#&*!|>'"%@`]|^[-?:](?: |$)/.test(text) && !text.includes(": ") && !text.includes(" #");
}

/** A plain value (its comment cut off): text, or what the core schema reads it as (a number, null, a boolean). */
function plain(text: string, inFlow: boolean): unknown {
  if (text === "" || INDICATOR.test(text) || text.includes(": ") || text.endsWith(":")) fail();
  // a colon not followed by a space is text in flow too (`url: https://…`), but not at the start
  if (inFlow && (/[[\]{},#]/.test(text) || text.startsWith(":"))) fail();
  if (DECIMAL.test(text)) return Number(text);
  if (!KEYWORDS.has(text) && !MAYBE_NOT_TEXT.test(text)) return text;
  for (const [test, resolve] of CORE_TAGS) if (test.test(text)) return resolve(text);
  return text;
}

/** A flow value on one line (`[…]`, `{…}` or quoted text), then nothing but a comment. */
function flowLine<T>(flow: FlowReader<T>, depth: number, parent: T | undefined, key: Segment): unknown {
  const value = flow.value(depth, parent, key);
  if (!isEnd(flow.text.slice(flow.at))) fail();
  return value;
}

/** Flow lists and mappings of plain and quoted values, on one line. */
class FlowReader<T> {
  at = 0;
  constructor(
    readonly text: string,
    private readonly track: Track<T> | undefined,
  ) {}

  private spaces(): void {
    while (this.text[this.at] === " ") this.at++;
  }

  value(depth: number, parent: T | undefined, key: Segment): unknown {
    if (depth > MAX_DEPTH) fail();
    this.spaces();
    const c = this.text[this.at];
    if (c === "[") {
      const out: unknown[] = [];
      const here = this.track?.(out, parent, key);
      this.entries("]", () => out.push(this.value(depth + 1, here, out.length)));
      return out;
    }
    if (c === "{") {
      const out: Record<string, unknown> = {};
      const here = this.track?.(out, parent, key);
      this.entries("}", () => {
        const entry = this.key();
        if (entry === "__proto__" || Object.hasOwn(out, entry)) fail();
        out[entry] = this.value(depth + 1, here, entry);
      });
      return out;
    }
    if (c === "'" || c === '"') return this.quoted();
    const end = this.text.slice(this.at).search(/[,[\]{}]|$/) + this.at;
    const written = this.text.slice(this.at, end).trim();
    this.at = end;
    return plain(written, true);
  }

  /** Entries up to `close`, separated by commas (a trailing comma is not read here). */
  private entries(close: string, entry: () => void): void {
    this.at++;
    this.spaces();
    if (this.text[this.at] === close) {
      this.at++;
      return;
    }
    for (;;) {
      entry();
      this.spaces();
      const c = this.text[this.at++];
      if (c === close) return;
      if (c !== ",") fail();
    }
  }

  /** A flow mapping key: plain id-like text or quoted, then `: `. */
  private key(): string {
    this.spaces();
    const found = keyAt(this.text, this.at);
    if (!found) fail();
    this.at = found.end;
    return found.key;
  }

  /** Quoted text: `'…'` (a doubled quote is one), or `"…"` without escapes. */
  private quoted(): string {
    const quote = this.text[this.at];
    let out = "";
    for (let k = this.at + 1; k < this.text.length; k++) {
      const c = this.text[k];
      if (c === "\\" && quote === '"') fail();
      if (c !== quote) {
        out += c;
        continue;
      }
      if (quote === "'" && this.text[k + 1] === "'") {
        out += "'";
        k++;
        continue;
      }
      this.at = k + 1;
      return out;
    }
    return fail();
  }
}
