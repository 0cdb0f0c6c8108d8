/**
 * The regression corpus of issue 12 through `rungs check` as a process (the built binary): each run exits 0
 * or 1, with located diagnostics, a summary per case, no stack and no raw control character. Every case, the
 * large ones only there, through `load` and the command's text report in process: hostile-corpus.test.ts.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SHOWN_PER_FILE } from "../src/cli/check-command.js";
import {
  expectWellFormedReport,
  type HostileCase,
  headsOf,
  hostileCorpus,
  writeCase,
} from "./support/hostile-corpus.js";

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

/**
 * What every run of the corpus must give: exit 0 or 1, nothing on stderr, and a well-formed report (no raw
 * control character, no stack, a summary line per case, a located diagnostic for each case that expects one).
 */
function expectWellFormed(run: Awaited<ReturnType<typeof rungs>>, batch: typeof corpus): void {
  expect(run.status, run.stderr).not.toBeNull();
  expect([0, 1]).toContain(run.status);
  expect(run.stderr).toBe("");
  const located = batch.reduce((n, c) => n + (c.expect.length ? 1 : 0), 0);
  expectWellFormedReport(
    run.stdout,
    batch.map((c) => relative(dir, c.path)),
    located,
  );
}

/** Bytes a case's files hold. */
const sizeOf = (c: HostileCase) => Object.values(c.files).reduce((n, f) => n + f.length, 0);

describe("hostile framework files through `rungs check` as a process", () => {
  // Every case's report is held to the same rules in process (hostile-corpus.test.ts, through the command's
  // own textReport), where each case is loaded once; the large generated ones took most of this file's CPU
  // a second time here. The process proves its own part, the exit code, standard error and the wiring from
  // the arguments to the report, on the small cases in one process and on the flood below.
  const small = corpus.filter((c) => c.name !== FLOOD && sizeOf(c) < 64 * 1024);

  it("the small cases in one process: exit 0 or 1, located diagnostics, a summary per case, no stack, no control character", async () => {
    expect(small.length).toBeGreaterThan(30);
    const run = await rungs(["check", "--", ...small.map((c) => relative(dir, c.path))], 180_000);
    expectWellFormed(run, small);
  }, 200_000);
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
