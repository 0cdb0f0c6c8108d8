import { describe, expect, it } from "vitest";
import { type FrameworkIndex, indexFramework } from "../model.js";
import type { OccupationCatalog } from "../occupations.js";
import type { Framework } from "../schema.js";
import {
  adjacentData,
  compareAcrossLevelsData,
  compareRoleLevelsData,
  equivalenceData,
  equivalentLevels,
  type Indexes,
} from "./architecture.js";
import { occupationData, occupationsData, rolesByTitle, titleKey } from "./occupations.js";

/** Two small frameworks: "alpha" with roles and dimensions, "beta" with its own dimensions and one role. */
const alpha: Framework = {
  rungs: 1,
  id: "alpha",
  name: "Alpha Ladder",
  codeSchemes: [{ id: "band", name: "Band" }],
  tracks: [{ id: "ic", name: "IC" }],
  dimensions: [
    { id: "scope", name: "Scope", aspect: "scope" },
    { id: "autonomy", name: "Autonomy", aspect: "autonomy" },
    { id: "craft", name: "Craft" },
  ],
  levels: [
    {
      id: "a1",
      name: "Junior",
      track: "ic",
      codes: { band: "A1" },
      reference: { rank: 2 },
      dimensions: { scope: "Tasks in one team", autonomy: "Guided", craft: "Learns the tools" },
    },
    {
      id: "a2",
      name: "Senior",
      track: "ic",
      follows: ["a1"],
      codes: { band: "A2" },
      reference: { rank: 4, match: "close" },
      summary: "Owns a product area.",
      dimensions: { scope: "A product area", autonomy: "Self-directed" },
      responsibilities: ["Leads designs"],
    },
    { id: "a3", name: "Fellow", track: "ic", follows: ["a2"], codes: { band: "A3" } },
  ],
  areas: [
    {
      id: "build",
      name: "Building",
      competencies: [
        {
          id: "code",
          name: "Code",
          expectations: { a1: "Writes tested code.", a2: "Writes code others extend." },
        },
      ],
    },
  ],
  families: [
    { id: "eng", name: "Engineering" },
    { id: "sre", name: "Reliability", parent: "eng" },
  ],
  roles: [
    {
      id: "backend",
      name: "Backend Engineer",
      family: "eng",
      levels: ["a1", "a2"],
      aliases: ["Back-end developer", "Server  Engineer"],
      skills: [{ name: "APIs" }, { name: "SQL & data" }],
      responsibilities: { a2: ["Designs services"] },
      classifications: [
        { scheme: "soc-2018", code: "15-1252", match: "broad" },
        { scheme: "onet-soc-2019", code: "15-1252.00" },
        { scheme: "isco-08", code: "2512" },
      ],
    },
    {
      id: "sre",
      name: "Site Reliability Engineer",
      family: "sre",
      levels: ["a1", "a2", "a3"],
      skills: [{ name: "sql and data" }, { name: "Linux" }],
      classifications: [{ scheme: "soc-2018", code: "15-1244", match: "close" }],
    },
  ],
};

const beta: Framework = {
  rungs: 1,
  id: "beta",
  name: "Beta Matrix",
  tracks: [{ id: "main", name: "Main" }],
  dimensions: [
    { id: "reach", name: "Reach", aspect: "scope" },
    { id: "craft-b", name: "craft" },
    { id: "other", name: "Other thing" },
  ],
  levels: [
    {
      id: "b1",
      name: "Engineer",
      track: "main",
      reference: { rank: 2 },
      dimensions: { reach: "Tasks in a team" },
    },
    {
      id: "b2",
      name: "Lead Engineer",
      track: "main",
      follows: ["b1"],
      reference: { rank: 4, to: 5, match: "broad" },
      dimensions: { reach: "A product line", "craft-b": "Teaches the tools", other: "Something" },
    },
  ],
  areas: [
    {
      id: "impact",
      name: "Impact",
      competencies: [{ id: "outcomes", name: "Outcomes", expectations: { b2: "Moves a metric." } }],
    },
  ],
  families: [{ id: "eng", name: "Engineering" }],
  roles: [
    {
      id: "backend-dev",
      name: "Backend developer",
      family: "eng",
      levels: ["b1", "b2"],
      skills: [{ name: "APIs" }],
      classifications: [{ scheme: "soc-2018", code: "15-1252", match: "close", note: "Mostly." }],
    },
  ],
};

function indexes(...frameworks: Framework[]): Indexes {
  return new Map(frameworks.map((f) => [f.id, indexFramework(f)] as [string, FrameworkIndex]));
}
const both = indexes(alpha, beta);

const catalog: OccupationCatalog = new Map([
  [
    "15-0000",
    { code: "15-0000", title: "Computer and Mathematical Occupations", group: "major", parent: undefined },
  ],
  ["15-1200", { code: "15-1200", title: "Computer Occupations", group: "minor", parent: "15-0000" }],
  [
    "15-1250",
    { code: "15-1250", title: "Software Developers and Testers", group: "broad", parent: "15-1200" },
  ],
  ["15-1252", { code: "15-1252", title: "Software Developers", group: "detailed", parent: "15-1250" }],
  [
    "15-1240",
    { code: "15-1240", title: "Database and Network Administrators", group: "broad", parent: "15-1200" },
  ],
  ["15-1244", { code: "15-1244", title: "Network Administrators", group: "detailed", parent: "15-1240" }],
]);

describe("adjacentData", () => {
  it("takes the role's first level when none is asked, and says so", () => {
    const data = adjacentData(both, "alpha", "backend", undefined);
    if ("problem" in data) throw new Error(data.problem);
    expect(data.defaulted).toBe(true);
    expect(data.level.id).toBe("a1");
    expect(data.level.code).toBe("eng.backend.a1");
    expect(data.level.reference).toMatchObject({ from: 2, to: 2, match: "exact", steps: [{ rank: 2 }] });
  });

  it("lists other role-levels of every framework, nearest first, and honours the limit", () => {
    const data = adjacentData(both, "alpha", "backend", "a2");
    if ("problem" in data) throw new Error(data.problem);
    expect(data.defaulted).toBe(false);
    const totals = data.adjacent.map((a) => a.distance.total);
    expect(totals).toEqual([...totals].sort((x, y) => x - y));
    expect(data.adjacent.some((a) => a.target.framework === "beta")).toBe(true);
    expect(data.adjacent.some((a) => a.target.role === "backend" && a.target.level === "a2")).toBe(false);
    const two = adjacentData(both, "alpha", "backend", "a2", 2);
    if ("problem" in two) throw new Error(two.problem);
    expect(two.adjacent).toHaveLength(2);
    expect(two.compared).toBe(data.compared);
  });

  it("names what is unknown: role, or a level the role does not span (with those it does)", () => {
    expect(adjacentData(both, "alpha", "nope", undefined)).toEqual({ problem: "role", role: "nope" });
    expect(adjacentData(both, "alpha", "backend", "a3")).toEqual({
      problem: "level",
      level: "a3",
      levels: ["a1", "a2"],
    });
    expect(adjacentData(both, "gamma", "backend", undefined)).toEqual({
      problem: "framework",
      framework: "gamma",
    });
  });
});

describe("compareAcrossLevelsData", () => {
  it("pairs dimensions by aspect, then by name, with word diffs, and keeps the rest apart", () => {
    const data = compareAcrossLevelsData(both, "alpha", "a1", "beta", "b2");
    if ("unknown" in data) throw new Error(data.unknown.join());
    expect(data.sameFramework).toBe(false);
    const scope = data.dimensions.find((d) => d.aspect === "scope");
    expect(scope?.name).toBe("Scope / Reach");
    expect(scope?.dimensionB).toEqual({ id: "reach", name: "Reach" });
    expect(scope?.diff?.some((p) => p.op === "add" && p.text.includes("product"))).toBe(true);
    const craft = data.dimensions.find((d) => d.dimensionA.id === "craft");
    expect(craft?.name).toBe("Craft");
    expect(craft?.aspect).toBeUndefined();
    expect(data.unpaired.a.map((d) => d.id)).toEqual(["autonomy"]);
    expect(data.unpaired.b.map((d) => d.id)).toEqual(["other"]);
    // across frameworks: each side's expectations under its own areas, no competency rows
    expect(data.competencies).toBeUndefined();
    expect(data.expectations?.a.map((a) => a.id)).toEqual(["build"]);
    expect(data.expectations?.b.map((a) => a.id)).toEqual(["impact"]);
  });

  it("reads the reference scale: overlap, gap above or below, or not comparable", () => {
    const over = compareAcrossLevelsData(both, "alpha", "a2", "beta", "b2");
    if ("unknown" in over) throw new Error();
    expect(over.reference).toMatchObject({ comparable: true, overlap: true, gap: 0, distance: 0 });
    expect(over.b.reference).toMatchObject({ from: 4, to: 5, match: "broad" });
    const up = compareAcrossLevelsData(both, "alpha", "a1", "beta", "b2");
    if ("unknown" in up) throw new Error();
    expect(up.reference).toMatchObject({ overlap: false, gap: 2, distance: 0.5 });
    const down = compareAcrossLevelsData(both, "beta", "b2", "alpha", "a1");
    if ("unknown" in down) throw new Error();
    expect(down.reference.gap).toBe(-2);
    const none = compareAcrossLevelsData(both, "alpha", "a3", "beta", "b1");
    if ("unknown" in none) throw new Error();
    expect(none.reference.comparable).toBe(false);
    expect(none.a.reference).toBeUndefined();
  });

  it("within one framework compares competency by competency", () => {
    const data = compareAcrossLevelsData(both, "alpha", "a1", "alpha", "a2");
    if ("unknown" in data) throw new Error();
    expect(data.sameFramework).toBe(true);
    expect(data.expectations).toBeUndefined();
    expect(data.competencies?.[0]?.competencies[0]?.diff).toBeDefined();
    expect(data.dimensions.map((d) => d.id)).toEqual(["scope", "autonomy", "craft"]);
  });

  it("reports unknown frameworks and levels", () => {
    expect(compareAcrossLevelsData(both, "alpha", "zz", "gamma", "b1")).toEqual({
      unknown: ["alpha/zz", "gamma"],
    });
  });
});

describe("compareRoleLevelsData", () => {
  it("shows skills shared and apart the way the content distance counts them, codes, and the distance", () => {
    const data = compareRoleLevelsData(
      both,
      { framework: "alpha", role: "backend", level: "a2" },
      { framework: "alpha", role: "sre", level: "a2" },
      (scheme, code) => (scheme === "soc-2018" ? catalog.get(code)?.title : undefined),
    );
    if ("unknown" in data) throw new Error();
    expect(data.skills.shared.map((s) => s.name)).toEqual(["SQL & data"]);
    expect(data.skills.onlyA.map((s) => s.name)).toEqual(["APIs"]);
    expect(data.skills.onlyB.map((s) => s.name)).toEqual(["Linux"]);
    expect(data.a.code).toBe("eng.backend.a2");
    expect(data.b.family).toEqual({
      id: "sre",
      name: "Reliability",
      parent: { id: "eng", name: "Engineering" },
    });
    expect(data.a.responsibilities).toEqual(["Designs services"]);
    expect(data.classifications.onlyB[0]).toMatchObject({ code: "15-1244", title: "Network Administrators" });
    expect(data.sameFramework && !data.sameRole && !data.sameFamily).toBe(true);
    expect(data.distance?.level).toBe(0);
    expect(data.distance?.content).toBeCloseTo(2 / 3);
    expect(data.band).toBeDefined();
  });

  it("has no distance when the levels cannot be compared", () => {
    const data = compareRoleLevelsData(
      both,
      { framework: "alpha", role: "sre", level: "a3" },
      { framework: "beta", role: "backend-dev", level: "b1" },
    );
    if ("unknown" in data) throw new Error();
    expect(data.distance).toBeUndefined();
    expect(data.band).toBeUndefined();
  });

  it("reports a role that does not span the level as unknown", () => {
    expect(
      compareRoleLevelsData(
        both,
        { framework: "alpha", role: "backend", level: "a3" },
        { framework: "beta", role: "nope", level: "b1" },
      ),
    ).toEqual({ unknown: ["alpha/backend/a3", "beta/nope"] });
  });
});

describe("equivalence", () => {
  it("gives every step, each framework's levels in order, and the unplaced levels by name", () => {
    const data = equivalenceData(both);
    expect(data.rows).toHaveLength(12);
    expect(data.frameworks.map((f) => [f.id, f.levels.map((l) => l.label)])).toEqual([
      ["alpha", ["A1", "A2", "A3"]],
      ["beta", ["Engineer", "Lead Engineer"]],
    ]);
    const step4 = data.rows.find((r) => r.rank === 4);
    expect(step4?.cells.alpha?.map((c) => c.level)).toEqual(["a2"]);
    expect(step4?.cells.beta?.map((c) => c.level)).toEqual(["b2"]);
    expect(data.rows.find((r) => r.rank === 5)?.cells.beta?.map((c) => c.level)).toEqual(["b2"]);
    expect(data.unplaced).toEqual([
      { framework: { id: "alpha", name: "Alpha Ladder" }, levels: [expect.objectContaining({ id: "a3" })] },
    ]);
    expect(equivalentLevels(both, "alpha", "a2").map((c) => c.level)).toEqual(["b2"]);
    expect(equivalentLevels(both, "alpha", "a3")).toEqual([]);
  });
});

describe("occupation codes", () => {
  it("lists every code by scheme (known schemes first), each once, with titles and role counts", () => {
    const data = occupationsData(both, catalog);
    expect(data.schemes.map((s) => s.scheme)).toEqual(["soc-2018", "onet-soc-2019", "isco-08"]);
    expect(data.schemes[0]?.codes).toEqual([
      {
        scheme: "soc-2018",
        schemeName: "SOC 2018",
        code: "15-1244",
        title: "Network Administrators",
        roles: 1,
      },
      { scheme: "soc-2018", schemeName: "SOC 2018", code: "15-1252", title: "Software Developers", roles: 2 },
    ]);
    expect(data.schemes[2]?.codes[0]).toEqual({
      scheme: "isco-08",
      schemeName: "ISCO-08",
      code: "2512",
      roles: 1,
    });
  });

  it("places a SOC code under its groups and lists the roles mapped to it with their match", () => {
    const data = occupationData(both, catalog, "soc-2018", "15-1252");
    expect(data?.title).toBe("Software Developers");
    expect(data?.hierarchy.map((h) => [h.group, h.code])).toEqual([
      ["major", "15-0000"],
      ["minor", "15-1200"],
      ["broad", "15-1250"],
    ]);
    expect(data?.roles.map((r) => [r.framework.id, r.role.id, r.match, r.note])).toEqual([
      ["alpha", "backend", "broad", undefined],
      ["beta", "backend-dev", "close", "Mostly."],
    ]);
    const onet = occupationData(both, catalog, "onet-soc-2019", "15-1252.00");
    expect(onet?.hierarchy.at(-1)).toEqual({
      group: "detailed",
      code: "15-1252",
      title: "Software Developers",
    });
    expect(onet?.roles[0]?.match).toBe("unknown");
  });

  it("follows the parents of a scheme loaded as a list, and knows no code that no role uses", () => {
    const withList: OccupationCatalog = Object.assign(new Map(catalog), {
      schemes: new Map([
        [
          "isco-08",
          new Map([
            ["2", { code: "2", title: "Professionals" }],
            ["25", { code: "25", title: "ICT professionals", parent: "2" }],
            ["2512", { code: "2512", title: "Software developers", parent: "25" }],
          ]),
        ],
      ]),
    });
    const data = occupationData(both, withList, "isco-08", "2512");
    expect(data?.title).toBe("Software developers");
    expect(data?.hierarchy.map((h) => h.code)).toEqual(["2", "25"]);
    expect(occupationData(both, catalog, "soc-2018", "15-1211")).toBeUndefined();
  });
});

describe("rolesByTitle", () => {
  it("matches names and aliases ignoring case and spaces, in every framework", () => {
    expect(titleKey("  Server \t engineer ")).toBe("serverengineer");
    expect(rolesByTitle(both, "server engineer").map((m) => [m.role.id, m.via, m.matched])).toEqual([
      ["backend", "alias", "Server  Engineer"],
    ]);
    expect(rolesByTitle(both, "BACKEND DEVELOPER").map((m) => [m.framework.id, m.role.id, m.via])).toEqual([
      ["beta", "backend-dev", "name"],
    ]);
    expect(rolesByTitle(both, "backend engineer")[0]?.family).toEqual({ id: "eng", name: "Engineering" });
    expect(rolesByTitle(both, "Backend")).toEqual([]);
    expect(rolesByTitle(both, "   ")).toEqual([]);
  });
});
