/**
 * One fixture per seed shape (test/fixtures/shapes/): each must load without a single diagnostic, and every
 * section of its shape must come out of loading with the values written in the fixture.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectationDetail, type FrameworkIndex, indexFramework } from "../src/core/model.js";
import type { Dimension, Level } from "../src/core/schema.js";
import { nodeFileSystem } from "../src/load/fs-port.js";
import { type CheckResult, checkFramework } from "../src/load/load-framework.js";
import { loadOccupations } from "../src/load/occupations.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/shapes/${name}`, import.meta.url));

interface Loaded {
  result: CheckResult;
  index: FrameworkIndex;
}

async function load(path: string): Promise<Loaded> {
  const occupations = await loadOccupations(nodeFileSystem);
  const result = await checkFramework(path, nodeFileSystem, { occupations });
  if (!result.framework) throw new Error(`${path} did not load`);
  return { result, index: indexFramework(result.framework) };
}

function level(index: FrameworkIndex, id: string): Level {
  const found = index.levels.get(id);
  if (!found) throw new Error(`no level ${id}`);
  return found;
}

function role(index: FrameworkIndex, id: string) {
  const found = index.roles.get(id);
  if (!found) throw new Error(`no role ${id}`);
  return found;
}

/** The one dimension with this aspect and kind (kind defaults to dimension). */
function bar(index: FrameworkIndex, aspect: Dimension["aspect"], kind: "dimension" | "rubric"): Dimension {
  const matches = [...index.dimensions.values()].filter(
    (d) => d.aspect === aspect && (d.kind ?? "dimension") === kind,
  );
  expect(matches).toHaveLength(1);
  return matches[0] as Dimension;
}

/** Levels reached from `start` by following the only successor at each step. */
function chain(index: FrameworkIndex, start: string): string[] {
  const out = [start];
  for (let next = index.successors.get(start) ?? []; next.length === 1; ) {
    const id = next[0] as string;
    out.push(id);
    next = index.successors.get(id) ?? [];
  }
  return out;
}

const P_LEVELS = ["p1", "p2", "p3", "p4", "p5", "p6"];

describe("shape: role profile (seed 000)", async () => {
  const { result, index } = await load(fixture("role-profile"));

  it("loads with no errors and no warnings", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });
  const fw = index.framework;
  const profile = role(index, "data-platform-engineer");

  it("keeps the family, with its parent family", () => {
    expect(profile.family).toBe("data-analytics");
    expect(fw.families).toEqual([
      {
        id: "technology",
        name: "Technology roles",
        description: "Every role that builds or runs the company's technology.",
      },
      {
        id: "data-analytics",
        name: "Data & analytics roles",
        parent: "technology",
        description: "Roles that collect, move, model and explain the company's data.",
      },
    ]);
  });

  it("keeps the role's code, summary, tracks and levels", () => {
    expect(profile.name).toBe("Data Platform Engineer");
    expect(profile.code).toBe("TEC.DAT.DPE");
    expect(profile.summary).toMatch(
      /^Builds and runs the shared platform that moves shipment, warehouse and fleet data/,
    );
    expect(profile.summary).toContain("this role owns ingestion, storage, orchestration and data quality");
    expect(profile.tracks).toEqual(["professional"]);
    expect(profile.levels).toEqual(P_LEVELS);
  });

  it("keeps responsibilities at every level of the P scheme", () => {
    const responsibilities = profile.responsibilities ?? {};
    expect(Object.keys(responsibilities)).toEqual(P_LEVELS);
    expect(Object.fromEntries(P_LEVELS.map((id) => [id, responsibilities[id]?.length]))).toEqual({
      p1: 2,
      p2: 3,
      p3: 3,
      p4: 4,
      p5: 3,
      p6: 3,
    });
    expect(responsibilities.p1?.[1]).toBe(
      "Runs the daily data-quality checks and reports failures to the on-call engineer.",
    );
    expect(responsibilities.p4?.[0]).toBe(
      "Leads multi-team projects such as moving warehouse loads from nightly batches to streaming.",
    );
    expect(responsibilities.p6?.[2]).toBe(
      "Represents the company's data engineering practice externally and brings back what is worth adopting.",
    );
  });

  it("keeps the level codes and the short level descriptor", () => {
    expect(P_LEVELS.map((id) => level(index, id).codes?.band)).toEqual(["P1", "P2", "P3", "P4", "P5", "P6"]);
    const p4 = level(index, "p4");
    expect(p4.name).toBe("Advanced");
    expect(p4.title).toBe("Advanced Professional");
    expect(p4.summary).toBe(
      "Trusted with the hardest work in their area; sometimes leads a small project team.",
    );
    expect(fw.codeSchemes?.map((s) => s.id)).toEqual(["band"]);
  });

  it("keeps the rubric columns and fills them at every level", () => {
    const rubric = (fw.dimensions ?? []).filter((d) => d.kind === "rubric");
    expect(rubric.map((d) => [d.id, d.name, d.aspect])).toEqual([
      ["knowledge-application", "Knowledge & application", "knowledge"],
      ["problem-solving", "Complexity & problem solving", "complexity"],
      ["collaboration-interaction", "Collaboration & interaction", "collaboration"],
      ["degree-years", "Typical degree & years", "experience"],
    ]);
    for (const id of P_LEVELS) {
      for (const column of rubric)
        expect(level(index, id).dimensions?.[column.id]?.length).toBeGreaterThan(20);
    }
    expect(level(index, "p1").dimensions?.["degree-years"]).toBe(
      "Up to 1 year; a graduate, apprentice or career changer.",
    );
    expect(level(index, "p4").dimensions?.["problem-solving"]).toBe(
      "Takes on problems where cost, latency and correctness pull in different directions, and makes the trade-off explicit for others.",
    );
    expect(level(index, "p6").dimensions?.["collaboration-interaction"]).toBe(
      "Works directly with executives and coaches the company's other experts; speaks for its data practice at industry events.",
    );
  });

  it("keeps the level dimensions (scope, autonomy, complexity, impact, decision rights, leadership, experience)", () => {
    const dims = (fw.dimensions ?? []).filter((d) => (d.kind ?? "dimension") === "dimension");
    expect(dims.map((d) => d.aspect)).toEqual([
      "scope",
      "autonomy",
      "complexity",
      "impact",
      "decision-rights",
      "leadership",
      "experience",
    ]);
    const p4 = level(index, "p4").dimensions ?? {};
    expect(Object.fromEntries(dims.map((d) => [d.id, p4[d.id]]))).toEqual({
      scope: "The ingestion platform, or several related data products",
      autonomy: "Sets own plan; a senior reviewer joins at major choices",
      complexity: "Unclear problems with no ready-made fix",
      impact: "Results of every team that uses the platform",
      "decision-rights":
        "Makes the final technical call for their platform; has a say in designs that touch it",
      leadership: "Runs time-boxed projects with a few engineers; mentors three or four",
      "typical-experience": "6–9 yrs",
    });
    for (const id of P_LEVELS) expect(Object.keys(level(index, id).dimensions ?? {})).toHaveLength(11);
  });

  it("keeps skills with their descriptions", () => {
    expect(profile.skills?.map((s) => s.name)).toEqual([
      "Data modelling",
      "Stream processing",
      "Orchestration",
      "Data quality",
      "Stakeholder negotiation",
      "Mentoring",
    ]);
    expect(profile.skills?.[3]).toEqual({
      name: "Data quality",
      description: "Detects missing, late or wrong data before the people who use it do.",
    });
    for (const skill of profile.skills ?? []) expect(skill.description?.length).toBeGreaterThan(20);
  });

  it("keeps title aliases", () => {
    expect(profile.aliases).toEqual([
      "Data Infrastructure Engineer",
      "Big Data Engineer",
      "Data Pipeline Engineer",
    ]);
  });

  it("keeps classification mappings with scheme, code, match and note", () => {
    expect(profile.classifications).toEqual([
      {
        scheme: "soc-2018",
        code: "15-1243",
        match: "close",
        note: "Database Architects; the nearest detailed occupation for platform-level data work.",
      },
      { scheme: "soc-2018", code: "15-1252", match: "broad" },
      {
        scheme: "onet-soc-2019",
        code: "15-1243.01",
        match: "related",
        note: "Data Warehousing Specialists.",
      },
    ]);
  });

  it("keeps related roles, and they resolve", () => {
    expect(profile.related).toEqual(["analytics-engineer", "ml-platform-engineer"]);
    expect(role(index, "analytics-engineer").family).toBe("data-analytics");
    expect(role(index, "ml-platform-engineer").family).toBe("technology");
    expect(role(index, "analytics-engineer").related).toEqual(["data-platform-engineer"]);
  });

  it("keeps provenance: sources with review scores and a pass mark", () => {
    expect(profile.sources).toEqual(["harrowgate-arch", "soc-manual"]);
    for (const id of P_LEVELS) expect(level(index, id).sources).toEqual(["harrowgate-arch"]);
    const arch = index.sources.get("harrowgate-arch");
    expect(arch?.review).toEqual({
      scores: { accuracy: 4, completeness: 4, clarity: 5, sourcing: 4 },
      passMark: 4,
      reviewer: "Job architecture review panel",
      date: "2026-02-02",
    });
    const soc = index.sources.get("soc-manual");
    expect(soc?.url).toBe("https://www.bls.gov/soc/2018/");
    expect(soc?.review?.scores).toEqual({ accuracy: 5, completeness: 4, clarity: 4, sourcing: 5 });
    // Passing is judged on the weakest dimension.
    const passes = (id: string) => {
      const review = index.sources.get(id)?.review;
      return review ? Math.min(...Object.values(review.scores)) >= (review.passMark ?? 0) : undefined;
    };
    expect(passes("harrowgate-arch")).toBe(true);
    expect(passes("soc-manual")).toBe(true);
  });
});

describe("shape: goal-template source (seed 001)", async () => {
  const { result, index } = await load(fixture("goal-source"));

  it("loads with no errors and no warnings", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });
  const p4 = level(index, "p4");
  const mobile = role(index, "mobile-engineer");

  it("has what the mandate line names: family, role, level code and title", () => {
    expect(index.framework.families?.find((f) => f.id === mobile.family)?.name).toBe("Software engineering");
    expect(mobile.name).toBe("Mobile Engineer");
    expect(mobile.code).toBe("SWE.MOB");
    expect(p4.codes).toEqual({ band: "P4" });
    expect(p4.title).toBe("Advanced Professional");
  });

  it("keeps the responsibilities each SMART goal and objective is built from", () => {
    expect(mobile.levels).toEqual(["p4"]);
    const lines = mobile.responsibilities?.p4 ?? [];
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      "Cuts the app's cold-start time by finding and removing the slowest startup work on both platforms.",
    );
  });

  it("finds each bar a goal template quotes by aspect and kind, with this level's value", () => {
    const quote = (aspect: Dimension["aspect"], kind: "dimension" | "rubric") =>
      p4.dimensions?.[bar(index, aspect, kind).id];
    expect(quote("complexity", "rubric")).toBe(
      "Splits problems with many moving parts, such as offline sync, into pieces and lays out the trade-offs so others can decide.",
    );
    expect(quote("knowledge", "rubric")).toBe(
      "Brings in-depth knowledge of both mobile platforms to work that affects several teams.",
    );
    expect(quote("scope", "dimension")).toBe("The booking flow across iOS and Android");
    expect(quote("autonomy", "dimension")).toBe("Plans their own work; a lead reviews the big calls");
    expect(quote("complexity", "dimension")).toBe(
      "Problems with no known fix, such as crashes on only a few device models",
    );
    expect(quote("impact", "dimension")).toBe("Outcomes for several product teams");
    expect(quote("decision-rights", "dimension")).toBe(
      "Makes the final call on how the app's booking flow is built; consulted on the screens around it",
    );
    expect(quote("leadership", "dimension")).toBe(
      "Leads two- or three-person efforts; mentors several engineers",
    );
  });

  it("names a source for every quoted line", () => {
    expect(p4.sources).toEqual(["fenwick-levels"]);
    expect(mobile.sources).toEqual(["fenwick-roles"]);
    expect(index.sources.get("fenwick-levels")?.title).toBe("Fenwick level guide");
    expect(index.sources.get("fenwick-roles")?.title).toBe("Fenwick mobile role profile");
  });
});

describe("shape: level page (seed 002)", async () => {
  const { result, index } = await load(fixture("level-page"));

  it("loads with no errors and no warnings", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });
  const fw = index.framework;
  const l4 = level(index, "l4");

  it("keeps the title, code, summary and responsibilities", () => {
    expect(l4.title).toBe("Senior Site Reliability Engineer");
    expect(l4.codes).toEqual({ level: "L4" });
    expect(l4.summary).toMatch(/^A senior SRE is the person a team turns to/);
    expect(l4.responsibilities).toHaveLength(6);
    expect(l4.responsibilities?.[2]).toBe(
      "Acts as incident commander for outages that cross team boundaries.",
    );
  });

  it("keeps the three rating bands, lowest first", () => {
    expect(fw.ratingScale).toEqual([
      { id: "needs-improvement", name: "Needs improvement" },
      { id: "meets", name: "Meets expectations" },
      { id: "exceeds", name: "Exceeds expectations" },
    ]);
  });

  it("keeps a text per rating band for every capability", () => {
    const bands = (fw.ratingScale ?? []).map((b) => b.id);
    const competencies = fw.areas?.[0]?.competencies ?? [];
    expect(competencies.map((c) => c.id)).toEqual([
      "reliability-engineering",
      "incident-leadership",
      "capacity-and-cost",
      "collaboration",
      "mentoring",
    ]);
    for (const competency of competencies) {
      const ratings = expectationDetail(competency.expectations.l4)?.ratings ?? {};
      expect(Object.keys(ratings)).toEqual(bands);
      for (const text of Object.values(ratings)) expect(text.length).toBeGreaterThan(30);
    }
    expect(
      expectationDetail(index.competencies.get("incident-leadership")?.competency.expectations.l4)?.ratings,
    ).toEqual({
      "needs-improvement":
        "Joins incidents but waits for someone else to take command; reviews arrive late or assign blame.",
      meets:
        "Commands incidents that cross teams, restores service quickly and runs blameless reviews whose actions get done.",
      exceeds:
        "Raises the incident practice of the whole organisation, training new commanders and improving the process itself.",
    });
  });

  it("keeps the strong-performer list", () => {
    const strong = l4.guidance?.[0];
    expect(strong?.title).toBe("What a strong L4 SRE looks like");
    expect(strong?.text).toBe("Signs you are working with a strong L4 SRE:");
    expect(strong?.items).toHaveLength(7);
    expect(strong?.items?.[3]).toBe(
      "Deletes more alerts than they add, and every alert they keep needs a response.",
    );
  });

  it("keeps the managing section with its text and sub-sections", () => {
    expect(l4.guidance).toHaveLength(2);
    const managing = l4.guidance?.[1];
    expect(managing?.title).toBe("Managing L4 Site Reliability Engineers");
    expect(managing?.text).toMatch(/^The aim is to widen a senior SRE's reach/);
    expect(managing?.sections?.map((s) => [s.title, s.items?.length])).toEqual([
      ["Key approaches", 4],
      ["Development focus", 4],
      ["Measuring progress", 4],
      ["Pitfalls to avoid", 4],
    ]);
    expect(managing?.sections?.[0]?.items?.[0]).toBe(
      "Give them authority to block a launch that fails its reliability review.",
    );
    expect(managing?.sections?.[3]?.items?.[1]).toBe(
      "Measuring them by tickets closed rather than risk removed.",
    );
  });
});

const TRUNK = ["intern", "junior", "mid", "senior", "lead"];

describe("shape: forked ladder (seed 003), split across files", async () => {
  const { result, index } = await load(fixture("forked-ladder"));

  it("loads with no errors and no warnings", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });
  const fw = index.framework;
  const fileOf = (value: object) => result.locator.locate(value).file.replace(/^.*forked-ladder\//, "");

  it("merges the root, levels/ and areas/ files", () => {
    expect(result.files.map((f) => f.file.replace(/^.*forked-ladder\//, ""))).toEqual([
      "areas/1-bring-up.yaml",
      "areas/2-field-release.yaml",
      "areas/3-every-stage.yaml",
      "framework.yaml",
      "levels/1-trunk.yaml",
      "levels/2-ic.yaml",
      "levels/3-management.yaml",
      "levels/4-apex.yaml",
    ]);
    expect(fw.tracks.map((t) => [t.id, t.kind])).toEqual([
      ["trunk", "trunk"],
      ["ic", "ic"],
      ["management", "management"],
      ["apex", "apex"],
    ]);
    expect(index.levels.size).toBe(10);
    expect(fileOf(level(index, "staff"))).toBe("levels/2-ic.yaml");
    expect(fileOf(level(index, "cto"))).toBe("levels/4-apex.yaml");
    expect(fileOf(index.areas.get("field-release") as object)).toBe("areas/2-field-release.yaml");
  });

  it("climbs one trunk, forks at lead into two tracks, and both reach the cto", () => {
    expect(chain(index, "intern").slice(0, 5)).toEqual(TRUNK);
    expect(index.predecessors.get("intern")).toEqual([]);
    for (const id of TRUNK) expect(level(index, id).track).toBe("trunk");
    const forks = [...(index.successors.get("lead") ?? [])].sort();
    expect(forks).toEqual(["manager", "staff"]);
    expect(forks.map((id) => level(index, id).track)).toEqual(["management", "ic"]);
    expect(chain(index, "staff")).toEqual(["staff", "principal", "cto"]);
    expect(chain(index, "manager")).toEqual(["manager", "director", "cto"]);
    expect([...(index.predecessors.get("cto") ?? [])].sort()).toEqual(["director", "principal"]);
    expect(level(index, "cto").track).toBe("apex");
    expect(index.successors.get("cto")).toEqual([]);
  });

  it("keeps the level table: track, unit of leverage and summary", () => {
    const table = Object.fromEntries(
      index.levelOrder.map((id) => [id, [level(index, id).track, level(index, id).leverage]]),
    );
    expect(table).toEqual({
      intern: ["trunk", "One change on a working board"],
      junior: ["trunk", "A feature on one board"],
      mid: ["trunk", "A field fault"],
      senior: ["trunk", "A product goal"],
      lead: ["trunk", "One team's releases"],
      staff: ["ic", "A platform shared by teams"],
      principal: ["ic", "One domain across all products"],
      manager: ["management", "The people on one team"],
      director: ["management", "A group of teams"],
      cto: ["apex", "Everything Kestrel ships"],
    });
    for (const id of index.levelOrder) expect(level(index, id).summary?.length).toBeGreaterThan(30);
    expect(level(index, "mid").summary).toBe(
      "Starts from a field complaint and ends with a reproduced cause and a reviewed fix plan.",
    );
  });

  it("keeps the stage matrices: competencies as columns, a takeaway per level, a note above", () => {
    expect(fw.areas?.map((a) => [a.id, a.kind, a.competencies.map((c) => c.id)])).toEqual([
      ["bring-up", "stage", ["reading-hardware", "debugging-on-target"]],
      ["field-release", "stage", ["release-readiness", "field-telemetry"]],
      ["every-stage", "theme", ["communication"]],
    ]);
    for (const area of fw.areas ?? []) {
      expect(area.levels).toEqual(TRUNK);
      expect(Object.keys(area.takeaways ?? {})).toEqual(TRUNK);
      expect(area.note).toMatch(/^Above Lead, /);
      for (const competency of area.competencies) {
        expect(competency.description?.length).toBeGreaterThan(20);
        expect(Object.keys(competency.expectations)).toEqual(TRUNK);
      }
    }
    const bringUp = index.areas.get("bring-up");
    expect(bringUp?.takeaways?.mid).toBe("Brings up a board revision on their own.");
    expect(bringUp?.note).toBe(
      "Above Lead, this stage becomes choosing which hardware platforms the company standardises on.",
    );
    expect(index.areas.get("field-release")?.takeaways?.lead).toBe(
      "Every release the team ships can be rolled back.",
    );
    expect(index.competencies.get("field-telemetry")?.competency.expectations.mid).toBe(
      "Stops a rollout as soon as reset counts climb, then finds out why.",
    );
  });

  it("keeps a narrative for every level and how to reach the next, per branch at the fork", () => {
    for (const id of index.levelOrder) expect(level(index, id).narrative?.length).toBeGreaterThan(40);
    for (const id of index.levelOrder) {
      const reachNext = level(index, id).reachNext;
      if (id === "cto") expect(reachNext).toBeUndefined();
      else if (id === "lead") expect(typeof reachNext).toBe("object");
      else expect(typeof reachNext).toBe("string");
    }
    const fork = level(index, "lead").reachNext as Record<string, string>;
    expect(Object.keys(fork)).toEqual(["staff", "manager"]);
    expect(fork.staff).toMatch(/^Pick the Staff path if what pulls you is hard technical problems/);
    expect(fork.manager).toMatch(/^Pick the Manager path if what pulls you is helping people grow/);
    expect(level(index, "junior").reachNext).toMatch(/^Volunteer for the next unexplained field report/);
  });
});

const S_LEVELS = ["s1", "s2", "s3", "s4", "s5", "s6", "s7"];

describe("shape: leveled matrix (seed 004)", async () => {
  const { result, index } = await load(fixture("leveled-matrix"));

  it("loads with no errors and no warnings", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });
  const fw = index.framework;

  it("has seven numbered levels on one track", () => {
    expect(index.levelOrder).toEqual(S_LEVELS);
    expect(S_LEVELS.map((id) => level(index, id).codes?.level)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(fw.tracks).toHaveLength(1);
  });

  it("has an expectation for every competency at every level", () => {
    expect(fw.areas?.map((a) => [a.id, a.competencies.map((c) => c.id)])).toEqual([
      ["practice", ["threat-modeling", "vulnerability-management"]],
      ["influence", ["enablement", "risk-communication"]],
    ]);
    let cells = 0;
    for (const { competency } of index.competencies.values()) {
      for (const id of S_LEVELS) {
        expect(expectationDetail(competency.expectations[id])?.statement?.length).toBeGreaterThan(30);
        cells++;
      }
    }
    expect(cells).toBe(28);
    expect(index.competencies.get("vulnerability-management")?.competency.expectations.s3).toBe(
      "Runs vulnerability response for a product, meeting the agreed fix times.",
    );
  });

  it("keeps the elaborations, and examples, on the cells that have them", () => {
    const elaborated: string[] = [];
    for (const { competency } of index.competencies.values()) {
      for (const id of S_LEVELS) {
        const elaboration = expectationDetail(competency.expectations[id])?.elaboration;
        if (elaboration) {
          expect(elaboration.length).toBeGreaterThan(150);
          elaborated.push(`${competency.id}@${id}`);
        }
      }
    }
    expect(elaborated).toEqual([
      "threat-modeling@s4",
      "threat-modeling@s5",
      "enablement@s6",
      "risk-communication@s7",
    ]);
    const s6 = expectationDetail(index.competencies.get("enablement")?.competency.expectations.s6);
    expect(s6?.elaboration).toMatch(
      /^Level 5 grows a network of people; level 6 changes the paved road itself\./,
    );
    expect(s6?.examples).toEqual([
      "Making the service template refuse to deploy without an owner and a data classification.",
    ]);
  });
});

describe("example: product-matrix (seed 004 at full size)", async () => {
  const { result, index } = await load(fileURLToPath(new URL("../examples/product-matrix", import.meta.url)));

  it("loads with no errors and no warnings", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });
  const levels = ["l1", "l2", "l3", "l4", "l5", "l6", "l7"];

  it("is one track of seven levels coded L1–L7, each with a name and summary", () => {
    expect(index.framework.tracks.map((t) => t.id)).toEqual(["ladder"]);
    expect(index.levelOrder).toEqual(levels);
    expect(levels.map((id) => level(index, id).codes)).toEqual(
      levels.map((_, i) => ({ level: `L${i + 1}` })),
    );
    for (const id of levels) expect(level(index, id).summary?.length).toBeGreaterThan(30);
    expect(index.framework.dimensions).toBeUndefined();
    expect(index.framework.roles).toBeUndefined();
    expect(index.framework.ratingScale).toBeUndefined();
  });

  it("is 4 areas × 16 competencies × 7 levels, with elaborations on some cells", () => {
    expect(index.areas.size).toBe(4);
    for (const area of index.areas.values()) expect(area.competencies).toHaveLength(4);
    let elaborations = 0;
    for (const { competency } of index.competencies.values()) {
      expect(Object.keys(competency.expectations)).toEqual(levels);
      for (const id of levels) {
        const detail = expectationDetail(competency.expectations[id]);
        expect(detail?.statement?.length).toBeGreaterThan(30);
        if (detail?.elaboration) elaborations++;
      }
    }
    expect(index.competencies.size).toBe(16);
    expect(elaborations).toBeGreaterThanOrEqual(6);
  });
});
