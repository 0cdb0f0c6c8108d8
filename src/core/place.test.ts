import { beforeAll, describe, expect, it } from "vitest";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import { type FrameworkSnapshot, profileOf, snapshotOf } from "./assessment.js";
import { indexFramework } from "./model.js";
import { assessedOn, placeLevels } from "./place.js";
import type { Framework } from "./schema.js";

const root = new URL("../../", import.meta.url).pathname;
let framework: Framework;
let eng: FrameworkSnapshot;

beforeAll(async () => {
  const loaded = await loadFramework(`${root}examples/engineering`, nodeFileSystem);
  if (!loaded.framework) throw new Error("cannot load examples/engineering");
  framework = loaded.framework;
  eng = snapshotOf(indexFramework(framework), "v1");
});

describe("what a place is assessed on", () => {
  it("leaves out what the IC track never asks of a senior heading for it", () => {
    const on = assessedOn(eng, { level: "senior", track: "ic" });
    expect(on.has("people-management")).toBe(false);
    expect(on.has("org-design")).toBe(false);
    // what the senior's own level asks stays, though the IC track's levels ask it too
    expect(on.has("hiring")).toBe(true);
    expect(on.has("mentoring")).toBe(true);
  });

  it("reads the level's own track when the person has none, and every level of it", () => {
    expect(placeLevels(eng, { level: "senior", track: null })).toEqual(
      new Set(["intern", "junior", "mid", "senior", "lead"]),
    );
    // the trunk's lead asks for people management: a senior who has not chosen a branch is assessed on it
    expect(assessedOn(eng, { level: "senior", track: null }).has("people-management")).toBe(true);
    expect(assessedOn(eng, { level: "senior", track: null }).has("org-design")).toBe(false);
  });

  it("asks a manager about people, not about the craft only the IC track describes", () => {
    const on = assessedOn(eng, { level: "manager", track: "management" });
    expect(on.has("org-design")).toBe(true);
    expect(on.has("people-management")).toBe(true);
    const craft = eng.competencies.filter((c) => c.area === "craft").map((c) => c.id);
    expect(craft.length).toBeGreaterThan(0);
    for (const id of craft) expect(on.has(id)).toBe(false);
  });

  it("counts a cell marked not applicable along the track as asking nothing", () => {
    const fw = structuredClone(framework);
    const hiring = fw.areas?.flatMap((a) => a.competencies).find((c) => c.id === "hiring");
    if (!hiring) throw new Error("no hiring");
    for (const level of ["senior", "staff", "principal", "architect"])
      hiring.expectations[level] = { notApplicable: true };
    const s = snapshotOf(indexFramework(fw), "v2");
    expect(assessedOn(s, { level: "senior", track: "ic" }).has("hiring")).toBe(false);
  });

  it("leaves nothing out where the place is unknown", () => {
    expect(assessedOn(eng, { level: null, track: null }).size).toBe(eng.competencies.length);
    expect(assessedOn(eng, { level: "ghost", track: "nowhere" }).size).toBe(eng.competencies.length);
  });

  it("never makes a gap of what the place does not ask", () => {
    const low = new Map([
      ["people-management", "lead"],
      ["hiring", "senior"],
    ]);
    const profile = profileOf(eng, low, "senior", "staff", "ic");
    expect(profile.gaps.map((g) => g.competency)).not.toContain("people-management");
    expect(profile.unpicked).not.toContain("org-design");
    expect(profile.optional).toEqual(["people-management", "org-design"]);
  });
});
