/**
 * Goals as use cases the web app and the CLI share: the templates for a role at a level (or a level alone,
 * or a person's picks), with the same answer when the role or level is not there; the personal goals a
 * profile suggests; and the goals a person keeps: keeping one (regenerated from the assessment, never taken
 * from a form), editing its wording, ⟨target⟩ and date, moving it through its statuses, and reading them
 * back with what is still to fill and whether the wording differs from what the framework said.
 */
import type { Profile } from "../core/assessment.js";
import {
  type AssessmentInput,
  type GoalDocument,
  type GoalOptions,
  goalsForLevel,
  goalsForRoleLevel,
  goalsFromAssessment,
  type PlaceholderName,
  segmentsText,
  type Goal as TemplateGoal,
} from "../core/goals.js";
import { goalSources } from "../core/goals-sources.js";
import type { FrameworkIndex } from "../core/model.js";
import type { Store } from "../store/store.js";
import { TEXT_LIMITS, textLength } from "../store/text-limits.js";
import type { Goal, GoalEdit, GoalStatus, Outcome } from "../store/types.js";
import { type Assessed, type ProfileSource, picksMap } from "./assessments.js";

/** Why templates cannot be made for what was asked. */
export type TemplateProblem =
  | { problem: "no-level"; level: string }
  | { problem: "no-role"; role: string }
  /** The role exists but does not span the level; `levels` are those it does. */
  | { problem: "not-spanned"; role: string; level: string; levels: string[] };

/** The goal templates for a level, or for a role at a level: the document, or why there is none. */
export function goalTemplates(
  index: FrameworkIndex,
  asked: { level: string; role?: string | undefined },
  options: GoalOptions = {},
): GoalDocument | TemplateProblem {
  const { level, role: roleId } = asked;
  if (roleId === undefined) {
    return index.levels.has(level) ? goalsForLevel(index, level, options) : { problem: "no-level", level };
  }
  const role = index.roles.get(roleId);
  if (!role) return { problem: "no-role", role: roleId };
  if (!index.levels.has(level)) return { problem: "no-level", level };
  const levels = role.levels.filter((l) => index.levels.has(l));
  if (!levels.includes(level)) return { problem: "not-spanned", role: roleId, level, levels };
  return goalsForRoleLevel(index, roleId, level, options);
}

/** Personal SMART (and other) goals from per-competency picks and a target level. */
export function personalGoals(index: FrameworkIndex, input: AssessmentInput, options: GoalOptions = {}) {
  return goalsFromAssessment(index, input, options);
}

/** The personal SMART goals a profile suggests for its gaps, when the live framework is the one assessed. */
export function suggestedGoals(subject: Assessed, source: ProfileSource, profile: Profile): TemplateGoal[] {
  if (!source.assessment || source.snapshot.framework !== subject.fw.id) return [];
  if (!subject.index.levels.has(profile.target)) return [];
  const picks = Object.fromEntries(picksMap(source.assessment));
  // the role it was made in (or, for one made before roles were kept, the person's role now): its own
  // expectations at the target are quoted beside the shared ones; a role the framework dropped has none
  const made = source.assessment.role ?? subject.person.role;
  const role = made && subject.index.roles.has(made) ? made : undefined;
  const doc = goalsFromAssessment(
    subject.index,
    { picks, target: profile.target, ...(role ? { role } : {}) },
    { kinds: ["smart"] },
  );
  return doc.sections.flatMap((s) => s.groups.flatMap((g) => g.goals));
}

/** A goal as one plain text: its title, then a line per part (placeholders as ⟨name⟩, to fill later). */
export function goalText(goal: TemplateGoal): string {
  return [segmentsText(goal.title), ...goal.lines.map((l) => `${l.label}: ${segmentsText(l.segments)}`)].join(
    "\n",
  );
}

/** A run of a kept goal's text: as written, or a placeholder with its value (or none yet: to fill). */
export type KeptPart = { text: string } | { placeholder: PlaceholderName; value: string | null };

/** A kept goal as people read it. */
export interface KeptGoal extends Goal {
  /** The wording in runs, ⟨target⟩ and ⟨date⟩ replaced by their values where given. */
  parts: KeptPart[];
  /** Placeholders still in the wording with no value: the goal is not finished until these are filled. */
  toFill: PlaceholderName[];
  /** The wording differs from the goal as generated (which `original` and `sources` still show). */
  edited: boolean;
}

const PLACEHOLDER_MARK = /⟨(baseline|target|date)⟩/g;

/** A kept goal's text split at its placeholders, each with the value the person gave, if any. */
export function keptGoal(goal: Goal): KeptGoal {
  const values: Record<PlaceholderName, string | null> = {
    baseline: null,
    target: goal.targetValue,
    date: goal.due,
  };
  const parts: KeptPart[] = [];
  const toFill = new Set<PlaceholderName>();
  let last = 0;
  for (const match of goal.text.matchAll(PLACEHOLDER_MARK)) {
    const name = match[1] as PlaceholderName;
    if (match.index > last) parts.push({ text: goal.text.slice(last, match.index) });
    parts.push({ placeholder: name, value: values[name] });
    if (values[name] === null) toFill.add(name);
    last = match.index + match[0].length;
  }
  if (last < goal.text.length) parts.push({ text: goal.text.slice(last) });
  return { ...goal, parts, toFill: [...toFill], edited: goal.text !== goal.original };
}

/** The goals people keep, through the store: read, keep, edit, move through their statuses. */
export class GoalsService {
  readonly #store: Store;
  constructor(store: Store) {
    this.#store = store;
  }

  /** A person's kept goals, oldest first, as people read them (what the home page shows too). */
  async goalsOf(personId: string): Promise<KeptGoal[]> {
    return (await this.#store.goals.list(personId)).map(keptGoal);
  }

  /** The goals still open (not started or in progress): what someone is working on. */
  async openGoalsOf(personId: string): Promise<KeptGoal[]> {
    return (await this.goalsOf(personId)).filter(
      (g) => g.status === "not-started" || g.status === "in-progress",
    );
  }

  /**
   * Keeps the suggested goal `goalId` of a profile: regenerated from the assessment here, so what is kept is
   * what the framework says, whatever a form sent. Undefined when the profile suggests no such goal.
   */
  async keepSuggested(
    subject: Assessed,
    source: ProfileSource & { assessment: NonNullable<ProfileSource["assessment"]> },
    profile: Profile,
    goalId: string,
    authorId: string,
  ): Promise<Outcome<Goal> | undefined> {
    const goal = suggestedGoals(subject, source, profile).find((g) => g.id === goalId);
    if (!goal) return undefined;
    return this.#store.goals.save(subject.person.id, authorId, {
      assessmentId: source.assessment.id,
      framework: subject.fw.id,
      target: profile.target,
      text: withinLimit(goalText(goal), TEXT_LIMITS.goal),
      sources: goalSources(goal),
    });
  }

  edit(goalId: string, personId: string, edit: GoalEdit): Promise<Outcome<Goal>> {
    return this.#store.goals.edit(goalId, personId, edit);
  }

  setStatus(goalId: string, personId: string, status: GoalStatus): Promise<Outcome<Goal>> {
    return this.#store.goals.setStatus(goalId, personId, status);
  }

  get(goalId: string): Promise<Goal | undefined> {
    return this.#store.goals.get(goalId);
  }
}

/**
 * A suggested goal as it can be kept: a framework whose texts are long can make one over the limit a kept goal
 * may hold. It is cut at a word with "…" (its sources still name every quoted text in full) rather than refused.
 */
export function withinLimit(text: string, max: number): string {
  if (textLength(text, max) <= max) return text;
  const points = Array.from(text)
    .slice(0, max - 1)
    .join("");
  const atWord = points.replace(/\s+\S*$/, "");
  return `${atWord.length > max / 2 ? atWord : points}…`;
}
