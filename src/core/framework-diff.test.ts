import { describe, expect, it } from "vitest";
import { diffFrameworks, MAX_RENAME_PAIRS, similarity } from "./framework-diff.js";
import { indexFramework } from "./model.js";
import type { Framework } from "./schema.js";

const base = (): Framework => ({
  rungs: 2,
  id: "tiny",
  name: "Tiny",
  tracks: [
    { id: "ic", name: "Individual contributor" },
    { id: "mgmt", name: "Management" },
  ],
  levels: [
    { id: "l1", name: "Entry", track: "ic" },
    { id: "l2", name: "Lead", track: "ic", follows: ["l1"] },
  ],
  scales: [{ id: "proficiency", steps: [{ id: "aware" }, { id: "skilled" }] }],
  roles: [{ id: "backend", name: "Backend engineer", family: "eng", levels: ["l2"] }],
  areas: [
    {
      id: "craft",
      name: "Craft",
      competencies: [
        {
          id: "review",
          name: "Code review",
          expectations: {
            l1: {
              criteria: ["Reviews changes in their own area.", { id: "tone", text: "Keeps feedback kind." }],
            },
            l2: "Sets how the team reviews.",
          },
        },
      ],
    },
  ],
});

const diff = (before: Framework, after: Framework) =>
  diffFrameworks(indexFramework(before), indexFramework(after)).changes;

describe("structural framework diff", () => {
  it("finds nothing between a framework and a copy of it", () => {
    expect(diff(base(), structuredClone(base()))).toEqual([]);
  });

  it("a level renamed keeps its expectations and the levels following it matched; a level moved to another track is moved", () => {
    const after = base();
    const levels = after.levels ?? [];
    levels[1] = { ...(levels[1] as NonNullable<(typeof levels)[1]>), track: "mgmt", follows: ["starter"] };
    levels[0] = { ...(levels[0] as NonNullable<(typeof levels)[0]>), id: "starter" };
    const competency = after.areas?.[0]?.competencies[0];
    if (!competency) throw new Error("fixture");
    competency.expectations = {
      starter: competency.expectations.l1 ?? "",
      l2: competency.expectations.l2 ?? "",
    };
    expect(diff(base(), after)).toEqual([
      { kind: "level", change: "moved", id: "l2", parent: { from: "ic", to: "mgmt" } },
      { kind: "level", change: "renamed", id: "starter", from: "l1" },
    ]);
  });

  it("criteria are reworded by id or position; scales and roles are compared too", () => {
    const after = base();
    const cell = after.areas?.[0]?.competencies[0]?.expectations.l1;
    if (typeof cell !== "object" || !cell.criteria) throw new Error("fixture");
    cell.criteria[1] = { id: "tone", text: "Keeps feedback kind and specific." };
    after.scales = [{ id: "proficiency", steps: [{ id: "aware" }, { id: "skilled" }, { id: "expert" }] }];
    after.roles = [];
    const changes = diff(base(), after);
    expect(changes[0]?.fields).toEqual(["steps"]);
    expect(changes.map((c) => `${c.change} ${c.kind} ${c.id}`)).toEqual([
      "changed scale proficiency",
      "reworded criterion review@l1#tone",
      "removed role backend",
    ]);
    expect(changes[1]?.words?.filter((p) => p.op !== "same")).toEqual([{ op: "add", text: " and specific" }]);
  });

  it("two entries that share only their field names are not a rename", () => {
    const after = base();
    after.roles = [{ id: "sre", name: "Site reliability engineer", family: "eng", levels: ["l2"] }];
    expect(diff(base(), after).map((c) => `${c.change} ${c.id}`)).toEqual(["added sre", "removed backend"]);
    after.roles = [{ id: "platform", name: "Backend engineer", family: "eng", levels: ["l2"] }];
    expect(diff(base(), after).map((c) => `${c.change} ${c.id}`)).toEqual(["renamed platform"]);
  });

  it("similarity counts shared words, case aside", () => {
    expect(similarity("Writes tests", "writes TESTS")).toBe(1);
    expect(similarity("Writes tests", "Plans roadmaps")).toBe(0);
    expect(MAX_RENAME_PAIRS).toBeGreaterThan(1000);
  });
});
