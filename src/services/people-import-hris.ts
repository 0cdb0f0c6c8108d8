/**
 * What a people import reads the way an HRIS export writes it, before the plan: a manager named by the
 * employee id of another row of the same file, and a framework, track, level or role named by its name
 * ("Senior", "Backend Engineer") or, for a role, by one of its title aliases, rather than by its id.
 */
import type { FrameworkIndex } from "../core/model.js";
import type { PeopleCsvRow } from "../core/people-csv.js";
import type { Placement } from "../core/placement.js";
import { quoted } from "../core/text.js";
import { emailKey } from "../store/person-input.js";
import type { Problem } from "../store/types.js";
import type { ImportProblem } from "./people-import-plan.js";

const trimmed = (value: string | undefined) => value?.trim() ?? "";

/**
 * The rows with `managerEmail` filled from `managerEmployeeId` (the employee id of another row of the same
 * file; rungs stores no employee ids), and every problem: an employee id twice, a manager's id no row
 * has, or a manager email and id naming two different people. `fromId` lists the lines whose manager came
 * from an id, so a problem with that manager is located in that column.
 */
export function managersByEmployeeId(rows: readonly PeopleCsvRow[]): {
  rows: PeopleCsvRow[];
  problems: ImportProblem[];
  fromId: Set<number>;
} {
  const problems: ImportProblem[] = [];
  const fromId = new Set<number>();
  const byId = new Map<string, PeopleCsvRow>();
  for (const row of rows) {
    const id = trimmed(row.employeeId);
    if (id === "") continue;
    const first = byId.get(id);
    if (!first) byId.set(id, row);
    else
      problems.push(
        problem(
          row.line,
          "duplicate-employee-id",
          `The employee id ${quoted(id, 40)} is also on line ${first.line}`,
          "employeeId",
        ),
      );
  }
  const resolved = rows.map((row) => {
    if (row.managerEmployeeId === undefined) return row;
    const id = trimmed(row.managerEmployeeId);
    const byEmail = trimmed(row.managerEmail);
    if (id === "") return byEmail === "" ? { ...row, managerEmail: "" } : row;
    fromId.add(row.line);
    const manager = byId.get(id);
    if (!manager) {
      const message = `No row of this file has the employee id ${quoted(id, 40)}; a manager named by employee id must be in the same file (or name them by manager email)`;
      problems.push(problem(row.line, "manager-not-found", message, "managerEmployeeId"));
      return { ...row, managerEmail: "" };
    }
    if (byEmail !== "" && emailKey(byEmail) !== emailKey(manager.email)) {
      const message = `The manager email ${quoted(byEmail, 80)} and the manager employee id ${quoted(id, 40)} (${manager.email.trim()}, line ${manager.line}) name two different people`;
      problems.push(problem(row.line, "manager-mismatch", message, "managerEmployeeId"));
    }
    return { ...row, managerEmail: manager.email };
  });
  return { rows: resolved, problems, fromId };
}

function problem(line: number, code: Problem["code"], message: string, field: string): ImportProblem {
  return { line, kind: "invalid", code, message, field };
}

const PARTS = ["track", "level", "role"] as const;

/**
 * The row with each of framework, track, level and role given as its id, when the file names it by its id
 * in another case, by its name, or (a role) by one of its aliases, ignoring case, and only one thing of the
 * framework has that name. Anything else is kept as written, for `checkPlacement` to report.
 */
export function placementByName<T extends Placement>(
  frameworks: ReadonlyMap<string, FrameworkIndex>,
  row: T,
  fallbackFramework?: string | null,
): T {
  const out = { ...row };
  const framework = trimmed(row.framework ?? undefined);
  if (framework !== "" && !frameworks.has(framework)) {
    const named = [...frameworks.values()].map((index) => index.framework);
    const id = uniqueMatch(framework, named, (f) => [f.id, f.name]);
    if (id !== undefined) out.framework = id;
  }
  const index = frameworks.get(
    trimmed(out.framework ?? undefined) || trimmed(fallbackFramework ?? undefined),
  );
  if (!index) return out;
  for (const part of PARTS) {
    const value = trimmed(row[part] ?? undefined);
    const things = index[`${part}s`] as ReadonlyMap<
      string,
      { id: string; name?: string; aliases?: string[] }
    >;
    if (value === "" || things.has(value)) continue;
    const id = uniqueMatch(value, things.values(), (t) => [t.id, t.name ?? "", ...(t.aliases ?? [])]);
    if (id !== undefined) out[part] = id;
  }
  return out;
}

/** The id of the one thing one of whose names is `value` ignoring case and edge spaces; else undefined. */
function uniqueMatch<T extends { id: string }>(
  value: string,
  things: Iterable<T>,
  names: (thing: T) => readonly string[],
): string | undefined {
  const wanted = value.toLocaleLowerCase("en");
  const ids = new Set<string>();
  for (const thing of things) {
    if (names(thing).some((name) => name.trim().toLocaleLowerCase("en") === wanted)) ids.add(thing.id);
  }
  return ids.size === 1 ? [...ids][0] : undefined;
}
