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
 * returns, anchors or several documents are left whole, and so are the root file and files that name an old
 * id (`renamedFrom`: the fate of an id removed elsewhere). When the lines of the two texts pair off (lines
 * changed in place, none added or removed: a reworded sentence), only the changed lines of the new text are
 * looked at for those, and lines at the same numbers are the same when none of them changed. The first entry of each list written the same on both sides is kept,
 * so that none becomes empty, and so is the first expectation written the same in a mapping that would
 * otherwise be left empty on a side (`expectations:` with nothing under it reads as null).
 */

import { isAscii, isUtf8 } from "node:buffer";
import { bytesAt, Lines, sameBytes, WORD } from "./byte-lines.js";

const DOT = 46;
const LIST_KEY = Buffer.from("competencies:");
const EXPECTATIONS = Buffer.from("expectations:");

/**
 * What this cutting by lines does not follow (tabs, carriage returns, line separators, anchors, aliases),
 * and bytes that are not UTF-8 or a replacement character (the reader's to report); several documents are
 * found among the lines (Lines.leftWhole). Each test is one pass of native code over the bytes: a text all
 * ASCII (most framework files) has none of the characters beyond it to look for.
 */
function isUnusual(text: Buffer): boolean {
  if (text.includes(9) || text.includes(13)) return true;
  if (!isAscii(text) && (!isUtf8(text) || ["\u2028", "\u2029", "\ufffd"].some((c) => text.includes(c))))
    return true;
  for (const mark of [38, 42]) // & *
    for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) {
      const next = text[at + 1] ?? 0;
      if (WORD[next] === 1 && next !== DOT) return true;
    }
  return false;
}

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
  const { indents, starts, text } = lines;
  // the lists are found by a look at the first byte of each line, measured already: a native search for
  // `competencies:` went through 12 MB at a third of the speed of a search for one byte (bench/diff)
  const first = LIST_KEY[0] as number;
  for (let i = 0; i < lines.length; i++) {
    const column = indents[i] as number;
    if (column < 0 || text[(starts[i] as number) + column] !== first || !lines.isKey(i, LIST_KEY)) continue;
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

/**
 * The expectations of one competency entry: each cell's lines and where its level's key is in the text. Held
 * in arrays used again for every entry (a Map of cells per entry was most of what a large diff allocated).
 */
class Cells {
  count = 0;
  private capacity = 32;
  start = new Int32Array(this.capacity);
  end = new Int32Array(this.capacity);
  keyFrom = new Int32Array(this.capacity);
  keyTo = new Int32Array(this.capacity);

  constructor(readonly lines: Lines) {}

  /** Reads the cells of `entry`; false when a level repeats. */
  read(entry: Entry): boolean {
    this.count = 0;
    const { lines } = this;
    const { indents } = lines;
    const keyColumn = entry.column + 2;
    let i = entry.start + 1;
    while (i < entry.end && !(indents[i] === keyColumn && lines.isKey(i, EXPECTATIONS))) i++;
    if (i >= entry.end) return true;
    let at = lines.nextRead(i + 1, entry.end);
    if (at >= entry.end) return true;
    const column = indents[at] as number;
    if (column <= keyColumn) return true;
    while (at < entry.end) {
      const keyTo = indents[at] === column ? lines.keyEnd(at) : -1;
      if (keyTo < 0) break;
      const keyFrom = (lines.starts[at] as number) + column;
      if (this.find(lines.text, keyFrom, keyTo, 0) >= 0) return false;
      const end = lines.endOf(at, column);
      this.add(at, end, keyFrom, keyTo);
      at = lines.nextRead(end, entry.end);
    }
    return true;
  }

  private add(start: number, end: number, keyFrom: number, keyTo: number): void {
    if (this.count === this.capacity) {
      this.capacity *= 2;
      const grow = (from: Int32Array) => {
        const to = new Int32Array(this.capacity);
        to.set(from);
        return to;
      };
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.keyFrom = grow(this.keyFrom);
      this.keyTo = grow(this.keyTo);
    }
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.keyFrom[this.count] = keyFrom;
    this.keyTo[this.count] = keyTo;
    this.count++;
  }

  /**
   * The cell whose key is the bytes `from`-`to` of `text`, looked for from cell `hint` on first; -1 if none.
   * Keys are told apart by their length and last byte before their bytes are compared: levels' keys (l1, l2,
   * …) differ there, and every cell read is looked for among those before it.
   */
  find(text: Buffer, from: number, to: number, hint: number): number {
    const last = text[to - 1];
    for (let n = 0; n < this.count; n++) {
      const i = (hint + n) % this.count;
      const at = this.keyFrom[i] as number;
      const end = this.keyTo[i] as number;
      if (
        end - at === to - from &&
        this.lines.text[end - 1] === last &&
        sameBytes(this.lines.text, at, text, from, to - from)
      )
        return i;
    }
    return -1;
  }

  /** The cells of `of` at the same lines of this text, aligned with its (sameShape). */
  mirror(of: Cells): void {
    this.count = 0;
    for (let k = 0; k < of.count; k++) {
      const start = of.start[k] as number;
      const shift = (this.lines.starts[start] as number) - (of.lines.starts[start] as number);
      this.add(
        start,
        of.end[k] as number,
        (of.keyFrom[k] as number) + shift,
        (of.keyTo[k] as number) + shift,
      );
    }
  }

  /** Whether cell `i` is written as cell `j` of `other`. */
  same(i: number, other: Cells, j: number): boolean {
    const start = this.start[i] as number;
    const end = this.end[i] as number;
    return this.lines.same(start, end, other.lines, other.start[j] as number, other.end[j] as number);
  }

  /** Marks the lines of cell `i` in `dropped` (1: left out, 0: kept). */
  mark(i: number, dropped: Uint8Array, value: 0 | 1): void {
    // a loop, not fill: a cell is a line or a few, and fill's call cost more than setting them
    for (let line = this.start[i] as number; line < (this.end[i] as number); line++) dropped[line] = value;
  }
}

const RENAMED = Buffer.from("renamed");
const FROM = Buffer.from("From");

/**
 * Whether a file names an old id (`renamedFrom`): its entries tell what became of ids removed elsewhere. In
 * bytes, `From` is looked for and `renamed` before it: a search for a needle of under seven bytes goes from
 * one of its first byte to the next (memchr), and a capital F is rare; the whole word took Node's search for
 * longer needles, 8 times slower (4 ms of 6 MB).
 */
export function namesOldIds(content: Buffer | string): boolean {
  if (typeof content === "string") return content.includes("renamedFrom");
  for (let at = content.indexOf(FROM); at >= 0; at = content.indexOf(FROM, at + 1))
    if (bytesAt(content, at - RENAMED.length, RENAMED)) return true;
  return false;
}

/**
 * Whether the entry `other` of `newLines`, a text aligned with `oldLines` (Lines.alignedWith), is at the same
 * lines as `entry` with its cells where `entry` has them: each line of it that changed keeps its indentation,
 * its key and whether it is `expectations:` alone (Cells.read looks at nothing else). Its cells are then
 * those of `entry` (Cells.mirror), not read again.
 */
function sameShape(oldLines: Lines, entry: Entry, newLines: Lines, other: Entry): boolean {
  const aligned = newLines.aligned;
  if (aligned?.to !== oldLines || entry.start !== other.start || entry.end !== other.end) return false;
  const { changedBefore } = aligned;
  for (let line = entry.start; line < entry.end; line++) {
    if (changedBefore[line + 1] === changedBefore[line]) continue;
    if (oldLines.indents[line] !== newLines.indents[line]) return false;
    if (oldLines.indents[line] === -1) continue;
    if (oldLines.isKey(line, EXPECTATIONS) !== newLines.isKey(line, EXPECTATIONS)) return false;
    const [from, otherFrom] = [oldLines.starts[line] as number, newLines.starts[line] as number];
    const [to, otherTo] = [oldLines.keyEnd(line), newLines.keyEnd(line)];
    if (to < 0 !== otherTo < 0 || to - from !== otherTo - otherFrom) return false;
    if (to >= 0 && !sameBytes(oldLines.text, from, newLines.text, otherFrom, to - from)) return false;
  }
  return true;
}

/**
 * The lines of the two texts of one file, unless one is not to be cut (isUnusual, a root file, a file naming
 * old ids). The second text is measured against the first where their lines are the same but for some
 * changed in place, and only its changed lines are then looked at for what is not cut.
 */
function linesOf(a: Buffer, b: Buffer): [Lines, Lines] | undefined {
  if (isUnusual(a) || namesOldIds(a)) return undefined;
  const oldLines = Lines.of(a);
  if (oldLines.leftWhole()) return undefined;
  const aligned = oldLines.alignedWith(b);
  // the lines of `b` the same as those of `a` are neither unusual nor name old ids: only the others tell
  const changed = aligned ? aligned.changedText() : b;
  if (isUnusual(changed) || namesOldIds(changed)) return undefined;
  const newLines = aligned ?? Lines.of(b);
  return newLines.leftWhole() ? undefined : [oldLines, newLines];
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
  const lines = linesOf(bytes(before), bytes(after));
  if (!lines) return undefined;
  const [oldLines, newLines] = lines;
  const a = oldLines.text;
  const [old, next] = [entriesOf(oldLines), entriesOf(newLines)];
  if (!old || !next) return undefined;
  const drops = { old: new Uint8Array(oldLines.length), next: new Uint8Array(newLines.length) };
  const kept = new Set<number>();
  const cells = new Cells(oldLines);
  const otherCells = new Cells(newLines);
  let cut = false;
  for (const entry of old.values()) {
    const other = next.get(entry.key);
    if (!other) continue;
    // the first entry written the same in each list stays, on both sides: a list left empty would not be a
    // framework
    const same = oldLines.same(entry.start, entry.end, newLines, other.start, other.end);
    if (same && kept.has(entry.list)) {
      drops.old.fill(1, entry.start, entry.end);
      drops.next.fill(1, other.start, other.end);
      cut = true;
      continue;
    }
    if (same) kept.add(entry.list);
    if (!cells.read(entry)) return undefined;
    if (sameShape(oldLines, entry, newLines, other)) otherCells.mirror(cells);
    else if (!otherCells.read(other)) return undefined;
    // cells are matched by level, each looked for first where it is on this side: most files keep the order
    let first = -1;
    let firstOther = -1;
    let dropped = 0;
    for (let i = 0; i < cells.count; i++) {
      const j = otherCells.find(a, cells.keyFrom[i] as number, cells.keyTo[i] as number, i);
      if (j < 0 || !cells.same(i, otherCells, j)) continue;
      cells.mark(i, drops.old, 1);
      otherCells.mark(j, drops.next, 1);
      if (first < 0) [first, firstOther] = [i, j];
      dropped++;
    }
    // a mapping left with no cell on a side would read as nothing: its first cell written the same stays
    if (first >= 0 && (dropped === cells.count || dropped === otherCells.count)) {
      cells.mark(first, drops.old, 0);
      otherCells.mark(firstOther, drops.next, 0);
      dropped--;
    }
    if (dropped > 0) cut = true;
  }
  if (!cut) return undefined;
  return { before: oldLines.without(drops.old), after: newLines.without(drops.next) };
}
