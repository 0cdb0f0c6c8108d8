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
