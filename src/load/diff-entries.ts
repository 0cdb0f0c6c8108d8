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

// Each pattern is matched at the first character after a line's indentation, in the whole text (sticky, and
// ending at a newline or the end of the text): no line is made a string of its own. Cutting the files of a large framework
// was mostly that: splitting them into lines and measuring the indentation of each line again and again.
const ENTRY = /- id: ([\w.-]+) *(?=\n|$)/y;
const LIST_KEY = /competencies: *(?=\n|$)/y;
const EXPECTATIONS = /expectations: *(?=\n|$)/y;
/** A level's key in an expectations mapping (the rest of the line is its value, or nothing). */
const CELL_KEY = /([\w.-]+):(?= |\n|$)/y;
/** What this cutting by lines does not follow: such a file is diffed whole. */
const UNUSUAL = /[\t\r]|[&*][\w-]|^(?:---|\.\.\.)/m;
const DASH = 45; // -
const HASH = 35; // #
const SPACE = 32;
const C = 99; // c, of `competencies:`
const E = 101; // e, of `expectations:`
const RENAMED_FROM = "renamedFrom";

/** A text's lines, as offsets into it, with their indentation measured once. */
class Lines {
  /** Where each line starts; one more entry, one past the end of the text, ends the last line. */
  readonly starts: number[] = [];
  /** Each line's indentation; -1 for a line with nothing to read (blank, or a comment). */
  readonly indents: number[] = [];
  /** Where the text first names an old id (`renamedFrom`), or -1. */
  readonly oldIdsAt: number;

  constructor(readonly text: string) {
    for (let start = 0; ; ) {
      const newline = text.indexOf("\n", start);
      const end = newline < 0 ? text.length : newline;
      let at = start;
      while (at < end && text.charCodeAt(at) === SPACE) at++;
      this.starts.push(start);
      this.indents.push(at === end || text.charCodeAt(at) === HASH ? -1 : at - start);
      if (newline < 0) break;
      start = newline + 1;
    }
    this.starts.push(text.length + 1);
    this.oldIdsAt = text.indexOf(RENAMED_FROM);
  }

  get length(): number {
    return this.indents.length;
  }

  /** The first line from `at` on (before `end`) with something to read. */
  nextRead(at: number, end = this.length): number {
    while (at < end && this.indents[at] === -1) at++;
    return at;
  }

  /** Whether `pattern` matches line `at` after its indentation; its match. */
  match(pattern: RegExp, at: number): RegExpExecArray | null {
    pattern.lastIndex = (this.starts[at] as number) + (this.indents[at] as number);
    return pattern.exec(this.text);
  }

  /** The character right after line `at`'s indentation. */
  first(at: number): number {
    return this.text.charCodeAt((this.starts[at] as number) + (this.indents[at] as number));
  }

  /** Lines `span.start` to `span.end` (excluded), as one text (no copy: a slice of the file's). */
  slice(span: Span): string {
    return this.text.slice(this.starts[span.start], (this.starts[span.end] as number) - 1);
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

/** Whether two spans hold the same lines: the same text between their first and last line. */
function sameLines(a: Lines, as: Span, b: Lines, bs: Span): boolean {
  const length = (a.starts[as.end] as number) - (a.starts[as.start] as number);
  return (
    length === (b.starts[bs.end] as number) - (b.starts[bs.start] as number) && a.slice(as) === b.slice(bs)
  );
}

function namesOldIds(lines: Lines, span: Span): boolean {
  if (lines.oldIdsAt < 0) return false;
  const found = lines.text.indexOf(RENAMED_FROM, lines.starts[span.start]);
  return found >= 0 && found + RENAMED_FROM.length < (lines.starts[span.end] as number);
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
    if (column < 0 || lines.first(i) !== C || !lines.match(LIST_KEY, i)) continue;
    let up = i - 1;
    while (up >= 0 && ((indents[up] as number) === -1 || (indents[up] as number) >= column)) up--;
    if (up < 0 || indents[up] !== column - 2 || lines.first(up) !== DASH) continue;
    const area = lines.match(ENTRY, up);
    if (!area) continue;
    let at = lines.nextRead(i + 1);
    const dashColumn = at < lines.length ? (indents[at] as number) : -1;
    if (dashColumn < column || lines.first(at) !== DASH || !lines.match(ENTRY, at)) continue;
    while (at < lines.length && indents[at] === dashColumn && lines.first(at) === DASH) {
      const entry = lines.match(ENTRY, at);
      if (!entry) break;
      const end = lines.endOf(at, dashColumn);
      const id = `${area[1]}\0${entry[1]}`;
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
  while (i < entry.end && !(indents[i] === keyColumn && lines.first(i) === E && lines.match(EXPECTATIONS, i)))
    i++;
  if (i >= entry.end) return out;
  let at = lines.nextRead(i + 1, entry.end);
  if (at >= entry.end) return out;
  const column = indents[at] as number;
  if (column <= keyColumn) return out;
  while (at < entry.end) {
    const key = indents[at] === column ? lines.match(CELL_KEY, at) : null;
    if (!key) break;
    const end = lines.endOf(at, column);
    if (out.has(key[1] as string)) return undefined;
    out.set(key[1] as string, { start: at, end });
    at = lines.nextRead(end, entry.end);
  }
  return out;
}

/** The text's lines without those `dropped` marks, joined as they were: a slice of the text per run kept. */
function cutOut(lines: Lines, dropped: Uint8Array): string {
  const runs: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (dropped[i] === 1) {
      i++;
      continue;
    }
    const start = i;
    while (i < lines.length && dropped[i] === 0) i++;
    runs.push(lines.slice({ start, end: i }));
  }
  return runs.join("\n");
}

/**
 * The two texts of one file without the competency entries, and the expectations inside the others, written
 * the same in both; undefined when nothing is left out.
 */
export function withoutSameEntries(
  before: string,
  after: string,
): { before: string; after: string } | undefined {
  if (UNUSUAL.test(before) || UNUSUAL.test(after)) return undefined;
  const [oldLines, newLines] = [new Lines(before), new Lines(after)];
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
    const same = sameLines(oldLines, entry, newLines, other);
    if (same && !namesOldIds(oldLines, entry) && kept.has(entry.list)) {
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
      if (!same || !sameLines(oldLines, cell, newLines, same)) continue;
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
  return { before: cutOut(oldLines, drops.old), after: cutOut(newLines, drops.next) };
}
