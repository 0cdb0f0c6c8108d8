import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import {
  type CalibrationPair,
  calibration,
  changesBetween,
  type FrameworkSnapshot,
  HEAT_BUCKETS,
  mirrorDataOf,
  type Profile,
  profileOf,
  snapshotOf,
  type TeamMember,
  teamHeatmap,
} from "./assessment.js";
import { mirrorData } from "./mirror.js";
import { indexFramework } from "./model.js";
import type { Framework } from "./schema.js";

const root = new URL("../../", import.meta.url).pathname;
let engineeringFramework: Framework;
let eng: FrameworkSnapshot;

beforeAll(async () => {
  const loaded = await loadFramework(`${root}examples/engineering`, nodeFileSystem);
  if (!loaded.framework) throw new Error("cannot load examples/engineering");
  engineeringFramework = loaded.framework;
  eng = snapshotOf(indexFramework(engineeringFramework), "v1");
});

/** The engineering example with an edit applied, as a snapshot of another version. */
function edited(version: string, edit: (fw: Framework) => void): FrameworkSnapshot {
  const fw = structuredClone(engineeringFramework);
  edit(fw);
  return snapshotOf(indexFramework(fw), version);
}

const picks = (entries: Record<string, string>) => new Map(Object.entries(entries));
const everywhere = (s: FrameworkSnapshot, level: string) => new Map(s.competencies.map((c) => [c.id, level]));

describe("snapshotOf", () => {
  it("freezes levels with ranks, successors and tracks, in level order", () => {
    expect(eng).toMatchObject({ framework: "engineering", version: "v1", label: "2026.2" });
    expect(eng.name).toBe("Engineering Career Framework");
    expect(eng.levels.map((l) => `${l.id}:${l.rank}`)).toEqual([
      "intern:0",
      "junior:1",
      "mid:2",
      "senior:3",
      "lead:4",
      "staff:5",
      "principal:6",
      "architect:7",
      "manager:5",
      "director:6",
      "vp:7",
      "cto:8",
    ]);
    expect(eng.levels.find((l) => l.id === "lead")).toEqual({
      id: "lead",
      name: "Lead",
      rank: 4,
      track: "trunk",
      next: ["staff", "manager"],
    });
  });

  it("keeps competencies in reading order with their area, statements and rating bands", () => {
    expect(eng.competencies).toHaveLength(19);
    const first = eng.competencies[0];
    expect(first).toMatchObject({ id: "code-quality", name: "Code & design quality", area: "craft" });
    expect(first?.areaName).toBe("Technical craft");
    // the long form of an expectation is frozen as its statement
    expect(first?.expectations.senior).toMatch(/^Designs the internal structure of services/);
    expect(first?.bands).toEqual({ senior: ["below", "meets", "exceeds"] });
    expect(eng.bands).toEqual([
      { id: "below", name: "Needs improvement" },
      { id: "meets", name: "Meets expectations" },
      { id: "exceeds", name: "Exceeds expectations" },
    ]);
    // a competency that does not span a level has no statement there
    expect(first?.expectations.manager).toBeUndefined();
  });

  it("leaves out not-applicable expectations and the scale of a framework without one", () => {
    const s = edited("v2", (fw) => {
      delete fw.ratingScale;
      const c = fw.areas?.[0]?.competencies[0];
      if (c) c.expectations.mid = { notApplicable: true, note: "Not at this level." };
    });
    expect(s.bands).toBeUndefined();
    expect("bands" in (s.competencies[0] ?? {})).toBe(false);
    expect(s.competencies[0]?.expectations.mid).toBeUndefined();
    expect(s.competencies[0]?.expectations.junior).toBeDefined();
  });

  it("gives the gap math the same data as the live framework", () => {
    expect(mirrorDataOf(eng)).toEqual(mirrorData(indexFramework(engineeringFramework)));
  });
});

describe("profileOf", () => {
  it("aims at the level after the current one and measures every pick against both", () => {
    const p = profileOf(eng, picks({ "code-quality": "senior", planning: "junior", hiring: "staff" }), "mid");
    expect(p.current).toBe("mid");
    expect(p.target).toBe("senior");
    const row = (id: string) => p.rows.find((r) => r.competency === id);
    expect(row("code-quality")).toEqual({
      competency: "code-quality",
      name: "Code & design quality",
      area: "craft",
      pick: "senior",
      pickRank: 3,
      currentRank: 2,
      targetRank: 3,
      vsCurrent: 1,
      vsTarget: 0,
    });
    expect(row("planning")).toMatchObject({ pickRank: 1, vsCurrent: -1, vsTarget: -2 });
    expect(row("communication")).toMatchObject({
      pick: null,
      pickRank: null,
      vsCurrent: null,
      vsTarget: null,
    });
    expect(p.rows.map((r) => r.competency)).toEqual(eng.competencies.map((c) => c.id));
    expect(p.gaps.map((g) => [g.competency, g.gap])).toEqual([["planning", 2]]);
    expect(p.strengths.map((s) => [s.competency, s.ahead])).toEqual([
      ["hiring", 2],
      ["code-quality", 0],
    ]);
    // the trunk asks nothing of organisation design: optional for a mid, so not among the unpicked
    expect(p.unpicked).toHaveLength(15);
    expect(p.optional).toEqual(["org-design"]);
  });

  it("at a fork takes the successor on the same track, else the first; at the top falls back to the picks", () => {
    expect(profileOf(eng, new Map(), "lead").target).toBe("staff");
    expect(profileOf(eng, new Map(), "manager").target).toBe("director");
    const mostlyPrincipal = picks({ planning: "principal", execution: "principal", hiring: "vp" });
    expect(profileOf(eng, mostlyPrincipal, "cto").target).toBe("architect");
    expect(profileOf(eng, mostlyPrincipal, null).target).toBe("architect");
    expect(profileOf(eng, new Map(), null).target).toBe(mirrorDataOf(eng).levels[0]?.id);
  });

  it("takes any level on any track as target; an unknown target or current is treated as absent", () => {
    const p = profileOf(eng, picks({ "people-management": "lead" }), "senior", "manager");
    expect(p.target).toBe("manager");
    expect(p.gaps).toEqual([
      {
        competency: "people-management",
        pick: "lead",
        gap: 1,
        expectation: eng.competencies.find((c) => c.id === "people-management")?.expectations.manager,
      },
    ]);
    expect(profileOf(eng, new Map(), "senior", "nope").target).toBe("lead");
    const unknownCurrent = profileOf(eng, picks({ planning: "mid" }), "ghost");
    expect(unknownCurrent.current).toBeNull();
    expect(unknownCurrent.rows[0]?.currentRank).toBeNull();
  });

  it("counts a pick of a level the snapshot does not have as not picked", () => {
    const p = profileOf(eng, picks({ "code-quality": "wizard" }), "mid");
    expect(p.rows[0]).toMatchObject({ pick: null, pickRank: null });
    expect(p.unpicked).toContain("code-quality");
  });

  it("pushes next on the three largest gaps that have a target expectation, quoting it", () => {
    const p = profileOf(
      eng,
      picks({
        "code-quality": "intern", // gap 5 to staff
        "people-management": "intern", // gap 5, but no expectation at staff
        planning: "junior", // gap 4
        execution: "junior", // gap 4
        ownership: "mid", // gap 3
        communication: "staff",
      }),
      "lead",
    );
    expect(p.target).toBe("staff");
    expect(p.gaps.map((g) => g.competency)).toEqual([
      "code-quality",
      "people-management",
      "planning",
      "execution",
      "ownership",
    ]);
    const statement = (id: string) => eng.competencies.find((c) => c.id === id)?.expectations.staff;
    expect(p.pushNext).toEqual([
      {
        competency: "code-quality",
        name: "Code & design quality",
        gap: 5,
        expectation: statement("code-quality"),
      },
      { competency: "planning", name: "Planning & estimation", gap: 4, expectation: statement("planning") },
      {
        competency: "execution",
        name: "Execution & follow-through",
        gap: 4,
        expectation: statement("execution"),
      },
    ]);
  });

  it("throws only for a framework without levels", () => {
    expect(() => profileOf({ ...eng, levels: [] }, new Map(), null)).toThrow(RangeError);
  });
});

describe("changesBetween", () => {
  it("lists picks that moved, by ranks, and nothing about the framework on the same version", () => {
    const before = {
      snapshot: eng,
      picks: picks({ "code-quality": "mid", planning: "senior", hiring: "lead" }),
    };
    const after = {
      snapshot: eng,
      picks: picks({ "code-quality": "senior", planning: "senior", hiring: "manager", mentoring: "mid" }),
    };
    expect(changesBetween(before, after)).toEqual({
      changed: [
        { competency: "code-quality", name: "Code & design quality", from: "mid", to: "senior", delta: 1 },
        { competency: "mentoring", name: "Mentoring & coaching", from: null, to: "mid", delta: null },
        { competency: "hiring", name: "Hiring & team building", from: "lead", to: "manager", delta: 1 },
      ],
      unchanged: ["planning"],
      framework: null,
    });
  });

  it("lists changed statements, removed and added competencies, and picks on levels that went away", () => {
    const later = edited("v2", (fw) => {
      const craft = fw.areas?.[0];
      if (!craft) throw new Error("no craft area");
      const code = craft.competencies[0];
      if (code) code.expectations.mid = "Writes code a reviewer can read in one pass.";
      craft.competencies = craft.competencies.filter((c) => c.id !== "testing-reliability");
      craft.competencies.push({ id: "security", name: "Security", expectations: { mid: "Threat-models." } });
      fw.levels = fw.levels?.filter((l) => l.id !== "intern");
      const junior = fw.levels?.find((l) => l.id === "junior");
      if (junior) delete junior.follows;
    });
    const result = changesBetween(
      { snapshot: eng, picks: picks({ "code-quality": "intern", "testing-reliability": "mid" }) },
      { snapshot: later, picks: picks({ "code-quality": "mid", security: "mid" }) },
    );
    expect(result.changed).toEqual([
      { competency: "code-quality", name: "Code & design quality", from: "intern", to: "mid", delta: null },
      { competency: "security", name: "Security", from: null, to: "mid", delta: null },
      {
        competency: "testing-reliability",
        name: "Testing & reliability",
        from: "mid",
        to: null,
        delta: null,
      },
    ]);
    const framework = result.framework;
    expect(framework?.removed).toEqual([{ id: "testing-reliability", name: "Testing & reliability" }]);
    expect(framework?.added).toEqual([{ id: "security", name: "Security" }]);
    const codeChanges = framework?.changedExpectations.filter((e) => e.competency === "code-quality");
    expect(codeChanges?.map((e) => e.level)).toEqual(["mid", "intern"]);
    expect(codeChanges?.[0]).toMatchObject({
      name: "Code & design quality",
      before: eng.competencies[0]?.expectations.mid,
      after: "Writes code a reviewer can read in one pass.",
    });
    // the statements of the level that went away are listed too, each with nothing after
    const intern = framework?.changedExpectations.filter((e) => e.level === "intern") ?? [];
    expect(intern.map((e) => e.competency)).toEqual(
      eng.competencies
        .filter((c) => c.expectations.intern && c.id !== "testing-reliability")
        .map((c) => c.id),
    );
    expect(intern.every((e) => e.after === null && e.before)).toBe(true);
  });

  it("reports statements that appeared or went away with null on the missing side", () => {
    const later = edited("v2", (fw) => {
      const code = fw.areas?.[0]?.competencies[0];
      if (code) delete code.expectations.intern;
    });
    const result = changesBetween({ snapshot: eng, picks: new Map() }, { snapshot: later, picks: new Map() });
    expect(result.framework?.changedExpectations).toEqual([
      {
        competency: "code-quality",
        name: "Code & design quality",
        level: "intern",
        before: eng.competencies[0]?.expectations.intern,
        after: null,
      },
    ]);
    expect(result.framework?.removed).toEqual([]);
    expect(result.framework?.added).toEqual([]);
  });
});

describe("teamHeatmap", () => {
  const member = (personId: string, level: string | null, p: Record<string, string>, assessed = true) => ({
    personId,
    name: personId.toUpperCase(),
    level,
    assessed,
    picks: picks(p),
  });

  it("shows each pick against the person's own level and buckets the deltas per competency", () => {
    const team: TeamMember[] = [
      member("ana", "mid", { "code-quality": "lead", planning: "junior", hiring: "intern" }),
      member("bo", "senior", { "code-quality": "senior", planning: "lead" }),
      member("cy", "senior", {}, false),
      member("di", null, { "code-quality": "mid" }),
    ];
    const map = teamHeatmap(eng, team);
    expect(map.rows.map((r) => r.personId)).toEqual(["ana", "bo", "cy", "di"]);
    const ana = map.rows[0];
    expect(ana?.cells).toHaveLength(19);
    expect(ana?.cells.slice(0, 2)).toEqual([
      { competency: "code-quality", delta: 2 },
      { competency: "testing-reliability", delta: null },
    ]);
    expect(ana?.cells.find((c) => c.competency === "hiring")?.delta).toBe(-2);
    expect(map.rows[3]?.cells.every((c) => c.delta === null)).toBe(true);
    const counts = (id: string) => map.distribution.find((d) => d.competency === id)?.counts;
    expect(counts("code-quality")).toEqual({ "-2-": 0, "-1": 0, "0": 1, "+1": 0, "+2+": 1 });
    expect(counts("planning")).toEqual({ "-2-": 0, "-1": 1, "0": 0, "+1": 1, "+2+": 0 });
    expect(counts("hiring")).toEqual({ "-2-": 1, "-1": 0, "0": 0, "+1": 0, "+2+": 0 });
    expect(map.distribution.map((d) => d.competency)).toEqual(eng.competencies.map((c) => c.id));
    expect(map.unassessed).toEqual(["cy"]);
  });

  it("says who meets every expectation of their next level", () => {
    // lead → staff; people-management and org-design have no statement at staff
    const ready = new Map(
      eng.competencies.filter((c) => c.expectations.staff !== undefined).map((c) => [c.id, "staff"]),
    );
    const almost = new Map(ready);
    almost.set("influence", "lead");
    const acrossTracks = new Map([...ready].map(([c]) => [c, "manager"])); // same rank as staff
    const team: TeamMember[] = [
      { personId: "a", name: "A", level: "lead", assessed: true, picks: ready },
      { personId: "b", name: "B", level: "lead", assessed: true, picks: almost },
      { personId: "c", name: "C", level: "lead", assessed: true, picks: acrossTracks },
      { personId: "d", name: "D", level: "cto", assessed: true, picks: everywhere(eng, "cto") },
      { personId: "e", name: "E", level: "lead", assessed: false, picks: ready },
      { personId: "f", name: "F", level: null, assessed: true, picks: ready },
    ];
    expect(teamHeatmap(eng, team).rows.map((r) => r.meetsNext)).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe("calibration", () => {
  it("summarizes each manager's picks against their reports' own, furthest apart first", () => {
    const pairs: CalibrationPair[] = [
      { managerId: "m1", managerName: "Mo", self: 3, manager: 3 },
      { managerId: "m1", managerName: "Mo", self: 3, manager: 4 },
      { managerId: "m2", managerName: "Al", self: 5, manager: 2 },
      { managerId: "m2", managerName: "Al", self: 4, manager: 5 },
      { managerId: "m3", managerName: "Bea", self: 2, manager: 3 },
      { managerId: "m3", managerName: "Bea", self: 2, manager: 2 },
    ];
    expect(calibration(pairs)).toEqual([
      { managerId: "m2", managerName: "Al", pairs: 2, meanDelta: -1, higher: 1, lower: 1, same: 0 },
      { managerId: "m3", managerName: "Bea", pairs: 2, meanDelta: 0.5, higher: 1, lower: 0, same: 1 },
      { managerId: "m1", managerName: "Mo", pairs: 2, meanDelta: 0.5, higher: 1, lower: 0, same: 1 },
    ]);
    expect(calibration([])).toEqual([]);
  });
});

describe("properties", () => {
  const levelIds = () => eng.levels.map((l) => l.id);
  /** Random picks over the engineering snapshot, including unknown levels now and then. */
  const somePicks = () =>
    fc
      .array(fc.option(fc.constantFrom(...levelIds(), "unknown-level"), { nil: undefined }), {
        minLength: eng.competencies.length,
        maxLength: eng.competencies.length,
      })
      .map(
        (levels) =>
          new Map(
            eng.competencies.flatMap((c, i) => (levels[i] === undefined ? [] : [[c.id, levels[i]] as const])),
          ),
      );
  const someLevel = () => fc.constantFrom(...levelIds());
  const gapOf = (p: Profile, competency: string) => p.gaps.find((g) => g.competency === competency)?.gap ?? 0;

  it("gaps are sorted descending, all positive, and agree with the rows", () => {
    fc.assert(
      fc.property(somePicks(), fc.option(someLevel(), { nil: null }), someLevel(), (p, current, target) => {
        const profile = profileOf(eng, p, current, target);
        for (let i = 1; i < profile.gaps.length; i++)
          expect(profile.gaps[i - 1]?.gap).toBeGreaterThanOrEqual(profile.gaps[i]?.gap ?? 0);
        for (const g of profile.gaps) {
          expect(g.gap).toBeGreaterThan(0);
          expect(profile.rows.find((r) => r.competency === g.competency)?.vsTarget).toBe(-g.gap);
        }
        expect(profile.pushNext.length).toBeLessThanOrEqual(3);
        expect(profile.pushNext.map((n) => n.competency)).toEqual(
          profile.gaps
            .filter((g) => g.expectation)
            .slice(0, 3)
            .map((g) => g.competency),
        );
      }),
    );
  });

  it("every competency appears exactly once across gaps, strengths, unpicked and optional", () => {
    fc.assert(
      fc.property(somePicks(), fc.option(someLevel(), { nil: null }), (p, current) => {
        const profile = profileOf(eng, p, current);
        const strengths = profile.strengths.map((s) => s.competency);
        const all = [
          ...profile.gaps.map((g) => g.competency),
          ...strengths,
          ...profile.unpicked,
          // an optional competency picked at or above the target is still a strength
          ...profile.optional.filter((id) => !strengths.includes(id)),
        ].sort();
        expect(all).toEqual(eng.competencies.map((c) => c.id).sort());
      }),
    );
  });

  it("raising one pick never increases that competency's gap", () => {
    fc.assert(
      fc.property(
        somePicks(),
        fc.nat(eng.competencies.length - 1),
        someLevel(),
        someLevel(),
        someLevel(),
        (p, i, from, to, target) => {
          const competency = eng.competencies[i]?.id ?? "";
          const rank = (id: string) => eng.levels.find((l) => l.id === id)?.rank ?? 0;
          const [low, high] = rank(from) <= rank(to) ? [from, to] : [to, from];
          const lower = new Map(p).set(competency, low);
          const higher = new Map(p).set(competency, high);
          expect(gapOf(profileOf(eng, higher, null, target), competency)).toBeLessThanOrEqual(
            gapOf(profileOf(eng, lower, null, target), competency),
          );
        },
      ),
    );
  });

  it("an assessment compared with itself has no changes", () => {
    fc.assert(
      fc.property(somePicks(), (p) => {
        const same = { snapshot: eng, picks: p };
        const result = changesBetween(same, same);
        expect(result.changed).toEqual([]);
        expect(result.framework).toBeNull();
        expect(result.unchanged).toHaveLength(p.size);
      }),
    );
  });

  it("pick deltas add up across three assessments on one version", () => {
    fc.assert(
      fc.property(somePicks(), somePicks(), somePicks(), (a, b, c) => {
        const at = (p: ReadonlyMap<string, string>) => ({ snapshot: eng, picks: p });
        const delta = (x: ReadonlyMap<string, string>, y: ReadonlyMap<string, string>, id: string) => {
          const change = changesBetween(at(x), at(y)).changed.find((ch) => ch.competency === id);
          return change ? change.delta : (x.get(id) ?? null) === null ? null : 0;
        };
        for (const { id } of eng.competencies) {
          const ab = delta(a, b, id);
          const bc = delta(b, c, id);
          const ac = delta(a, c, id);
          if (ab !== null && bc !== null) expect(ac).toBe(ab + bc);
        }
      }),
    );
  });

  /** Small frameworks with arbitrary text: quotes, markup, non-Latin letters, empty strings. */
  const id = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
  const someFramework = fc
    .record({
      levels: fc.uniqueArray(id, { minLength: 1, maxLength: 6 }),
      names: fc.array(fc.string(), { minLength: 6, maxLength: 6 }),
      competencies: fc.uniqueArray(
        fc.record({ id, name: fc.string(), statements: fc.array(fc.option(fc.string()), { maxLength: 6 }) }),
        { selector: (c) => c.id, maxLength: 5 },
      ),
      scale: fc.boolean(),
      version: fc.option(fc.string(), { nil: undefined }),
    })
    .map(
      ({ levels, names, competencies, scale, version }): Framework => ({
        rungs: 1,
        id: "gen",
        name: names[0] ?? "",
        ...(version === undefined ? {} : { version }),
        tracks: [{ id: "t", name: "T" }],
        ...(scale
          ? {
              ratingScale: [
                { id: "low", name: "Low" },
                { id: "high", name: names[1] ?? "" },
              ],
            }
          : {}),
        levels: levels.map((l, i) => ({
          id: l,
          name: names[i] ?? l,
          track: "t",
          ...(i > 0 ? { follows: [levels[i - 1] ?? ""] } : {}),
        })),
        areas: [
          {
            id: "area",
            name: "Area",
            competencies: competencies.map((c) => ({
              id: c.id,
              name: c.name,
              expectations: Object.fromEntries(
                c.statements.flatMap((statement, i) => {
                  const level = levels[i];
                  if (level === undefined || statement === null) return [];
                  return [[level, i % 2 ? { statement, ratings: { high: statement } } : statement]];
                }),
              ),
            })),
          },
        ],
      }),
    );

  it("a snapshot round-trips through JSON unchanged", () => {
    fc.assert(
      fc.property(someFramework, fc.string(), (fw, version) => {
        const s = snapshotOf(indexFramework(fw), version);
        expect(JSON.parse(JSON.stringify(s))).toStrictEqual(s);
      }),
    );
    expect(JSON.parse(JSON.stringify(eng))).toStrictEqual(eng);
  });

  it("calibration: each mean lies between the manager's smallest and largest delta, and counts add up", () => {
    const pair = fc.record({
      managerId: fc.constantFrom("m1", "m2", "m3"),
      self: fc.integer({ min: 0, max: 12 }),
      manager: fc.integer({ min: 0, max: 12 }),
    });
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 40 }), (raw) => {
        const pairs = raw.map((p) => ({ ...p, managerName: `Manager ${p.managerId}` }));
        const rows = calibration(pairs);
        expect(rows.reduce((n, r) => n + r.pairs, 0)).toBe(pairs.length);
        for (const row of rows) {
          const deltas = pairs.filter((p) => p.managerId === row.managerId).map((p) => p.manager - p.self);
          expect(row.pairs).toBe(deltas.length);
          expect(row.higher + row.lower + row.same).toBe(row.pairs);
          expect(row.meanDelta).toBeGreaterThanOrEqual(Math.min(...deltas) - 1e-9);
          expect(row.meanDelta).toBeLessThanOrEqual(Math.max(...deltas) + 1e-9);
          expect(Math.abs(row.meanDelta)).toBeLessThanOrEqual(12);
        }
        for (let i = 1; i < rows.length; i++)
          expect(Math.abs(rows[i - 1]?.meanDelta ?? 0)).toBeGreaterThanOrEqual(
            Math.abs(rows[i]?.meanDelta ?? 0),
          );
      }),
    );
  });

  it("team buckets count exactly the picks with a known delta", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(someLevel(), { nil: null }), somePicks()), { maxLength: 8 }),
        (raw) => {
          const team = raw.map(([level, p], i) => ({
            personId: `p${i}`,
            name: `P${i}`,
            level,
            assessed: p.size > 0,
            picks: p,
          }));
          const map = teamHeatmap(eng, team);
          eng.competencies.forEach((c, i) => {
            const known = map.rows.filter((r) => r.cells[i]?.delta !== null).length;
            const counts = map.distribution[i]?.counts;
            expect(Object.keys(counts ?? {}).sort()).toEqual([...HEAT_BUCKETS].sort());
            expect(HEAT_BUCKETS.reduce((n, b) => n + (counts?.[b] ?? 0), 0)).toBe(known);
            expect(map.rows[0]?.cells[i]?.competency ?? c.id).toBe(c.id);
          });
        },
      ),
    );
  });
});
