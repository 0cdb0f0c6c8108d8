import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import {
  type Goal,
  type GoalDocument,
  type GoalLine,
  goalsForLevel,
  goalsForRoleLevel,
  goalsFromAssessment,
  resolveSource,
  type SourceRef,
  segmentsText,
  sourceLabel,
} from "./goals.js";
import { goalsJson, goalsMarkdown, goalsText } from "./goals-render.js";
import { type FrameworkIndex, indexFramework } from "./model.js";
import type { Framework } from "./schema.js";

const root = new URL("../../", import.meta.url).pathname;
const frameworks: Record<string, Framework> = {};

async function load(name: string): Promise<Framework> {
  const loaded = await loadFramework(`${root}examples/${name}`, nodeFileSystem);
  if (!loaded.framework) throw new Error(`cannot load ${name}`);
  return loaded.framework;
}

beforeAll(async () => {
  for (const name of ["engineering", "product-matrix"]) frameworks[name] = await load(name);
});

/** A deep copy of an example to edit before indexing. */
function copy(name: string): Framework {
  return structuredClone(frameworks[name] as Framework);
}

function engineering(edit?: (fw: Framework) => void): FrameworkIndex {
  const fw = copy("engineering");
  edit?.(fw);
  return indexFramework(fw);
}

const allGoals = (doc: GoalDocument): Goal[] => doc.sections.flatMap((s) => s.groups.flatMap((g) => g.goals));

const mentions = (refs: SourceRef[], dimension: string) =>
  refs.some(
    (r) => (r.kind === "level-dimension" || r.kind === "dimension-name") && r.dimension === dimension,
  );

/**
 * The document without the lines (and scorecard rows) that cite `dimension`, as plain data. Removing the
 * dimension from the framework must give exactly this document.
 */
function without(doc: GoalDocument, drop: (refs: SourceRef[], line?: GoalLine) => boolean): unknown {
  return {
    ...doc,
    sections: doc.sections.map((section) => ({
      ...section,
      groups: section.groups
        .map((group) => ({
          ...group,
          goals: group.goals
            .filter((goal) => !drop(goal.sources))
            .map((goal) => ({ ...goal, lines: goal.lines.filter((l) => !drop(l.sources, l)) })),
        }))
        .filter((group) => group.goals.length > 0 || section.kind !== "scorecard"),
    })),
  };
}

describe("goal templates for a role at a level", () => {
  it("one SMART goal, one objective, one MBO area and one process row per responsibility, in order", () => {
    const index = engineering();
    const doc = goalsForRoleLevel(index, "backend-engineer", "senior");
    const responsibilities = index.roles.get("backend-engineer")?.responsibilities?.senior ?? [];
    expect(responsibilities).toHaveLength(4);
    expect(doc.sections.map((s) => s.kind)).toEqual(["smart", "okr", "mbo", "scorecard"]);
    for (const section of doc.sections.slice(0, 3)) {
      const goals = section.groups[0]?.goals ?? [];
      expect(goals.map((g) => segmentsText(g.title))).toEqual(responsibilities);
      expect(goals.map((g) => g.sources)).toEqual(
        responsibilities.map((_, i) => [
          { kind: "role-responsibility", role: "backend-engineer", level: "senior", index: i },
        ]),
      );
    }
    const smart = doc.sections[0]?.groups[0]?.goals[2];
    expect(smart?.lines.map((l) => [l.label, segmentsText(l.segments)])).toEqual([
      ["Specific", `Deliver: "${responsibilities[2]}"`],
      ["Measurable", "Take the measure you agree for it from ⟨baseline⟩ to ⟨target⟩ by ⟨date⟩."],
      [
        "Achievable",
        `Within the Complexity bar at Senior: "${index.levels.get("senior")?.dimensions?.complexity}"`,
      ],
      ["Relevant", "Part of the Backend Engineer role in Software Engineering at Senior."],
      ["Time-bound", "By ⟨date⟩."],
    ]);
    expect(doc.subject).toEqual({
      type: "role-level",
      role: "backend-engineer",
      roleName: "Backend Engineer",
      family: "software-engineering",
      familyName: "Software Engineering",
      level: "senior",
      levelName: "Senior",
      // goal headers show the code beside the name (seed 001: "P4")
      levelCode: "P4",
    });
  });

  it("OKR evidence takes the level's attribute bars in turn (no rubric, no experience)", () => {
    const index = engineering((fw) => {
      const role = fw.roles?.find((r) => r.id === "backend-engineer");
      if (role?.responsibilities)
        role.responsibilities.senior = Array.from({ length: 8 }, (_, i) => `Thing ${i}.`);
    });
    const okr = goalsForRoleLevel(index, "backend-engineer", "senior", { kinds: ["okr"] });
    const bars = allGoals(okr).map((g) => g.lines[1]?.sources.find((r) => r.kind === "level-dimension"));
    expect(bars.map((r) => (r?.kind === "level-dimension" ? r.dimension : undefined))).toEqual([
      "scope",
      "autonomy",
      "complexity",
      "impact",
      "decision-rights",
      "leadership",
      "scope",
      "autonomy",
    ]);
  });

  it("the scorecard: internal process and role calibration only, bars in framework order without experience", () => {
    const doc = goalsForRoleLevel(engineering(), "backend-engineer", "senior", { kinds: ["scorecard"] });
    const section = doc.sections[0];
    expect(section?.groups.map((g) => g.title)).toEqual(["Internal process", "Role calibration"]);
    expect(section?.groups[1]?.goals.map((g) => g.id)).toEqual(
      [
        "scope",
        "autonomy",
        "complexity",
        "impact",
        "decision-rights",
        "leadership",
        "knowledge",
        "collaboration",
      ].map((d) => `scorecard-bar-${d}`),
    );
    expect(segmentsText(section?.groups[1]?.goals[0]?.title ?? [])).toMatch(
      /^Meets the Scope bar: "A multi-month/,
    );
    expect(JSON.stringify(doc)).not.toMatch(/financial perspective|customer perspective/i);
  });

  it("a role without responsibilities at the level: no goals, and the intro says so", () => {
    const index = engineering((fw) => {
      const role = fw.roles?.find((r) => r.id === "backend-engineer");
      if (role?.responsibilities) delete role.responsibilities.senior;
    });
    const doc = goalsForRoleLevel(index, "backend-engineer", "senior");
    for (const section of doc.sections.slice(0, 3)) {
      expect(section.groups).toEqual([{ goals: [] }]);
      expect(section.intro).toMatch(/lists no responsibilities for this role at this level/);
    }
    expect(doc.sections[3]?.groups.map((g) => g.title)).toEqual(["Role calibration"]);
  });

  it("refuses an unknown role or level, and a level the role does not span", () => {
    const index = engineering();
    expect(() => goalsForRoleLevel(index, "backend-engineer", "cto")).toThrow(RangeError);
    expect(() => goalsForRoleLevel(index, "nobody", "senior")).toThrow(RangeError);
    expect(() => goalsForLevel(index, "nowhere")).toThrow(RangeError);
    expect(() => goalsFromAssessment(index, { picks: {}, target: "nowhere" })).toThrow(RangeError);
  });

  it("placeholders stay marked and are filled only where values are given", () => {
    const doc = goalsForRoleLevel(engineering(), "backend-engineer", "senior", {
      kinds: ["mbo"],
      fill: { date: "2026-09-30" },
    });
    expect(doc.filled).toEqual({ date: "2026-09-30" });
    const lines = allGoals(doc)[0]?.lines ?? [];
    expect(lines.find((l) => l.label === "Due")?.segments).toEqual([{ type: "placeholder", name: "date" }]);
    expect(lines.map((l) => segmentsText(l.segments, doc.filled)).slice(1)).toEqual([
      "⟨target⟩",
      "2026-09-30",
    ]);
    expect(goalsText(doc)).toContain("Due:       2026-09-30");
    expect(goalsText(doc)).toContain("⟨baseline⟩ and ⟨target⟩ are placeholders");
  });
});

describe("goal templates for a level alone", () => {
  it("one goal per expectation at the level, in framework order, placed by area and competency", () => {
    const index = engineering();
    const doc = goalsForLevel(index, "senior", { kinds: ["smart"] });
    const goals = allGoals(doc);
    const expected = [...index.competencies.values()].filter(
      ({ competency }) => competency.expectations.senior,
    );
    expect(goals.map((g) => g.sources.find((r) => r.kind === "expectation"))).toEqual(
      expected.map(({ competency }) => ({ kind: "expectation", competency: competency.id, level: "senior" })),
    );
    expect(segmentsText(goals[0]?.lines.find((l) => l.label === "Relevant")?.segments ?? [])).toBe(
      "Part of Code & design quality (Technical craft) at Senior.",
    );
  });

  it("a cell written as criteria gives a goal per criterion it writes, each quoted with its own source", async () => {
    const loaded = await loadFramework(`${root}test/fixtures/shapes/criteria-lists`, nodeFileSystem);
    if (!loaded.framework) throw new Error("cannot load criteria-lists");
    const index = indexFramework(loaded.framework);
    const quoted = (level: string) =>
      allGoals(goalsForLevel(index, level, { kinds: ["smart"] })).map((g) =>
        g.sources.filter((r) => r.kind === "criterion" || r.kind === "expectation"),
      );
    expect(quoted("l2")).toEqual([
      [{ kind: "criterion", competency: "code-quality", level: "l2", criterion: "readable" }],
      [{ kind: "criterion", competency: "code-quality", level: "l2", criterion: "tested" }],
      [{ kind: "criterion", competency: "shipping", level: "l2", criterion: "1" }],
    ]);
    // Senior 3a carries Engineer 2's criteria forward: its goals are its own criterion only
    expect(quoted("l3a")[0]).toEqual([
      { kind: "criterion", competency: "code-quality", level: "l3a", criterion: "standards" },
    ]);
    const title = allGoals(goalsForLevel(index, "l2", { kinds: ["smart"] }))[1]?.title ?? [];
    expect(segmentsText(title)).toBe(
      "Code quality — Chooses the kind of test that catches the likely failure.",
    );
  });

  it("a framework without dimensions (product-matrix): no Achievable, evidence KR, standard or calibration", () => {
    const index = indexFramework(copy("product-matrix"));
    const doc = goalsForLevel(index, "l4");
    const labels = allGoals(doc).flatMap((g) => g.lines.map((l) => l.label));
    expect(labels).not.toContain("Achievable");
    expect(labels).not.toContain("Key result 2");
    expect(labels).not.toContain("Standard");
    expect(labels).toContain("Key result 1");
    expect(doc.sections[3]?.groups.map((g) => g.title)).toEqual(["Internal process"]);
    expect(allGoals(doc).length).toBe(16 * 4);
  });

  it("a level without expectations: no goals, and the intro says so", () => {
    const index = engineering((fw) => {
      for (const area of fw.areas ?? []) for (const c of area.competencies) delete c.expectations.senior;
    });
    const doc = goalsForLevel(index, "senior");
    expect(doc.sections[0]?.intro).toMatch(/no expectations at this level/);
    expect(allGoals(doc).every((g) => g.id.startsWith("scorecard-bar-"))).toBe(true);
  });
});

describe("personal goals from an assessment", () => {
  it("one goal per competency below the target, largest gap first, ties in framework order", () => {
    const index = engineering();
    const doc = goalsFromAssessment(index, {
      target: "staff",
      picks: {
        "code-quality": "senior",
        "system-design": "staff",
        "testing-reliability": "mid",
        planning: "lead",
        communication: "senior",
        mentoring: "manager",
        "people-management": "lead",
        hiring: "junior",
      },
    });
    expect(doc.sections.map((s) => s.kind)).toEqual(["smart"]);
    const goals = allGoals(doc);
    expect(goals.map((g) => g.sources.find((r) => r.kind === "expectation"))).toEqual(
      ["hiring", "testing-reliability", "code-quality", "communication", "planning"].map((competency) => ({
        kind: "expectation",
        competency,
        level: "staff",
      })),
    );
    expect(segmentsText(goals[0]?.lines[0]?.segments ?? [])).toMatch(
      /^Reach Staff in this competency \(now at Junior\): "/,
    );
    expect(doc.subject).toEqual({ type: "assessment", target: "staff", targetName: "Staff" });
  });

  it("nothing below the target: no goals, and the intro says so", () => {
    const doc = goalsFromAssessment(engineering(), { target: "junior", picks: { planning: "lead" } });
    expect(allGoals(doc)).toEqual([]);
    expect(doc.sections[0]?.intro).toMatch(/no personal goals/);
  });
});

describe("sources", () => {
  it("labels read as paths of ids, positions from 1", () => {
    const index = engineering();
    expect(
      sourceLabel(index, {
        kind: "role-responsibility",
        role: "backend-engineer",
        level: "senior",
        index: 2,
      }),
    ).toBe("role backend-engineer · level senior · responsibility 3");
    expect(sourceLabel(index, { kind: "level-dimension", level: "senior", dimension: "scope" })).toBe(
      "level senior · dimension scope",
    );
    expect(sourceLabel(index, { kind: "expectation", competency: "planning", level: "mid" })).toBe(
      "competency planning · level mid · expectation",
    );
  });

  it("resolve to the field's text, and to nothing for a field that is not there", () => {
    const index = engineering();
    expect(resolveSource(index, { kind: "level-responsibility", level: "senior", index: 0 })).toBe(
      index.levels.get("senior")?.responsibilities?.[0],
    );
    expect(resolveSource(index, { kind: "dimension-name", dimension: "knowledge" })).toBe(
      "Knowledge & application",
    );
    expect(resolveSource(index, { kind: "family-name", family: "software-engineering" })).toBe(
      "Software Engineering",
    );
    expect(
      resolveSource(index, { kind: "level-dimension", level: "senior", dimension: "nope" }),
    ).toBeUndefined();
    expect(
      resolveSource(index, {
        kind: "role-responsibility",
        role: "backend-engineer",
        level: "senior",
        index: 9,
      }),
    ).toBeUndefined();
  });

  it("property: every source of every line resolves to a real field whose text the line shows verbatim", () => {
    const indexes = Object.fromEntries(Object.entries(frameworks).map(([k, fw]) => [k, indexFramework(fw)]));
    const cases = Object.entries(indexes).flatMap(([name, index]) => [
      ...[...index.roles.values()].flatMap((role) =>
        role.levels.map((level) => ({ name, kind: "role" as const, role: role.id, level })),
      ),
      ...index.levelOrder.map((level) => ({ name, kind: "level" as const, role: "", level })),
    ]);
    const fill = fc.option(fc.record({ date: fc.string(), target: fc.string() }, { requiredKeys: [] }), {
      nil: undefined,
    });
    // The arbitraries yield plain descriptions (readable in a counterexample); the property builds the document.
    const fromCase = fc.tuple(fc.constantFrom(...cases), fill).map(([c, f]) => ({ ...c, fill: f }));
    const fromAssessment = fc.constantFrom(...Object.keys(indexes)).chain((name) => {
      const index = indexes[name] as FrameworkIndex;
      return fc.record({
        name: fc.constant(name),
        kind: fc.constant("assessment" as const),
        target: fc.constantFrom(...index.levelOrder),
        picks: fc.dictionary(
          fc.constantFrom(...index.competencies.keys()),
          fc.constantFrom(...index.levelOrder),
        ),
      });
    });

    fc.assert(
      fc.property(fc.oneof(fromCase, fromAssessment), (c) => {
        const index = indexes[c.name] as FrameworkIndex;
        const doc =
          c.kind === "assessment"
            ? goalsFromAssessment(index, { target: c.target, picks: c.picks })
            : c.kind === "role"
              ? goalsForRoleLevel(index, c.role, c.level, c.fill ? { fill: c.fill } : {})
              : goalsForLevel(index, c.level, c.fill ? { fill: c.fill } : {});
        const rendered = [goalsText(doc), goalsMarkdown(doc)];
        for (const goal of allGoals(doc)) {
          const title = segmentsText(goal.title, doc.filled);
          expect(goal.sources.length).toBeGreaterThan(0);
          for (const ref of goal.sources)
            expect(title).toContain(resolveSource(index, ref) ?? "\u0000missing");
          for (const line of goal.lines) {
            expect(line.sources.length).toBeGreaterThan(0);
            const shown = segmentsText(line.segments, doc.filled);
            const quotes = line.segments.filter((s) => s.type === "quote");
            // A line of placeholders alone quotes nothing: it names its goal's field, which the title shows.
            const where = quotes.length > 0 ? shown : title;
            if (quotes.length === 0) expect(goal.sources).toEqual(expect.arrayContaining(line.sources));
            for (const ref of line.sources)
              expect(where).toContain(resolveSource(index, ref) ?? "\u0000missing");
          }
          for (const segment of [...goal.title, ...goal.lines.flatMap((l) => l.segments)]) {
            if (segment.type !== "quote") continue;
            expect(resolveSource(index, segment.source)).toBe(segment.text);
            for (const out of rendered) expect(out).toContain(segment.text);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("a missing field removes the lines that need it, and nothing else", () => {
  const subjects = (index: FrameworkIndex) => [
    goalsForRoleLevel(index, "backend-engineer", "senior"),
    goalsForRoleLevel(index, "engineering-manager", "manager"),
    goalsForLevel(index, "senior"),
    goalsFromAssessment(index, { target: "staff", picks: { "code-quality": "mid", hiring: "senior" } }),
  ];

  it("no knowledge dimension: MBO areas lose their standard, the calibration loses that row", () => {
    const before = subjects(engineering());
    const after = subjects(
      engineering((fw) => (fw.dimensions = fw.dimensions?.filter((d) => d.id !== "knowledge"))),
    );
    before.forEach((doc, i) => {
      const reduced = after[i] as GoalDocument;
      expect(reduced).toEqual(without(doc, (refs) => mentions(refs, "knowledge")));
      expect(JSON.stringify(reduced)).not.toContain('"dimension":"knowledge"');
    });
    expect(allGoals(after[0] as GoalDocument).some((g) => g.id.startsWith("mbo-"))).toBe(true);
    expect(allGoals(after[0] as GoalDocument).flatMap((g) => g.lines.map((l) => l.label))).not.toContain(
      "Standard",
    );
  });

  it("no complexity value at the level: no Achievable line, no calibration row; the evidence bars re-rotate", () => {
    const drop = (fw: Framework) => {
      const senior = fw.levels?.find((l) => l.id === "senior");
      if (senior?.dimensions) delete senior.dimensions.complexity;
    };
    const before = subjects(engineering());
    const after = subjects(engineering(drop));
    const isEvidence = (_: SourceRef[], line?: GoalLine) => line?.label === "Key result 2";
    before.forEach((doc, i) => {
      const reduced = after[i] as GoalDocument;
      const atSenior =
        (doc.subject.type === "assessment" ? doc.subject.target : doc.subject.level) === "senior";
      const dropped = (refs: SourceRef[], line?: GoalLine) =>
        (atSenior && mentions(refs, "complexity")) || (atSenior && isEvidence(refs, line));
      expect(without(reduced, (refs, line) => atSenior && isEvidence(refs, line))).toEqual(
        without(doc, dropped),
      );
    });
    // The objectives now take the five remaining bars in turn.
    const okr = (after[0] as GoalDocument).sections.find((s) => s.kind === "okr");
    const bars = okr?.groups[0]?.goals.map((g) => {
      const ref = g.lines[1]?.sources.find((r) => r.kind === "level-dimension");
      return ref?.kind === "level-dimension" ? ref.dimension : undefined;
    });
    expect(bars).toEqual(["scope", "autonomy", "impact", "decision-rights"]);
    expect(goalsText(after[0] as GoalDocument)).not.toContain("Achievable");
  });

  it("no dimensions at all: no Achievable, evidence KR, standard or calibration; the rest is unchanged", () => {
    const before = subjects(engineering());
    const after = subjects(
      engineering((fw) => {
        delete fw.dimensions;
      }),
    );
    const anyBar = (refs: SourceRef[]) =>
      refs.some((r) => r.kind === "level-dimension" || r.kind === "dimension-name");
    before.forEach((doc, i) => {
      expect(after[i]).toEqual(without(doc, anyBar));
    });
    const scorecard = (after[0] as GoalDocument).sections.find((s) => s.kind === "scorecard");
    expect(scorecard?.groups.map((g) => g.title)).toEqual(["Internal process"]);
  });
});

describe("determinism", () => {
  it("the same input gives byte-identical output in every format", async () => {
    const fresh = indexFramework(await load("engineering"));
    const docs = (index: FrameworkIndex) => [
      goalsForRoleLevel(index, "frontend-engineer", "lead", { fill: { date: "Q3" } }),
      goalsForLevel(index, "director"),
      goalsFromAssessment(index, { target: "principal", picks: { influence: "senior", planning: "mid" } }),
    ];
    const a = docs(engineering());
    const b = docs(fresh);
    for (const [i, doc] of a.entries()) {
      const other = b[i] as GoalDocument;
      expect(goalsText(doc)).toBe(goalsText(other));
      expect(goalsMarkdown(doc)).toBe(goalsMarkdown(other));
      expect(goalsJson(doc)).toBe(goalsJson(other));
    }
  });
});
