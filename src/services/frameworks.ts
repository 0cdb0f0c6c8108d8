/**
 * Frameworks as use cases the web app and the CLI share: the frameworks that are served (loaded without
 * errors), one by id, a level or a role inside one by id (read-framework.ts reads one from disk for a command).
 * An id that is not there is a value (`Unknown`, with a suggestion), never an exception: the web maps it to
 * a 404 problem, a command to a usage error.
 */
import { placesLevels } from "../core/equivalence.js";
import type { FrameworkIndex } from "../core/model.js";
import type { Level, Role } from "../core/schema.js";
import { didYouMean } from "../core/text.js";
import { codesOccupations } from "../core/views/occupations.js";
import type { FrameworkRegistry, LoadedFramework } from "../load/registry.js";

/** A loaded framework that can be served, with its index. */
export interface Served {
  fw: LoadedFramework;
  index: FrameworkIndex;
}

/** What was asked for and is not there: its kind, the id, and a hint (the nearest id, or the ids there are). */
export interface Unknown {
  problem: "unknown";
  kind: "framework" | "level" | "role";
  id: string;
  hint: string;
}

/** A framework that is loaded but has errors: listed, not served (its diagnostics are). */
export interface Broken {
  problem: "broken";
  fw: LoadedFramework;
}

function unknown(kind: Unknown["kind"], id: string, known: Iterable<string>): Unknown {
  const ids = [...known];
  const hint = didYouMean(id, ids) ?? `${kind}s: ${ids.join(", ") || "none"}`;
  return { problem: "unknown", kind, id, hint };
}

/** Every framework that is served (no errors), in the registry's order, under its URL id. */
export function servedFrameworks(registry: FrameworkRegistry): Served[] {
  return registry.list().flatMap((fw) => (fw.ok && fw.index ? [{ fw, index: fw.index }] : []));
}

/** The framework with this URL id: served, broken (with its diagnostics), or unknown. */
export function findFramework(registry: FrameworkRegistry, id: string): Served | Broken | Unknown {
  const fw = registry.get(id);
  if (!fw)
    return unknown(
      "framework",
      id,
      registry.list().map((f) => f.id),
    );
  if (!fw.ok || !fw.index) return { problem: "broken", fw };
  return { fw, index: fw.index };
}

/** The framework a person is placed in, when it is served (undefined: no framework, or it cannot load now). */
export function servedFramework(
  registry: FrameworkRegistry,
  id: string | null | undefined,
): Served | undefined {
  if (!id) return undefined;
  const found = findFramework(registry, id);
  return "problem" in found ? undefined : found;
}

/** The served frameworks' indexes by URL id (what admin forms offer a person's framework from). */
export function indexesById(registry: FrameworkRegistry): Map<string, FrameworkIndex> {
  return new Map(servedFrameworks(registry).map(({ fw, index }) => [fw.id, index]));
}

/**
 * Every served framework by framework id, computed once per load of the registry (each load gives a new
 * list): every architecture page reads all frameworks, and the adjacent-roles panel sits on every role page.
 */
const indexCache = new WeakMap<readonly LoadedFramework[], Map<string, FrameworkIndex>>();
export function frameworkIndexes(registry: FrameworkRegistry): Map<string, FrameworkIndex> {
  const list = registry.list();
  const cached = indexCache.get(list);
  if (cached) return cached;
  const indexes = new Map<string, FrameworkIndex>();
  for (const { index } of servedFrameworks(registry)) {
    // two frameworks with one id: the registry renames the second's URLs, the core looks up by framework id
    if (!indexes.has(index.framework.id)) indexes.set(index.framework.id, index);
  }
  indexCache.set(list, indexes);
  return indexes;
}

/** The level with this id in a framework, or why not. */
export function findLevel(index: FrameworkIndex, id: string): Level | Unknown {
  return index.levels.get(id) ?? unknown("level", id, index.levels.keys());
}

/** The role with this id in a framework, or why not. */
export function findRole(index: FrameworkIndex, id: string): Role | Unknown {
  return index.roles.get(id) ?? unknown("role", id, index.roles.keys());
}

/** True for the answers of the lookups above that found nothing. */
export function isUnknown(value: object): value is Unknown {
  return (value as Partial<Unknown>).problem === "unknown";
}

/** Which pages across frameworks have something of these frameworks to show: a link to each is offered only then. */
export interface AcrossPages {
  /** Some level is placed on the reference scale (the level equivalence table). */
  equivalence: boolean;
  /** Some role has an occupation code (the occupation codes page). */
  occupations: boolean;
}

export function acrossPages(indexes: Iterable<FrameworkIndex>): AcrossPages {
  const list = [...indexes];
  return { equivalence: list.some(placesLevels), occupations: list.some(codesOccupations) };
}
