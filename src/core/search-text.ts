/**
 * The text side of search: how text splits into terms, how terms are folded, plain text from Markdown, and
 * the highlighted snippets of results. Pure; the server and the static site's browser both run it.
 */

// ---------------------------------------------------------------------------------------------- text

export const WORD = /[\p{L}\p{N}]+(?:['’.\-_][\p{L}\p{N}]+)*/gu;
export const JOINERS = /['’.\-_]/;

/**
 * Splits text into terms. A joined word (cross-team, 15-1252.00, team's) is kept whole and also split into
 * its parts, so "15-1252" finds the code and "cross team" finds "cross-team".
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    terms.push(word);
    if (JOINERS.test(word)) for (const part of word.split(JOINERS)) if (part) terms.push(part);
  }
  return terms;
}

// Words so common that matching them says nothing; a query of only these finds nothing.
const STOP_WORDS = new Set(
  (
    "a an and are as at be but by for from has have in into is it its of on or s so such that the their them " +
    "they this to was were what when which who will with"
  ).split(" "),
);

/** Lower case without accents; stop words dropped. */
export function processTerm(term: string): string | null {
  const folded = normalizeWord(term);
  return folded && !STOP_WORDS.has(folded) ? folded : null;
}

export function normalizeWord(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/**
 * Plain text from light Markdown: link targets, emphasis marks and list bullets removed. Linear in the text:
 * no pattern can run past the character that would start its next try (a link's text stops at `[`, an
 * emphasis at its mark), so 100,000 `[` or ` *a` in a framework's text cost milliseconds, not the 11 s that
 * retrying each from every start did (test/hostile-corpus-regex.test.ts).
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^[\]]*)\]\([^()[\]]*\)/g, "$1")
    .replace(/<((?:https?|mailto):[^<>\s]+)>/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1/g, "$2")
    .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\p{L}\p{N}])/gu, "$1$2")
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\p{L}\p{N}])/gu, "$1$2")
    .replace(/^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)/gm, "")
    .replace(/\s+/g, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------------- snippets

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);
}

function markable(terms: readonly string[]): Set<string> {
  return new Set(terms.map(normalizeWord));
}

/** Text as HTML: escaped, then every word that is one of `terms` wrapped in <mark> (a joined word whole, else its parts). */
export function highlight(text: string, terms: readonly string[]): string {
  const set = markable(terms);
  let out = "";
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const at = match.index;
    out += escapeHtml(text.slice(last, at));
    const word = match[0];
    if (set.has(normalizeWord(word))) out += `<mark>${escapeHtml(word)}</mark>`;
    else {
      out += word.replace(/[^'’.\-_]+|['’.\-_]/g, (part) =>
        set.has(normalizeWord(part)) ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part),
      );
    }
    last = at + word.length;
  }
  return out + escapeHtml(text.slice(last));
}

/**
 * About `width` characters of `text` as highlighted HTML: the window showing the most different matched
 * words (the earliest of equals), so "incident review" shows where both words are, not just the first.
 */
export function snippet(text: string, terms: readonly string[], width = 220): string {
  const set = markable(terms);
  const hits: { at: number; word: string }[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = normalizeWord(match[0]);
    const found = set.has(word) ? [word] : word.split(JOINERS).filter((part) => set.has(part));
    for (const w of found) hits.push({ at: match.index, word: w });
    if (hits.length >= 500) break;
  }
  let first = hits[0]?.at ?? -1;
  let best = 0;
  const span = Math.floor(width * 0.7);
  for (const [i, hit] of hits.entries()) {
    const words = new Set<string>();
    for (let j = i; j < hits.length && (hits[j]?.at ?? 0) - hit.at <= span; j++)
      words.add(hits[j]?.word ?? "");
    if (words.size > best) {
      best = words.size;
      first = hit.at;
    }
  }
  let start = 0;
  if (first > width / 3) {
    const space = text.lastIndexOf(" ", first - Math.floor(width / 4));
    start = space < 0 ? 0 : space + 1;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > start) end = space;
  }
  const piece = text.slice(start, end);
  return `${start > 0 ? "…" : ""}${highlight(piece, terms)}${end < text.length ? "…" : ""}`;
}
