/**
 * What the goal pages read from a request: the placeholders to fill (?fill.baseline=…), the format, and the
 * personal page's picks, each bounded and checked before the goals are generated.
 */
import type { Context } from "hono";
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

import type { AppEnv } from "../../context.js";

type Ctx = Context<AppEnv>;

/** Longest placeholder value accepted: a goal's baseline, target or date is a phrase, not a document. */
export const MAX_FILL = 200;
/** Most picks a personal query may carry (far more than any framework has competencies). */
export const MAX_PICKS = 500;
export const ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
export const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The GET parameter that fills a placeholder. On the personal page `target` already names the target level
 * (the mirror's own parameter), so the ⟨target⟩ placeholder is filled by `target-value` there.
 */
export function fillParam(name: PlaceholderName, personal: boolean): string {
  return personal && name === "target" ? "target-value" : name;
}

export interface GoalQuery {
  kinds?: GoalKind[];
  fill: Partial<Record<PlaceholderName, string>>;
  problems: string[];
}

/** Reads ?kind= (one or more, comma-separated) and the placeholder values; never throws. */
export function goalQuery(c: Ctx, personal: boolean): GoalQuery {
  const problems: string[] = [];
  const asked = (c.req.queries("kind") ?? [])
    .flatMap((k) => k.split(","))
    .map((k) => k.trim())
    .filter(Boolean);
  let kinds: GoalKind[] | undefined;
  if (asked.length) {
    const bad = asked.filter((k) => !(GOAL_KINDS as readonly string[]).includes(k));
    if (bad.length) {
      problems.push(
        `kind must be one of ${GOAL_KINDS.join(", ")} (or several, comma-separated); got ${bad
          .map((k) => `"${k.slice(0, 40)}"`)
          .join(", ")}`,
      );
    } else {
      kinds = GOAL_KINDS.filter((k) => asked.includes(k));
    }
  }
  const fill: Partial<Record<PlaceholderName, string>> = {};
  for (const name of PLACEHOLDERS) {
    const param = fillParam(name, personal);
    const value = (c.req.query(param) ?? "").trim();
    if (!value) continue;
    if (value.length > MAX_FILL) problems.push(`${param} must be at most ${MAX_FILL} characters`);
    else if (CONTROL.test(value)) problems.push(`${param} must not contain control characters`);
    else fill[name] = value;
  }
  return { ...(kinds ? { kinds } : {}), fill, problems };
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

/** A document in the asked format. */

export interface ParsedPicks {
  /** The picks as given, valid or not, for refilling the form. */
  given: Map<string, string>;
  target?: string;
  input?: AssessmentInput;
  problems: string[];
}

/**
 * Reads `pick=<competency>:<level>,…` (one or more `pick` parameters, as the form sends them) and `target`.
 * Empty entries are skipped (the form's "not picked"); anything else that is not a known competency and a
 * known level is a problem, as is a competency picked twice at different levels.
 */
export function parsePicks(index: FrameworkIndex, raw: string[], target: string | undefined): ParsedPicks {
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
    const shown = part.length > 60 ? `${part.slice(0, 60)}…` : part;
    if (colon < 0 || !ID.test(competency) || !ID.test(level)) {
      problems.push(`"${shown}" is not a pick: write <competency>:<level>, e.g. code-quality:senior`);
    } else if (!index.competencies.has(competency)) {
      problems.push(`there is no competency "${competency}"`);
    } else if (!index.levels.has(level)) {
      problems.push(`there is no level "${level}" (picked for ${competency})`);
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
    else problems.push(`there is no level "${t.length > 60 ? `${t.slice(0, 60)}…` : t}" to aim for`);
  }
  if (problems.length || given.size === 0) {
    return { given, ...(chosen ? { target: chosen } : {}), problems };
  }
  const aim = chosen ?? defaultTarget(mirrorData(index), given);
  if (!aim) return { given, problems: ["this framework has no levels"] };
  return { given, target: aim, input: { picks: Object.fromEntries(given), target: aim }, problems };
}
