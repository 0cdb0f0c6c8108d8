/**
 * Goals on the format 2 shapes of test/fixtures/shapes/stepped-roles: a cell that only asks for a step is
 * quoted and cited as that step, and a role's own expectations (added to the shared cell, or replacing it)
 * are quoted with their own sources, in the role's goal templates and in personal goals for that role.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import {
  type Goal,
  goalsForLevel,
  goalsForRoleLevel,
  goalsFromAssessment,
  resolveSource,
  type SourceRef,
  segmentsText,
  sourceRefLabel,
} from "./goals.js";
import { humanSourceLabel } from "./goals-labels.js";
import { goalsJson } from "./goals-render.js";
import { type FrameworkIndex, indexFramework } from "./model.js";

const root = new URL("../../", import.meta.url).pathname;
let index: FrameworkIndex;

beforeAll(async () => {
  const loaded = await loadFramework(`${root}test/fixtures/shapes/stepped-roles`, nodeFileSystem);
  if (!loaded.framework) throw new Error("cannot load stepped-roles");
  index = indexFramework(loaded.framework);
});

const smartGoals = (doc: ReturnType<typeof goalsForLevel>): Goal[] =>
  doc.sections.flatMap((s) => s.groups.flatMap((g) => g.goals));

/** Every quote of a goal with its source: what it quotes must be what the framework says there. */
function quotes(goal: Goal): { text: string; source: SourceRef }[] {
  return [...goal.title, ...goal.lines.flatMap((l) => l.segments)].flatMap((s) =>
    s.type === "quote" ? [{ text: s.text, source: s.source }] : [],
  );
}

function expectQuotedFromFramework(goals: Goal[]): void {
  for (const goal of goals)
    for (const q of quotes(goal))
      expect(resolveSource(index, q.source), sourceRefLabel(q.source)).toBe(q.text);
}

describe("a cell that asks only for a step", () => {
  it("is quoted as the step and cited as it, by the step's name and the level", () => {
    const goals = smartGoals(goalsForLevel(index, "e2", { kinds: ["smart"] }));
    const operations = goals.find((g) => segmentsText(g.title).startsWith("Operations"));
    expect(operations?.sources.map((s) => s.kind)).toEqual(["competency-name", "step"]);
    const step = operations?.sources.find((s) => s.kind === "step") as SourceRef;
    expect(resolveSource(index, step)).toBe("Proficiency: Doing");
    expect(humanSourceLabel(index, step)).toBe("Operations step Doing (Engineer II)");
    expect(goalsJson(goalsForLevel(index, "e2", { kinds: ["smart"] }))).toContain(
      '"label": "competency operations · level e2 · step"',
    );
    expectQuotedFromFramework(goals);
  });
});

describe("a role's own expectations", () => {
  it("are goals of the role's templates, each quoted with its source", () => {
    const goals = smartGoals(goalsForRoleLevel(index, "mobile", "e2", { kinds: ["smart"] }));
    const sources = goals.flatMap((g) => g.sources).filter((s) => s.kind !== "competency-name");
    expect(sources).toEqual([
      { kind: "role-expectation", competency: "systems", level: "e2", role: "mobile" },
      { kind: "criterion", competency: "systems", level: "e2", criterion: "old-clients", role: "mobile" },
      { kind: "criterion", competency: "systems", level: "e2", criterion: "2", role: "mobile" },
    ]);
    expect(humanSourceLabel(index, sources[1] as SourceRef)).toBe(
      "Systems thinking criterion 1 for Mobile engineer (Engineer II)",
    );
    expect(segmentsText(goals[0]?.lines.find((l) => l.label === "Relevant")?.segments ?? [])).toBe(
      "Part of Systems thinking (Craft) at Engineer II, for Mobile engineer.",
    );
    expectQuotedFromFramework(goals);
    // a role without text of its own at this level gets none
    expect(smartGoals(goalsForRoleLevel(index, "backend", "e2", { kinds: ["smart"] }))).toEqual([]);
  });

  it("are quoted in personal goals for that role: added after the shared text, or in its place", () => {
    const picks = { systems: "e1", operations: "e1" };
    const specific = (role: string | undefined, target: string) =>
      smartGoals(goalsFromAssessment(index, { picks, target, ...(role ? { role } : {}) })).map((g) =>
        segmentsText(g.lines.find((l) => l.label === "Specific")?.segments ?? []),
      );
    expect(specific(undefined, "e2")[0]).toBe(
      'Reach Engineer II in this competency (now at Engineer I): "Traces a request end to end before changing its path." (Proficiency: Doing)',
    );
    expect(specific("mobile", "e2")[0]).toBe(
      'Reach Engineer II in this competency (now at Engineer I): "Traces a request end to end before changing its path." (Proficiency: Doing); ' +
        '"Accounts for releases that users install days later."; "Keeps the service answering the app versions still installed."; ' +
        '"Plans a change around the time an app store takes to review a release."',
    );
    // the web discipline's cell at e3 replaces the shared one: the shared statement is not quoted
    const web = specific("web", "e3")[0] ?? "";
    expect(web).toContain('"Designs how the site degrades when a service is down."');
    expect(web).not.toContain("Designs how a group of services fail");
    const personal = smartGoals(goalsFromAssessment(index, { picks, target: "e3", role: "web" }));
    expectQuotedFromFramework(personal);
    // the operations cell only asks for a step: quoted as the step
    expect(specific("web", "e3")[1]).toBe(
      'Reach Senior engineer in this competency (now at Engineer I): "Proficiency: Leading"',
    );
  });
});
