/**
 * The ladder's tracks as paths someone climbs: a trunk or apex track is its own levels, a branch (IC,
 * management) also the trunk below its fork and the apex where the tracks rejoin. What the matrix's track
 * filter shows and which tracks a person's level may be on.
 */
import type { FrameworkIndex } from "./model.js";

const CENTRAL_KINDS = new Set(["trunk", "apex"]);

/** A track's kind (trunk, ic, management, apex, …), `other` when it says none. */
export function trackKind(index: FrameworkIndex, trackId: string): string {
  return index.tracks.get(trackId)?.kind ?? "other";
}

/**
 * The levels a track filter shows. A trunk or apex track shows only its own levels. Any other track (an IC
 * or a management branch) shows its own levels plus every trunk or apex level it is connected to through
 * the ladder: the trunk below the fork and the apex where the tracks rejoin. That is the whole path someone
 * on that track climbs, and nothing of the parallel track.
 */
export function trackLevels(index: FrameworkIndex, trackId: string): Set<string> {
  const own = index.levelOrder.filter((id) => index.levels.get(id)?.track === trackId);
  const shown = new Set(own);
  if (CENTRAL_KINDS.has(trackKind(index, trackId))) return shown;
  const isCentral = (id: string) => CENTRAL_KINDS.has(trackKind(index, index.levels.get(id)?.track ?? ""));
  for (const edges of [index.predecessors, index.successors]) {
    const seen = new Set<string>(own);
    const queue = [...own];
    while (queue.length) {
      const id = queue.shift() as string;
      for (const next of edges.get(id) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
        if (isCentral(next)) shown.add(next);
      }
    }
  }
  return shown;
}

/** The tracks whose path holds the level, in declaration order: the tracks a person at that level can be on. */
export function tracksOfLevel(index: FrameworkIndex, level: string): string[] {
  return [...index.tracks.keys()].filter((id) => trackLevels(index, id).has(level));
}
