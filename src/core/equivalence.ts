/**
 * Level equivalence across frameworks: each framework places its levels on the rungs reference scale
 * (`reference: { rank, to?, match? }`), so P4 in one framework can be read as ≈ L5 in another.
 *
 * CONTRACT (shared by the core implementation, the CLI and the web pages).
 */
import type { FrameworkIndex } from "./model.js";
import type { Level } from "./schema.js";

/**
 * The rungs reference scale: 12 steps, described in docs/job-architecture.md. A step is a breadth of
 * scope, not a title: organisations of different sizes give the same step different titles.
 */
export const REFERENCE_SCALE: { rank: number; name: string; description: string }[] = [
  {
    rank: 1,
    name: "Entry",
    description: "Learns the work on small, fully specified tasks, with close guidance.",
  },
  {
    rank: 2,
    name: "Developing",
    description: "Delivers well-defined work of their own, with regular guidance and review.",
  },
  {
    rank: 3,
    name: "Career",
    description: "Works independently on the problems of one team: the working level of a profession.",
  },
  {
    rank: 4,
    name: "Senior",
    description: "Owns complex work in an area end to end, and raises the people working next to them.",
  },
  {
    rank: 5,
    name: "Lead / expert",
    description: "Leads the work of a team, or is the recognised expert for an area.",
  },
  {
    rank: 6,
    name: "Staff / manager",
    description: "Reaches across several teams through expertise, or runs a team through its people.",
  },
  {
    rank: 7,
    name: "Principal / senior manager",
    description: "Shapes a whole domain or group of teams; as a manager, leads other managers.",
  },
  {
    rank: 8,
    name: "Distinguished / head of function",
    description: "Sets direction for a whole function or discipline of the organisation.",
  },
  {
    rank: 9,
    name: "Executive",
    description:
      "Answers for a function to the top of the organisation; in a small company, its top officer for it.",
  },
  {
    rank: 10,
    name: "Senior executive",
    description: "Leads several functions or a large business unit.",
  },
  {
    rank: 11,
    name: "Executive officer",
    description: "Sits on the top executive team of a large organisation and shares its overall direction.",
  },
  { rank: 12, name: "Chief officer", description: "Leads the whole organisation: its chief executive." },
];

/** The lowest and highest step of the reference scale. */
export const REFERENCE_MIN = 1;
export const REFERENCE_MAX = REFERENCE_SCALE.length;

export interface EquivalenceCell {
  framework: string;
  level: string;
  levelName: string;
  code?: string;
  match: "exact" | "close" | "broad" | "narrow";
  /** The level's range on the scale (from = to for a single step). */
  from: number;
  to: number;
}

export interface EquivalenceTable {
  frameworks: { id: string; name: string }[];
  /** One row per reference step; per framework the levels that sit at it (a range appears on every step). */
  rows: { rank: number; name: string; description: string; cells: Record<string, EquivalenceCell[]> }[];
  /** Levels without a reference, per framework: they appear in no row. */
  unplaced: Record<string, string[]>;
}

/**
 * A level's placement on the scale as a cell, or undefined when it has no `reference`. A range written
 * backwards (`to` below `rank`) is read in order; the `reference-order` lint rule reports it.
 */
export function equivalenceCell(index: FrameworkIndex, level: Level): EquivalenceCell | undefined {
  const reference = level.reference;
  if (!reference) return undefined;
  const to = reference.to ?? reference.rank;
  const code = Object.values(level.codes ?? {})[0];
  return {
    framework: index.framework.id,
    level: level.id,
    levelName: level.name,
    ...(code !== undefined ? { code } : {}),
    match: reference.match ?? "exact",
    from: Math.min(reference.rank, to),
    to: Math.max(reference.rank, to),
  };
}

/** Every placed level of a framework as a cell, in the framework's level order. */
function frameworkCells(index: FrameworkIndex): EquivalenceCell[] {
  const cells: EquivalenceCell[] = [];
  for (const id of index.levelOrder) {
    const level = index.levels.get(id);
    const cell = level && equivalenceCell(index, level);
    if (cell) cells.push(cell);
  }
  return cells;
}

/** Whether the framework places any level on the reference scale: else the equivalence table has nothing of it. */
export function placesLevels(index: FrameworkIndex): boolean {
  for (const level of index.levels.values()) if (level.reference) return true;
  return false;
}

/**
 * The equivalence table of several frameworks: every step of the scale (all twelve, so the table always
 * shows the whole scale), and under each framework the levels placed there in its level order. Every
 * framework has a key in every row's `cells` and in `unplaced`, with an empty list where it has nothing.
 */
export function equivalenceTable(indexes: FrameworkIndex[]): EquivalenceTable {
  const cellsByFramework = new Map(indexes.map((index) => [index.framework.id, frameworkCells(index)]));
  const rows = REFERENCE_SCALE.map((step) => {
    const cells: Record<string, EquivalenceCell[]> = {};
    for (const index of indexes) {
      const id = index.framework.id;
      cells[id] = (cellsByFramework.get(id) ?? []).filter((c) => c.from <= step.rank && step.rank <= c.to);
    }
    return { ...step, cells };
  });
  const unplaced: Record<string, string[]> = {};
  for (const index of indexes) {
    unplaced[index.framework.id] = index.levelOrder.filter((id) => !index.levels.get(id)?.reference);
  }
  return {
    frameworks: indexes.map((index) => ({ id: index.framework.id, name: index.framework.name })),
    rows,
    unplaced,
  };
}

const MATCH_ORDER: Record<EquivalenceCell["match"], number> = { exact: 0, close: 1, narrow: 2, broad: 3 };

/**
 * The levels of the other frameworks whose range overlaps this one's, nearest first: by the distance
 * between the ranges' midpoints, then the narrower range, then the better match (exact, close, narrow,
 * broad), then framework and level order. Empty when the framework or level is unknown or not placed.
 */
export function equivalents(indexes: FrameworkIndex[], framework: string, level: string): EquivalenceCell[] {
  const own = indexes.find((i) => i.framework.id === framework);
  const ownLevel = own?.levels.get(level);
  const cell = own && ownLevel && equivalenceCell(own, ownLevel);
  if (!cell) return [];
  const middle = (c: EquivalenceCell) => (c.from + c.to) / 2;
  const found: { cell: EquivalenceCell; order: number }[] = [];
  for (const index of indexes) {
    if (index.framework.id === framework) continue;
    for (const other of frameworkCells(index)) {
      if (other.from <= cell.to && cell.from <= other.to) found.push({ cell: other, order: found.length });
    }
  }
  return found
    .sort(
      (a, b) =>
        Math.abs(middle(a.cell) - middle(cell)) - Math.abs(middle(b.cell) - middle(cell)) ||
        a.cell.to - a.cell.from - (b.cell.to - b.cell.from) ||
        MATCH_ORDER[a.cell.match] - MATCH_ORDER[b.cell.match] ||
        a.order - b.order,
    )
    .map((f) => f.cell);
}

/** The step of the scale with this rank, or undefined outside 1–12. */
export function referenceStep(rank: number): { rank: number; name: string; description: string } | undefined {
  return REFERENCE_SCALE.find((s) => s.rank === rank);
}

export type { FrameworkIndex };
