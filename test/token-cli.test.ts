/** `rungs user token create|list|revoke` on a real database file: the secret once, hashes kept, revoking. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { runInWith } from "./support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "rungs-token-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, "rungs.db");
const rungs = (...args: string[]) => runInWith({ cwd: dir, env: {} }, [...args, "--db", db]);

it("makes a token for a person, prints its secret once, lists it without it, and revokes it", async () => {
  expect((await rungs("user", "add", "--name", "Ada", "--email", "ada@example.com")).status).toBe(0);
  const made = await rungs("user", "token", "create", "ADA@example.com", "--name", "nightly export");
  expect(made.status).toBe(0);
  const secret = made.out.trim();
  expect(secret).toMatch(/^rungs_[\w-]{43}$/);
  expect(readFileSync(db).includes(secret.slice(6))).toBe(false);

  const listed = await rungs("user", "token", "list", "ada@example.com");
  expect(listed.out).not.toContain(secret);
  const [line, total] = listed.out.trim().split("\n");
  expect(line).toMatch(/^([0-9a-f-]{36}) {2}ada@example\.com {2}"nightly export" {2}made \S+ {2}never used$/);
  expect(total).toBe("1 token");

  const id = line?.split("  ")[0] ?? "";
  expect((await rungs("user", "token", "revoke", id)).out).toBe(`revoked ${id}\n`);
  const again = await rungs("user", "token", "revoke", id);
  expect([again.status, again.err]).toEqual([
    2,
    `rungs: no token with the id "${id}" (\`rungs user token list\` lists them)\n`,
  ]);
  expect((await rungs("user", "token", "list")).out).toBe("0 tokens\n");
});

it("refuses a person nobody has and a name a token cannot have, with exit status 2", async () => {
  const nobody = await rungs("user", "token", "create", "nobody@example.com", "--name", "x");
  expect([nobody.status, nobody.err]).toEqual([
    2,
    expect.stringContaining('no person with the email "nobody@example.com"'),
  ]);
  const blank = await rungs("user", "token", "create", "ada@example.com", "--name", " ");
  expect([blank.status, blank.err]).toEqual([
    2,
    "rungs: cannot make a token: a token needs a name (what the script is for)\n",
  ]);
});
