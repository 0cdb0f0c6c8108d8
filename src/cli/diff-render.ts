/** A structural framework diff (src/core/framework-diff.ts) as terminal text or Markdown. */
import type { DiffPart } from "../core/diff.js";
import type { FrameworkChange, FrameworkDiff } from "../core/framework-diff.js";
import type { Fate } from "../core/migration.js";
import { escapeControl } from "../core/text.js";
import type { Style } from "./format-diagnostics.js";

/** What a change is, in words: `renamed  competency  old-id → new-id`. */
function subject(change: FrameworkChange): string {
  if (change.change === "renamed")
    return `${change.from} → ${change.id}${change.confirmed ? " (declared)" : " (by similarity)"}`;
  if (change.fate) return `${change.id} (${fateText(change.fate)})`;
  if (change.change === "moved" && change.parent)
    return `${change.id} (${change.parent.from} → ${change.parent.to})`;
  if (change.fields) return `${change.id} (${change.fields.join(", ")})`;
  return change.id;
}

/** What the migration map says became of a removed id. */
export function fateText(fate: Fate): string {
  switch (fate.fate) {
    case "renamed":
      return `renamed to ${fate.to}`;
    case "replaced":
      return `replaced by ${fate.to}`;
    case "merged":
      return `merged into ${fate.to}`;
    case "split":
      return `split into ${fate.to.join(", ")}`;
    case "retired":
      return `retired: ${fate.note}`;
  }
}

function summary(diff: FrameworkDiff): string {
  const counts = new Map<string, number>();
  for (const c of diff.changes) counts.set(c.change, (counts.get(c.change) ?? 0) + 1);
  if (counts.size === 0) return "no changes";
  return [...counts].map(([change, n]) => `${n} ${change}`).join(", ");
}

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
function markdownText(text: string): string {
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
