/**
 * bench/fuzz: 100,000 fuzzed framework files (test/support/fuzz.ts) through `checkFramework`, in this
 * process. Prints how many inputs threw, took over 2 s of CPU time, or got a diagnostic that does not
 * point inside the text, against the target 0 / 0 / 0, and the peak memory; exits 1 when a target is
 * missed. Each failing input is printed with its number, so `--only <n>` reruns just that one. CPU time,
 * not wall time: these machines are shared, and wall time would count the other processes' work.
 *
 *   tsx bench/fuzz.ts [--count 100000] [--seed 2026] [--only n]
 */
import { parseArgs } from "node:util";
import { nodeFileSystem } from "../src/load/fs-port.js";
import { loadOccupations } from "../src/load/occupations.js";
import { fuzzInput, judge } from "../test/support/fuzz.js";

const SLOW_MS = 2_000;

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "100000" },
    seed: { type: "string", default: "2026" },
    only: { type: "string" },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
  console.error("usage: tsx bench/fuzz.ts [--count n] [--seed n] [--only n]");
  process.exit(2);
}
const numbers =
  values.only !== undefined ? [Number(values.only)] : Array.from({ length: count }, (_, i) => i);

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

const peakMiB = process.resourceUsage().maxRSS / 1024;
const line = (name: string, value: number) =>
  `  ${name.padEnd(24)} ${String(value).padStart(8)}   target 0   ${value === 0 ? "meets target" : "MISSES target"}`;
console.log(`bench/fuzz: ${numbers.length.toLocaleString("en")} fuzzed framework files of seed ${seed}`);
console.log(line("threw", threw));
console.log(line(`ran over ${SLOW_MS / 1000} s of CPU`, slow));
console.log(line("unlocated diagnostics", unlocated));
console.log(`  slowest input            #${slowest.n}, ${slowest.ms.toFixed(0)} ms of CPU`);
console.log(`  peak RSS                 ${peakMiB.toFixed(0)} MiB`);
console.log(`  total                    ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = threw + slow + unlocated === 0 ? 0 : 1;
