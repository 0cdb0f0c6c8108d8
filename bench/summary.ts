/**
 * bench/summary: merges the rows every bench wrote to bench/results/<name>.json (and, after `npm run bench`,
 * each bench's exit status from bench/results/runs.json) into one table, bench/results/latest.md, which the
 * README links to.
 *
 *   tsx bench/summary.ts
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type BenchResult,
  benchArgs,
  formatNumber,
  formatTarget,
  formatVerdict,
  RESULTS_DIR,
  type Row,
} from "./measure.js";

benchArgs(
  "summary",
  "tsx bench/summary.ts\n\nMerges bench/results/<name>.json (and runs.json) into bench/results/latest.md; it takes no flags.",
  {},
);

/** One bench's run by bench/all.ts (bench/results/runs.json): how it ended and how long it took. */
interface Run {
  bench: string;
  status: number | null;
  seconds: number;
}

const RUNS_FILE = join(RESULTS_DIR, "runs.json");
const SUMMARY_FILE = join(RESULTS_DIR, "latest.md");

/** Benches in the order `npm run bench` runs them; others after, by name. */
const ORDER = ["start", "check", "serve", "build", "team", "load", "auth", "fuzz"];

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

function measured(row: Row): string {
  return row.failed ? `not measured: ${row.failed}` : `${formatNumber(row.value)} ${row.unit}`;
}

function readResults(): BenchResult[] {
  const files = existsSync(RESULTS_DIR) ? readdirSync(RESULTS_DIR).filter((f) => f.endsWith(".json")) : [];
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return files
    .filter((f) => f !== "runs.json")
    .map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), "utf8")) as BenchResult)
    .sort((a, b) => rank(a.bench) - rank(b.bench) || a.bench.localeCompare(b.bench));
}

/** Whether every bench started with fewer runnable tasks than cores (1-minute load average below the core count). */
function quiet(results: BenchResult[]): boolean {
  return results.every((r) => (r.machine.loadAtStart[0] ?? Number.POSITIVE_INFINITY) < r.machine.cpus);
}

/** The Markdown of the summary: what ran where, one table of every row, then each bench's notes. */
function summarize(results: BenchResult[], runs: Run[]): string {
  const first = results[0];
  const out: string[] = ["# rungs benchmarks: the latest run", ""];
  if (first) {
    const m = first.machine;
    const dates = results.map((r) => r.ranAt).sort();
    out.push(
      `Run ${dates[0]?.slice(0, 16).replace("T", " ")} to ${dates.at(-1)?.slice(0, 16).replace("T", " ")} UTC on ${m.cpus} × ${m.model}, Node ${m.node}.`,
      "",
      ...(quiet(results)
        ? [
            `The machine was quiet: the 1-minute load average at the start of every bench was below ${m.cpus} (its cores; the`,
            "list below gives each). Ratios compare with a floor measured in the same run; absolute times still move",
            "between runs, so rerun before drawing conclusions from a single number.",
          ]
        : [
            "**The machine was shared**: other work ran on the same cores while these benches did (the load average",
            "at the start of each bench is in the list below). Absolute times are noisy; read the ratios, which compare",
            "with a floor measured in the same run, and rerun before drawing conclusions from a single number.",
          ]),
      "How each bench measures, and its floor and targets: [bench/README.md](../README.md).",
      "",
    );
    if (results.some((r) => r.small))
      out.push("Some benches ran with `--small` (marked below): not the sizes of the targets.", "");
  } else out.push("No results yet: run `npm run bench`.", "");
  out.push("| bench | measurement | measured | floor (same run) | ratio | target | result |");
  out.push("|---|---|---:|---|---:|---|---|");
  for (const r of results) {
    for (const row of r.rows) {
      const floor = row.floor ? `${row.floor.name}: ${formatNumber(row.floor.value)} ${row.unit}` : "";
      const ratio = row.ratio === undefined ? "" : `${formatNumber(row.ratio)}×`;
      const verdict = formatVerdict(row);
      out.push(
        `| ${r.bench} | ${cell(row.what)} | ${measured(row)} | ${cell(floor)} | ${ratio} | ${cell(formatTarget(row))} | ${verdict === "MISSES target" ? "**misses**" : verdict === "meets target" ? "meets" : "—"} |`,
      );
    }
  }
  out.push("", "## Each bench", "");
  for (const r of results) {
    const run = runs.find((x) => x.bench === r.bench);
    const missed = r.rows.filter((row) => row.ok === false).length;
    const status = run ? `, exit status ${run.status}` : "";
    out.push(
      `- **${r.bench}**${r.small ? " (`--small`)" : ""}: ${r.input}. ${r.seconds} s, load average ${r.machine.loadAtStart.join(" / ")} at the start${status}; ${missed ? `${missed} target(s) missed` : "every target met"}.`,
    );
    for (const note of r.notes) out.push(`  - ${note}`);
  }
  for (const run of runs) {
    if (!results.some((r) => r.bench === run.bench))
      out.push(`- **${run.bench}**: wrote no results (exit status ${run.status} after ${run.seconds} s).`);
  }
  return `${out.join("\n")}\n`;
}

const runs = existsSync(RUNS_FILE) ? (JSON.parse(readFileSync(RUNS_FILE, "utf8")) as Run[]) : [];
writeFileSync(SUMMARY_FILE, summarize(readResults(), runs));
console.log(`bench/summary: wrote ${SUMMARY_FILE}`);
