import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInWith } from "./support/run-cli.js";

const root = new URL("../", import.meta.url).pathname;
const bin = join(root, "dist/cli/main.js");
const OTHER = "test/fixtures/adjacent/other.yaml";

/** The two full examples, named: the bundled default adds the five seed examples. */
const TWO_EXAMPLES = ["examples/engineering", "examples/product-matrix"];

const environment = (env: Record<string, string>) => ({
  ...process.env,
  NO_COLOR: "",
  RUNGS_SCHEMES_DIR: "",
  ...env,
});

/** Runs the built `rungs` binary as a user would, without a TTY. */
function binary(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: "utf8",
    env: environment({}),
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Runs `rungs` in this process, with the binary's environment and folder: the commands' own code. Their wiring
 * into the binary is tested once per command, with `binary`.
 */
function rungs(...args: string[]) {
  return rungsWith({}, ...args);
}

async function rungsWith(env: Record<string, string>, ...args: string[]) {
  const run = await runInWith({ cwd: root, env: environment(env) }, args);
  return { status: run.status, stdout: run.out, stderr: run.err };
}

/** A usage error: exit 2 and exactly one line on standard error. */
function expectUsageError(run: Awaited<ReturnType<typeof rungs>>, line: string) {
  expect(run.stdout).toBe("");
  expect(run.stderr).toBe(`rungs: ${line}\n`);
  expect(run.status).toBe(2);
}

describe("rungs adjacent", () => {
  it("prints the nearest role-levels of the bundled examples with distance, parts and band", async () => {
    const run = binary("adjacent", "backend-engineer", "--level", "senior");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "Backend Engineer at Senior · software-engineering.backend-engineer.senior · Engineering Career Framework",
      "reference step 4 (Senior)",
      "bands: close ≤ 0.25, review ≤ 0.50, else far · weights: level 0.5, taxonomy 0.35, content 0.15",
    ]);
    expect(lines[4]).toMatch(
      /^distance {2}band {4}level {2}taxonomy {2}content {2}framework {4}code +role at level$/,
    );
    const rows = lines.slice(5).filter(Boolean);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatch(
      /^0\.13 +close +0\.25 +0\.00 +0\.00 +engineering +software-engineering\.backend-engineer\.mid +Backend Engineer · Mid$/,
    );
    expect(rows).toContainEqual(
      expect.stringMatching(
        /^0\.29 +review +0\.00 +0\.40 +1\.00 +engineering +software-engineering\.frontend-engineer\.senior +Frontend Engineer · Senior$/,
      ),
    );
    expect(run.stdout).not.toContain("backend-engineer.senior  ");
  });

  it("--limit and --format json", async () => {
    const text = await rungs("adjacent", "backend-engineer", "--level", "senior", "--limit", "3");
    expect(text.stdout.split("\n").slice(5).filter(Boolean)).toHaveLength(3);

    // the two full examples only: the seed examples have a site reliability engineer of their own
    const run = await rungs(
      "adjacent",
      "site-reliability-engineer",
      "-l",
      "staff",
      "-n",
      "4",
      "--format",
      "json",
      ...TWO_EXAMPLES,
    );
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.from).toEqual({
      framework: "engineering",
      role: "site-reliability-engineer",
      level: "staff",
      code: "reliability-engineering.site-reliability-engineer.staff",
      roleName: "Site Reliability Engineer",
      levelName: "Staff",
      frameworkName: "Engineering Career Framework",
      reference: { from: 6, to: 6 },
    });
    expect(report.settings).toEqual({
      close: 0.25,
      review: 0.5,
      weights: { level: 0.5, taxonomy: 0.35, content: 0.15 },
    });
    expect(report.adjacent).toHaveLength(4);
    expect(Object.keys(report.adjacent[0]).sort()).toEqual(
      ["band", "code", "distance", "frameworkName", "levelName", "roleName", "target"].sort(),
    );
    const totals = report.adjacent.map((a: { distance: { total: number } }) => a.distance.total);
    expect(totals).toEqual([...totals].sort((x, y) => x - y));
  });

  it("reaches across frameworks, and framework:role picks one of two roles with the same id", async () => {
    const run = await rungs(
      "adjacent",
      "engineering:backend-engineer",
      "--level",
      "senior",
      "examples/engineering",
      OTHER,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /0\.24 +close +0\.00 +0\.40 +0\.67 +other +software-engineering\.backend-engineer\.e2 +Server Engineer · Senior Engineer/,
    );
    const other = await rungs(
      "adjacent",
      "other:backend-engineer",
      "--level",
      "e2",
      "examples/engineering",
      OTHER,
    );
    expect(other.stdout.split("\n")[0]).toBe(
      "Server Engineer at Senior Engineer · software-engineering.backend-engineer.e2 · Other Ladder",
    );
  });

  it("wrong arguments: one line, a suggestion where one helps, exit 2", async () => {
    expectUsageError(
      await rungs("adjacent", "backend", "--level", "senior", ...TWO_EXAMPLES),
      'no role "backend" in engineering, product-matrix; did you mean "backend-engineer"?',
    );
    expectUsageError(
      await rungs("adjacent", "backend-engineer", "--level", "senoir"),
      'no level "senoir" in engineering; did you mean "senior"?',
    );
    expectUsageError(
      await rungs("adjacent", "backend-engineer", "--level", "manager"),
      'role "backend-engineer" does not span level "manager"; its levels: intern, junior, mid, senior, lead, staff, principal',
    );
    expectUsageError(
      await rungs("adjacent", "backend-engineer", "--level", "senior", "examples/engineering", OTHER),
      'role "backend-engineer" is in engineering and other; name one as framework:role, e.g. engineering:backend-engineer',
    );
    expectUsageError(
      await rungs("adjacent", "engineerin:backend-engineer", "--level", "senior"),
      'no framework "engineerin"; did you mean "engineering"?',
    );
    expectUsageError(
      await rungs("adjacent", "product-matrix:backend-engineer", "--level", "l3"),
      'no role "backend-engineer" in product-matrix; roles: none',
    );
    expectUsageError(
      await rungs("adjacent", "backend-engineer", "--level", "senior", "--limit", "0"),
      '--limit must be a whole number of 1 or more, got "0"',
    );
    expectUsageError(
      await rungs(
        "adjacent",
        "backend-engineer",
        "--level",
        "senior",
        "examples/engineering",
        "examples/engineering",
      ),
      'examples/engineering and examples/engineering are both framework "engineering"; give each framework once',
    );
    expectUsageError(
      await rungs("adjacent", "backend-engineer", "--level", "senior", "no/such/path"),
      "cannot load no/such/path: no such file or directory (run `rungs check no/such/path` for every problem)",
    );
  });

  it("a missing --level or a bad --format is a usage error from the option parser", async () => {
    for (const args of [
      ["adjacent", "backend-engineer"],
      ["adjacent", "backend-engineer", "-l", "senior", "--format", "xml"],
    ]) {
      const run = await rungs(...args);
      expect(run.status).toBe(2);
      expect(run.stderr.split("\n")[0]).toMatch(/^error: /);
    }
  });
});

describe("rungs equivalence", () => {
  it("prints every step of the reference scale with the levels of each framework", async () => {
    const run = binary("equivalence", ...TWO_EXAMPLES);
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^step +engineering +product-matrix$/);
    expect(lines.slice(1, 13).map((l) => l.split(/ {2,}/)[0])).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
      "11",
      "12",
    ]);
    expect(lines[4]).toMatch(/^4 +Senior +Senior \(P4\) +Engineer III \(L3\) close$/);
    expect(lines[6]).toMatch(
      /^6 +Staff \/ manager +Staff \(P6\), Manager \(M1\) close +Staff Engineer \(L5\)$/,
    );
    expect(lines[7]).toContain("Senior Staff Engineer (L6) 7–8 broad");
    expect(lines[8]).toContain("Senior Staff Engineer (L6) 7–8 broad");
    expect(lines[12]).toMatch(/^12 +Chief officer +— +—$/);
  });

  it("--format json gives the table", async () => {
    const run = await rungs("equivalence", "--format", "json", "examples/product-matrix");
    expect(run.status).toBe(0);
    const table = JSON.parse(run.stdout);
    expect(table.frameworks).toEqual([{ id: "product-matrix", name: "Larkspur Product Engineering Matrix" }]);
    expect(table.rows).toHaveLength(12);
    expect(table.rows[3].cells["product-matrix"][0]).toMatchObject({
      level: "l3",
      match: "close",
      from: 4,
      to: 4,
    });
    expect(table.unplaced).toEqual({ "product-matrix": [] });
  });

  it("lists the levels a framework leaves off the scale", async () => {
    const run = await rungs("equivalence", "examples/engineering", "test/fixtures/four-problems.yaml");
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /^rungs: test\/fixtures\/four-problems\.yaml has \d+ errors; using what could be read/,
    );
    expect(run.stdout).toMatch(/\nnot on the scale in \S+: /);
  });
});

describe("scheme lists from RUNGS_SCHEMES_DIR", () => {
  it("gives titles to the scheme's codes and checks codes against the list", async () => {
    const env = { RUNGS_SCHEMES_DIR: "test/fixtures/schemes" };
    const show = await rungsWith(env, "show", OTHER, "--role", "backend-engineer");
    expect(show.stdout).toContain("isco-08 2512 Software development professionals (match not stated)");
    expect((await rungs("show", OTHER, "--role", "backend-engineer")).stdout).toContain(
      "isco-08 2512 (match not stated)",
    );
    expect((await rungsWith(env, "check", OTHER)).status).toBe(0);
  });

  it("a folder that does not exist is a warning on standard error; the check still passes", async () => {
    const run = await rungsWith({ RUNGS_SCHEMES_DIR: "/no/such/folder" }, "check", OTHER);
    expect(run.stderr).toBe("rungs: warning: /no/such/folder: no such folder (RUNGS_SCHEMES_DIR)\n");
    expect(run.status).toBe(0);
  });
});
