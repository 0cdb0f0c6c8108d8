/** A structural framework diff (src/core/framework-diff.ts) as terminal text or Markdown. */

import type { Affected } from "../core/affected.js";
import type { DiffPart } from "../core/diff.js";
import { shownChanges, shownSubject as subject } from "../core/diff-fold.js";
import { diffSummary, type FrameworkDiff } from "../core/framework-diff.js";
import { escapeControl } from "../core/text.js";
import type { Style } from "./format-diagnostics.js";

/**
 * For a terminal: one line per change, a word diff under each rewording (`[-old-]{+new+}` without colour);
 * the cells of a removed competency or level counted on its line (core/diff-fold.ts).
 */
export function diffText(diff: FrameworkDiff, style: Style, coloured: boolean): string {
  const changes = shownChanges(diff);
  const words = (parts: DiffPart[]) =>
    parts
      .map((p) => {
        const text = escapeControl(p.text);
        if (p.op === "same") return text;
        if (coloured) return p.op === "remove" ? style.red(text) : style.cyan(text);
        return p.op === "remove" ? `[-${text}-]` : `{+${text}+}`;
      })
      .join("");
  const lines = changes.map((c) => {
    const head = `${c.change.padEnd(8)}  ${c.kind.padEnd(11)}  ${escapeControl(subject(c))}`;
    const body = c.words ? `\n    ${words(c.words).split("\n").join("\n    ")}` : "";
    return `${head}${body}`;
  });
  return `${[...lines, style.bold(diffSummary({ changes }))].join("\n")}\n`;
}

/** Text set in Markdown as itself: every character Markdown or HTML would read is escaped. */
export function markdownText(text: string): string {
  return escapeControl(text)
    .replace(/[\\`*_{}[\]()#+\-.!|~<>&]/g, (c) => `\\${c}`)
    .replace(/\n/g, "<br>");
}

/** For a review comment: a table of changes as the terminal shows them, rewordings with ~~removed~~ and **added** words. */
export function diffMarkdown(diff: FrameworkDiff, title: string): string {
  const changes = shownChanges(diff);
  const out = [`### ${markdownText(title)}`, "", diffSummary({ changes })];
  if (changes.length === 0) return `${out.join("\n")}\n`;
  out.push("", "| change | kind | id | text |", "| --- | --- | --- | --- |");
  for (const c of changes) {
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

const affectedRows = (affected: Affected) => [
  ...affected.levels.map((r) => ({ what: `level ${r.id}`, ...r })),
  ...affected.competencies.map((r) => ({ what: `competency ${r.id}`, ...r })),
];

/** Who the change touches, as counts: one line per level and changed competency. */
export function affectedText(affected: Affected): string {
  const rows = affectedRows(affected);
  if (rows.length === 0) return "affects no level or competency\n";
  const lines = rows.map(
    (r) => `affects   ${escapeControl(r.what)}: ${r.people} people, ${r.openAssessments} open assessments`,
  );
  return `${lines.join("\n")}\n`;
}

/** The same as a Markdown table for a review comment: counts only, never a person's name. */
export function affectedMarkdown(affected: Affected): string {
  const rows = affectedRows(affected);
  const out = ["#### Who is affected", ""];
  if (rows.length === 0)
    return `${[...out, "No level or competency with people or open assessments changed."].join("\n")}\n`;
  out.push("| changed | people | open assessments |", "| --- | --- | --- |");
  for (const r of rows) out.push(`| ${markdownText(r.what)} | ${r.people} | ${r.openAssessments} |`);
  return `${out.join("\n")}\n`;
}
