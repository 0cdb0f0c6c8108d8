/**
 * HTML written as strings, for the blocks a page repeats hundreds or thousands of times (matrix rows and
 * cells, a level's expectations, criteria lists): a JSX element costs objects for its props and children and
 * a second walk to print them, where these blocks are a few string joins. One escape for text and attribute
 * values alike (`esc`: & < > " ' as entities, as JSX escapes them), so a text from a framework file is data
 * here as it is in JSX; framework Markdown goes through markdown.ts, as the `Md` component's does.
 */
import { raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { escapeHtml } from "../../core/search-text.js";
import { renderInlineMarkdown, renderMarkdown } from "../markdown.js";

/** Text or an attribute value as HTML. */
export const esc = escapeHtml;

/**
 * A name among other words, escaped and in <bdi>: isolated from the sentence around it, so a name in
 * right-to-left script or holding a direction override keeps to its own place (JSX writes `<bdi>` itself).
 */
export function bdi(name: string): string {
  return `<bdi>${escapeHtml(name)}</bdi>`;
}

/** ` name="value"`, the value escaped; nothing for an undefined value (JSX leaves such an attribute out). */
export function attr(name: string, value: string | undefined): string {
  return value === undefined ? "" : ` ${name}="${escapeHtml(value)}"`;
}

/** Framework text as a block (paragraphs, lists) in its `md` wrapper; nothing for no text. */
export function mdBlock(text: string | undefined): string {
  return text ? `<div class="md">${renderMarkdown(text)}</div>` : "";
}

/** Framework text as one line of inline Markdown; nothing for no text. */
export function mdInline(text: string | undefined): string {
  return text ? renderInlineMarkdown(text) : "";
}

/** A list of framework texts, each as inline Markdown. */
export function mdList(items: readonly string[], className?: string): string {
  let out = `<ul${attr("class", className)}>`;
  for (const item of items) out += `<li>${mdInline(item)}</li>`;
  return `${out}</ul>`;
}

/** HTML made here as a JSX child (it is escaped already). */
export const markup = (html: string): HtmlEscapedString => raw(html);
