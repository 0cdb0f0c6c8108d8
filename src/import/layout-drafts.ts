/**
 * What reading the canonical layout collects before a framework is built from it (layout-read.ts reads
 * rows into these drafts, layout-build.ts turns them into a framework): each entity as the rows declared it,
 * every field with the place it was read, so conflicts and bad references are located errors.
 */
import { labelFromId } from "../core/model.js";
import { FORMAT_LIMITS, type Step } from "../core/schema.js";
import type { SourceLocation } from "../core/source-location.js";
import { allocateIds, isId } from "./ids.js";
import type { ImportLog } from "./types.js";

export interface Located<T = string> {
  value: T;
  at: SourceLocation;
}

/** An entity the rows declare: where it was first seen, and each field with where it was read. */
export interface Declared {
  at: SourceLocation;
  fields: Map<string, Located>;
}

/**
 * A step or a role: named by cells, declared by rows of its own (a step row has no level, or gives the
 * step's name, description or points; a role row has no competency).
 */
export interface Declarable extends Declared {
  /** The order of its first declaring row; undefined when only cells name it. */
  declared?: number;
}

export interface CriterionDraft {
  id?: string;
  text: string;
  examples: string[];
  ratings: Map<string, string>;
  sources: string[];
  at: SourceLocation;
}

/** One cell (a competency at a level), shared (role "") or one role's or family's own. */
export interface CellDraft {
  at: SourceLocation;
  statement?: Located;
  step?: Located;
  note?: Located;
  elaboration?: Located;
  unchanged?: SourceLocation;
  notApplicable?: SourceLocation;
  replace?: SourceLocation;
  /** Where the role column was read (role cells). */
  roleAt?: SourceLocation;
  examples: string[];
  ratings: Map<string, string>;
  sources: string[];
  sourcesAt?: SourceLocation;
  criteria: CriterionDraft[];
}

/** Everything the rows declared. Keys are the text of the id column (or the name where no id is given). */
export interface LayoutDrafts {
  log: ImportLog;
  framework: Map<string, Located>;
  bands: Map<string, { name: string; at: SourceLocation; description?: Located }>;
  tracks: Map<string, Declared>;
  levels: Map<string, Declared>;
  areas: Map<string, Declared>;
  /** Each area's takeaway per level: area key → level key → text. */
  takeaways: Map<string, Map<string, Located>>;
  competencies: Map<string, Declared>;
  /** Shared scales (the `scale` column), with their name. */
  scales: Map<string, Declared>;
  /** Steps per owner: `scaleOwner(scale)` or `competencyOwner(competency)` (its own scale). */
  steps: Map<string, Map<string, Declarable>>;
  families: Map<string, Declared>;
  roles: Map<string, Declarable>;
  /** The levels each role spans, by level key, in row order. */
  roleLevels: Map<string, Map<string, Located>>;
  /** Key: `cellKey(competency, level, role)`. */
  cells: Map<string, CellDraft>;
  sources: Map<string, { title?: string; url?: string; at: SourceLocation }>;
  followsColumn: boolean;
}

export const scaleOwner = (scale: string) => `scale\u0000${scale}`;
export const competencyOwner = (competency: string) => `competency\u0000${competency}`;
export const cellKey = (competency: string, level: string, role = "") =>
  `${competency}\u0000${level}\u0000${role}`;

export function field(entity: Declared | undefined, name: string): string | undefined {
  return entity?.fields.get(name)?.value;
}

/** Splits a multi-value cell: one value per line (examples, sources, follows also take commas). */
export function lines(text: string, commas = false): string[] {
  return text
    .split(commas ? /[\n,]/ : /\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Another place in the same input, for messages: `line 7, column 4` (csv) or `Rows!C7` (xlsx). */
export function locationText(at: SourceLocation): string {
  return at.sheet !== undefined
    ? `${at.sheet}!${at.cell}`
    : at.line !== undefined
      ? `line ${at.line}${at.column !== undefined ? `, column ${at.column}` : ""}`
      : at.file;
}

/** Key → id for one kind of entity: explicit ids kept, names made into ids without taking them. */
export function idsFor(keys: Iterable<string>): Map<string, string> {
  const all = [...keys];
  const explicit = all.filter(isId);
  const ids = allocateIds(
    all.filter((k) => !isId(k)),
    explicit,
  );
  for (const id of explicit) ids.set(id, id);
  return ids;
}

/** The name a row gave, else one made from the id, else the key itself (a name the id was made from). */
export function nameOf(key: string, entity: Declared | undefined): string {
  return field(entity, "name") ?? (isId(key) ? labelFromId(key) : key);
}

/** A name only where the rows gave one or the key was a name (the schema makes one from the id otherwise). */
export function givenName(key: string, entity: Declared | undefined): { name?: string } {
  const name = field(entity, "name") ?? (isId(key) ? undefined : key);
  return name === undefined ? {} : { name };
}

/** The description the rows gave (a `*_description` column), if any. */
export function described(entity: Declared | undefined, name = "description"): { description?: string } {
  const description = field(entity, name);
  return description === undefined ? {} : { description };
}

/**
 * The steps of one scale (`owner`, layout-drafts.ts): its declared steps in the order of their rows; when
 * no row declares any, the steps its cells name, in row order (a bend). Undefined when nothing names one.
 */
export function buildSteps(
  r: LayoutDrafts,
  owner: string,
  what: string,
): { steps: Step[]; ids: Map<string, string> } | undefined {
  const drafts = [...(r.steps.get(owner) ?? [])];
  if (!drafts.length) return undefined;
  let entries = drafts
    .filter(([, s]) => s.declared !== undefined)
    .sort(([, a], [, b]) => (a.declared as number) - (b.declared as number));
  if (!entries.length) {
    entries = drafts;
    r.log.bend(
      "guessed",
      drafts[0]?.[1].at ?? { file: "input" },
      `${what} has no step rows (a row with the step and no level): its steps are those its cells name, in row order`,
    );
  }
  const extra = entries[FORMAT_LIMITS.steps];
  if (extra) r.log.error(extra[1].at, `${what} has more than ${FORMAT_LIMITS.steps} steps`);
  const ids = idsFor(entries.map(([key]) => key));
  const steps = entries.map(([key, s]): Step => {
    const points = field(s, "points");
    return {
      id: ids.get(key) as string,
      ...givenName(key, s),
      ...described(s),
      ...(points ? { points: Number(points) } : {}),
    };
  });
  return { steps, ids };
}
