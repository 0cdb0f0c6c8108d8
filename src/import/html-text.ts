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
  /** The first text decoded: where (keys and list indexes) and how it read before and after. */
  first?: { path: (string | number)[]; was: string; now: string };
}

/**
 * Decodes, in place, the character references of every text in parsed data (an FT job family, whose site
 * puts every text into its pages as HTML): member values and list entries, never keys. Walked with a stack
 * of its own, so data nested however deep costs no recursion.
 */
export function decodeTexts(root: unknown): DecodedTexts {
  const found: DecodedTexts = { count: 0 };
  const stack: { holder: Record<string | number, unknown>; path: (string | number)[] }[] = [];
  if (root !== null && typeof root === "object") stack.push({ holder: root as never, path: [] });
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { holder, path } = next;
    const keys: (string | number)[] = Array.isArray(holder) ? [...holder.keys()] : Object.keys(holder);
    for (const key of keys) {
      const value = holder[key];
      if (value !== null && typeof value === "object")
        stack.push({ holder: value as never, path: [...path, key] });
      if (typeof value !== "string") continue;
      const now = plainName(value);
      if (now === value) continue;
      holder[key] = now;
      found.count++;
      found.first ??= { path: [...path, key], was: value, now };
    }
  }
  return found;
}
