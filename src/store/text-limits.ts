/*
 * The longest text rungs accepts in each field people write, in one table: the input checks of the store
 * (person-input.ts, assessment-input.ts), the forms' maxlength attributes and docs/security.md all read it
 * (a test holds the documentation to it).
 *
 * Length is counted in Unicode code points, after one-line text is trimmed and NFC-normalized: what a
 * person would call characters (an emoji is one, not the two UTF-16 units JavaScript's `length` counts,
 * nor its four UTF-8 bytes), and what PostgreSQL's char_length counts. The columns are `text` on both
 * databases, so neither cuts or refuses anything itself: these limits are the only ones, and the same on
 * both. They also keep every indexed value (name and email keys) far below PostgreSQL's 2,704-byte index
 * row limit: 254 code points are at most 1,016 bytes. A browser's maxlength counts UTF-16 units, so a form
 * stops typing at the limit or before it (for text beyond the Basic Multilingual Plane), never after.
 */

export const TEXT_LIMITS = {
  /** A person's name. */
  personName: 200,
  /** An email address: RFC 5321's limit on a forward path. */
  email: 254,
  /** A framework, track, level, role, competency or rating band id (a placement, a pick). */
  id: 200,
  /** An assessment cycle's name. */
  cycleName: 200,
  /** The organization's name (admin settings), shown in every signed-in page's header. */
  organizationName: 200,
  /** The evidence written for one competency of an assessment (several lines). */
  evidence: 5_000,
  /** One evidence link. */
  link: 2_000,
  /** The evidence written for one criterion ticked as shown (several lines). */
  criterionEvidence: 2_000,
  /** A comment on one competency for the review, by the person or the manager (several lines). */
  comment: 2_000,
  /** A goal a person keeps (several lines). */
  goal: 4_000,
  /** What a kept goal's ⟨target⟩ placeholder stands for ("1 incident a quarter"): a phrase. */
  goalValue: 200,
  /** What the people directory and the admin list are searched for. */
  search: 200,
  /** An instance setting's name (set by the app, e.g. `organization.name`). */
  settingKey: 100,
  /** An instance setting's value. */
  settingValue: 10_000,
} as const;

export type TextField = keyof typeof TEXT_LIMITS;

/** How many of something one request may carry. */
export const COUNT_LIMITS = {
  /** Evidence links per competency. */
  linksPerPick: 10,
  /** Picks in one assessment: more competencies than any framework has. */
  picks: 1_000,
  /** Criteria ticked as shown per competency: more than any cell of a framework lists across its levels. */
  criteriaPerPick: 100,
  /** Framework fields one goal quotes. */
  goalSources: 200,
} as const;

/**
 * The length of `text` in code points, or `max + 1` as soon as it is known to be longer than `max`, so a
 * megabyte of input costs no more than the limit to measure.
 */
export function textLength(text: string, max = Number.POSITIVE_INFINITY): number {
  // a code point is one or two UTF-16 units: beyond twice the limit in units it is over in code points
  if (text.length > 2 * max) return max + 1;
  let count = 0;
  for (const _ of text) {
    count++;
    if (count > max) return count;
  }
  return count;
}
