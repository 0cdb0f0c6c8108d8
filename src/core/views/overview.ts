/** The framework overview: what the overview page shows and /api/frameworks/:fw returns. */
import { type LadderLayout, layoutLadder } from "../ladder-layout.js";
import { displayName, type FrameworkIndex } from "../model.js";
import type { GuidanceSection } from "../schema.js";
import { type FrameworkStats, frameworkStats } from "../text-view.js";

export interface OverviewData {
  id: string;
  name: string;
  version?: string;
  organization?: string;
  description?: string;
  stats: FrameworkStats;
  codeSchemes: { id: string; name: string }[];
  tracks: { id: string; name: string; kind?: string; description?: string }[];
  levels: {
    id: string;
    name: string;
    title?: string;
    track: string;
    trackName: string;
    codes: Record<string, string>;
    leverage?: string;
    summary?: string;
    follows: string[];
    /** Format 2: the level's sub-level band (3 for 3a and 3b) and its fork/top markers. */
    band?: string;
    markers?: ("fork" | "top")[];
  }[];
  areas: {
    id: string;
    name: string;
    kind: string;
    summary?: string;
    competencies: { id: string; name: string }[];
  }[];
  roles: { id: string; name: string; family: string; familyName: string; code?: string; summary?: string }[];
  /** Every framework guidance section, with its titled sub-sections and where it goes (`placement`). */
  guidance: GuidanceSection[];
  /** What lies beyond the levels the framework describes (format 2 `beyond`). */
  beyond?: string;
  /** The points rule (format 2): the point total that reaches each level, lowest first. */
  points?: { description?: string; levels: { id: string; name: string; points: number }[] };
  ladder: LadderLayout;
}

export function overviewData(index: FrameworkIndex): OverviewData {
  const fw = index.framework;
  const families = new Map((fw.families ?? []).map((f) => [f.id, f.name]));
  return {
    id: fw.id,
    name: fw.name,
    ...(fw.version ? { version: fw.version } : {}),
    ...(fw.organization ? { organization: fw.organization } : {}),
    ...(fw.description ? { description: fw.description } : {}),
    stats: frameworkStats(index),
    codeSchemes: (fw.codeSchemes ?? []).map((s) => ({ id: s.id, name: s.name })),
    tracks: fw.tracks.map((t) => ({
      id: t.id,
      name: t.name,
      ...(t.kind ? { kind: t.kind } : {}),
      ...(t.description ? { description: t.description } : {}),
    })),
    levels: index.levelOrder.map((id) => {
      const l = index.levels.get(id);
      if (!l) throw new Error(`level ${id} missing from index`);
      return {
        id: l.id,
        name: l.name,
        ...(l.title ? { title: l.title } : {}),
        track: l.track,
        trackName: index.tracks.get(l.track)?.name ?? l.track,
        codes: l.codes ?? {},
        ...(l.leverage ? { leverage: l.leverage } : {}),
        ...(l.summary ? { summary: l.summary } : {}),
        follows: index.predecessors.get(l.id) ?? [],
        ...(l.band !== undefined ? { band: l.band } : {}),
        ...(l.markers?.length ? { markers: l.markers } : {}),
      };
    }),
    areas: (fw.areas ?? []).map((a) => ({
      id: a.id,
      name: displayName(a),
      kind: a.kind ?? "theme",
      ...(a.summary ? { summary: a.summary } : {}),
      competencies: a.competencies.map((c) => ({ id: c.id, name: displayName(c) })),
    })),
    roles: (fw.roles ?? []).map((r) => ({
      id: r.id,
      name: r.name,
      family: r.family,
      familyName: families.get(r.family) ?? r.family,
      ...(r.code ? { code: r.code } : {}),
      ...(r.summary ? { summary: r.summary } : {}),
    })),
    guidance: fw.guidance ?? [],
    ...(fw.beyond ? { beyond: fw.beyond } : {}),
    ...(fw.points
      ? {
          points: {
            ...(fw.points.description ? { description: fw.points.description } : {}),
            levels: Object.entries(fw.points.levels)
              .filter(([id]) => index.levels.has(id))
              .sort(([, a], [, b]) => a - b)
              .map(([id, points]) => ({ id, name: index.levels.get(id)?.name ?? id, points })),
          },
        }
      : {}),
    ladder: layoutLadder(index),
  };
}
