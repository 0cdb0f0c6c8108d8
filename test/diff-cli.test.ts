/**
 * `rungs diff OLD NEW`: golden structural diffs (renamed, moved, reworded, added, removed, the framework's own
 * description and version) of small
 * frameworks written here, in each output format, and the same diff read from a git repository built in
 * the test (`git:REF[:PATH]`, no checkout).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/program.js";
import { repoWithVersions } from "./support/git-repo.js";
import { runIn } from "./support/run-cli.js";

const OLD = `rungs: 2
id: tiny
name: Tiny
version: "1"
description: How a tiny team grows.
tracks:
  - id: trunk
    name: Trunk
dimensions:
  - id: scope
    name: Scope
levels:
  - id: junior
    name: Junior
    track: trunk
  - id: senior
    name: Senior
    track: trunk
    follows: [junior]
areas:
  - id: craft
    name: Craft
    competencies:
      - id: code
        name: Code
        expectations:
          junior: Writes small changes that pass review.
          senior: Designs the changes a team builds on.
      - id: testing
        name: Testing
        expectations:
          junior: Writes tests for the changes they make.
          senior: Plans how a team tests its systems.
  - id: impact
    name: Impact
    competencies:
      - id: delivery
        name: Delivery
        expectations:
          junior: Finishes the tasks they pick up.
          senior: Delivers projects of several weeks.
`;

/** The next version: code renamed, testing moved to impact, one expectation reworded, a level added,
 * a dimension removed, the framework's description reworded and its version raised. */
const NEW = OLD.replace(
  'version: "1"\ndescription: How a tiny team grows.',
  'version: "2"\ndescription: How a small team grows.',
)
  .replace("dimensions:\n  - id: scope\n    name: Scope\n", "")
  .replace(
    "    follows: [junior]\n",
    "    follows: [junior]\n  - id: staff\n    name: Staff\n    track: trunk\n    follows: [senior]\n",
  )
  .replace("      - id: code\n", "      - id: programming\n")
  .replace(/ {6}- id: testing\n(?: {8}.*\n)+/, "")
  .replace("several weeks.", "several months.")
  .concat(
    "      - id: testing\n        name: Testing\n        expectations:\n          junior: Writes tests for the changes they make.\n          senior: Plans how a team tests its systems.\n",
  );

const GOLDEN_TEXT = `reworded  framework    tiny
    Tiny
    How a [-tiny-]{+small+} team grows.
changed   framework    tiny (version)
added     level        staff
removed   dimension    scope
moved     competency   testing (craft → impact)
renamed   competency   code → programming (by similarity)
reworded  expectation  delivery@senior
    Delivers projects of several [-weeks-]{+months+}.
2 reworded, 1 changed, 1 added, 1 removed, 1 moved, 1 renamed
`;

const scratch = mkdtempSync(join(tmpdir(), "rungs-diff-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
writeFileSync(join(scratch, "old.yaml"), OLD);
writeFileSync(join(scratch, "new.yaml"), NEW);

const cli = (...args: string[]) => runIn(scratch, ...args);

describe("rungs diff", () => {
  it("prints the structural changes for a terminal, exit 0", async () => {
    expect(await cli("diff", "old.yaml", "new.yaml")).toEqual({ status: 0, out: GOLDEN_TEXT, err: "" });
  });

  it("colours the word diff only on a terminal without NO_COLOR", async () => {
    const onTerminal = async (env: NodeJS.ProcessEnv) => {
      const stdout = Object.assign(new PassThrough(), { isTTY: true });
      let out = "";
      stdout.on("data", (c) => {
        out += c;
      });
      await runCli(["diff", "old.yaml", "new.yaml"], {
        stdout,
        stderr: new PassThrough(),
        env,
        cwd: scratch,
      });
      return out;
    };
    const coloured = await onTerminal({});
    expect(coloured).toContain("several \u001b[31mweeks\u001b[39m\u001b[36mmonths\u001b[39m.");
    expect(coloured).not.toContain("[-");
    expect(await onTerminal({ NO_COLOR: "1" })).toBe(GOLDEN_TEXT);
  });

  it("no changes between a version and itself; --exit-code exits 1 only when something changed", async () => {
    expect(await cli("diff", "old.yaml", "old.yaml", "--exit-code")).toMatchObject({
      status: 0,
      out: "no changes\n",
    });
    expect((await cli("diff", "old.yaml", "new.yaml", "--exit-code")).status).toBe(1);
  });

  it("JSON lists each change with its word diff", async () => {
    const run = await cli("diff", "old.yaml", "new.yaml", "--format", "json");
    const report = JSON.parse(run.out);
    expect(report.changes).toEqual([
      {
        kind: "framework",
        change: "reworded",
        id: "tiny",
        words: [
          { op: "same", text: "Tiny\nHow a " },
          { op: "remove", text: "tiny" },
          { op: "add", text: "small" },
          { op: "same", text: " team grows." },
        ],
      },
      { kind: "framework", change: "changed", id: "tiny", fields: ["version"] },
      { kind: "level", change: "added", id: "staff" },
      { kind: "dimension", change: "removed", id: "scope" },
      { kind: "competency", change: "moved", id: "testing", parent: { from: "craft", to: "impact" } },
      { kind: "competency", change: "renamed", id: "programming", from: "code" },
      {
        kind: "expectation",
        change: "reworded",
        id: "delivery@senior",
        words: [
          { op: "same", text: "Delivers projects of several " },
          { op: "remove", text: "weeks" },
          { op: "add", text: "months" },
          { op: "same", text: "." },
        ],
      },
    ]);
  });

  it("Markdown for a review comment strikes removed words and bolds added ones", async () => {
    const run = await cli("diff", "old.yaml", "new.yaml", "--format", "markdown");
    expect(run.out).toContain(
      "| reworded | framework | tiny | Tiny<br>How a ~~tiny~~**small** team grows\\. |",
    );
    expect(run.out).toContain("| changed | framework | tiny \\(version\\) |  |");
    expect(run.out).toContain("| renamed | competency | code → programming \\(by similarity\\) |  |");
    expect(run.out).toContain(
      "| reworded | expectation | delivery@senior | Delivers projects of several ~~weeks~~**months**\\. |",
    );
  });

  it("HTML is one standalone page: inline styles, no scripts, the framework's text escaped", async () => {
    writeFileSync(
      join(scratch, "hostile.yaml"),
      NEW.replace("several months.", "several <script>x</script>."),
    );
    const run = await cli("diff", "old.yaml", "hostile.yaml", "--format", "html");
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(run.out).toContain("<title>Framework changes: old.yaml → hostile.yaml</title>");
    expect(run.out).toContain('<del><span class="visually-hidden">[only in old.yaml: </span>weeks');
    expect(run.out).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(run.out).not.toMatch(/<script|<link|src=/);
    expect(run.out).toContain("<code>code → programming (by similarity)</code>");
    expect(run.out).toContain('How a <del><span class="visually-hidden">[only in old.yaml: </span>tiny');
  });

  it("an unreadable side exits 2 with a located message", async () => {
    writeFileSync(join(scratch, "broken.yaml"), OLD.replace("name: Tiny", "name: [Tiny"));
    const broken = await cli("diff", "old.yaml", "broken.yaml");
    expect(broken.status).toBe(2);
    expect(broken.err).toMatch(/^rungs: cannot diff broken\.yaml: .*broken\.yaml:3:7: /);
    const missing = await cli("diff", "old.yaml", "nowhere.yaml");
    expect(missing).toMatchObject({ status: 2, out: "" });
    // named once: the path is the message's subject, not again as the place of its error
    expect(missing.err).toMatch(/^rungs: cannot diff nowhere\.yaml: no such file or directory \(/);
  });

  it("reads either side from git without a checkout: git:REF[:PATH]", async () => {
    const repo = join(scratch, "repo");
    const [head, areas] = OLD.split("areas:\n") as [string, string];
    repoWithVersions(repo, [
      { message: "first", files: { "fw/framework.yaml": head, "fw/areas.yaml": `areas:\n${areas}` } },
      { message: "second", files: { "fw/framework.yaml": NEW } },
    ]);
    const inRepo = async (...args: string[]) => {
      const { status, out } = await runIn(repo, ...args);
      return { status, out };
    };
    expect(await inRepo("diff", "git:HEAD~1:fw", "git:HEAD:fw")).toEqual({ status: 0, out: GOLDEN_TEXT });
    expect(await inRepo("diff", "git:HEAD~1:fw", "fw")).toEqual({ status: 0, out: GOLDEN_TEXT });
    expect((await cli("diff", "git:nope:fw", "new.yaml")).status).toBe(2);
    // a branch the clone has only from its remote (`main` in a clone of another branch) is named as such
    execFileSync("git", ["update-ref", "refs/remotes/origin/trunk", "HEAD~1"], { cwd: repo });
    const remote = await runIn(repo, "diff", "git:trunk:fw", "fw");
    expect(remote.status).toBe(2);
    expect(remote.err).toContain(
      'no commit "trunk" in this repository; the clone has it as the remote\'s branch "origin/trunk": write git:origin/trunk:PATH',
    );
    expect(await inRepo("diff", "git:origin/trunk:fw", "fw")).toEqual({ status: 0, out: GOLDEN_TEXT });
  });
});
