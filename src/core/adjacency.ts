/**
 * Adjacent roles by structural distance (docs/job-architecture.md). A role-level is a role at one level of
 * its span, coded `family.role.level`. The distance between two role-levels is in [0, 1]: a weighted mean of
 * the level distance on the rungs reference scale, the taxonomy distance (same role, same family, other
 * family) and, where both have skills, the content distance (1 − Jaccard of their skills). Each result gets
 * a band: close, needs review or far, by thresholds a framework may set.
 *
 * CONTRACT (shared by the core implementation, the CLI and the web pages).
 */
import type { FrameworkIndex } from "./model.js";

export type Band = "close" | "review" | "far";

/** A role at a level, in one framework. */
export interface RoleLevel {
  framework: string;
  role: string;
  level: string;
}

export interface AdjacencySettings {
  close: number;
  review: number;
  weights: { level: number; taxonomy: number; content: number };
}

export const DEFAULT_ADJACENCY: AdjacencySettings = {
  close: 0.25,
  review: 0.5,
  weights: { level: 0.5, taxonomy: 0.35, content: 0.15 },
};

export interface Distance {
  /** Weighted mean of the parts used, in [0, 1]. */
  total: number;
  level: number;
  taxonomy: number;
  /** Absent when either side has no skills (the weight is then left out of the mean). */
  content?: number;
}

export interface Adjacent {
  target: RoleLevel;
  /** `family.role.level` */
  code: string;
  roleName: string;
  levelName: string;
  frameworkName: string;
  distance: Distance;
  band: Band;
}

/*
 * Functions (implemented in this module):
 *   roleLevelCode(index, roleLevel): string                       — `family.role.level`
 *   referenceRange(index, level): { from: number; to: number } | undefined
 *                                                                  — the level's span on the reference scale (its
 *                                                                    `reference`, else none: then only same-framework
 *                                                                    comparisons by graph rank are possible)
 *   levelDistance(a: {from,to}, b: {from,to}): number              — 0 when ranges overlap, else gap / 4, capped at 1
 *   distance(indexes: Map<string, FrameworkIndex>, a: RoleLevel, b: RoleLevel, settings?): Distance | undefined
 *                                                                  — undefined when the levels cannot be compared
 *   band(total, settings): Band
 *   adjacentRoles(indexes, from: RoleLevel, options?: { limit?: number }): Adjacent[]
 *                                                                  — every other role-level of every framework,
 *                                                                    nearest first (ties: framework, role, level order)
 *   adjacencySettings(index): AdjacencySettings                    — the framework's thresholds merged over defaults
 */
export type { FrameworkIndex };
