import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  defaultTarget,
  isMirrorHash,
  levelForCriteria,
  type MirrorData,
  mirrorData,
  mirrorGaps,
  mirrorMode,
  parseMirrorHash,
  placedPicks,
  serializeMirrorHash,
} from "./mirror.js";
import { indexFramework } from "./model.js";
import type { Framework } from "./schema.js";

// A forked ladder: trunk a → b, then IC (ic1, ic2) and management (m1, m2), rejoining at the apex top.
const DATA: MirrorData = {
  levels: [
    { id: "a", rank: 0, track: "trunk", next: ["b"] },
    { id: "b", rank: 1, track: "trunk", next: ["ic1", "m1"] },
    { id: "ic1", rank: 2, track: "ic", next: ["ic2"] },
    { id: "ic2", rank: 3, track: "ic", next: ["top"] },
    { id: "m1", rank: 2, track: "mgmt", next: ["m2"] },
    { id: "m2", rank: 3, track: "mgmt", next: ["top"] },
    { id: "top", rank: 4, track: "apex", next: [] },
  ],
  competencies: [
    { id: "code", expectations: { a: "Writes code.", ic2: "Shapes shared systems.", top: "Owns it all." } },
    { id: "talk", expectations: { ic2: "Speaks for the group." } },
    { id: "lead", expectations: { m2: "Leads managers." } },
    { id: "plan", expectations: {} },
  ],
};

const picks = (entries: [string, string][]) => new Map(entries);

describe("mirror hash", () => {
  it("reads picks and target from the hash, with or without #", () => {
    const state = parseMirrorHash("#pick=code:b,talk:ic1&target=ic2");
    expect([...state.picks]).toEqual([
      ["code", "b"],
      ["talk", "ic1"],
    ]);
    expect(state.target).toBe("ic2");
    expect(parseMirrorHash("pick=code:b").picks.get("code")).toBe("b");
  });

  it("writes the short form a reader can share", () => {
    expect(
      serializeMirrorHash({
        picks: picks([
          ["code", "b"],
          ["talk", "ic1"],
        ]),
        target: "ic2",
      }),
    ).toBe("pick=code:b,talk:ic1&target=ic2");
    expect(serializeMirrorHash({ picks: new Map() })).toBe("");
    expect(serializeMirrorHash({ picks: new Map(), target: "top" })).toBe("target=top");
  });

  it("skips malformed parts instead of failing", () => {
    const state = parseMirrorHash("#pick=code:b,,:x,Bad:b,talk,plan:ic1:x,lead:m1&target=<script>&x=1&%E0");
    expect([...state.picks]).toEqual([
      ["code", "b"],
      ["lead", "m1"],
    ]);
    expect(state.target).toBeUndefined();
    expect(parseMirrorHash("#cell-code--b").picks.size).toBe(0);
    expect(parseMirrorHash("#pick=%E0%A4%A").picks.size).toBe(0);
  });

  it("keeps the first pick of a competency named twice", () => {
    expect(parseMirrorHash("pick=code:a,code:b").picks.get("code")).toBe("a");
  });

  it("tells a mirror hash from a link to a cell", () => {
    expect(isMirrorHash("#pick=code:a")).toBe(true);
    expect(isMirrorHash("#target=a")).toBe(true);
    expect(isMirrorHash("#cell-code--a")).toBe(false);
    expect(isMirrorHash("")).toBe(false);
  });

  const id = fc.stringMatching(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, { maxLength: 12 });

  it("property: parse(serialize(state)) gives the state back for valid ids", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(id, id), { selector: ([c]) => c, maxLength: 10 }),
        fc.option(id),
        (entries, target) => {
          const state = { picks: new Map(entries), ...(target === null ? {} : { target }) };
          const back = parseMirrorHash(`#${serializeMirrorHash(state)}`);
          expect([...back.picks]).toEqual(entries);
          expect(back.target).toBe(target ?? undefined);
        },
      ),
    );
  });

  it("property: parsing never throws, and whatever it reads survives a round trip", () => {
    fc.assert(
      fc.property(fc.string(), (hash) => {
        const state = parseMirrorHash(hash);
        const again = parseMirrorHash(serializeMirrorHash(state));
        expect([...again.picks]).toEqual([...state.picks]);
        expect(again.target).toBe(state.target);
      }),
    );
  });
});

describe("mirrorGaps", () => {
  it("lists gaps to the target by rank, largest first, quoting the target's expectation", () => {
    const result = mirrorGaps(
      DATA,
      picks([
        ["code", "a"],
        ["talk", "ic1"],
        ["lead", "top"],
      ]),
      "ic2",
    );
    expect(result.gaps).toEqual([
      { competency: "code", pick: "a", gap: 3, expectation: "Shapes shared systems." },
      { competency: "talk", pick: "ic1", gap: 1, expectation: "Speaks for the group." },
    ]);
    expect(result.strengths).toEqual([{ competency: "lead", pick: "top", ahead: 1 }]);
    expect(result.unpicked).toEqual(["plan"]);
  });

  it("compares a management pick with an IC target by rank: same rank is no gap", () => {
    const result = mirrorGaps(
      DATA,
      picks([
        ["lead", "m2"],
        ["code", "m1"],
      ]),
      "ic2",
    );
    expect(result.strengths).toEqual([{ competency: "lead", pick: "m2", ahead: 0 }]);
    expect(result.gaps).toEqual([
      { competency: "code", pick: "m1", gap: 1, expectation: "Shapes shared systems." },
    ]);
  });

  it("leaves out the quote where the competency has no expectation at the target", () => {
    const result = mirrorGaps(DATA, picks([["plan", "a"]]), "top");
    expect(result.gaps).toEqual([{ competency: "plan", pick: "a", gap: 4 }]);
  });

  it("ignores picks of unknown levels and competencies; an unknown target leaves everything unpicked", () => {
    const result = mirrorGaps(
      DATA,
      picks([
        ["code", "zz"],
        ["ghost", "a"],
      ]),
      "ic2",
    );
    expect(result.gaps).toEqual([]);
    expect(result.unpicked).toEqual(["code", "talk", "lead", "plan"]);
    expect(mirrorGaps(DATA, picks([["code", "a"]]), "nope").unpicked).toHaveLength(4);
  });

  const level = fc.constantFrom(...DATA.levels.map((l) => l.id));
  const somePicks = fc
    .record({
      code: fc.option(level),
      talk: fc.option(level),
      lead: fc.option(level),
      plan: fc.option(level),
    })
    .map((r) => new Map(Object.entries(r).filter((e): e is [string, string] => e[1] !== null)));

  it("property: gaps are sorted descending, all positive, and no pick equal to the target is a gap", () => {
    fc.assert(
      fc.property(somePicks, level, (p, target) => {
        const { gaps, strengths, unpicked } = mirrorGaps(DATA, p, target);
        for (let i = 1; i < gaps.length; i++)
          expect(gaps[i - 1]?.gap).toBeGreaterThanOrEqual(gaps[i]?.gap ?? 0);
        for (const g of gaps) {
          expect(g.gap).toBeGreaterThan(0);
          expect(g.pick).not.toBe(target);
        }
        for (const s of strengths) expect(s.ahead).toBeGreaterThanOrEqual(0);
        expect(gaps.length + strengths.length + unpicked.length).toBe(DATA.competencies.length);
        expect(gaps.length + strengths.length).toBe(p.size);
      }),
    );
  });

  it("property: picking the target everywhere leaves no gap", () => {
    fc.assert(
      fc.property(level, (target) => {
        const all = new Map(DATA.competencies.map((c) => [c.id, target]));
        const result = mirrorGaps(DATA, all, target);
        expect(result.gaps).toEqual([]);
        expect(result.strengths.every((s) => s.ahead === 0)).toBe(true);
      }),
    );
  });
});

describe("defaultTarget", () => {
  it("is none when nothing is picked: the lowest level is nobody's default", () => {
    expect(defaultTarget(DATA, new Map())).toBeUndefined();
  });

  it("is the level after the most common pick, staying on its track", () => {
    expect(
      defaultTarget(
        DATA,
        picks([
          ["code", "a"],
          ["talk", "a"],
          ["lead", "m1"],
        ]),
      ),
    ).toBe("b");
    expect(
      defaultTarget(
        DATA,
        picks([
          ["code", "m1"],
          ["talk", "m1"],
          ["lead", "a"],
        ]),
      ),
    ).toBe("m2");
  });

  it("breaks a tie toward the higher pick, and at a fork takes the first successor", () => {
    expect(
      defaultTarget(
        DATA,
        picks([
          ["code", "a"],
          ["talk", "b"],
        ]),
      ),
    ).toBe("ic1");
  });

  it("stays at the top of the ladder", () => {
    expect(defaultTarget(DATA, picks([["code", "top"]]))).toBe("top");
  });

  it("when the successor is not offered, takes the lowest level above the pick", () => {
    const shown = { ...DATA, levels: DATA.levels.filter((l) => l.id !== "m2") };
    expect(defaultTarget(shown, picks([["code", "m1"]]))).toBe("ic2");
  });
});

describe("mirrorData", () => {
  it("reads ranks, successors and statements from a framework", () => {
    const fw: Framework = {
      rungs: 1,
      id: "t",
      name: "T",
      tracks: [{ id: "x", name: "X" }],
      levels: [
        { id: "one", name: "One", track: "x" },
        { id: "two", name: "Two", track: "x", follows: ["one"] },
      ],
      areas: [
        {
          id: "ar",
          name: "Area",
          competencies: [
            {
              id: "c",
              name: "C",
              expectations: { one: "First.", two: { notApplicable: true, note: "Not here." } },
            },
          ],
        },
      ],
    };
    const data = mirrorData(indexFramework(fw));
    expect(data.levels).toEqual([
      { id: "one", rank: 0, track: "x", next: ["two"] },
      { id: "two", rank: 1, track: "x", next: [] },
    ]);
    expect(data.competencies).toEqual([{ id: "c", expectations: { one: "First." } }]);
  });
});

describe("format 2: steps and ticked criteria", () => {
  it("reads and writes steps and ticks beside picks, skipping malformed ones", () => {
    const state = parseMirrorHash(
      "#pick=code:a&step=talk:fluent,talk:aware,bad:x:y,Up:x&tick=plan/b/one,plan/b,plan/b/Two,lead/m1/m1-1&target=b",
    );
    expect([...(state.steps ?? [])]).toEqual([["talk", "fluent"]]);
    expect([...(state.ticks ?? [])]).toEqual(["plan/b/one", "lead/m1/m1-1"]);
    expect(serializeMirrorHash(state)).toBe(
      "pick=code:a&step=talk:fluent&tick=plan/b/one,lead/m1/m1-1&target=b",
    );
    expect(isMirrorHash("#step=talk:fluent")).toBe(true);
    expect(isMirrorHash("#tick=plan/b/one")).toBe(true);
  });

  it("bounds the ticks a link can carry", () => {
    const many = Array.from({ length: 3000 }, (_, i) => `c/l/x${i}`).join(",");
    expect(parseMirrorHash(`#tick=${many}`).ticks?.size).toBe(2000);
  });

  const stepped = {
    id: "talk",
    expectations: {},
    steps: [
      { id: "aware", name: "Aware" },
      { id: "fluent", name: "Fluent" },
      { id: "expert", name: "Expert" },
    ],
    stepByLevel: { b: "aware", ic1: "fluent", ic2: "expert" },
  };
  const listed = {
    id: "plan",
    expectations: {},
    criteria: {
      b: [
        { id: "one", text: "One." },
        { id: "two", text: "Two." },
      ],
      // ic1 carries b's criteria forward and adds its own
      ic1: [
        { id: "one", text: "One.", from: "b" },
        { id: "two", text: "Two.", from: "b" },
        { id: "three", text: "Three." },
      ],
    },
  };

  it("a level is reached when all its criteria are ticked, carried ones by the level they were written at", () => {
    const data = { ...DATA, competencies: [listed] };
    expect(levelForCriteria(data, listed, new Set(["plan/b/one"]))).toBeUndefined();
    expect(levelForCriteria(data, listed, new Set(["plan/b/one", "plan/b/two"]))).toBe("b");
    expect(levelForCriteria(data, listed, new Set(["plan/b/one", "plan/b/two", "plan/ic1/three"]))).toBe(
      "ic1",
    );
    // a carried criterion is not a tick of its own at the later level
    expect(levelForCriteria(data, listed, new Set(["plan/ic1/one", "plan/ic1/two", "plan/ic1/three"]))).toBe(
      undefined,
    );
  });

  it("places every competency by its own kind: a level, a step or ticks", () => {
    const data = { ...DATA, competencies: [DATA.competencies[0] ?? stepped, stepped, listed] };
    expect(data.competencies.map(mirrorMode)).toEqual(["level", "step", "criteria"]);
    const placed = placedPicks(data, {
      picks: new Map([
        ["code", "ic1"],
        // a pick for a stepped competency counts for nothing: its step does
        ["talk", "top"],
      ]),
      steps: new Map([["talk", "fluent"]]),
      ticks: new Set(["plan/b/one", "plan/b/two"]),
    });
    expect([...placed]).toEqual([
      ["code", "ic1"],
      ["talk", "ic1"],
      ["plan", "b"],
    ]);
    expect([...placedPicks(data, { picks: new Map(), steps: new Map([["talk", "nope"]]) })]).toEqual([]);
  });
});
