/**
 * The link and image addresses a Markdown text renders, for the `unsafe-url` rule (lint-unsafe-url.ts). A
 * module of its own so that markdown-it is loaded only when a framework has a text with link syntax: most
 * have none, and loading the parser was a tenth of `rungs check`'s start-up.
 */
import MarkdownIt from "markdown-it";

// Parses the way pages render (markdown.ts: no raw HTML), but lets every link through so each can be judged
// here. Bare addresses in prose (linkify) are not links the author wrote: a refused one just stays text.
const parser = new MarkdownIt({ html: false, linkify: false, typographer: false });
parser.validateLink = () => true;

/** Every link and image address a Markdown text renders, as the renderer sees it (decoded, normalized). */
export function markdownDestinations(text: string): string[] {
  const out: string[] = [];
  const visit = (tokens: ReturnType<typeof parser.parse>) => {
    for (const token of tokens) {
      const href = token.attrGet("href") ?? token.attrGet("src");
      if (href !== null) out.push(String(href));
      if (token.children) visit(token.children);
    }
  };
  visit(parser.parse(text, {}));
  return out;
}
