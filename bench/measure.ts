/** Shared reporting for benchmarks: a ratio against a baseline taken in the same run, with its target. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface BenchReport {
  input: string;
  baseline: { name: string; ms: number };
  measured: { name: string; ms: number };
  target: { op: "<=" | ">="; ratio: number };
}

/** Prints one benchmark's result; returns whether the ratio meets the target. */
export function report(name: string, r: BenchReport): boolean {
  const ratio = r.measured.ms / r.baseline.ms;
  const ok = r.target.op === "<=" ? ratio <= r.target.ratio : ratio >= r.target.ratio;
  console.log(`bench/${name}: ${r.input}`);
  console.log(`  ${r.baseline.name.padEnd(20)} ${r.baseline.ms.toFixed(1).padStart(9)} ms (median)`);
  console.log(`  ${r.measured.name.padEnd(20)} ${r.measured.ms.toFixed(1).padStart(9)} ms (median)`);
  console.log(
    `  ratio ${ratio.toFixed(2)}   target ${r.target.op} ${r.target.ratio}   ${ok ? "meets target" : "MISSES target"}`,
  );
  return ok;
}
