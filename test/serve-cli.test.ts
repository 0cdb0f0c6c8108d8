/*
 * `rungs serve` as an operator runs it (the built binary): it opens and migrates the database, prints a
 * setup link while there is no admin and none once there is one, and refuses bad settings in one line.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../src/store/db.js";
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
): Promise<{ output: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [bin, "serve", "--port", "0"], {
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
