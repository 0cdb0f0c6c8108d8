/**
 * A framework diff as a reader is shown it (terminal, Markdown, HTML): the expectations and criteria of a
 * removed competency (or at a removed level) are not listed one by one, each a line that says the same
 * thing again, but counted on the removal's own line. The JSON output keeps every change. Pure.
 */
import { changeSubject, type FrameworkChange, type FrameworkDiff } from "./framework-diff.js";

/** A change as shown, with what it stands for besides itself. */
export interface ShownChange extends FrameworkChange {
  /** Removed expectations and criteria said by this removal's line, by kind. */
  folded?: { expectations: number; criteria: number };
}

/** The competency and the level an expectation (`c@l`) or criterion (`c@l#k`) id names. */
function cellOf(id: string): { competency: string; level: string } | undefined {
  const at = id.indexOf("@");
  if (at < 0) return undefined;
  const hash = id.indexOf("#", at);
  return { competency: id.slice(0, at), level: id.slice(at + 1, hash < 0 ? undefined : hash) };
}

/** The changes to show: a removed cell of a removed competency or level folded into that removal. */
export function shownChanges(diff: FrameworkDiff): ShownChange[] {
  const owners = new Map<string, ShownChange>();
  const shown: ShownChange[] = [];
  for (const c of diff.changes) {
    const copy: ShownChange = { ...c };
    if (c.change === "removed" && (c.kind === "competency" || c.kind === "level"))
      owners.set(`${c.kind}\0${c.id}`, copy);
    shown.push(copy);
  }
  return shown.filter((c) => {
    if (c.change !== "removed" || (c.kind !== "expectation" && c.kind !== "criterion")) return true;
    const cell = cellOf(c.id);
    const owner =
      cell && (owners.get(`competency\0${cell.competency}`) ?? owners.get(`level\0${cell.level}`));
    if (!owner) return true;
    const folded = owner.folded ?? { expectations: 0, criteria: 0 };
    if (c.kind === "expectation") folded.expectations += 1;
    else folded.criteria += 1;
    owner.folded = folded;
    return false;
  });
}

const counted = (n: number, one: string, many: string) => (n === 0 ? [] : [`${n} ${n === 1 ? one : many}`]);

/** What a shown change is about: its subject, and what it stands for when removed cells were folded into it. */
export function shownSubject(change: ShownChange): string {
  const { folded } = change;
  if (!folded) return changeSubject(change);
  const parts = [
    ...counted(folded.expectations, "expectation", "expectations"),
    ...counted(folded.criteria, "criterion", "criteria"),
  ];
  return `${changeSubject(change)}, with its ${parts.join(" and ")}`;
}
