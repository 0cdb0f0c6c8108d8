/**
 * The longest word or candidate that gets a did-you-mean suggestion. A typo suggestion is for names and ids;
 * comparing two 20,000-character texts cell by cell once took a minute and gigabytes (issue 12).
 */
export const SUGGESTION_MAX_LENGTH = 100;

/**
 * Edit distance between two strings, counting a swap of two neighbours as one edit (optimal string
 * alignment). With `max`, the work is bounded: only the band of cells within `max` of the diagonal is
 * computed, the answer is `max + 1` as soon as it must exceed `max`, and two strings whose lengths differ by
 * more than `max` are not compared at all.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  const far = Number.POSITIVE_INFINITY;
  // Three rows (this one and the two before, for the swap) instead of the whole table. Only the band is
  // written; the cell on each side of it is set to `far`, which is all the next rows read outside the band.
  let before = new Array<number>(b.length + 2).fill(far);
  let above = new Array<number>(b.length + 2).fill(far);
  let row = new Array<number>(b.length + 2).fill(far);
  for (let j = 0; j <= b.length && j <= max; j++) above[j] = j;
  let aboveBest = 0;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    row[0] = i <= max ? i : far;
    row[from - 1] = from === 1 ? (row[0] as number) : far;
    row[to + 1] = far;
    let best = from === 1 ? (row[0] as number) : far;
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] as number) + 1);
      }
      row[j] = d;
      if (d < best) best = d;
    }
    // Every alignment passes through this row or the one above (a swap skips one row, never two).
    if (best > max && aboveBest > max) return over;
    aboveBest = best;
    [before, above, row] = [above, row, before];
  }
  const distance = above[b.length] as number;
  return distance > max ? over : distance;
}

/**
 * How many candidates did-you-mean may still compare across many calls: one check of a framework. A bound
 * per call is not enough, since 10,000 unknown references against 10,000 level ids took a minute.
 */
export class SuggestionBudget {
  constructor(private left: number) {}

  /** Spends `n` comparisons; false (and nothing left) when there are not that many. */
  take(n: number): boolean {
    if (n > this.left) {
      this.left = 0;
      return false;
    }
    this.left -= n;
    return true;
  }
}

/** Candidates compared by did-you-mean in one check of a framework: about a second's work at most. */
export const SUGGESTION_BUDGET = 1_000_000;

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo. With a budget, nothing
 * is suggested once the budget cannot pay for comparing every candidate.
 */
export function closest(
  word: string,
  candidates: Iterable<string>,
  budget?: SuggestionBudget,
): string | undefined {
  // Read once: callers pass map key iterators, which a second pass would find empty.
  const list = [...candidates];
  if (budget && !budget.take(list.length)) return undefined;
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  if (word.length <= SUGGESTION_MAX_LENGTH) {
    for (const candidate of list) {
      if (candidate.length > SUGGESTION_MAX_LENGTH) continue;
      // Only a strictly closer candidate can win, so everything at bestDistance or beyond is cut short.
      const d = editDistance(lower, candidate.toLowerCase(), bestDistance - 1);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
  }
  if (best !== undefined) return best;
  // "backend" for "backend-engineer": an id that starts with what was typed, when only one does
  const starting = list.filter((c) => lower.length >= 3 && c.toLowerCase().startsWith(lower));
  return starting.length === 1 ? starting[0] : undefined;
}

/** "Did you mean …?" for an unknown name, or undefined when nothing is close (or the budget is spent). */
export function didYouMean(
  word: string,
  candidates: Iterable<string>,
  budget?: SuggestionBudget,
): string | undefined {
  const match = closest(word, candidates, budget);
  return match === undefined ? undefined : `did you mean "${match}"?`;
}

// C0 controls but tab and newline, DEL, and the C1 controls (U+0080–U+009F; U+009B alone starts a CSI); and
// the invisible characters that reorder a line: the direction embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069, BIDI_CONTROL in fields.ts) and the direction marks (U+061C, U+200E, U+200F).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text that is safe to print to a terminal: every control character but tab and newline, and every invisible
 * direction control, is written as a `\u001b`-style escape, so nothing read from a framework file (or a
 * database) can move the cursor, recolour or retitle the terminal, nor make it show a quoted line in another
 * order than its characters'. The escape is JSON's, so JSON output stays valid and means the same.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const FSI = "\u2068";
const PDI = "\u2069";

/**
 * A name set in a plain-text sentence (a page's <title>, an attribute such as `title` or `aria-label`, an
 * option's label, a text export) as its own isolated run: first-strong isolate (U+2068) before it, pop
 * directional isolate (U+2069) after, as <bdi> isolates a name in markup. A name in right-to-left script, or
 * one holding a direction override, then cannot reorder the words and numbers around it. The name's own
 * isolates are balanced first: a stray U+2069 in it would close this isolate early, an unclosed U+2066-U+2068
 * would keep it open over the rest of the sentence.
 */
export function isolated(name: string): string {
  if (!/[\u2066-\u2069]/.test(name)) return FSI + name + PDI;
  let open = 0;
  let out = "";
  for (const ch of name) {
    if (ch === PDI) {
      if (open === 0) continue;
      open--;
    } else if (ch >= "\u2066" && ch <= "\u2068") open++;
    out += ch;
  }
  return FSI + out + PDI.repeat(open) + PDI;
}

/**
 * `text` without the slashes it ends with (`https://x.example/` → `https://x.example`), in one pass from the
 * end: `/\/+$/` retries from every slash of a run that is not at the end, so 100,000 slashes before a last
 * letter cost seconds.
 */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47) end--;
  return text.slice(0, end);
}

/** What a message quoting user text may run to: a screenful, whatever a file's cell or header held. */
export const MESSAGE_MAX_LENGTH = 2_000;

/**
 * `message` cut to MESSAGE_MAX_LENGTH: its start and end kept (where it says what and what to do), the middle
 * said as a count. A message that quotes a 4 MB header cell whole is 4 MB on a terminal or a page.
 */
export function clipMessage(message: string, max = MESSAGE_MAX_LENGTH): string {
  if (message.length <= max) return message;
  const tail = Math.floor(max / 4);
  // never between the two halves of a surrogate pair
  const at = (i: number) => (/[\ud800-\udbff]/.test(message[i - 1] ?? "") ? i - 1 : i);
  const headEnd = at(max - tail);
  const tailStart = at(message.length - tail);
  return `${message.slice(0, headEnd)}… (${(tailStart - headEnd).toLocaleString("en")} characters left out) …${message.slice(tailStart)}`;
}

/** How much of a text from a request an error quotes back: enough to recognise it, never a page of it. */
export const QUOTE_MAX_LENGTH = 200;

/**
 * `text` in double quotes as an error message quotes something the asker sent (an id in a URL, a query value),
 * cut to `max` characters with an ellipsis (never between the halves of a surrogate pair): a 10,000-character
 * id once made a 21 KB 404 page.
 */
export function quoted(text: string, max = QUOTE_MAX_LENGTH): string {
  if (text.length <= max) return `"${text}"`;
  const end = /[\ud800-\udbff]/.test(text[max - 1] ?? "") ? max - 1 : max;
  return `"${text.slice(0, end)}…"`;
}
