/**
 * An assessment file (YAML or JSON) → per competency, the level picked, each with the line and column it was
 * written at so a caller can point at a wrong id. Shape:
 * `{ picks: { <competency>: <level>, … }, target?: <level>, role?: <role> }`.
 *
 * Only the shape is checked here; whether the ids exist in a framework is the caller's to check. Never
 * throws: a problem is returned with its location.
 */
import type { Node } from "yaml";
import { didYouMean } from "../core/text.js";
import { DEFAULT_LOAD_LIMITS } from "./limits.js";
import { LinePositions } from "./line-positions.js";
import { yamlLibrary } from "./yaml-library.js";
import { unsupportedTag } from "./yaml-source.js";
import { parseYaml } from "./yaml-syntax.js";

export interface Located<T> {
  value: T;
  line: number;
  column: number;
}

export interface AssessmentFile {
  /** In the order written. */
  picks: { competency: Located<string>; level: Located<string> }[];
  target?: Located<string>;
  /** The role the person is assessed in: its own expectations are quoted too. */
  role?: Located<string>;
}

export interface AssessmentProblem {
  message: string;
  line: number;
  column: number;
}

export type AssessmentParse = { ok: true; file: AssessmentFile } | { ok: false; problem: AssessmentProblem };

const FIELDS = ["picks", "target", "role"];

/**
 * Reads an assessment from YAML or JSON text (JSON is read as YAML, which accepts it), within the bounds
 * framework files are read in (docs/security.md).
 */
export function parseAssessmentFile(text: string): AssessmentParse {
  const lines = new LinePositions(text);
  const parsed = parseYaml("", text, lines, DEFAULT_LOAD_LIMITS);
  const { isMap, isScalar, visit } = yamlLibrary();
  const at = (offset: number | undefined) => {
    const pos = lines.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const fail = (message: string, node?: Node | null): AssessmentParse => ({
    ok: false,
    problem: { message, ...at(node?.range?.[0]) },
  });
  const error = parsed.diagnostics[0];
  if (error || !parsed.doc) {
    const problem = error ?? { message: "cannot be read", line: 1, column: 1 };
    return { ok: false, problem: { message: problem.message, line: problem.line, column: problem.column } };
  }
  // a tag would make a value of another kind (`!!binary`) or one only its author's reader knows (`!foo`)
  let tag: { message: string; offset?: number } | undefined;
  visit(parsed.doc, {
    Node: (_, node) => {
      tag = unsupportedTag(node, text);
      return tag ? visit.BREAK : undefined;
    },
  });
  if (tag) return { ok: false, problem: { message: `${tag.message}: remove it`, ...at(tag.offset) } };
  const root = parsed.doc.contents;
  if (!isMap(root)) return fail("expected a mapping with `picks: { <competency>: <level>, … }`", root);

  const file: AssessmentFile = { picks: [] };
  let sawPicks = false;
  const fields = new Set<string>();
  for (const pair of root.items) {
    const key = pair.key as Node | null;
    const name = isScalar(key) ? String(key.value) : undefined;
    if (name !== undefined && fields.has(name)) return fail(`"${name}" is given twice`, key);
    if (name !== undefined) fields.add(name);
    if (name === "picks") {
      sawPicks = true;
      const picks = pair.value as Node | null;
      if (!isMap(picks)) return fail("`picks` must map competency ids to level ids", picks ?? key);
      const picked = new Set<string>();
      for (const pick of picks.items) {
        const competency = pick.key as Node | null;
        const level = pick.value as Node | null;
        if (!isScalar(competency) || typeof competency.value !== "string")
          return fail("a competency id must be text", competency);
        if (picked.has(competency.value)) return fail(`"${competency.value}" is picked twice`, competency);
        picked.add(competency.value);
        if (!isScalar(level) || typeof level.value !== "string" || level.value === "")
          return fail(`the pick for "${competency.value}" must be a level id`, level ?? competency);
        file.picks.push({
          competency: { value: competency.value, ...at(competency.range?.[0]) },
          level: { value: level.value, ...at(level.range?.[0]) },
        });
      }
    } else if (name === "target" || name === "role") {
      const value = pair.value as Node | null;
      if (!isScalar(value) || typeof value.value !== "string" || value.value === "")
        return fail(`\`${name}\` must be a ${name === "target" ? "level" : "role"} id`, value ?? key);
      file[name] = { value: value.value, ...at(value.range?.[0]) };
    } else {
      const hint = name === undefined ? undefined : didYouMean(name, FIELDS);
      return fail(
        `unknown field ${name === undefined ? "" : `"${name}" `}(expected picks, and optionally target and role)${hint ? `; ${hint}` : ""}`,
        key,
      );
    }
  }
  if (!sawPicks) return fail("no `picks` (expected `picks: { <competency>: <level>, … }`)", root);
  return { ok: true, file };
}
