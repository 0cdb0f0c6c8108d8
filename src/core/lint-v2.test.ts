/** The lint rules for format 2's shapes: each fires on the bad example, is located, and is quiet on the good. */
import { describe, expect, it } from "vitest";
import { BASE, checkYaml, located } from "../../test/support/check-yaml.js";
import { memoryFileSystem, nodeFileSystem } from "../load/fs-port.js";
import { checkFramework } from "../load/load-framework.js";
import { loadOccupations } from "../load/occupations.js";

const V2 = BASE.replace("rungs: 1", "rungs: 2");

/** BASE with the craft competency replaced by `competency` (indented as a list entry of competencies). */
const withCompetency = (competency: string, extra = "") =>
  `${V2.slice(0, V2.indexOf("      - id: code"))}${competency}${extra}`;

async function codes(yaml: string, code: string, publish = false): Promise<string[]> {
  const occupations = await loadOccupations(nodeFileSystem);
  const result = await checkFramework("fw.yaml", memoryFileSystem({ "fw.yaml": yaml }), {
    occupations,
    publish,
  });
  return located(result.diagnostics.filter((d) => d.code === code));
}

const STEPS = `      - id: code
        name: Code
        scale: { name: Milestone, steps: [{ id: "1" }, { id: "2" }, { id: "3" }] }
        expectations:
          junior: { step: "1" }
          senior: { step: "2" }
          staff: { step: four }
          manager: { notApplicable: true }
`;

describe("format 2 lint rules", () => {
  it("unknown-step: a step the scale lacks, located at the step, with the scale's steps", async () => {
    expect(await codes(withCompetency(STEPS), "unknown-step")).toEqual(["unknown-step@37:26"]);
    const result = await checkYaml(withCompetency(STEPS));
    expect(result.diagnostics.find((d) => d.code === "unknown-step")?.hint).toBe("its steps: 1, 2, 3");
    expect(await codes(withCompetency(STEPS.replace("step: four", 'step: "3"')), "unknown-step")).toEqual([]);
  });

  it("unknown-step: a step on a competency without a scale", async () => {
    const yaml = withCompetency(STEPS.replace(/ {8}scale: .*\n/, ""));
    expect(await codes(yaml, "unknown-step")).toHaveLength(3);
  });

  it("unknown-reference: a shared scale that does not exist, a role cell for no role, a band for no band", async () => {
    const yaml = withCompetency(`      - id: code
        name: Code
        scale: proficency
        expectations:
          junior:
            statement: Writes small changes.
            roles: { backnd: { statement: Writes queries. } }
          senior: { statement: Designs changes., criteria: [{ text: Reviews., ratings: { meets: Reviews well. } }] }
          staff: Shapes systems.
          manager: { notApplicable: true }
`);
    expect(await codes(yaml, "unknown-reference")).toEqual([
      "unknown-reference@33:16",
      "unknown-reference@37:22",
      "unknown-reference@38:90",
    ]);
  });

  it("repeated-criterion: a copy at the next level without the marker; with unchanged it is not repeated", async () => {
    const copy = withCompetency(`      - id: code
        name: Code
        expectations:
          junior: { criteria: [Writes tests for each change.] }
          senior: { criteria: [Writes tests for each change., Designs the tests of the team.] }
          staff: Shapes systems.
          manager: { notApplicable: true }
`);
    expect(await codes(copy, "repeated-criterion")).toEqual(["repeated-criterion@35:32"]);
    const marked = copy.replace(
      "senior: { criteria: [Writes tests for each change., Designs",
      "senior: { unchanged: true, criteria: [Designs",
    );
    expect(await codes(marked, "repeated-criterion")).toEqual([]);
  });

  it("repeated-criterion: a copy in the same cell, in another case or spacing", async () => {
    const twice = withCompetency(`      - id: code
        name: Code
        expectations:
          junior: { criteria: [Writes tests., Reviews code., "writes  TESTS."] }
          senior: Designs.
          staff: Shapes systems.
          manager: { notApplicable: true }
`);
    expect(await codes(twice, "repeated-criterion")).toEqual(["repeated-criterion@34:62"]);
  });

  it("format-version: a format 2 field in a rungs: 1 file is a warning at the field's key", async () => {
    const v1 = BASE.replace("    name: Senior\n", "    name: Senior\n    rank: 2\n");
    expect(await codes(v1, "format-version")).toEqual(["format-version@17:5"]);
    expect(await codes(v1.replace("rungs: 1", "rungs: 2"), "format-version")).toEqual([]);
  });

  it("unchanged-without-previous: the marker at the first level of a span carries nothing", async () => {
    const yaml = withCompetency(`      - id: code
        name: Code
        expectations:
          junior: { unchanged: true, statement: Writes small changes. }
          senior: { unchanged: true, statement: Designs changes. }
          staff: Shapes systems.
          manager: { notApplicable: true }
`);
    expect(await codes(yaml, "unchanged-without-previous")).toEqual(["unchanged-without-previous@34:32"]);
  });

  it("rating-only-without-scale: band texts alone need a rating scale", async () => {
    const yaml = withCompetency(`      - id: code
        name: Code
        expectations:
          junior: { ratings: { meets: Writes small changes. } }
          senior: Designs changes.
          staff: Shapes systems.
          manager: { notApplicable: true }
`);
    expect(await codes(yaml, "rating-only-without-scale")).toEqual(["rating-only-without-scale@34:30"]);
    const scaled = yaml.replace("tracks:\n", "ratingScale:\n  - { id: meets, name: Meets }\ntracks:\n");
    expect(await codes(scaled, "rating-only-without-scale")).toEqual([]);
  });

  it("publish-review: only with --publish, a review whose lowest score is under the pass mark fails", async () => {
    const yaml = `${V2.replace("tracks:\n", "publish: { passMark: 4 }\ntracks:\n")}sources:
  - id: survey
    title: Our survey
    review: { scores: { accuracy: 5, coverage: 3 } }
  - id: handbook
    title: Our handbook
    review: { scores: { accuracy: 4, coverage: 4 } }
`;
    expect(await codes(yaml, "publish-review")).toEqual([]);
    expect(await codes(yaml, "publish-review", true)).toEqual(["publish-review@42:23"]);
    const reviewed = yaml.replace("publish: { passMark: 4 }", "publish: { passMark: 3, reviewed: true }");
    expect(await codes(`${reviewed}  - { id: memo, title: A memo }\n`, "publish-review", true)).toEqual([
      "publish-review@46:11",
    ]);
  });
});
