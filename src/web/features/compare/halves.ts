/**
 * The static site's level halves (core/views/compare.ts `LevelCompareHalf`): each level's is a classic script
 * at `/frameworks/<fw>/levels/<level>/compare.js` (a site opened from disk can neither fetch() nor load module
 * scripts) that adds it to a Map on `globalThis` under "<fw>/<level>". The compare-view island reads them.
 */
import type { LevelCompareHalf } from "../../../core/views/compare.js";

/** The global Map the half scripts fill. */
export const HALVES_GLOBAL = "RUNGS_LEVEL_HALVES";

export const halfKey = (fw: string, level: string): string => `${fw}/${level}`;

/** The script for one half. */
export function halfScript(half: LevelCompareHalf): string {
  const key = JSON.stringify(halfKey(half.framework.id, half.side.id));
  return `(globalThis.${HALVES_GLOBAL} ??= new Map()).set(${key}, ${JSON.stringify(half)});\n`;
}
