/**
 * The catalogue of lint rules: each rule's stable code, its default severity (a framework can change it in
 * its `lint:` section) and the one line docs/format.md shows for it. The checks themselves are in lint.ts.
 */
import type { Severity } from "./diagnostics.js";

export interface LintRule {
  code: string;
  severity: Severity;
  description: string;
}

/** Every lint rule, in the order they are documented. */
export const LINT_RULES = [
  {
    code: "unknown-reference",
    severity: "error",
    description:
      "An id names a level, track, role, family, source, dimension, code scheme or rating band that does not exist.",
  },
  { code: "duplicate-id", severity: "error", description: "Two entries of the same kind share an id." },
  { code: "level-cycle", severity: "error", description: "Levels follow each other in a circle." },
  {
    code: "unreachable-level",
    severity: "error",
    description: "A level cannot be reached from any root level (a level that follows none).",
  },
  {
    code: "single-branch-fork",
    severity: "warning",
    description:
      "The ladder leaves a track into exactly one new track: a fork needs two branches, or the levels belong on one track.",
  },
  {
    code: "missing-expectation",
    severity: "warning",
    description:
      "A competency has no expectation at a level it spans (write `notApplicable: true` where that is deliberate).",
  },
  {
    code: "same-as-adjacent",
    severity: "warning",
    description:
      "A competency's expectation is word for word the same at two adjacent levels, so nothing sets them apart.",
  },
  {
    code: "outside-span",
    severity: "warning",
    description:
      "An expectation, takeaway or responsibility is written for a level its competency, area or role does not span.",
  },
  { code: "empty-text", severity: "warning", description: "A text field is empty or only whitespace." },
  {
    code: "direction-control",
    severity: "error",
    description:
      "A name or title holds a text-direction control (U+202A-U+202E, U+2066-U+2069), which would reorder the text shown after it; right-to-left letters need none.",
  },
  {
    code: "missing-dimension",
    severity: "warning",
    description: "A level leaves out one of the dimensions the framework declares.",
  },
  {
    code: "missing-responsibilities",
    severity: "warning",
    description: "A role lists responsibilities by level but has none for a level it spans.",
  },
  {
    code: "classification-code",
    severity: "error",
    description:
      "A classification code is malformed, is not a detailed SOC 2018 occupation (SOC and O*NET-SOC codes), or is not in its scheme's code list where one is loaded.",
  },
  {
    code: "role-level-track",
    severity: "error",
    description: "A role spans a level that is not on one of the role's tracks.",
  },
  {
    code: "reference-order",
    severity: "warning",
    description:
      "A level sits lower on the reference scale than a level it follows, or its reference range ends below where it starts.",
  },
  {
    code: "review-below-pass",
    severity: "warning",
    description: "A source's review scores it below its own pass mark on some criterion.",
  },
  {
    code: "unsafe-url",
    severity: "error",
    description:
      "A source's url, or a link or image in a text, is not http:, https:, mailto: or a relative path (javascript:, data:, //host…); pages never link it.",
  },
  {
    code: "format-version",
    severity: "warning",
    description:
      "The root file says `rungs: 1` but the framework uses a field format 2 added; write `rungs: 2`.",
  },
  {
    code: "unknown-step",
    severity: "error",
    description:
      "An expectation names a `step` that its competency's scale does not have, or the competency has no scale.",
  },
  {
    code: "repeated-criterion",
    severity: "warning",
    description:
      "A criterion is repeated word for word in the same cell, or at the next level without `unchanged: true`, the marker that carries the earlier level's criteria forward.",
  },
  {
    code: "unchanged-without-previous",
    severity: "warning",
    description:
      "`unchanged: true` on a cell at the first level its competency spans, where there is no earlier expectation to carry forward.",
  },
  {
    code: "rating-only-without-scale",
    severity: "error",
    description:
      "An expectation is written only as rating-band texts, but the framework declares no `ratingScale` to say which band meets the bar.",
  },
  {
    code: "publish-review",
    severity: "error",
    description:
      "With `rungs check --publish` only: a source's review does not pass (its lowest score is below the pass mark), or `publish.reviewed` asks for a review a source lacks.",
  },
  {
    code: "override-target",
    severity: "error",
    description:
      "An entry of a framework that `extends` another says `override: replace` or `override: remove`, but the base has no entry with its id.",
  },
  {
    code: "extends-cycle",
    severity: "error",
    description: "`extends` leads back to a framework already being extended (or nests more than 8 deep).",
  },
  {
    code: "migration-entry",
    severity: "error",
    description:
      "An entry of the migration map gives none or several of `replacedBy`, `mergedInto`, `splitInto`, `retired`, leads to an id this version lacks, or names an id that still exists or already has a fate.",
  },
  {
    code: "unmapped-removal",
    severity: "error",
    description:
      "An id of the version named in `previous` is gone, and neither a `renamedFrom` nor the `migration` map says what became of it.",
  },
  {
    code: "previous-version",
    severity: "warning",
    description: "The version named in `previous` cannot be read, so removals are not checked.",
  },
  {
    code: "level-adds-nothing",
    severity: "warning",
    description:
      "A level expects, in every competency it shares with the level before it, only what that level did (the same text, or `unchanged: true` with nothing added).",
  },
  {
    code: "vague-wording",
    severity: "warning",
    description:
      'An expectation uses a word or phrase nobody can measure ("appropriately", "as needed", "various"…, or the framework\'s own `lintWords.vague` list).',
  },
  {
    code: "intensifier-only",
    severity: "info",
    description:
      'Two adjacent levels of a competency differ only in words such as "some", "most", "all" (or the framework\'s `lintWords.intensifiers`): worth a second look.',
  },
  {
    code: "outlier-length",
    severity: "info",
    description:
      "One level of a competency is more than three times longer or shorter (and at least 12 words away) than the median of its levels.",
  },
  {
    code: "span-hole",
    severity: "warning",
    description:
      "A competency leaves out a level (not in its `levels`, or `notApplicable`) between two levels it describes on the way up a track it follows, through forks and rejoins.",
  },
  {
    code: "unknown-lint-rule",
    severity: "error",
    description: "The `lint:` section names a rule that does not exist.",
  },
] as const satisfies readonly LintRule[];

export type RuleCode = (typeof LINT_RULES)[number]["code"];

/** The severity a framework's `lint:` settings give `code`, else the rule's default. */
export function ruleSeverity(
  settings: Readonly<Record<string, Severity | "off">> | undefined,
  code: RuleCode,
): Severity | "off" {
  const set = settings !== undefined && Object.hasOwn(settings, code) ? settings[code] : undefined;
  return set ?? LINT_RULES.find((r) => r.code === code)?.severity ?? "error";
}
