/**
 * What every benchmark shares: statistics, the `--no-fail` and `--small` switches, and the report. A bench
 * measures something rungs does against a floor taken in the same run (these machines are shared and noisy,
 * so only ratios mean anything), prints each row with its target beside it, writes its rows to
 * bench/results/<name>.json for bench/summary.ts, and exits 1 when a target is missed unless `--no-fail`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";

export const RESULTS_DIR = new URL("results/", import.meta.url).pathname;

/** What is wrong with a bench's flags, then its usage: what a usage error prints. */
const usageText = (name: string, message: string, usage: string): string =>
  `bench/${name}: ${message}\n\n${usage}`;

/** Says what is wrong with a bench's flags, then its usage, on stderr, and exits 2. */
export function usageError(name: string, message: string, usage: string): never {
  console.error(usageText(name, message, usage));
  process.exit(2);
}

/** A flag's whole number of at least 1 (`--rounds 3`), `fallback` when it is not given; else a usage error. */
export function countFlag(
  name: string,
  usage: string,
  flag: string,
  value: string | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    usageError(name, `--${flag}: "${value}" is not a whole number of at least 1`, usage);
  return n;
}

/** The flags of a bench measured in rounds at a full and a small size: --small, --no-fail, --rounds N. */
export const ROUNDS_FLAGS = {
  small: { type: "boolean", default: false },
  "no-fail": { type: "boolean", default: false },
  rounds: { type: "string" },
} as const;

type BenchValues<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>["values"];

/**
 * A bench's flags read from `argv`, or what to print and the exit status instead: the usage and 0 for
 * `--help`; for an unknown flag, a flag without its value or a stray argument, what is wrong, the usage and 2.
 */
export function readBenchArgs<const O extends ParseArgsOptionsConfig>(
  name: string,
  usage: string,
  options: O,
  argv: string[],
): { values: BenchValues<O> } | { exit: 0 | 2; text: string } {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { exit: 2, text: usageText(name, error instanceof Error ? error.message : String(error), usage) };
  }
  if (values.help) return { exit: 0, text: usage };
  return { values: values as BenchValues<O> };
}

/**
 * A bench's flags, the one way every bench reads them (readBenchArgs): `--help` prints the usage and exits 0;
 * a flag it does not understand prints what is wrong and the usage and exits 2, before any work, never a stack.
 */
export function benchArgs<const O extends ParseArgsOptionsConfig>(
  name: string,
  usage: string,
  options: O,
): BenchValues<O> {
  const read = readBenchArgs(name, usage, options, process.argv.slice(2));
  if ("values" in read) return read.values;
  if (read.exit === 0) console.log(read.text);
  else console.error(read.text);
  process.exit(read.exit);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The nearest-rank percentile (p in 0…100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** A bound on the ratio to the floor, or on the measured value itself. */
export interface Target {
  op: "<=" | ">=" | "<";
  value: number;
  of: "ratio" | "value";
}

export interface Row {
  /** What was measured, e.g. "matrix page, cached: throughput". */
  what: string;
  value: number;
  unit: string;
  /** The floor taken in the same run, in the same unit. */
  floor?: { name: string; value: number };
  /** value ÷ floor.value */
  ratio?: number;
  target?: Target;
  /** Whether the target is met; absent when the row has no target (reported for information). */
  ok?: boolean;
  /** Why nothing could be measured (the page did not answer…): the row misses its target whatever its value. */
  failed?: string;
}

export interface BenchResult {
  bench: string;
  input: string;
  ranAt: string;
  seconds: number;
  machine: { cpus: number; model: string; node: string; loadAtStart: number[]; loadAtEnd: number[] };
  small: boolean;
  rows: Row[];
  notes: string[];
}

function meets(actual: number, t: Target): boolean {
  if (t.op === "<=") return actual <= t.value;
  if (t.op === ">=") return actual >= t.value;
  return actual < t.value;
}

const OP = { "<=": "≤", ">=": "≥", "<": "<" } as const;

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) || Math.abs(n) >= 100) return Math.round(n).toLocaleString("en");
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export function formatTarget(row: Row): string {
  if (!row.target) return "—";
  const t = row.target;
  return t.of === "ratio"
    ? `${OP[t.op]} ${t.value}× ${row.floor?.name ?? "floor"}`
    : `${OP[t.op]} ${formatNumber(t.value)} ${row.unit}`;
}

export function formatVerdict(row: Row): string {
  return row.ok === undefined ? "(reported)" : row.ok ? "meets target" : "MISSES target";
}

/** Collects a bench's rows, printing each as it comes. */
export class Bench {
  readonly noFail: boolean;
  readonly small: boolean;
  private readonly rows: Row[] = [];
  private readonly notes: string[] = [];
  private readonly started = performance.now();
  private readonly loadAtStart = loadavg();

  constructor(
    readonly name: string,
    readonly input: string,
    argv: string[] = process.argv.slice(2),
  ) {
    this.noFail = argv.includes("--no-fail");
    this.small = argv.includes("--small");
    console.log(`bench/${name}: ${input}${this.small ? " (--small)" : ""}`);
  }

  /** Adds and prints one row; the ratio and the verdict are computed here, once. */
  row(r: Omit<Row, "ratio" | "ok">): Row {
    const ratio = r.floor ? r.value / r.floor.value : undefined;
    const row: Row = { ...r, ...(ratio === undefined ? {} : { ratio }) };
    if (r.target) {
      const actual = r.target.of === "ratio" ? ratio : r.value;
      row.ok = actual !== undefined && !r.failed && meets(actual, r.target);
    }
    this.rows.push(row);
    const floor = r.floor ? `   ${r.floor.name} ${formatNumber(r.floor.value)} ${r.unit}` : "";
    const ratioText = ratio === undefined ? "" : `   ratio ${formatNumber(ratio)}×`;
    console.log(
      `  ${r.what.padEnd(46)} ${r.failed ? `not measured: ${r.failed}` : `${formatNumber(r.value).padStart(9)} ${r.unit}`}${floor}${ratioText}   target ${formatTarget(row)}   ${formatVerdict(row)}`,
    );
    return row;
  }

  /** A line printed now and kept with the results (what was skipped, how something was measured). */
  note(text: string): void {
    this.notes.push(text);
    console.log(`  ${text}`);
  }

  /** Writes bench/results/<name>.json and sets the exit status: 1 when a target was missed, unless --no-fail. */
  finish(): BenchResult {
    const cpu = cpus()[0];
    const result: BenchResult = {
      bench: this.name,
      input: this.input,
      ranAt: new Date().toISOString(),
      seconds: Math.round((performance.now() - this.started) / 100) / 10,
      machine: {
        cpus: availableParallelism(),
        model: cpu?.model ?? "unknown",
        node: process.version,
        loadAtStart: this.loadAtStart.map((l) => Math.round(l * 100) / 100),
        loadAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
      },
      small: this.small,
      rows: this.rows,
      notes: this.notes,
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, `${this.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    const missed = this.rows.filter((r) => r.ok === false).length;
    console.log(
      `  ${missed ? `${missed} target(s) missed` : "every target met"}; rows in bench/results/${this.name}.json`,
    );
    if (missed && !this.noFail) process.exitCode = 1;
    return result;
  }
}
