/**
 * A framework with many competencies (60 by default, in six areas, over six levels), written to a folder:
 * what the charts, the heatmaps and the lists must stay readable with, on a laptop and on a phone. Names
 * vary in length on purpose, from one word to a long phrase that no chart label can hold whole.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";

const AREAS = ["Delivery", "Craft", "Collaboration", "Direction", "Operations", "Growth of others"];
const TOPICS = [
  "Estimation",
  "Code review",
  "Release planning and staged rollouts",
  "Observability",
  "Writing design proposals that others can build on",
  "Pairing",
  "Cost awareness",
  "Accessibility of what ships",
  "Dependency upkeep",
  "Handling ambiguity when requirements shift mid-project",
];
export const WIDE_LEVELS = ["starter", "builder", "owner", "guide", "shaper", "steward"];

export function writeWideFramework(dir: string, areas = 6, perArea = 10): { competencies: string[] } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const competencies: string[] = [];
  const framework = {
    rungs: 1,
    id: "wide",
    name: "Wide framework",
    tracks: [{ id: "ladder", name: "Ladder" }],
    levels: WIDE_LEVELS.map((id, i) => ({
      id,
      name: id[0]?.toUpperCase() + id.slice(1),
      track: "ladder",
      ...(i > 0 ? { follows: [WIDE_LEVELS[i - 1]] } : {}),
      summary: `Works at the scope of rung ${i + 1}, with less guidance than the rung below.`,
    })),
    areas: Array.from({ length: areas }, (_, a) => ({
      id: `area-${a + 1}`,
      name: AREAS[a % AREAS.length] ?? `Area ${a + 1}`,
      competencies: Array.from({ length: perArea }, (_, c) => {
        const id = `c${a + 1}-${c + 1}`;
        competencies.push(id);
        return {
          id,
          name: `${TOPICS[c % TOPICS.length]} (${AREAS[a % AREAS.length]?.toLowerCase()})`,
          expectations: Object.fromEntries(
            WIDE_LEVELS.map((level, i) => [
              level,
              `At rung ${i + 1}, handles ${TOPICS[c % TOPICS.length]?.toLowerCase()} for a wider circle than before.`,
            ]),
          ),
        };
      }),
    })),
  };
  writeFileSync(join(dir, "framework.yaml"), stringify(framework));
  return { competencies };
}
