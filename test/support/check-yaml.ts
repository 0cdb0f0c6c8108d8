import type { Diagnostic } from "../../src/core/diagnostics.js";
import { memoryFileSystem, nodeFileSystem } from "../../src/load/fs-port.js";
import { type CheckResult, checkFramework } from "../../src/load/load-framework.js";
import { loadOccupations } from "../../src/load/occupations.js";

/** Checks an in-memory framework: one file (`fw.yaml`) or several (path → text, rooted at `fw/`). */
export async function checkYaml(files: string | Record<string, string>): Promise<CheckResult> {
  const occupations = await loadOccupations(nodeFileSystem);
  if (typeof files === "string")
    return checkFramework("fw.yaml", memoryFileSystem({ "fw.yaml": files }), { occupations });
  const prefixed = Object.fromEntries(Object.entries(files).map(([p, t]) => [`fw/${p}`, t]));
  return checkFramework("fw", memoryFileSystem(prefixed), { occupations });
}

/** Diagnostics reduced to what a test compares: code, line, column. */
export function located(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);
}

/** A valid little framework to mutate in tests; line numbers below are relied on by tests. */
export const BASE = `rungs: 1
id: tiny
name: Tiny
tracks:
  - id: trunk
    name: Trunk
  - id: ic
    name: IC
  - id: mgmt
    name: Management
levels:
  - id: junior
    name: Junior
    track: trunk
  - id: senior
    name: Senior
    track: trunk
    follows: [junior]
  - id: staff
    name: Staff
    track: ic
    follows: [senior]
  - id: manager
    name: Manager
    track: mgmt
    follows: [senior]
areas:
  - id: craft
    name: Craft
    competencies:
      - id: code
        name: Code
        expectations:
          junior: Writes small changes that pass review.
          senior: Designs the changes a team builds on.
          staff: Shapes the systems several teams build on.
          manager: { notApplicable: true, note: Managers grow craft through their team. }
`;
