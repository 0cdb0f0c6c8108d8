import {
  type AssessmentInput,
  GOAL_KINDS,
  type Goal,
  type GoalDocument,
  type GoalKind,
  type GoalOptions,
  type GoalSection,
  PLACEHOLDERS,
  type Segment,
} from "./goals-contract.js";
import { familyName } from "./goals-sources.js";
import {
  alsoSegments,
  type Bar,
  cellSubjectsFor,
  goal,
  levelBars,
  levelNameSegment,
  levelSubjects,
  line,
  placeholder,
  quote,
  quoted,
  quotedSubject,
  quoteSources,
  roleSubjects,
  type Subject,
  subjectSources,
  text,
} from "./goals-subjects.js";
import { mirrorData, mirrorGaps } from "./mirror.js";
import type { FrameworkIndex } from "./model.js";
import type { Level } from "./schema.js";

// The contract and the sources are this module's API too: most callers import goals from here.
export * from "./goals-contract.js";
export {
  expectationStatement,
  resolveSource,
  segmentsText,
  sourceLabel,
  sourceRefLabel,
} from "./goals-sources.js";

/*
 * Functions (implemented in this module):
 *   goalsForRoleLevel(index, role, level, options?): GoalDocument   — role must span level; throws RangeError otherwise
 *   goalsForLevel(index, level, options?): GoalDocument              — one SMART goal per expectation of the level
 *   goalsFromAssessment(index, input, options?): GoalDocument        — personal SMART goals, largest gap first
 *   resolveSource(index, ref): string | undefined                    — the text of the field a SourceRef names
 *   sourceLabel(index, ref): string                                  — `role backend-engineer · level senior · responsibility 3`
 *   segmentsText(segments, fill?): string                            — plain text; unfilled placeholders as ⟨name⟩
 * Renderers (src/core/goals-render.ts): goalsText(doc), goalsMarkdown(doc), goalsJson(doc) — deterministic strings.
 */
export type { FrameworkIndex };

// ---------------------------------------------------------------------------------------------------------
// The four kinds

const MEASURE: Segment[] = [
  text("Take the measure you agree for it from "),
  placeholder("baseline"),
  text(" to "),
  placeholder("target"),
  text(" by "),
  placeholder("date"),
  text("."),
];

const BY_DATE: Segment[] = [text("By "), placeholder("date"), text(".")];

const TARGET_BY_DATE: Segment[] = [placeholder("target"), text(" by "), placeholder("date")];

function titleOf(subject: Subject): Segment[] {
  return [...(subject.prefix ?? []), quote(subject.text, subject.source), ...alsoSegments(subject)];
}

function achievable(index: FrameworkIndex, level: string, bars: Bar[]): Segment[] | undefined {
  const bar = bars.find((b) => b.dimension.aspect === "complexity");
  if (!bar) return undefined;
  return [
    text("Within the "),
    quote(bar.dimension.name, { kind: "dimension-name", dimension: bar.dimension.id }),
    text(" bar at "),
    levelNameSegment(index, level),
    text(": "),
    ...quoted(bar.text, { kind: "level-dimension", level, dimension: bar.dimension.id }),
  ];
}

function smartGoal(
  index: FrameworkIndex,
  id: string,
  subject: Subject,
  specific: Segment[],
  level: string,
  bars: Bar[],
): Goal {
  const about = subjectSources(subject);
  const scope = achievable(index, level, bars);
  const lines = [
    line("Specific", specific, about),
    line("Measurable", MEASURE, about),
    ...(scope ? [line("Achievable", scope, about)] : []),
    ...(subject.relevant.length > 0 ? [line("Relevant", subject.relevant, about)] : []),
    line("Time-bound", BY_DATE, about),
  ];
  return goal(id, titleOf(subject), lines);
}

function deliver(subject: Subject): Segment[] {
  return [text("Deliver: "), ...quotedSubject(subject)];
}

/** Bars an OKR can ask evidence for: attributes, not rubric columns, and never time served. */
function evidenceBars(bars: Bar[]): Bar[] {
  return bars.filter(
    (b) => (b.dimension.kind ?? "dimension") === "dimension" && b.dimension.aspect !== "experience",
  );
}

/** Bars a scorecard calibrates against: every bar but typical experience, which nobody meets by a date. */
function calibrationBars(bars: Bar[]): Bar[] {
  return bars.filter((b) => b.dimension.aspect !== "experience");
}

function barName(bar: Bar): Segment {
  return quote(bar.dimension.name, { kind: "dimension-name", dimension: bar.dimension.id });
}

function barText(level: string, bar: Bar): Segment[] {
  return quoted(bar.text, { kind: "level-dimension", level, dimension: bar.dimension.id });
}

interface Intros {
  smart: string;
  okr: string;
  mbo: string;
  scorecard: string;
  /** Said instead when there is nothing to derive goals from. */
  none: string;
}

function smartSection(
  index: FrameworkIndex,
  level: string,
  subjects: Subject[],
  intros: Intros,
): GoalSection {
  const bars = levelBars(index, level);
  return {
    kind: "smart",
    title: "SMART goals",
    intro: subjects.length > 0 ? intros.smart : intros.none,
    groups: [
      { goals: subjects.map((s, i) => smartGoal(index, `smart-${i + 1}`, s, deliver(s), level, bars)) },
    ],
  };
}

function okrSection(index: FrameworkIndex, level: string, subjects: Subject[], intros: Intros): GoalSection {
  const bars = evidenceBars(levelBars(index, level));
  const goals = subjects.map((subject, i) => {
    const about = subjectSources(subject);
    const lines = [
      line(
        "Key result 1",
        [
          text("From "),
          placeholder("baseline"),
          text(" to "),
          placeholder("target"),
          text(" by "),
          placeholder("date"),
          text(" on the measure agreed for: "),
          ...quotedSubject(subject),
        ],
        about,
      ),
    ];
    const bar = bars.length > 0 ? bars[i % bars.length] : undefined;
    if (bar) {
      lines.push(
        line(
          "Key result 2",
          [
            text("Reach "),
            placeholder("target"),
            text(" by "),
            placeholder("date"),
            text(" in work that shows this level's "),
            barName(bar),
            text(" bar: "),
            ...barText(level, bar),
          ],
          about,
        ),
      );
    }
    return goal(`okr-${i + 1}`, titleOf(subject), lines);
  });
  return {
    kind: "okr",
    title: "OKRs",
    intro: subjects.length > 0 ? intros.okr : intros.none,
    groups: [{ goals }],
  };
}

function mboSection(index: FrameworkIndex, level: string, subjects: Subject[], intros: Intros): GoalSection {
  const knowledge = levelBars(index, level).find((b) => b.dimension.aspect === "knowledge");
  const goals = subjects.map((subject, i) => {
    const about = subjectSources(subject);
    const lines = [
      ...(knowledge
        ? [
            line(
              "Standard",
              [
                text("Work to this level's "),
                barName(knowledge),
                text(" standard: "),
                ...barText(level, knowledge),
              ],
              about,
            ),
          ]
        : []),
      line("Target", [placeholder("target")], about),
      line("Due", [placeholder("date")], about),
    ];
    return goal(`mbo-${i + 1}`, titleOf(subject), lines);
  });
  return {
    kind: "mbo",
    title: "MBO areas",
    intro: subjects.length > 0 ? intros.mbo : intros.none,
    groups: [{ goals }],
  };
}

function scorecardSection(
  index: FrameworkIndex,
  level: string,
  subjects: Subject[],
  intros: Intros,
): GoalSection {
  const groups: GoalSection["groups"] = [];
  if (subjects.length > 0) {
    groups.push({
      title: "Internal process",
      goals: subjects.map((subject, i) =>
        goal(`scorecard-process-${i + 1}`, titleOf(subject), [
          line("Target", TARGET_BY_DATE, subjectSources(subject)),
        ]),
      ),
    });
  }
  const bars = calibrationBars(levelBars(index, level));
  if (bars.length > 0) {
    groups.push({
      title: "Role calibration",
      // Named by dimension, so a row keeps its id when another bar is added or removed.
      goals: bars.map((bar) => {
        const title = [text("Meets the "), barName(bar), text(" bar: "), ...barText(level, bar)];
        return goal(`scorecard-bar-${bar.dimension.id}`, title, [
          line("Target", TARGET_BY_DATE, quoteSources(title)),
        ]);
      }),
    });
  }
  return { kind: "scorecard", title: "Scorecard", intro: intros.scorecard, groups };
}

function kindsOf(options: GoalOptions | undefined): GoalKind[] {
  const wanted = new Set(options?.kinds ?? GOAL_KINDS);
  return GOAL_KINDS.filter((k) => wanted.has(k));
}

function filledOf(options: GoalOptions | undefined): GoalDocument["filled"] {
  const filled: GoalDocument["filled"] = {};
  for (const name of PLACEHOLDERS) {
    const value = options?.fill?.[name];
    if (value !== undefined) filled[name] = value;
  }
  return filled;
}

function frameworkOf(index: FrameworkIndex): GoalDocument["framework"] {
  const fw = index.framework;
  return { id: fw.id, name: fw.name, ...(fw.version !== undefined ? { version: fw.version } : {}) };
}

function sectionsFor(
  index: FrameworkIndex,
  level: string,
  subjects: Subject[],
  intros: Intros,
  options: GoalOptions | undefined,
): GoalSection[] {
  const build = { smart: smartSection, okr: okrSection, mbo: mboSection, scorecard: scorecardSection };
  return kindsOf(options).map((kind) => build[kind](index, level, subjects, intros));
}

const SCORECARD_INTRO =
  "Only the perspectives the framework can support: internal process, from what is listed above, and role " +
  "calibration, from this level's bars. A career framework holds nothing that could set a financial or a " +
  "customer measure, so neither perspective appears.";

const ROLE_INTROS: Intros = {
  smart:
    "One goal for each responsibility the role has at this level, and for each expectation the framework " +
    "writes for this role alone.",
  okr:
    "One objective for each responsibility. The first key result moves a measure you agree from baseline to " +
    "target; the second, where the level has bars, asks for evidence at one of them, taking them in turn.",
  mbo:
    "One area for each responsibility, held to this level's knowledge and application standard where the " +
    "framework gives one, with a target and a due date.",
  scorecard: SCORECARD_INTRO.replace("what is listed above", "the role's responsibilities"),
  none:
    "The framework lists no responsibilities for this role at this level, and no expectations for it alone, so " +
    "there is nothing to derive here.",
};

const LEVEL_INTROS: Intros = {
  smart: "No role chosen: one goal for each competency's expectation at this level.",
  okr:
    "One objective for each competency's expectation at this level. The first key result moves a measure you " +
    "agree from baseline to target; the second, where the level has bars, asks for evidence at one of them, " +
    "taking them in turn.",
  mbo:
    "One area for each competency's expectation at this level, held to the level's knowledge and application " +
    "standard where the framework gives one, with a target and a due date.",
  scorecard: SCORECARD_INTRO.replace("what is listed above", "the competencies' expectations"),
  none: "The framework has no expectations at this level, so there is nothing to derive here.",
};

/** Goals from an assessment are SMART goals only: one introduction, or another when there are none. */
const ASSESSMENT_INTROS = {
  smart:
    "One goal for each competency picked below the target level, largest gap first (equal gaps in the " +
    "framework's order). Each quotes what the target level expects and names where the person is now; a " +
    "competency the target level has no expectation for gets none.",
  none:
    "No competency is picked below the target level with an expectation written for it there, so there are no " +
    "personal goals to derive.",
  role:
    " For the role chosen, what the framework writes for that role alone at the target level is quoted after " +
    "the shared expectation, or in its place where the role's own replaces it.",
};

// ---------------------------------------------------------------------------------------------------------
// Public functions

/** Goal templates for a role at a level, from its responsibilities. Throws RangeError for an unknown role
 * or level, or a level the role does not span. */
export function goalsForRoleLevel(
  index: FrameworkIndex,
  role: string,
  level: string,
  options?: GoalOptions,
): GoalDocument {
  const found = index.roles.get(role);
  const lvl = index.levels.get(level);
  if (!found) throw new RangeError(`unknown role "${role}"`);
  if (!lvl) throw new RangeError(`unknown level "${level}"`);
  if (!found.levels.includes(level)) throw new RangeError(`role "${role}" does not span level "${level}"`);
  return {
    framework: frameworkOf(index),
    subject: {
      type: "role-level",
      role,
      roleName: found.name,
      family: found.family,
      familyName: familyName(index, found.family) ?? found.family,
      level,
      levelName: lvl.name,
      ...levelCodeOf(lvl),
    },
    sections: sectionsFor(index, level, roleSubjects(index, role, level), ROLE_INTROS, options),
    filled: filledOf(options),
  };
}

/** Goal templates for a level alone, from its competencies' expectations. Throws RangeError for an unknown level. */
export function goalsForLevel(index: FrameworkIndex, level: string, options?: GoalOptions): GoalDocument {
  const lvl = index.levels.get(level);
  if (!lvl) throw new RangeError(`unknown level "${level}"`);
  return {
    framework: frameworkOf(index),
    subject: { type: "level", level, levelName: lvl.name, ...levelCodeOf(lvl) },
    sections: sectionsFor(index, level, levelSubjects(index, level), LEVEL_INTROS, options),
    filled: filledOf(options),
  };
}

/**
 * Personal SMART goals from an assessment: one per competency picked below the target level (by level rank,
 * as the mirror measures it), largest gap first, ties in framework order. Competencies without an expectation
 * at the target get no goal. With a role, each goal quotes the target's cell as that role reads it (its own
 * text after the shared, or in its place). Throws RangeError for an unknown target level or role.
 */
export function goalsFromAssessment(
  index: FrameworkIndex,
  input: AssessmentInput,
  options?: GoalOptions,
): GoalDocument {
  const target = index.levels.get(input.target);
  if (!target) throw new RangeError(`unknown level "${input.target}"`);
  const role = input.role === undefined ? undefined : index.roles.get(input.role);
  if (input.role !== undefined && !role) throw new RangeError(`unknown role "${input.role}"`);
  const { gaps } = mirrorGaps(mirrorData(index), new Map(Object.entries(input.picks)), input.target);
  const bars = levelBars(index, input.target);
  const goals: Goal[] = [];
  for (const gap of gaps) {
    // the target's cell as the person's role reads it: the shared text, then the role's own, each quoted
    const [subject, ...more] = cellSubjectsFor(index, gap.competency, input.target, input.role);
    if (!subject) continue;
    const specific = [
      text("Reach "),
      levelNameSegment(index, input.target),
      text(" in this competency (now at "),
      levelNameSegment(index, gap.pick),
      text("): "),
      ...quotedSubject(subject),
      ...more.flatMap((s) => [text("; "), ...quotedSubject(s)]),
    ];
    goals.push(smartGoal(index, `smart-${goals.length + 1}`, subject, specific, input.target, bars));
  }
  const sections: GoalSection[] = kindsOf(options).includes("smart")
    ? [
        {
          kind: "smart",
          title: "Personal SMART goals",
          intro:
            (goals.length > 0 ? ASSESSMENT_INTROS.smart : ASSESSMENT_INTROS.none) +
            (role ? ASSESSMENT_INTROS.role : ""),
          groups: [{ goals }],
        },
      ]
    : [];
  return {
    framework: frameworkOf(index),
    subject: {
      type: "assessment",
      target: input.target,
      targetName: target.name,
      ...(role ? { role: role.id, roleName: role.name } : {}),
    },
    sections,
    filled: filledOf(options),
  };
}

/** The level's first code for goal headers ("P4"), where it has one. */
function levelCodeOf(level: Level): { levelCode?: string } {
  const code = Object.values(level.codes ?? {})[0];
  return code ? { levelCode: code } : {};
}
