/**
 * Medium's snowflake constants module (constants.js): `tracks` (each with displayName, category,
 * description and milestones of summary, signals and examples), `milestoneToPoints`, `pointsToLevels` and
 * `titles`. Read with a real JavaScript parser (acorn) and never evaluated: only literal data is read, a
 * `switch` of `case N: return M` for the points; code that would run when the module loads (a call, a
 * loop, a getter, a spread...) is a located error. Flow or TypeScript annotations are stripped first where
 * Node can (module.stripTypeScriptTypes keeps every position).
 *
 * Mapped: tracks → competencies with their own milestone scale (points per step), categories → areas,
 * pointsToLevels → levels on one track, placed by `points`, titled from `titles`.
 */
import * as acorn from "acorn";
import { labelFromId } from "../core/model.js";
import type { Area, Competency, Framework, Level } from "../core/schema.js";
import type { SourceLocation } from "../core/source-location.js";
import { blankFlowAliases } from "./flow-types.js";
import { allocateIds, isId } from "./ids.js";
import { ImportError, type Importer, type ImportInput, ImportLog, utf8 } from "./types.js";

type Node = acorn.AnyNode;
const MAX_DEPTH = 64;
/** What Medium's module gives a milestone when its switch has no case for it. */
const DEFAULT_POINTS = [0, 1, 3, 6, 12, 20];

class CodeError extends Error {
  constructor(
    readonly node: Node,
    message: string,
  ) {
    super(message);
  }
}

/** A literal value, or a CodeError at the first thing that is not one. */
function literal(node: Node, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new CodeError(node, `nested deeper than ${MAX_DEPTH}`);
  switch (node.type) {
    case "Literal":
      if (node.value === null || ["string", "number", "boolean"].includes(typeof node.value))
        return node.value;
      throw new CodeError(node, "a value that is not plain data");
    case "TemplateLiteral":
      if (node.expressions.length === 0) return node.quasis.map((q) => q.value.cooked ?? "").join("");
      throw new CodeError(node, "code that would run: a template with an expression");
    case "UnaryExpression":
      if (
        node.operator === "-" &&
        node.argument.type === "Literal" &&
        typeof node.argument.value === "number"
      )
        return -node.argument.value;
      break;
    case "ArrayExpression":
      return node.elements.map((e) => {
        if (!e || e.type === "SpreadElement")
          throw new CodeError(e ?? node, "code that would run: a spread or a hole");
        return literal(e, depth + 1);
      });
    case "ObjectExpression": {
      const out = new Map<string, unknown>();
      for (const p of node.properties) {
        if (p.type !== "Property" || p.kind !== "init" || p.computed || p.method || p.shorthand)
          throw new CodeError(p, "code that would run: a spread, getter, method or computed key");
        const key =
          p.key.type === "Identifier"
            ? p.key.name
            : p.key.type === "Literal"
              ? String(p.key.value)
              : undefined;
        if (key === undefined) throw new CodeError(p.key, "a key that is not a name");
        out.set(key, literal(p.value, depth + 1));
      }
      return out;
    }
  }
  throw new CodeError(node, `code that would run: ${node.type}`);
}

/** `(m) => { switch (m) { case 1: return 1 … } }`: milestone → points, read, not run. */
function switchPoints(node: Node): Map<number, number> | undefined {
  if (node.type !== "ArrowFunctionExpression" && node.type !== "FunctionExpression") return undefined;
  const body = node.body.type === "BlockStatement" ? node.body.body : [];
  const points = new Map<number, number>();
  for (const statement of body) {
    if (statement.type !== "SwitchStatement") continue;
    for (const c of statement.cases) {
      const ret = c.consequent.find((s) => s.type === "ReturnStatement");
      if (
        c.test?.type === "Literal" &&
        typeof c.test.value === "number" &&
        ret?.type === "ReturnStatement" &&
        ret.argument
      ) {
        const value = literal(ret.argument);
        if (typeof value === "number") points.set(c.test.value, value);
      }
    }
  }
  return points.size ? points : undefined;
}

/**
 * Runs `strip` without the ExperimentalWarning Node prints on the first use of stripTypeScriptTypes: the
 * person importing a Flow-annotated snowflake module would see a warning about Node's internals on every
 * import (and a server its log line). Only that warning is held back, only while `strip` runs.
 */
export function quietly<T>(strip: () => T): T {
  const { emitWarning } = process;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    if (String(typeof warning === "string" ? warning : warning.message).includes("stripTypeScriptTypes"))
      return;
    return Reflect.apply(emitWarning, this, [warning, ...rest]);
  } as typeof process.emitWarning;
  try {
    return strip();
  } finally {
    process.emitWarning = emitWarning;
  }
}

function parse(input: ImportInput): acorn.Program {
  const text = utf8(input);
  const options: acorn.Options = { ecmaVersion: "latest", sourceType: "module", locations: true };
  try {
    return acorn.parse(text, options);
  } catch (first) {
    try {
      // Flow and TypeScript annotations: blanked out (positions kept), then parsed again.
      const strip = (
        process.getBuiltinModule?.("node:module") as { stripTypeScriptTypes?: (t: string) => string }
      )?.stripTypeScriptTypes;
      // Flow's own type aliases (`{| … |}`, `$Keys<…>`, `?string`) first: Node blanks TypeScript only
      if (strip)
        return acorn.parse(
          quietly(() => strip(blankFlowAliases(text))),
          options,
        );
    } catch {
      // the first error is the one to show: it points at the file as written
    }
    const loc = (first as { loc?: { line: number } }).loc;
    throw new ImportError([
      {
        at: { file: input.name, ...(loc ? { line: loc.line } : {}) },
        message: `not JavaScript rungs can read: ${(first as Error).message}`,
      },
    ]);
  }
}

const WANTED = new Set(["tracks", "milestoneToPoints", "pointsToLevels", "titles"]);

/** Each name the module imports → the module it comes from (`craftMilestones` → `./milestones/craft`). */
function importedNames(program: acorn.Program): Map<string, string> {
  const names = new Map<string, string>();
  for (const statement of program.body)
    if (statement.type === "ImportDeclaration")
      for (const specifier of statement.specifiers)
        names.set(specifier.local.name, String(statement.source.value));
  return names;
}

/** What a name in the data is, for the error: imported from a module, or bound elsewhere in this one. */
function boundElsewhere(name: string, imported: Map<string, string>): string {
  const from = imported.get(name);
  return `${name} is ${from === undefined ? "a name bound elsewhere in the module" : `imported from '${from}'`}: rungs reads one module and only the data written in it; paste the data in, or import the framework as csv`;
}

function declarations(
  program: acorn.Program,
  file: string,
  log: ImportLog,
): Map<string, { node: Node; at: SourceLocation }> {
  const found = new Map<string, { node: Node; at: SourceLocation }>();
  const at = (n: Node): SourceLocation => ({ file, line: n.loc?.start.line ?? 1 });
  for (const statement of program.body) {
    const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
    if (!declaration) continue;
    if (declaration.type === "ImportDeclaration" || declaration.type === "FunctionDeclaration") continue;
    if (declaration.type !== "VariableDeclaration") {
      log.error(at(declaration), `code that would run when the module loads: ${declaration.type}`);
      continue;
    }
    for (const d of declaration.declarations) {
      if (d.id.type !== "Identifier" || !d.init) continue;
      if (WANTED.has(d.id.name)) found.set(d.id.name, { node: d.init, at: at(d) });
      else log.bend("dropped", at(d), `${d.id.name} is not read (rungs reads ${[...WANTED].join(", ")})`);
    }
  }
  return found;
}

export const snowflakeImporter: Importer = {
  async read(inputs) {
    const log = new ImportLog();
    const input = inputs[0];
    if (!input || inputs.length > 1)
      throw new ImportError([
        { at: { file: inputs[1]?.name ?? "snowflake" }, message: "give one constants module" },
      ]);
    const program = parse(input);
    const found = declarations(program, input.name, log);
    const imported = importedNames(program);
    const failed = new Set<string>();
    const value = (name: string): unknown => {
      const entry = found.get(name);
      if (!entry || name === "milestoneToPoints") return undefined;
      try {
        return literal(entry.node);
      } catch (error) {
        if (!(error instanceof CodeError)) throw error;
        const { node } = error;
        failed.add(name);
        log.error(
          { file: input.name, line: node.loc?.start.line ?? entry.at.line ?? 1 },
          `${name}: ${node.type === "Identifier" ? boundElsewhere(node.name, imported) : error.message}`,
        );
        return undefined;
      }
    };
    const tracks = value("tracks");
    const levelsByPoints = value("pointsToLevels");
    const titles = value("titles");
    // one that could not be read is reported where it could not: it is there, not missing
    if (!(tracks instanceof Map) && !failed.has("tracks"))
      log.error({ file: input.name }, "no tracks object (export const tracks = { … })");
    if (!(levelsByPoints instanceof Map) && !failed.has("pointsToLevels"))
      log.error({ file: input.name }, "no pointsToLevels object (missing levels)");
    log.check();
    const pointsEntry = found.get("milestoneToPoints");
    const points = pointsEntry ? switchPoints(pointsEntry.node) : undefined;
    const most = Math.max(
      0,
      ...[...(tracks as Map<string, unknown>).values()].map((t) => {
        const milestones = field(t, "milestones");
        return Array.isArray(milestones) ? milestones.length : 0;
      }),
    );
    // past Medium's five milestones nothing says what one is worth: such a step gets no points, not 0
    const beyond =
      most >= DEFAULT_POINTS.length ? `; milestones past ${DEFAULT_POINTS.length - 1} get none` : "";
    if (!points)
      log.bend(
        "guessed",
        pointsEntry?.at ?? { file: input.name },
        `milestone points: ${DEFAULT_POINTS.slice(1).join(", ")}${beyond}`,
      );
    const pointsOf = (m: number) => points?.get(m) ?? DEFAULT_POINTS[m];
    return log.done(
      frameworkOf(
        input.name,
        tracks as Map<string, unknown>,
        levelsByPoints as Map<string, unknown>,
        titles,
        pointsOf,
        found,
        log,
      ),
    );
  },
};

const field = (v: unknown, key: string): unknown => (v instanceof Map ? v.get(key) : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

function frameworkOf(
  file: string,
  tracks: Map<string, unknown>,
  levelsByPoints: Map<string, unknown>,
  titles: unknown,
  pointsOf: (milestone: number) => number | undefined,
  found: Map<string, { node: Node; at: SourceLocation }>,
  log: ImportLog,
): Framework {
  const areas = areasOf(tracks, pointsOf, found.get("tracks")?.at ?? { file }, log);
  const levelsAt = found.get("pointsToLevels")?.at ?? { file };
  const keyAt = keyLines(found.get("pointsToLevels")?.node, levelsAt);
  const { levels, points } = levelsOf(levelsByPoints, titles, levelsAt, keyAt, log);
  log.bend("guessed", { file }, "the module names no framework: id snowflake, one track engineering");
  return {
    rungs: 2,
    id: "snowflake",
    name: "Snowflake growth framework",
    tracks: [{ id: "engineering", name: "Engineering" }],
    points: { levels: points },
    levels,
    areas,
  };
}

/** Each track a competency with a milestone scale, grouped into areas by its category letter. */
function areasOf(
  tracks: Map<string, unknown>,
  pointsOf: (milestone: number) => number | undefined,
  tracksAt: SourceLocation,
  log: ImportLog,
): Area[] {
  const competencyIds = allocateIds(tracks.keys());
  const categoryIds = allocateIds([...tracks.values()].map((t) => str(field(t, "category")) ?? "other"));
  const areas = new Map<string, Area>();
  let folded = false;
  let summarized = false;
  for (const [key, track] of tracks) {
    const category = str(field(track, "category")) ?? "other";
    const milestones = Array.isArray(field(track, "milestones"))
      ? (field(track, "milestones") as unknown[])
      : [];
    if (milestones.length === 0) log.error(tracksAt, `track ${key} has no milestones`);
    const steps = milestones.slice(0, 50).map((m, i) => milestoneStep(m, i + 1, pointsOf));
    folded ||= steps.some((s) => s.folded);
    // some modules give a track a one-line summary as well as its description: both are kept, in that order
    const summary = str(field(track, "summary"));
    const description = [summary, str(field(track, "description"))].filter(Boolean).join("\n\n");
    summarized ||= summary !== undefined;
    const competency: Competency = {
      id: competencyIds.get(key) as string,
      name: str(field(track, "displayName")) ?? labelFromId(competencyIds.get(key) as string),
      ...(description ? { description } : {}),
      scale: { name: "Milestone", steps: steps.map((s) => s.step) },
      expectations: {},
    };
    const areaId = categoryIds.get(category) as string;
    const area = areas.get(areaId) ?? { id: areaId, name: `Category ${category}`, competencies: [] };
    area.competencies.push(competency);
    areas.set(areaId, area);
    log.from(`areas.${areaId}.competencies.${competency.id}`, tracksAt);
  }
  if (areas.size)
    log.bend(
      "guessed",
      tracksAt,
      "the module names categories by letter only: areas are named Category A, …",
    );
  if (folded)
    log.bend(
      "merged",
      tracksAt,
      "each milestone's signals and examples are folded into its step's description",
    );
  if (summarized)
    log.bend("merged", tracksAt, "a track's summary is the first paragraph of its competency's description");
  return [...areas.values()];
}

/** A milestone as a scale step: its summary, signals and examples folded into one description. */
function milestoneStep(milestone: unknown, n: number, pointsOf: (milestone: number) => number | undefined) {
  const signals = (field(milestone, "signals") as unknown[] | undefined)?.flatMap((s) => str(s) ?? []) ?? [];
  const examples =
    (field(milestone, "examples") as unknown[] | undefined)?.flatMap((s) => str(s) ?? []) ?? [];
  const description = [
    str(field(milestone, "summary")),
    signals.length ? `Signals:\n\n${signals.map((s) => `- ${s}`).join("\n")}` : undefined,
    examples.length ? `Examples:\n\n${examples.map((s) => `- ${s}`).join("\n")}` : undefined,
  ].filter(Boolean);
  return {
    folded: signals.length + examples.length > 0,
    step: {
      id: String(n),
      ...(description.length ? { description: description.join("\n\n") } : {}),
      ...(pointsOf(n) === undefined ? {} : { points: pointsOf(n) }),
    },
  };
}

/** Where each key of an object literal is written (`'5': '1.2'` → its line), else where the object is. */
function keyLines(node: Node | undefined, fallback: SourceLocation): (key: string) => SourceLocation {
  const lines = new Map<string, number>();
  if (node?.type === "ObjectExpression")
    for (const p of node.properties)
      if (p.type === "Property" && p.key.type === "Literal" && p.loc)
        lines.set(String(p.key.value), p.loc.start.line);
      else if (p.type === "Property" && p.key.type === "Identifier" && p.loc)
        lines.set(p.key.name, p.loc.start.line);
  return (key) => {
    const line = lines.get(key);
    return line === undefined ? fallback : { ...fallback, line };
  };
}

/**
 * The entries of pointsToLevels in order of points, each level once: where two totals reach the same level
 * (`'0': '1.1', '5': '1.1'`), snowflake shows that level from the lower, so it is reached there; the other
 * total says nothing more (a `merged` bend at its line).
 */
function levelEntries(
  levelsByPoints: Map<string, unknown>,
  keyAt: (key: string) => SourceLocation,
  log: ImportLog,
): { written: string; points: number; key: string }[] {
  const entries = [...levelsByPoints]
    .map(([p, l]) => ({ written: p, points: Number(p), key: str(l) ?? String(l) }))
    .filter((e) => {
      if (Number.isFinite(e.points) && e.points >= 0) return true;
      log.error(keyAt(e.written), `pointsToLevels key "${e.written}" is not a number of points`);
      return false;
    })
    .sort((a, b) => a.points - b.points);
  const first = new Map<string, number>();
  return entries.filter((e) => {
    const lower = first.get(e.key);
    if (lower === undefined) return first.set(e.key, e.points);
    log.bend(
      "merged",
      keyAt(e.written),
      `pointsToLevels gives level ${e.key} at ${e.points} points as well: it is reached at ${lower}`,
    );
    return false;
  });
}

/** A level key that is a number, or numbers joined by dots: `2`, `1.1`. */
const NUMBERED = /^\d+(?:\.\d+)*$/;

/** The levels reached by point totals, in order, each titled by the title band its points fall in. */
function levelsOf(
  levelsByPoints: Map<string, unknown>,
  titles: unknown,
  levelsAt: SourceLocation,
  keyAt: (key: string) => SourceLocation,
  log: ImportLog,
): { levels: Level[]; points: Record<string, number> } {
  const titleList = Array.isArray(titles) ? titles : [];
  const entries = levelEntries(levelsByPoints, keyAt, log);
  const levelIds = allocateIds(
    entries.map((e) => e.key).filter((k) => !isId(k)),
    entries.map((e) => e.key).filter(isId),
  );
  for (const e of entries) if (isId(e.key)) levelIds.set(e.key, e.key);
  let shared: { at: number; labels: string[] } | undefined;
  const levels: Level[] = entries.map((e, i) => {
    const labels = titleList.flatMap((t) => {
      const min = Number(field(t, "minPoints") ?? 0);
      const max = Number(field(t, "maxPoints") ?? Number.POSITIVE_INFINITY);
      return e.points >= min && e.points <= max ? (str(field(t, "label")) ?? []) : [];
    });
    if (labels.length > 1) shared ??= { at: e.points, labels };
    const label = [...new Set(labels)].join(" / ");
    const previous = entries[i - 1];
    return {
      id: levelIds.get(e.key) as string,
      // snowflake shows a level as the number under "Level": "2.3" alone would head a page as a bare number
      name: NUMBERED.test(e.key) ? `Level ${e.key}` : e.key,
      ...(label ? { title: label } : {}),
      track: "engineering",
      ...(previous ? { follows: [levelIds.get(previous.key) as string] } : {}),
      ...(e.key.includes(".") ? { band: e.key.split(".")[0] as string } : {}),
    };
  });
  for (const e of entries) log.from(`levels.${levelIds.get(e.key)}`, keyAt(e.written));
  if (shared)
    log.bend(
      "merged",
      levelsAt,
      `titles share a range of points (${shared.labels.join(", ")} at ${shared.at} points): a level reached there is titled with each, joined by " / "`,
    );
  if (levels.length === 0) log.error(levelsAt, "pointsToLevels names no level (missing levels)");
  return {
    levels,
    points: Object.fromEntries(entries.map((e) => [levelIds.get(e.key) as string, e.points])),
  };
}
