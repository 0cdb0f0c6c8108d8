/**
 * The `format-version` rule: a framework whose root says `rungs: 1` but uses a field format 2 added. It
 * loads all the same (format 2 changes no meaning), but the version line should say what the file needs,
 * so tools that read only format 1 are not surprised. `rungs migrate` rewrites the line.
 */
import type { Reporter } from "./lint-reporter.js";
import type { FrameworkIndex } from "./model.js";

const ROOT_FIELDS = ["extends", "scales", "points", "beyond", "publish"] as const;
const LEVEL_FIELDS = ["rank", "band", "markers"] as const;
const CELL_FIELDS = ["criteria", "step", "unchanged", "roles"] as const;

export function checkFormatVersion(index: FrameworkIndex, r: Reporter): void {
  const fw = index.framework;
  if (fw.rungs !== 1) return;
  const found: [object, string][] = [];
  const look = (owner: object | undefined, fields: readonly string[]) => {
    if (owner) for (const f of fields) if (Object.hasOwn(owner, f)) found.push([owner, f]);
  };
  look(fw, ROOT_FIELDS);
  for (const level of fw.levels ?? []) {
    look(level, LEVEL_FIELDS);
    for (const g of level.guidance ?? []) look(g, ["placement"]);
  }
  for (const g of fw.guidance ?? []) look(g, ["placement"]);
  for (const d of fw.dimensions ?? []) look(d, ["calibration"]);
  for (const area of fw.areas ?? []) {
    look(area, ["documents"]);
    for (const competency of area.competencies) {
      look(competency, ["scale"]);
      for (const cell of Object.values(competency.expectations))
        if (typeof cell === "object") look(cell, CELL_FIELDS);
    }
  }
  for (const [owner, field] of found) {
    r.report(
      "format-version",
      owner,
      field,
      `"${field}" is a format 2 field, but the root file says rungs: 1`,
      "write rungs: 2 at the top of the root file (rungs migrate does it)",
      "key",
    );
  }
}
