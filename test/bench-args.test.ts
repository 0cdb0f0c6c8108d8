/**
 * Every bench reads its flags one way (bench/measure.ts benchArgs): `--help` gives its usage, and a flag it
 * does not understand gives what is wrong and the usage with exit 2, before any work and without a stack.
 */
import { globSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { Bench, readBenchArgs } from "../bench/measure.js";

const USAGE = "tsx bench/x.ts [--small] [--rounds N]";
const OPTIONS = { small: { type: "boolean" }, rounds: { type: "string" } } as const;
const read = (...argv: string[]) => readBenchArgs("x", USAGE, OPTIONS, argv);

describe("a bench's flags", () => {
  it("are read when they are known", () => {
    expect(read("--small", "--rounds", "3")).toEqual({ values: { small: true, rounds: "3" } });
    expect(read()).toEqual({ values: {} });
  });

  it("--help (or -h) is the usage and exit 0", () => {
    expect(read("--help")).toEqual({ exit: 0, text: USAGE });
    expect(read("--small", "-h")).toEqual({ exit: 0, text: USAGE });
  });

  it("an unknown flag, a missing value or a stray argument says so, then the usage, and exit 2", () => {
    for (const [argv, says] of [
      [["--bogus"], "Unknown option '--bogus'"],
      [["--rounds"], "Option '--rounds <value>' argument missing"],
      [["big"], "Unexpected argument 'big'"],
    ] as const) {
      const answer = read(...argv);
      expect(answer, argv.join(" ")).toMatchObject({ exit: 2 });
      const text = "text" in answer ? answer.text : "";
      expect(text).toMatch(new RegExp(`^bench/x: ${says}`));
      expect(text.endsWith(`\n\n${USAGE}`)).toBe(true);
      expect(text).not.toMatch(/\n\s+at /);
    }
  });

  it("every bench script reads its flags through benchArgs (so each answers --help)", () => {
    const files = globSync("bench/*.ts", { cwd: new URL("../", import.meta.url).pathname });
    const sources = new Map(
      files.map((f) => [basename(f, ".ts"), readFileSync(new URL(`../${f}`, import.meta.url), "utf8")]),
    );
    // a script is a bench file no other bench file imports (the rest are the modules they share)
    const imported = new Set(
      [...sources.values()].flatMap((s) => [...s.matchAll(/from "\.\/([\w-]+)\.js"/g)].map((m) => m[1])),
    );
    const scripts = [...sources.keys()].filter((name) => !imported.has(name)).sort();
    expect(scripts).toEqual(expect.arrayContaining(["all", "serve", "summary", "team", "team-seed"]));
    for (const name of scripts) {
      expect(sources.get(name), name).toMatch(/\bbenchArgs\(/);
      expect(sources.get(name), name).not.toMatch(/\bparseArgs\(|process\.argv/);
    }
  });
});

describe("a bench row that could not be measured", () => {
  it("says why instead of a number, and misses its target", () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    try {
      const bench = new Bench("x", "nothing", []);
      const row = bench.row({
        what: "page, p99",
        value: Number.NaN,
        unit: "ms",
        target: { op: "<", value: 100, of: "value" },
        failed: "no request reached this page",
      });
      expect(row.ok).toBe(false);
      expect(lines.at(-1)).toContain("not measured: no request reached this page");
      expect(lines.at(-1)).not.toContain("NaN");
    } finally {
      log.mockRestore();
    }
  });
});
