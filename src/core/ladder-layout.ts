/**
 * Geometry of the ladder drawing: the level graph laid out with the lowest level at the bottom, the trunk
 * and apex in the middle, and tracks that fork off side by side. Pure numbers, so the server and a test can
 * both use it.
 */
import type { FrameworkIndex } from "./model.js";

export interface LadderNode {
  id: string;
  x: number;
  y: number;
  track: string;
}

export interface LadderEdge {
  from: string;
  to: string;
  /** True when the edge changes track (a fork or a rejoin). */
  crossTrack: boolean;
}

export interface LadderLayout {
  width: number;
  height: number;
  nodeWidth: number;
  nodeHeight: number;
  nodes: LadderNode[];
  edges: LadderEdge[];
  /** Track columns, left to right, with their centre x. */
  columns: { track: string; x: number }[];
}

const NODE_W = 200;
const NODE_H = 62;
const GAP_X = 36;
const GAP_Y = 30;
const PAD = 16;

/**
 * Rank of each level: its own `rank` where the file gives one (format 2: levels of equal rank sit side by
 * side, IC3 beside M3), else one more than the highest rank among the levels it follows, 0 for a root. A v1
 * ladder therefore ranks each level by the longest path from a root, so a rejoin sits above both branches.
 */
export function levelRanks(index: FrameworkIndex): Map<string, number> {
  const rank = new Map<string, number>();
  for (const id of index.levelOrder) {
    const declared = index.levels.get(id)?.rank;
    const preds = index.predecessors.get(id) ?? [];
    rank.set(id, declared ?? (preds.length ? Math.max(...preds.map((p) => (rank.get(p) ?? 0) + 1)) : 0));
  }
  return rank;
}

export function layoutLadder(index: FrameworkIndex): LadderLayout {
  const rank = levelRanks(index);
  const tracksInUse = index.framework.tracks.filter((t) =>
    [...index.levels.values()].some((l) => l.track === t.id),
  );
  // Shared tracks (trunk, apex) span the middle; the others stand side by side, in declaration order.
  const central = (kind: string | undefined) => kind === "trunk" || kind === "apex";
  const branches = tracksInUse.filter((t) => !central(t.kind));
  const branchCount = Math.max(1, branches.length);
  const width = PAD * 2 + branchCount * NODE_W + (branchCount - 1) * GAP_X;
  const middle = width / 2;
  const columns = tracksInUse.map((t) => {
    const i = branches.indexOf(t);
    const x = i < 0 ? middle : PAD + NODE_W / 2 + i * (NODE_W + GAP_X);
    return { track: t.id, x: branches.length === 0 ? middle : x };
  });
  const columnX = new Map(columns.map((c) => [c.track, c.x]));
  // One row per distinct rank, lowest first: ranks 3 and 3.5 (sub-levels 3a, 3b) take two rows, not a half.
  const rows = [...new Set(rank.values())].sort((a, b) => a - b);
  const row = new Map(rows.map((r, i) => [r, i]));
  const maxRank = Math.max(0, rows.length - 1);
  const height = PAD * 2 + (maxRank + 1) * NODE_H + maxRank * GAP_Y;
  const nodes: LadderNode[] = index.levelOrder.map((id) => {
    const level = index.levels.get(id);
    const r = row.get(rank.get(id) ?? 0) ?? 0;
    return {
      id,
      track: level?.track ?? "",
      x: columnX.get(level?.track ?? "") ?? middle,
      // lowest level at the bottom
      y: height - PAD - NODE_H / 2 - r * (NODE_H + GAP_Y),
    };
  });
  const edges: LadderEdge[] = [];
  for (const [from, tos] of index.successors) {
    for (const to of tos) {
      edges.push({ from, to, crossTrack: index.levels.get(from)?.track !== index.levels.get(to)?.track });
    }
  }
  return { width, height, nodeWidth: NODE_W, nodeHeight: NODE_H, nodes, edges, columns };
}
