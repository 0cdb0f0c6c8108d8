/**
 * The regression corpus of issue 12: hostile framework files through `load` in this process and through
 * `rungs check` as a process. Nothing throws, every diagnostic points inside the file it names, each case
 * reports what it must, and the command exits 0 or 1 with no stack and no raw control character.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/core/diagnostics.js";
import { memoryFileSystem, nodeFileSystem } from "../src/load/fs-port.js";
import { checkFramework } from "../src/load/load-framework.js";
import { loadOccupations } from "../src/load/occupations.js";
import { BASE } from "./support/check-yaml.js";
import { type HostileCase, hostileCorpus, writeCase } from "./support/hostile-corpus.js";

const root = new URL("../", import.meta.url).pathname;
const bin = join(root, "dist/cli/main.js");
const dir = mkdtempSync(join(tmpdir(), "rungs-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const corpus = hostileCorpus().map((c) => ({ ...c, path: writeCase(dir, c) }));

/** Each file's lines, read once (a case can have 100,000 diagnostics in one file). */
const linesOf = new Map<string, string[] | undefined>();

/** A diagnostic points at a line of the file it names, and at most one column past that line's end. */
function expectInside(d: Diagnostic, where: string): void {
  expect(d.file, where).not.toBe("");
  expect(["error", "warning", "info"], where).toContain(d.severity);
  expect(d.message.length, where).toBeGreaterThan(0);
  expect(d.line, where).toBeGreaterThanOrEqual(1);
  expect(d.column, where).toBeGreaterThanOrEqual(1);
  if (!linesOf.has(d.file)) {
    try {
      linesOf.set(d.file, readFileSync(d.file, "utf8").split("\n"));
    } catch {
      linesOf.set(d.file, undefined);
    }
  }
  const lines = linesOf.get(d.file);
  // a folder (a problem of the whole directory) is pointed at as a whole
  if (!lines) {
    expect(`${d.line}:${d.column}`, where).toBe("1:1");
    return;
  }
  expect(d.line, where).toBeLessThanOrEqual(lines.length);
  expect(d.column, where).toBeLessThanOrEqual((lines[d.line - 1] as string).length + 1);
}

describe("hostile framework files through load", () => {
  it.each(corpus.map((c) => [c.name, c] as const))("%s", async (_name, c: HostileCase & { path: string }) => {
    const occupations = await loadOccupations(nodeFileSystem);
    const result = await checkFramework(c.path, nodeFileSystem, { occupations });
    const codes = new Set(result.diagnostics.map((d) => d.code));
    for (const code of c.expect) expect(codes, `${c.name} reports ${code}`).toContain(code);
    if (c.expect.length === 0) expect(result.diagnostics).toEqual([]);
    for (const d of result.diagnostics) expectInside(d, `${c.name}: ${d.code} ${d.message}`);
  });

  it("a lone surrogate in text handed over in memory", async () => {
    const fs = memoryFileSystem({ "fw.yaml": BASE.replace("name: Tiny", "name: Ti\udc00ny") });
    const result = await checkFramework("fw.yaml", fs);
    expect(result.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual([
      "invalid-character@3:9",
    ]);
  });
});

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

describe("hostile framework files through `rungs check` as a process", () => {
  // A few cases per process: starting node once per case would cost more than checking them.
  const batches: (typeof corpus)[] = [];
  for (let i = 0; i < corpus.length; i += 9) batches.push(corpus.slice(i, i + 9));

  it.each(batches.map((b, i) => [i + 1, b] as const))(
    "batch %i: exit 0 or 1, located diagnostics, a summary per case, no stack, no control character",
    async (_n, batch) => {
      const paths = batch.map((c) => relative(dir, c.path));
      const run = await rungs(["check", "--", ...paths], 180_000);
      expect(run.status, run.stderr).not.toBeNull();
      expect([0, 1]).toContain(run.status);
      expect(run.stderr).toBe("");
      // newline and tab are the only control characters the output may hold
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(run.stdout).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
      for (const path of paths)
        expect(run.stdout).toMatch(new RegExp(`^(ok|failed) {2}${escapeRe(path)}: `, "m"));
      const heads = run.stdout.split("\n").filter((l) => /^\S.*:\d+:\d+ {2}(error|warning|info) {2}/.test(l));
      const total = batch.reduce((n, c) => n + (c.expect.length ? 1 : 0), 0);
      expect(heads.length).toBeGreaterThanOrEqual(total);
      for (const head of heads) {
        const [, line, column] = head.match(/:(\d+):(\d+) {2}/) ?? [];
        expect(Number(line)).toBeGreaterThanOrEqual(1);
        expect(Number(column)).toBeGreaterThanOrEqual(1);
      }
    },
    200_000,
  );
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
