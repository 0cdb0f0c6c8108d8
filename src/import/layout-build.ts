/**
 * The drafts read from the canonical layout (layout-drafts.ts) → a framework: ids from the id columns, else
 * made from the names (src/import/ids.ts); what the rows leave open is guessed (a bend) and what they get
 * wrong is a located error: a follows naming no level, a role without a family, a scale without steps.
 * Areas, competencies and their cells are built in layout-cells.ts.
 */
import { labelFromId } from "../core/model.js";
import type { Framework, Level, Role, Scale, Source } from "../core/schema.js";
import type { SourceLocation } from "../core/source-location.js";
import { isId, slugify } from "./ids.js";
import { buildAreas, type Owners, type ScaleIds } from "./layout-cells.js";
import {
  buildSteps,
  described,
  field,
  givenName,
  idsFor,
  type LayoutDrafts,
  lines,
  nameOf,
  scaleOwner,
} from "./layout-drafts.js";
import type { ImportLog } from "./types.js";

export function buildFramework(r: LayoutDrafts, top: SourceLocation): Framework {
  const { log } = r;
  const given = (c: string) => r.framework.get(c)?.value;
  const name = given("framework_name");
  let id = given("framework");
  if (!id || !isId(id)) {
    id = slugify(id ?? name ?? "imported");
    log.bend("guessed", r.framework.get("framework")?.at ?? top, `framework id: ${id}`);
  }
  const frameworkName = name ?? labelFromId(id);
  if (!name) log.bend("guessed", top, `framework name: ${frameworkName}`);
  // Every level needs a track: the one track there is, or a track made for them.
  const untracked = [...r.levels].filter(([, l]) => !field(l, "track"));
  if (untracked.length) {
    const only = r.tracks.size === 1 ? [...r.tracks.keys()][0] : undefined;
    const track = only ?? "main";
    if (!only) r.tracks.set("main", { at: top, fields: new Map([["name", { value: "Main", at: top }]]) });
    for (const [key, level] of untracked) {
      level.fields.set("track", { value: track, at: level.at });
      log.bend("guessed", level.at, `level ${key} has no track; put on track ${track}`);
    }
  }
  for (const [key, level] of r.levels) {
    const track = field(level, "track") as string;
    if (!r.tracks.has(track)) r.tracks.set(track, { at: level.at, fields: new Map() });
    log.from(`levels.${key}`, level.at);
  }
  const trackIds = idsFor(r.tracks.keys());
  const levelIds = idsFor(r.levels.keys());
  const { levels, pointLevels } = buildLevels(r, trackIds, levelIds);
  if (!r.followsColumn) guessFollows(levels, log, r);
  const scales = buildScales(r);
  const people = buildRoles(r, levelIds);
  log.check();
  const areas = buildAreas(r, { levelIds, scales, owners: people.owners }, top);
  const sources: Source[] = [...r.sources].map(([sid, s]) => {
    if (!s.title) log.bend("guessed", s.at, `source ${sid} has no title; titled by its id`);
    return { id: sid, title: s.title ?? labelFromId(sid), ...(s.url ? { url: s.url } : {}) };
  });
  for (const [key, t] of r.tracks) log.from(`tracks.${trackIds.get(key)}`, t.at);
  const version = given("version");
  const pointsDescription = given("points_description");
  return {
    rungs: 2,
    id,
    name: frameworkName,
    ...(version ? { version } : {}),
    tracks: [...r.tracks].map(([key, t]) => ({
      id: trackIds.get(key) as string,
      name: nameOf(key, t),
      ...described(t),
    })),
    ...(r.bands.size
      ? {
          ratingScale: [...r.bands].map(([bid, b]) => ({
            id: bid,
            name: b.name,
            ...(b.description ? { description: b.description.value } : {}),
          })),
        }
      : {}),
    ...(scales.list.length ? { scales: scales.list } : {}),
    ...(Object.keys(pointLevels).length || pointsDescription
      ? { points: { levels: pointLevels, ...(pointsDescription ? { description: pointsDescription } : {}) } }
      : {}),
    levels,
    ...(areas.length ? { areas } : {}),
    ...(people.roles.length ? { roles: people.roles } : {}),
    ...(people.families.length ? { families: people.families } : {}),
    ...(sources.length ? { sources } : {}),
  };
}

/** The levels, with the point total that reaches each where the rows give one (the points rule). */
function buildLevels(
  r: LayoutDrafts,
  trackIds: Map<string, string>,
  levelIds: Map<string, string>,
): { levels: Level[]; pointLevels: Record<string, number> } {
  const { log } = r;
  const levels: Level[] = [];
  const pointLevels: Record<string, number> = {};
  for (const [key, level] of r.levels) {
    const lid = levelIds.get(key) as string;
    const follows = lines(field(level, "follows") ?? "", true).flatMap((k) => {
      const target = levelIds.get(k);
      if (target === undefined)
        log.error(level.fields.get("follows")?.at ?? level.at, `follows unknown level "${k}"`);
      return target === undefined ? [] : [target];
    });
    const rank = field(level, "rank");
    const title = field(level, "title");
    const band = field(level, "band");
    const markers = lines(field(level, "markers") ?? "") as Level["markers"] & string[];
    const points = field(level, "points");
    if (points) pointLevels[lid] = Number(points);
    const sources = lines(field(level, "sources") ?? "");
    levels.push({
      id: lid,
      name: nameOf(key, level),
      ...(title ? { title } : {}),
      track: trackIds.get(field(level, "track") as string) as string,
      ...(follows.length ? { follows } : {}),
      ...(rank ? { rank: Number(rank) } : {}),
      ...(band ? { band } : {}),
      ...(markers.length ? { markers } : {}),
      ...(sources.length ? { sources } : {}),
    });
  }
  return { levels, pointLevels };
}

/** Without a follows column: in each track, each level follows the one before it (by rank, then row). */
function guessFollows(levels: Level[], log: ImportLog, r: LayoutDrafts): void {
  const byTrack = new Map<string, Level[]>();
  // pushed, not copied: a sheet at the row limit may hold tens of thousands of levels
  for (const level of levels) {
    const list = byTrack.get(level.track);
    if (list) list.push(level);
    else byTrack.set(level.track, [level]);
  }
  const at = r.levels.values().next().value?.at ?? { file: "input" };
  for (const [track, list] of byTrack) {
    const ordered = list
      .map((level, i) => ({ level, i }))
      .sort((a, b) => (a.level.rank ?? a.i) - (b.level.rank ?? b.i) || a.i - b.i)
      .map((x) => x.level);
    ordered.forEach((level, i) => {
      const previous = ordered[i - 1];
      if (previous) level.follows = [previous.id];
    });
    if (ordered.length > 1)
      log.bend(
        "guessed",
        at,
        `no follows column: the levels of track ${track} follow each other in row order`,
      );
  }
}

/** The shared scales (rows with a `scale`), and each one's id and step ids by the key the rows used. */
function buildScales(r: LayoutDrafts): { list: Scale[]; byKey: Map<string, ScaleIds> } {
  const scaleIds = idsFor(r.scales.keys());
  const list: Scale[] = [];
  const byKey = new Map<string, ScaleIds>();
  for (const [key, s] of r.scales) {
    const id = scaleIds.get(key) as string;
    const built = buildSteps(r, scaleOwner(key), `scale ${key}`);
    if (!built) {
      r.log.error(
        s.at,
        `scale ${key} has no steps: add a row per step, with the scale and step columns and no level`,
      );
      continue;
    }
    list.push({ id, ...givenName(key, s), ...described(s), steps: built.steps });
    byKey.set(key, { id, steps: built.ids });
  }
  return { list, byKey };
}

type Family = NonNullable<Framework["families"]>[number];

/** Roles (declared by rows without a competency) with their family and levels, and the families. */
function buildRoles(
  r: LayoutDrafts,
  levelIds: Map<string, string>,
): { roles: Role[]; families: Family[]; owners: Owners } {
  const familyIds = idsFor(r.families.keys());
  const declared = [...r.roles]
    .filter(([, d]) => d.declared !== undefined)
    .sort(([, a], [, b]) => (a.declared as number) - (b.declared as number));
  const roleIds = idsFor(declared.map(([key]) => key));
  const roles = declared.map(([key, d]): Role => {
    const id = roleIds.get(key) as string;
    const family = field(d, "family");
    if (!family) r.log.error(d.at, `role ${key} has no family: fill the family column on its rows`);
    r.log.from(`roles.${id}`, d.at);
    return {
      id,
      name: nameOf(key, d),
      family: familyIds.get(family ?? "") ?? "",
      levels: [...(r.roleLevels.get(key)?.keys() ?? [])].map((l) => levelIds.get(l) as string),
    };
  });
  const families = [...r.families].map(([key, f]): Family => {
    const id = familyIds.get(key) as string;
    r.log.from(`families.${id}`, f.at);
    return { id, name: nameOf(key, f), ...described(f) };
  });
  // a role's own cell names a role or a family; a role and a family with one id: the role
  const owners: Owners = new Map([...familyIds, ...roleIds]);
  return { roles, families, owners };
}
