/**
 * The `unsafe-url` lint rule: a source's `url`, and every link or image written in a text's Markdown, must
 * pass the URL allowlist (safe-url.ts). Pages refuse such links anyway (they render as plain text); the rule
 * tells the author where, instead of leaving a link that silently does nothing.
 */
import MarkdownIt from "markdown-it";
import { urlProblem } from "./safe-url.js";

// Parses the way pages render (markdown.ts: no raw HTML), but lets every link through so each can be judged
// here. Bare addresses in prose (linkify) are not links the author wrote: a refused one just stays text.
const parser = new MarkdownIt({ html: false, linkify: false, typographer: false });
parser.validateLink = () => true;

export interface UrlFinding {
  message: string;
  hint: string;
}

const HINT = "link to an http: or https: page, a mailto: address or a path on the same site";

/**
 * What is unsafe about the URLs in one text field (`key` is its name, or its index in a list), or undefined.
 * A `url` field is one URL; any other text is Markdown whose links and images are checked.
 */
export function unsafeUrlIn(key: string | number, text: string): UrlFinding | undefined {
  if (key === "url") {
    const problem = urlProblem(text);
    return problem ? { message: `this url ${problem}`, hint: HINT } : undefined;
  }
  // most texts hold no link syntax at all: skip the parse for them
  if (!text.includes("](") && !text.includes("]:") && !text.includes("<")) return undefined;
  for (const href of markdownDestinations(text)) {
    const problem = urlProblem(href);
    if (problem) {
      const where = typeof key === "string" ? `"${key}"` : "this item";
      return { message: `a link in ${where} ${problem}`, hint: HINT };
    }
  }
  return undefined;
}

/** Every link and image address a Markdown text renders, as the renderer sees it (decoded, normalized). */
function markdownDestinations(text: string): string[] {
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
