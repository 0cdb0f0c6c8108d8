/** A role profile in the job architecture: what the role page shows and /api/frameworks/:fw/roles/:role returns. */
import { entryOf, type FrameworkIndex } from "../model.js";
import type { Role } from "../schema.js";
import { type LevelRef, levelRef } from "./level.js";

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

export interface ClassificationView {
  scheme: string;
  schemeName: string;
  code: string;
  title?: string;
  match: string;
  note?: string;
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
      match: c.match ?? "exact",
      ...(c.note ? { note: c.note } : {}),
    };
  });
}

export interface RoleDimension {
  id: string;
  name: string;
  kind: "dimension" | "rubric";
  description?: string;
}

export interface RoleLevel extends LevelRef {
  /** False for an id the role lists that is not a level of the framework. */
  known: boolean;
  codes: Record<string, string>;
  responsibilities: string[];
  /** The level's value for each of `RoleData.dimensions`, in the same order (undefined where it gives none). */
  dimensions: (string | null)[];
}

export interface SourceView {
  id: string;
  title: string;
  url?: string;
  publisher?: string;
  date?: string;
  note?: string;
  review?: {
    scores: { criterion: string; score: number; passes: boolean }[];
    passMark?: number;
    /** True when every score reaches the pass mark (or there is none). */
    passes: boolean;
    reviewer?: string;
    date?: string;
  };
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
  }));

  const levels: RoleLevel[] = role.levels.map((id) => {
    const level = index.levels.get(id);
    const ref = levelRef(index, id);
    return {
      ...(ref ?? { id, name: id, label: id, track: "" }),
      known: level !== undefined,
      codes: level?.codes ?? {},
      responsibilities: entryOf(role.responsibilities, id) ?? [],
      dimensions: dimensions.map((d) => entryOf(level?.dimensions, d.id) ?? null),
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
    sources: sourceIds.flatMap((id) => {
      const s = index.sources.get(id);
      if (!s) return [];
      const review = s.review;
      const passMark = review?.passMark;
      const scores = Object.entries(review?.scores ?? {}).map(([criterion, score]) => ({
        criterion,
        score,
        passes: passMark === undefined || score >= passMark,
      }));
      const view: SourceView = {
        id: s.id,
        title: s.title,
        ...(s.url ? { url: s.url } : {}),
        ...(s.publisher ? { publisher: s.publisher } : {}),
        ...(s.date ? { date: s.date } : {}),
        ...(s.note ? { note: s.note } : {}),
        ...(review
          ? {
              review: {
                scores,
                ...(passMark !== undefined ? { passMark } : {}),
                passes: scores.every((x) => x.passes),
                ...(review.reviewer ? { reviewer: review.reviewer } : {}),
                ...(review.date ? { date: review.date } : {}),
              },
            }
          : {}),
      };
      return [view];
    }),
  };
}
