/** Snowflake modules as they are published: several point totals that reach the same level. */
import { expect, it } from "vitest";
import { runImport } from "../src/import/run.js";
import { formatBends } from "../src/import/types.js";

const module = (levels: string) =>
  `export const pointsToLevels = {\n${levels}}\nexport const tracks = {\n  A: { displayName: 'A', category: 'A', milestones: [{ summary: 'One' }] },\n}\nexport const titles = [\n  { label: 'Engineer I', minPoints: 0, maxPoints: 16 },\n  { label: 'Engineer II', minPoints: 17 },\n]\n`;

it("a level reached at two point totals is one level, reached at the lower (a merged bend at the other)", async () => {
  const text = module("  '0': '1.1',\n  '5': '1.1',\n  '17': '2.1',\n  '11': '1.1',\n");
  const run = await runImport("snowflake", [{ name: "c.js", bytes: new TextEncoder().encode(text) }], {});
  const framework = run.files.find((f) => f.path === "framework.yaml")?.text ?? "";
  expect(framework).toContain('points:\n  levels:\n    "1.1": 0\n    "2.1": 17\n');
  expect(framework.match(/- id: /g)).toHaveLength(3); // one track, two levels
  expect(formatBends(run.bends)).toEqual(
    expect.arrayContaining([
      "merged   c.js:3: pointsToLevels gives level 1.1 at 5 points as well: it is reached at 0",
      "merged   c.js:5: pointsToLevels gives level 1.1 at 11 points as well: it is reached at 0",
    ]),
  );
});

it("data held in a name bound elsewhere (imported, as Medium's later modules split it) is one error naming it", async () => {
  const text =
    "import { craftMilestones } from './milestones/craft'\nexport const tracks = {\n  CRAFT: {\n    displayName: 'Craft',\n    milestones: craftMilestones,\n  },\n}\nexport const pointsToLevels = { '0': '1.1' }\n";
  const error = await runImport(
    "snowflake",
    [{ name: "t.ts", bytes: new TextEncoder().encode(text) }],
    {},
  ).catch((e: Error) => e.message);
  expect(error).toBe(
    "t.ts:5: tracks: craftMilestones is imported from './milestones/craft': rungs reads one module and only the data written in it; paste the data in, or import the framework as csv",
  );
});
