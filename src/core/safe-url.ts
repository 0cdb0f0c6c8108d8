/**
 * Which URLs from framework files and people's input may become a link (an `href` or a Markdown link). One
 * allowlist, used by the lint rule `unsafe-url` and by every place that renders a link from data, so what
 * `rungs check` accepts and what a page links to never disagree.
 *
 * Allowed: `http:`, `https:`, `mailto:` and relative paths. Anything else (`javascript:`, `data:`,
 * `vbscript:`, `file:`, an unknown scheme) and protocol-relative `//host` paths (a link that leaves the
 * site while looking local) are refused. The check reads the URL as a browser would (WHATWG URL: spaces and
 * control characters around it dropped, tabs and newlines inside it removed, schemes in any case), and once
 * more with character references and ASCII percent-escapes decoded, so `java&#x09;script:` or
 * `&#106;avascript:` are refused too even where no layer would decode them: such a URL is never meant.
 */

/** The schemes a link may use (besides a relative path). */
export const SAFE_URL_SCHEMES: readonly string[] = ["http", "https", "mailto"];

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// C0 controls and DEL: never part of a written URL; browsers drop some and keep others
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Why `url` may not be a link target, as a phrase for a diagnostic; undefined when it may. Linear in the
 * length of `url`.
 */
export function urlProblem(url: string): string | undefined {
  const trimmed = trimUrl(url);
  if (CONTROL.test(trimmed)) return "contains a control character";
  const problem = destinationProblem(trimmed);
  if (problem) return problem;
  // the decoded form only for where the link goes: a %0A in a mailto: body is fine, a hidden scheme is not
  const decoded = decodeForCheck(trimmed);
  const hidden = decoded === trimmed ? undefined : destinationProblem(trimUrl(decoded));
  return hidden ? `${hidden} once its escapes are decoded` : undefined;
}

/** True when `url` may be a link target (see urlProblem). */
export function isSafeUrl(url: string): boolean {
  return urlProblem(url) === undefined;
}

/** What is wrong with where a trimmed URL leads: its scheme, or a // that leaves the site. */
function destinationProblem(trimmed: string): string | undefined {
  // the URL parser removes tabs and newlines anywhere: java\tscript: is javascript:
  const url = trimmed.replace(/[\t\n\r]/g, "");
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    return SAFE_URL_SCHEMES.includes(scheme)
      ? undefined
      : `uses the scheme "${scheme.length > 24 ? `${scheme.slice(0, 24)}…` : scheme}:" (only ${SAFE_URL_SCHEMES.map((s) => `${s}:`).join(", ")} or a relative path)`;
  }
  // browsers read a backslash as a slash in web URLs: \\host and /\host leave the site as //host does
  if (/^[\\/]{2}/.test(url)) return "starts with // (a link to another site must say https://)";
  return undefined;
}

/** What the URL parser trims from both ends: C0 controls and spaces (a loop: a regex would be quadratic). */
function trimUrl(url: string): string {
  let start = 0;
  let end = url.length;
  while (start < end && url.charCodeAt(start) <= 0x20) start++;
  while (end > start && url.charCodeAt(end - 1) <= 0x20) end--;
  return url.slice(start, end);
}

// named references that spell the characters a scheme is made of or hidden behind (HTML has no named
// references for ASCII letters and digits; numeric ones cover everything)
const NAMED: ReadonlyMap<string, string> = new Map([
  ["colon", ":"],
  ["tab", "\t"],
  ["newline", "\n"],
  ["sol", "/"],
  ["bsol", "\\"],
  ["period", "."],
  ["plus", "+"],
  ["hyphen", "-"],
  ["dash", "-"],
  ["nbsp", "\u00a0"],
]);

/** `url` with character references (`&#106;`, `&#x6a;`, `&colon;`) and ASCII %-escapes decoded, once. */
function decodeForCheck(url: string): string {
  return url
    .replace(/&#(?:x0*([0-9a-f]{1,6})|0*([0-9]{1,7}));?/gi, (whole, hex?: string, dec?: string) => {
      const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/&([a-z]+);/gi, (whole, name: string) => NAMED.get(name.toLowerCase()) ?? whole)
    .replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
