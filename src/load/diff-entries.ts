/**
 * Inside a file both versions of a framework have but changed, the competencies written the same on both
 * sides (same area, same id, the same lines byte for byte) say the same on both: `rungs diff` leaves them out
 * of both texts, as it leaves out whole files the versions share (diff-sides.ts), and diffs what is left. A
 * reworded sentence here and there then costs its expectation, not its file.
 *
 * The file is cut as text, by lines, only where the layout is the plain one: an area entry written
 * `- id: AREA`, its `competencies:` list of entries written `- id: ID`. The nearest less-indented line above
 * a line inside a block text is the line of its key, never `- id: ID`, so text that merely looks like a list
 * is not cut. Inside a competency both sides have, the expectations written the same are left out as well
 * (the structural diff compares cells one by one, keyed by competency and level). Files with tabs, carriage
 * returns, anchors or several documents are left whole, and so is an entry that names an old id
 * (`renamedFrom`). The first entry of each list written the same on both sides is kept, so that none becomes
 * empty, and so is the first expectation written the same in a mapping that would otherwise be left empty on
 * a side (`expectations:` with nothing under it reads as null).
 */

import { isUtf8 } from "node:buffer";

// Files are cut as bytes (UTF-8: every byte looked at here is ASCII, and no byte of a longer character is),
// with each line's start and indentation measured once: cutting the files of a large framework as strings
// was mostly splitting them into lines, and the garbage collector copying those strings about.
const NEWLINE = 10;
const SPACE = 32;
const HASH = 35; // #
const COLON = 58;
const DOT = 46;
const ID_LINE = Buffer.from("- id: ");
const LIST_KEY = Buffer.from("competencies:");
const EXPECTATIONS = Buffer.from("expectations:");
const RENAMED_FROM = "renamedFrom";

/** Bytes of ids and keys: `[\w.-]`. */
const WORD = new Uint8Array(128);
for (const c of Buffer.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")) WORD[c] = 1;

/**
 * What this cutting by lines does not follow (tabs, carriage returns, line separators, anchors, aliases,
 * several documents), and bytes that are not UTF-8 or a replacement character (the reader's to report).
 */
function isUnusual(text: Buffer): boolean {
  if (!isUtf8(text) || [9, 13, "\u2028", "\u2029", "\ufffd"].some((c) => text.includes(c))) return true;
  for (const mark of [38, 42]) // & *
    for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) {
      const next = text[at + 1] ?? 0;
      if (WORD[next] === 1 && next !== DOT) return true;
    }
  return ["---", "..."].some((marker) => text.indexOf(marker) === 0 || text.includes(`\n${marker}`));
}

/** A text's lines, as offsets into its bytes, with their indentation measured once. */
class Lines {
  /** Where each line starts; one more entry, one past the end of the text, ends the last line. */
  readonly starts: Int32Array;
  /** Each line's indentation; -1 for a line with nothing to read (blank, or a comment). */
  readonly indents: Int32Array;
  readonly length: number;
  /** Where the text first names an old id (`renamedFrom`), or -1. */
  readonly oldIdsAt: number;

  constructor(readonly text: Buffer) {
    let count = 1;
    for (let at = text.indexOf(NEWLINE); at >= 0; at = text.indexOf(NEWLINE, at + 1)) count++;
    this.length = count;
    this.starts = new Int32Array(count + 1);
    this.indents = new Int32Array(count);
    for (let line = 0, start = 0; line < count; line++) {
      const newline = text.indexOf(NEWLINE, start);
      const end = newline < 0 ? text.length : newline;
      let at = start;
      while (at < end && text[at] === SPACE) at++;
      this.starts[line] = start;
      this.indents[line] = at === end || text[at] === HASH ? -1 : at - start;
      start = end + 1;
    }
    this.starts[count] = text.length + 1;
    this.oldIdsAt = text.indexOf(RENAMED_FROM);
  }

  /** The first line from `at` on (before `end`) with something to read. */
  nextRead(at: number, end = this.length): number {
    while (at < end && this.indents[at] === -1) at++;
    return at;
  }

  /** Where line `at`'s content starts, after its indentation. */
  private content(at: number): number {
    return (this.starts[at] as number) + (this.indents[at] as number);
  }

  /** Where the run of id bytes from `at` ends. */
  private word(at: number): number {
    while (at < this.text.length && WORD[this.text[at] as number] === 1) at++;
    return at;
  }

  /** Whether only spaces follow `at` to the end of its line. */
  private endsAt(at: number): boolean {
    while (this.text[at] === SPACE) at++;
    return at >= this.text.length || this.text[at] === NEWLINE;
  }

  /** Whether line `at` starts with `bytes`, after its indentation. */
  private startsWith(at: number, bytes: Buffer): boolean {
    const from = this.content(at);
    const to = from + bytes.length;
    return to <= this.text.length && this.text.compare(bytes, 0, bytes.length, from, to) === 0;
  }

  /** Whether line `at` is `key` alone (`competencies:`, `expectations:`). */
  isKey(at: number, key: Buffer): boolean {
    return this.startsWith(at, key) && this.endsAt(this.content(at) + key.length);
  }

  /** The id of line `at` when it is `- id: ID` alone. */
  idOf(at: number): string | undefined {
    if (!this.startsWith(at, ID_LINE)) return undefined;
    const from = this.content(at) + ID_LINE.length;
    const end = this.word(from);
    return end > from && this.endsAt(end) ? this.text.toString("latin1", from, end) : undefined;
  }

  /** The key of line `at` when it starts `KEY:` (then a space or the end of the line). */
  keyOf(at: number): string | undefined {
    const from = this.content(at);
    const end = this.word(from);
    if (end === from || this.text[end] !== COLON) return undefined;
    const after = this.text[end + 1];
    return after === undefined || after === SPACE || after === NEWLINE
      ? this.text.toString("latin1", from, end)
      : undefined;
  }

  /** Whether lines `as` of this text are the same bytes as lines `bs` of `other`. */
  same(as: Span, other: Lines, bs: Span): boolean {
    const [from, to] = [this.starts[as.start] as number, (this.starts[as.end] as number) - 1];
    const [otherFrom, otherTo] = [other.starts[bs.start] as number, (other.starts[bs.end] as number) - 1];
    return (
      to - from === otherTo - otherFrom && this.text.compare(other.text, otherFrom, otherTo, from, to) === 0
    );
  }

  /** Whether lines `span` name an old id. */
  namesOldIds(span: Span): boolean {
    if (this.oldIdsAt < 0) return false;
    const found = this.text.indexOf(RENAMED_FROM, this.starts[span.start]);
    return found >= 0 && found + RENAMED_FROM.length < (this.starts[span.end] as number);
  }

  /** The text without the lines `dropped` marks, joined as they were. */
  without(dropped: Uint8Array): string {
    const runs: Buffer[] = [];
    for (let i = 0; i < this.length; ) {
      if (dropped[i] === 1) {
        i++;
        continue;
      }
      const start = i;
      while (i < this.length && dropped[i] === 0) i++;
      if (runs.length > 0) runs.push(NEWLINE_BYTES);
      runs.push(this.text.subarray(this.starts[start], (this.starts[i] as number) - 1));
    }
    return Buffer.concat(runs).toString();
  }

  /** Where the block entry that starts on line `at` at `column` ends: the next line at or left of it. */
  endOf(at: number, column: number): number {
    const indents = this.indents;
    let end = at + 1;
    while (end < indents.length && ((indents[end] as number) === -1 || (indents[end] as number) > column))
      end++;
    // blank lines and comments after the entry are left where they are
    while (end > at + 1 && indents[end - 1] === -1) end--;
    return end;
  }
}

const NEWLINE_BYTES = Buffer.from("\n");

/** Lines `start` to `end` (excluded) of a text. */
interface Span {
  start: number;
  end: number;
}

/** One competency entry (its key is area and id), and the `competencies:` line of its list. */
interface Entry extends Span {
  key: string;
  column: number;
  list: number;
}

/** The competency entries of a text written in the plain layout; undefined when one repeats. */
function entriesOf(lines: Lines): Map<string, Entry> | undefined {
  const out = new Map<string, Entry>();
  const { indents } = lines;
  for (let i = 0; i < lines.length; i++) {
    const column = indents[i] as number;
    if (column < 0 || !lines.isKey(i, LIST_KEY)) continue;
    let up = i - 1;
    while (up >= 0 && ((indents[up] as number) === -1 || (indents[up] as number) >= column)) up--;
    const area = up >= 0 && indents[up] === column - 2 ? lines.idOf(up) : undefined;
    if (area === undefined) continue;
    let at = lines.nextRead(i + 1);
    const dashColumn = at < lines.length ? (indents[at] as number) : -1;
    if (dashColumn < column || lines.idOf(at) === undefined) continue;
    while (at < lines.length && indents[at] === dashColumn) {
      const entry = lines.idOf(at);
      if (entry === undefined) break;
      const end = lines.endOf(at, dashColumn);
      const id = `${area}\0${entry}`;
      if (out.has(id)) return undefined;
      out.set(id, { key: id, start: at, end, column: dashColumn, list: i });
      at = lines.nextRead(end);
    }
  }
  return out;
}

/** The expectations of a competency entry by level, each with its lines; undefined when a level repeats. */
function cellsOf(lines: Lines, entry: Entry): Map<string, Span> | undefined {
  const out = new Map<string, Span>();
  const { indents } = lines;
  const keyColumn = entry.column + 2;
  let i = entry.start + 1;
  while (i < entry.end && !(indents[i] === keyColumn && lines.isKey(i, EXPECTATIONS))) i++;
  if (i >= entry.end) return out;
  let at = lines.nextRead(i + 1, entry.end);
  if (at >= entry.end) return out;
  const column = indents[at] as number;
  if (column <= keyColumn) return out;
  while (at < entry.end) {
    const key = indents[at] === column ? lines.keyOf(at) : undefined;
    if (key === undefined) break;
    const end = lines.endOf(at, column);
    if (out.has(key)) return undefined;
    out.set(key, { start: at, end });
    at = lines.nextRead(end, entry.end);
  }
  return out;
}

/**
 * The two texts of one file without the competency entries, and the expectations inside the others, written
 * the same in both; undefined when nothing is left out.
 */
export function withoutSameEntries(
  before: Buffer | string,
  after: Buffer | string,
): { before: string; after: string } | undefined {
  const bytes = (text: Buffer | string) => (typeof text === "string" ? Buffer.from(text) : text);
  const [a, b] = [bytes(before), bytes(after)];
  if (isUnusual(a) || isUnusual(b)) return undefined;
  const [oldLines, newLines] = [new Lines(a), new Lines(b)];
  const [old, next] = [entriesOf(oldLines), entriesOf(newLines)];
  if (!old || !next) return undefined;
  const drops = { old: new Uint8Array(oldLines.length), next: new Uint8Array(newLines.length) };
  const mark = (a: Span, b: Span, dropped: 0 | 1) => {
    drops.old.fill(dropped, a.start, a.end);
    drops.next.fill(dropped, b.start, b.end);
  };
  const drop = (a: Span, b: Span) => mark(a, b, 1);
  const keep = (a: Span, b: Span) => mark(a, b, 0);
  const kept = new Set<number>();
  let cut = false;
  for (const entry of old.values()) {
    const other = next.get(entry.key);
    if (!other) continue;
    // the first entry written the same in each list stays, on both sides: a list left empty would not be a
    // framework
    const same = oldLines.same(entry, newLines, other);
    if (same && !oldLines.namesOldIds(entry) && kept.has(entry.list)) {
      drop(entry, other);
      cut = true;
      continue;
    }
    if (same) kept.add(entry.list);
    const [cells, otherCells] = [cellsOf(oldLines, entry), cellsOf(newLines, other)];
    if (!cells || !otherCells) return undefined;
    let first: [Span, Span] | undefined;
    let dropped = 0;
    for (const [level, cell] of cells) {
      const same = otherCells.get(level);
      if (!same || !oldLines.same(cell, newLines, same)) continue;
      drop(cell, same);
      first ??= [cell, same];
      dropped++;
    }
    // a mapping left with no cell on a side would read as nothing: its first cell written the same stays
    if (first && (dropped === cells.size || dropped === otherCells.size)) {
      keep(...first);
      dropped--;
    }
    if (dropped > 0) cut = true;
  }
  if (!cut) return undefined;
  return { before: oldLines.without(drops.old), after: newLines.without(drops.next) };
}
