/**
 * bench/fuzz: 100,000 fuzzed framework files (test/support/fuzz.ts) through `checkFramework`, in this
 * process. Prints how many inputs threw, took over 2 s of CPU time, or got a diagnostic that does not
 * point inside the text, against the target 0 / 0 / 0, and the peak memory; exits 1 when a target is
 * missed (unless --no-fail). Each failing input is printed with its number, so `--only <n>` reruns just that one. CPU time,
 * not wall time: these machines are shared, and wall time would count the other processes' work.
 *
 *   tsx bench/fuzz.ts [--count 100000] [--seed 2026] [--only n] [--no-fail]
 */
import { nodeFileSystem } from "../src/load/fs-port.js";
import { loadOccupations } from "../src/load/occupations.js";
import { fuzzInput, judge } from "../test/support/fuzz.js";
import { Bench, benchArgs, countFlag, usageError } from "./measure.js";

const SLOW_MS = 2_000;

const USAGE = `tsx bench/fuzz.ts [--count N] [--seed N] [--only N] [--no-fail]

  --count     how many fuzzed files (default 100000)
  --seed      the seed they are made from (default 2026)
  --only      just the file of this number, as a failing one is printed
  --no-fail   report a missed target without exiting 1`;
const values = benchArgs("fuzz", USAGE, {
  count: { type: "string" },
  seed: { type: "string", default: "2026" },
  only: { type: "string" },
  "no-fail": { type: "boolean", default: false },
});
const count = countFlag("fuzz", USAGE, "count", values.count, 100_000);
const seed = Number(values.seed);
if (!Number.isSafeInteger(seed)) usageError("fuzz", `--seed: "${values.seed}" is not a whole number`, USAGE);
if (values.only !== undefined && !/^\d+$/.test(values.only))
  usageError("fuzz", `--only: "${values.only}" is not a file's number`, USAGE);
const numbers =
  values.only !== undefined ? [Number(values.only)] : Array.from({ length: count }, (_, i) => i);

const bench = new Bench(
  "fuzz",
  `${numbers.length.toLocaleString("en")} fuzzed framework files of seed ${seed}`,
);
const occupations = await loadOccupations(nodeFileSystem);
let threw = 0;
let slow = 0;
let unlocated = 0;
let slowest = { n: -1, ms: 0 };
const started = performance.now();
const show = (text: string) => JSON.stringify(text.length > 160 ? `${text.slice(0, 160)}…` : text);

for (const n of numbers) {
  const text = fuzzInput(seed, n);
  const outcome = await judge(text, occupations);
  if (outcome.ms > slowest.ms) slowest = { n, ms: outcome.ms };
  if (outcome.threw) {
    threw++;
    console.log(`#${n} threw: ${outcome.threw.split("\n").slice(0, 4).join(" | ")}\n  input ${show(text)}`);
  }
  if (outcome.ms > SLOW_MS) {
    slow++;
    console.log(
      `#${n} took ${(outcome.ms / 1000).toFixed(1)} s of CPU (${text.length} characters)\n  input ${show(text)}`,
    );
  }
  if (outcome.unlocated.length > 0) {
    unlocated++;
    const d = outcome.unlocated[0];
    console.log(`#${n} unlocated: ${d?.code} at ${d?.file}:${d?.line}:${d?.column}\n  input ${show(text)}`);
  }
  if (numbers.length > 1 && (n + 1) % 10_000 === 0) {
    console.log(
      `  … ${(n + 1).toLocaleString("en")} inputs, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
}

const zero = { op: "<=", value: 0, of: "value" } as const;
bench.row({ what: "inputs that threw", value: threw, unit: "inputs", target: zero });
bench.row({ what: `inputs over ${SLOW_MS / 1000} s of CPU`, value: slow, unit: "inputs", target: zero });
bench.row({ what: "inputs with an unlocated diagnostic", value: unlocated, unit: "inputs", target: zero });
bench.row({ what: `slowest input (#${slowest.n})`, value: slowest.ms, unit: "ms CPU" });
bench.row({ what: "peak RSS", value: process.resourceUsage().maxRSS / 1024, unit: "MiB" });
bench.row({ what: "total", value: (performance.now() - started) / 1000, unit: "s" });
bench.finish();
