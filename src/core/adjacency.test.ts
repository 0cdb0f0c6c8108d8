import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AdjacencySettings,
  adjacencySettings,
  adjacentByRole,
  adjacentRoles,
  band,
  contentDistance,
  DEFAULT_ADJACENCY,
  distance,
  levelDistance,
  normalizeSkill,
  referenceRange,
  roleLevelCode,
  taxonomyDistance,
} from "./adjacency.js";
import { type FrameworkIndex, indexFramework } from "./model.js";
import type { Framework, Level, Role } from "./schema.js";

const FAMILIES: Framework["families"] = [
  { id: "eng", name: "Engineering" },
  { id: "backend", name: "Backend", parent: "eng" },
  { id: "frontend", name: "Frontend", parent: "eng" },
  { id: "sre", name: "Reliability", parent: "backend" },
  { id: "design", name: "Design" },
];

function level(id: string, rank?: number, to?: number, follows?: string[]): Level {
  return {
    id,
    name: id.toUpperCase(),
    track: "t",
    ...(follows ? { follows } : {}),
    ...(rank !== undefined ? { reference: { rank, ...(to !== undefined ? { to } : {}) } } : {}),
  };
}

function role(id: string, family: string, levels: string[], skills?: string[]): Role {
  return {
    id,
    name: `Role ${id}`,
    family,
    levels,
    ...(skills ? { skills: skills.map((name) => ({ name })) } : {}),
  };
}

function framework(
  id: string,
  levels: Level[],
  roles: Role[],
  extra: Partial<Framework> = {},
): FrameworkIndex {
  return indexFramework({
    rungs: 1,
    id,
    name: `Framework ${id}`,
    tracks: [{ id: "t", name: "T" }],
    levels,
    roles,
    families: FAMILIES,
    ...extra,
  });
}

const mapOf = (...indexes: FrameworkIndex[]) => new Map(indexes.map((i) => [i.framework.id, i]));

const one = framework(
  "one",
  [
    level("a1", 1),
    level("a2", 2, undefined, ["a1"]),
    level("a4", 4, undefined, ["a2"]),
    level("a6", 5, 7, ["a4"]),
  ],
  [
    role("be", "backend", ["a1", "a2", "a4", "a6"], ["API design", "SQL", "Testing"]),
    role("fe", "frontend", ["a2", "a4"], ["Accessibility", "testing"]),
    role("sr", "sre", ["a4"], ["SQL", "On-call"]),
    role("pm", "design", ["a4"]),
    role("eng", "eng", ["a4"], ["API design"]),
  ],
);
const two = framework(
  "two",
  [level("b1"), level("b2", undefined, undefined, ["b1"])],
  [role("be", "backend", ["b1", "b2"], ["API design", "SQL", "Testing"])],
);

describe("levelDistance", () => {
  it("is 0 when the ranges overlap, else the gap between nearest ends / 4, capped at 1", () => {
    expect(levelDistance({ from: 4, to: 4 }, { from: 4, to: 4 })).toBe(0);
    expect(levelDistance({ from: 3, to: 6 }, { from: 6, to: 8 })).toBe(0);
    expect(levelDistance({ from: 4, to: 4 }, { from: 5, to: 5 })).toBe(0.25);
    expect(levelDistance({ from: 7, to: 8 }, { from: 4, to: 5 })).toBe(0.5);
    expect(levelDistance({ from: 1, to: 1 }, { from: 5, to: 5 })).toBe(1);
    expect(levelDistance({ from: 1, to: 1 }, { from: 12, to: 12 })).toBe(1);
  });
});

describe("referenceRange and roleLevelCode", () => {
  it("reads a level's reference, in order, by id or level", () => {
    expect(referenceRange(one, "a4")).toEqual({ from: 4, to: 4 });
    expect(referenceRange(one, "a6")).toEqual({ from: 5, to: 7 });
    expect(referenceRange(one, level("x", 9, 7))).toEqual({ from: 7, to: 9 });
    expect(referenceRange(two, "b1")).toBeUndefined();
    expect(referenceRange(one, "nope")).toBeUndefined();
  });

  it("codes a role-level as family.role.level", () => {
    expect(roleLevelCode(one, { framework: "one", role: "sr", level: "a4" })).toBe("sre.sr.a4");
  });
});

describe("taxonomyDistance", () => {
  const at = (index: FrameworkIndex, id: string) => ({ index, role: index.roles.get(id) as Role });
  it("same role 0, same family 0.4, parent/child or siblings 0.6, further ancestor 0.8, no shared family 1", () => {
    expect(taxonomyDistance(at(one, "be"), at(one, "be"))).toBe(0);
    expect(taxonomyDistance(at(one, "be"), at(two, "be"))).toBe(0.4); // same id, other framework: same family
    expect(taxonomyDistance(at(one, "be"), at(one, "sr"))).toBe(0.6); // backend ↔ its sub-family sre
    expect(taxonomyDistance(at(one, "be"), at(one, "fe"))).toBe(0.6); // siblings under eng
    expect(taxonomyDistance(at(one, "eng"), at(one, "sr"))).toBe(0.8); // grandparent ↔ grandchild
    expect(taxonomyDistance(at(one, "fe"), at(one, "sr"))).toBe(0.8); // aunt ↔ niece
    expect(taxonomyDistance(at(one, "be"), at(one, "pm"))).toBe(1);
  });
});

describe("contentDistance", () => {
  it("is 1 − Jaccard of normalized skill names, undefined when either side has none", () => {
    const names = (...n: string[]) => n.map((name) => ({ name }));
    expect(contentDistance(names("API design", "SQL"), names("api  Design", "sql"))).toBe(0);
    expect(contentDistance(names("A", "B", "C"), names("C", "D"))).toBe(0.75);
    expect(contentDistance(names("Testing & QA"), names("testing and QA"))).toBe(0);
    expect(contentDistance(names("A"), names("B"))).toBe(1);
    expect(contentDistance([], names("B"))).toBeUndefined();
    expect(normalizeSkill("  Data-modelling & SQL! ")).toBe("data modelling and sql");
  });
});

describe("distance", () => {
  const indexes = mapOf(one, two);
  const rl = (framework: string, role: string, lvl: string) => ({ framework, role, level: lvl });

  it("is 0 from a role-level to itself", () => {
    expect(distance(indexes, rl("one", "be", "a4"), rl("one", "be", "a4"))).toEqual({
      total: 0,
      level: 0,
      taxonomy: 0,
      content: 0,
    });
  });

  it("is the weighted mean of the parts present", () => {
    // fe a2 → be a4: level 2 steps (0.5), siblings (0.6), skills {testing} of {api design, sql, testing, accessibility}
    const d = distance(indexes, rl("one", "fe", "a2"), rl("one", "be", "a4"));
    expect(d).toEqual({
      total: 0.5 * 0.5 + 0.35 * 0.6 + 0.15 * 0.75,
      level: 0.5,
      taxonomy: 0.6,
      content: 0.75,
    });
  });

  it("leaves content and its weight out when a role has no skills", () => {
    const d = distance(indexes, rl("one", "pm", "a4"), rl("one", "be", "a2"));
    expect(d?.content).toBeUndefined();
    expect(d?.total).toBeCloseTo((0.5 * 0.5 + 0.35 * 1) / 0.85, 9);
  });

  it("compares unplaced levels by ladder rank within a framework, and not across frameworks", () => {
    const d = distance(indexes, rl("two", "be", "b1"), rl("two", "be", "b2"));
    expect(d?.level).toBe(0.25);
    expect(distance(indexes, rl("one", "be", "a4"), rl("two", "be", "b2"))).toBeUndefined();
  });

  it("is undefined for an unknown framework, role or level", () => {
    expect(distance(indexes, rl("zzz", "be", "a4"), rl("one", "be", "a4"))).toBeUndefined();
    expect(distance(indexes, rl("one", "zz", "a4"), rl("one", "be", "a4"))).toBeUndefined();
    expect(distance(indexes, rl("one", "be", "zz"), rl("one", "be", "a4"))).toBeUndefined();
  });

  it("lands exactly on a threshold the parts add up to (no floating-point drift past it)", () => {
    // the same role two steps apart: 0.5 × 0.5 / (0.5 + 0.35 + 0.15) = 0.25, the default close threshold
    const d = distance(indexes, rl("one", "be", "a2"), rl("one", "be", "a4"));
    expect(d?.total).toBe(0.25);
    expect(band(d?.total as number, DEFAULT_ADJACENCY)).toBe("close");
  });

  it("uses equal weights when every weight is zero", () => {
    const zero: AdjacencySettings = { ...DEFAULT_ADJACENCY, weights: { level: 0, taxonomy: 0, content: 0 } };
    const d = distance(indexes, rl("one", "fe", "a2"), rl("one", "be", "a4"), zero);
    expect(d?.total).toBeCloseTo((0.5 + 0.6 + 0.75) / 3, 9);
  });
});

describe("band and settings", () => {
  it("close up to and at close, review up to and at review, far beyond", () => {
    const s = DEFAULT_ADJACENCY;
    expect(band(0, s)).toBe("close");
    expect(band(0.2499, s)).toBe("close");
    expect(band(0.25, s)).toBe("close");
    expect(band(0.2501, s)).toBe("review");
    expect(band(0.5, s)).toBe("review");
    expect(band(0.5001, s)).toBe("far");
    expect(band(1, s)).toBe("far");
    const strict = { ...s, close: 0.1, review: 0.2 };
    expect([band(0.1, strict), band(0.15, strict), band(0.21, strict)]).toEqual(["close", "review", "far"]);
  });

  it("a framework's adjacency settings are merged over the defaults", () => {
    expect(adjacencySettings(one)).toEqual(DEFAULT_ADJACENCY);
    const own = framework("own", [], [], { adjacency: { close: 0.2, weights: { content: 0 } } });
    expect(adjacencySettings(own)).toEqual({
      close: 0.2,
      review: 0.5,
      weights: { level: 0.5, taxonomy: 0.35, content: 0 },
    });
  });
});

describe("adjacentRoles", () => {
  const indexes = mapOf(one, two);

  it("lists every other comparable role-level, nearest first, ties in framework, role, level order", () => {
    const found = adjacentRoles(indexes, { framework: "one", role: "be", level: "a4" });
    const codes = found.map((a) => a.code);
    expect(codes).not.toContain("backend.be.a4");
    expect(found.some((a) => a.target.framework === "two")).toBe(false); // two's levels are not placed
    const totals = found.map((a) => a.distance.total);
    expect(totals).toEqual([...totals].sort((x, y) => x - y));
    // a6 (steps 5–7) is one step away: 0.5 × 0.25 = 0.125; a2 is two: 0.5 × 0.5 = 0.25
    expect(codes.slice(0, 2)).toEqual(["backend.be.a6", "backend.be.a2"]);
    expect(found[0]).toMatchObject({
      roleName: "Role be",
      levelName: "A6",
      frameworkName: "Framework one",
      band: "close",
    });
  });

  it("groups by role, each role in the order of its nearest level, its levels nearest first", () => {
    const found = adjacentRoles(indexes, { framework: "one", role: "be", level: "a4" });
    const groups = adjacentByRole(found);
    expect(groups.map((g) => `${g.framework}/${g.role}`)).toEqual([
      ...new Set(found.map((a) => `${a.target.framework}/${a.target.role}`)),
    ]);
    expect(groups.reduce((n, g) => n + g.levels.length, 0)).toBe(found.length);
    for (const g of groups) {
      const totals = g.levels.map((a) => a.distance.total);
      expect(totals).toEqual([...totals].sort((x, y) => x - y));
      expect(g.levels.every((a) => a.target.role === g.role && a.roleName === g.roleName)).toBe(true);
    }
    expect(adjacentByRole([])).toEqual([]);
  });

  it("applies the limit, and gives nothing for an unknown start", () => {
    expect(adjacentRoles(indexes, { framework: "one", role: "be", level: "a4" }, { limit: 3 })).toHaveLength(
      3,
    );
    expect(adjacentRoles(indexes, { framework: "one", role: "nope", level: "a4" })).toEqual([]);
  });

  it("breaks ties by framework, role and level order", () => {
    const found = adjacentRoles(indexes, { framework: "one", role: "pm", level: "a4" });
    const ties = found.filter((a) => a.distance.total === found[0]?.distance.total).map((a) => a.code);
    expect(ties).toEqual([...ties].sort((x, y) => codesOrder(x) - codesOrder(y)));
  });
});

/** Position of a role-level code in framework one's declaration order (roles, then levels). */
function codesOrder(code: string): number {
  const [, r, l] = code.split(".");
  return [...one.roles.keys()].indexOf(r as string) * 100 + one.levelOrder.indexOf(l as string);
}

describe("distance properties", () => {
  const familyIds = (FAMILIES ?? []).map((f) => f.id);
  const skillPool = ["api", "sql", "testing", "ux", "on-call", "hiring"];
  const ref = fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 3 }))
    .map(([rank, width]) => ({ rank, to: Math.min(12, rank + width) }));
  const side = fc.record({
    ref,
    family: fc.constantFrom(...familyIds),
    skills: fc.subarray(skillPool),
  });
  const weights = fc.record({
    level: fc.double({ min: 0, max: 5, noNaN: true }),
    taxonomy: fc.double({ min: 0, max: 5, noNaN: true }),
    content: fc.double({ min: 0, max: 5, noNaN: true }),
  });

  /** Two frameworks, each with one role at one level, from generated coordinates. */
  function pair(a: { ref: { rank: number; to: number }; family: string; skills: string[] }, b: typeof a) {
    const fa = framework("fa", [level("x", a.ref.rank, a.ref.to)], [role("r", a.family, ["x"], a.skills)]);
    const fb = framework("fb", [level("y", b.ref.rank, b.ref.to)], [role("s", b.family, ["y"], b.skills)]);
    return {
      indexes: mapOf(fa, fb),
      a: { framework: "fa", role: "r", level: "x" },
      b: { framework: "fb", role: "s", level: "y" },
    };
  }

  it("is symmetric and within [0, 1], for any weights", () => {
    fc.assert(
      fc.property(side, side, weights, (sa, sb, w) => {
        const { indexes, a, b } = pair(sa, sb);
        const settings = { ...DEFAULT_ADJACENCY, weights: w };
        const ab = distance(indexes, a, b, settings);
        const ba = distance(indexes, b, a, settings);
        expect(ab).toEqual(ba);
        for (const part of [ab?.total, ab?.level, ab?.taxonomy, ab?.content ?? 0]) {
          expect(part).toBeGreaterThanOrEqual(0);
          expect(part).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("is 0 from any role-level to itself", () => {
    fc.assert(
      fc.property(side, weights, (s, w) => {
        const { indexes, a } = pair(s, s);
        expect(distance(indexes, a, a, { ...DEFAULT_ADJACENCY, weights: w })?.total).toBe(0);
      }),
    );
  });

  it("never decreases as the level gap grows, everything else equal", () => {
    fc.assert(
      fc.property(
        side,
        side,
        fc.integer({ min: 1, max: 12 }),
        fc.nat(11),
        fc.nat(11),
        weights,
        (sa, sb, start, g1, g2, w) => {
          const [near, far] = g1 <= g2 ? [g1, g2] : [g2, g1];
          const at = (gap: number) => {
            const rank = Math.min(12, start + gap);
            const { indexes, a, b } = pair(
              { ...sa, ref: { rank: start, to: start } },
              { ...sb, ref: { rank, to: rank } },
            );
            return distance(indexes, a, b, { ...DEFAULT_ADJACENCY, weights: w }) as {
              total: number;
              level: number;
            };
          };
          expect(at(near).level).toBeLessThanOrEqual(at(far).level);
          expect(at(near).total).toBeLessThanOrEqual(at(far).total);
        },
      ),
    );
  });
});
