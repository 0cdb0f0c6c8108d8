/** The framework overview: what the overview page shows and /api/frameworks/:fw returns. */
import { type LadderLayout, layoutLadder } from "../ladder-layout.js";
import { displayName, type FrameworkIndex } from "../model.js";
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
  }[];
  areas: {
    id: string;
    name: string;
    kind: string;
    summary?: string;
    competencies: { id: string; name: string }[];
  }[];
  roles: { id: string; name: string; family: string; familyName: string; code?: string; summary?: string }[];
  guidance: { title: string; text?: string; items?: string[] }[];
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
    guidance: (fw.guidance ?? []).map((g) => ({
      title: g.title,
      ...(g.text ? { text: g.text } : {}),
      ...(g.items ? { items: g.items } : {}),
    })),
    ladder: layoutLadder(index),
  };
}
