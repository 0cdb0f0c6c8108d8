/*
 * Two real `rungs serve` processes (the built CLI) on one PostgreSQL database, as behind a load balancer:
 * a session made through one works on the other, sign-in throttles count across both, a draft saved
 * through one is read through the other at once, and a change to the framework files is picked up by both
 * (each watches its files). What the in-process tests (src/store/several-instances.test.ts,
 * src/web/auth/several-apps.test.ts) show of the repositories and the app, here over HTTP between processes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, it } from "vitest";
import { createStore } from "../src/store/store.js";
import type { App } from "../src/web/context.js";
import { addPerson, PASSWORD, TestBrowser } from "./support/auth.js";
import { describeEachDatabase } from "./support/databases.js";

const root = new URL("../", import.meta.url).pathname;
const bin = join(root, "dist/cli/main.js");
const children: ChildProcess[] = [];
const folders: string[] = [];

afterAll(async () => {
  await Promise.all(children.map(stop));
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  return exited;
}

/** `rungs serve --watch` on a free port; resolves with its origin once it listens. */
function serve(cwd: string, frameworks: string, databaseUrl: string): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  for (const name of Object.keys(env)) if (name.startsWith("RUNGS_")) delete env[name];
  const child = spawn(
    process.execPath,
    [bin, "serve", "--port", "0", "--host", "127.0.0.1", "--watch", frameworks],
    {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const open = /rungs: open (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (open?.[1]) resolve(open[1]);
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => reject(new Error(`rungs serve exited with ${code}:\n${output}`)));
  });
}

/** The test browser, speaking HTTP to a real server: whichever of the two `origin` is set to. */
class HttpBrowser extends TestBrowser {
  origin = "";

  constructor() {
    const app = { request: (path: string, init: RequestInit) => this.fetch(path, init) };
    super(app as unknown as App);
  }

  fetch(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    // the page's own origin, as a browser sends it (the CSRF check compares it with the host)
    if (headers.has("Origin")) headers.set("Origin", this.origin);
    return fetch(`${this.origin}${path}`, { ...init, headers, redirect: "manual" });
  }
}

describeEachDatabase("two rungs serve processes on one database", (ctx) => {
  it("share sessions, throttles, assessments at once, and both pick up a framework change", async (test) => {
    if (ctx.dialect !== "postgres") {
      // Skipped on SQLite by design: several processes share one database only through PostgreSQL (a SQLite file
      // belongs to one server); the SQLite behaviour of the same features is in the in-process tests.
      test.skip("several servers share a PostgreSQL database (the SQLite run is the in-process tests)");
      return;
    }
    const fresh = await ctx.createDatabase("postgres");
    const url = ctx.connectionOptions(fresh).url as string;
    const store = createStore(fresh);
    const pat = await addPerson(store, {
      name: "Pat Person",
      email: "pat@example.com",
      framework: "engineering",
      track: "trunk",
      level: "mid",
    });
    await addPerson(store, { name: "Ada Admin", email: "ada@example.com", admin: true });
    const dir = mkdtempSync(join(tmpdir(), "rungs-two-servers-"));
    folders.push(dir);
    const frameworks = join(dir, "engineering");
    cpSync(join(root, "examples/engineering"), frameworks, { recursive: true });
    const [one, two] = await Promise.all([serve(dir, frameworks, url), serve(dir, frameworks, url)]);
    expect(one).not.toBe(two);

    // a session made on one works on the other; signing out on the other ends it on both
    const browser = new HttpBrowser();
    browser.origin = one;
    expect((await browser.signIn("pat@example.com")).status).toBe(303);
    browser.origin = two;
    const account = await browser.get("/account/");
    expect(account.status).toBe(200);
    expect(account.body).toContain("Pat Person");

    // a draft saved through one is read through the other at once (no copy kept in either process)
    browser.origin = one;
    const saved = await browser.request("PUT", `/api/people/${pat.id}/assessments/self/draft`, {
      body: JSON.stringify({ version: 0, picks: [{ competency: "planning", level: "senior" }] }),
      headers: { "Content-Type": "application/json", "X-CSRF-Token": browser.csrf ?? "", Origin: one },
    });
    expect(saved.status, saved.body).toBe(200);
    const { id } = JSON.parse(saved.body) as { id: string };
    browser.origin = two;
    const read = await browser.get(`/api/assessments/${id}`);
    expect(read.status, read.body).toBe(200);
    expect(read.body).toContain('"planning"');

    expect((await browser.post("/sign-out")).status).toBe(303);
    browser.origin = one;
    expect((await browser.get("/account/")).status).toBe(302);

    // sign-in failures through either count against one throttle: the next try waits, through either.
    // Five failures are free, then each waits twice as long as the one before (1 s, 2 s, 4 s …), counted from
    // the last try: the sixth and seventh wait out their turn, so the wait that follows (4 s) is long enough
    // for the two tries after it however slow the machine. Throttles per process would have counted four and
    // three, all free, and let the right password through.
    const attacker = new HttpBrowser();
    for (let i = 0; i < 7; i++) {
      if (i >= 5) await sleep(1_100 * 2 ** (i - 5));
      attacker.origin = i % 2 ? two : one;
      await attacker.get("/sign-in");
      const failed = await attacker.post("/sign-in", {
        email: "ada@example.com",
        password: "not the password",
      });
      expect(failed.status, `failure ${i + 1}`).toBe(401);
    }
    for (const origin of [one, two]) {
      attacker.origin = origin;
      await attacker.get("/sign-in");
      expect((await attacker.post("/sign-in", { email: "ada@example.com", password: PASSWORD })).status).toBe(
        429,
      );
    }

    // a framework change (each process watches the same files) shows on both
    const file = join(frameworks, "framework.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        "name: Engineering Career Framework",
        "name: Engineering Ladder, Revised",
      ),
    );
    for (const origin of [one, two]) {
      let body = "";
      for (const started = Date.now(); Date.now() - started < 20_000; ) {
        body = await (await fetch(`${origin}/`)).text();
        if (body.includes("Engineering Ladder, Revised")) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(body, origin).toContain("Engineering Ladder, Revised");
    }
  }, 120_000);
});
