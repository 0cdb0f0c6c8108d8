import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInWith } from "./support/run-cli.js";

const root = new URL("../", import.meta.url).pathname;
const bin = join(root, "dist/cli/main.js");
const dir = mkdtempSync(join(tmpdir(), "rungs-goals-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const environment = () => ({ ...process.env, NO_COLOR: "" });

/** Runs the built `rungs` binary as a user would, without a TTY (run `npm run build` first). */
function binary(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: "utf8",
    env: environment(),
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Runs `rungs` in this process, with the binary's environment and folder: the command's own code. Its wiring
 * into the binary is tested once, with `binary`.
 */
async function rungs(...args: string[]) {
  const run = await runInWith({ cwd: root, env: environment() }, args);
  return { status: run.status, stdout: run.out, stderr: run.err };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const golden = (name: string) => readFileSync(join(root, "test/fixtures/goals", name), "utf8");

/** Exit 2, nothing on stdout, and exactly one line on stderr: `rungs: <message>`. */
function expectUsage(run: Awaited<ReturnType<typeof rungs>>, message: string | RegExp) {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  if (typeof message === "string") expect(lines[0]).toBe(`rungs: ${message}`);
  else expect(lines[0]).toMatch(message);
}

describe("rungs goals", () => {
  it("a role at a level: all four kinds as text, with their sources, exit 0", async () => {
    const run = binary(
      "goals",
      "examples/engineering",
      "--role",
      "backend-engineer",
      "--level",
      "senior",
      "--format",
      "text",
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = run.stdout;
    expect(out.startsWith("Goal templates: Backend Engineer (Software Engineering) at P4 — Senior\n")).toBe(
      true,
    );
    for (const heading of ["SMART goals", "OKRs", "MBO areas", "Scorecard"])
      expect(out).toContain(`\n${heading}\n${"-".repeat(heading.length)}\n`);
    expect(out).toContain("1. Leads the design of a new service");
    expect(out).toContain("Objective 4: Turns scaling and data-integrity risks");
    expect(out).toContain("Area 2: Plans and runs zero-downtime migrations");
    expect(out).toContain("\nInternal process\n");
    expect(out).toContain("\nRole calibration\n");
    for (let i = 1; i <= 4; i++)
      expect(out).toContain(`  [source: role backend-engineer · level senior · responsibility ${i}]`);
    expect(out).toContain("[source: level senior · dimension complexity]");
    expect(out).toContain("[source: level senior · dimension knowledge]");
    // Each kind on its own is exactly its golden file.
    for (const kind of ["smart", "okr", "mbo", "scorecard"]) {
      const one = await rungs(
        "goals",
        "examples/engineering",
        "-r",
        "backend-engineer",
        "-l",
        "senior",
        "-k",
        kind,
      );
      expect(one.stdout).toBe(golden(`role-backend-engineer-senior.${kind}.txt`));
    }
  });

  it("a level alone, Markdown and JSON, with placeholders filled", async () => {
    const md = await rungs(
      "goals",
      "examples/engineering",
      "--level",
      "senior",
      "--kind",
      "okr",
      "--format",
      "md",
    );
    expect(md.status).toBe(0);
    expect(md.stdout).toBe(golden("level-senior.okr.md"));
    const json = await rungs(
      "goals",
      "examples/engineering",
      "--level",
      "senior",
      "--kind",
      "smart,mbo",
      "--format",
      "json",
      "--baseline",
      "2 a quarter",
      "--target",
      "6 a quarter",
      "--date",
      "2026-12-31",
    );
    expect(json.status).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.sections.map((s: { kind: string }) => s.kind)).toEqual(["smart", "mbo"]);
    expect(doc.filled).toEqual({ baseline: "2 a quarter", target: "6 a quarter", date: "2026-12-31" });
    expect(json.stdout).not.toMatch(/"text": "[^"]*⟨/);
    expect(doc.sections[0].groups[0].goals[0].lines[1].text).toBe(
      "Take the measure you agree for it from 2 a quarter to 6 a quarter by 2026-12-31.",
    );
  });

  it("an assessment: the file's target, or --target-level, which wins", async () => {
    const fromFile = await rungs(
      "goals",
      "examples/engineering",
      "--assessment",
      "test/fixtures/goals/assessment.yaml",
    );
    expect(fromFile.status).toBe(0);
    expect(fromFile.stdout).toBe(golden("assessment-staff.smart.txt"));
    const json = file("picks.json", '{\n  "picks": { "code-quality": "junior", "planning": "mid" }\n}\n');
    const lead = await rungs(
      "goals",
      "examples/engineering",
      "-a",
      json,
      "--target-level",
      "lead",
      "-f",
      "json",
    );
    expect(lead.status).toBe(0);
    const doc = JSON.parse(lead.stdout);
    expect(doc.subject).toEqual({ type: "assessment", target: "lead", targetName: "Lead" });
    expect(doc.sections[0].groups[0].goals.map((g: { id: string }) => g.id)).toEqual(["smart-1", "smart-2"]);
    expect(doc.sections[0].groups[0].goals[0].lines[0].text).toMatch(
      /^Reach Lead in this competency \(now at Junior\)/,
    );
  });

  it("an assessment for a role: --role or the file's role quotes the role's own cells, and names it", async () => {
    const stepped = ["goals", "test/fixtures/shapes/stepped-roles"];
    const picks = file("systems.yaml", "target: e3\npicks:\n  systems: e1\n");
    const shared = await rungs(...stepped, "-a", picks);
    expect(shared.status).toBe(0);
    expect(shared.stdout).toContain("Designs how a group of services fail and recover.");
    const web = await rungs(...stepped, "-a", picks, "--role", "web", "-f", "json");
    expect(web.status).toBe(0);
    const doc = JSON.parse(web.stdout);
    expect(doc.subject).toMatchObject({
      type: "assessment",
      target: "e3",
      role: "web",
      roleName: "Web engineer",
    });
    const text = JSON.stringify(doc.sections);
    expect(text).toContain("Designs how the site degrades when a service is down.");
    expect(text).not.toContain("Designs how a group of services fail and recover.");
    // the file may name the role; --role wins, as --target-level wins over its target
    const mobile = file("mobile.yaml", "target: e2\nrole: mobile\npicks:\n  systems: e1\n");
    const fromFile = await rungs(...stepped, "-a", mobile);
    expect(fromFile.status).toBe(0);
    expect(fromFile.stdout).toContain("Goal templates: Personal goals toward Engineer II as Mobile engineer");
    expect(fromFile.stdout).toContain("Accounts for releases that users install days later.");
    expect((await rungs(...stepped, "-a", mobile, "-r", "backend")).stdout).not.toContain(
      "install days later",
    );

    expectUsage(
      await rungs(...stepped, "-a", picks, "--role", "mobil"),
      'no role "mobil" in test/fixtures/shapes/stepped-roles; did you mean "mobile"?',
    );
    expectUsage(
      await rungs(...stepped, "-a", picks, "--role", "designer"),
      'no role "designer" in test/fixtures/shapes/stepped-roles; roles: backend, web, mobile',
    );
    const typo = file("typo-role.yaml", "target: e2\nrole: wbe\npicks:\n  systems: e1\n");
    expectUsage(
      await rungs(...stepped, "-a", typo),
      `${typo}:2:7: no role "wbe" in test/fixtures/shapes/stepped-roles; did you mean "web"?`,
    );
    const empty = file("empty-role.yaml", "target: e2\nrole: ''\npicks:\n  systems: e1\n");
    expectUsage(await rungs(...stepped, "-a", empty), `${empty}:2:7: \`role\` must be a role id`);
  });

  it("wrong arguments: a one-line error with a suggestion, exit 2", async () => {
    const eng = ["goals", "examples/engineering"];
    expectUsage(
      await rungs(...eng, "--level", "senoir"),
      'no level "senoir" in examples/engineering; did you mean "senior"?',
    );
    expectUsage(
      await rungs(...eng, "--role", "backend", "--level", "senior"),
      'no role "backend" in examples/engineering; did you mean "backend-engineer"?',
    );
    expectUsage(
      await rungs(...eng, "--role", "backend-engineer", "--level", "cto"),
      'role "backend-engineer" does not span level "cto"; its levels: intern, junior, mid, senior, lead, staff, principal',
    );
    expectUsage(
      await rungs(...eng, "--level", "senior", "--kind", "okrs"),
      'unknown kind "okrs"; did you mean "okr"?',
    );
    expectUsage(
      await rungs(...eng, "--level", "senior", "--format", "jsn"),
      'unknown format "jsn"; did you mean "json"?',
    );
    expectUsage(
      await rungs(...eng, "--level", "senior", "--format", "html"),
      'unknown format "html"; formats: text, md, json',
    );
    expectUsage(
      await rungs(...eng),
      "give --level (with or without --role), or --assessment with --target-level",
    );
    expectUsage(
      await rungs(...eng, "--role", "backend-engineer"),
      "give the level for the role with --level",
    );
    expectUsage(
      await rungs(...eng, "--level", "senior", "--date", " "),
      "--date needs a value to put in place of ⟨date⟩",
    );
    expectUsage(
      await rungs("goals", "examples/product-matrix", "--role", "pm", "--level", "l3"),
      'no role "pm" in examples/product-matrix; roles: none',
    );
    expectUsage(
      await rungs("goals", "no/such/framework", "--level", "senior"),
      /^rungs: cannot load no\/such\/framework/,
    );
  });

  it("wrong assessments: unreadable or malformed files and unknown ids, with file:line:column", async () => {
    const eng = ["goals", "examples/engineering"];
    const run = (path: string, ...more: string[]) => rungs(...eng, "--assessment", path, ...more);
    expectUsage(
      await run("missing.yaml", "-t", "senior"),
      "cannot read assessment missing.yaml: no such file",
    );
    const broken = file("broken.yaml", "picks:\n  planning: mid\n  planning: senior\n");
    expectUsage(await run(broken, "-t", "lead"), /^rungs: .*broken\.yaml:3:3: "planning" is picked twice$/);
    const badJson = file("bad.json", '{ "picks": { "planning": "mid", } \n');
    expectUsage(await run(badJson, "-t", "lead"), /^rungs: .*bad\.json:\d+:\d+: /);
    const list = file("list.yaml", "- planning\n");
    expectUsage(
      await run(list, "-t", "lead"),
      `${list}:1:1: expected a mapping with \`picks: { <competency>: <level>, … }\``,
    );
    const typo = file("typo.yaml", "pciks:\n  planning: mid\n");
    expectUsage(
      await run(typo, "-t", "lead"),
      `${typo}:1:1: unknown field "pciks" (expected picks, and optionally target and role); did you mean "picks"?`,
    );
    const nested = file("nested.yaml", "picks:\n  planning: { level: mid }\n");
    expectUsage(
      await run(nested, "-t", "lead"),
      `${nested}:2:13: the pick for "planning" must be a level id`,
    );
    const competency = file("competency.yaml", "target: lead\npicks:\n  planing: mid\n");
    expectUsage(
      await run(competency),
      `${competency}:3:3: no competency "planing" in examples/engineering; did you mean "planning"?`,
    );
    const level = file("level.yaml", "picks:\n  planning: midd\n");
    expectUsage(
      await run(level, "-t", "lead"),
      `${level}:2:13: no level "midd" in examples/engineering; did you mean "mid"?`,
    );
    const target = file("target.yaml", "target: leed\npicks:\n  planning: mid\n");
    expectUsage(
      await run(target),
      `${target}:1:9: no level "leed" in examples/engineering; did you mean "lead"?`,
    );
    expectUsage(
      await run(target, "-t", "stafff"),
      'no level "stafff" in examples/engineering; did you mean "staff"?',
    );
    const noTarget = file("no-target.yaml", "picks:\n  planning: mid\n");
    expectUsage(await run(noTarget), `give --target-level, or a \`target:\` level in ${noTarget}`);
    // a named pipe is refused unread, as a framework path that is one: it would wait for a writer for ever
    const pipe = join(dir, "pipe.yaml");
    execFileSync("mkfifo", [pipe]);
    expectUsage(await run(pipe, "-t", "lead"), `cannot read assessment ${pipe}: it is not a regular file`);
    expectUsage(
      await run(noTarget, "-t", "lead", "--kind", "okr"),
      "goals from an assessment are SMART goals only; leave out --kind or give --kind smart",
    );
    expectUsage(
      await run(noTarget, "-t", "lead", "--level", "senior"),
      "give --assessment (with --target-level) or --level (with or without --role), not both",
    );
  });

  it("no path: commander's error and the usage, exit 2", async () => {
    const run = await rungs("goals");
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe("error: missing required argument 'path'");
    expect(run.stderr).toContain("Usage: rungs goals");
  });
});
