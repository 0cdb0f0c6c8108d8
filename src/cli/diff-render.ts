/** A structural framework diff (src/core/framework-diff.ts) as terminal text or Markdown. */
import type { DiffPart } from "../core/diff.js";
import {
  type FrameworkDiff,
  changeSubject as subject,
  diffSummary as summary,
} from "../core/framework-diff.js";
import { escapeControl } from "../core/text.js";
import type { Style } from "./format-diagnostics.js";

/** For a terminal: one line per change, a word diff under each rewording (`[-old-]{+new+}` without colour). */
export function diffText(diff: FrameworkDiff, style: Style, coloured: boolean): string {
  const words = (parts: DiffPart[]) =>
    parts
      .map((p) => {
        const text = escapeControl(p.text);
        if (p.op === "same") return text;
        if (coloured) return p.op === "remove" ? style.red(text) : style.cyan(text);
        return p.op === "remove" ? `[-${text}-]` : `{+${text}+}`;
      })
      .join("");
  const lines = diff.changes.map((c) => {
    const head = `${c.change.padEnd(8)}  ${c.kind.padEnd(11)}  ${escapeControl(subject(c))}`;
    const body = c.words ? `\n    ${words(c.words).split("\n").join("\n    ")}` : "";
    return `${head}${body}`;
  });
  return `${[...lines, style.bold(summary(diff))].join("\n")}\n`;
}

/** Text set in Markdown as itself: every character Markdown or HTML would read is escaped. */
export function markdownText(text: string): string {
  return escapeControl(text)
    .replace(/[\\`*_{}[\]()#+\-.!|~<>&]/g, (c) => `\\${c}`)
    .replace(/\n/g, "<br>");
}

/** For a review comment: a table of changes, rewordings with ~~removed~~ and **added** words. */
export function diffMarkdown(diff: FrameworkDiff, title: string): string {
  const out = [`### ${markdownText(title)}`, "", summary(diff)];
  if (diff.changes.length === 0) return `${out.join("\n")}\n`;
  out.push("", "| change | kind | id | text |", "| --- | --- | --- | --- |");
  for (const c of diff.changes) {
    const words = (c.words ?? [])
      .map((p) => {
        const text = markdownText(p.text);
        if (p.op === "same" || !text.trim()) return text;
        return p.op === "remove" ? `~~${text}~~` : `**${text}**`;
      })
      .join("");
    out.push(`| ${c.change} | ${c.kind} | ${markdownText(subject(c))} | ${words} |`);
  }
  return `${out.join("\n")}\n`;
}
