/**
 * The migration map rules: `migration-entry` (an entry of the map that says nothing, too much, or points at
 * nothing) and `unmapped-removal` (an id of the previous version that is gone without the map saying where).
 * The previous version is loaded by the loader (src/load/previous-version.ts) from the `previous:` field.
 */
import type { Reporter } from "./lint-reporter.js";
import { entriesOf, fateOfEntry, migrationMap, successors } from "./migration.js";
import { MIGRATION_KINDS } from "./migration-kinds.js";
import type { Framework, MigrationKind } from "./schema.js";

/** The previous version as the loader found it: the framework, or why it could not be read. */
export type PreviousVersion = { framework: Framework } | { error: string };

const PLURAL: Record<MigrationKind, string> = {
  track: "tracks",
  level: "levels",
  area: "areas",
  competency: "competencies",
  role: "roles",
};

export function checkMigration(framework: Framework, r: Reporter, previous?: PreviousVersion): void {
  const current = new Map(MIGRATION_KINDS.map((k) => [k, new Set(entriesOf(framework, k).map((e) => e.id))]));
  const has = (kind: MigrationKind, id: string) => current.get(kind)?.has(id) === true;
  const claimed = new Set<string>();
  const claim = (owner: object, key: string | number, kind: MigrationKind, id: string) => {
    if (has(kind, id))
      r.report("migration-entry", owner, key, `${kind} "${id}" still exists: only a removed id has a fate`);
    else if (claimed.has(`${kind}\0${id}`))
      r.report("migration-entry", owner, key, `${kind} "${id}" is given a fate twice`);
    claimed.add(`${kind}\0${id}`);
  };
  for (const kind of MIGRATION_KINDS)
    for (const entry of entriesOf(framework, kind))
      for (const [i, old] of (entry.renamedFrom ?? []).entries())
        claim(entry.renamedFrom as object, i, kind, old);
  for (const entry of framework.migration ?? []) {
    claim(entry, "id", entry.kind, entry.id);
    const fate = fateOfEntry(entry);
    if (!fate) {
      r.report(
        "migration-entry",
        entry,
        undefined,
        `the migration of ${entry.kind} "${entry.id}" must give exactly one of replacedBy, mergedInto, splitInto, retired`,
      );
      continue;
    }
    for (const to of successors(fate))
      if (!has(entry.kind, to))
        r.report(
          "migration-entry",
          entry,
          fate.fate === "split" ? "splitInto" : fate.fate === "merged" ? "mergedInto" : "replacedBy",
          `${entry.kind} "${entry.id}" leads to "${to}", which is not one of this version's ${PLURAL[entry.kind]}`,
        );
  }
  if (!previous || framework.previous === undefined) return;
  if ("error" in previous) {
    r.report(
      "previous-version",
      framework,
      "previous",
      `cannot read the previous version: ${previous.error}`,
    );
    return;
  }
  const map = migrationMap(framework);
  for (const kind of MIGRATION_KINDS)
    for (const { id } of entriesOf(previous.framework, kind))
      if (!has(kind, id) && !map.get(kind)?.has(id))
        r.report(
          "unmapped-removal",
          framework,
          "previous",
          `${kind} "${id}" of the previous version is gone without a fate`,
          `add "renamedFrom: [${id}]" to the ${kind} that took its place, or list it under migration (replacedBy, mergedInto, splitInto or retired)`,
        );
}
