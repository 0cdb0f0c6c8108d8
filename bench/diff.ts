/**
 * bench/diff: `rungs diff OLD NEW` (the built CLI) on two versions of the large generated framework, the
 * second with 5% of its texts reworded (one sentence in twenty gets a word changed), against
 * `git diff --no-index --word-diff` of the same two folders (the floor: a line-and-word diff that knows
 * nothing of the structure). CPU time (user + system) of each child, median of the rounds, alternating sides
 * (wall time means nothing on a shared machine). Target: ≤ 3×. A second row rewords texts in two area files
 * only, as a pull request more often does: rungs then leaves out the files the same on both sides.
 *
 *   tsx bench/diff.ts [--small] [--no-fail] [--rounds N]
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateFramework } from "./generate.js";
import { Bench, benchArgs, countFlag, median, ROUNDS_FLAGS } from "./measure.js";
import { CLI, requireBuiltCli, runMeasured } from "./processes.js";

const USAGE = `tsx bench/diff.ts [--small] [--no-fail] [--rounds N]

  --small     200 competencies instead of 2,000 (a quick look)
  --no-fail   report a missed target without exiting 1
  --rounds    runs of each side, of which the median counts (default 5; 3 with --small)
Run \`npm run build\` first.`;
const values = benchArgs("diff", USAGE, ROUNDS_FLAGS);
const SMALL = values.small ?? false;
const ROUNDS = countFlag("diff", USAGE, "rounds", values.rounds, SMALL ? 3 : 5);
const AREAS = SMALL ? 10 : 100; // areas of 20 competencies each
const TARGET = 3;

requireBuiltCli("diff");
const bench = new Bench(
  "diff",
  `two versions of a generated framework of ${(AREAS * 20).toLocaleString("en")} competencies × 15 levels, 5% of texts reworded, median CPU of ${ROUNDS} runs`,
);

// a folder of its own: two runs at once (or a run beside another checkout's) never share files
const root = mkdtempSync(join(tmpdir(), `rungs-bench-diff-${AREAS}-`));
const before = join(root, "before");
const after = join(root, "after");
/** Rewords every twentieth text line of the first `files` area files (all by default): "Regularly" becomes "Usually". */
function reword(dir: string, files = Number.POSITIVE_INFINITY): number {
  let seen = 0;
  let changed = 0;
  for (const name of readdirSync(join(dir, "areas")).sort().slice(0, files)) {
    const file = join(dir, "areas", name);
    const lines = readFileSync(file, "utf8")
      .split("\n")
      .map((line) => {
        if (!line.includes("Regularly")) return line;
        if (seen++ % 20 !== 0) return line;
        changed++;
        return line.replace("Regularly", "Usually");
      });
    writeFileSync(file, lines.join("\n"));
  }
  return changed;
}

/** CPU time (user + system) of `git diff`, in ms, as /usr/bin/time reports it; the output is dropped. */
function gitCpu(before: string, after: string): number {
  const args = ["-f", "%U %S", "git", "diff", "--no-index", "--no-color", "--word-diff", before, after];
  const run = spawnSync("/usr/bin/time", args, { maxBuffer: 1024 * 1024 * 1024, encoding: "utf8" });
  if (run.status !== 0 && run.status !== 1) throw new Error(`git diff exited ${run.status}: ${run.stderr}`);
  const [user = 0, system = 0] = (run.stderr.trim().split("\n").at(-1) ?? "").split(" ").map(Number);
  return (user + system) * 1000;
}

/** CPU time of one child process of Node running `args`, which must exit 0 (or 1: a diff found). */
async function nodeCpu(args: string[]): Promise<number> {
  const run = await runMeasured(args);
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return run.cpuMs;
}

/**
 * Diffs `before` and `after` ROUNDS times, alternating with git, and adds the row; `held` to the target or
 * reported, with Node's own start (`node -e ""`) measured in the same rounds beside it.
 */
async function measure(what: string, before: string, after: string, held: boolean): Promise<void> {
  const rungs: number[] = [];
  const git: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    git.push(gitCpu(before, after));
    rungs.push(await nodeCpu([CLI, "diff", before, after, "--format", "json"]));
    node.push(await nodeCpu(["-e", ""]));
  }
  const floor = { name: "git diff --word-diff", value: median(git) };
  bench.row({
    what,
    value: median(rungs),
    unit: "ms CPU",
    floor,
    ...(held ? { target: { op: "<=", value: TARGET, of: "ratio" } as const } : {}),
  });
  bench.row({ what: `  node -e "" in the same rounds`, value: median(node), unit: "ms CPU", floor });
}

try {
  const fw = generateFramework(before, { levels: 15, areas: AREAS, perArea: 20 });
  cpSync(before, after, { recursive: true });
  const changed = reword(after);
  bench.note(
    `${changed.toLocaleString("en")} texts reworded of ${fw.expectations.toLocaleString("en")} expectations, in every area file`,
  );
  const competencies = fw.competencies.toLocaleString("en");
  await measure(`rungs diff, ${competencies} competencies, every file changed`, before, after, true);
  // A pull request more often changes a few files: the files the same on both sides are not read. Reported
  // without the target: git takes ~20 ms of CPU here, and Node's own start (`node -e ""`, the row below it)
  // is ~60, so no program on Node could be held to 3× of it; the case is the row above.
  const few = join(root, "few");
  cpSync(before, few, { recursive: true });
  const fewChanged = reword(few, 2);
  bench.note(`second row: ${fewChanged.toLocaleString("en")} texts reworded in 2 of ${AREAS} area files`);
  await measure(`rungs diff, ${competencies} competencies, 2 files changed`, before, few, false);
} finally {
  rmSync(root, { recursive: true, force: true });
}
bench.finish();
