/**
 * `rungs diff OLD NEW --db URL`: whom a change touches, counted in a real database (SQLite and PostgreSQL):
 * active people of the framework at each changed level (by their old level ids), and draft assessments for
 * those levels and with picks on each changed competency. Counts only: no one is named.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, expect, it } from "vitest";
import { runCli } from "../src/cli/program.js";
import { createStore } from "../src/store/store.js";
import { describeEachDatabase } from "./support/databases.js";
import { TINY } from "./support/git-repo.js";
import { runIn } from "./support/run-cli.js";

const scratch = mkdtempSync(join(tmpdir(), "rungs-affected-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
writeFileSync(join(scratch, "old.yaml"), TINY);
writeFileSync(
  join(scratch, "new.yaml"),
  TINY.replace("{ id: junior,", "{ id: associate, renamedFrom: [junior],")
    .replace("follows: [junior]", "follows: [associate]")
    .replace("junior: Writes", "associate: Writes")
    .replace("Designs the changes", "Designs the systems"),
);

describeEachDatabase("rungs diff --db", (ctx) => {
  it("counts the people and open assessments each changed level and competency touches", async () => {
    const store = createStore(ctx.database);
    const person = async (name: string, level: string, framework = "tiny", active = true) => {
      const made = await store.people.create({
        name,
        email: `${name.toLowerCase()}@example.com`,
        framework,
        level,
        active,
      });
      if (!made.ok) throw new Error(JSON.stringify(made.problems));
      return made.value;
    };
    await person("Ada", "junior");
    const grace = await person("Grace", "senior");
    const linus = await person("Linus", "senior");
    await person("Former", "senior", "tiny", false);
    await person("Elsewhere", "senior", "other");
    const draft = async (who: typeof grace, submit: boolean) => {
      const started = await store.assessments.startDraft({
        personId: who.id,
        authorId: who.id,
        kind: "self",
        cycleId: null,
        framework: "tiny",
        frameworkVersion: "v1",
        level: who.level,
      });
      if (!started.ok) throw new Error("draft");
      const saved = await store.assessments.saveDraft(started.value.id, started.value.version, {
        picks: [{ competency: "code", level: "senior" }],
      });
      if (!saved.ok) throw new Error("save");
      if (submit) await store.assessments.submit(saved.value.id, saved.value.version);
    };
    await draft(grace, false);
    await draft(linus, true);

    const { url, file } = ctx.connectionOptions();
    const run = async (...extra: string[]) => {
      const stdout = new PassThrough();
      let out = "";
      stdout.on("data", (c) => {
        out += c;
      });
      const args = ["diff", "old.yaml", "new.yaml", "--db", (url ?? file) as string, ...extra];
      const status = await runCli(args, { stdout, stderr: new PassThrough(), env: {}, cwd: scratch });
      return { status, out };
    };
    const text = await run();
    expect(text.status).toBe(0);
    expect(text.out).toContain(
      [
        "affects   level junior: 1 people, 0 open assessments",
        "affects   level senior: 2 people, 1 open assessments",
        "affects   competency code: 2 people, 1 open assessments",
      ].join("\n"),
    );
    const markdown = (await run("--format", "markdown")).out;
    expect(markdown).toContain("#### Who is affected\n\n| changed | people | open assessments |");
    expect(markdown).toContain("| level senior | 2 | 1 |");
    expect(markdown).not.toMatch(/Ada|Grace|Linus|example\.com/);
    const json = JSON.parse((await run("--format", "json")).out);
    expect(json.affected.competencies).toEqual([{ id: "code", people: 2, openAssessments: 1 }]);
  });
});

it("a database that is not there, or whose schema is behind, gets a plain message (exit 2), never exit 70", async () => {
  const run = async (db: string) => {
    const { status, out, err } = await runIn(scratch, "diff", "old.yaml", "new.yaml", "--db", db);
    return { status, out, err: err.replace(scratch, "<scratch>") };
  };
  expect(await run("missing.sqlite")).toEqual({
    status: 2,
    out: "",
    err: "rungs: there is no database at <scratch>/missing.sqlite (check --db or the working directory; `rungs migrate` creates one)\n",
  });
  expect(existsSync(join(scratch, "missing.sqlite"))).toBe(false);
  writeFileSync(join(scratch, "empty.sqlite"), "");
  const behind = await run("empty.sqlite");
  expect(behind.status).toBe(2);
  expect(behind.err).toMatch(
    /^rungs: --db: the database \(SQLite <scratch>\/empty\.sqlite\) is not up to date: \d+ migrations pending; run `rungs migrate` with the same --db first\n$/,
  );
});
