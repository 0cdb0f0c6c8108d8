/**
 * The contract of goal templates, shared by the generator (goals.ts), the renderers (goals-render.ts), the
 * sources (goals-sources.ts), the CLI, the web pages and the goals people keep in the database: the kinds,
 * the placeholders, where a piece of text comes from, and the shape of a goal document.
 */

export const GOAL_KINDS = ["smart", "okr", "mbo", "scorecard"] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

export const PLACEHOLDERS = ["baseline", "target", "date"] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

/**
 * Where a piece of text comes from: one field of one entity. `resolveSource` turns it back into the text.
 * Labels read like `role backend-engineer · level senior · responsibility 3`.
 */
export type SourceRef =
  /** `index` is the 0-based position in the list; labels count from 1. */
  | { kind: "role-responsibility"; role: string; level: string; index: number }
  /** `index` is the 0-based position in the list; labels count from 1. */
  | { kind: "level-responsibility"; level: string; index: number }
  | { kind: "expectation"; competency: string; level: string }
  /** The statement a role's (or role family's, `role`) own cell writes at a level (format 2). */
  | { kind: "role-expectation"; competency: string; level: string; role: string }
  /**
   * One criterion of a cell (format 2), by its id (its position, 1, 2, …, where the file gives none); with
   * `role`, one the role's (or family's) own cell writes.
   */
  | { kind: "criterion"; competency: string; level: string; criterion: string; role?: string }
  /** The step of the competency's scale a cell asks for (format 2); with `role`, the role's own cell's. */
  | { kind: "step"; competency: string; level: string; role?: string }
  | { kind: "level-dimension"; level: string; dimension: string }
  | { kind: "level-name"; level: string }
  | { kind: "role-name"; role: string }
  | { kind: "family-name"; family: string }
  | { kind: "competency-name"; competency: string }
  | { kind: "area-name"; area: string }
  /** The name of a declared dimension, e.g. "Complexity" in `Within the Complexity bar at Senior`. */
  | { kind: "dimension-name"; dimension: string };

/** A run of a line: fixed template text, quoted framework text, or a placeholder to fill in. */
export type Segment =
  | { type: "text"; text: string }
  | { type: "quote"; text: string; source: SourceRef }
  | { type: "placeholder"; name: PlaceholderName };

/** One labelled line of a goal, e.g. `Specific: Deliver: "…"`. */
export interface GoalLine {
  label: string;
  segments: Segment[];
  /**
   * Every field this line quotes or names (at least one). A line of placeholders alone (Time-bound, Due…)
   * quotes nothing and names the field its goal is about.
   */
  sources: SourceRef[];
}

/** One goal (a SMART goal, an objective with its key results, an MBO area, a scorecard row). */
export interface Goal {
  /** Stable within a document, e.g. `smart-3`. */
  id: string;
  /** The framework text the goal is about, quoted (e.g. the responsibility). */
  title: Segment[];
  lines: GoalLine[];
  sources: SourceRef[];
}

export interface GoalSection {
  kind: GoalKind;
  title: string;
  /** What the section is and how its rows are derived (fixed text). */
  intro: string;
  /** For the scorecard: goals grouped by perspective. Other kinds have one group without a title. */
  groups: { title?: string; goals: Goal[] }[];
}

export interface GoalDocument {
  framework: { id: string; name: string; version?: string };
  subject:
    | {
        type: "role-level";
        role: string;
        roleName: string;
        family: string;
        familyName: string;
        level: string;
        levelName: string;
        /** The level's first code (P4), else its name: what goal headers show beside the name. */
        levelCode?: string;
      }
    | { type: "level"; level: string; levelName: string; levelCode?: string }
    | {
        type: "assessment";
        target: string;
        targetName: string;
        /** The role whose own expectations at the target are quoted beside the shared ones, when there is one. */
        role?: string;
        roleName?: string;
      };
  sections: GoalSection[];
  /** Values given for placeholders (e.g. from --date); unfilled placeholders stay marked. */
  filled: Partial<Record<PlaceholderName, string>>;
}

export interface GoalOptions {
  kinds?: GoalKind[];
  fill?: Partial<Record<PlaceholderName, string>>;
}

/** Per competency, the level a person is at. */
export interface AssessmentInput {
  picks: Record<string, string>;
  target: string;
  /** The role the person was assessed in: its own expectations at the target are quoted too. */
  role?: string;
}
