/** Format 2's fields: they load, a v1 file loads as before, and every mistake in them is located. */
import { describe, expect, it } from "vitest";
import { BASE, checkYaml, located } from "../../test/support/check-yaml.js";
import type { Diagnostic } from "../core/diagnostics.js";
import { memoryFileSystem, nodeFileSystem } from "./fs-port.js";
import { checkFramework } from "./load-framework.js";
import { loadOccupations } from "./occupations.js";

const V2 = BASE.replace("rungs: 1", "rungs: 2");

/** The errors only: a cell cut away for its error also leaves a missing-expectation warning behind. */
const errors = (result: { diagnostics: Diagnostic[] }): Diagnostic[] =>
  result.diagnostics.filter((d) => d.severity === "error");

/** A v2 framework using most new fields; line numbers below are relied on. */
const FULL = `rungs: 2
id: full
name: Full
beyond: Past Staff, the work is shaped case by case.
scales:
  - id: proficiency
    name: Proficiency
    steps:
      - { id: aware, name: Aware, points: 1 }
      - { id: fluent, name: Fluent, points: 3 }
points:
  levels: { junior: 0, senior: 4 }
tracks:
  - { id: trunk, name: Trunk }
dimensions:
  - { id: scope, name: Scope, calibration: true }
guidance:
  - { title: How to read this, text: Start at your level., placement: before }
levels:
  - { id: junior, name: Junior, track: trunk, rank: 1, band: "1", dimensions: { scope: A task } }
  - { id: senior, name: Senior, track: trunk, rank: 2, follows: [junior], markers: [top], dimensions: { scope: A team } }
areas:
  - id: craft
    documents: [{ title: Review checklist, url: "https://example.com/review" }]
    competencies:
      - id: code-review
        scale: proficiency
        expectations:
          junior:
            step: aware
            criteria:
              - Reads the change before approving it.
              - id: asks
                text: Asks when a change is unclear.
                examples: [Left a question on an unclear migration.]
          senior:
            step: fluent
            unchanged: true
            statement: Teaches others to review.
            roles:
              backend: { criteria: [Checks the query plans of changes.] }
roles:
  - { id: backend, name: Backend engineer, family: eng, levels: [junior, senior] }
families:
  - { id: eng, name: Engineering }
`;

describe("format 2", () => {
  it("a framework using the new fields loads without a diagnostic, with generated names", async () => {
    const result = await checkYaml(FULL);
    expect(result.diagnostics).toEqual([]);
    const area = result.framework?.areas?.[0];
    expect(area?.name).toBe("Craft");
    expect(area?.competencies[0]?.name).toBe("Code review");
    expect(result.framework?.levels?.[1]?.markers).toEqual(["top"]);
  });

  it("a v1 file loads to the same framework as the same file marked v2", async () => {
    const v1 = await checkYaml(BASE);
    const v2 = await checkYaml(V2);
    expect(v1.diagnostics).toEqual([]);
    expect({ ...v2.framework, rungs: 1 }).toEqual(v1.framework);
  });

  it("each mistake in a new field is located at the value", async () => {
    const result = await checkYaml(
      FULL.replace("markers: [top]", "markers: [summit]")
        .replace("step: aware", "step: [aware]")
        .replace("placement: before", "placement: above")
        .replace("examples: [Left", "exampels: [Left")
        .replace("rank: 1,", "rank: -1,"),
    );
    expect(located(errors(result))).toEqual([
      "invalid-value@18:71",
      "invalid-value@20:53",
      "invalid-value@21:85",
      "invalid-type@30:19",
      "unknown-field@35:17",
    ]);
    expect(errors(result).map((d) => d.path)).toEqual([
      "guidance[0].placement",
      "levels[0].rank",
      "levels[1].markers[0]",
      "areas[0].competencies[0].expectations.junior.step",
      "areas[0].competencies[0].expectations.junior.criteria[1].exampels",
    ]);
  });

  it("a criterion without text and an empty scale are located", async () => {
    const result = await checkYaml(
      FULL.replace("text: Asks when a change is unclear.", "note: Asks.").replace(
        "    steps:\n      - { id: aware, name: Aware, points: 1 }\n      - { id: fluent, name: Fluent, points: 3 }\n",
        "    steps: []\n",
      ),
    );
    expect(located(errors(result))).toEqual([
      "invalid-value@8:12",
      // the scale is cut away for its error, so the scale: that names it names nothing until it is fixed
      "unknown-reference@25:16",
      "missing-field@31:17",
      "unknown-field@32:17",
    ]);
    expect(errors(result)[0]?.message).toBe("must be at least 1 entries");
  });

  it("lists format 2 adds are bounded", async () => {
    const many = Array.from({ length: 101 }, (_, i) => `              - Criterion ${i}.`).join("\n");
    const result = await checkYaml(
      FULL.replace(
        "              - Reads the change before approving it.",
        `${many}\n              - Reads the change before approving it.`,
      ),
    );
    expect(errors(result)[0]).toMatchObject({
      code: "invalid-value",
      message: "must be at most 100 entries",
      line: 32,
      path: "areas[0].competencies[0].expectations.junior.criteria",
    });
  });
});

const BASE_FW = `rungs: 2
id: base
name: Base
tracks:
  - { id: trunk, name: Trunk }
levels:
  - { id: l1, name: One, track: trunk }
  - { id: l2, name: Two, track: trunk, follows: [l1] }
areas:
  - id: craft
    name: Craft
    competencies:
      - id: code
        name: Code
        expectations: { l1: Writes code., l2: Designs code. }
      - id: ops
        name: Operations
        expectations: { l1: Watches dashboards., l2: Runs incidents. }
`;

async function checkFiles(files: Record<string, string>, path: string) {
  const occupations = await loadOccupations(nodeFileSystem);
  return checkFramework(path, memoryFileSystem(files), { occupations });
}

describe("extends", () => {
  it("merges by id: fields extend, replace puts an entry in whole, remove deletes, new ids are added", async () => {
    const child = `rungs: 2
extends: ../base/framework.yaml
id: mobile
name: Mobile
levels:
  - { id: l2, name: Two (mobile) }
areas:
  - id: craft
    competencies:
      - id: code
        expectations: { l2: Designs code that runs offline. }
      - { id: ops, override: remove }
      - id: release
        name: Store release
        expectations: { l1: Ships a beta., l2: Plans a launch. }
`;
    const result = await checkFiles(
      { "base/framework.yaml": BASE_FW, "mobile/framework.yaml": child },
      "mobile",
    );
    expect(result.diagnostics).toEqual([]);
    const fw = result.framework;
    expect(fw?.id).toBe("mobile");
    expect(fw?.levels?.map((l) => [l.id, l.name, l.track])).toEqual([
      ["l1", "One", "trunk"],
      ["l2", "Two (mobile)", "trunk"],
    ]);
    const competencies = fw?.areas?.[0]?.competencies ?? [];
    expect(competencies.map((c) => c.id)).toEqual(["code", "release"]);
    expect(competencies[0]?.expectations).toEqual({
      l1: "Writes code.",
      l2: "Designs code that runs offline.",
    });
  });

  it("an override that names nothing is located at the entry's id, with a did-you-mean", async () => {
    const child = `rungs: 2
extends: ../base
id: web
name: Web
areas:
  - id: craft
    competencies:
      - { id: opps, override: remove }
`;
    const result = await checkFiles({ "base/framework.yaml": BASE_FW, "web/framework.yaml": child }, "web");
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "override-target",
        file: "web/framework.yaml",
        line: 8,
        column: 15,
        hint: 'did you mean "ops"?',
      }),
    ]);
  });

  it("a new entry must be complete: the missing field is reported in the extending file", async () => {
    const child = `rungs: 2
extends: ../base
id: web
name: Web
levels:
  - { id: l3, track: trunk, follows: [l2] }
`;
    const result = await checkFiles({ "base/framework.yaml": BASE_FW, "web/framework.yaml": child }, "web");
    const missing = result.diagnostics.filter((d) => d.code !== "missing-expectation");
    expect(located(missing)).toEqual(["missing-field@6:5"]);
    expect(missing[0]?.message).toContain('missing required field "name"');
    expect(missing[0]?.file).toBe("web/framework.yaml");
  });

  it("a cycle of extends is reported at the extends line, and the load still ends", async () => {
    const a = "rungs: 2\nextends: ../b\nid: a\nname: A\n";
    const b = "rungs: 2\nextends: ../a\nid: b\nname: B\n";
    const result = await checkFiles({ "a/framework.yaml": a, "b/framework.yaml": b }, "a");
    expect(result.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toContainEqual([
      "extends-cycle",
      "b/framework.yaml",
      2,
      10,
    ]);
    expect(result.ok).toBe(false);
  });

  it("a base that does not exist is reported at the extends line", async () => {
    const result = await checkFiles(
      { "a/framework.yaml": "rungs: 2\nextends: ../nowhere\nid: a\nname: A\n" },
      "a",
    );
    expect(located(result.diagnostics)).toEqual(["read-error@2:10"]);
    expect(result.diagnostics[0]?.message).toBe(
      'cannot read the base framework "../nowhere": no such file or directory',
    );
    expect(result.diagnostics[0]?.hint).toBe("extends is read from this file's folder: looked for nowhere");
  });
});
