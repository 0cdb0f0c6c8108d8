/**
 * A changed competency whose changes are only reworded statements is told without being read: when each line
 * that changed in it (two aligned texts, diff-entries.ts) is a cell's one-line plain text (`LEVEL: text`), or a
 * cell mapping's `statement: text`, and both versions of that text are plain enough that YAML reads them as
 * the text written, the competency is left out of both texts, and its cells' statements go to the structural
 * diff as they are (framework-diff.ts, OutsideCell), which words them as it would have. A reworded sentence
 * then costs its line, not its competency: bench/diff's 1,800 rewordings touch ~1,900 competencies, which the
 * quick YAML reader read whole (~1.2 MB a side) only for the structural diff to find one cell changed in each.
 *
 * Anything else (a key, an id, a name or a criterion changed, a comment, text over several lines, quotes,
 * anything not printable ASCII, a level key of digits, which JavaScript orders first) leaves the competency to
 * the general way, and so does the first entry of each list, which the cut keeps so that no list is left empty
 * and the competencies left out here have one kept before them to follow.
 */
import { bytesAt, COLON, HASH, type Lines, SPACE } from "./byte-lines.js";
import { KEYWORDS } from "./yaml-quick.js";

const STATEMENT = Buffer.from("statement");
/** Longer texts go the general way: a statement of this size is rare, and its checks are the reader's. */
const MAX_TEXT = 4000;

/** One reworded cell's statement on both sides. */
export interface RewordedCell {
  level: string;
  before: string;
  next: string;
}

/** Where the cells of one competency are (diff-entries.ts's Cells, read or mirrored). */
export interface CellSpans {
  count: number;
  start: Int32Array;
  end: Int32Array;
  keyFrom: Int32Array;
  keyTo: Int32Array;
}

/**
 * The plain text after a line's key (`keyTo`: its colon), or undefined when YAML might read it otherwise: it
 * must start with a letter, hold only printable ASCII, no comment (` #`), no `: `, not end with a colon, not be
 * a keyword (null, true, false), and fit on its line (the caller looks at the next).
 */
function plainText(text: Buffer, keyTo: number, lineEnd: number): string | undefined {
  let from = keyTo + 1;
  while (from < lineEnd && text[from] === SPACE) from++;
  let to = lineEnd;
  while (to > from && text[to - 1] === SPACE) to--;
  if (to - from > MAX_TEXT || from === to) return undefined;
  const first = (text[from] as number) | 0x20;
  if (first < 97 || first > 122 || text[to - 1] === COLON) return undefined;
  for (let at = from; at < to; at++) {
    const c = text[at] as number;
    if (c < SPACE || c > 126) return undefined;
    if (c === SPACE && (text[at + 1] === HASH || text[at - 1] === COLON)) return undefined;
  }
  const value = text.toString("latin1", from, to);
  return KEYWORDS.has(value) ? undefined : value;
}

/**
 * The statement of a cell's line `line` on one side: the cell's own line (`LEVEL: text`) or a `statement:`
 * line at the column of the cell's mapping; undefined for any other line.
 */
function statementAt(lines: Lines, cells: CellSpans, k: number, line: number): string | undefined {
  const { text, starts, indents } = lines;
  const start = cells.start[k] as number;
  const lineEnd = (starts[line + 1] as number) - 1;
  if (line === start) {
    const keyTo = lines.keyEnd(line);
    return keyTo < 0 ? undefined : plainText(text, keyTo, lineEnd);
  }
  // a mapping under the cell's key: the line must be one of its keys, `statement`
  const first = lines.nextRead(start + 1, cells.end[k] as number);
  const startKey = lines.keyEnd(start);
  if (startKey < 0 || !lines.endsAt(startKey + 1)) return undefined;
  const column = indents[first] as number;
  if (indents[line] !== column || lines.keyEnd(first) < 0) return undefined;
  const from = (starts[line] as number) + column;
  const keyTo = lines.keyEnd(line);
  if (keyTo - from !== STATEMENT.length || !bytesAt(text, from, STATEMENT)) return undefined;
  return plainText(text, keyTo, lineEnd);
}

/**
 * A cell's level key as the quick reader takes it for that text: starting with a letter or `_` (a key of
 * digits is ordered first by JavaScript, and read as a number by YAML) and not a keyword.
 */
function levelOf(text: Buffer, from: number, to: number): string | undefined {
  const first = text[from] as number;
  if (first !== 95 && ((first | 0x20) < 97 || (first | 0x20) > 122)) return undefined;
  const level = text.toString("latin1", from, to);
  return KEYWORDS.has(level) ? undefined : level;
}

/**
 * The reworded statements of a competency (lines `start` to `end`) of two aligned texts whose cells are at the
 * same lines (`cells`, of the old text, their key offsets; `otherCells` the new text's), when every line that
 * changed in it is one; undefined when one is something else.
 */
export function rewordedCells(
  oldLines: Lines,
  newLines: Lines,
  span: { start: number; end: number },
  cells: CellSpans,
  otherCells: CellSpans,
): RewordedCell[] | undefined {
  const changedBefore = newLines.aligned?.changedBefore;
  if (!changedBefore) return undefined;
  const out: RewordedCell[] = [];
  let k = 0;
  let lastCell = -1;
  for (let line = span.start; line < span.end; line++) {
    if (changedBefore[line + 1] === changedBefore[line]) continue;
    while (k < cells.count && (cells.end[k] as number) <= line) k++;
    if (k >= cells.count || (cells.start[k] as number) > line || k === lastCell) return undefined;
    lastCell = k;
    // text going on to the next line (more indented) is not one line's
    const next = oldLines.nextRead(line + 1, span.end);
    if (next < span.end && (oldLines.indents[next] as number) > (oldLines.indents[line] as number))
      return undefined;
    const before = statementAt(oldLines, cells, k, line);
    const after = before === undefined ? undefined : statementAt(newLines, otherCells, k, line);
    if (before === undefined || after === undefined) return undefined;
    const level = levelOf(oldLines.text, cells.keyFrom[k] as number, cells.keyTo[k] as number);
    if (level === undefined) return undefined;
    out.push({ level, before, next: after });
  }
  return out;
}
