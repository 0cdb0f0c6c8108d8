/**
 * The fuzz test of issue 12, deterministic: the same 3,000 mutated and generated framework files every
 * run (bench/fuzz runs 100,000). None may make the loader throw, and every diagnostic must point inside
 * the text. A failure names the input's number, so `fuzzInput(SEED, n)` gives it back.
 */
import { describe, expect, it } from "vitest";
import { nodeFileSystem } from "../src/load/fs-port.js";
import { loadOccupations } from "../src/load/occupations.js";
import { fuzzInput, judge } from "./support/fuzz.js";

const SEED = 2026;
const INPUTS = 3_000;

describe("fuzzed framework files", () => {
  it(`${INPUTS.toLocaleString("en")} inputs of seed ${SEED}: no throw, every diagnostic located`, async () => {
    const occupations = await loadOccupations(nodeFileSystem);
    const failures: string[] = [];
    for (let n = 0; n < INPUTS; n++) {
      const outcome = await judge(fuzzInput(SEED, n), occupations);
      if (outcome.threw) failures.push(`#${n} threw: ${outcome.threw.split("\n").slice(0, 3).join(" | ")}`);
      for (const d of outcome.unlocated.slice(0, 2))
        failures.push(`#${n} unlocated: ${d.code} at ${d.file}:${d.line}:${d.column} ${d.message}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
