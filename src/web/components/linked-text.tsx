/**
 * Plain text people wrote (assessment evidence, criterion evidence, comments) with its http(s) URLs as links.
 * Only `http://` and `https://` addresses become links, and only those the URL allowlist passes
 * (core/safe-url.ts); everything else, `javascript:` and `data:` included, stays text. Text and addresses are
 * escaped by JSX like any other text. The links say they are user content and lead off the site
 * (USER_LINK_REL). Linear in the length of the text.
 */
import type { FC } from "hono/jsx";
import { isSafeUrl } from "../../core/safe-url.js";

/** The `rel` of every link a person (not the framework) wrote: no referrer, no opener, not endorsed. */
export const USER_LINK_REL = "noopener noreferrer nofollow ugc";

/**
 * An http(s) address in running text: it ends at white space, a quote or an angle bracket (never part of an
 * address people paste: browsers escape them), and a sentence's punctuation after it is trimmed (urlEnd).
 */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/** Where the address `url` found in text really ends: without trailing punctuation or an unopened ")". */
function urlEnd(url: string): number {
  let opens = 0;
  let closes = 0;
  for (const char of url) {
    if (char === "(") opens++;
    else if (char === ")") closes++;
  }
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last !== undefined && ".,;:!?*".includes(last)) end--;
    else if (last === ")" && opens < closes) {
      end--;
      closes--;
    } else return end;
  }
}

/** The text cut into plain parts and addresses to link, in order. */
export function linkedParts(text: string): { text: string; href?: string }[] {
  const parts: { text: string; href?: string }[] = [];
  let at = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].slice(0, urlEnd(match[0]));
    // "http://" with nothing a browser reads as a host, or refused by the allowlist: text
    if (!URL.canParse(url) || !isSafeUrl(url)) continue;
    if (match.index > at) parts.push({ text: text.slice(at, match.index) });
    parts.push({ text: url, href: url });
    at = match.index + url.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/** `text` as a paragraph of class `evidence` (line breaks kept, long addresses wrapped), its URLs linked. */
export const LinkedText: FC<{ text: string }> = ({ text }) => (
  <p class="evidence">
    {linkedParts(text).map((part) =>
      part.href === undefined ? (
        part.text
      ) : (
        <a href={part.href} rel={USER_LINK_REL}>
          {part.text}
        </a>
      ),
    )}
  </p>
);
