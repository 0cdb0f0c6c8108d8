/**
 * Pathway data as it is published across its versions: `grades.yaml` with `baseSkillLevels`, skills
 * described per `levelDescriptions`, `minGrade`, and the agent, tool and weighting keys rungs has no place
 * for. What is read under an older name is a `renamed` bend; what is not read, a `dropped` one at its line.
 */
import { expect, it } from "vitest";
import { runImport } from "../src/import/run.js";
import { formatBends } from "../src/import/types.js";

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

const FILES = [
  file("framework.yaml", "title: Dock Works\nemojiIcon: ⚓\ntag: '#dock'\n"),
  file(
    "grades.yaml",
    "- id: G1\n  professionalTitle: Hand\n  ordinalRank: 1\n  baseSkillLevels:\n    primary: working\n  breadthCriteria:\n    practitioner: 2\n",
  ),
  file(
    "capabilities/lifting.yaml",
    "id: lifting\nname: Lifting\nemojiIcon: 🏗\nskills:\n  - id: cranes\n    name: Cranes\n    human:\n      description: Moving loads safely.\n      levelDescriptions:\n        working: You run a crane alone.\n    agent:\n      name: cranes\n    toolReferences:\n      - name: Winch\n",
  ),
  file(
    "disciplines/rigging.yaml",
    "specialization: Rigging\nroleTitle: Rigger\nminGrade: G1\ndescription: Sets up the lifts.\ncoreSkills: [cranes]\nhuman:\n  professionalRoleSummary: A {roleTitle} who plans each lift.\nagent:\n  identity: An agent.\n",
  ),
  file(
    "tracks/night.yaml",
    "name: Night\ndescription: Works the night shift.\nskillModifiers:\n  lifting: 1\nassessmentWeights:\n  skillWeight: 0.5\n",
  ),
];

it("reads older names and names every key it does not read", async () => {
  const run = await runImport("pathway", FILES, {});
  const text = run.files.map((f) => f.text).join("\n");
  // baseSkillLevels is read: the role asks for the level's primary proficiency
  expect(text).toContain("roles:\n              rigging:\n                step: working\n");
  // levelDescriptions is read: the step keeps its text
  expect(text).toContain(
    "- id: working\n              name: Working\n              description: You run a crane alone.\n",
  );
  expect(text).toContain("summary: A Rigger who plans each lift.\n");
  expect(formatBends(run.bends)).toEqual([
    "dropped  capabilities/lifting.yaml:3: lifting: emojiIcon has no place in a rungs framework",
    "dropped  capabilities/lifting.yaml:12: skills: agent has no place in a rungs framework (on 1 of 1)",
    "dropped  capabilities/lifting.yaml:14: skills: toolReferences has no place in a rungs framework (on 1 of 1)",
    "dropped  disciplines/rigging.yaml:9: rigging: agent has no place in a rungs framework",
    "dropped  framework.yaml:2: framework: emojiIcon has no place in a rungs framework",
    "dropped  framework.yaml:3: framework: tag has no place in a rungs framework",
    "dropped  grades.yaml:7: breadthCriteria has no place in a rungs framework (on 1 of 1)",
    "dropped  tracks/night.yaml:2: night: description has no place in a rungs framework",
    "dropped  tracks/night.yaml:6: night: assessmentWeights has no place in a rungs framework",
    'renamed  grades.yaml:1: level "G1" is read as g1',
    "renamed  grades.yaml:5: grades: baseSkillLevels (an older Pathway's name) is read as baseSkillProficiencies",
    "renamed  capabilities/lifting.yaml:10: lifting: levelDescriptions (an older Pathway's name) is read as proficiencyDescriptions",
    "dropped  disciplines/rigging.yaml:4: rigging: description (the roles' summary is its human.professionalRoleSummary)",
    "dropped  disciplines/rigging.yaml:3: rigging: minGrade (the roles span every level)",
  ]);
});
