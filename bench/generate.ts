/** Generates a large framework on disk for benchmarks: 15 levels, many areas of competencies, split across files. */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface GeneratedFramework {
  dir: string;
  files: string[];
  levels: number;
  competencies: number;
  expectations: number;
}

const WORDS = [
  "designs",
  "reviews",
  "ships",
  "measures",
  "explains",
  "simplifies",
  "owns",
  "mentors",
  "plans",
  "tests",
  "documents",
  "negotiates",
];
const OBJECTS = [
  "services",
  "interfaces",
  "releases",
  "incidents",
  "roadmaps",
  "data models",
  "experiments",
  "budgets",
  "standards",
  "teams",
];

function sentence(seed: number): string {
  const w = (i: number) => WORDS[(seed * 7 + i * 3) % WORDS.length];
  const o = (i: number) => OBJECTS[(seed * 5 + i) % OBJECTS.length];
  return `Regularly ${w(1)} ${o(1)} and ${w(2)} ${o(2)} for scope ${seed}, so that others can ${w(3)} ${o(3)} without asking.`;
}

export function generateFramework(
  dir: string,
  opts = { levels: 15, areas: 100, perArea: 20 },
): GeneratedFramework {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "areas"), { recursive: true });
  const levelIds = Array.from({ length: opts.levels }, (_, i) => `l${i + 1}`);
  const root = [
    "rungs: 1",
    "id: large",
    "name: Large generated framework",
    "tracks:",
    "  - id: ladder",
    "    name: Ladder",
    "levels:",
    ...levelIds.flatMap((id, i) => [
      `  - id: ${id}`,
      `    name: Level ${i + 1}`,
      "    track: ladder",
      ...(i > 0 ? [`    follows: [${levelIds[i - 1]}]`] : []),
      `    summary: ${sentence(i)}`,
    ]),
    "",
  ].join("\n");
  writeFileSync(join(dir, "framework.yaml"), root);
  const files = [join(dir, "framework.yaml")];
  let n = 0;
  for (let a = 0; a < opts.areas; a++) {
    const lines = ["areas:", `  - id: area-${a}`, `    name: Area ${a}`, "    competencies:"];
    for (let c = 0; c < opts.perArea; c++) {
      lines.push(`      - id: c-${a}-${c}`, `        name: Competency ${a}.${c}`, "        expectations:");
      levelIds.forEach((id, i) => {
        n++;
        if (i % 5 === 4) {
          lines.push(
            `          ${id}:`,
            `            statement: ${sentence(n)}`,
            `            elaboration: >-`,
            `              ${sentence(n + 1)} ${sentence(n + 2)}`,
          );
        } else lines.push(`          ${id}: ${sentence(n)}`);
      });
    }
    const file = join(dir, "areas", `area-${String(a).padStart(3, "0")}.yaml`);
    writeFileSync(file, `${lines.join("\n")}\n`);
    files.push(file);
  }
  return { dir, files, levels: opts.levels, competencies: opts.areas * opts.perArea, expectations: n };
}
