/**
 * Framework text is plain text with light Markdown. Rendered with raw HTML switched off, and markdown-it's
 * link validation (no javascript:, vbscript:, file: or data: URLs), so no framework text can inject markup.
 */
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

// External links open normally but never get a handle on this page.
const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** A block of text (paragraphs, lists). */
export function renderMarkdown(text: string): string {
  return md.render(text);
}

/** One line of text, no paragraph around it. */
export function renderInlineMarkdown(text: string): string {
  return md.renderInline(text);
}
