/**
 * Golden files: every kind × format for the engineering example (backend-engineer at senior, senior alone,
 * and the assessment in test/fixtures/goals/assessment.yaml), compared byte for byte.
 * `UPDATE_GOLDEN=1 npx vitest run src/core/goals-render.test.ts` rewrites them; read the diff before keeping it.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAssessmentFile } from "../load/assessment-file.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import {
  GOAL_KINDS,
  type GoalDocument,
  type GoalKind,
  goalsForLevel,
  goalsForRoleLevel,
  goalsFromAssessment,
} from "./goals.js";
import { goalsJson, goalsMarkdown, goalsText } from "./goals-render.js";
import { type FrameworkIndex, indexFramework } from "./model.js";

const root = new URL("../../", import.meta.url).pathname;
const goldenDir = join(root, "test/fixtures/goals");
const update = process.env.UPDATE_GOLDEN === "1";

const FORMATS = [
  ["txt", goalsText],
  ["md", goalsMarkdown],
  ["json", goalsJson],
] as const;

let index: FrameworkIndex;
let picks: Record<string, string>;
let target: string;

beforeAll(async () => {
  const loaded = await loadFramework(join(root, "examples/engineering"), nodeFileSystem);
  if (!loaded.framework) throw new Error("cannot load the engineering example");
  index = indexFramework(loaded.framework);
  const parsed = parseAssessmentFile(readFileSync(join(goldenDir, "assessment.yaml"), "utf8"));
  if (!parsed.ok) throw new Error(parsed.problem.message);
  picks = Object.fromEntries(parsed.file.picks.map((p) => [p.competency.value, p.level.value]));
  target = parsed.file.target?.value ?? "";
});

const SUBJECTS: { name: string; kinds: readonly GoalKind[]; doc: (kind: GoalKind) => GoalDocument }[] = [
  {
    name: "role-backend-engineer-senior",
    kinds: GOAL_KINDS,
    doc: (kind) => goalsForRoleLevel(index, "backend-engineer", "senior", { kinds: [kind] }),
  },
  {
    name: "level-senior",
    kinds: GOAL_KINDS,
    doc: (kind) => goalsForLevel(index, "senior", { kinds: [kind] }),
  },
  {
    name: "assessment-staff",
    kinds: ["smart"],
    doc: (kind) => goalsFromAssessment(index, { picks, target }, { kinds: [kind] }),
  },
];

function golden(file: string, actual: string): void {
  const path = join(goldenDir, file);
  if (update) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(path, "utf8");
  } catch {
    throw new Error(`missing golden file ${path}; run with UPDATE_GOLDEN=1 to write it`);
  }
  expect(actual, `${file} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`).toBe(expected);
}

describe("goal templates match their golden files byte for byte", () => {
  for (const subject of SUBJECTS) {
    for (const kind of subject.kinds) {
      for (const [ext, render] of FORMATS) {
        it(`${subject.name} ${kind} .${ext}`, () => {
          golden(`${subject.name}.${kind}.${ext}`, render(subject.doc(kind)));
        });
      }
    }
  }
});

describe("renderers", () => {
  it("JSON parses back to the document's structure, placeholders marked, with each line's text", () => {
    const doc = goalsForRoleLevel(index, "backend-engineer", "senior", { fill: { target: "99.9%" } });
    const json = JSON.parse(goalsJson(doc));
    expect(Object.keys(json)).toEqual(["framework", "subject", "filled", "sections"]);
    expect(json.filled).toEqual({ target: "99.9%" });
    const line = json.sections[0].groups[0].goals[0].lines[1];
    expect(line.label).toBe("Measurable");
    expect(line.text).toBe("Take the measure you agree for it from ⟨baseline⟩ to 99.9% by ⟨date⟩.");
    expect(line.segments).toContainEqual({ type: "placeholder", name: "target" });
    expect(line.sources[0]).toEqual({
      kind: "role-responsibility",
      role: "backend-engineer",
      level: "senior",
      index: 0,
      label: "role backend-engineer · level senior · responsibility 1",
    });
  });

  it("text: a line that only repeats its goal's field carries no source of its own", () => {
    const text = goalsText(goalsForRoleLevel(index, "backend-engineer", "senior", { kinds: ["smart"] }));
    expect(text).toMatch(/^ {3}Specific: {4}Deliver: "[^\n]*"$/m);
    expect(text).toMatch(
      /^ {3}Achievable: {2}Within [^\n]*" {2}\[source: level senior · dimension complexity\]$/m,
    );
  });
});
