/**
 * Level equivalence across frameworks: each framework places its levels on the rungs reference scale
 * (`reference: { rank, to?, match? }`), so P4 in one framework can be read as ≈ L5 in another.
 *
 * CONTRACT (shared by the core implementation, the CLI and the web pages).
 */
import type { FrameworkIndex } from "./model.js";

/** The rungs reference scale: 12 steps, described in docs/job-architecture.md. */
export const REFERENCE_SCALE: { rank: number; name: string; description: string }[] = [];

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

/*
 * Functions (implemented in this module):
 *   equivalenceTable(indexes: FrameworkIndex[]): EquivalenceTable
 *   equivalents(indexes: FrameworkIndex[], framework: string, level: string): EquivalenceCell[]
 *                                                  — the levels of the other frameworks whose range overlaps this one's,
 *                                                    nearest first
 */
export type { FrameworkIndex };
