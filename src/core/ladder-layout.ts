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

/** Rank of each level: the length of the longest path from a root (so a rejoin sits above both branches). */
export function levelRanks(index: FrameworkIndex): Map<string, number> {
  const rank = new Map<string, number>();
  for (const id of index.levelOrder) {
    const preds = index.predecessors.get(id) ?? [];
    rank.set(id, preds.length ? Math.max(...preds.map((p) => (rank.get(p) ?? 0) + 1)) : 0);
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
  const maxRank = Math.max(0, ...rank.values());
  const height = PAD * 2 + (maxRank + 1) * NODE_H + maxRank * GAP_Y;
  const nodes: LadderNode[] = index.levelOrder.map((id) => {
    const level = index.levels.get(id);
    const r = rank.get(id) ?? 0;
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
