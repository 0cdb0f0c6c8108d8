/**
 * `rungs user invite` as an operator runs it: without a mail server the links are printed and work; with one
 * (a real SMTP server in this process) each person gets the mail and nothing is printed to pass on. The
 * command runs in this process; its wiring into the built binary (dist/cli/main.js: `npm run build` first)
 * is tested by the first run, which is the binary's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/store/db.js";
import { migrate } from "../src/store/migrations.js";
import { createStore } from "../src/store/store.js";
import { runBuilt, runInWith } from "./support/run-cli.js";
import { bodyOf, startSmtpServer, type TestSmtpServer } from "./support/smtp-server.js";

const root = new URL("../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "rungs-invite-cli-"));

const environment = (env: Record<string, string>) => ({ PATH: process.env.PATH ?? "", NO_COLOR: "", ...env });

/**
 * Runs `rungs` in this process, with the binary's environment and folder: the command's own code. Its wiring
 * into the binary is tested once, with `runBuilt`.
 */
async function rungs(args: string[], env: Record<string, string> = {}) {
  const run = await runInWith({ cwd: root, env: environment(env) }, args);
  return { status: run.status, stdout: run.out, stderr: run.err };
}

/** A database with an admin who has a password, and Mia's team: Pat and Kim without one, Bo with one. */
async function organization(name: string) {
  const file = join(dir, `${name}.db`);
  const database = openDatabase({ file });
  await migrate(database);
  const store = createStore(database);
  const add = async (person: Parameters<typeof store.people.create>[0]) => {
    const made = await store.people.create(person);
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    return made.value;
  };
  await add({ name: "Ada Admin", email: "ada@example.com", admin: true, passwordHash: "x" });
  const mia = await add({ name: "Mia Manager", email: "mia@example.com" });
  const pat = await add({ name: "Pat Person", email: "pat@example.com", managerId: mia.id });
  await add({ name: "Kim Keen", email: "kim@example.com", managerId: pat.id });
  await add({ name: "Bo Busy", email: "bo@example.com", managerId: mia.id, passwordHash: "x" });
  await add({ name: "Out Side", email: "out@example.com" });
  return { file, store, close: () => database.close() };
}

const WELCOME = /http:\/\/rungs\.example\.org\/welcome\/([\w-]{43})/g;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("rungs user invite", () => {
  it("without a mail server prints a working link for each of a team who has no password", async () => {
    const org = await organization("links");
    // the built binary, as an operator runs it (runBuilt: no TTY, an empty environment)
    const run = await runBuilt(
      root,
      "user",
      "invite",
      "--team",
      "MIA@example.com",
      "--url",
      "http://rungs.example.org/",
      "--db",
      org.file,
    );
    expect(run.err).toBe("");
    expect(run.status).toBe(0);
    // Pat and Kim (below Pat) get links; Bo has a password, Mia heads the team, Out is elsewhere
    expect(run.out).toMatch(/^link +Pat Person <pat@example\.com> +http:\/\/rungs\.example\.org\/welcome\//m);
    expect(run.out).toMatch(/^link +Kim Keen <kim@example\.com> /m);
    expect(run.out).not.toMatch(/bo@|mia@|out@/);
    expect(run.out).toContain("2 invitations: 0 mailed, 2 to pass on, 0 skipped");
    expect(run.out).toContain("No mail server is set (RUNGS_SMTP_URL and RUNGS_MAIL_FROM)");
    const tokens = [...run.out.matchAll(WELCOME)].map((m) => m[1] ?? "");
    expect(tokens).toHaveLength(2);
    // each printed link is a live invitation, as the admin page would have made it
    for (const token of tokens) expect(await org.store.tokens.find("reset", token)).toBeDefined();
    const pat = await org.store.people.getByEmail("pat@example.com");
    const invited = await org.store.invitations.of([pat?.id ?? ""]);
    expect(invited.get(pat?.id ?? "")?.delivery).toBe("link");
    // inviting again makes a new link, and the older one stops working
    const again = await rungs(["user", "invite", "pat@example.com", "--db", org.file]);
    expect(again.stdout).toMatch(/^link +Pat Person/m);
    const patToken = run.out.match(/pat@example\.com> +\S+\/welcome\/([\w-]{43})/)?.[1] ?? "";
    expect(await org.store.tokens.find("reset", patToken)).toBeUndefined();
    await org.close();
  }, 60_000);

  describe("with a mail server", () => {
    let smtp: TestSmtpServer;
    beforeAll(async () => {
      smtp = await startSmtpServer();
    });
    afterAll(() => smtp.close());
    const mailEnv = () => ({ RUNGS_SMTP_URL: smtp.url, RUNGS_MAIL_FROM: "rungs@example.org" });

    it("--all mails everyone without a password; no link is printed to pass on", async () => {
      const org = await organization("mail");
      const run = await rungs(
        [
          "user",
          "invite",
          "--all",
          "--url",
          "http://rungs.example.org",
          "--inviter",
          "Ada",
          "--db",
          org.file,
        ],
        mailEnv(),
      );
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("4 invitations: 4 mailed, 0 to pass on, 0 skipped");
      expect(run.stdout).not.toContain("/welcome/");
      const to = smtp.mails.map((m) => m.to.join()).sort();
      expect(to).toEqual(["kim@example.com", "mia@example.com", "out@example.com", "pat@example.com"]);
      const body = bodyOf(smtp.mails.find((m) => m.to.includes("pat@example.com"))?.raw ?? "");
      expect(body).toContain("Ada invited you to rungs");
      const token = [...body.matchAll(WELCOME)][0]?.[1] ?? "";
      expect(await org.store.tokens.find("reset", token)).toBeDefined();
      // everyone is invited now: nothing more to do
      const again = await rungs(["user", "invite", "--all", "--db", org.file], mailEnv());
      expect(again.status).toBe(0);
      expect(again.stdout).toContain("Nobody to invite");
      await org.close();
    }, 60_000);

    it("a refused mail prints that person's link and exits 1; someone with a password is skipped", async () => {
      const org = await organization("refused");
      smtp.refuse.add("kim@example.com");
      const before = smtp.mails.length;
      const run = await rungs(
        ["user", "invite", "kim@example.com", "pat@example.com", "bo@example.com", "--db", org.file],
        mailEnv(),
      );
      smtp.refuse.clear();
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(
        /^link +Kim Keen <kim@example\.com> +http:\/\/127\.0\.0\.1:8080\/welcome\/[\w-]{43} \(mail failed: /m,
      );
      expect(run.stdout).toMatch(
        /^mailed +Pat Person <pat@example\.com> +until \d{4}-\d\d-\d\d \d\d:\d\d UTC$/m,
      );
      expect(run.stdout).toMatch(/^skipped +Bo Busy <bo@example\.com> +already has a password/m);
      expect(smtp.mails.slice(before).map((m) => m.to.join())).toEqual(["pat@example.com"]);
      await org.close();
    }, 60_000);

    it("refuses before sending anything: an unknown email, no one named, half the mail settings", async () => {
      const org = await organization("usage");
      const before = smtp.mails.length;
      const unknown = await rungs(
        ["user", "invite", "pat@example.com", "nobody@example.com", "--db", org.file],
        mailEnv(),
      );
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toMatch(/^rungs: no person with the email "nobody@example.com"/);
      const none = await rungs(["user", "invite", "--db", org.file]);
      expect(none.status).toBe(2);
      expect(none.stderr).toMatch(/^rungs: name the people to invite by email, or use --all or --team/);
      const half = await rungs(["user", "invite", "--all", "--db", org.file], { RUNGS_SMTP_URL: smtp.url });
      expect(half.status).toBe(2);
      expect(half.stderr).toContain("RUNGS_SMTP_URL and RUNGS_MAIL_FROM go together");
      // links under a path would miss: every page is served from the root, as RUNGS_PUBLIC_URL says
      const under = await rungs(
        ["user", "invite", "--all", "--url", "https://intranet.example.com/rungs/", "--db", org.file],
        mailEnv(),
      );
      expect(under.status).toBe(2);
      expect(under.stderr).toMatch(
        /^rungs: --url must be the root of an address: rungs is served at \/ .* not under "\/rungs\/"; got "https:\/\/intranet\.example\.com\/rungs\/"/,
      );
      expect(smtp.mails.length).toBe(before);
      const pat = await org.store.people.getByEmail("pat@example.com");
      expect((await org.store.invitations.of([pat?.id ?? ""])).size).toBe(0);
      await org.close();
    }, 60_000);
  });
});
