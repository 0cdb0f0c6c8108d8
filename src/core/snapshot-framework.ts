/**
 * A framework snapshot (what an assessment is pinned to: levels, competencies and their statements) read
 * back as a framework, so that two versions known only by their snapshots can be diffed structurally. Both
 * sides of such a diff must be projected the same way, or every field a snapshot leaves out would show as
 * a change; the newer side carries its migration map (`renamedFrom`, `migration`) so renames are confirmed.
 * Pure.
 */
import type { FrameworkSnapshot } from "./assessment.js";
import type { Framework } from "./schema.js";

/** The snapshot as a framework; `map` (the current framework) lends its migration map to the projection. */
export function frameworkOfSnapshot(snapshot: FrameworkSnapshot, map?: Framework): Framework {
  const renamed = (list: readonly { id: string; renamedFrom?: string[] }[] | undefined) =>
    new Map((list ?? []).flatMap((e) => (e.renamedFrom ? [[e.id, e.renamedFrom] as const] : [])));
  const levelsRenamed = renamed(map?.levels);
  const competenciesRenamed = renamed(map?.areas?.flatMap((a) => a.competencies));
  const follows = new Map<string, string[]>();
  for (const level of snapshot.levels)
    for (const next of level.next) follows.set(next, [...(follows.get(next) ?? []), level.id]);
  const tracks = [...new Set(snapshot.levels.map((l) => l.track))];
  const areas = new Map<string, NonNullable<Framework["areas"]>[number]>();
  for (const c of snapshot.competencies) {
    const area = areas.get(c.area) ?? { id: c.area, name: c.areaName, competencies: [] };
    areas.set(c.area, area);
    const from = competenciesRenamed.get(c.id);
    area.competencies.push({
      id: c.id,
      name: c.name,
      expectations: { ...c.expectations },
      ...(from ? { renamedFrom: from } : {}),
    });
  }
  return {
    rungs: 2,
    id: snapshot.framework,
    name: snapshot.name,
    tracks: tracks.map((id) => ({ id, name: id })),
    levels: snapshot.levels.map((l) => {
      const before = follows.get(l.id);
      const from = levelsRenamed.get(l.id);
      return {
        id: l.id,
        name: l.name,
        track: l.track,
        ...(before ? { follows: before } : {}),
        ...(from ? { renamedFrom: from } : {}),
      };
    }),
    areas: [...areas.values()],
    ...(map?.migration ? { migration: map.migration } : {}),
  };
}
