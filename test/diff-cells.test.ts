/**
 * A changed competency whose changed lines are only plain statements is told from those lines and left out of
 * both texts (src/load/diff-cells.ts): `rungs diff` must answer as the structural diff of the whole versions,
 * loaded the full way, whatever was edited in place, and report a broken changed cell as the full way does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runIn } from "./support/run-cli.js";
import { wholeDiff, writeVersion } from "./support/whole-diff.js";

const ROOT = `rungs: 2
id: garden
name: Garden
tracks:
  - id: beds
    name: Beds
levels:
  - id: sprout
    name: Sprout
    track: beds
  - id: bloom
    name: Bloom
    track: beds
    follows: [sprout]
  - id: seed
    name: Seed
    track: beds
    follows: [bloom]
`;

/** An area file of `count` competencies in the shapes a cell takes: plain, a mapping, criteria. */
function area(id: string, count: number): string {
  const out = [`areas:\n  - id: ${id}\n    name: Area ${id}\n    competencies:`];
  for (let i = 0; i < count; i++) {
    const c = `${id}-c${i}`;
    out.push(
      `      - id: ${c}\n        name: Tends ${c}\n        expectations:`,
      `          sprout: Waters ${c} when told.`,
      `          bloom:\n            statement: Prunes ${c} in season.\n            elaboration: >-\n              Knows the season of ${c}.\n            note: Rests in winter.`,
      `          seed:\n            statement: Plans ${c} for next year.\n            criteria:\n              - Keeps notes on ${c}`,
    );
  }
  return `${out.join("\n")}\n`;
}

const scratch = mkdtempSync(join(tmpdir(), "rungs-diff-cells-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const write = (name: string, files: Record<string, string>) => writeVersion(join(scratch, name), files);

/** A small seeded generator, so that a failing round can be run again. */
function random(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** Edits of one line in place: most reword a statement plainly, the others change what the cut must read. */
const EDITS: ((line: string, pick: (n: number) => number) => string)[] = [
  (line) => line.replace(/(sprout|statement): (\w+)/, "$1: Often $2"),
  (line) => line.replace(/(sprout|statement): (\w+)/, "$1: Often $2"),
  (line) => line.replace(/ when told\.| in season\.| for next year\./, " with care and patience."),
  (line) => line.replace(/(sprout|statement): (.*)/, '$1: "$2"'),
  (line) => line.replace(/(sprout|statement): (.*)/, "$1: $2 # noted"),
  (line) => line.replace(/name: Tends/, "name: Looks after"),
  (line) => line.replace(/- Keeps notes/, "- Keeps careful notes"),
  (line) => line.replace(/Knows the season/, "Knows the weather"),
  (line) => line.replace(/note: Rests/, "note: Sleeps"),
  (line) => line.replace(/^(\s+)sprout:/, "$1seed:"),
  (line, pick) => line.replace(/- id: (\S+)/, `- id: renamed-${pick(1000)}`),
  (line) => line.replace(/(sprout|statement): .*/, "$1: true"),
];

async function expectWholeDiff(before: string, after: string) {
  const run = await runIn(scratch, "diff", before, after, "--format", "json");
  expect(run.err).toBe("");
  expect(JSON.parse(run.out).changes).toEqual((await wholeDiff(before, after)).changes);
}

describe("reworded statements told from their lines", () => {
  const files = { "framework.yaml": ROOT, "areas/a.yaml": area("a", 6), "areas/b.yaml": area("b", 4) };
  const before = write("before", files);

  it("are diffed where their competency stands: after the one read before it, in the file's order", async () => {
    // a-c1 is read (its text quoted), a-c2 and a-c3 are told from their lines, a-c4 is read again
    const text = (files["areas/a.yaml"] as string)
      .replace("sprout: Waters a-c1 when told.", 'sprout: "Waters a-c1 at dawn."')
      .replace("sprout: Waters a-c2 when told.", "sprout: Waters a-c2 at dawn.")
      .replace("statement: Plans a-c2 for next year.", "statement: Plans a-c2 for the year.")
      .replace("statement: Prunes a-c3 in season.", "statement: Prunes a-c3 in spring.")
      .replace("name: Tends a-c4", "name: Looks after a-c4");
    await expectWholeDiff(before, write("ordered", { ...files, "areas/a.yaml": text }));
  });

  it("give the diff of the whole versions, whatever is edited in place (seeded rounds)", async () => {
    for (let round = 0; round < 40; round++) {
      const pick = random(round + 1);
      const next: Record<string, string> = { ...files };
      for (const path of ["areas/a.yaml", "areas/b.yaml"]) {
        const lines = (next[path] as string).split("\n");
        for (let n = 1 + pick(8); n > 0; n--) {
          // an edit, on one of the lines it changes
          const edit = EDITS[pick(EDITS.length)] as (typeof EDITS)[number];
          const changing = lines.flatMap((line, i) => (edit(line, () => 0) === line ? [] : [i]));
          const at = changing[pick(changing.length)] as number;
          lines[at] = edit(lines[at] as string, pick);
        }
        next[path] = lines.join("\n");
      }
      const after = write(`after-${round}`, next);
      const whole = await wholeDiff(before, after).catch(() => undefined);
      const run = await runIn(scratch, "diff", before, after, "--format", "json");
      if (!whole) {
        // a version the full way cannot load is refused by the diff too, at the same place
        expect([round, run.status === 0, run.err]).toMatchObject([
          round,
          false,
          expect.stringContaining(after),
        ]);
        continue;
      }
      expect([round, run.err]).toEqual([round, ""]);
      expect([round, JSON.parse(run.out).changes]).toEqual([round, whole.changes]);
    }
  });
});
