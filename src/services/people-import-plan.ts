/**
 * The plan of a people import, decided against what is stored: for every row whether it creates, updates
 * or leaves a person unchanged (people are keyed by email, ignoring case), and every problem by line
 * (bad fields, the same email twice, unknown managers, manager loops in the tree the import would make).
 * Pure: the caller reads the stored people (`PeopleRepository.readForImport`) and writes the plan.
 */
import { findCycles } from "../core/org-tree.js";
import {
  checkActive,
  checkEmail,
  checkManagerEmail,
  checkName,
  checkOptional,
  emailKey,
  OPTIONAL_FIELDS,
  type OptionalField,
} from "../store/person-input.js";
import type { Conflict, PeopleWrites, Person, PersonWrite, Problem, StoredPeople } from "../store/types.js";

/** One parsed row of a people import (a `PeopleCsvRow`); `line` is reported back in problems. */
export interface ImportRow {
  line: number;
  name: string;
  email: string;
  /** The manager's email: a person already stored or another row of the same import. Blank = no manager. */
  managerEmail?: string | null;
  /** For an existing person, an absent (undefined) field keeps the stored value; null or blank clears it. */
  framework?: string | null;
  track?: string | null;
  level?: string | null;
  role?: string | null;
  /** yes/no (see `checkActive`); absent keeps the stored value, blank means active. */
  active?: string | null;
}

/** A problem with one import row. */
export interface ImportProblem extends Problem {
  line: number;
}

/** What an import would do to one row. */
export interface ImportRowPlan {
  line: number;
  email: string;
  action: "create" | "update" | "unchanged";
  /** The stored person's id for updates. */
  personId?: string;
  /**
   * What an update changes, in column order: `name`, `email`, `manager`, `framework`, `track`, `level`,
   * `role`, and `left` or `back` when it marks someone as having left or brings them back.
   */
  changes?: string[];
}

export interface ImportPlan {
  rows: ImportRowPlan[];
  /** By line. The plan may only be written when there are none. */
  problems: ImportProblem[];
  /** By line: what is worth knowing but does not stop the import (a manager who has left). */
  warnings: ImportProblem[];
  writes: PeopleWrites;
}

/** A row on its own: its email key (even a malformed email identifies the row) and its checked fields. */
interface CheckedRow {
  row: ImportRow;
  key: string | undefined;
  name?: string;
  email?: string;
  optional: Partial<Record<OptionalField, string | null>>;
  /** undefined: the manager column is absent; null: no manager. */
  managerKey: string | null | undefined;
  /** undefined: the active column is absent (or its cell is refused). */
  active?: boolean;
}

type Report = (line: number, problem: Problem) => void;

/** The email keys of an import's rows: what to read of the stored people before planning. */
export function importEmailKeys(rows: readonly ImportRow[]): string[] {
  return rows
    .filter((row) => typeof row.email === "string" && row.email.trim() !== "")
    .map((row) => emailKey(row.email));
}

/** Decides the import. `newId` names the people it creates. */
export function planPeopleImport(
  rows: readonly ImportRow[],
  stored: StoredPeople,
  newId: () => string,
): ImportPlan {
  const problems: ImportProblem[] = [];
  const report: Report = (line, problem) => problems.push({ ...problem, line });
  const unique = uniqueRows(
    rows.map((row) => checkRow(row, report)),
    report,
  );
  const managerOf = managersAfterImport(unique, stored, report);
  const idOfKey = new Map(stored.tree.map((p) => [p.emailKey, p.id]));

  const writes = new Map<string, PersonWrite>();
  for (const [key, c] of unique) {
    const before = stored.byKey.get(key);
    const field = (name: OptionalField) =>
      c.row[name] === undefined ? (before?.[name] ?? null) : (c.optional[name] ?? null);
    writes.set(key, {
      id: before?.id ?? newId(),
      name: c.name ?? before?.name ?? "",
      email: c.email ?? before?.email ?? c.row.email,
      managerId: null,
      framework: field("framework"),
      track: field("track"),
      level: field("level"),
      role: field("role"),
      active: c.active ?? before?.active ?? true,
    });
  }
  lastAdminProblems(unique, stored, writes, report);
  const plan: ImportPlan = { rows: [], problems, warnings: [], writes: { creates: [], updates: [] } };
  for (const [key, c] of unique) {
    const write = writes.get(key) as PersonWrite;
    const managerKey = managerOf.get(key) ?? null;
    write.managerId =
      managerKey === null ? null : (writes.get(managerKey)?.id ?? idOfKey.get(managerKey) ?? null);
    const before = stored.byKey.get(key);
    const changes = before === undefined ? [] : changedFields(before, write);
    const action = before === undefined ? "create" : changes.length === 0 ? "unchanged" : "update";
    if (action === "create") plan.writes.creates.push(write);
    if (action === "update") plan.writes.updates.push(write);
    plan.rows.push({
      line: c.row.line,
      email: write.email,
      action,
      ...(before ? { personId: before.id } : {}),
      ...(changes.length > 0 ? { changes } : {}),
    });
  }
  plan.writes.creates = managersFirst(plan.writes.creates);
  plan.warnings = inactiveManagers(unique, stored, writes);
  problems.sort((a, b) => a.line - b.line);
  return plan;
}

/** What writing `write` changes of the stored person, as `ImportRowPlan.changes` names it. */
function changedFields(before: Person, write: PersonWrite): string[] {
  const changes: string[] = [];
  if (before.name !== write.name) changes.push("name");
  if (before.email !== write.email) changes.push("email");
  if (before.managerId !== write.managerId) changes.push("manager");
  changes.push(...OPTIONAL_FIELDS.filter((f) => before[f] !== write[f]));
  if (before.active !== write.active) changes.push(write.active ? "back" : "left");
  return changes;
}

function checkRow(row: ImportRow, report: Report): CheckedRow {
  const fail = (problem: Problem) => report(row.line, problem);
  const checked: CheckedRow = { row, key: undefined, optional: {}, managerKey: undefined };
  const name = checkName(row.name);
  if (name.problem) fail(name.problem);
  else checked.name = name.value;
  const email = checkEmail(row.email);
  if (email.problem) fail(email.problem);
  else checked.email = email.value;
  for (const field of OPTIONAL_FIELDS) {
    if (row[field] === undefined) continue;
    const value = checkOptional(row[field], field);
    if (value.problem) fail(value.problem);
    else checked.optional[field] = value.value;
  }
  if (row.active !== undefined) {
    const active = checkActive(row.active);
    if (active.problem) fail(active.problem);
    else checked.active = active.value;
  }
  if (row.managerEmail !== undefined) {
    const manager = checkManagerEmail(row.managerEmail);
    if (manager.problem) fail(manager.problem);
    else checked.managerKey = manager.value === null ? null : emailKey(manager.value);
  }
  // even a malformed email identifies the row, so others naming it as manager do not also fail
  if (typeof row.email === "string" && row.email.trim() !== "") checked.key = emailKey(row.email);
  return checked;
}

/** Each email once per file: the rows by key, in file order; a repeat is reported against the first. */
function uniqueRows(checked: readonly CheckedRow[], report: Report): Map<string, CheckedRow> {
  const unique = new Map<string, CheckedRow>();
  for (const c of checked) {
    if (c.key === undefined) continue;
    const first = unique.get(c.key);
    if (first) {
      report(c.row.line, {
        kind: "invalid",
        code: "duplicate-email",
        field: "email",
        message: `The email ${c.row.email.trim()} is also on line ${first.row.line}`,
      });
    } else {
      unique.set(c.key, c);
    }
  }
  return unique;
}

/**
 * Rows that would leave nobody active as an admin (the file marks every active admin as left): each is
 * refused, as the admin page refuses deactivating the last active admin.
 */
function lastAdminProblems(
  unique: ReadonlyMap<string, CheckedRow>,
  stored: StoredPeople,
  writes: ReadonlyMap<string, PersonWrite>,
  report: Report,
): void {
  const leaving = [...unique].filter(([key]) => {
    const before = stored.byKey.get(key);
    return before?.admin === true && before.active && writes.get(key)?.active === false;
  });
  if (leaving.length === 0 || leaving.length < stored.activeAdmins) return;
  for (const [, c] of leaving) {
    report(c.row.line, {
      kind: "conflict",
      code: "last-admin",
      field: "active",
      message: "This file marks every active admin as left; make someone else an admin first",
    });
  }
}

/**
 * Who manages whom once the import is written (the stored tree overlaid by the file), by email key, with
 * every unknown manager and every loop reported. A refused manager counts as none, so one bad row does not
 * also fail the rows below it.
 */
function managersAfterImport(
  unique: ReadonlyMap<string, CheckedRow>,
  stored: StoredPeople,
  report: Report,
): Map<string, string | null> {
  const keyOfId = new Map(stored.tree.map((p) => [p.id, p.emailKey]));
  const storedKeys = new Set(keyOfId.values());
  const managerOf = new Map<string, string | null>();
  for (const p of stored.tree) {
    managerOf.set(p.emailKey, p.managerId === null ? null : (keyOfId.get(p.managerId) ?? null));
  }
  for (const [key, c] of unique) {
    if (c.managerKey === undefined) {
      if (!managerOf.has(key)) managerOf.set(key, null); // new person, manager column absent
      continue;
    }
    if (c.managerKey === key) {
      report(c.row.line, cycle("Nobody can be their own manager"));
      managerOf.set(key, null);
      continue;
    }
    if (c.managerKey !== null && !unique.has(c.managerKey) && !storedKeys.has(c.managerKey)) {
      report(c.row.line, {
        kind: "invalid",
        code: "manager-not-found",
        field: "managerEmail",
        message: `The manager ${String(c.row.managerEmail).trim()} is neither in this file nor among existing people`,
      });
      managerOf.set(key, null);
      continue;
    }
    managerOf.set(key, c.managerKey);
  }
  for (const loop of findCycles(managerOf)) {
    const path = [...loop, loop[0]].map((k) => unique.get(k as string)?.row.email.trim() ?? k).join(" → ");
    for (const key of loop) {
      const c = unique.get(key);
      if (c) report(c.row.line, cycle(`The managers loop back to this person: ${path}`));
    }
  }
  return managerOf;
}

/**
 * Each active person of the file with someone who has left above them once the import is written (the
 * nearest such manager on their chain, so a team under a leaver is told where the chain breaks). The walk
 * stops at a loop (a plan with problems, never written) and after as many steps as there are people.
 */
function inactiveManagers(
  unique: ReadonlyMap<string, CheckedRow>,
  stored: StoredPeople,
  writes: ReadonlyMap<string, PersonWrite>,
): ImportProblem[] {
  const after = new Map(stored.tree.map((p) => [p.id, { ...p, email: p.emailKey }]));
  for (const [key, w] of writes) after.set(w.id, { ...w, emailKey: key });
  const warnings: ImportProblem[] = [];
  for (const [key, c] of unique) {
    const self = after.get(writes.get(key)?.id ?? "");
    if (!self?.active) continue;
    const chain: string[] = [];
    let manager = self.managerId === null ? undefined : after.get(self.managerId);
    while (manager?.active && chain.length < after.size) {
      chain.push(manager.email);
      manager = manager.managerId === null ? undefined : after.get(manager.managerId);
    }
    if (!manager || manager.active) continue;
    const more = chain.length > 3 ? ` → … (${chain.length} people)` : "";
    const via = chain.length === 0 ? "" : ` (through ${chain.slice(0, 3).join(" → ")}${more})`;
    warnings.push({
      line: c.row.line,
      kind: "conflict",
      code: "inactive-manager",
      field: "managerEmail",
      message: `This person reports to ${manager.email}${via}, who has left (active: no); give the team a new manager`,
    });
  }
  return warnings;
}

/**
 * New people ordered by their depth among themselves (then as given), so each one's manager is always
 * written before them. Iterative, so a very deep chain cannot overflow the stack.
 */
function managersFirst(creates: readonly PersonWrite[]): PersonWrite[] {
  const byId = new Map(creates.map((w) => [w.id, w]));
  const depthOf = new Map<string, number>();
  const depth = (w: PersonWrite): number => {
    // walk up through new people until one with a known depth (or a stored manager, or none)
    const path: PersonWrite[] = [];
    let node: PersonWrite | undefined = w;
    let base = -1;
    const onPath = new Set<string>();
    // a loop among new people (a plan with problems, never written) ends the walk instead of looping
    while (node && !onPath.has(node.id)) {
      onPath.add(node.id);
      const known = depthOf.get(node.id);
      if (known !== undefined) {
        base = known;
        break;
      }
      path.push(node);
      node = node.managerId === null ? undefined : byId.get(node.managerId);
    }
    for (const [i, visited] of path.reverse().entries()) depthOf.set(visited.id, base + 1 + i);
    return depthOf.get(w.id) ?? 0;
  };
  const order = new Map(creates.map((w, i) => [w.id, i]));
  return [...creates].sort((a, b) => depth(a) - depth(b) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

function cycle(message: string): Conflict {
  return { kind: "conflict", code: "manager-cycle", field: "managerEmail", message };
}
