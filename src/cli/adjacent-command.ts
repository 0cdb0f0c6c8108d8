/**
 * `rungs adjacent <role> --level L [paths...]`: the role-levels nearest to a role at a level, across every
 * given framework, with their distance, its parts and band (docs/job-architecture.md). Every wrong argument
 * is a one-line UsageError (exit 2), with a suggestion where one helps.
 */
import {
  type AdjacencySettings,
  type Adjacent,
  adjacencySettings,
  adjacentRoles,
  type RoleLevel,
  referenceRange,
  roleLevelCode,
} from "../core/adjacency.js";
import { referenceStep } from "../core/equivalence.js";
import type { FrameworkIndex } from "../core/model.js";
import { didYouMean } from "../core/text.js";
import { findLevel, findRole } from "../services/frameworks.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { columns, loadIndexes, mustFind } from "./load-indexes.js";

export interface AdjacentCommandOptions {
  level: string;
  limit?: string;
  format?: "text" | "json";
}

export const DEFAULT_ADJACENT_LIMIT = 10;

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_ADJACENT_LIMIT;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new UsageError(`--limit must be a whole number of 1 or more, got "${value}"`);
  }
  return Number(value);
}

/** `role` or `framework:role`, resolved against every loaded framework. */
function resolveRole(
  indexes: Map<string, FrameworkIndex>,
  spec: string,
): { index: FrameworkIndex; role: string } {
  const colon = spec.indexOf(":");
  if (colon >= 0) {
    const framework = spec.slice(0, colon);
    const role = spec.slice(colon + 1);
    const index = indexes.get(framework);
    if (!index) {
      const hint = didYouMean(framework, indexes.keys()) ?? `frameworks: ${[...indexes.keys()].join(", ")}`;
      throw new UsageError(`no framework "${framework}"; ${hint}`);
    }
    mustFind(findRole(index, role), `in ${framework}`);
    return { index, role };
  }
  const holders = [...indexes.values()].filter((index) => index.roles.has(spec));
  if (holders.length === 1) return { index: holders[0] as FrameworkIndex, role: spec };
  if (holders.length > 1) {
    const ids = holders.map((h) => h.framework.id);
    throw new UsageError(
      `role "${spec}" is in ${ids.join(" and ")}; name one as framework:role, e.g. ${ids[0]}:${spec}`,
    );
  }
  const all = [...indexes.values()].flatMap((index) => [...index.roles.keys()]);
  const hint = didYouMean(spec, new Set(all)) ?? `roles: ${[...new Set(all)].join(", ") || "none"}`;
  throw new UsageError(`no role "${spec}" in ${[...indexes.keys()].join(", ")}; ${hint}`);
}

const fixed = (n: number) => n.toFixed(2);

function header(index: FrameworkIndex, from: RoleLevel, settings: AdjacencySettings): string {
  const role = index.roles.get(from.role);
  const level = index.levels.get(from.level);
  const range = referenceRange(index, from.level);
  const step = range && referenceStep(range.from);
  const placed = !range
    ? `not on the reference scale: compared by ladder rank, within ${index.framework.id} only`
    : range.from === range.to
      ? `reference step ${range.from} (${step?.name})`
      : `reference steps ${range.from}–${range.to}`;
  const w = settings.weights;
  return (
    `${role?.name} at ${level?.name} · ${roleLevelCode(index, from)} · ${index.framework.name}\n` +
    `${placed}\n` +
    `bands: close ≤ ${fixed(settings.close)}, review ≤ ${fixed(settings.review)}, else far · ` +
    `weights: level ${w.level}, taxonomy ${w.taxonomy}, content ${w.content}\n`
  );
}

function table(found: Adjacent[]): string {
  const rows = [["distance", "band", "level", "taxonomy", "content", "framework", "code", "role at level"]];
  for (const a of found) {
    const d = a.distance;
    rows.push([
      fixed(d.total),
      a.band,
      fixed(d.level),
      fixed(d.taxonomy),
      d.content === undefined ? "—" : fixed(d.content),
      a.target.framework,
      a.code,
      `${a.roleName} · ${a.levelName}`,
    ]);
  }
  return columns(rows);
}

export async function adjacentCommand(
  roleSpec: string,
  paths: string[],
  options: AdjacentCommandOptions,
  io: CliIo,
): Promise<number> {
  const limit = parseLimit(options.limit);
  const indexes = await loadIndexes(paths, io);
  const { index, role } = resolveRole(indexes, roleSpec);
  const fw = index.framework.id;
  mustFind(findLevel(index, options.level), `in ${fw}`);
  const span = index.roles.get(role)?.levels ?? [];
  if (!span.includes(options.level)) {
    throw new UsageError(
      `role "${role}" does not span level "${options.level}"; its levels: ${span.join(", ")}`,
    );
  }
  const from: RoleLevel = { framework: fw, role, level: options.level };
  const settings = adjacencySettings(index);
  const found = adjacentRoles(indexes, from, { limit });

  if (options.format === "json") {
    const range = referenceRange(index, options.level);
    const report = {
      from: {
        ...from,
        code: roleLevelCode(index, from),
        roleName: index.roles.get(role)?.name,
        levelName: index.levels.get(options.level)?.name,
        frameworkName: index.framework.name,
        reference: range ?? null,
      },
      settings,
      adjacent: found,
    };
    print(io.stdout, `${JSON.stringify(report, null, 2)}\n`);
    return EXIT.ok;
  }
  print(io.stdout, header(index, from, settings));
  print(io.stdout, "\n");
  print(io.stdout, found.length ? table(found) : "No other role-level can be compared with it.\n");
  return EXIT.ok;
}
