/**
 * Plain-text views of a framework: the ladder, and one level with everything it carries. Used by
 * `rungs show` and the "copy / print as text" views. Deterministic: the same framework gives the same text.
 */
import {
  areaSpan,
  competencySpan,
  displayName,
  entryOf,
  expectationDetail,
  type FrameworkIndex,
  levelLabel,
} from "./model.js";
import type { Area, GuidanceSection, Level } from "./schema.js";

const WIDTH = 100;

/** Wraps text at word boundaries, prefixing each line with `indent` (and `first` on the first line). */
export function wrap(text: string, indent = "", first = indent, width = WIDTH): string {
  const out: string[] = [];
  for (const paragraph of text.trim().split(/\n\s*\n/)) {
    if (out.length > 0) out.push("");
    let line = out.length === 0 ? first : indent;
    let empty = true;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (!empty && line.length + 1 + word.length > width) {
        out.push(line);
        line = indent + word;
      } else {
        line += empty ? word : ` ${word}`;
      }
      empty = false;
    }
    out.push(line);
  }
  return out.join("\n");
}

export interface FrameworkStats {
  levels: number;
  tracks: number;
  areas: number;
  competencies: number;
  expectations: number;
  roles: number;
}

export function frameworkStats(index: FrameworkIndex): FrameworkStats {
  const areas = index.framework.areas ?? [];
  const competencies = areas.flatMap((a) => a.competencies);
  return {
    levels: index.levels.size,
    tracks: index.tracks.size,
    areas: areas.length,
    competencies: competencies.length,
    expectations: competencies.reduce(
      (n, c) => n + Object.values(c.expectations).filter((e) => !expectationDetail(e)?.notApplicable).length,
      0,
    ),
    roles: index.roles.size,
  };
}

/** "12 levels, 4 tracks, 6 areas, 19 competencies, 186 expectations, 4 roles" (singular where it is one). */
export function statsLine(s: FrameworkStats): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  return [
    n(s.levels, "level"),
    n(s.tracks, "track"),
    n(s.areas, "area"),
    n(s.competencies, "competency", "competencies"),
    n(s.expectations, "expectation"),
    n(s.roles, "role"),
  ].join(", ");
}

function codes(level: Level): string {
  return Object.values(level.codes ?? {}).join(" · ");
}

/** The ladder: each track as a line of levels, where it forks from and joins into, then a table of levels. */
export function ladderText(index: FrameworkIndex): string {
  const fw = index.framework;
  const heading = fw.name + (fw.version ? ` (version ${fw.version})` : "");
  // underlined as long as the heading, as level and role headings are (a fixed +20 overran a short one)
  const lines = [heading, "=".repeat(Math.min(WIDTH, heading.length))];
  if (fw.description) lines.push(wrap(fw.description), "");
  for (const g of fw.guidance ?? []) lines.push(...guidanceText(g, 0), "");
  lines.push("Ladder", "");
  for (const track of fw.tracks) {
    const levels = index.levelOrder
      .map((id) => index.levels.get(id) as Level)
      .filter((l) => l.track === track.id);
    if (levels.length === 0) continue;
    const entry = levels[0] as Level;
    const last = levels[levels.length - 1] as Level;
    const from = (index.predecessors.get(entry.id) ?? []).filter(
      (p) => index.levels.get(p)?.track !== track.id,
    );
    const into = (index.successors.get(last.id) ?? []).filter((s) => index.levels.get(s)?.track !== track.id);
    const name = (id: string) => index.levels.get(id)?.name ?? id;
    let line = `  ${track.name}: ${levels.map((l) => l.name).join(" → ")}`;
    if (from.length) line += `   (from ${from.map(name).join(", ")})`;
    if (into.length) line += `   (into ${into.map(name).join(", ")})`;
    lines.push(line);
  }
  lines.push("", "Levels", "");
  const rows = index.levelOrder.map((id) => {
    const level = index.levels.get(id) as Level;
    return [
      level.id,
      level.name,
      index.tracks.get(level.track)?.name ?? level.track,
      codes(level),
      level.leverage ?? "",
    ];
  });
  const header = ["id", "name", "track", "codes", "unit of leverage"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const row = (cells: string[]) =>
    `  ${cells.map((c, i) => c.padEnd(widths[i] as number)).join("  ")}`.trimEnd();
  lines.push(row(header), row(widths.map((w) => "-".repeat(w))), ...rows.map(row));
  const stats = frameworkStats(index);
  lines.push("", statsLine(stats));
  return `${lines.join("\n")}\n`;
}

function guidanceText(section: GuidanceSection, depth: number): string[] {
  const pad = "  ".repeat(depth);
  const out = depth === 0 ? [section.title, "-".repeat(section.title.length)] : [`${pad}${section.title}`];
  if (section.text) out.push(wrap(section.text, `${pad}  `));
  for (const item of section.items ?? []) out.push(wrap(item, `${pad}    `, `${pad}  - `));
  for (const sub of section.sections ?? []) out.push(...guidanceText(sub, depth + 1));
  return out;
}

/** One level: header, summary, dimensions, responsibilities, expectations by area, guidance, narrative, next. */
export function levelText(index: FrameworkIndex, levelId: string): string {
  const level = index.levels.get(levelId);
  if (!level) throw new RangeError(`unknown level ${levelId}`);
  const fw = index.framework;
  const lines = levelHeaderText(index, level);
  const section = (title: string) => lines.push("", title, "-".repeat(title.length));
  const dims = (fw.dimensions ?? []).filter((d) => entryOf(level.dimensions, d.id));
  if (dims.length) {
    section("Dimensions");
    for (const d of dims) lines.push(wrap(entryOf(level.dimensions, d.id) ?? "", "    ", `  ${d.name}: `));
  }
  if (level.responsibilities?.length) {
    section("Responsibilities");
    for (const r of level.responsibilities) lines.push(wrap(r, "    ", "  - "));
  }
  const areaBlocks = (fw.areas ?? []).flatMap((area) => areaText(index, area, level));
  if (areaBlocks.length) {
    section("Expectations");
    lines.push(areaBlocks.join("\n\n"));
  }
  for (const g of level.guidance ?? []) {
    lines.push("");
    lines.push(...guidanceText(g, 0));
  }
  if (level.narrative) {
    section("Narrative");
    lines.push(wrap(level.narrative));
  }
  if (level.reachNext) {
    section("Reaching the next level");
    if (typeof level.reachNext === "string") lines.push(wrap(level.reachNext));
    else
      for (const [id, text] of Object.entries(level.reachNext)) {
        lines.push(`  To ${index.levels.get(id)?.name ?? id}:`, wrap(text, "    "));
      }
  }
  return `${lines.join("\n")}\n`;
}

/** The level's heading, track, codes, leverage, neighbours and summary. */
function levelHeaderText(index: FrameworkIndex, level: Level): string[] {
  const fw = index.framework;
  const label = levelLabel(level);
  const title = level.title ?? level.name;
  const heading = label === title ? title : `${label} ${title}`;
  const lines = [heading, "=".repeat(heading.length)];
  const track = index.tracks.get(level.track)?.name ?? level.track;
  lines.push(`Track: ${track}`);
  const codeList = Object.entries(level.codes ?? {}).map(([scheme, code]) => {
    const name = fw.codeSchemes?.find((s) => s.id === scheme)?.name ?? scheme;
    return `${name} ${code}`;
  });
  if (codeList.length) lines.push(`Codes: ${codeList.join(", ")}`);
  if (level.leverage) lines.push(`Unit of leverage: ${level.leverage}`);
  const prev = index.predecessors.get(level.id) ?? [];
  const next = index.successors.get(level.id) ?? [];
  const names = (ids: string[]) => ids.map((id) => index.levels.get(id)?.name ?? id).join(", ");
  if (prev.length) lines.push(`Follows: ${names(prev)}`);
  if (next.length) lines.push(`Next: ${names(next)}`);
  if (level.summary) lines.push("", wrap(level.summary));
  return lines;
}

/** An area's block at a level (its takeaway and each competency it expects there), or its note; none if empty. */
function areaText(index: FrameworkIndex, area: Area, level: Level): string[] {
  const block: string[] = [];
  const takeaway = entryOf(area.takeaways, level.id);
  if (takeaway) block.push(wrap(takeaway, "    ", "  At a glance: "));
  for (const competency of area.competencies) {
    if (!competencySpan(index, competency, area).includes(level.id)) continue;
    block.push(
      ...expectationText(index, displayName(competency), entryOf(competency.expectations, level.id)),
    );
  }
  if (block.length) return [`${area.name}\n${block.join("\n")}`];
  if (area.note && !areaSpan(index, area).includes(level.id))
    return [`${area.name}\n${wrap(area.note, "  ")}`];
  return [];
}

/** One competency's expectation at a level: statement, rating-band texts, elaboration, examples. */
function expectationText(
  index: FrameworkIndex,
  name: string,
  entry: Parameters<typeof expectationDetail>[0],
): string[] {
  const detail = expectationDetail(entry);
  if (!detail) return [];
  if (detail.notApplicable)
    return [wrap(`not applicable${detail.note ? `: ${detail.note}` : ""}`, "      ", `  ${name}: `)];
  const block = [`  ${name}`];
  if (detail.statement) block.push(wrap(detail.statement, "    "));
  for (const band of index.framework.ratingScale ?? []) {
    const text = entryOf(detail.ratings, band.id);
    if (text) block.push(wrap(text, "      ", `    ${band.name}: `));
  }
  if (detail.elaboration) block.push(wrap(detail.elaboration, "      ", "    What sets this level apart: "));
  for (const example of detail.examples ?? []) block.push(wrap(example, "      ", "    e.g. "));
  return block;
}

/** One role profile: family, code, summary, responsibilities per level, skills, aliases, codes, sources. */
export function roleText(
  index: FrameworkIndex,
  roleId: string,
  titles?: (scheme: string, code: string) => string | undefined,
): string {
  const role = index.roles.get(roleId);
  if (!role) throw new RangeError(`unknown role ${roleId}`);
  const fw = index.framework;
  const family = fw.families?.find((f) => f.id === role.family)?.name ?? role.family;
  const heading = role.name;
  const lines = [heading, "=".repeat(heading.length), `Family: ${family}`];
  if (role.code) lines.push(`Code: ${role.code}`);
  const levelName = (id: string) => {
    const level = index.levels.get(id);
    return level ? `${levelLabel(level)} ${level.title ?? level.name}` : id;
  };
  lines.push(`Levels: ${role.levels.map((id) => index.levels.get(id)?.name ?? id).join(" → ")}`);
  if (role.summary) lines.push("", wrap(role.summary));
  const section = (title: string) => lines.push("", title, "-".repeat(title.length));
  if (role.responsibilities) {
    section("Responsibilities by level");
    for (const id of role.levels) {
      const items = entryOf(role.responsibilities, id);
      if (!items?.length) continue;
      lines.push(levelName(id));
      for (const item of items) lines.push(wrap(item, "    ", "  - "));
    }
  }
  if (role.skills?.length) {
    section("Skills");
    for (const skill of role.skills)
      lines.push(wrap(skill.description ?? "", "    ", `  ${skill.name}: `).trimEnd());
  }
  if (role.aliases?.length) {
    section("Also known as");
    lines.push(wrap(role.aliases.join(", "), "  "));
  }
  if (role.classifications?.length) {
    section("Classification");
    for (const c of role.classifications) {
      const title = titles?.(c.scheme, c.code);
      lines.push(
        `  ${c.scheme} ${c.code}${title ? ` ${title}` : ""} (${c.match ? `${c.match} match` : "match not stated"})`,
      );
    }
  }
  if (role.related?.length) {
    section("Related roles");
    lines.push(`  ${role.related.map((id) => index.roles.get(id)?.name ?? id).join(", ")}`);
  }
  const sources = (role.sources ?? []).map((id) => index.sources.get(id)).filter((s) => s !== undefined);
  if (sources.length) {
    section("Sources");
    for (const source of sources) {
      const scores = source.review
        ? ` (review: ${Object.entries(source.review.scores)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")})`
        : "";
      lines.push(wrap(`${source.title}${source.url ? ` <${source.url}>` : ""}${scores}`, "    ", "  - "));
    }
  }
  return `${lines.join("\n")}\n`;
}
