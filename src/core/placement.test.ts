import { describe, expect, it } from "vitest";
import { type FrameworkIndex, indexFramework } from "./model.js";
import { checkPlacement } from "./placement.js";
import type { Framework } from "./schema.js";

const engineering = indexFramework({
  id: "engineering",
  name: "Engineering",
  tracks: [
    { id: "trunk", name: "Trunk" },
    { id: "ic", name: "IC" },
  ],
  levels: [
    { id: "junior", name: "Junior", track: "trunk" },
    { id: "senior", name: "Senior", track: "trunk", follows: ["junior"] },
    { id: "staff", name: "Staff", track: "ic", follows: ["senior"] },
  ],
  roles: [{ id: "backend-engineer", name: "Backend Engineer", levels: ["junior", "senior"] }],
} as unknown as Framework);
const frameworks = new Map<string, FrameworkIndex>([["engineering", engineering]]);

/** A forked ladder: a trunk, an IC and a management branch, rejoining at an apex. */
const forked = indexFramework({
  id: "forked",
  name: "Forked",
  tracks: [
    { id: "trunk", name: "Trunk", kind: "trunk" },
    { id: "ic", name: "IC", kind: "ic" },
    { id: "mgmt", name: "Management", kind: "management" },
    { id: "top", name: "Top", kind: "apex" },
  ],
  levels: [
    { id: "senior", name: "Senior", track: "trunk" },
    { id: "staff", name: "Staff", track: "ic", follows: ["senior"] },
    { id: "manager", name: "Manager", track: "mgmt", follows: ["senior"] },
    { id: "chief", name: "Chief", track: "top", follows: ["staff", "manager"] },
  ],
} as unknown as Framework);

describe("a level on a track it is not on", () => {
  const check = (track: string, level: string) =>
    checkPlacement(new Map([["forked", forked]]), { framework: "forked", track, level });

  it("is refused at the track, naming the tracks the level is on", () => {
    expect(check("ic", "manager")).toEqual([
      {
        code: "level-off-track",
        field: "track",
        message: 'the level "manager" is not on the track "ic"; it is on the track mgmt (Management)',
      },
    ]);
    expect(check("trunk", "staff")[0]?.message).toBe(
      'the level "staff" is not on the track "trunk"; it is on the track ic (IC)',
    );
  });

  it("accepts the level on any path through it: the trunk below a branch, the apex above both", () => {
    for (const track of ["trunk", "ic", "mgmt"]) expect(check(track, "senior")).toEqual([]);
    for (const track of ["top", "ic", "mgmt"]) expect(check(track, "chief")).toEqual([]);
    expect(check("ic", "staff")).toEqual([]);
    expect(check("top", "senior")[0]?.message).toContain(
      "on the tracks trunk (Trunk), ic (IC), mgmt (Management)",
    );
  });
});

describe("checkPlacement", () => {
  it("accepts known ids and an empty placement; blank means none", () => {
    expect(
      checkPlacement(frameworks, {
        framework: "engineering",
        track: "ic",
        level: "staff",
        role: "backend-engineer",
      }),
    ).toEqual([]);
    expect(checkPlacement(frameworks, {})).toEqual([]);
    expect(checkPlacement(frameworks, { framework: " ", level: "" })).toEqual([]);
  });

  it("names each unknown id with a suggestion when one is close", () => {
    const problems = checkPlacement(frameworks, {
      framework: "engineering",
      track: "icc",
      level: "senoir",
      role: "frontend",
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ["track", "unknown-track"],
      ["level", "unknown-level"],
      ["role", "unknown-role"],
    ]);
    expect(problems[1]?.message).toBe('no level "senoir" in engineering; did you mean "senior"?');
    expect(problems[2]?.message).toBe('no role "frontend" in engineering; roles: backend-engineer');
  });

  it("refuses an unknown framework, suggesting the nearest", () => {
    expect(checkPlacement(frameworks, { framework: "enginering", level: "senior" })).toEqual([
      {
        code: "unknown-framework",
        field: "framework",
        message: 'no framework "enginering" is loaded; did you mean "engineering"?',
      },
    ]);
  });

  it("needs a framework for a track, level or role, unless a fallback (the stored one) is given", () => {
    expect(checkPlacement(frameworks, { level: "senior" }).map((p) => p.code)).toEqual([
      "framework-required",
    ]);
    expect(checkPlacement(frameworks, { level: "senior" }, "engineering")).toEqual([]);
    expect(checkPlacement(frameworks, { level: "senoir" }, "engineering")[0]?.code).toBe("unknown-level");
  });
});
