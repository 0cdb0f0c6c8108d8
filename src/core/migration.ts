/**
 * The migration map of a framework version: what became of the ids the previous version had. An entry that
 * was renamed names its old ids in `renamedFrom`; an id that is gone is listed in `migration` with its fate
 * (replaced by, merged into, split into, or retired). The diff confirms renames with it, the linter checks it
 * covers every removal, and carried assessments follow it (carry.ts). Pure.
 */
import type { Framework, MigrationKind } from "./schema.js";

export type Fate =
  | { fate: "renamed"; to: string }
  | { fate: "replaced"; to: string }
  | { fate: "merged"; to: string }
  | { fate: "split"; to: string[] }
  | { fate: "retired"; note: string };

/** Old id → its fate, per kind. The first claim on an old id wins (the linter reports the others). */
export type MigrationMap = Map<MigrationKind, Map<string, Fate>>;

interface Named {
  id: string;
  renamedFrom?: string[] | undefined;
}

/** The entries of one kind in a framework, in reading order. */
export function entriesOf(framework: Framework, kind: MigrationKind): readonly Named[] {
  switch (kind) {
    case "track":
      return framework.tracks ?? [];
    case "level":
      return framework.levels ?? [];
    case "area":
      return framework.areas ?? [];
    case "competency":
      return (framework.areas ?? []).flatMap((a) => a.competencies);
    case "role":
      return framework.roles ?? [];
  }
}

/** The fate a migration entry gives, or undefined unless it gives exactly one. */
export function fateOfEntry(entry: NonNullable<Framework["migration"]>[number]): Fate | undefined {
  const fates: Fate[] = [
    ...(entry.replacedBy !== undefined ? [{ fate: "replaced", to: entry.replacedBy } as const] : []),
    ...(entry.mergedInto !== undefined ? [{ fate: "merged", to: entry.mergedInto } as const] : []),
    ...(entry.splitInto !== undefined ? [{ fate: "split", to: entry.splitInto } as const] : []),
    ...(entry.retired !== undefined ? [{ fate: "retired", note: entry.retired } as const] : []),
  ];
  return fates.length === 1 ? fates[0] : undefined;
}

/** Every fate the framework declares: renames from `renamedFrom`, the rest from `migration`. */
export function migrationMap(framework: Framework): MigrationMap {
  const map: MigrationMap = new Map();
  const claim = (kind: MigrationKind, id: string, fate: Fate) => {
    const ofKind = map.get(kind) ?? new Map<string, Fate>();
    map.set(kind, ofKind);
    if (!ofKind.has(id)) ofKind.set(id, fate);
  };
  for (const kind of ["track", "level", "area", "competency", "role"] as const)
    for (const entry of entriesOf(framework, kind))
      for (const old of entry.renamedFrom ?? []) claim(kind, old, { fate: "renamed", to: entry.id });
  for (const entry of framework.migration ?? []) {
    const fate = fateOfEntry(entry);
    if (fate) claim(entry.kind, entry.id, fate);
  }
  return map;
}

/** The ids a fate leads to in the new version (none for a retirement). */
export function successors(fate: Fate): string[] {
  if (fate.fate === "retired") return [];
  return fate.fate === "split" ? fate.to : [fate.to];
}

/** One fate of a competency or a level, as a snapshot keeps its version's map (the kinds picks name). */
export interface MapEntry {
  kind: "competency" | "level";
  id: string;
  fate: Fate;
}

/** The competency and level part of a map, as a list a snapshot stores. */
export function mapEntries(map: MigrationMap): MapEntry[] {
  return (["competency", "level"] as const).flatMap((kind) =>
    [...(map.get(kind) ?? [])].map(([id, fate]) => ({ kind, id, fate })),
  );
}

/** A map again from the list a snapshot stores. */
export function mapOfEntries(entries: readonly MapEntry[]): MigrationMap {
  const map: MigrationMap = new Map();
  for (const { kind, id, fate } of entries) {
    const ofKind = map.get(kind) ?? new Map<string, Fate>();
    map.set(kind, ofKind);
    if (!ofKind.has(id)) ofKind.set(id, fate);
  }
  return map;
}
