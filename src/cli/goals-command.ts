/**
 * `rungs goals`: goal templates for a role at a level, a level alone, or an assessment's gaps (for the role
 * the person is in, where given), as text, Markdown or JSON. Every wrong argument is a one-line UsageError (exit 2), with a suggestion where one helps.
 */
import {
  GOAL_KINDS,
  type GoalDocument,
  type GoalKind,
  type GoalOptions,
  goalsFromAssessment,
  type PlaceholderName,
} from "../core/goals.js";
import { goalsJson, goalsMarkdown, goalsText } from "../core/goals-render.js";
import type { FrameworkIndex } from "../core/model.js";
import { didYouMean } from "../core/text.js";
import { parseAssessmentFile } from "../load/assessment-file.js";
import { DEFAULT_LOAD_LIMITS } from "../load/limits.js";
import { findLevel, findRole } from "../services/frameworks.js";
import { goalTemplates, type TemplateProblem } from "../services/goals.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { mustFind, readForCommand } from "./load-indexes.js";
import { readBoundedFile } from "./read-file.js";

export const GOAL_FORMATS = ["text", "md", "json"] as const;
type GoalFormat = (typeof GOAL_FORMATS)[number];

export interface GoalsCommandOptions {
  role?: string;
  level?: string;
  kind?: string;
  format?: string;
  baseline?: string;
  target?: string;
  date?: string;
  assessment?: string;
  targetLevel?: string;
}

const RENDER: Record<GoalFormat, (doc: GoalDocument) => string> = {
  text: goalsText,
  md: goalsMarkdown,
  json: goalsJson,
};

function unknown(
  what: string,
  value: string,
  candidates: readonly string[],
  plural = `${what}s`,
): UsageError {
  const hint = didYouMean(value, candidates) ?? `${plural}: ${candidates.join(", ") || "none"}`;
  return new UsageError(`unknown ${what} "${value}"; ${hint}`);
}

/** `--kind smart`, `--kind okr,mbo` or `--kind all`. */
function parseKinds(value: string | undefined): GoalKind[] {
  if (value === undefined || value === "all") return [...GOAL_KINDS];
  const kinds: GoalKind[] = [];
  for (const part of value.split(",").map((p) => p.trim())) {
    if (!(GOAL_KINDS as readonly string[]).includes(part))
      throw unknown("kind", part, [...GOAL_KINDS, "all"]);
    kinds.push(part as GoalKind);
  }
  return kinds;
}

function parseFormat(value: string | undefined): GoalFormat {
  if (value === undefined) return "text";
  if (!(GOAL_FORMATS as readonly string[]).includes(value)) throw unknown("format", value, GOAL_FORMATS);
  return value as GoalFormat;
}

function parseFill(options: GoalsCommandOptions): GoalOptions["fill"] {
  const fill: Partial<Record<PlaceholderName, string>> = {};
  for (const name of ["baseline", "target", "date"] as const) {
    const value = options[name];
    if (value === undefined) continue;
    if (value.trim() === "") throw new UsageError(`--${name} needs a value to put in place of ⟨${name}⟩`);
    fill[name] = value;
  }
  return fill;
}

function checkLevel(index: FrameworkIndex, path: string, level: string, where = ""): void {
  mustFind(findLevel(index, level), `in ${path}`, where);
}

async function assessmentDocument(
  index: FrameworkIndex,
  path: string,
  file: string,
  asked: { targetLevel?: string | undefined; role?: string | undefined },
  options: GoalOptions,
  io: CliIo,
): Promise<GoalDocument> {
  // the same bound as a framework file: an assessment is read whole
  const bytes = await readBoundedFile(file, io, {
    maxBytes: DEFAULT_LOAD_LIMITS.fileBytes,
    what: "assessment",
  });
  const text = bytes.toString("utf8");
  const parsed = parseAssessmentFile(text);
  if (!parsed.ok) {
    const p = parsed.problem;
    throw new UsageError(`${file}:${p.line}:${p.column}: ${p.message}`);
  }
  const picks: Record<string, string> = {};
  for (const { competency, level } of parsed.file.picks) {
    if (!index.competencies.has(competency.value)) {
      const hint =
        didYouMean(competency.value, index.competencies.keys()) ??
        `competencies: ${[...index.competencies.keys()].join(", ") || "none"}`;
      throw new UsageError(
        `${file}:${competency.line}:${competency.column}: no competency "${competency.value}" in ${path}; ${hint}`,
      );
    }
    checkLevel(index, path, level.value, `${file}:${level.line}:${level.column}: `);
    picks[competency.value] = level.value;
  }
  let target = asked.targetLevel;
  if (target !== undefined) checkLevel(index, path, target);
  else if (parsed.file.target) {
    const t = parsed.file.target;
    checkLevel(index, path, t.value, `${file}:${t.line}:${t.column}: `);
    target = t.value;
  }
  if (target === undefined) throw new UsageError(`give --target-level, or a \`target:\` level in ${file}`);
  // --role wins over the file's `role:`, as --target-level wins over its `target:`
  const role = asked.role ?? parsed.file.role?.value;
  if (role !== undefined) {
    const at = asked.role === undefined ? parsed.file.role : undefined;
    mustFind(findRole(index, role), `in ${path}`, at ? `${file}:${at.line}:${at.column}: ` : "");
  }
  return goalsFromAssessment(index, { picks, target, ...(role !== undefined ? { role } : {}) }, options);
}

/** Why there are no templates for what was asked, as a usage error with what there is instead. */
function templateProblem(index: FrameworkIndex, path: string, problem: TemplateProblem): UsageError {
  switch (problem.problem) {
    case "no-level":
      checkLevel(index, path, problem.level);
      return new UsageError(`no level "${problem.level}" in ${path}`);
    case "no-role":
      mustFind(findRole(index, problem.role), `in ${path}`);
      return new UsageError(`no role "${problem.role}" in ${path}`);
    case "not-spanned":
      return new UsageError(
        `role "${problem.role}" does not span level "${problem.level}"; its levels: ${problem.levels.join(", ") || "none"}`,
      );
  }
}

export async function goalsCommand(path: string, options: GoalsCommandOptions, io: CliIo): Promise<number> {
  const format = parseFormat(options.format);
  const kinds = parseKinds(options.kind);
  const goalOptions: GoalOptions = { kinds, fill: parseFill(options) };

  if (options.assessment !== undefined) {
    if (options.level !== undefined)
      throw new UsageError(
        "give --assessment (with --target-level) or --level (with or without --role), not both",
      );
    if (options.kind !== undefined && options.kind !== "all" && options.kind !== "smart")
      throw new UsageError(
        "goals from an assessment are SMART goals only; leave out --kind or give --kind smart",
      );
  } else {
    if (options.targetLevel !== undefined)
      throw new UsageError("--target-level goes with --assessment; for a level's goals give --level");
    if (options.level === undefined)
      throw new UsageError(
        options.role === undefined
          ? "give --level (with or without --role), or --assessment with --target-level"
          : "give the level for the role with --level",
      );
  }

  const { index } = await readForCommand(path, io, { doing: "goals are drawn from what could be read" });
  let doc: GoalDocument;
  if (options.assessment !== undefined) {
    const asked = { targetLevel: options.targetLevel, role: options.role };
    doc = await assessmentDocument(index, path, options.assessment, asked, goalOptions, io);
  } else {
    const level = options.level as string;
    checkLevel(index, path, level);
    const found = goalTemplates(index, { level, role: options.role }, goalOptions);
    if ("problem" in found) throw templateProblem(index, path, found);
    doc = found;
  }
  print(io.stdout, RENDER[format](doc));
  return EXIT.ok;
}
