/**
 * The `unsafe-url` lint rule: a source's `url`, and every link or image written in a text's Markdown, must
 * pass the URL allowlist (safe-url.ts). Pages refuse such links anyway (they render as plain text); the rule
 * tells the author where, instead of leaving a link that silently does nothing.
 */
import { urlProblem } from "./safe-url.js";

export interface UrlFinding {
  message: string;
  hint: string;
}

/** Reads the link and image addresses of a Markdown text (lint-markdown-links.ts). */
export type LinkReader = (text: string) => string[];

/** The Markdown parser, loaded the first time a text needs it. */
export async function loadLinkReader(): Promise<LinkReader> {
  return (await import("./lint-markdown-links.js")).markdownDestinations;
}

const HINT = "link to an http: or https: page, a mailto: address or a path on the same site";

/** Whether the text in field `key` must be read as Markdown for links: most texts hold no link syntax at all. */
export function needsLinkReader(key: string | number, text: string): boolean {
  return key !== "url" && (text.includes("](") || text.includes("]:") || text.includes("<"));
}

/**
 * What is unsafe about the URLs in one text field (`key` is its name, or its index in a list), or undefined.
 * A `url` field is one URL; any other text is Markdown whose links and images are checked (with `links`,
 * needed only where `needsLinkReader` says so).
 */
export function unsafeUrlIn(key: string | number, text: string, links?: LinkReader): UrlFinding | undefined {
  if (key === "url") {
    const problem = urlProblem(text);
    return problem ? { message: `this url ${problem}`, hint: HINT } : undefined;
  }
  if (!needsLinkReader(key, text)) return undefined;
  if (!links) throw new Error("unsafeUrlIn: this text needs the link reader (loadLinkReader)");
  for (const href of links(text)) {
    const problem = urlProblem(href);
    if (problem) {
      const where = typeof key === "string" ? `"${key}"` : "this item";
      return { message: `a link in ${where} ${problem}`, hint: HINT };
    }
  }
  return undefined;
}
