/**
 * bench/check: the CPU time (user + system) of the real `rungs check` (the built CLI, a child process)
 * against a child process that reads the same files and runs `yaml.parseDocument` on each (the floor:
 * bench/parse-yaml.mjs), at two sizes of the generated framework: 2,000 competencies × 15 levels and
 * 4,000 (--small: 200 and 400). Target: ≤ 1.3× at both sizes, so the cost does not grow faster than the
 * input; the growth of the ratio from the first size to the second is printed. Both sides pay Node's
 * start-up; rungs also pays loading its modules and the bundled occupation lists, which is part of what a
 * user waits for, and is printed on its own (`rungs --version`) for reading the ratio. A file with nothing to
 * report is read by the quick reader (src/load/yaml-quick.ts), with no syntax tree, so a clean framework
 * can check in less CPU than the floor parses it.
 *
 *   tsx bench/check.ts [--small] [--no-fail] [--rounds N]
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateFramework } from "./generate.js";
import { Bench, benchArgs, countFlag, median, ROUNDS_FLAGS } from "./measure.js";
import { CLI, requireBuiltCli, runMeasured } from "./processes.js";

const USAGE = `tsx bench/check.ts [--small] [--no-fail] [--rounds N]

  --small     200 and 400 competencies instead of 2,000 and 4,000 (a quick look)
  --no-fail   report a missed target without exiting 1
  --rounds    runs of each side at each size, of which the median counts (default 5; 3 with --small)
Run \`npm run build\` first.`;
const values = benchArgs("check", USAGE, ROUNDS_FLAGS);
const SMALL = values.small ?? false;
const ROUNDS = countFlag("check", USAGE, "rounds", values.rounds, SMALL ? 3 : 5);
const TARGET = 1.3;
const SIZES = SMALL ? [10, 20] : [100, 200]; // areas of 20 competencies each
const FLOOR = new URL("parse-yaml.mjs", import.meta.url).pathname;

requireBuiltCli("check");
const bench = new Bench(
  "check",
  `generated frameworks of ${SIZES.map((a) => (a * 20).toLocaleString("en")).join(" and ")} competencies × 15 levels, median CPU of ${ROUNDS} runs each`,
);

const startup: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const run = await runMeasured([CLI, "--version"]);
  if (run.status !== 0) throw new Error(`rungs --version exited ${run.status}: ${run.stderr}`);
  startup.push(run.cpuMs);
}
bench.row({ what: "rungs --version (start-up alone)", value: median(startup), unit: "ms CPU" });

const ratios: number[] = [];
for (const areas of SIZES) {
  const dir = join(tmpdir(), `rungs-bench-check-${areas}`);
  const fw = generateFramework(dir, { levels: 15, areas, perArea: 20 });
  try {
    const checkCpu: number[] = [];
    const parseCpu: number[] = [];
    // alternate, so drift on a busy machine hits both sides
    for (let i = 0; i < ROUNDS; i++) {
      const parsed = await runMeasured([FLOOR, fw.dir]);
      if (parsed.status !== 0) throw new Error(`the YAML floor failed: ${parsed.stderr}`);
      parseCpu.push(parsed.cpuMs);
      const checked = await runMeasured([CLI, "check", fw.dir]);
      if (checked.status !== 0)
        throw new Error(`rungs check of the generated framework exited ${checked.status}: ${checked.stdout}`);
      checkCpu.push(checked.cpuMs);
    }
    const row = bench.row({
      what: `rungs check, ${fw.competencies.toLocaleString("en")} competencies (${fw.files.length} files)`,
      value: median(checkCpu),
      unit: "ms CPU",
      floor: { name: "yaml.parseDocument", value: median(parseCpu) },
      target: { op: "<=", value: TARGET, of: "ratio" },
    });
    ratios.push(row.ratio as number);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const [small, large] = ratios as [number, number];
bench.row({
  what: `growth of the ratio, ×${(SIZES[1] as number) / (SIZES[0] as number)} the input`,
  value: large / small,
  unit: "×",
});
bench.finish();
