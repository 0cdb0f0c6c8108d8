/**
 * bench/check: `rungs check` (load + validate + lint) of a large generated framework against bare YAML
 * parsing of the same files, in the same run. Target: ratio <= 1.5.
 */
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { nodeFileSystem } from "../src/load/fs-port.js";
import { checkFramework } from "../src/load/load-framework.js";
import { loadOccupations } from "../src/load/occupations.js";
import { generateFramework } from "./generate.js";
import { median, report } from "./measure.js";

const TARGET = 1.5;
const ROUNDS = 7;

const fw = generateFramework(join(tmpdir(), "rungs-bench-check"));
const occupations = await loadOccupations(nodeFileSystem);

const bareParse = () => {
  for (const file of fw.files) parse(readFileSync(file, "utf8"));
};
const check = async () => {
  const result = await checkFramework(fw.dir, nodeFileSystem, { occupations });
  if (!result.ok) throw new Error(`generated framework has errors: ${result.diagnostics[0]?.message}`);
};

// warm up both paths, then alternate so drift on a noisy machine hits both equally
bareParse();
await check();
const parseTimes: number[] = [];
const checkTimes: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  let t = performance.now();
  bareParse();
  parseTimes.push(performance.now() - t);
  t = performance.now();
  await check();
  checkTimes.push(performance.now() - t);
}

report("check", {
  input: `${fw.files.length} files, ${fw.levels} levels, ${fw.competencies} competencies, ${fw.expectations} expectations`,
  baseline: { name: "bare YAML parse", ms: median(parseTimes) },
  measured: { name: "rungs check", ms: median(checkTimes) },
  target: { op: "<=", ratio: TARGET },
});
