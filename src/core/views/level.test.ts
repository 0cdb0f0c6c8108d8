import { describe, expect, it } from "vitest";
import { indexFramework } from "../model.js";
import type { Framework } from "../schema.js";
import { levelData, levelsByTrack } from "./level.js";

/** A small forked ladder with every kind of expectation the level page distinguishes. */
const framework: Framework = {
  rungs: 1,
  id: "fork",
  name: "Fork",
  codeSchemes: [
    { id: "band", name: "Band" },
    { id: "grade", name: "Grade" },
  ],
  tracks: [
    { id: "trunk", name: "Trunk", kind: "trunk" },
    { id: "ic", name: "Maker", kind: "ic" },
    { id: "mgmt", name: "Manager track", kind: "management" },
  ],
  dimensions: [
    { id: "scope", name: "Scope" },
    { id: "knowledge", name: "Knowledge", kind: "rubric" },
    { id: "impact", name: "Impact" },
  ],
  ratingScale: [
    { id: "low", name: "Below" },
    { id: "mid", name: "Meets" },
    { id: "high", name: "Above" },
  ],
  levels: [
    {
      id: "one",
      name: "One",
      track: "trunk",
      codes: { grade: "G1", band: "B1" },
      reachNext: "Ship more.",
      dimensions: { impact: "Own work", scope: "A task" },
    },
    {
      id: "two",
      name: "Two",
      title: "Engineer Two",
      track: "trunk",
      follows: ["one"],
      summary: "Leads small things.",
      leverage: "A feature",
      responsibilities: ["Leads a feature."],
      dimensions: { knowledge: "Deep", scope: "A feature" },
      narrative: "A longer portrait.",
      reachNext: { ic3: "Go deeper.", m3: "Grow people." },
      guidance: [
        {
          title: "Managing a Two",
          text: "Give them room.",
          items: ["Pair them."],
          sections: [{ title: "Pitfalls", items: ["Silence."] }],
        },
      ],
    },
    { id: "ic3", name: "Maker Three", track: "ic", follows: ["two"] },
    { id: "m3", name: "Manager Three", track: "mgmt", follows: ["two"] },
  ],
  areas: [
    {
      id: "craft",
      name: "Craft",
      levels: ["one", "two", "ic3"],
      takeaways: { two: "Builds well.", m3: "never shown: m3 is outside the span" },
      note: "Managers grow craft through the bar they hold.",
      competencies: [
        {
          id: "code",
          name: "Code",
          expectations: {
            one: "Writes code.",
            two: {
              statement: "Designs code.",
              elaboration: "Unlike One, Two designs.",
              examples: ["Split a module."],
              ratings: { high: "Designs for others.", low: "Copies designs." },
            },
            ic3: { notApplicable: true, note: "Covered by Architecture." },
          },
        },
        { id: "review", name: "Review", expectations: { two: { ratings: { mid: "Reviews well." } } } },
      ],
    },
    {
      id: "people",
      name: "People",
      levels: ["two", "m3"],
      competencies: [{ id: "hiring", name: "Hiring", expectations: { m3: "Hires a team." } }],
    },
  ],
};
const index = indexFramework(framework);

describe("levelData", () => {
  it("is undefined for an unknown level", () => {
    expect(levelData(index, "nope")).toBeUndefined();
  });

  it("heads the level with its title, codes in the declared scheme order with scheme names, track and links", () => {
    const two = levelData(index, "two");
    expect(two?.heading).toBe("Engineer Two");
    expect(levelData(index, "one")?.codes).toEqual([
      { scheme: "band", schemeName: "Band", code: "B1" },
      { scheme: "grade", schemeName: "Grade", code: "G1" },
    ]);
    expect(two?.track).toEqual({ id: "trunk", name: "Trunk", kind: "trunk" });
    expect(two?.follows.map((l) => l.id)).toEqual(["one"]);
    expect(two?.next.map((l) => l.id)).toEqual(["ic3", "m3"]);
    expect(two?.leverage).toBe("A feature");
  });

  it("gives dimension values in the framework's declared order, with their kind", () => {
    expect(levelData(index, "one")?.dimensions.map((d) => d.id)).toEqual(["scope", "impact"]);
    expect(levelData(index, "two")?.dimensions.map((d) => [d.id, d.kind])).toEqual([
      ["scope", "dimension"],
      ["knowledge", "rubric"],
    ]);
  });

  it("expectations carry statement, examples, elaboration and ratings in rating-scale order", () => {
    const craft = levelData(index, "two")?.areas.find((a) => a.id === "craft");
    expect(craft?.takeaway).toBe("Builds well.");
    const code = craft?.expectations.find((e) => e.competency.id === "code");
    expect(code).toMatchObject({
      anchor: "exp-code",
      statement: "Designs code.",
      elaboration: "Unlike One, Two designs.",
      examples: ["Split a module."],
      notApplicable: false,
    });
    expect(code?.ratings.map((r) => [r.name, r.text])).toEqual([
      ["Below", "Copies designs."],
      ["Above", "Designs for others."],
    ]);
    const review = craft?.expectations.find((e) => e.competency.id === "review");
    expect(review?.statement).toBeUndefined();
    expect(review?.ratings).toEqual([{ band: "mid", name: "Meets", text: "Reviews well." }]);
  });

  it("a not-applicable expectation is kept as such, with its note", () => {
    const code = levelData(index, "ic3")?.areas[0]?.expectations[0];
    expect(code).toMatchObject({ notApplicable: true, note: "Covered by Architecture." });
  });

  it("an area that does not describe the level shows its note; one with nothing to say is left out", () => {
    const m3 = levelData(index, "m3");
    expect(m3?.areas.map((a) => a.id)).toEqual(["craft", "people"]);
    expect(m3?.areas[0]).toMatchObject({
      describes: false,
      note: "Managers grow craft through the bar they hold.",
    });
    expect(m3?.areas[0]?.takeaway).toBeUndefined();
    expect(m3?.areas[0]?.expectations).toEqual([]);
    expect(levelData(index, "one")?.areas.map((a) => a.id)).toEqual(["craft"]);
  });

  it("reaching the next level: one text for all, or a text per next level, always every next level", () => {
    expect(levelData(index, "one")?.reachNext).toEqual({
      text: "Ship more.",
      next: [{ id: "two", name: "Two", title: "Engineer Two", label: "Two", track: "trunk" }],
    });
    const fork = levelData(index, "two")?.reachNext;
    expect(fork?.text).toBeUndefined();
    expect(fork?.next.map((n) => [n.id, n.text])).toEqual([
      ["ic3", "Go deeper."],
      ["m3", "Grow people."],
    ]);
    expect(levelData(index, "ic3")?.reachNext).toBeUndefined();
  });

  it("keeps guidance sections with their sub-sections and the narrative", () => {
    const two = levelData(index, "two");
    expect(two?.guidance[0]?.sections?.[0]?.title).toBe("Pitfalls");
    expect(two?.narrative).toBe("A longer portrait.");
  });

  it("is deterministic", () => {
    expect(JSON.stringify(levelData(index, "two"))).toBe(JSON.stringify(levelData(index, "two")));
  });
});

describe("levelsByTrack", () => {
  it("groups levels by track in declared track order and ladder order", () => {
    expect(levelsByTrack(index).map((g) => [g.track.name, g.levels.map((l) => l.id)])).toEqual([
      ["Trunk", ["one", "two"]],
      ["Maker", ["ic3"]],
      ["Manager track", ["m3"]],
    ]);
  });
});
