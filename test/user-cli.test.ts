import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { type Dialect, openDatabase } from "../src/store/db.js";
import { MIGRATION_NAMES } from "../src/store/migration-names.js";
import { createStore } from "../src/store/store.js";
import { availableDialects, describeEachDatabase } from "./support/databases.js";
import { runInWith } from "./support/run-cli.js";

const root = new URL("../", import.meta.url).pathname;
const bin = join(root, "dist/cli/main.js");
const dir = mkdtempSync(join(tmpdir(), "rungs-user-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** What the command reads as standard input (in this process only). */
  stdin?: NodeJS.ReadableStream;
}

/**
 * The environment every run gets. The caller's DATABASE_URL is never inherited: each test says which
 * database it means.
 */
function environment(options: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "", RUNGS_SECRET: SECRET, ...options.env };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

/**
 * Runs `rungs` in this process: the commands' own code, given the arguments, environment and folder the
 * binary would pass on. Each command's wiring into the built binary is tested once, with `binary`: starting
 * Node for every one of these runs was most of this file's time.
 */
async function rungs(args: string[], options: RunOptions = {}): Promise<Run> {
  const run = await runInWith(
    {
      cwd: options.cwd ?? root,
      env: environment(options),
      ...(options.stdin ? { stdin: options.stdin } : {}),
    },
    args,
  );
  return { status: run.status, stdout: run.out, stderr: run.err };
}

/** Runs the built `rungs` binary as a user would, without a TTY (run `npm run build` first). */
function binary(args: string[], options: RunOptions & { input?: string } = {}): Run {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? root,
    encoding: "utf8",
    env: environment(options),
    input: options.input,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The instance's secret every run gets (backups are signed with it), unless a test says otherwise. */
const SECRET = "the secret of the instance these tests run, long enough";

let files = 0;
function file(name: string, text: string): string {
  const path = join(dir, `${++files}-${name}`);
  writeFileSync(path, text);
  return path;
}

/** Exit 2, nothing on stdout, and one line on stderr (commander's usage errors add the usage after it). */
function expectUsage(run: Run, message: RegExp) {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr.split("\n")[0]).toMatch(message);
}

const PEOPLE_HEADER = "name,email,manager_email,framework,track,level,role";

describeEachDatabase("rungs user, migrate, backup and restore", (ctx) => {
  /**
   * A new, empty database for one test, and how the binary is pointed at it: a SQLite file (not yet
   * created) through --db, a PostgreSQL database (created now, dropped after the suite) through DATABASE_URL.
   */
  async function fresh(dialect: Dialect = ctx.dialect) {
    if (dialect === "sqlite") {
      const path = join(mkdtempSync(join(dir, "db-")), "rungs.db");
      return {
        dialect,
        file: path,
        url: undefined,
        run: (...args: string[]) => rungs([...args, "--db", path]),
        binary: (...args: string[]) => binary([...args, "--db", path]),
        runWith: (args: string[], input: string) => binary([...args, "--db", path], { input }),
        open: () => openDatabase({ file: path }),
      };
    }
    const database = await ctx.createDatabase("postgres", { migrate: false });
    const url = ctx.connectionOptions(database).url as string;
    return {
      dialect,
      file: undefined,
      url,
      run: (...args: string[]) => rungs(args, { env: { DATABASE_URL: url } }),
      binary: (...args: string[]) => binary(args, { env: { DATABASE_URL: url } }),
      runWith: (args: string[], input: string) => binary(args, { env: { DATABASE_URL: url }, input }),
      open: () => openDatabase({ url, poolSize: 2 }),
    };
  }
  type Target = Awaited<ReturnType<typeof fresh>>;

  const listJson = async (target: Target) => {
    const run = await target.run("user", "list", "--format", "json");
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout).people as Array<Record<string, unknown>>;
  };

  it("migrate --dry-run lists what is pending and changes nothing; migrate runs it; then nothing is pending", async () => {
    const db = await fresh();
    const dry = await db.run("migrate", "--dry-run");
    expect(dry.status).toBe(0);
    for (const name of MIGRATION_NAMES) expect(dry.stdout).toContain(`would apply  ${name}\n`);
    expect(dry.stdout).toContain("nothing was changed (dry run)");
    if (db.file) expect(existsSync(db.file)).toBe(false);
    expect((await db.run("migrate", "--dry-run")).stdout).toContain(
      `${MIGRATION_NAMES.length} migrations pending`,
    );

    const real = db.binary("migrate");
    expect(real.status).toBe(0);
    for (const name of MIGRATION_NAMES) expect(real.stdout).toContain(`applied  ${name}\n`);

    const after = await db.run("migrate", "--dry-run");
    expect(after.status).toBe(0);
    expect(after.stdout).not.toContain("would apply");
    expect(after.stdout).toContain("nothing pending");
    expect((await db.run("migrate")).stdout).toContain("nothing to do");
  });

  it("every database command migrates first, and says so on standard error", async () => {
    const db = await fresh();
    // an empty SQLite file is a database without a schema, as a new PostgreSQL database is
    if (db.file) writeFileSync(db.file, "");
    const list = db.binary("user", "list");
    expect(list.status).toBe(0);
    expect(list.stdout).toContain("No people yet");
    expect(list.stderr).toMatch(new RegExp(`^rungs: migrated .*${MIGRATION_NAMES.join(", ")}\\n$`));
    expect((await db.run("user", "list")).stderr).toBe("");
  });

  it("user add, list and set-manager; a manager loop is refused with a clear message", async () => {
    const db = await fresh();
    const ada = db.binary(
      "user",
      "add",
      "--name",
      "Ada Lovelace",
      "--email",
      "Ada@Example.com",
      "--framework",
      "engineering",
      "--track",
      "trunk",
      "--level",
      "senior",
      "--role",
      "backend-engineer",
      "--admin",
      "--url",
      "https://rungs.example.org/",
    );
    expect(ada.status).toBe(0);
    expect(ada.stdout).toContain("added Ada Lovelace <Ada@Example.com> as an admin\n");
    const link = ada.stdout.match(/^https:\/\/rungs\.example\.org\/reset\/([A-Za-z0-9_-]{43})$/m);
    expect(link, ada.stdout).not.toBeNull();

    const bob = await db.run(
      "user",
      "add",
      "--name",
      "Bob",
      "--email",
      "bob@example.com",
      "--manager",
      "ada@example.com",
    );
    expect(bob.status).toBe(0);
    expect(bob.stdout).toBe("added Bob <bob@example.com>, reporting to Ada Lovelace <Ada@Example.com>\n");
    expect(
      (
        await db.run(
          "user",
          "add",
          "--name",
          "Cy",
          "--email",
          "cy@example.com",
          "--manager",
          "bob@example.com",
        )
      ).status,
    ).toBe(0);

    const list = await db.run("user", "list");
    expect(list.status).toBe(0);
    expect(list.stdout.split("\n")[0]).toMatch(
      /^name +email +manager +framework +track +level +role +flags$/,
    );
    expect(list.stdout).toMatch(
      /Ada Lovelace +Ada@Example\.com +— +engineering +trunk +senior +backend-engineer +admin\n/,
    );
    expect(list.stdout).toMatch(/Bob +bob@example\.com +Ada@Example\.com +—/);
    expect(list.stdout).toContain("3 people\n");
    expect((await db.run("user", "list", "--query", "BOB")).stdout).toContain("1 person\n");

    // Cy reports to Bob, who reports to Ada: Ada cannot report to Cy
    const loop = db.binary("user", "set-manager", "ada@example.com", "cy@example.com");
    expect(loop.status).toBe(1);
    expect(loop.stdout).toBe("");
    expect(loop.stderr).toBe(
      "rungs: cannot make cy@example.com the manager of Ada@Example.com: The new manager reports to this person (directly or further down)\n",
    );
    const self = await db.run("user", "set-manager", "bob@example.com", "BOB@example.com");
    expect(self.status).toBe(1);
    expect(self.stderr).toContain("Nobody can be their own manager");

    expect((await db.run("user", "set-manager", "cy@example.com", "ada@example.com")).stdout).toBe(
      "Cy <cy@example.com> now reports to Ada Lovelace <Ada@Example.com>\n",
    );
    expect((await db.run("user", "set-manager", "bob@example.com", "--none")).stdout).toBe(
      "Bob <bob@example.com> now has no manager\n",
    );
    const people = await listJson(db);
    expect(people.map((p) => [p.name, p.managerEmail, p.admin, p.hasPassword])).toEqual([
      ["Ada Lovelace", null, true, false],
      ["Bob", null, false, false],
      ["Cy", "Ada@Example.com", false, false],
    ]);

    // a new link for Ada voids the first one
    const again = db.binary("user", "reset-link", "ADA@example.com");
    expect(again.status).toBe(0);
    const second = again.stdout.match(/^http:\/\/127\.0\.0\.1:8080\/reset\/([A-Za-z0-9_-]{43})$/m);
    expect(second, again.stdout).not.toBeNull();
    expectUsage(await db.run("user", "reset-link", "ghost@example.com"), /^rungs: no person with the email/);

    // the printed link is a one-time reset token for Ada, valid for 30 minutes
    const database = db.open();
    try {
      const tokens = createStore(database).tokens;
      expect(await tokens.consume("reset", link?.[1] as string)).toBeUndefined();
      const token = await tokens.consume("reset", second?.[1] as string);
      expect(token?.personId).toBe(people[0]?.id);
      expect(((token?.expiresAt.getTime() ?? 0) - Date.now()) / 60_000).toBeGreaterThan(28);
      expect(((token?.expiresAt.getTime() ?? 0) - Date.now()) / 60_000).toBeLessThanOrEqual(30);
    } finally {
      await database.close();
    }

    const taken = await db.run("user", "add", "--name", "Other Ada", "--email", "ADA@example.com");
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/^rungs: cannot add ADA@example\.com: Someone already has the email/);
    const addDee = (...more: string[]) => db.run("user", "add", "--name", "Dee", ...more);
    expectUsage(
      await addDee("--email", "dee@example.com", "--framework", "engineering", "--level", "senoir"),
      /^rungs: --level: no level "senoir" in engineering; did you mean "senior"\?$/,
    );
    const offTrack = ["--framework", "engineering", "--track", "ic", "--level", "manager"];
    expectUsage(
      await addDee("--email", "dee@example.com", ...offTrack),
      /^rungs: --track: the level "manager" is not on the track "ic"; it is on the track management \(Management\)$/,
    );
    expectUsage(
      await addDee("--email", "dee@example.com", "--manager", "nobody@example.com"),
      /^rungs: no manager with the email "nobody@example.com"/,
    );
    expectUsage(await addDee("--email", "not-an-email"), /is not an email address/);
    if (ctx.dialect === "sqlite") {
      // refused before the database is opened: a mistyped first command leaves no database behind
      const untouched = await fresh("sqlite");
      if (!untouched.file) throw new Error("a SQLite database is a file");
      expectUsage(
        await untouched.run("user", "add", "--name", "Dee", "--email", "dee@"),
        /not an email address/,
      );
      expect(existsSync(untouched.file)).toBe(false);
    }
    expectUsage(
      await db.run("user", "set-manager", "ghost@example.com", "--none"),
      /^rungs: no person with the email/,
    );
    expect(await listJson(db)).toHaveLength(3);
  });

  it("import: a file with one bad row lists it by line and writes nothing; the fixed file imports every row", async () => {
    const db = await fresh();
    expect((await db.run("user", "add", "--name", "Boss", "--email", "boss@example.com")).status).toBe(0);
    // a BOM, CRLF line ends, a quoted comma, doubled quotes and a quoted line break in the middle
    const rows = (carolLevel: string) =>
      `\ufeff${PEOPLE_HEADER}\r\n` +
      `"Lovelace, Ada",ada@example.com,boss@example.com,engineering,trunk,senior,backend-engineer\r\n` +
      `Carol,carol@example.com,ada@example.com,engineering,ic,${carolLevel},\r\n` +
      `"Dan ""DJ"" Jones",dan@example.com,carol@example.com,,,,\r\n` +
      `Eve,eve@example.com,,engineering,,,"site-reliability-engineer"\r\n`;

    const bad = file("people.csv", rows("staf"));
    const preview = await db.run("user", "import", bad);
    expect(preview.status).toBe(1);
    expect(preview.stdout).toBe(
      `${bad}:3:6 (column "level")  error  unknown-level  no level "staf" in engineering; did you mean "staff"?\n` +
        `failed  ${bad}: 1 problem on 1 line; nothing was written\n`,
    );
    expect((await listJson(db)).map((p) => p.email)).toEqual(["boss@example.com"]);

    const good = file("people.csv", rows("staff"));
    const dry = await db.run("user", "import", good, "--dry-run");
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe(
      `${good}:2  create  ada@example.com\n${good}:3  create  carol@example.com\n` +
        `${good}:4  create  dan@example.com\n${good}:5  create  eve@example.com\n` +
        `ok  ${good}: 4 people · 4 to create, 0 to update, 0 unchanged; nothing was written (dry run)\n`,
    );
    expect(await listJson(db)).toHaveLength(1);

    const imported = db.binary("user", "import", good);
    expect(imported.stdout).toBe(`imported  ${good}: 4 created, 0 updated, 0 unchanged\n`);
    expect(imported.status).toBe(0);
    const people = await listJson(db);
    expect(people.map((p) => [p.name, p.email, p.managerEmail, p.level, p.role])).toEqual([
      ["Boss", "boss@example.com", null, null, null],
      ["Carol", "carol@example.com", "ada@example.com", "staff", null],
      ['Dan "DJ" Jones', "dan@example.com", "carol@example.com", null, null],
      ["Eve", "eve@example.com", null, null, "site-reliability-engineer"],
      ["Lovelace, Ada", "ada@example.com", "boss@example.com", "senior", "backend-engineer"],
    ]);
    expect((await db.run("user", "import", good)).stdout).toBe(
      `imported  ${good}: 0 created, 0 updated, 4 unchanged\n`,
    );

    // next month's export: a move, a leaver and a new hire; the dry run says what changes for each
    const next = file(
      "next.csv",
      "name,email,manager_email,level,active\n" +
        "Carol,carol@example.com,boss@example.com,staff,yes\n" +
        '"Dan ""DJ"" Jones",dan@example.com,carol@example.com,,no\n' +
        "Fay,fay@example.com,carol@example.com,,\n",
    );
    expect((await db.run("user", "import", next, "--dry-run")).stdout).toBe(
      `${next}:2  update  carol@example.com  manager\n${next}:3  update  dan@example.com  left\n` +
        `${next}:4  create  fay@example.com\n` +
        `ok  ${next}: 3 people · 1 to create, 2 to update, 0 unchanged; nothing was written (dry run)\n`,
    );
    expect((await db.run("user", "import", next)).stdout).toBe(
      `imported  ${next}: 1 created, 2 updated, 0 unchanged\n`,
    );
    const after = await listJson(db);
    expect(after.filter((p) => !p.active).map((p) => p.email)).toEqual(["dan@example.com"]);
  });

  it("import lists every bad row by line (store checks too) and nothing is half-imported", async () => {
    const db = await fresh();
    const bad = file(
      "many.csv",
      `${PEOPLE_HEADER}\n` +
        "Ada,ada@example.com,,,,,\n" +
        "Bob,bob at example,,,,,\n" +
        "Cy,cy@example.com,ghost@example.com,,,,\n" +
        "Di,ADA@example.com,,,,,\n" +
        'Ed,"ed@example.com,,,,,\n',
    );
    const run = await db.run("user", "import", bad);
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n").map((l) => l.split("  ").slice(0, 3).join(" "))).toEqual([
      `${bad}:3:2 (column "email") error invalid-email`,
      `${bad}:4:3 (column "manager_email") error manager-not-found`,
      `${bad}:5:2 (column "email") error duplicate-email`,
      `${bad}:6:2 (column "email") error csv-syntax`,
      `failed ${bad}: 4 problems on 4 lines; nothing was written`,
      "",
    ]);
    expect(await listJson(db)).toEqual([]);
  });

  // skipped only without a reachable PostgreSQL: there is no other database to restore into (CI=true fails
  // the run instead)
  it.skipIf(availableDialects.length < 2)(
    "backup, then restore into the other kind of database: the same people, and a non-empty target is refused",
    async () => {
      const source = await fresh();
      const other = await fresh(ctx.dialect === "sqlite" ? "postgres" : "sqlite");
      expect(
        (await source.run("user", "add", "--name", "Ada", "--email", "ada@example.com", "--admin")).status,
      ).toBe(0);
      const csv = file(
        "team.csv",
        `name,email,manager_email\nBob,bob@example.com,ada@example.com\nCy,cy@example.com,bob@example.com\n`,
      );
      expect((await source.run("user", "import", csv)).status).toBe(0);

      const out = join(dir, `backup-${ctx.dialect}.json`);
      const backup = source.binary("backup", "--out", out);
      expect(backup.status).toBe(0);
      expect(backup.stdout).toMatch(
        /^backed up .* to .*, signed: 3 people, 0 settings, 0 cycles, 0 framework snapshots, /,
      );
      expect(backup.stderr).toBe("");
      expect(statSync(out).mode & 0o777).toBe(0o600);
      const document = JSON.parse(readFileSync(out, "utf8"));
      expect(document).toMatchObject({ format: "rungs-backup", migrations: MIGRATION_NAMES });
      // to standard output: the same document
      const piped = await source.run("backup");
      // (signed at another moment: exportedAt, and so the signature, differ)
      const moment = { exportedAt: "", signature: "" };
      expect({ ...JSON.parse(piped.stdout), ...moment }).toEqual({ ...document, ...moment });

      const restore = other.binary("restore", out);
      expect(restore.stderr).toBe("");
      expect(restore.status).toBe(0);
      expect(restore.stdout).toMatch(/^restored .* into (SQLite|PostgreSQL) .*: 3 people, 0 settings, /);
      expect(await listJson(other)).toEqual(await listJson(source));

      const again = await other.run("restore", out);
      expect(again.status).toBe(1);
      expect(again.stdout).toBe("");
      expect(again.stderr).toMatch(
        /^rungs: not restoring into .*: it already holds data; restore only into an empty database .*nothing was written\n$/,
      );

      // and back again, from standard input, into a third, empty database of the first kind
      const third = await fresh();
      const back = third.runWith(["restore", "-"], (await other.run("backup")).stdout);
      expect(back.status).toBe(0);
      expect(await listJson(third)).toEqual(await listJson(source));

      // a file changed after it was signed is refused, unless the operator says they know where it comes from
      const edited = file(
        "edited.json",
        readFileSync(out, "utf8").replace('"admin": false', '"admin": true'),
      );
      const fourth = await fresh();
      const refused = await fourth.run("restore", edited);
      expect(refused.status).toBe(1);
      expect(refused.stdout).toBe("");
      expect(refused.stderr).toMatch(
        /^rungs: not restoring .*edited\.json: the backup was changed after it was signed; nothing was written\. .*--allow-unsigned/,
      );
      expect(await listJson(fourth)).toEqual([]);
      const allowed = await fourth.run("restore", edited, "--allow-unsigned");
      expect(allowed.status).toBe(0);
      expect(allowed.stderr).toBe("rungs: restored without a valid signature, as --allow-unsigned asked\n");
      expect((await listJson(fourth)).filter((p) => p.admin)).toHaveLength(2);
      // without the secret, a backup is written unsigned, and says so
      const bare = await rungs(["backup", ...(source.file ? ["--db", source.file] : [])], {
        env: { RUNGS_SECRET: "", ...(source.file ? {} : { DATABASE_URL: source.url as string }) },
      });
      expect(bare.status).toBe(0);
      expect(JSON.parse(bare.stdout)).not.toHaveProperty("signature");
      expect(bare.stderr).toContain("RUNGS_SECRET is not set, so this backup is not signed");
    },
    // a dozen runs against two databases, three of them of the binary, on a machine that may be busy
    120_000,
  );
});

describe("rungs database commands: wrong arguments and unusable databases exit 2", () => {
  it("a database migrated by a newer rungs is refused with advice", async () => {
    const path = join(mkdtempSync(join(dir, "newer-")), "rungs.db");
    expect((await rungs(["migrate", "--db", path])).status).toBe(0);
    const database = openDatabase({ file: path });
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2099-01-01T00:00:00.000Z')`.execute(
      database.db,
    );
    await database.close();
    const newer =
      /the database was migrated by a newer version of rungs \(it has 9999_from_the_future, which this version does not know\); upgrade rungs/;
    expectUsage(await rungs(["user", "list", "--db", path]), newer);
    const migrate = await rungs(["migrate", "--db", path]);
    expect(migrate.status).toBe(2);
    expect(migrate.stderr).toMatch(newer);
    expect(migrate.stdout).not.toContain("applied");
  });

  it("restore escapes the control characters of what it quotes from the file", async () => {
    const hostile = file(
      "hostile\u001b[2J.json",
      JSON.stringify({
        format: "rungs-backup",
        version: 2,
        exportedAt: "2030-01-01T00:00:00.000Z",
        migrations: [],
        tables: { people: [], settings: [], "evil\u001b]0;owned\u0007": [] },
      }),
    );
    const run = await rungs([
      "restore",
      hostile,
      "--db",
      join(mkdtempSync(join(dir, "hostile-")), "rungs.db"),
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("evil\\u001b]0;owned\\u0007");
    expect(run.stderr).toContain("hostile\\u001b[2J.json");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  const db = ["--db", join(dir, "args.db")];

  it("usage mistakes", async () => {
    for (const args of [
      ["user", "add", "--name", "Ada"],
      ["user", "list", "--format", "xml"],
      ["user", "frobnicate"],
      ["migrate", "--bogus"],
      ["restore"],
    ]) {
      const run = await rungs(args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr.split("\n")[0]).toMatch(/^error: /);
    }
    expectUsage(await rungs(["user", "set-manager", "a@x.org", "b@x.org", "--none", ...db]), /not both/);
    expectUsage(await rungs(["user", "set-manager", "a@x.org", ...db]), /or --none/);
    expectUsage(
      await rungs(["user", "import", join(dir, "missing.csv"), ...db]),
      /^rungs: cannot read .*missing\.csv: no such file$/,
    );
    expectUsage(
      await rungs(["restore", join(dir, "missing.json"), ...db]),
      /^rungs: cannot read backup .*missing\.json: no such file$/,
    );
    // a named pipe is refused unread: restore would wait for a writer for ever
    execFileSync("mkfifo", [join(dir, "pipe.json")]);
    expectUsage(
      await rungs(["restore", join(dir, "pipe.json"), ...db]),
      /^rungs: cannot read backup .*pipe\.json: it is not a regular file$/,
    );
    // hostile: counted before JSON.parse, which has no depth bound
    expectUsage(
      await rungs([
        "restore",
        file("deep.json", `{"format":\n${"[".repeat(100_000)}${"]".repeat(100_000)}}`),
        ...db,
      ]),
      /deep\.json is not a rungs backup: line 2: nested deeper than 100 levels of arrays and objects/,
    );
    // hostile: standard input is bounded as a file is, and refused before any database is opened
    const megabyte = Buffer.alloc(1024 * 1024, " ");
    const unopened = join(dir, "never-created.db");
    expectUsage(
      await rungs(["restore", "-", "--db", unopened], {
        stdin: Readable.from(
          (function* () {
            for (let i = 0; i <= 500; i++) yield megabyte;
          })(),
        ),
      }),
      /^rungs: cannot read backup from standard input: it is over the limit of 500 MiB$/,
    );
    expect(existsSync(unopened)).toBe(false);
    expectUsage(
      await rungs(["restore", file("not.json", "{"), ...db]),
      /is not a rungs backup: it is not valid JSON/,
    );
    // other JSON is said to be so in one line; a backup that does not hold together lists what is wrong
    expectUsage(
      await rungs(["restore", file("other.json", '{"format":"x"}'), ...db]),
      /other\.json is not a rungs backup: it has no "format": "rungs-backup"/,
    );
    const broken = await rungs(["restore", file("broken.json", '{"format":"rungs-backup"}'), ...db]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(
      /^rungs: .*broken\.json is not a usable backup; nothing was written:\n {2}version: /,
    );
    expectUsage(
      await rungs(["restore", file("short.json", "{}"), ...db], { env: { RUNGS_SECRET: "too short" } }),
      /^rungs: RUNGS_SECRET must be at least 32 characters/,
    );
    // only the commands that create data create a missing SQLite file: a mistyped --db is never a new database
    const typo = join(dir, "typo.db");
    for (const args of [
      ["backup"],
      ["user", "list"],
      ["user", "set-manager", "a@x.org", "--none"],
      ["user", "reset-link", "a@x.org"],
      ["user", "invite", "--all"],
    ]) {
      expectUsage(
        await rungs([...args, "--db", typo]),
        /^rungs: there is no database at .*typo\.db \(check --db or the working directory; `rungs migrate` creates one\)$/,
      );
      expect(existsSync(typo), args.join(" ")).toBe(false);
    }
    expectUsage(
      await rungs(["user", "add", "--name", "A", "--email", "a@x.org", "--admin", "--url", "ftp://x", ...db]),
      /--url/,
    );
    expectUsage(
      await rungs(["user", "add", "--name", "A", "--email", "a@x.org", "--framework", "enginering", ...db]),
      /did you mean "engineering"/,
    );
  });

  it("the database comes from --db, else DATABASE_URL, else ./rungs-data/rungs.db; a bad one is one line", async () => {
    const cwd = mkdtempSync(join(dir, "cwd-"));
    expect(binary(["user", "add", "--name", "Ada", "--email", "ada@x.org"], { cwd }).status).toBe(0);
    expect(existsSync(join(cwd, "rungs-data", "rungs.db"))).toBe(true);
    // --db wins over DATABASE_URL (which would fail here)
    const env = { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" };
    expect((await rungs(["user", "list", "--db", "rungs-data/rungs.db"], { cwd, env })).stdout).toContain(
      "ada@x.org",
    );

    expectUsage(
      await rungs(["user", "list"], { cwd, env }),
      /^rungs: cannot connect to the database \(PostgreSQL postgres:\/\/nobody@127\.0\.0\.1:1\/none\): .*ECONNREFUSED/,
    );
    expectUsage(
      await rungs(["user", "list"], { cwd, env: { DATABASE_URL: "mysql://x/y" } }),
      /^rungs: DATABASE_URL must be a postgres:\/\/ URL \(for a SQLite file use --db FILE\); got a "mysql:" URL$/,
    );
    expectUsage(
      await rungs(["user", "list", "--db", "mysql://x/y"], { cwd }),
      /^rungs: --db must be a SQLite file or a postgres:\/\/ URL; got a "mysql:" URL$/,
    );
    expectUsage(
      await rungs(["user", "list"], { cwd, env: { DATABASE_URL: "data.db" } }),
      /for a SQLite file use --db FILE/,
    );
    expectUsage(
      await rungs(["user", "list"], { cwd, env: { DATABASE_URL: "postgres://me:s3cret@127.0.0.1:1/x" } }),
      /postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/x/,
    );
    expectUsage(
      await rungs(["user", "list", "--db", file("not-a-db.db", "hello, I am text\n".repeat(200))]),
      /^rungs: cannot open the database/,
    );
  });
});
