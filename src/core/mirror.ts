/**
 * The mirror: a reader's own pick, per competency, of the level whose expectation describes them, and the
 * gaps from those picks to a target level. "A mirror, not a scorecard": the picks live only in the URL hash
 * (`#pick=<competency>:<level>,…&target=<level>`) and nothing here rates anyone.
 *
 * Pure and free of Node imports: the browser island (src/web/islands/mirror.ts) bundles this module, and
 * assessment features reuse the gap math on the server.
 */

import { resolveCell, scaleSteps } from "./cells.js";
import { levelRanks } from "./ladder-layout.js";
import {
  type CompetencyRef,
  competencySpan,
  entryOf,
  expectationDetail,
  type FrameworkIndex,
  labelFromId,
} from "./model.js";

/** Same rule as the schema's ids; anything else in a hash is ignored. */
const ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

export interface MirrorState {
  /** Competency id → picked level id, in the order they were written. */
  picks: Map<string, string>;
  /** Format 2: competency id → the step of its scale the reader picked (for competencies with a scale). */
  steps?: Map<string, string>;
  /**
   * Format 2: the criteria the reader ticked as shown, each `<competency>/<level>/<criterion key>` (the level
   * the criterion was written at, so a criterion carried forward is one tick wherever it appears).
   */
  ticks?: Set<string>;
  target?: string;
}

export interface MirrorLevel {
  id: string;
  /** Levels compare by rank, so a pick on one track can be measured against a target on another. */
  rank: number;
  track?: string;
  /** Ids of the levels that follow this one. */
  next?: string[];
}

export interface MirrorCompetency {
  id: string;
  /**
   * The expectation per level id (absent where the competency has none): its statement, or the text that
   * stands for the cell where it has none (criteria, a step, the band that meets the bar).
   */
  expectations: Record<string, string | undefined>;
  /** Format 2: the competency's scale, lowest step first, where it has one (pick a step instead of a level). */
  steps?: { id: string; name: string }[];
  /** The step each level asks for, by level id. */
  stepByLevel?: Record<string, string>;
  /**
   * The criteria of each level, by level id, each by its key (tick those shown instead of picking a level);
   * `from` is the level a carried-forward criterion was written at.
   */
  criteria?: Record<string, MirrorCriterion[]>;
}

export interface MirrorCriterion {
  id: string;
  text: string;
  from?: string;
}

/** What the gap math needs to know about a framework: built from an index or read from a page. */
export interface MirrorData {
  /** In level order. */
  levels: MirrorLevel[];
  /** In reading order; ties between equal gaps keep this order. */
  competencies: MirrorCompetency[];
}

export interface MirrorGap {
  competency: string;
  pick: string;
  /** Ranks between the pick and the target (> 0). */
  gap: number;
  /** The target level's expectation for this competency: where to push next. */
  expectation?: string;
}

export interface MirrorStrength {
  competency: string;
  pick: string;
  /** Ranks the pick is above the target (0 = at the target). */
  ahead: number;
}

export interface MirrorResult {
  target: string;
  /** Largest gap first. */
  gaps: MirrorGap[];
  /** Competencies picked at or above the target, furthest ahead first. */
  strengths: MirrorStrength[];
  /** Competencies without a pick, in reading order. */
  unpicked: string[];
}

function isId(value: string): boolean {
  return ID.test(value);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A link is no place for an unbounded list: more ticks than any framework has criteria are dropped. */
const MAX_TICKS = 2000;

/** The key of a ticked criterion (see `MirrorState.ticks`). */
export function tickKey(competency: string, level: string, criterion: string): string {
  return `${competency}/${level}/${criterion}`;
}

/** Reads the mirror from a URL hash (with or without "#"). Malformed parts are skipped, never thrown on. */
export function parseMirrorHash(hash: string): MirrorState {
  const state: MirrorState = { picks: new Map() };
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  for (const part of text.split("&")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq);
    const value = safeDecode(part.slice(eq + 1));
    if (key === "pick") {
      for (const pair of value.split(",")) {
        const colon = pair.indexOf(":");
        if (colon < 0) continue;
        const competency = pair.slice(0, colon);
        const level = pair.slice(colon + 1);
        if (isId(competency) && isId(level) && !state.picks.has(competency))
          state.picks.set(competency, level);
      }
    } else if (key === "step") {
      for (const pair of value.split(",")) {
        const [competency = "", step = "", extra] = pair.split(":");
        if (extra !== undefined || !isId(competency) || !isId(step)) continue;
        state.steps ??= new Map();
        if (!state.steps.has(competency)) state.steps.set(competency, step);
      }
    } else if (key === "tick") {
      for (const tick of value.split(",")) {
        const parts = tick.split("/");
        if (parts.length !== 3 || !parts.every(isId)) continue;
        state.ticks ??= new Set();
        if (state.ticks.size < MAX_TICKS) state.ticks.add(tick);
      }
    } else if (key === "target" && isId(value) && state.target === undefined) {
      state.target = value;
    }
  }
  return state;
}

/** Writes the mirror as a URL hash without "#" ("" when there is nothing to keep). Ids need no escaping. */
export function serializeMirrorHash(state: MirrorState): string {
  const parts: string[] = [];
  const picks = [...state.picks].filter(([c, l]) => isId(c) && isId(l));
  if (picks.length) parts.push(`pick=${picks.map(([c, l]) => `${c}:${l}`).join(",")}`);
  const steps = [...(state.steps ?? [])].filter(([c, s]) => isId(c) && isId(s));
  if (steps.length) parts.push(`step=${steps.map(([c, s]) => `${c}:${s}`).join(",")}`);
  const ticks = [...(state.ticks ?? [])].filter((t) => t.split("/").length === 3 && t.split("/").every(isId));
  if (ticks.length) parts.push(`tick=${ticks.join(",")}`);
  if (state.target && isId(state.target)) parts.push(`target=${state.target}`);
  return parts.join("&");
}

/** True when a hash is a mirror hash (and not, say, a link to one cell). */
export function isMirrorHash(hash: string): boolean {
  return /^#?(pick|step|tick|target)=/.test(hash);
}

/**
 * The gaps from the picks to the target, by level rank. Picks of unknown competencies or levels are
 * ignored. A pick at the target's rank (on any track) is a strength with `ahead` 0, never a gap.
 */
export function mirrorGaps(
  data: MirrorData,
  picks: ReadonlyMap<string, string>,
  target: string,
): MirrorResult {
  const rank = new Map(data.levels.map((l) => [l.id, l.rank]));
  const targetRank = rank.get(target);
  const gaps: (MirrorGap & { i: number })[] = [];
  const strengths: (MirrorStrength & { i: number })[] = [];
  const unpicked: string[] = [];
  data.competencies.forEach((competency, i) => {
    const pick = picks.get(competency.id);
    const pickRank = pick === undefined ? undefined : rank.get(pick);
    if (pick === undefined || pickRank === undefined || targetRank === undefined) {
      unpicked.push(competency.id);
      return;
    }
    const gap = targetRank - pickRank;
    if (gap > 0) {
      const expectation = entryOf(competency.expectations, target);
      gaps.push({ competency: competency.id, pick, gap, ...(expectation ? { expectation } : {}), i });
    } else {
      strengths.push({ competency: competency.id, pick, ahead: pickRank - targetRank, i });
    }
  });
  gaps.sort((a, b) => b.gap - a.gap || a.i - b.i);
  strengths.sort((a, b) => b.ahead - a.ahead || a.i - b.i);
  return {
    target,
    gaps: gaps.map(({ i: _, ...g }) => g),
    strengths: strengths.map(({ i: _, ...s }) => s),
    unpicked,
  };
}

/**
 * The target to offer first. Nothing picked: the first level. Otherwise the reader's most common pick (ties
 * go to the higher rank, then the later level) and the level after it: a successor on the same track if
 * there is one, else the first successor; when no successor is among `data.levels`, the lowest level ranked
 * above it (same track first). At the top of the ladder the pick itself.
 */
export function defaultTarget(data: MirrorData, picks: ReadonlyMap<string, string>): string | undefined {
  const levels = new Map(data.levels.map((l, i) => [l.id, { ...l, i }]));
  const counts = new Map<string, number>();
  for (const level of picks.values()) if (levels.has(level)) counts.set(level, (counts.get(level) ?? 0) + 1);
  // no picks, no target: the lowest level is nobody's default (issue 17, item 2)
  if (counts.size === 0) return undefined;
  let mode: (MirrorLevel & { i: number }) | undefined;
  let best = 0;
  for (const [id, count] of counts) {
    const level = levels.get(id);
    if (!level) continue;
    if (
      !mode ||
      count > best ||
      (count === best && (level.rank > mode.rank || (level.rank === mode.rank && level.i > mode.i)))
    ) {
      mode = level;
      best = count;
    }
  }
  if (!mode) return data.levels[0]?.id;
  const from = mode;
  const successors = (from.next ?? []).flatMap((id) => {
    const l = levels.get(id);
    return l ? [l] : [];
  });
  const sameTrack = (l: MirrorLevel) => l.track !== undefined && l.track === from.track;
  const next = successors.find(sameTrack) ?? successors[0];
  if (next) return next.id;
  const above = data.levels.filter((l) => l.rank > from.rank);
  const lowest = Math.min(...above.map((l) => l.rank));
  const candidates = above.filter((l) => l.rank === lowest);
  return (candidates.find(sameTrack) ?? candidates[0] ?? from).id;
}

/** The mirror's data for a whole framework (for server-side features; the island reads the page instead). */
export function mirrorData(index: FrameworkIndex): MirrorData {
  const ranks = levelRanks(index);
  return {
    levels: index.levelOrder.map((id) => ({
      id,
      rank: ranks.get(id) ?? 0,
      track: index.levels.get(id)?.track ?? "",
      next: index.successors.get(id) ?? [],
    })),
    competencies: [...index.competencies.values()].map((ref) => mirrorCompetency(index, ref)),
  };
}

function mirrorCompetency(index: FrameworkIndex, ref: CompetencyRef): MirrorCompetency {
  const { competency, area } = ref;
  const span = competencySpan(index, competency, area);
  const expectations: Record<string, string> = {};
  const stepByLevel: Record<string, string> = {};
  const criteria: Record<string, MirrorCriterion[]> = {};
  for (const level of Object.keys(competency.expectations)) {
    if (!expectationDetail(entryOf(competency.expectations, level))) continue;
    const cell = resolveCell(index, ref, span, level);
    if (!cell) continue;
    const text = cell.statement ?? cell.text;
    if (text) expectations[level] = text;
    if (cell.step) stepByLevel[level] = cell.step.id;
    if (cell.criteria.length)
      criteria[level] = cell.criteria.map((c) => ({
        id: c.key,
        text: c.text,
        ...(c.from ? { from: c.from } : {}),
      }));
  }
  const steps = scaleSteps(index, competency);
  return {
    id: competency.id,
    expectations,
    ...(steps ? { steps: steps.map((s) => ({ id: s.id, name: s.name ?? labelFromId(s.id) })) } : {}),
    ...(Object.keys(stepByLevel).length ? { stepByLevel } : {}),
    ...(Object.keys(criteria).length ? { criteria } : {}),
  };
}

/**
 * The level a step pick stands for: the highest-ranked level whose expectation asks for that step or a
 * lower one. Undefined when the step is unknown or no level asks for a step that low.
 */
export function levelForStep(
  data: MirrorData,
  competency: MirrorCompetency,
  step: string,
): string | undefined {
  const order = (competency.steps ?? []).map((s) => s.id);
  const picked = order.indexOf(step);
  if (picked < 0) return undefined;
  let best: MirrorLevel | undefined;
  for (const level of data.levels) {
    const asks = competency.stepByLevel?.[level.id];
    if (asks === undefined || !Object.hasOwn(competency.stepByLevel ?? {}, level.id)) continue;
    const at = order.indexOf(asks);
    if (at >= 0 && at <= picked && (!best || level.rank > best.rank)) best = level;
  }
  return best?.id;
}

/**
 * The level ticked criteria stand for. The rule: a level counts as reached when every one of its criteria
 * is ticked (those it carries forward from an earlier level included), and the reader stands at the
 * highest-ranked level reached, whatever is ticked below it. `ticked` holds `<competency>/<level>/<criterion>`
 * keys (see `tickKey`), the level being the one a criterion was written at.
 */
export function levelForCriteria(
  data: MirrorData,
  competency: MirrorCompetency,
  ticked: ReadonlySet<string>,
): string | undefined {
  let best: MirrorLevel | undefined;
  for (const level of data.levels) {
    const list = Object.hasOwn(competency.criteria ?? {}, level.id)
      ? competency.criteria?.[level.id]
      : undefined;
    if (!list?.length) continue;
    if (!list.every((c) => ticked.has(tickKey(competency.id, c.from ?? level.id, c.id)))) continue;
    if (!best || level.rank > best.rank) best = level;
  }
  return best?.id;
}

/**
 * Every competency's place as the gap math reads it, in reading order: a step pick placed by `levelForStep`
 * where the competency has a scale, ticked criteria placed by `levelForCriteria` where it has criteria, else
 * the level picked. A competency whose step or ticks reach no level has no place yet.
 */
export function placedPicks(data: MirrorData, state: MirrorState): Map<string, string> {
  const placed = new Map<string, string>();
  for (const competency of data.competencies) {
    const step = state.steps?.get(competency.id);
    const mode = mirrorMode(competency);
    const level =
      mode === "step"
        ? step === undefined
          ? undefined
          : levelForStep(data, competency, step)
        : mode === "criteria"
          ? levelForCriteria(data, competency, state.ticks ?? new Set())
          : state.picks.get(competency.id);
    if (level !== undefined) placed.set(competency.id, level);
  }
  return placed;
}

/** How a reader places themselves in a competency: a step of its scale, ticked criteria, or a level. */
export function mirrorMode(competency: MirrorCompetency): "step" | "criteria" | "level" {
  if (competency.steps?.length && Object.keys(competency.stepByLevel ?? {}).length) return "step";
  if (Object.keys(competency.criteria ?? {}).length) return "criteria";
  return "level";
}
