/**
 * Names every object inherits (`constructor`, `toString`, `hasOwnProperty`, `__proto__`) written as ids,
 * keys and values everywhere a framework file can hold them: they are plain data, found only where the
 * file wrote them (issue 12, item 13).
 */
import { describe, expect, it } from "vitest";
import { profileOf, snapshotOf } from "../src/core/assessment.js";
import { goalsForLevel, goalsForRoleLevel } from "../src/core/goals.js";
import { entryOf, indexFramework, levelLabel } from "../src/core/model.js";
import { buildSearchDocuments } from "../src/core/search.js";
import { ladderText, levelText, roleText } from "../src/core/text-view.js";
import { compareLevelsData } from "../src/core/views/compare.js";
import { levelData } from "../src/core/views/level.js";
import { matrixData } from "../src/core/views/matrix.js";
import { roleData } from "../src/core/views/role.js";
import { checkYaml } from "./support/check-yaml.js";

// `constructor` is a valid id, so it is the id of one of everything, and a level that other mappings
// (expectations, takeaways, responsibilities, codes, dimensions, ratings) leave out on purpose.
const FRAMEWORK = `rungs: 1
id: constructor
name: toString
description: __proto__
codeSchemes:
  - { id: constructor, name: hasOwnProperty }
  - { id: band, name: Band }
tracks:
  - { id: constructor, name: valueOf }
dimensions:
  - { id: constructor, name: toString }
  - { id: scope, name: Scope }
ratingScale:
  - { id: constructor, name: __proto__ }
  - { id: meets, name: Meets }
lint:
  __proto__: "off"
  constructor: warning
  toString: info
  hasOwnProperty: error
levels:
  - id: junior
    name: Junior
    track: constructor
    codes: { band: P1 }
    dimensions: { scope: A task, constructor: toString }
  - id: constructor
    name: hasOwnProperty
    track: constructor
    follows: [junior]
    codes: { band: P2 }
    dimensions: { scope: A team }
areas:
  - id: constructor
    name: __proto__
    takeaways: { junior: Learns. }
    competencies:
      - id: constructor
        name: toString
        expectations:
          junior: { statement: Asks., ratings: { meets: Asks well., constructor: valueOf } }
families:
  - { id: constructor, name: __proto__ }
roles:
  - id: constructor
    name: hasOwnProperty
    family: constructor
    levels: [junior, constructor]
    responsibilities: { junior: [Ships small things.] }
    classifications:
      - { scheme: constructor, code: toString }
      - { scheme: hasownproperty, code: __proto__ }
sources:
  - id: constructor
    title: toString
    review: { scores: { constructor: 5, __proto__: 4, toString: 3 } }
`;

describe("names Object inherits are plain data", () => {
  it("are checked like any other id, key or value, and nothing else is made of them", async () => {
    const result = await checkYaml(FRAMEWORK);
    expect(result.diagnostics.map((d) => `${d.code}@${d.line}:${d.column} ${d.message}`)).toEqual([
      'unknown-lint-rule@17:3 there is no lint rule "__proto__"',
      'unknown-lint-rule@18:3 there is no lint rule "constructor"',
      'unknown-lint-rule@19:3 there is no lint rule "toString"',
      'unknown-lint-rule@20:3 there is no lint rule "hasOwnProperty"',
      'missing-dimension@32:17 level "constructor" has no value for "constructor"',
      'missing-expectation@40:9 competency "constructor" has no expectation at level "constructor"',
      'missing-responsibilities@49:5 role "constructor" has no responsibilities at level "constructor"',
      'invalid-value@56:55 key "toString" must be lowercase letters, digits and single - _ . separators',
    ]);
    expect(result.framework?.id).toBe("constructor");
  });

  it("ids that are not ids (toString, __proto__) are invalid values, not crashes", async () => {
    const result = await checkYaml(
      FRAMEWORK.replace("  - id: junior\n", "  - id: toString\n").replace("id: meets", "id: __proto__"),
    );
    expect(result.diagnostics.filter((d) => d.code === "invalid-value").map((d) => d.line)).toEqual([
      15, 22, 56,
    ]);
  });

  it("every reading of the framework finds only what the file wrote for the level `constructor`", async () => {
    const { framework } = await checkYaml(FRAMEWORK);
    if (!framework) throw new Error("not loaded");
    const index = indexFramework(framework);
    const level = index.levels.get("constructor");
    if (!level) throw new Error("no level");
    const inherited = /native code|function|\[object/;

    expect(levelLabel(level, "constructor")).toBe("P2");
    expect(entryOf(level.codes, "constructor")).toBeUndefined();
    expect(levelText(index, "constructor")).not.toMatch(inherited);
    expect(ladderText(index)).not.toMatch(inherited);
    expect(roleText(index, "constructor", () => undefined)).not.toMatch(inherited);

    const view = levelData(index, "constructor");
    expect(JSON.stringify(view)).not.toMatch(inherited);
    expect(view?.areas[0]?.takeaway).toBeUndefined();
    const cells = matrixData(index).areas[0]?.competencies[0]?.cells;
    expect(cells?.map((c) => [c.level, c.state, c.statement])).toEqual([
      ["junior", "expectation", "Asks."],
      ["constructor", "missing", undefined],
    ]);
    expect(JSON.stringify(compareLevelsData(index, "junior", "constructor"))).not.toMatch(inherited);
    const role = roleData(index, "constructor");
    expect(role?.levels.find((l) => l.id === "constructor")?.responsibilities).toEqual([]);
    expect(JSON.stringify(goalsForLevel(index, "constructor"))).not.toMatch(inherited);
    expect(JSON.stringify(goalsForRoleLevel(index, "constructor", "constructor"))).not.toMatch(inherited);
    expect(JSON.stringify(buildSearchDocuments([{ id: "constructor", index }]))).not.toMatch(inherited);

    const snapshot = snapshotOf(index, "v1");
    const profile = profileOf(snapshot, new Map([["constructor", "junior"]]), "junior", "constructor");
    expect(profile.gaps).toEqual([{ competency: "constructor", pick: "junior", gap: 1 }]);
  });
});
