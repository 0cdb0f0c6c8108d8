/**
 * The building blocks of goal templates (text, quotes with their source, placeholders) and what a goal is
 * about, read from the framework: a level's bars, and the subjects (responsibilities, expectations,
 * criteria) the four kinds of goal are written for. Split from goals.ts, which writes the kinds.
 */
import { cellExtras, criteriaOf, roleCellOwner } from "./cells.js";
import type { Goal, GoalLine, PlaceholderName, Segment, SourceRef } from "./goals-contract.js";
import {
  expectationStatement,
  familyName,
  resolveSource,
  roleCellOf,
  sourceRefLabel,
} from "./goals-sources.js";
import { displayName, entryOf, expectationDetail, type FrameworkIndex } from "./model.js";
import type { Dimension } from "./schema.js";

// ---------------------------------------------------------------------------------------------------------
// Building blocks

export const text = (value: string): Segment => ({ type: "text", text: value });
export const quote = (value: string, source: SourceRef): Segment => ({ type: "quote", text: value, source });
export const placeholder = (name: PlaceholderName): Segment => ({ type: "placeholder", name });
/** A sentence of framework text in quotation marks. */
export const quoted = (value: string, source: SourceRef): Segment[] => [
  text('"'),
  quote(value, source),
  text('"'),
];

export function refKey(ref: SourceRef): string {
  return sourceRefLabel(ref);
}

export function uniqueRefs(refs: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = refKey(ref);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function quoteSources(segments: Segment[]): SourceRef[] {
  return segments.flatMap((s) => (s.type === "quote" ? [s.source] : []));
}

/**
 * A line's sources are the fields it quotes or names. A line of placeholders alone ("By ⟨date⟩.") quotes
 * nothing, so it names the field its goal is about (`about`).
 */
/** Joins neighbouring runs of fixed text, so `Deliver: "` is one segment. */
export function compact(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const last = out.at(-1);
    if (segment.type === "text" && last?.type === "text")
      out[out.length - 1] = text(last.text + segment.text);
    else out.push(segment);
  }
  return out;
}

export function line(label: string, segments: Segment[], about: SourceRef[]): GoalLine {
  const quotes = quoteSources(segments);
  return { label, segments: compact(segments), sources: uniqueRefs(quotes.length > 0 ? quotes : about) };
}

export function goal(id: string, title: Segment[], lines: GoalLine[]): Goal {
  return { id, title: compact(title), lines, sources: uniqueRefs(quoteSources(title)) };
}

export function isBlank(value: string | undefined): value is undefined {
  return value === undefined || value.trim() === "";
}

// ---------------------------------------------------------------------------------------------------------
// Reading the framework

/** One of a level's bars: a declared dimension the level gives a value for. */
export interface Bar {
  dimension: Dimension;
  text: string;
}

/** The level's bars, in the framework's declared order. */
export function levelBars(index: FrameworkIndex, level: string): Bar[] {
  const values = index.levels.get(level)?.dimensions ?? {};
  return [...index.dimensions.values()].flatMap((dimension) => {
    const value = entryOf(values, dimension.id);
    return isBlank(value) ? [] : [{ dimension, text: value }];
  });
}

/** What a goal is about: a responsibility or an expectation, with the names that place it. */
export interface Subject {
  /** The quoted text and its field. */
  text: string;
  source: SourceRef;
  /** For expectations: the competency's name before the text, so a row says which competency it is. */
  prefix?: Segment[];
  /** The "Relevant" line: the names that place the goal. */
  relevant: Segment[];
  /** More of the same cell, quoted after the text with its own source: the step a cell with a statement asks for. */
  also?: { text: string; source: SourceRef }[];
}

/** The subject's `also` texts, each in brackets after its text: ` (Proficiency: Fluent)`. */
export const alsoSegments = (subject: Subject): Segment[] =>
  (subject.also ?? []).flatMap((a) => [text(" ("), quote(a.text, a.source), text(")")]);

/** The subject's text in quotation marks, then its `also` texts. */
export const quotedSubject = (subject: Subject): Segment[] => [
  ...quoted(subject.text, subject.source),
  ...alsoSegments(subject),
];

/** Every field a subject quotes. */
export const subjectSources = (subject: Subject): SourceRef[] => [
  subject.source,
  ...(subject.also ?? []).map((a) => a.source),
];

export function levelNameSegment(index: FrameworkIndex, level: string): Segment {
  return quote(index.levels.get(level)?.name ?? level, { kind: "level-name", level });
}

/** The relevance line for an expectation: the competency, its area, the level. */
export function competencyRelevance(index: FrameworkIndex, competency: string, level: string): Segment[] {
  const ref = index.competencies.get(competency);
  if (!ref) return [];
  return [
    text("Part of "),
    quote(displayName(ref.competency), { kind: "competency-name", competency }),
    text(" ("),
    quote(displayName(ref.area), { kind: "area-name", area: ref.area.id }),
    text(") at "),
    levelNameSegment(index, level),
    text("."),
  ];
}

export function competencyPrefix(index: FrameworkIndex, competency: string): Segment[] {
  const name = index.competencies.get(competency)?.competency.name;
  return name === undefined ? [] : [quote(name, { kind: "competency-name", competency }), text(" — ")];
}

export function roleSubjects(index: FrameworkIndex, roleId: string, level: string): Subject[] {
  const role = index.roles.get(roleId);
  if (!role) return [];
  const family = familyName(index, role.family);
  const relevant: Segment[] = [
    text("Part of the "),
    quote(role.name, { kind: "role-name", role: role.id }),
    text(" role"),
    ...(family === undefined
      ? []
      : [text(" in "), quote(family, { kind: "family-name", family: role.family })]),
    text(" at "),
    levelNameSegment(index, level),
    text("."),
  ];
  const responsibilities = (entryOf(role.responsibilities, level) ?? []).flatMap((responsibility, i) =>
    isBlank(responsibility)
      ? []
      : [
          {
            text: responsibility,
            source: { kind: "role-responsibility", role: role.id, level, index: i } as const,
            relevant,
          },
        ],
  );
  // then what the framework writes for this role alone in each competency (format 2)
  const own = [...index.competencies.keys()].flatMap(
    (competency) => roleCellSubjects(index, role.id, competency, level)?.subjects ?? [],
  );
  return [...responsibilities, ...own];
}

export function expectationSubject(
  index: FrameworkIndex,
  competency: string,
  level: string,
): Subject | undefined {
  const statement = expectationStatement(index, competency, level);
  if (statement === undefined) return undefined;
  // a cell that only asks for a step is quoted as that step, and cited as it
  const extras = cellExtras(index, competency, level);
  const stepOnly = extras.step && !extras.criteria?.length && extras.text !== undefined;
  const step: SourceRef = { kind: "step", competency, level };
  const stepText = extras.step ? resolveSource(index, step) : undefined;
  return {
    text: (stepOnly && stepText) || statement,
    source: stepOnly ? step : { kind: "expectation", competency, level },
    prefix: competencyPrefix(index, competency),
    relevant: competencyRelevance(index, competency, level),
    // a cell with a statement and a step asks for both: the step is quoted too
    ...(stepText && !stepOnly ? { also: [{ text: stepText, source: step }] } : {}),
  };
}

/**
 * What a role's (or its family's) own cell writes at a competency's level (format 2): its statement, each
 * criterion, or the step it alone asks for, each quoted with its own source; and whether that cell replaces
 * the shared one. Undefined where the role reads the shared cell alone.
 */
export function roleCellSubjects(
  index: FrameworkIndex,
  role: string,
  competency: string,
  level: string,
): { replaces: boolean; subjects: Subject[] } | undefined {
  const detail = expectationDetail(
    entryOf(index.competencies.get(competency)?.competency.expectations, level),
  );
  const owner = detail && !detail.notApplicable ? roleCellOwner(index, detail, role) : undefined;
  const own = owner === undefined ? undefined : roleCellOf(index, competency, level, owner);
  if (owner === undefined || !own) return undefined;
  const sources: SourceRef[] = [
    ...(isBlank(own.statement)
      ? []
      : [{ kind: "role-expectation", competency, level, role: owner } as const]),
    ...criteriaOf(own.criteria, level).map(
      (c): SourceRef => ({ kind: "criterion", competency, level, criterion: c.id, role: owner }),
    ),
  ];
  if (sources.length === 0 && own.step !== undefined)
    sources.push({ kind: "step", competency, level, role: owner });
  const relevant = [
    ...competencyRelevance(index, competency, level).slice(0, -1),
    text(", for "),
    ownerName(index, owner),
    text("."),
  ];
  const subjects = sources.flatMap((source) => {
    const quoted = resolveSource(index, source);
    return quoted === undefined
      ? []
      : [{ text: quoted, source, prefix: competencyPrefix(index, competency), relevant }];
  });
  return { replaces: own.replace === true, subjects };
}

/** The name of a role or role family, quoted from where the framework gives it. */
function ownerName(index: FrameworkIndex, owner: string): Segment {
  const role = index.roles.get(owner);
  if (role) return quote(role.name, { kind: "role-name", role: owner });
  const family = familyName(index, owner);
  return family === undefined ? text(owner) : quote(family, { kind: "family-name", family: owner });
}

/**
 * A competency's cell at a level as `role` reads it, one subject per quoted text: the shared cell (unless the
 * role's own replaces it) and then what the role's own cell writes. Without a role, the shared cell alone.
 */
export function cellSubjectsFor(
  index: FrameworkIndex,
  competency: string,
  level: string,
  role: string | undefined,
): Subject[] {
  const own = role === undefined ? undefined : roleCellSubjects(index, role, competency, level);
  const shared = own?.replaces ? undefined : expectationSubject(index, competency, level);
  return [...(shared ? [shared] : []), ...(own?.subjects ?? [])];
}

/**
 * A cell written as criteria (format 2) without a statement gives one subject per criterion it writes, each
 * quoted with its own source, rather than the list collapsed into one text; criteria carried forward from
 * an earlier level (`unchanged`) are goals at the level that writes them.
 */
export function criterionSubjects(
  index: FrameworkIndex,
  competency: string,
  level: string,
): Subject[] | undefined {
  const detail = expectationDetail(
    entryOf(index.competencies.get(competency)?.competency.expectations, level),
  );
  if (!detail || detail.notApplicable || !isBlank(detail.statement)) return undefined;
  const own = (cellExtras(index, competency, level).criteria ?? []).filter((c) => !c.from && !c.role);
  if (!own.length) return undefined;
  return own.map((c) => ({
    text: c.text,
    source: { kind: "criterion", competency, level, criterion: c.id },
    prefix: competencyPrefix(index, competency),
    relevant: competencyRelevance(index, competency, level),
  }));
}

export function levelSubjects(index: FrameworkIndex, level: string): Subject[] {
  return [...index.competencies.keys()].flatMap((competency) => {
    const criteria = criterionSubjects(index, competency, level);
    if (criteria) return criteria;
    const subject = expectationSubject(index, competency, level);
    return subject ? [subject] : [];
  });
}
