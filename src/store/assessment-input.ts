import type { Pick as AssessmentPick, CriterionShown } from "../core/assessment.js";
import { CONTROL_BUT_BREAKS } from "../core/fields.js";
import type { SourceRef } from "../core/goals.js";
import { type Checked, checkText, tooLong } from "./person-input.js";
import { COUNT_LIMITS, TEXT_LIMITS, textLength } from "./text-limits.js";
import type { Problem } from "./types.js";

/*
 * The checks on what people write into cycles, assessments and goals (form, API or backup), so a bad value is
 * refused with the same located message wherever it comes from. Framework ids (competencies, levels, bands)
 * are only checked as text here: whether they exist in the framework is the caller's question, since the
 * store does not load frameworks.
 */

const LONE_SURROGATE = /[\ud800-\udfff]/u;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function invalid(code: Problem["code"], field: string, message: string): Problem {
  return { kind: "invalid", code, field, message };
}

/** A required line of text (trimmed). */
export function checkRequiredText(
  raw: unknown,
  field: string,
  label: string,
  max: number = TEXT_LIMITS.id,
): Checked<string> {
  const checked = checkText(raw, field, label, max);
  if (checked.problem) return checked;
  if (checked.value === undefined) return { problem: invalid("required", field, `${label} is required`) };
  return { value: checked.value };
}

/** An optional line of text: absent, null or blank all mean null. */
export function checkOptionalText(
  raw: unknown,
  field: string,
  label: string,
  max: number = TEXT_LIMITS.id,
): Checked<string | null> {
  const checked = checkText(raw, field, label, max);
  if (checked.problem) return checked;
  return { value: checked.value ?? null };
}

/** A calendar date written YYYY-MM-DD (a real day: no 2030-02-30). */
export function checkDate(raw: unknown, field: string, label: string): Checked<string> {
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
    return { problem: invalid("required", field, `${label} is required`) };
  }
  const text = typeof raw === "string" ? raw.trim() : "";
  const match = DATE.exec(text);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return { value: text };
    }
  }
  const shown = typeof raw === "string" ? `"${raw.slice(0, 40)}"` : "That value";
  return { problem: invalid("invalid-date", field, `${label}: ${shown} is not a date written YYYY-MM-DD`) };
}

/**
 * Multi-line text kept exactly as written (evidence is the person's own words): not trimmed, line breaks
 * kept; only characters that cannot be stored are refused. Absent or null is "".
 */
export function checkMultiline(raw: unknown, field: string, label: string, max: number): Checked<string> {
  if (raw === undefined || raw === null) return { value: "" };
  if (typeof raw !== "string") return { problem: invalid("invalid-text", field, `${label} must be text`) };
  if (LONE_SURROGATE.test(raw) || CONTROL_BUT_BREAKS.test(raw)) {
    return { problem: invalid("invalid-text", field, `${label} contains characters that cannot be stored`) };
  }
  if (textLength(raw, max) > max) return { problem: tooLong(field, label, max) };
  return { value: raw };
}

/** One of a fixed set of values. */
export function checkChoice<T extends string>(
  raw: unknown,
  choices: readonly T[],
  field: string,
  label: string,
): Checked<T> {
  if (typeof raw === "string" && (choices as readonly string[]).includes(raw)) return { value: raw as T };
  return {
    problem: invalid("invalid-choice", field, `${label} must be one of ${choices.join(", ")}`),
  };
}

/**
 * Evidence links: web addresses only (http or https), since they become links on a page and any other
 * scheme (javascript:, data:) could run in the reader's browser. Blank entries are dropped.
 */
export function checkLinks(raw: unknown, field: string): { value: string[]; problems: Problem[] } {
  if (raw === undefined || raw === null) return { value: [], problems: [] };
  if (!Array.isArray(raw)) {
    return { value: [], problems: [invalid("invalid-link", field, "Links must be a list of web addresses")] };
  }
  const problems: Problem[] = [];
  const links: string[] = [];
  for (const [i, entry] of raw.entries()) {
    const at = `${field}[${i}]`;
    const checked = checkText(entry, at, "A link", TEXT_LIMITS.link);
    if (checked.problem) {
      problems.push(checked.problem);
      continue;
    }
    if (checked.value === undefined) continue;
    if (!isWebAddress(checked.value)) {
      problems.push(
        invalid(
          "invalid-link",
          at,
          `"${checked.value.slice(0, 80)}" is not a web address (it must start with https:// or http://)`,
        ),
      );
      continue;
    }
    links.push(checked.value);
  }
  if (links.length > COUNT_LIMITS.linksPerPick) {
    problems.push(
      invalid(
        "too-many",
        field,
        `${links.length} links; at most ${COUNT_LIMITS.linksPerPick} per competency`,
      ),
    );
  }
  return { value: links, problems };
}

function isWebAddress(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * The criteria ticked as shown for one competency: each named once by its key, with evidence (several lines,
 * possibly empty). Whether a key is one of the competency's criteria is the caller's question, as for levels.
 */
export function checkCriteriaShown(
  raw: unknown,
  field: string,
): { value: CriterionShown[]; problems: Problem[] } {
  if (raw === undefined || raw === null) return { value: [], problems: [] };
  if (!Array.isArray(raw)) {
    return { value: [], problems: [invalid("invalid-text", field, "Criteria must be a list")] };
  }
  if (raw.length > COUNT_LIMITS.criteriaPerPick) {
    const message = `${raw.length} criteria; at most ${COUNT_LIMITS.criteriaPerPick} per competency`;
    return { value: [], problems: [invalid("too-many", field, message)] };
  }
  const problems: Problem[] = [];
  const value: CriterionShown[] = [];
  const seen = new Set<string>();
  for (const [i, entry] of raw.entries()) {
    const at = `${field}[${i}]`;
    const record: Record<string, unknown> =
      typeof entry === "object" && entry !== null && !Array.isArray(entry) ? entry : {};
    const level = checkRequiredText(record.level, `${at}.level`, "The criterion's level");
    const key = checkRequiredText(record.criterion, `${at}.criterion`, "The criterion");
    if (level.problem || key.problem) {
      problems.push(...[level.problem, key.problem].filter((p) => p !== undefined));
      continue;
    }
    const both = `${level.value}\u0000${key.value}`;
    if (seen.has(both)) {
      problems.push(
        invalid(
          "duplicate-criterion",
          at,
          `The criterion ${key.value} of ${level.value} is ticked more than once`,
        ),
      );
      continue;
    }
    seen.add(both);
    const evidence = checkMultiline(
      record.evidence,
      `${at}.evidence`,
      "The criterion's evidence",
      TEXT_LIMITS.criterionEvidence,
    );
    if (evidence.problem) problems.push(evidence.problem);
    else value.push({ level: level.value, criterion: key.value, evidence: evidence.value ?? "" });
  }
  return { value, problems };
}

/** A stored pick: every field present. */
export type StoredPick = Required<AssessmentPick>;

/**
 * A whole set of picks, one per competency. Problems are located by competency (`picks.<id>.evidence`) so a
 * form can put them next to the right question, or by position when the competency itself is unusable.
 */
export function checkPicks(raw: unknown): { value: StoredPick[]; problems: Problem[] } {
  if (!Array.isArray(raw)) {
    return { value: [], problems: [invalid("invalid-text", "picks", "Picks must be a list")] };
  }
  if (raw.length > COUNT_LIMITS.picks) {
    return {
      value: [],
      problems: [invalid("too-many", "picks", `${raw.length} picks; at most ${COUNT_LIMITS.picks}`)],
    };
  }
  const problems: Problem[] = [];
  const picks: StoredPick[] = [];
  const seen = new Set<string>();
  for (const [i, entry] of raw.entries()) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push(invalid("invalid-text", `picks[${i}]`, "Each pick must be an object"));
      continue;
    }
    const pick = entry as Record<string, unknown>;
    const competency = checkRequiredText(pick.competency, `picks[${i}].competency`, "The competency");
    if (competency.problem) {
      problems.push(competency.problem);
      continue;
    }
    const id = competency.value;
    if (seen.has(id)) {
      problems.push(
        invalid("duplicate-competency", `picks.${id}`, `The competency ${id} is picked more than once`),
      );
      continue;
    }
    seen.add(id);
    const before = problems.length;
    const level = checkOptionalText(pick.level, `picks.${id}.level`, "The level");
    if (level.problem) problems.push(level.problem);
    const band = checkOptionalText(pick.band, `picks.${id}.band`, "The rating band");
    if (band.problem) problems.push(band.problem);
    const evidence = checkMultiline(pick.evidence, `picks.${id}.evidence`, "Evidence", TEXT_LIMITS.evidence);
    if (evidence.problem) problems.push(evidence.problem);
    const links = checkLinks(pick.links, `picks.${id}.links`);
    problems.push(...links.problems);
    const criteria = checkCriteriaShown(pick.criteria, `picks.${id}.criteria`);
    problems.push(...criteria.problems);
    const comment = checkMultiline(pick.comment, `picks.${id}.comment`, "The comment", TEXT_LIMITS.comment);
    if (comment.problem) problems.push(comment.problem);
    if (problems.length > before) continue;
    picks.push({
      competency: id,
      level: level.value ?? null,
      band: band.value ?? null,
      evidence: evidence.value ?? "",
      links: links.value,
      criteria: criteria.value,
      comment: comment.value ?? "",
    });
  }
  return { value: picks, problems };
}

/**
 * The SourceRefs a goal quotes (src/core/goals.ts): a list of objects with a `kind` and plain string or
 * whole-number fields. Only the shape is checked; whether each names a real field is the framework's business.
 */
export function checkSources(raw: unknown): Checked<SourceRef[]> {
  const bad = (message: string): Checked<SourceRef[]> => ({
    problem: invalid("invalid-sources", "sources", message),
  });
  if (!Array.isArray(raw)) return bad("Sources must be a list");
  if (raw.length > COUNT_LIMITS.goalSources)
    return bad(`${raw.length} sources; at most ${COUNT_LIMITS.goalSources}`);
  for (const [i, ref] of raw.entries()) {
    if (typeof ref !== "object" || ref === null || Array.isArray(ref)) {
      return bad(`Source ${i + 1} must be an object`);
    }
    const record = ref as Record<string, unknown>;
    if (typeof record.kind !== "string" || record.kind === "") return bad(`Source ${i + 1} has no kind`);
    for (const [key, value] of Object.entries(record)) {
      const plain =
        (typeof value === "string" &&
          textLength(value, TEXT_LIMITS.id) <= TEXT_LIMITS.id &&
          !value.includes("\u0000")) ||
        (typeof value === "number" && Number.isSafeInteger(value) && value >= 0);
      if (!plain) return bad(`Source ${i + 1}: ${key} must be an id or a position`);
    }
  }
  return { value: raw as SourceRef[] };
}
