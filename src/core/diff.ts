/**
 * A word-level diff for showing how two texts differ (one level's expectation against another's). Texts are
 * split into words, runs of whitespace and single punctuation marks; the longest common subsequence of those
 * tokens is kept, everything else is a removal (only in `a`) or an addition (only in `b`). Deterministic and
 * case-sensitive.
 */

export type DiffOp = "same" | "add" | "remove";

export interface DiffPart {
  op: DiffOp;
  text: string;
}

// Words keep inner apostrophes (don't, team's); everything else that is not whitespace stands alone.
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|\s+|[^\p{L}\p{N}\s]/gu;

/** The tokens of a text; joined they give the text back exactly. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * Above this many cells the LCS table would cost too much memory and time (framework texts are a few hundred
 * words; 4M cells is two texts of 2,000 tokens each after trimming their common ends): the middle is then
 * reported as one removal and one addition, which is still a correct diff, only a coarse one.
 */
const MAX_CELLS = 4_000_000;

/** How `b` differs from `a`, word by word: joining same+remove gives `a`, joining same+add gives `b`. */
export function diffWords(a: string, b: string): DiffPart[] {
  return wordDiff(a, b, sameEnds(a, b));
}

/**
 * Whether the UTF-16 unit is whitespace as `\s` reads it (ECMAScript's WhiteSpace and LineTerminator): asked
 * of each character walked back to a boundary, where a regular expression's test of a one-character string
 * cost more than the walk.
 */
export function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * How many characters at the start (`head`) and the end (`tail`) of `a` and `b` are the same and end or start
 * at a boundary between tokens on both sides: a whitespace character after one that is not. Those ends are
 * left out of the tokenizing, for the tokens inside them are the same on both sides: a reworded sentence is
 * mostly the same, and splitting all of it into tokens was most of the cost of its diff. Whitespace ends a
 * word, a mark and itself starts a run, and tokens match from left to right, so the tokens of what is left
 * are those the whole texts have there.
 */
function sameEnds(a: string, b: string): { head: number; tail: number } {
  const shorter = Math.min(a.length, b.length);
  let same = 0;
  while (same < shorter && a.charCodeAt(same) === b.charCodeAt(same)) same++;
  // the character at the boundary is read on both sides, so it is inside what they share
  let head = same - 1;
  while (head > 0 && !(isSpace(a.charCodeAt(head)) && !isSpace(a.charCodeAt(head - 1)))) head--;
  head = Math.max(head, 0);
  let sameTail = 0;
  while (
    sameTail < shorter - head &&
    a.charCodeAt(a.length - 1 - sameTail) === b.charCodeAt(b.length - 1 - sameTail)
  )
    sameTail++;
  // the suffix starts at a whitespace character whose left neighbour, not whitespace, both sides share
  let tail = sameTail - 1;
  while (tail > 0 && !(isSpace(a.charCodeAt(a.length - tail)) && !isSpace(a.charCodeAt(a.length - tail - 1))))
    tail--;
  return { head, tail: Math.max(tail, 0) };
}

/**
 * The diff of `a` and `b` whose first `head` and last `tail` characters are the same and cut at token
 * boundaries (sameEnds); with both 0, the diff of every token (the tests hold the two to the same answer).
 */
export function wordDiff(a: string, b: string, ends: { head: number; tail: number }): DiffPart[] {
  const x = tokenize(a.slice(ends.head, a.length - ends.tail));
  const y = tokenize(b.slice(ends.head, b.length - ends.tail));
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const parts: DiffPart[] = [];
  const push = (op: DiffOp, text: string) => {
    if (text) parts.push({ op, text });
  };
  push("same", a.slice(0, ends.head) + x.slice(0, start).join(""));
  const mx = x.slice(start, endX);
  const my = y.slice(start, endY);
  // A changed run with no token on both sides (a word replaced, the common rewording) is all its removals
  // then all its additions, with nothing between them to fold: the parts as they come, without the LCS
  // table and the passes of tidy, which cost most of a diff of a large framework's rewordings.
  const alone =
    mx.length + my.length > 0 &&
    (mx.length <= 1 || my.length <= 1) &&
    !mx.some((token) => my.includes(token));
  if (alone || mx.length * my.length > MAX_CELLS) {
    push("remove", mx.join(""));
    push("add", my.join(""));
  } else {
    for (const part of lcsDiff(mx, my)) push(part.op, part.text);
  }
  push("same", x.slice(endX).join("") + a.slice(a.length - ends.tail));
  return alone ? parts : tidy(parts);
}

/** Token-level diff by the classic LCS table; ties prefer removals first, so the output is stable. */
function lcsDiff(x: string[], y: string[]): DiffPart[] {
  const n = x.length;
  const m = y.length;
  const width = m + 1;
  // table[i][j] = length of the LCS of x[i..] and y[j..]
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        x[i] === y[j]
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
    }
  }
  const out: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ op: "same", text: x[i] as string });
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) {
      out.push({ op: "remove", text: x[i] as string });
      i++;
    } else {
      out.push({ op: "add", text: y[j] as string });
      j++;
    }
  }
  while (i < n) out.push({ op: "remove", text: x[i++] as string });
  while (j < m) out.push({ op: "add", text: y[j++] as string });
  return out;
}

/**
 * Makes the diff readable. A short unchanged stretch caught between changes ("with", "the", ", ") is folded
 * into them when a replacement sits on either side, so "<del>Partners</del> with <del>product</del>" against
 * "<ins>Works</ins> with <ins>engineering</ins>" reads as one replaced phrase; a stretch of only whitespace
 * between changes is always folded. Each run of changes lists its removal before its addition, and
 * neighbouring parts of one kind are merged. Folding never changes what either side joins up to.
 */
function tidy(parts: DiffPart[]): DiffPart[] {
  let current = group(parts);
  for (;;) {
    const next: DiffPart[] = [];
    let folded = false;
    for (let k = 0; k < current.length; k++) {
      const part = current[k] as DiffPart;
      if (part.op === "same" && k > 0 && k < current.length - 1 && foldable(current, k)) {
        next.push({ op: "remove", text: part.text }, { op: "add", text: part.text });
        folded = true;
      } else {
        next.push(part);
      }
    }
    current = group(next);
    if (!folded) return current;
  }
}

/** Longest unchanged stretch (not counting whitespace) folded into the replacements around it. */
const FOLD_CHARS = 4;

function foldable(parts: DiffPart[], k: number): boolean {
  const weight = (parts[k] as DiffPart).text.replace(/\s/g, "").length;
  if (weight === 0) return true;
  if (weight > FOLD_CHARS) return false;
  // the change runs on each side: at most a removal and an addition each (parts are grouped)
  const mixed = (from: number, step: number) => {
    const ops = new Set<DiffOp>();
    for (let i = from; i >= 0 && i < parts.length && parts[i]?.op !== "same"; i += step)
      ops.add(parts[i]?.op as DiffOp);
    return ops.size === 2;
  };
  return mixed(k - 1, -1) || mixed(k + 1, 1);
}

/** Merges neighbouring parts of one kind; within a run of changes the removal comes first. */
function group(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = "";
  let added = "";
  const flush = () => {
    if (removed) out.push({ op: "remove", text: removed });
    if (added) out.push({ op: "add", text: added });
    removed = "";
    added = "";
  };
  for (const part of parts) {
    if (part.op === "remove") removed += part.text;
    else if (part.op === "add") added += part.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last?.op === "same") last.text += part.text;
      else out.push({ ...part });
    }
  }
  flush();
  return out;
}

/** The text of one side of a diff: `a` from same+remove, `b` from same+add. */
export function diffSide(parts: readonly DiffPart[], side: "a" | "b"): string {
  const skip: DiffOp = side === "a" ? "add" : "remove";
  return parts
    .filter((p) => p.op !== skip)
    .map((p) => p.text)
    .join("");
}
