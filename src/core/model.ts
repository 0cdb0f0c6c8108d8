/**
 * The loaded framework, indexed for reading: entities by id, the level graph in both directions, and a
 * stable order of levels (roots first, each level after everything it follows).
 */
import type {
  Area,
  Competency,
  Dimension,
  Expectation,
  ExpectationDetail,
  Framework,
  Level,
  Role,
  Scale,
  Source,
  Track,
} from "./schema.js";

export interface CompetencyRef {
  competency: Competency;
  area: Area;
}

export interface FrameworkIndex {
  framework: Framework;
  tracks: Map<string, Track>;
  levels: Map<string, Level>;
  areas: Map<string, Area>;
  competencies: Map<string, CompetencyRef>;
  roles: Map<string, Role>;
  sources: Map<string, Source>;
  dimensions: Map<string, Dimension>;
  /** Level id → ids of the levels that follow it (known levels only). */
  successors: Map<string, string[]>;
  /** Level id → ids of the known levels it follows. */
  predecessors: Map<string, string[]>;
  /** Every level id, roots first, each after the levels it follows (declaration order breaks ties). */
  levelOrder: string[];
  /**
   * The id the framework is served under when it differs from its own (two served frameworks share an
   * id and the second gets a suffix): what keeps their CASE and JSON-LD identifiers apart.
   */
  servedAs?: string;
}

function byId<T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items ?? []) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

/** Indexes a framework. Duplicate ids keep their first entry (the linter reports the rest). */
export function indexFramework(framework: Framework): FrameworkIndex {
  const levels = byId(framework.levels);
  const successors = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  for (const id of levels.keys()) {
    successors.set(id, []);
    predecessors.set(id, []);
  }
  for (const level of levels.values()) {
    for (const from of new Set(level.follows ?? [])) {
      if (!levels.has(from)) continue;
      successors.get(from)?.push(level.id);
      predecessors.get(level.id)?.push(from);
    }
  }
  const competencies = new Map<string, CompetencyRef>();
  for (const area of framework.areas ?? []) {
    for (const competency of area.competencies) {
      if (!competencies.has(competency.id)) competencies.set(competency.id, { competency, area });
    }
  }
  return {
    framework,
    tracks: byId(framework.tracks),
    levels,
    areas: byId(framework.areas),
    competencies,
    roles: byId(framework.roles),
    sources: byId(framework.sources),
    dimensions: byId(framework.dimensions),
    successors,
    predecessors,
    levelOrder: topologicalOrder([...levels.keys()], predecessors, successors),
  };
}

/** Kahn's algorithm; levels caught in a cycle are appended in declaration order so none is lost. */
function topologicalOrder(
  ids: string[],
  predecessors: Map<string, string[]>,
  successors: Map<string, string[]>,
): string[] {
  const waiting = new Map(ids.map((id) => [id, predecessors.get(id)?.length ?? 0]));
  const order: string[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const id of ids) {
      if (waiting.get(id) !== 0) continue;
      waiting.set(id, -1);
      order.push(id);
      progress = true;
      for (const next of successors.get(id) ?? []) waiting.set(next, (waiting.get(next) ?? 1) - 1);
    }
  }
  for (const id of ids) if ((waiting.get(id) ?? 0) >= 0) order.push(id);
  return order;
}

/** The levels a competency spans: its own list, else its area's, else every level. */
export function competencySpan(index: FrameworkIndex, competency: Competency, area: Area): string[] {
  return competency.levels ?? area.levels ?? index.levelOrder;
}

/** The levels an area describes: its own list, else every level. */
export function areaSpan(index: FrameworkIndex, area: Area): string[] {
  return area.levels ?? index.levelOrder;
}

/** An expectation in its long form, whichever way it was written. */
export function expectationDetail(expectation: Expectation | undefined): ExpectationDetail | undefined {
  if (expectation === undefined) return undefined;
  return typeof expectation === "string" ? { statement: expectation } : expectation;
}

/**
 * True when a cell says something a reader can use: a statement, criteria, a step, rating-band texts, or the
 * `unchanged` marker (the previous level's expectation holds).
 */
export function hasContent(detail: ExpectationDetail): boolean {
  return (
    detail.statement !== undefined ||
    (detail.criteria?.length ?? 0) > 0 ||
    detail.step !== undefined ||
    detail.unchanged === true ||
    Object.keys(detail.ratings ?? {}).length > 0
  );
}

/**
 * What a framework's mapping (expectations, dimensions, codes, takeaways, ratings, responsibilities…) holds
 * under `key`, an id written in a file: own entries only, so an id such as `constructor` finds nothing
 * instead of what every object inherits.
 */
export function entryOf<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The level's code in a scheme, or its first code, or its name. */
export function levelLabel(level: Level, scheme?: string): string {
  const codes = level.codes ?? {};
  return (scheme && entryOf(codes, scheme)) || (Object.values(codes)[0] ?? level.name);
}

/** The label made from an id where a file gives no name: `technical-skills` → `Technical skills`. */
export function labelFromId(id: string): string {
  const words = id.split(/[-_.]+/).join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An entity's name, or the label made from its id when the file leaves the name out (format 2). */
export function displayName(entity: { id: string; name?: string | undefined }): string {
  return entity.name ?? labelFromId(entity.id);
}

/**
 * The framework with every area, competency and scale step given its display name where the file leaves it
 * out (format 2 makes these names optional), so that every page and export has a name to show. Copies what
 * it fills, never changing what it is given: the values of a file may be shared by several loads (a diff's
 * two versions), and the loader's locations follow each copy through `copied(copy, original)`.
 */
export function fillDisplayNames(
  framework: Framework,
  copied: (copy: object, original: object) => void = () => {},
): Framework {
  const copy = <T extends object>(original: T, changes: Partial<T>): T => {
    const out = { ...original, ...changes };
    copied(out, original);
    return out;
  };
  /** `list` with `fill` applied to each entry, or `list` itself when no entry needed it. */
  const each = <T extends object>(list: T[], fill: (entry: T) => T): T[] => {
    const out = list.map(fill);
    if (out.every((entry, i) => entry === list[i])) return list;
    copied(out, list);
    return out;
  };
  const named = <T extends { id: string; name?: string | undefined }>(entity: T): T =>
    entity.name === undefined ? copy(entity, { name: labelFromId(entity.id) } as Partial<T>) : entity;
  const scaled = <T extends { steps: Scale["steps"] }>(scale: T): T => {
    const steps = each(scale.steps, named);
    return steps === scale.steps ? scale : copy(scale, { steps } as Partial<T>);
  };
  const competency = (c: Competency): Competency => {
    const scale = typeof c.scale === "object" ? scaled(c.scale) : c.scale;
    const out = named(c);
    if (scale === c.scale) return out;
    return out === c ? copy(c, { scale }) : Object.assign(out, { scale });
  };
  const area = (a: Area): Area => {
    const competencies = each(a.competencies, competency);
    const out = named(a);
    if (competencies === a.competencies) return out;
    return out === a ? copy(a, { competencies }) : Object.assign(out, { competencies });
  };
  const changes: Partial<Framework> = {};
  if (framework.scales) {
    const scales = each(framework.scales, scaled);
    if (scales !== framework.scales) changes.scales = scales;
  }
  if (framework.areas) {
    const areas = each(framework.areas, area);
    if (areas !== framework.areas) changes.areas = areas;
  }
  return changes.scales || changes.areas ? copy(framework, changes) : framework;
}
