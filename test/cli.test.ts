import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url).pathname;
const bin = join(root, "dist/cli/main.js");
const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version as string;

/** Runs the built `rungs` binary as a user would, without a TTY. */
function rungs(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "" },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("rungs (built binary)", () => {
  it("--version and --help", () => {
    expect(rungs("--version")).toMatchObject({ status: 0, stdout: `${version}\n` });
    const help = rungs("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("check [options] [paths...]");
    expect(rungs("check", "--help").stdout).toContain("--format <format>");
    expect(rungs("show", "--help").status).toBe(0);
  });

  it("no command named: the help on stderr, exit 2; help asked for: stdout, exit 0", () => {
    for (const args of [[], ["user"]]) {
      const run = rungs(...args);
      expect([args, run.status, run.stdout]).toEqual([args, 2, ""]);
      expect(run.stderr).toContain("Usage: rungs");
    }
    expect(rungs("help", "user")).toMatchObject({ status: 0, stderr: "" });
  });

  it("wrong arguments: a one-line error, the usage, exit 2", () => {
    for (const args of [["frobnicate"], ["check", "--bogus"], ["check", "--format", "xml"], ["show"]]) {
      const run = rungs(...args);
      expect(run.status).toBe(2);
      const [first, ...rest] = run.stderr.trim().split("\n");
      expect(first).toMatch(/^error: /);
      expect(rest.join("\n")).toContain("Usage: rungs");
    }
  });

  it("check on the bundled examples: exit 0, no warnings", () => {
    const run = rungs("check");
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/ok {2}.*examples\/engineering: 0 errors, 0 warnings/);
    expect(run.stdout).toMatch(/ok {2}.*examples\/product-matrix: 0 errors, 0 warnings/);
    expect(run.status).toBe(0);
  });

  it("check loads the yaml package only for a file the quick reader does not read", () => {
    // NODE_DEBUG=module logs each require: the package is the bundle's yaml.cjs (src/load/yaml-library.ts)
    const requires = (path: string) =>
      spawnSync(process.execPath, [bin, "check", path], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, NODE_DEBUG: "module" },
      }).stderr;
    expect(requires("examples/engineering")).not.toContain("yaml.cjs");
    expect(requires("test/fixtures/four-problems.yaml")).toContain("REQUEST ./yaml.cjs");
  });

  it("check reports four located problems in one run, compiler style, and exits 1", () => {
    const run = rungs("check", "test/fixtures/four-problems.yaml");
    expect(run.status).toBe(1);
    const heads = run.stdout.split("\n").filter((l) => l.startsWith("test/fixtures/four-problems.yaml:"));
    expect(heads).toEqual([
      "test/fixtures/four-problems.yaml:12:14  error  invalid-type  expected text, got a list",
      'test/fixtures/four-problems.yaml:16:15  error  unknown-reference  unknown level "junoir"',
      'test/fixtures/four-problems.yaml:18:5  error  duplicate-key  duplicate key "leverage"',
      'test/fixtures/four-problems.yaml:19:5  error  unknown-field  unknown field "colour"',
    ]);
    expect(run.stdout).toContain(
      '16 |     follows: [junoir]\n   |               ^^^^^^\n  hint: did you mean "junior"?',
    );
    expect(run.stdout).toContain("failed  test/fixtures/four-problems.yaml: 4 errors, 0 warnings");
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("check --format json gives every diagnostic with its location", () => {
    const run = rungs("check", "--format", "json", "test/fixtures/four-problems.yaml");
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.frameworks[0].ok).toBe(false);
    expect(report.frameworks[0].diagnostics[0]).toEqual({
      code: "invalid-type",
      severity: "error",
      message: "expected text, got a list",
      file: "test/fixtures/four-problems.yaml",
      line: 12,
      column: 14,
      path: "levels[0].summary",
    });
  });

  it("check on a path that does not exist exits 2", () => {
    const run = rungs("check", "no/such/framework");
    expect(run.status).toBe(2);
    expect(run.stdout).toContain("no/such/framework:1:1  error  read-error  no such file or directory");
  });

  it("schema prints the JSON Schema", () => {
    const run = rungs("schema");
    expect(run.status).toBe(0);
    const schema = JSON.parse(run.stdout);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema).toEqual(JSON.parse(readFileSync(join(root, "schema/rungs.schema.json"), "utf8")));
  });

  it("show prints the ladder, a level, and refuses an unknown level with a suggestion", () => {
    const ladder = rungs("show", "examples/engineering");
    expect(ladder.status).toBe(0);
    expect(ladder.stdout).toContain("Shared trunk: Intern → Junior → Mid → Senior → Lead");
    const title = "Engineering Career Framework (version 2026.2)";
    expect(ladder.stdout.startsWith(`${title}\n${"=".repeat(title.length)}\n`)).toBe(true);
    expect(ladder.stdout).toMatch(
      /Individual contributor: Staff → Principal → Architect {3}\(from Lead\) {3}\(into CTO\)/,
    );
    const level = rungs("show", "examples/engineering", "--level", "senior");
    expect(level.status).toBe(0);
    expect(level.stdout).toContain("Responsibilities");
    expect(level.stdout).toContain("Expectations");
    const wrong = rungs("show", "examples/engineering", "--level", "senoir");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe('rungs: no level "senoir" in examples/engineering; did you mean "senior"?\n');
    const broken = rungs("show", "test/fixtures/four-problems.yaml");
    expect(broken.status).toBe(0);
    expect(broken.stderr).toContain("has 3 errors; showing what could be read");
    expect(broken.stdout).toContain("Trunk: Junior → Senior");
  });
});
