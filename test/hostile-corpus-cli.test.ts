/**
 * The regression corpus of issue 12 through `rungs check` as a process (the built binary): each run exits 0
 * or 1, with located diagnostics, a summary per case, no stack and no raw control character. The same files
 * through `load` in process: hostile-corpus.test.ts.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SHOWN_PER_FILE } from "../src/cli/check-command.js";
import { hostileCorpus, writeCase } from "./support/hostile-corpus.js";

const root = new URL("../", import.meta.url).pathname;
const bin = join(root, "dist/cli/main.js");
const dir = mkdtempSync(join(tmpdir(), "rungs-hostile-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const corpus = hostileCorpus().map((c) => ({ ...c, path: writeCase(dir, c) }));

/** Runs the built binary; killed after `guardMs` only so that a hang fails the test instead of the run. */
function rungs(
  args: string[],
  guardMs: number,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      stderr += s;
    });
    const guard = setTimeout(() => child.kill("SIGKILL"), guardMs);
    child.on("close", (status) => {
      clearTimeout(guard);
      resolve({ status, stdout, stderr });
    });
  });
}

const FLOOD = "a 100,000-item list of unknown references";

/** Lines that start a diagnostic (`path:line:column  severity  ...`). */
const headsOf = (stdout: string) =>
  stdout.split("\n").filter((l) => /^\S.*:\d+:\d+ {2}(error|warning|info) {2}/.test(l));

/**
 * What every run of the corpus must print: exit 0 or 1, nothing on stderr, no raw control character, no stack,
 * a summary line per case, and at least one located diagnostic for each case that expects one.
 */
function expectWellFormed(run: Awaited<ReturnType<typeof rungs>>, batch: typeof corpus): void {
  expect(run.status, run.stderr).not.toBeNull();
  expect([0, 1]).toContain(run.status);
  expect(run.stderr).toBe("");
  // newline and tab are the only control characters the output may hold
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  expect(run.stdout).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
  for (const c of batch)
    expect(run.stdout).toMatch(new RegExp(`^(ok|failed) {2}${escapeRe(relative(dir, c.path))}: `, "m"));
  const heads = headsOf(run.stdout);
  const total = batch.reduce((n, c) => n + (c.expect.length ? 1 : 0), 0);
  expect(heads.length).toBeGreaterThanOrEqual(total);
  for (const head of heads) {
    const [, line, column] = head.match(/:(\d+):(\d+) {2}/) ?? [];
    expect(Number(line)).toBeGreaterThanOrEqual(1);
    expect(Number(column)).toBeGreaterThanOrEqual(1);
  }
}

describe("hostile framework files through `rungs check` as a process", () => {
  // A few cases per process: starting node once per case would cost more than checking them. The flood case
  // has a process of its own below, which holds it to the same as these.
  const rest = corpus.filter((c) => c.name !== FLOOD);
  const batches: (typeof corpus)[] = [];
  for (let i = 0; i < rest.length; i += 9) batches.push(rest.slice(i, i + 9));

  it.each(batches.map((b, i) => [i + 1, b] as const))(
    "batch %i: exit 0 or 1, located diagnostics, a summary per case, no stack, no control character",
    async (_n, batch) => {
      const run = await rungs(["check", "--", ...batch.map((c) => relative(dir, c.path))], 180_000);
      expectWellFormed(run, batch);
    },
    200_000,
  );
});

describe("a file with a flood of diagnostics", () => {
  it(`prints the first ${SHOWN_PER_FILE} of the file's and says how many more`, async () => {
    const flood = corpus.find((c) => c.name === FLOOD);
    if (!flood) throw new Error("the corpus lost its flood case");
    const run = await rungs(["check", "--", relative(dir, flood.path)], 180_000);
    expectWellFormed(run, [flood]);
    expect(run.status).toBe(1);
    expect(headsOf(run.stdout)).toHaveLength(SHOWN_PER_FILE);
    expect(run.stdout).toMatch(/^… and \d+ more in \S+ \(--format json lists every one\)$/m);
    // the summary still counts them all
    expect(run.stdout).toMatch(/^failed {2}.*: \d{5,} errors/m);
  }, 200_000);
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
