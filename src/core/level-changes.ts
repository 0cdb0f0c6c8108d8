/**
 * The changes of a framework diff that touch given levels: the levels themselves and the expectations and
 * criteria written for them. What a person's notice lists for their level and the next one. Pure.
 */
import type { FrameworkChange, FrameworkDiff } from "./framework-diff.js";

/** The level an expectation (`competency@level`) or criterion (`competency@level#id`) id is written for. */
function levelOf(change: FrameworkChange): string | undefined {
  if (change.kind === "level") return change.id;
  if (change.kind !== "expectation" && change.kind !== "criterion") return undefined;
  const at = change.id.indexOf("@");
  if (at < 0) return undefined;
  const rest = change.id.slice(at + 1);
  const hash = rest.indexOf("#");
  return hash < 0 ? rest : rest.slice(0, hash);
}

export function changesAtLevels(diff: FrameworkDiff, levels: readonly string[]): FrameworkChange[] {
  const wanted = new Set(levels);
  return diff.changes.filter((c) => {
    const level = levelOf(c);
    return (
      (level !== undefined && wanted.has(level)) ||
      (c.from !== undefined && c.kind === "level" && wanted.has(c.from))
    );
  });
}
