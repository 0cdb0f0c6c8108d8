/**
 * What the goal pages read from a request, by schema (the shared field rules): the kinds, the placeholders
 * to fill (?baseline=…), and the personal page's picks, each bounded and checked before goals are made.
 */

import type { Context } from "hono";
import * as z from "zod";
import {
  type AssessmentInput,
  GOAL_KINDS,
  type GoalDocument,
  type GoalKind,
  type GoalOptions,
  PLACEHOLDERS,
  type PlaceholderName,
} from "../../../core/goals.js";
import { defaultTarget, mirrorData } from "../../../core/mirror.js";
import type { FrameworkIndex } from "../../../core/model.js";
import { quoted } from "../../../core/text.js";

import type { AppEnv } from "../../context.js";
import { type FieldError, HttpProblem } from "../../middleware/errors.js";
import { FRAMEWORK_ID, frameworkId, lazySchema, oneLine } from "../../middleware/fields.js";
import { describeFieldErrors, fieldErrors } from "../../middleware/validate.js";

type Ctx = Context<AppEnv>;

/** Longest placeholder value accepted: a goal's baseline, target or date is a phrase, not a document. */
export const MAX_FILL = 200;
/** Most picks a personal query may carry (far more than any framework has competencies). */
export const MAX_PICKS = 500;

/**
 * The GET parameter that fills a placeholder. On the personal page `target` already names the target level
 * (the mirror's own parameter), so the ⟨target⟩ placeholder is filled by `target-value` there.
 */
export function fillParam(name: PlaceholderName, personal: boolean): string {
  return personal && name === "target" ? "target-value" : name;
}

/** One or more values of a parameter (it may be repeated), each split at commas, blanks dropped. */
const listParam = lazySchema(() =>
  z.union([z.string(), z.array(z.string()).max(MAX_PICKS)]).transform((v) =>
    [v]
      .flat()
      .flatMap((part) => part.split(","))
      .map((part) => part.trim())
      .filter(Boolean),
  ),
);

const KIND_MESSAGE = `must be one of ${GOAL_KINDS.join(", ")} (or several, comma-separated)`;

const isKind = (k: string): k is GoalKind => (GOAL_KINDS as readonly string[]).includes(k);
const kindParam = lazySchema(() =>
  listParam()
    .refine((kinds) => kinds.every(isKind), { message: KIND_MESSAGE })
    .transform((kinds) => kinds.filter(isKind))
    .optional()
    .meta({
      description: "Only these kinds, comma-separated: smart, okr, mbo, scorecard (default: all four).",
      examples: ["smart,okr"],
    }),
);
const fillValue = (placeholder: string, example: string) =>
  oneLine(MAX_FILL)
    .optional()
    .meta({
      description: `Fills the ${placeholder} placeholder. At most ${MAX_FILL} characters.`,
      examples: [example],
    });

/** ?kind= and the placeholder values the role and level goal pages and answers take. */
export const goalQuerySchema = lazySchema(() =>
  z.object({
    kind: kindParam(),
    baseline: fillValue("⟨baseline⟩", "3 incidents a quarter"),
    target: fillValue("⟨target⟩", "1 incident a quarter"),
    date: fillValue("⟨date⟩", "2026-09-30"),
  }),
);

/** The personal page's: the picks and the target level, and ⟨target⟩ filled by target-value. */
export const personalQuerySchema = lazySchema(() =>
  z.object({
    kind: kindParam(),
    baseline: fillValue("⟨baseline⟩", "3 incidents a quarter"),
    "target-value": fillValue("⟨target⟩", "1 incident a quarter"),
    date: fillValue("⟨date⟩", "2026-09-30"),
    pick: listParam()
      .optional()
      .meta({
        description:
          "Per competency, the level picked: <competency>:<level>, comma-separated; the parameter may also be repeated. Required for the JSON answer.",
        examples: ["code-quality:mid,testing-reliability:junior"],
      }),
    target: z
      .union([z.literal(""), frameworkId()])
      .optional()
      .meta({
        description: "The level aimed for (default: the level after the most common pick).",
        examples: ["senior"],
      }),
    role: z
      .union([z.literal(""), frameworkId()])
      .optional()
      .meta({
        description:
          "The role whose own expectations at the target level are quoted too: after the shared one, or in its place where the role's replaces it. Empty for the shared expectations alone. Default: the signed-in person's role, where they have one in this framework; else none.",
        examples: ["backend-engineer"],
      }),
  }),
);

type ParsedGoalQuery =
  | z.output<ReturnType<typeof goalQuerySchema>>
  | z.output<ReturnType<typeof personalQuerySchema>>;

export interface GoalQuery {
  kinds?: GoalKind[];
  fill: Partial<Record<PlaceholderName, string>>;
}

/** The goal query as parsed: kinds in their canonical order, the placeholder values given. */
export function goalQuery(parsed: ParsedGoalQuery, personal: boolean): GoalQuery {
  const fill: Partial<Record<PlaceholderName, string>> = {};
  const values = new Map(Object.entries(parsed));
  for (const name of PLACEHOLDERS) {
    const value = values.get(fillParam(name, personal));
    if (typeof value === "string" && value !== "") fill[name] = value;
  }
  const asked = parsed.kind ?? [];
  return {
    ...(asked.length ? { kinds: GOAL_KINDS.filter((k) => asked.includes(k)) } : {}),
    fill,
  };
}

/**
 * Reads the goal query of a request with its schema. For a page the problems are shown beside every kind
 * (`errors`); for the text, Markdown and JSON forms they are thrown as a 422 problem.
 */
export function readGoalQuery(c: Ctx, asPage: boolean): { query: GoalQuery; errors: FieldError[] } {
  const parsed = goalQuerySchema().safeParse(queryValues(c));
  if (parsed.success) return { query: goalQuery(parsed.data, false), errors: [] };
  const errors = fieldErrors(parsed.error);
  if (asPage) return { query: { fill: {} }, errors };
  const detail = describeFieldErrors(errors);
  throw new HttpProblem(422, { detail, errors, page: (c) => c.text(`${detail}\n`, 422) });
}

/** The query as the validator sees it: a value once given is a string, given several times a list. */
export function queryValues(c: Ctx): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? (v[0] as string) : v]),
  );
}

/** The query string that carries placeholder values (for links to the text, Markdown and JSON forms). */
export function fillQuery(
  fill: GoalDocument["filled"],
  personal: boolean,
  extra: [string, string][] = [],
): string {
  const params = new URLSearchParams(extra);
  for (const name of PLACEHOLDERS) {
    const value = fill[name];
    if (value) params.set(fillParam(name, personal), value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function options(query: GoalQuery): GoalOptions {
  return { ...(query.kinds ? { kinds: query.kinds } : {}), fill: query.fill };
}

export interface ParsedPicks {
  /** The picks as given, valid or not, for refilling the form. */
  given: Map<string, string>;
  target?: string;
  /** The role chosen ("" for none), when one was asked for or taken from the signed-in person. */
  role?: string;
  input?: AssessmentInput;
  problems: string[];
}

/**
 * Reads `pick=<competency>:<level>,…` (one or more `pick` parameters, as the form sends them), `target` and
 * `role` ("" for none). Empty entries are skipped (the form's "not picked"); anything else that is not a known
 * competency and a known level is a problem, as is a competency picked twice at different levels, and a role
 * the framework does not have (the problem lists those it has).
 */
export function parsePicks(
  index: FrameworkIndex,
  raw: string[],
  target: string | undefined,
  role?: string,
): ParsedPicks {
  const given = new Map<string, string>();
  const problems: string[] = [];
  const parts = raw
    .flatMap((p) => p.split(","))
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > MAX_PICKS) problems.push(`at most ${MAX_PICKS} picks`);
  for (const part of parts.slice(0, MAX_PICKS)) {
    const colon = part.indexOf(":");
    const competency = colon < 0 ? part : part.slice(0, colon);
    const level = colon < 0 ? "" : part.slice(colon + 1);
    if (colon < 0 || !FRAMEWORK_ID.test(competency) || !FRAMEWORK_ID.test(level)) {
      problems.push(`${quoted(part)} is not a pick: write <competency>:<level>, e.g. code-quality:senior`);
    } else if (!index.competencies.has(competency)) {
      problems.push(`there is no competency ${quoted(competency)}`);
    } else if (!index.levels.has(level)) {
      problems.push(`there is no level ${quoted(level)} (picked for ${competency})`);
    } else if (given.has(competency) && given.get(competency) !== level) {
      problems.push(`${competency} is picked twice`);
    } else {
      given.set(competency, level);
    }
  }
  let chosen: string | undefined;
  if (target !== undefined && target.trim() !== "") {
    const t = target.trim();
    if (index.levels.has(t)) chosen = t;
    else problems.push(`there is no level ${quoted(t)} to aim for`);
  }
  const asRole = role === undefined || role === "" || index.roles.has(role) ? role : undefined;
  if (role !== undefined && asRole === undefined) {
    const known = [...index.roles.keys()];
    problems.push(`there is no role ${quoted(role)}; roles: ${known.join(", ") || "none"}`);
  }
  const kept = { given, ...(asRole !== undefined ? { role: asRole } : {}) };
  if (problems.length || given.size === 0) {
    return { ...kept, ...(chosen ? { target: chosen } : {}), problems };
  }
  const aim = chosen ?? defaultTarget(mirrorData(index), given);
  if (!aim) return { ...kept, problems: ["this framework has no levels"] };
  const input = { picks: Object.fromEntries(given), target: aim, ...(asRole ? { role: asRole } : {}) };
  return { ...kept, target: aim, input, problems };
}
