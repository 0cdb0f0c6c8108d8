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
 * (`renamedFrom`). The first entry of each list and of each expectations mapping written the same on both
 * sides is kept, so that none becomes empty.
 */

const AREA_ENTRY = /^( *)- id: ([\w.-]+) *$/;
const LIST_KEY = /^( *)competencies: *$/;
const ENTRY = /^( *)- id: ([\w.-]+) *$/;
const EXPECTATIONS = /^ *expectations: *$/;
/** A level's key in an expectations mapping (the rest of the line is its value, or nothing). */
const CELL_KEY = /^ *([\w.-]+):(?: |$)/;
/** What this cutting by lines does not follow: such a file is diffed whole. */
const UNUSUAL = /[\t\r]|[&*][\w-]|^(?:---|\.\.\.)/m;

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

const isSkipped = (line: string) => {
  const n = indentOf(line);
  return n === line.length || line.charCodeAt(n) === 35; // #
};

/** Lines `start` to `end` (excluded) of a text. */
interface Span {
  start: number;
  end: number;
}

/**
 * Whether two spans hold the same lines: compared where they are, since joining each entry's and each
 * cell's lines into a text of its own made a copy of both files and most of this cut's cost.
 */
function sameLines(a: readonly string[], as: Span, b: readonly string[], bs: Span): boolean {
  if (as.end - as.start !== bs.end - bs.start) return false;
  for (let i = 0; i < as.end - as.start; i++) if (a[as.start + i] !== b[bs.start + i]) return false;
  return true;
}

const namesOldIds = (lines: readonly string[], span: Span) =>
  lines.slice(span.start, span.end).some((line) => line.includes("renamedFrom"));

/** One competency entry (its key is area and id), and the `competencies:` line of its list. */
interface Entry extends Span {
  key: string;
  column: number;
  list: number;
}

/** Where the block entry that starts on line `at` at `column` ends: the next line at or left of it. */
function endOf(lines: readonly string[], at: number, column: number): number {
  let end = at + 1;
  while (end < lines.length && (isSkipped(lines[end] as string) || indentOf(lines[end] as string) > column))
    end++;
  // blank lines and comments after the entry are left where they are
  while (end > at + 1 && isSkipped(lines[end - 1] as string)) end--;
  return end;
}

/** The competency entries of a text written in the plain layout; undefined when one repeats. */
function entriesOf(lines: readonly string[]): Map<string, Entry> | undefined {
  const out = new Map<string, Entry>();
  for (let i = 0; i < lines.length; i++) {
    const key = LIST_KEY.exec(lines[i] as string);
    if (!key) continue;
    const column = (key[1] as string).length;
    let up = i - 1;
    while (up >= 0 && (isSkipped(lines[up] as string) || indentOf(lines[up] as string) >= column)) up--;
    const area = up >= 0 ? AREA_ENTRY.exec(lines[up] as string) : null;
    if (!area || (area[1] as string).length + 2 !== column) continue;
    let at = i + 1;
    while (at < lines.length && isSkipped(lines[at] as string)) at++;
    const dash = ENTRY.exec(lines[at] ?? "");
    const dashColumn = dash ? (dash[1] as string).length : -1;
    if (dashColumn < column) continue;
    while (at < lines.length) {
      const entry = ENTRY.exec(lines[at] as string);
      if (!entry || (entry[1] as string).length !== dashColumn) break;
      const end = endOf(lines, at, dashColumn);
      const id = `${area[2]}\0${entry[2]}`;
      if (out.has(id)) return undefined;
      out.set(id, {
        key: id,
        start: at,
        end,
        column: dashColumn,
        list: i,
      });
      at = end;
      while (at < lines.length && isSkipped(lines[at] as string)) at++;
    }
  }
  return out;
}

/** The expectations of a competency entry by level, each with its lines; undefined when a level repeats. */
function cellsOf(lines: readonly string[], entry: Entry): Map<string, Span> | undefined {
  const out = new Map<string, Span>();
  const keyColumn = entry.column + 2;
  let i = entry.start + 1;
  while (
    i < entry.end &&
    !(indentOf(lines[i] as string) === keyColumn && EXPECTATIONS.test(lines[i] as string))
  )
    i++;
  if (i >= entry.end) return out;
  let at = i + 1;
  while (at < entry.end && isSkipped(lines[at] as string)) at++;
  const column = indentOf(lines[at] ?? "");
  if (column <= keyColumn) return out;
  while (at < entry.end) {
    const line = lines[at] as string;
    const key = CELL_KEY.exec(line);
    if (!key || indentOf(line) !== column) break;
    const end = endOf(lines, at, column);
    if (out.has(key[1] as string)) return undefined;
    out.set(key[1] as string, { start: at, end });
    at = end;
    while (at < entry.end && isSkipped(lines[at] as string)) at++;
  }
  return out;
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
  const [oldLines, newLines] = [before.split("\n"), after.split("\n")];
  const [old, next] = [entriesOf(oldLines), entriesOf(newLines)];
  if (!old || !next) return undefined;
  const drops = { old: new Uint8Array(oldLines.length), next: new Uint8Array(newLines.length) };
  const drop = (a: Span, b: Span) => {
    drops.old.fill(1, a.start, a.end);
    drops.next.fill(1, b.start, b.end);
  };
  const kept = new Set<number>();
  let cut = false;
  for (const entry of old.values()) {
    const other = next.get(entry.key);
    if (!other) continue;
    // the first entry written the same in each list stays, on both sides: a list left empty would not be a
    // framework (nor an expectations mapping, below)
    const same = sameLines(oldLines, entry, newLines, other);
    if (same && !namesOldIds(oldLines, entry) && kept.has(entry.list)) {
      drop(entry, other);
      cut = true;
      continue;
    }
    if (same) kept.add(entry.list);
    const [cells, otherCells] = [cellsOf(oldLines, entry), cellsOf(newLines, other)];
    if (!cells || !otherCells) return undefined;
    let keptCell = false;
    for (const [level, cell] of cells) {
      const same = otherCells.get(level);
      if (!same || !sameLines(oldLines, cell, newLines, same)) continue;
      if (keptCell) {
        drop(cell, same);
        cut = true;
      } else keptCell = true;
    }
  }
  if (!cut) return undefined;
  const cutOut = (lines: string[], dropped: Uint8Array) =>
    lines.filter((_, i) => dropped[i] === 0).join("\n");
  return { before: cutOut(oldLines, drops.old), after: cutOut(newLines, drops.next) };
}
