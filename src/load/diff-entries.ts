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
import { mayBeFlow, startsRungs } from "./root-file.js";

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
const NEWLINE_BYTES = Buffer.from("\n");
const DOCUMENT_MARKERS = ["---", "..."].map((marker) => Buffer.from(marker));

/** Bytes of ids and keys: `[\w.-]`. */
const WORD = new Uint8Array(128);
for (const c of Buffer.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")) WORD[c] = 1;

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

/**
 * Whether `text` holds `bytes` at `at`. A loop here, not `Buffer.compare`: the needles are a few bytes, looked
 * for on most lines of a file, and the native call's checks of its arguments cost more than the comparison.
 */
function bytesAt(text: Buffer, at: number, bytes: Buffer): boolean {
  if (at + bytes.length > text.length) return false;
  for (let i = 0; i < bytes.length; i++) if (text[at + i] !== bytes[i]) return false;
  return true;
}

/**
 * Whether `length` bytes of `a` from `at` are those of `b` from `bt`. A cell's few dozen bytes are compared
 * here; Buffer's compare of ranges checks its four offsets through wrappers that allocate on every call,
 * and a whole entry's kilobytes go to native code as two views.
 */
function sameBytes(a: Buffer, at: number, b: Buffer, bt: number, length: number): boolean {
  if (length > 512) return Buffer.compare(a.subarray(at, at + length), b.subarray(bt, bt + length)) === 0;
  for (let i = 0; i < length; i++) if (a[at + i] !== b[bt + i]) return false;
  return true;
}

/**
 * How many bytes from `at` in `a` and from `bt` in `b` are the same, compared natively in blocks that grow
 * while they match and halve where they do not, down to a hundred bytes or so looked at one by one: most of
 * two versions of a file is the same, and the differences are a few bytes each. (bench/diff's pairs, 1,800
 * differences in 12 MB: ~15,000 native calls, 7 ms; blocks from 256 bytes down to 32, 27,000 calls, 11 ms.)
 */
function sameLength(a: Buffer, at: number, b: Buffer, bt: number): number {
  const limit = Math.min(a.length - at, b.length - bt);
  let n = 0;
  let block = 2048;
  while (n < limit) {
    const length = Math.min(block, limit - n);
    if (length <= 128) {
      for (let i = 0; i < length; i++) if (a[at + n + i] !== b[bt + n + i]) return n + i;
      n += length;
      block = length * 2;
    } else if (
      Buffer.compare(a.subarray(at + n, at + n + length), b.subarray(bt + n, bt + n + length)) === 0
    ) {
      n += length;
      block = Math.min(block * 2, 65536);
    } else block = length >> 1;
  }
  return n;
}

/** Where the content of the line from `start` to `end` starts: -1 for a line with nothing to read (blank, or a comment). */
function indentOf(text: Buffer, start: number, end: number): number {
  let at = start;
  while (at < end && text[at] === SPACE) at++;
  return at === end || text[at] === HASH ? -1 : at - start;
}

/** A text's lines, as offsets into its bytes, with their indentation measured once. */
class Lines {
  /**
   * When this text's lines are those of `to`, line for line, but for some changed in place (Lines.alignedWith):
   * that text, the lines that differ, and how many of the lines before each line differ (one more entry than
   * lines).
   */
  aligned?: { to: Lines; changed: number[]; changedBefore: Int32Array };

  /**
   * `starts`: where each line starts, and one more entry, one past the end of the text, ending the last line;
   * `indents`: each line's indentation, -1 for a line with nothing to read (blank, or a comment).
   */
  private constructor(
    readonly text: Buffer,
    readonly starts: Int32Array,
    readonly indents: Int32Array,
    readonly length: number,
  ) {}

  static of(text: Buffer): Lines {
    // one pass, with room for a line in every 64 bytes to start with (framework lines are longer), grown
    // when a text has more
    let starts = new Int32Array((text.length >> 6) + 2);
    let indents = new Int32Array(starts.length);
    let count = 0;
    // the newlines are looked for in the bytes read as Latin-1 text (one character a byte), whose indexOf
    // goes to memchr: Uint8Array's goes through the bytes one by one (most of the cost of this function),
    // and Buffer's checks its arguments through wrappers that allocate on every call
    const bytes = text.toString("latin1");
    for (let start = 0; start <= text.length; count++) {
      if (count + 1 >= starts.length) {
        const [moreStarts, moreIndents] = [
          new Int32Array(starts.length * 2),
          new Int32Array(starts.length * 2),
        ];
        moreStarts.set(starts);
        moreIndents.set(indents);
        [starts, indents] = [moreStarts, moreIndents];
      }
      const newline = bytes.indexOf("\n", start);
      const end = newline < 0 ? text.length : newline;
      starts[count] = start;
      indents[count] = indentOf(text, start, end);
      start = end + 1;
    }
    starts[count] = text.length + 1;
    return new Lines(text, starts, indents, count);
  }

  /**
   * The lines of `text` when they are those of this text, line for line, but for some changed in place (a
   * reworded sentence, the common edit): found by comparing the two as bytes in blocks, natively, and
   * measuring only the lines that differ. Undefined when a line was added or removed. Lines compared
   * afterwards at the same numbers are then the same when none of them changed, without a look at their bytes.
   */
  alignedWith(text: Buffer): Lines | undefined {
    const { starts, length } = this;
    const indents = this.indents.slice();
    const changed: number[] = []; // each changed line, then where the lines after it start here less there
    const bytes = new Uint8Array(text.buffer, text.byteOffset, text.length);
    let at = 0; // where line `line` of both starts, here and in `text`
    let otherAt = 0;
    for (;;) {
      const same = sameLength(this.text, at, text, otherAt);
      if (at + same === this.text.length && otherAt + same === text.length) break;
      const line = this.lineAt(at + same);
      const otherStart = otherAt + (starts[line] as number) - at;
      const newline = bytes.indexOf(NEWLINE, otherStart);
      const otherEnd = newline < 0 ? text.length : newline;
      changed.push(line, otherEnd + 1 - (starts[line + 1] as number));
      indents[line] = indentOf(text, otherStart, otherEnd);
      at = starts[line + 1] as number;
      otherAt = otherEnd + 1;
      // one text ended before the other: a line added or removed
      if (at > this.text.length !== otherAt > text.length) return undefined;
      if (at > this.text.length) break;
    }
    const otherStarts = new Int32Array(length + 1);
    const changedBefore = new Int32Array(length + 1);
    for (let i = 0, next = 0, shift = 0, count = 0; i <= length; i++) {
      otherStarts[i] = (starts[i] as number) + shift;
      changedBefore[i] = count;
      if (changed[next] === i) {
        shift = changed[next + 1] as number;
        next += 2;
        count++;
      }
    }
    const lines = new Lines(text, otherStarts, indents, length);
    lines.aligned = { to: this, changed: changed.filter((_, i) => i % 2 === 0), changedBefore };
    return lines;
  }

  /** The lines of this text that differ from those of the text it is aligned with (all of them if none), joined. */
  changedText(): Buffer {
    if (!this.aligned) return this.text;
    const runs: Buffer[] = [];
    for (const line of this.aligned.changed) {
      if (runs.length > 0) runs.push(NEWLINE_BYTES);
      runs.push(this.text.subarray(this.starts[line], (this.starts[line + 1] as number) - 1));
    }
    return Buffer.concat(runs);
  }

  /**
   * Whether the text is to be read whole: it may be a framework's root file (root-file.ts: a line at the left
   * margin starts `rungs`, or the text is one flow mapping), or a line there starts a document or ends one
   * (`---`, `...`: several documents). For a text without other line ends than newlines (isUnusual), this
   * holds for every text isRootFile takes for a root, and costs a look at the few lines at the margin (a
   * search of the bytes for a newline and a marker stopped at every newline).
   */
  leftWhole(): boolean {
    if (mayBeFlow(this.text)) return true;
    for (let i = 0; i < this.length; i++) {
      if (this.indents[i] !== 0) continue;
      const at = this.starts[i] as number;
      if (startsRungs(this.text, at) || DOCUMENT_MARKERS.some((marker) => bytesAt(this.text, at, marker)))
        return true;
    }
    return false;
  }

  /** The line that holds byte `offset`. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
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
    return bytesAt(this.text, this.content(at), bytes);
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

  /** Where the key of line `at` ends when the line starts `KEY:` (then a space or the end of the line); -1 if not. */
  keyEnd(at: number): number {
    const from = this.content(at);
    const end = this.word(from);
    if (end === from || this.text[end] !== COLON) return -1;
    const after = this.text[end + 1];
    return after === undefined || after === SPACE || after === NEWLINE ? end : -1;
  }

  /**
   * Whether lines `start` to `end` of this text are the same bytes as lines `otherStart` to `otherEnd` of
   * `other`. Lines by number, not spans: called for every cell, before the code is optimized, where each
   * span made to call it is an allocation (and destructuring one, an array and an iterator more). Lines at
   * the same numbers of a text aligned with this one are counted, not compared.
   */
  same(start: number, end: number, other: Lines, otherStart: number, otherEnd: number): boolean {
    const aligned = other.aligned?.to === this ? other.aligned.changedBefore : undefined;
    if (aligned && start === otherStart && end === otherEnd) return aligned[start] === aligned[end];
    const from = this.starts[start] as number;
    const to = (this.starts[end] as number) - 1;
    const otherFrom = other.starts[otherStart] as number;
    const otherTo = (other.starts[otherEnd] as number) - 1;
    return to - from === otherTo - otherFrom && sameBytes(this.text, from, other.text, otherFrom, to - from);
  }

  /**
   * The text without the lines `dropped` marks, joined as they were: measured, then copied once into bytes
   * made to size (a Buffer made of a view of each run of kept lines was a third of this function's cost).
   */
  without(dropped: Uint8Array): string {
    const { starts, length } = this;
    let size = 0;
    for (let i = 0; i < length; i++)
      if (dropped[i] === 0) size += (starts[i + 1] as number) - (starts[i] as number);
    const out = Buffer.allocUnsafe(Math.max(size - 1, 0));
    const bytes = new Uint8Array(this.text.buffer, this.text.byteOffset, this.text.length);
    let at = 0;
    for (let i = 0, first = true; i < length; ) {
      if (dropped[i] === 1) {
        i++;
        continue;
      }
      const start = i;
      while (i < length && dropped[i] === 0) i++;
      if (!first) out[at++] = NEWLINE;
      first = false;
      const run = bytes.subarray(starts[start], (starts[i] as number) - 1);
      out.set(run, at);
      at += run.length;
    }
    return out.toString("utf8", 0, at);
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
