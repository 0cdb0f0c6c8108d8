/** A role profile in the job architecture: what the role page shows and /api/frameworks/:fw/roles/:role returns. */
import { type CellExtras, cellExtras, resolveCell, roleCellOwner } from "../cells.js";
import { competencySpan, displayName, entryOf, expectationDetail, type FrameworkIndex } from "../model.js";
import type { Dimension, Role } from "../schema.js";
import { type LevelRef, levelRef } from "./level.js";
import { type SourceView, sourceViews } from "./sources.js";

/** Looks up the title of an occupation code (e.g. from the SOC catalog); undefined where unknown. */
export type OccupationTitles = (scheme: string, code: string) => string | undefined;

// A Map: the scheme is the framework's text, and `scheme: constructor` must find nothing here.
const SCHEME_NAMES = new Map([
  ["soc-2018", "SOC 2018"],
  ["onet-soc-2019", "O*NET-SOC 2019"],
  ["isco-08", "ISCO-08"],
  ["esco", "ESCO"],
]);

/** The display name of a classification scheme id ("soc-2018" → "SOC 2018"); unknown ids as written. */
export function schemeName(scheme: string): string {
  return SCHEME_NAMES.get(scheme) ?? scheme;
}

/** How pages say a classification's match type: the file's word, or "not stated" where it is silent. */
export function matchLabel(match: string): string {
  return match === "unknown" ? "not stated" : match;
}

export interface ClassificationView {
  scheme: string;
  schemeName: string;
  code: string;
  title?: string;
  /** The match type the file states, or "unknown" where it is silent (never assumed exact). */
  match: string;
  note?: string;
  /** Ids of the sources the classification cites (their views are in `RoleData.sources`). */
  sources?: string[];
}

/** A role's classification codes with their scheme names and, where the catalog knows them, titles. */
export function classificationViews(role: Role, titles?: OccupationTitles): ClassificationView[] {
  return (role.classifications ?? []).map((c) => {
    const title = titles?.(c.scheme, c.code);
    return {
      scheme: c.scheme,
      schemeName: schemeName(c.scheme),
      code: c.code,
      ...(title ? { title } : {}),
      match: c.match ?? "unknown",
      ...(c.note ? { note: c.note } : {}),
      ...(c.sources?.length ? { sources: c.sources } : {}),
    };
  });
}

export interface RoleDimension {
  id: string;
  name: string;
  kind: "dimension" | "rubric";
  description?: string;
  /** A calibration bar (format 2 `calibration: true`; every dimension is one when none is marked). */
  calibration: boolean;
}

export interface RoleLevel extends LevelRef {
  /** False for an id the role lists that is not a level of the framework. */
  known: boolean;
  /** The level's one-line summary, which the role page shows for the highlighted level. */
  summary?: string;
  codes: Record<string, string>;
  responsibilities: string[];
  /** The level's value for each of `RoleData.dimensions`, in the same order (undefined where it gives none). */
  dimensions: (string | null)[];
  /**
   * Format 2: the expectations this role has its own text for at this level (`roles:` in a cell), resolved:
   * the shared expectation with the role's added, or the role's in its place (`replacedBy`).
   */
  expectations?: RoleExpectationView[];
}

export interface RoleExpectationView extends CellExtras {
  competency: { id: string; name: string };
  statement?: string;
  /** The role or family id whose own cell this is. */
  owner: string;
}

export interface RoleData {
  framework: { id: string; name: string };
  id: string;
  name: string;
  code?: string;
  summary?: string;
  family: { id: string; name: string; description?: string; parent?: { id: string; name: string } };
  tracks: { id: string; name: string }[];
  levels: RoleLevel[];
  /** The framework's declared dimensions, rubric columns first, then the others, each in declared order. */
  dimensions: RoleDimension[];
  skills: { name: string; description?: string }[];
  aliases: string[];
  classifications: ClassificationView[];
  related: { id: string; name: string; known: boolean }[];
  sources: SourceView[];
}

function roleExpectations(
  index: FrameworkIndex,
  role: string,
  level: string,
): { expectations?: RoleExpectationView[] } {
  const out: RoleExpectationView[] = [];
  for (const { competency, area } of index.competencies.values()) {
    const detail = expectationDetail(entryOf(competency.expectations, level));
    const owner = detail ? roleCellOwner(index, detail, role) : undefined;
    if (!detail || !owner) continue;
    const cell = resolveCell(
      index,
      { competency, area },
      competencySpan(index, competency, area),
      level,
      role,
    );
    out.push({
      competency: { id: competency.id, name: displayName(competency) },
      owner,
      ...(cell?.statement !== undefined ? { statement: cell.statement } : {}),
      ...cellExtras(index, competency.id, level, role),
    });
  }
  return out.length ? { expectations: out } : {};
}

/** Whether `d` is a calibration bar: marked so, or every dimension is one where none is marked. */
export function isCalibrationBar(declared: readonly Dimension[], d: Dimension): boolean {
  return d.calibration === true || !declared.some((x) => x.calibration);
}

/** Everything the role page shows, or undefined for an unknown role. */
export function roleData(
  index: FrameworkIndex,
  roleId: string,
  titles?: OccupationTitles,
): RoleData | undefined {
  const role = index.roles.get(roleId);
  if (!role) return undefined;
  const fw = index.framework;
  const families = new Map((fw.families ?? []).map((f) => [f.id, f]));
  const family = families.get(role.family);
  const parent = family?.parent ? families.get(family.parent) : undefined;
  const declared = fw.dimensions ?? [];
  const dimensions: RoleDimension[] = [
    ...declared.filter((d) => d.kind === "rubric"),
    ...declared.filter((d) => d.kind !== "rubric"),
  ].map((d) => ({
    id: d.id,
    name: d.name,
    kind: d.kind ?? "dimension",
    ...(d.description ? { description: d.description } : {}),
    calibration: isCalibrationBar(declared, d),
  }));

  const levels: RoleLevel[] = role.levels.map((id) => {
    const level = index.levels.get(id);
    const ref = levelRef(index, id);
    return {
      ...(ref ?? { id, name: id, label: id, track: "" }),
      known: level !== undefined,
      ...(level?.summary ? { summary: level.summary } : {}),
      codes: level?.codes ?? {},
      responsibilities: entryOf(role.responsibilities, id) ?? [],
      dimensions: dimensions.map((d) => entryOf(level?.dimensions, d.id) ?? null),
      ...roleExpectations(index, role.id, id),
    };
  });

  const sourceIds: string[] = [];
  const addSources = (ids: readonly string[] | undefined) => {
    for (const id of ids ?? []) if (!sourceIds.includes(id)) sourceIds.push(id);
  };
  addSources(role.sources);
  for (const s of role.skills ?? []) addSources(s.sources);
  for (const c of role.classifications ?? []) addSources(c.sources);

  return {
    framework: { id: fw.id, name: fw.name },
    id: role.id,
    name: role.name,
    ...(role.code ? { code: role.code } : {}),
    ...(role.summary ? { summary: role.summary } : {}),
    family: {
      id: role.family,
      name: family?.name ?? role.family,
      ...(family?.description ? { description: family.description } : {}),
      ...(family?.parent ? { parent: { id: family.parent, name: parent?.name ?? family.parent } } : {}),
    },
    tracks: (role.tracks ?? []).map((id) => ({ id, name: index.tracks.get(id)?.name ?? id })),
    levels,
    dimensions,
    skills: (role.skills ?? []).map((s) => ({
      name: s.name,
      ...(s.description ? { description: s.description } : {}),
    })),
    aliases: role.aliases ?? [],
    classifications: classificationViews(role, titles),
    related: (role.related ?? []).map((id) => ({
      id,
      name: index.roles.get(id)?.name ?? id,
      known: index.roles.has(id),
    })),
    sources: sourceViews(index, sourceIds),
  };
}
