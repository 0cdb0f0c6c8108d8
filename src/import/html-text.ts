/**
 * Names written as HTML by the format that publishes them (the FT's job-family pages put a level's or
 * theme's name into the page unescaped; Monzo's text pages are markdown; CASE's statements are markdown),
 * read as the text a person sees there.
 */

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
};

/**
 * A name as a page that writes it as HTML shows it: HTML's character references (`&amp;`, `&#8217;`)
 * decoded, since rungs shows a name as plain text. Texts that stay markdown (criteria, descriptions) keep
 * them: markdown renders a reference as the character it names.
 */
export function plainName(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return ENTITIES[ref.toLowerCase()] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return isShown(code) ? String.fromCodePoint(code) : whole;
  });
}

/** A code point a reference may stand for in a name: not a control character, a surrogate or past Unicode. */
function isShown(code: number): boolean {
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return false;
  return !(code >= 0xd800 && code <= 0xdfff) && code <= 0x10ffff;
}

export interface DecodedTexts {
  count: number;
  /** The first text decoded: where (keys and list indexes), and its first line changed before and after. */
  first?: { path: (string | number)[]; was: string; now: string };
}

/** Inline HTML a page renders, as the markdown that renders the same (a line break, emphasis, code). */
const INLINE: [RegExp, string][] = [
  [/<br\s*\/?>/gi, "\n"],
  [/<(strong|b)>([^<>]*)<\/\1>/gi, "**$2**"],
  [/<(em|i)>([^<>]*)<\/\1>/gi, "*$2*"],
  [/<code>([^<>`]*)<\/code>/gi, "`$1`"],
];

/** A text of an HTML page as the markdown rungs renders: inline tags as markdown, references decoded. */
export function htmlText(text: string): string {
  let markdown = text;
  for (const [tag, written] of INLINE) markdown = markdown.replace(tag, written);
  return plainName(markdown);
}

/**
 * Reads, in place, every text in parsed data written for an HTML page (an FT job family, whose site puts
 * every text into its pages as HTML) as htmlText: member values and list entries, never keys. Walked with
 * a stack of its own, so data nested however deep costs no recursion.
 */
export function decodeTexts(root: unknown): DecodedTexts {
  const found: DecodedTexts = { count: 0 };
  type Entry = { holder: Record<string | number, unknown>; key: string | number; path: (string | number)[] };
  const stack: Entry[] = [];
  // entries pushed last to first, so they are read in the file's order (the first decoded is the file's first)
  const push = (holder: unknown, path: (string | number)[]) => {
    if (holder === null || typeof holder !== "object") return;
    const keys: (string | number)[] = Array.isArray(holder) ? [...holder.keys()] : Object.keys(holder);
    for (const key of keys.reverse()) stack.push({ holder: holder as never, key, path: [...path, key] });
  };
  push(root, []);
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { holder, key, path } = next;
    const value = holder[key];
    if (typeof value !== "string") {
      push(value, path);
      continue;
    }
    const now = htmlText(value);
    if (now === value) continue;
    holder[key] = now;
    found.count++;
    // the first line it changes, on one line: what a bend quotes
    const line = value.split("\n").find((l) => htmlText(l) !== l) ?? value;
    const oneLine = (text: string) => text.replaceAll("\n", "\\n");
    found.first ??= { path, was: oneLine(line), now: oneLine(htmlText(line)) };
  }
  return found;
}
