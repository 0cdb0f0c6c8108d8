/**
 * Framework text is plain text with light Markdown. Rendered with raw HTML switched off, and every link and
 * image checked against the one URL allowlist (core/safe-url.ts), so no framework text can inject markup or
 * a script URL. A refused link stays as the text it was written as.
 */
import MarkdownIt from "markdown-it";
import { isSafeUrl } from "../core/safe-url.js";
import { releasedWith } from "./version-caches.js";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
// markdown-it's own check refuses javascript:, vbscript:, file: and most data: URLs; ours is stricter (only
// http:, https:, mailto: and relative paths, no //host) and is the same one `rungs check` applies
md.validateLink = isSafeUrl;

// External links open normally but never get a handle on this page.
const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// A page has its own title (h1) and sections (h2), and framework text is shown under them: a heading in the
// text (Monzo's pages open with "# Title") is moved two levels down, so it never reads as a second title.
md.core.ruler.push("headings_below_the_page", (state) => {
  for (const token of state.tokens)
    if (token.type === "heading_open" || token.type === "heading_close")
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
});

/**
 * Rendered texts by text: a page renders the same texts on every render of every version (a framework
 * change leaves most of its texts alone), and markdown-it was a fifth of an uncached matrix render. Pure
 * in the text, so a hit is exact; bounded by emptying when full (a framework's texts fit many times over).
 */
const MEMO_LIMIT = 100_000;
const blocks = new Map<string, string>();
const inlines = new Map<string, string>();
releasedWith(() => {
  blocks.clear();
  inlines.clear();
});

function memo(cache: Map<string, string>, text: string, render: (t: string) => string): string {
  let html = cache.get(text);
  if (html === undefined) {
    if (cache.size >= MEMO_LIMIT) cache.clear();
    html = render(text);
    cache.set(text, html);
  }
  return html;
}

/** A block of text (paragraphs, lists). */
export function renderMarkdown(text: string): string {
  return memo(blocks, text, (t) => md.render(t));
}

/** One line of text, no paragraph around it. */
export function renderInlineMarkdown(text: string): string {
  return memo(inlines, text, (t) => md.renderInline(t));
}
