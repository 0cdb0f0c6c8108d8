/**
 * Goal documents as text (the "copy / print as text" block and `rungs goals`), Markdown and JSON. Pure and
 * deterministic: the same document gives byte-identical output.
 *
 * Quoted framework text is printed as written; only a line break inside it is indented, so every goal
 * stays one block a reader can copy into a goal tool.
 */
import {
  type Goal,
  type GoalDocument,
  type GoalKind,
  type GoalLine,
  type GoalSection,
  PLACEHOLDERS,
  type Segment,
  type SourceRef,
  segmentsText,
  sourceRefLabel,
} from "./goals.js";
import { wrap } from "./text-view.js";

/** What a goal's title is called in each kind ("Objective 2: …"); SMART goals and scorecard rows are numbered only. */
const TITLE_NAMES: Record<GoalKind, string | undefined> = {
  smart: undefined,
  okr: "Objective",
  mbo: "Area",
  scorecard: undefined,
};

/**
 * The document's heading: what the goals are for, the level as the framework codes it ("P4 — Senior") where
 * it has a code, as the HTML page's heading shows it.
 */
export function goalsSubjectLine(doc: GoalDocument): string {
  const s = doc.subject;
  if (s.type !== "assessment") {
    const level = s.levelCode ? `${s.levelCode} — ${s.levelName}` : s.levelName;
    return s.type === "role-level"
      ? `${s.roleName} (${s.familyName}) at ${level}`
      : `${level}, no role chosen`;
  }
  return `Personal goals toward ${s.targetName}${s.roleName ? ` as ${s.roleName}` : ""}`;
}

function frameworkLine(doc: GoalDocument): string {
  return doc.framework.name + (doc.framework.version ? ` (version ${doc.framework.version})` : "");
}

/** The fixed note under the heading; names only the placeholders still to fill. */
function note(doc: GoalDocument): string {
  const open = PLACEHOLDERS.filter((name) => doc.filled[name] === undefined).map((name) => `⟨${name}⟩`);
  const fill =
    open.length === 0
      ? ""
      : ` ${open.length === 1 ? `${open[0]} is a placeholder` : `${open.slice(0, -1).join(", ")} and ${open.at(-1)} are placeholders`} to fill in.`;
  return (
    "Templates, not advice: each line is fixed wording around text quoted from the framework, and names " +
    `where that text comes from. A line the framework cannot back is left out rather than made up.${fill}`
  );
}

function textOf(segments: Segment[], doc: GoalDocument): string {
  return segmentsText(segments, doc.filled);
}

const NAME_KINDS = new Set<SourceRef["kind"]>([
  "level-name",
  "role-name",
  "family-name",
  "competency-name",
  "area-name",
  "dimension-name",
]);

/**
 * The sources worth printing: the fields quoted in full, or, on a line that only names things, the names.
 * (A name's label adds nothing next to the quoted field of the same entity; JSON keeps every source.)
 */
function shown(refs: SourceRef[]): SourceRef[] {
  const fields = refs.filter((ref) => !NAME_KINDS.has(ref.kind));
  return fields.length > 0 ? fields : refs;
}

/** The sources printed after a line: those its goal's title does not already name. */
function ownSources(line: GoalLine, goal: Goal): SourceRef[] {
  const onTitle = new Set(goal.sources.map(sourceRefLabel));
  return shown(line.sources.filter((ref) => !onTitle.has(sourceRefLabel(ref))));
}

function titlePrefix(kind: GoalKind, n: number): string {
  const name = TITLE_NAMES[kind];
  return name ? `${name} ${n}: ` : `${n}. `;
}

function indentBreaks(value: string, indent: string): string {
  return value.replace(/\r?\n/g, `\n${indent}`);
}

// ---------------------------------------------------------------------------------------------------------
// Text

const INDENT = "   ";

function goalText(doc: GoalDocument, kind: GoalKind, goal: Goal, n: number, labelWidth: number): string {
  const sources = (refs: SourceRef[]) =>
    refs.length ? `  [source: ${refs.map(sourceRefLabel).join("; ")}]` : "";
  const out = [
    indentBreaks(`${titlePrefix(kind, n)}${textOf(goal.title, doc)}${sources(shown(goal.sources))}`, INDENT),
  ];
  for (const line of goal.lines) {
    const head = `${INDENT}${`${line.label}:`.padEnd(labelWidth + 2)}`;
    out.push(
      head +
        indentBreaks(textOf(line.segments, doc) + sources(ownSources(line, goal)), " ".repeat(head.length)),
    );
  }
  return out.join("\n");
}

function sectionText(doc: GoalDocument, section: GoalSection): string {
  const labelWidth = Math.max(
    0,
    ...section.groups.flatMap((g) => g.goals.flatMap((goal) => goal.lines.map((l) => l.label.length + 1))),
  );
  const out = [section.title, "-".repeat(section.title.length), wrap(section.intro)];
  for (const group of section.groups) {
    if (group.title) out.push("", group.title);
    group.goals.forEach((goal, i) => {
      out.push("", goalText(doc, section.kind, goal, i + 1, labelWidth));
    });
  }
  return out.join("\n");
}

/** The document as plain text: numbered goals, aligned labels, `[source: …]` after each title and wherever a line quotes another field. */
export function goalsText(doc: GoalDocument): string {
  const title = `Goal templates: ${goalsSubjectLine(doc)}`;
  const out = [title, "=".repeat(title.length), frameworkLine(doc), "", wrap(note(doc))];
  for (const section of doc.sections) out.push("", "", sectionText(doc, section));
  return `${out.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Markdown

function codeList(refs: SourceRef[]): string {
  return refs.map((ref) => `\`${sourceRefLabel(ref)}\``).join(", ");
}

function goalMarkdown(doc: GoalDocument, kind: GoalKind, goal: Goal, n: number): string {
  const name = TITLE_NAMES[kind];
  const sources = (refs: SourceRef[]) =>
    refs.length ? ` (${refs.length === 1 ? "source" : "sources"}: ${codeList(refs)})` : "";
  const marker = `${n}. `;
  const pad = " ".repeat(marker.length);
  const out = [
    indentBreaks(
      `${marker}${name ? `**${name}:** ` : ""}${textOf(goal.title, doc)}${sources(shown(goal.sources))}`,
      pad,
    ),
  ];
  for (const line of goal.lines) {
    out.push(
      indentBreaks(
        `${pad}- **${line.label}:** ${textOf(line.segments, doc)}${sources(ownSources(line, goal))}`,
        `${pad}  `,
      ),
    );
  }
  return out.join("\n");
}

/** The document as Markdown: a heading per kind, goals as numbered lists, sources as inline code. */
export function goalsMarkdown(doc: GoalDocument): string {
  const out = [`# Goal templates: ${goalsSubjectLine(doc)}`, "", frameworkLine(doc), "", note(doc)];
  for (const section of doc.sections) {
    out.push("", `## ${section.title}`, "", section.intro);
    for (const group of section.groups) {
      if (group.title) out.push("", `### ${group.title}`);
      if (group.goals.length > 0)
        out.push("", group.goals.map((goal, i) => goalMarkdown(doc, section.kind, goal, i + 1)).join("\n\n"));
    }
  }
  return `${out.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// JSON

const roleOf = (ref: { role?: string }) => (ref.role === undefined ? {} : { role: ref.role });

/** A source with its keys in a fixed order, and its label. */
function refJson(ref: SourceRef): Record<string, unknown> {
  const label = sourceRefLabel(ref);
  switch (ref.kind) {
    case "role-responsibility":
      return { kind: ref.kind, role: ref.role, level: ref.level, index: ref.index, label };
    case "level-responsibility":
      return { kind: ref.kind, level: ref.level, index: ref.index, label };
    case "expectation":
      return { kind: ref.kind, competency: ref.competency, level: ref.level, label };
    case "step":
    case "role-expectation":
      return { kind: ref.kind, competency: ref.competency, level: ref.level, ...roleOf(ref), label };
    case "criterion":
      return {
        kind: ref.kind,
        competency: ref.competency,
        level: ref.level,
        ...roleOf(ref),
        criterion: ref.criterion,
        label,
      };
    case "level-dimension":
      return { kind: ref.kind, level: ref.level, dimension: ref.dimension, label };
    case "level-name":
      return { kind: ref.kind, level: ref.level, label };
    case "role-name":
      return { kind: ref.kind, role: ref.role, label };
    case "family-name":
      return { kind: ref.kind, family: ref.family, label };
    case "competency-name":
      return { kind: ref.kind, competency: ref.competency, label };
    case "area-name":
      return { kind: ref.kind, area: ref.area, label };
    case "dimension-name":
      return { kind: ref.kind, dimension: ref.dimension, label };
  }
}

function segmentJson(segment: Segment): Record<string, unknown> {
  if (segment.type === "placeholder") return { type: segment.type, name: segment.name };
  if (segment.type === "text") return { type: segment.type, text: segment.text };
  return { type: segment.type, text: segment.text, source: refJson(segment.source) };
}

function subjectJson(doc: GoalDocument): Record<string, unknown> {
  const s = doc.subject;
  if (s.type === "role-level")
    return {
      type: s.type,
      role: s.role,
      roleName: s.roleName,
      family: s.family,
      familyName: s.familyName,
      level: s.level,
      levelName: s.levelName,
      ...(s.levelCode !== undefined ? { levelCode: s.levelCode } : {}),
    };
  if (s.type === "level")
    return {
      type: s.type,
      level: s.level,
      levelName: s.levelName,
      ...(s.levelCode !== undefined ? { levelCode: s.levelCode } : {}),
    };
  return {
    type: s.type,
    target: s.target,
    targetName: s.targetName,
    ...(s.role !== undefined ? { role: s.role, roleName: s.roleName } : {}),
  };
}

/**
 * The document as JSON (two-space indent, keys in a fixed order). Titles and lines also carry `text`, the
 * plain text with placeholders filled where values were given, and sources carry their `label`.
 */
export function goalsJson(doc: GoalDocument): string {
  const filled: Record<string, string> = {};
  for (const name of PLACEHOLDERS) {
    const value = doc.filled[name];
    if (value !== undefined) filled[name] = value;
  }
  const value = {
    framework: {
      id: doc.framework.id,
      name: doc.framework.name,
      ...(doc.framework.version !== undefined ? { version: doc.framework.version } : {}),
    },
    subject: subjectJson(doc),
    filled,
    sections: doc.sections.map((section) => ({
      kind: section.kind,
      title: section.title,
      intro: section.intro,
      groups: section.groups.map((group) => ({
        ...(group.title !== undefined ? { title: group.title } : {}),
        goals: group.goals.map((goal) => ({
          id: goal.id,
          text: textOf(goal.title, doc),
          title: goal.title.map(segmentJson),
          sources: goal.sources.map(refJson),
          lines: goal.lines.map((line) => ({
            label: line.label,
            text: textOf(line.segments, doc),
            segments: line.segments.map(segmentJson),
            sources: line.sources.map(refJson),
          })),
        })),
      })),
    })),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}
