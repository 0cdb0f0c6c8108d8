/**
 * `rungs user import` locates every problem it can report as `rungs import csv` does:
 * `file:line:column (column "header")`. The files are shared with the admin import page's test.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PROBLEM_FILES } from "./support/people-csv-problems.js";
import { runInWith } from "./support/run-cli.js";

const root = new URL("../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "rungs-user-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, "rungs.db");
// the problem files' only admin, as on the admin page's test
beforeAll(async () => {
  const add = ["user", "add", "--name", "Ada", "--email", "ada@example.com", "--admin", "--db", db];
  expect((await runInWith({ cwd: dir, env: {} }, add)).status).toBe(0);
});

async function importFile(name: string, text: string) {
  writeFileSync(join(dir, name), text);
  // run from the folder, so locations name the file as it was given
  const run = await runInWith({ cwd: dir, env: {} }, [
    "user",
    "import",
    name,
    "--db",
    db,
    "--frameworks",
    join(root, "examples/engineering"),
  ]);
  const lines = run.out.split("\n").filter(Boolean);
  return { ...run, lines, problems: lines.slice(0, -1).map((l) => l.split("  ")) };
}

it.each(PROBLEM_FILES)("locates every problem of $about, writes nothing and exits 1", async (file) => {
  const { status, lines, problems } = await importFile("people.csv", file.csv);
  expect(status).toBe(1);
  expect(problems.map(([where, severity, code]) => [where, severity, code])).toEqual(
    file.problems.map(([where, code]) => [where.replace("@", "people.csv"), "error", code]),
  );
  const onLines = new Set(file.problems.map(([where]) => where.split(":")[1])).size;
  expect(lines.at(-1)).toBe(
    `failed  people.csv: ${file.problems.length} problem${file.problems.length === 1 ? "" : "s"} on ${onLines} line${onLines === 1 ? "" : "s"}; nothing was written`,
  );
});

it("between them, the files raise every problem code docs/cli.md lists; an empty file asks for its header", async () => {
  const docs = readFileSync(join(root, "docs/cli.md"), "utf8");
  const listed = docs.slice(docs.indexOf("Problem codes:")).split("\n\n")[0] as string;
  const documented = [...listed.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
  const raised = new Set(PROBLEM_FILES.flatMap((f) => f.problems.map(([, code]) => code)));
  expect(documented.length).toBeGreaterThan(10);
  expect([...raised].sort()).toEqual([...documented].sort());

  const empty = await importFile("empty.csv", "");
  expect(empty.status).toBe(1);
  expect(empty.problems.map((p) => p.slice(0, 3))).toEqual([["empty.csv:1", "error", "missing-column"]]);
});

it("prints the file's text with its control characters escaped, messages without the column prefix", async () => {
  const rows = PROBLEM_FILES[2] as (typeof PROBLEM_FILES)[number];
  const { out } = await importFile("rows.csv", rows.csv);
  expect(out).not.toContain("\u0007");
  expect(out).toContain(
    'rows.csv:15:6 (column "level")  error  unknown-level  no level "senoir" in engineering; did you mean "senior"?\n',
  );
  expect(out).toContain(
    'rows.csv:8:2 (column "email")  error  invalid-email  "eve at example" is not an email address (name@domain)\n',
  );
});

it("refuses a file over the people CSV limit and a named pipe before reading them, with exit status 2", async () => {
  // the admin page's limit: 50 MB in one field once held over 2 GB for a minute
  const big = await importFile("big.csv", `name,email\n"${"x".repeat(5 * 1024 * 1024)}",a@x.org\n`);
  expect([big.status, big.err]).toEqual([
    2,
    "rungs: cannot read big.csv: it is 5.1 MiB, over the limit of 5 MiB for a people file; split it and import the parts one after the other\n",
  ]);
  execFileSync("mkfifo", [join(dir, "pipe.csv")]);
  const pipe = await runInWith({ cwd: dir, env: {} }, ["user", "import", "pipe.csv", "--db", db]);
  expect([pipe.status, pipe.err]).toEqual([2, "rungs: cannot read pipe.csv: it is not a regular file\n"]);
});
