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
 * Gives every area, competency and scale step its display name where the file leaves it out (format 2
 * makes these names optional), so that every page and export has a name to show. Mutates in place: the
 * loader calls it once on the framework it returns.
 */
export function fillDisplayNames(framework: Framework): void {
  const fill = (entity: { id: string; name?: string | undefined }) => {
    if (entity.name === undefined) entity.name = labelFromId(entity.id);
  };
  for (const scale of framework.scales ?? []) scale.steps.forEach(fill);
  for (const area of framework.areas ?? []) {
    fill(area);
    for (const competency of area.competencies) {
      fill(competency);
      if (typeof competency.scale === "object") competency.scale.steps.forEach(fill);
    }
  }
}
