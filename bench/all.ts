/**
 * `npm run bench`: every bench, one after the other, each in its own process and each judged by its own
 * targets; then bench/summary.ts writes bench/results/latest.md. Exits 1 when any bench did (a missed
 * target or a failure), after running the rest.
 *
 *   tsx bench/all.ts [--small] [--no-fail] [--only check,serve,...]
 *
 * --small runs each at a size for a quick look (a few minutes in all); --no-fail is passed on, so the run
 * reports without failing. Run it with `nice -n 10` on a shared machine.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchArgs, RESULTS_DIR, usageError } from "./measure.js";

const USAGE = `tsx bench/all.ts [--small] [--no-fail] [--only check,serve,...]

  --small     each bench at a size for a quick look (a few minutes in all)
  --no-fail   passed on to each bench: report missed targets without exiting 1
  --only      the benches to run, comma-separated (default all)
\`npm run bench\` builds first; run \`npm run build\` before running this file itself.`;
const values = benchArgs("all", USAGE, {
  small: { type: "boolean", default: false },
  "no-fail": { type: "boolean", default: false },
  only: { type: "string" },
});
const small = values.small ?? false;

interface Entry {
  name: string;
  /** Arguments and environment for a --small run. */
  small?: { args?: string[]; env?: Record<string, string> };
}

const BENCHES: Entry[] = [
  { name: "start" },
  { name: "check", small: { args: ["--small"] } },
  { name: "diff", small: { args: ["--small"] } },
  { name: "serve", small: { args: ["--small"] } },
  { name: "build", small: { args: ["--small"] } },
  { name: "team", small: { args: ["--small"] } },
  { name: "import", small: { args: ["--small"] } },
  { name: "load", small: { env: { BENCH_LOAD_SECONDS: "10", BENCH_LOAD_USERS: "50" } } },
  { name: "auth", small: { env: { BENCH_REQUESTS: "100", BENCH_SIGN_INS: "10" } } },
  // last: the longest (some 100,000 inputs), and the least about speed
  { name: "fuzz", small: { args: ["--count", "2000"] } },
];

const only = values.only?.split(",").map((s) => s.trim());
const unknown = only?.filter((name) => !BENCHES.some((b) => b.name === name)) ?? [];
if (unknown.length) {
  usageError(
    "all",
    `--only: no bench named ${unknown.join(", ")}; the benches: ${BENCHES.map((b) => b.name).join(", ")}`,
    USAGE,
  );
}

/** Runs one script under tsx in its own process, its output passed through; resolves with its exit status. */
function run(script: string, args: string[], env: Record<string, string> = {}): Promise<number | null> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", new URL(script, import.meta.url).pathname, ...args],
    {
      stdio: "inherit",
      env: { ...process.env, ...env },
    },
  );
  return new Promise((resolve) => child.on("close", resolve));
}

const runs: { bench: string; status: number | null; seconds: number }[] = [];
for (const bench of BENCHES.filter((b) => !only || only.includes(b.name))) {
  const args = [...(small ? (bench.small?.args ?? []) : []), ...(values["no-fail"] ? ["--no-fail"] : [])];
  const started = performance.now();
  console.log(`\n=== bench/${bench.name} ${args.join(" ")}`);
  const status = await run(`${bench.name}.ts`, args, small ? bench.small?.env : {});
  runs.push({ bench: bench.name, status, seconds: Math.round((performance.now() - started) / 1000) });
}
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, "runs.json"), `${JSON.stringify(runs, null, 2)}\n`);
await run("summary.ts", []);
const failed = runs.filter((r) => r.status !== 0);
console.log(
  `\nbench/all: ${runs.length} bench(es); ${failed.length ? `exit status not 0: ${failed.map((r) => `${r.bench} (${r.status})`).join(", ")}` : "all exited 0"}`,
);
if (failed.length) process.exitCode = 1;
