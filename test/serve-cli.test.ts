/*
 * `rungs serve` as an operator runs it (the built binary): it opens and migrates the database, prints a
 * setup link while there is no admin and none once there is one, and refuses bad settings in one line.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../src/store/db.js";
import { migrate } from "../src/store/migrations.js";
import { createStore } from "../src/store/store.js";
import { hashPassword } from "../src/web/auth/passwords.js";
import { describeEachDatabase } from "./support/databases.js";

const root = new URL("../", import.meta.url).pathname;
const bin = join(root, "dist/cli/main.js");
const folders: string[] = [];

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "rungs-serve-"));
  folders.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of Object.keys(env)) {
    if (name.startsWith("RUNGS_") && !(name in extra)) delete env[name];
  }
  if (!("DATABASE_URL" in extra)) delete env.DATABASE_URL;
  return env;
}

/** Starts `rungs serve` on a free port and resolves with what it printed once it is listening. */
async function serveUntilReady(
  cwd: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Promise<{ output: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [bin, "serve", "--port", "0", ...args], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rungs serve did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      // the admin check comes after "open", so wait for its verdict (a setup link, or the next quiet moment)
      if (/rungs: open http:\/\/127\.0\.0\.1:\d+\//.test(output)) {
        setTimeout(() => {
          clearTimeout(timer);
          resolve();
        }, 1_000);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => reject(new Error(`rungs serve exited with ${code}:\n${output}`)));
  });
  return { output, stop };
}

it("refuses bad auth settings in one line, before touching any database", () => {
  const cwd = folder();
  const run = spawnSync(process.execPath, [bin, "serve", "--port", "0"], {
    cwd,
    env: cleanEnv({ RUNGS_SESSION_IDLE_HOURS: "soon", RUNGS_REQUIRE_LOGIN: "perhaps" }),
    encoding: "utf8",
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('RUNGS_REQUIRE_LOGIN must be 1 or 0, not "perhaps"');
  expect(run.stderr).toContain("RUNGS_SESSION_IDLE_HOURS must be a positive number of hours");
  expect(spawnSync("ls", [cwd], { encoding: "utf8" }).stdout).toBe("");
});

it("refuses a framework path that is not there before creating any database", () => {
  const cwd = folder();
  const run = spawnSync(process.execPath, [bin, "serve", "--port", "0", "nope"], {
    cwd,
    env: cleanEnv(),
    encoding: "utf8",
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toBe(`rungs: cannot read ${join(cwd, "nope")}: no such file or directory\n`);
  expect(spawnSync("ls", [cwd], { encoding: "utf8" }).stdout).toBe("");
});

it("refuses a bad upload limit in one line", () => {
  for (const [args, env, message] of [
    [["--upload-limit", "lots"], {}, '--upload-limit must be a number of MiB from 1 to 256, not "lots"'],
    [["--upload-limit", "0.5"], {}, '--upload-limit must be a number of MiB from 1 to 256, not "0.5"'],
    [
      [],
      { RUNGS_UPLOAD_LIMIT_MIB: "1000" },
      'RUNGS_UPLOAD_LIMIT_MIB must be a number of MiB from 1 to 256, not "1000"',
    ],
  ] as const) {
    const run = spawnSync(process.execPath, [bin, "serve", "--port", "0", ...args], {
      cwd: folder(),
      env: cleanEnv(env),
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  }
});

it("--trust-proxy believes the proxy about HTTPS (HSTS) and --upload-limit sets what people signed in may upload", async () => {
  const cwd = folder();
  const database = openDatabase({ file: join(cwd, "rungs-data/rungs.db") });
  try {
    await migrate(database);
    await createStore(database).people.create({
      name: "Root",
      email: "root@example.com",
      admin: true,
      passwordHash: await hashPassword("a long and unusual passphrase"),
    });
  } finally {
    await database.close();
  }
  const served = await serveUntilReady(cwd, cleanEnv(), ["--trust-proxy", "--upload-limit", "1"]);
  try {
    const origin = /rungs: open (http:\/\/127\.0\.0\.1:\d+)\//.exec(served.output)?.[1] ?? "";
    const viaProxy = await fetch(`${origin}/`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(viaProxy.headers.get("strict-transport-security")).toBe("max-age=15552000; includeSubDomains");
    expect((await fetch(`${origin}/`)).headers.get("strict-transport-security")).toBeNull();

    // sign in as the admin, then send 1.5 MiB to the import (an upload route) and 1 MiB less a little
    const cookies = new Map<string, string>();
    const keep = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ""] = line.split(";");
        const at = pair.indexOf("=");
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
    };
    const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const page = await fetch(`${origin}/sign-in`);
    keep(page);
    const form = (fields: Record<string, string>) => ({
      method: "POST",
      redirect: "manual" as const,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, Cookie: cookie() },
      body: new URLSearchParams(fields).toString(),
    });
    const signIn = await fetch(
      `${origin}/sign-in`,
      form({
        _csrf: token(await page.text()),
        email: "root@example.com",
        password: "a long and unusual passphrase",
      }),
    );
    expect(signIn.status).toBe(303);
    keep(signIn);
    const importPage = await fetch(`${origin}/admin/import/`, { headers: { Cookie: cookie() } });
    const csrf = token(await importPage.text());
    const tooMuch = await fetch(
      `${origin}/admin/import/`,
      form({ _csrf: csrf, csv: "x".repeat(1.5 * 1024 * 1024) }),
    );
    expect(tooMuch.status).toBe(413);
    expect(await tooMuch.text()).toContain("at most 1 MiB");
    const enough = await fetch(
      `${origin}/admin/import/`,
      form({ _csrf: csrf, csv: `name,email\n${"x".repeat(100_000)}` }),
    );
    expect(enough.status).toBe(422);

    // the CASE package is a download: sent with its length, to visitors and to people signed in alike
    const asked: Record<string, string>[] = [
      {},
      { Cookie: cookie() },
      { Cookie: cookie(), "Accept-Encoding": "identity" },
    ];
    for (const headers of asked) {
      const download = await fetch(`${origin}/frameworks/engineering/export/case.json`, { headers });
      const bytes = (await download.arrayBuffer()).byteLength;
      expect(download.status).toBe(200);
      // fetch decompresses: the length sent is the encoded one's, when there is an encoding
      if (!download.headers.has("content-encoding"))
        expect(Number(download.headers.get("content-length"))).toBe(bytes);
      else expect(Number(download.headers.get("content-length"))).toBeGreaterThan(0);
    }
  } finally {
    await served.stop();
  }
});

it("--db names the database as for the database commands, and wins over DATABASE_URL", async () => {
  const cwd = folder();
  // a URL nothing answers at: were it used, the server would not start
  const env = cleanEnv({ DATABASE_URL: "postgres://nobody@127.0.0.1:9/nowhere" });
  const served = await serveUntilReady(cwd, env, ["--db", "people.db"]);
  await served.stop();
  expect(served.output).toContain(`people and sign-in on SQLite ${cwd}/people.db`);
  expect(existsSync(join(cwd, "people.db"))).toBe(true);
  expect(existsSync(join(cwd, "rungs-data"))).toBe(false);
});

describeEachDatabase("rungs serve", (ctx) => {
  it("migrates the database, prints a 30-minute setup link while there is no admin, and none once there is", async () => {
    const cwd = folder();
    // PostgreSQL: the suite's database through DATABASE_URL; SQLite: the default file under the working directory
    const env = cleanEnv(
      ctx.dialect === "postgres" ? { DATABASE_URL: ctx.connectionOptions().url ?? "" } : {},
    );
    const first = await serveUntilReady(cwd, env);
    await first.stop();
    expect(first.output).toContain(
      ctx.dialect === "postgres"
        ? "people and sign-in on PostgreSQL"
        : `people and sign-in on SQLite ${cwd}/rungs-data/rungs.db`,
    );
    expect(first.output).toMatch(
      /no admin yet\. Create the admin account within 30 minutes at:\n {2}http:\/\/127\.0\.0\.1:\d+\/setup\/[\w-]{43}\n/,
    );

    const database =
      ctx.dialect === "postgres" ? ctx.database : openDatabase({ file: join(cwd, "rungs-data/rungs.db") });
    try {
      // the link's token is in the database (any instance honours it), and only its hash
      const stored = await database.db.selectFrom("one_time_tokens").select(["purpose", "hash"]).execute();
      expect(stored.map((t) => t.purpose)).toEqual(["setup"]);
      const token = /\/setup\/([\w-]{43})/.exec(first.output)?.[1] ?? "";
      expect(JSON.stringify(stored)).not.toContain(token);
      const created = await createStore(database).people.create({
        name: "Root",
        email: "root@example.com",
        admin: true,
        passwordHash: await hashPassword("a long and unusual passphrase"),
      });
      expect(created.ok).toBe(true);
    } finally {
      if (database !== ctx.database) await database.close();
    }
    const second = await serveUntilReady(cwd, env);
    await second.stop();
    expect(second.output).toContain("rungs: open http://127.0.0.1:");
    expect(second.output).not.toContain("/setup/");
  });
});
