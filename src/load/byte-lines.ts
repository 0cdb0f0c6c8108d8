/**
 * A text's lines as offsets into its bytes, with their indentation measured once, for cutting two versions of
 * a framework file by lines (diff-entries.ts): where each line starts, which lines are at the margin, and,
 * for two versions whose lines pair off, which lines changed.
 */
import { mayBeFlow, startsRungs } from "./root-file.js";

// Files are cut as bytes (UTF-8: every byte looked at here is ASCII, and no byte of a longer character is),
// with each line's start and indentation measured once: cutting the files of a large framework as strings
// was mostly splitting them into lines, and the garbage collector copying those strings about.
const NEWLINE = 10;
export const SPACE = 32;
export const HASH = 35; // #
export const COLON = 58;
const ID_LINE = Buffer.from("- id: ");
const NEWLINE_BYTES = Buffer.from("\n");
const DOCUMENT_MARKERS = ["---", "..."].map((marker) => Buffer.from(marker));

/** Bytes of ids and keys: `[\w.-]`. */
export const WORD = new Uint8Array(128);
for (const c of Buffer.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")) WORD[c] = 1;

/**
 * Whether `text` holds `bytes` at `at`. A loop here, not `Buffer.compare`: the needles are a few bytes, looked
 * for on most lines of a file, and the native call's checks of its arguments cost more than the comparison.
 */
export function bytesAt(text: Buffer, at: number, bytes: Buffer): boolean {
  if (at + bytes.length > text.length) return false;
  for (let i = 0; i < bytes.length; i++) if (text[at + i] !== bytes[i]) return false;
  return true;
}

/**
 * Whether `length` bytes of `a` from `at` are those of `b` from `bt`. A cell's few dozen bytes are compared
 * here; Buffer's compare of ranges checks its four offsets through wrappers that allocate on every call,
 * and a whole entry's kilobytes go to native code as two views.
 */
export function sameBytes(a: Buffer, at: number, b: Buffer, bt: number, length: number): boolean {
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
export class Lines {
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
  endsAt(at: number): boolean {
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
