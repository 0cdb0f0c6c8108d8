/**
 * A framework as Markdown files for a wiki or a repository (`rungs export markdown --out DIR`): `index.md`,
 * one `levels/<id>.md` per level and one `roles/<id>.md` per role, linked to each other by relative paths,
 * so the folder reads the same on GitHub, in a wiki, or on disk. Built from the same views as the pages.
 */
import { posix } from "node:path";
import type { FrameworkIndex } from "../core/model.js";
import { type LevelData, levelData } from "../core/views/level.js";
import { type RoleData, roleData } from "../core/views/role.js";

export const markdownFiles = {
  index: () => "index.md",
  level: (id: string) => `levels/${id}.md`,
  role: (id: string) => `roles/${id}.md`,
};

/** Text inside `[…]`: brackets and backslashes escaped so a name cannot end the link early. */
function linkText(text: string): string {
  // each run of white space once: `\s*\n\s*` scanned the rest of a run from each of its spaces
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/\s+/g, (run) => (run.includes("\n") ? " " : run));
}

/** One line of a list item: later lines indented so Markdown keeps them in the item. */
function item(text: string, indent = ""): string {
  return `${indent}- ${text.trim().replace(/\n/g, `\n${indent}  `)}`;
}

/** A link from the file `from` to the file `to` (both relative to the export's root). */
export function relativeLink(from: string, to: string): string {
  return posix.relative(posix.dirname(from), to);
}

function section(title: string, lines: string[]): string[] {
  return lines.length ? [`## ${title}`, "", ...lines, ""] : [];
}

export function levelMarkdown(
  data: LevelData,
  roles: { id: string; name: string; levels: string[] }[],
): string {
  const file = markdownFiles.level(data.id);
  const link = (id: string, name: string) =>
    `[${linkText(name)}](${relativeLink(file, markdownFiles.level(id))})`;
  const out = [`# ${data.heading}`, ""];
  out.push(
    `${data.framework.name} · ${data.track.name}${data.codes.map((c) => ` · ${c.schemeName} ${c.code}`).join("")}`,
    "",
  );
  if (data.summary) out.push(data.summary, "");
  if (data.leverage) out.push(`**Unit of leverage:** ${data.leverage}`, "");
  if (data.follows.length)
    out.push(`**Follows:** ${data.follows.map((l) => link(l.id, l.name)).join(", ")}`, "");
  if (data.next.length) out.push(`**Next:** ${data.next.map((l) => link(l.id, l.name)).join(", ")}`, "");
  out.push(
    ...section(
      "Dimensions",
      data.dimensions.map((d) => item(`**${d.name}:** ${d.value}`)),
    ),
  );
  out.push(
    ...section(
      "Responsibilities",
      data.responsibilities.map((r) => item(r)),
    ),
  );
  for (const area of data.areas) {
    if (!area.expectations.length) continue;
    out.push(`## ${area.name}`, "");
    if (area.takeaway) out.push(`_${area.takeaway.trim()}_`, "");
    for (const e of area.expectations) {
      out.push(`### ${e.competency.name}`, "");
      if (e.notApplicable) out.push(`Not expected at this level.${e.note ? ` ${e.note}` : ""}`, "");
      const text = e.statement ?? e.text;
      if (text) out.push(text.trim(), "");
      for (const c of e.criteria ?? []) out.push(item(c.text));
      if (e.criteria?.length) out.push("");
      if (e.examples.length) out.push("Examples:", "", ...e.examples.map((x) => item(x)), "");
    }
  }
  if (data.reachNext?.text) out.push("## Reaching the next level", "", data.reachNext.text.trim(), "");
  const here = roles.filter((r) => r.levels.includes(data.id));
  out.push(
    ...section(
      "Roles at this level",
      here.map((r) => item(`[${linkText(r.name)}](${relativeLink(file, markdownFiles.role(r.id))})`)),
    ),
  );
  out.push(`[All levels](${relativeLink(file, markdownFiles.index())})`, "");
  return out.join("\n");
}

export function roleMarkdown(data: RoleData): string {
  const file = markdownFiles.role(data.id);
  const out = [`# ${data.name}`, "", `${data.framework.name} · ${data.family.name}`, ""];
  if (data.summary) out.push(data.summary, "");
  if (data.aliases.length) out.push(`**Also called:** ${data.aliases.join(", ")}`, "");
  for (const level of data.levels) {
    const name = level.known
      ? `[${linkText(level.title ?? level.name)}](${relativeLink(file, markdownFiles.level(level.id))})`
      : level.name;
    out.push(`## ${name}`, "");
    for (const r of level.responsibilities) out.push(item(r));
    if (level.responsibilities.length) out.push("");
    for (const e of level.expectations ?? []) {
      const text = e.statement ?? e.text;
      if (text) out.push(item(`**${e.competency.name}:** ${text}`));
    }
    if (level.expectations?.length) out.push("");
  }
  out.push(
    ...section(
      "Skills",
      data.skills.map((s) => item(s.description ? `**${s.name}:** ${s.description}` : s.name)),
    ),
  );
  out.push(
    ...section(
      "Occupation codes",
      data.classifications.map((c) => item(`${c.schemeName} ${c.code}${c.title ? ` (${c.title})` : ""}`)),
    ),
  );
  out.push(`[All levels and roles](${relativeLink(file, markdownFiles.index())})`, "");
  return out.join("\n");
}

export function indexMarkdown(index: FrameworkIndex): string {
  const fw = index.framework;
  const file = markdownFiles.index();
  const out = [`# ${fw.name}`, ""];
  if (fw.description) out.push(fw.description.trim(), "");
  for (const track of index.tracks.values()) {
    const levels = index.levelOrder.map((id) => index.levels.get(id)).filter((l) => l?.track === track.id);
    if (!levels.length) continue;
    out.push(`## ${track.name}`, "");
    for (const level of levels) {
      if (!level) continue;
      out.push(
        item(
          `[${linkText(level.title ?? level.name)}](${relativeLink(file, markdownFiles.level(level.id))})${level.summary ? `: ${level.summary}` : ""}`,
        ),
      );
    }
    out.push("");
  }
  const roles = [...index.roles.values()];
  out.push(
    ...section(
      "Roles",
      roles.map((r) => item(`[${linkText(r.name)}](${relativeLink(file, markdownFiles.role(r.id))})`)),
    ),
  );
  return out.join("\n");
}

/** Every file of the export: path (relative, `/`-separated) → Markdown text, index first. */
export function frameworkMarkdown(index: FrameworkIndex): Map<string, string> {
  const files = new Map<string, string>([[markdownFiles.index(), indexMarkdown(index)]]);
  const roles = [...index.roles.values()].map((r) => ({ id: r.id, name: r.name, levels: r.levels }));
  for (const id of index.levelOrder) {
    const data = levelData(index, id);
    if (data) files.set(markdownFiles.level(id), levelMarkdown(data, roles));
  }
  for (const id of index.roles.keys()) {
    const data = roleData(index, id);
    if (data) files.set(markdownFiles.role(id), roleMarkdown(data));
  }
  return files;
}
