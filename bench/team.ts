/**
 * bench/team: the team pages of a large organization, served by the real `rungs serve` (the built CLI, a
 * child process) on SQLite and on PostgreSQL: 10,000 people × 60 competencies with 4 cycles of submitted
 * assessments (--small: 1,000 people; BENCH_TEAM_PEOPLE sets any number), written by bench/team-org.ts.
 *
 * Per page and database: the server time (request to last byte over loopback, measured by this process,
 * median of ROUNDS), the bytes sent, and for the heatmap by team of the whole organization the ratio to the
 * raw SQL aggregate (bench/team-org.ts: every person's deltas, the distribution, who is unassessed and the
 * calibration, so more than the page computes), run in this process in the same rounds. Targets
 * (issue 18): < 200 ms, < 300 KB, ≤ 2× the raw SQL. Then Chromium (playwright-core, /usr/bin/chromium)
 * opens the organization's page on SQLite: the time from navigation start to the load event, and the number
 * of DOM nodes, reported.
 *
 * PostgreSQL: a throwaway database on RUNGS_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/
 * postgres), created and dropped here; skipped, saying why, when the server cannot be reached.
 *
 *   tsx bench/team.ts [--small] [--no-fail] [--no-browser] [--only sqlite|postgres]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { type Dialect, openDatabase } from "../src/store/db.js";
import { generateFramework } from "./generate.js";
import { Bench, benchArgs, median, usageError } from "./measure.js";
import { withThrowawayDatabase } from "./postgres.js";
import { getRaw, requireBuiltCli, runMeasured, startRungs, stopServer } from "./processes.js";
import { type Org, rawAggregate } from "./team-org.js";

const USAGE = `tsx bench/team.ts [--small] [--no-fail] [--no-browser] [--only sqlite|postgres]

  --small       1,000 people instead of 10,000 (BENCH_TEAM_PEOPLE sets any number)
  --no-fail     report a missed target without exiting 1
  --no-browser  leave out the organization's page in Chromium
  --only        one database: sqlite or postgres (default both; PostgreSQL at RUNGS_BENCH_POSTGRES_URL)
Run \`npm run build\` first.`;
const values = benchArgs("team", USAGE, {
  small: { type: "boolean", default: false },
  "no-fail": { type: "boolean", default: false },
  "no-browser": { type: "boolean", default: false },
  only: { type: "string" },
});
if (values.only !== undefined && values.only !== "sqlite" && values.only !== "postgres")
  usageError("team", `--only: "${values.only}" is not a database (sqlite or postgres)`, USAGE);
const SMALL = values.small ?? false;
const PEOPLE = Number(process.env.BENCH_TEAM_PEOPLE ?? (SMALL ? 1_000 : 10_000));
const ROUNDS = SMALL ? 2 : 3;
const CYCLES = 4;
const COMPETENCIES = 60;
const TARGET_RAW = 2;
const TARGET_MS = 200;
const TARGET_KB = 300;
const BROWSER_TIMEOUT_MS = 180_000;

/** The pages: who opens them, and whether they cover everyone (so the raw SQL of everyone compares). */
const PAGES = [
  // the first page of the table (sorted and counted in SQL): the absolute targets
  { name: "organization, first page (/admin/team/)", path: "/admin/team/", as: "root", wholeOrg: false },
  { name: "CEO's team, first page (/team/)", path: "/team/", as: "root", wholeOrg: false },
  { name: "a manager's team, first page (/team/)", path: "/team/", as: "manager", wholeOrg: false },
  // the heatmap by team aggregates everyone: against the raw SQL aggregate
  {
    name: "organization by team (/admin/team/by-team/)",
    path: "/admin/team/by-team/",
    as: "root",
    wholeOrg: true,
  },
  {
    name: "a manager's team by team (/team/by-team/)",
    path: "/team/by-team/",
    as: "manager",
    wholeOrg: false,
  },
] as const;

requireBuiltCli("team");
const work = mkdtempSync(join(tmpdir(), "rungs-bench-team-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const fw = generateFramework(join(work, "large"), { levels: 15, areas: 3, perArea: COMPETENCIES / 3 });
const bench = new Bench(
  "team",
  `${PEOPLE.toLocaleString("en")} people × ${COMPETENCIES} competencies, ${CYCLES} cycles; a real rungs serve, median of ${ROUNDS}`,
);

interface Served {
  origin: string;
  org: Org;
  cookies: { root: string; manager: string };
}

type Answer =
  | { ok: true; ms: number; bytes: number; cpuMs: number | undefined }
  | { ok: false; ms: number; why: string };

/**
 * The CPU time (user + system) a process has used so far, from /proc (Linux; undefined elsewhere). The
 * server does nothing else while a page is asked, so the difference around a request is what it cost the
 * server itself, whatever else the shared machine runs (its queries too on SQLite, not PostgreSQL's).
 */
function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** A page's rows: its server time against the raw SQL and the target, and its bytes; or how it failed. */
function pageRows(dialect: Dialect, page: (typeof PAGES)[number], answers: Answer[], rawMs: number): void {
  const failed = answers.find((a) => !a.ok);
  if (failed && !failed.ok) {
    bench.row({
      what: `${dialect}: ${page.name}, no answer (${failed.why})`,
      value: failed.ms,
      unit: "ms",
      target: { op: "<", value: TARGET_MS, of: "value" },
      failed: failed.why,
    });
    return;
  }
  // the first answer warmed up; the rounds are measured
  const measured = answers.slice(1).map((a) => a.ms);
  const ms = median(measured);
  if (page.wholeOrg)
    bench.row({
      what: `${dialect}: ${page.name}, against the raw SQL`,
      value: ms,
      unit: "ms",
      floor: { name: "raw SQL", value: rawMs },
      target: { op: "<=", value: TARGET_RAW, of: "ratio" },
    });
  bench.row({
    what: `${dialect}: ${page.name}, server time`,
    value: ms,
    unit: "ms",
    target: { op: "<", value: TARGET_MS, of: "value" },
  });
  const cpu = answers.slice(1).flatMap((a) => (a.ok && a.cpuMs !== undefined ? [a.cpuMs] : []));
  if (cpu.length)
    bench.row({ what: `${dialect}: ${page.name}, CPU of rungs serve`, value: median(cpu), unit: "ms" });
  const first = answers[0];
  bench.row({
    what: `${dialect}: ${page.name}, bytes`,
    value: first?.ok ? first.bytes / 1024 : 0,
    unit: "KB",
    target: { op: "<", value: TARGET_KB, of: "value" },
  });
}

/**
 * Seeds the database from another process (bench/team-seed.ts), starts `rungs serve` on it, measures each page against the raw SQL, and hands the
 * running server to `also` (the browser) before stopping it.
 */
async function measure(
  dialect: Dialect,
  open: { file?: string; url?: string },
  cwd: string,
  env: NodeJS.ProcessEnv,
  also?: (served: Served) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  const seeded = await runMeasured([
    "--import",
    "tsx",
    new URL("team-seed.ts", import.meta.url).pathname,
    ...["--framework", fw.dir, "--people", String(PEOPLE), "--cycles", String(CYCLES)],
    ...(open.url ? ["--db-url", open.url] : ["--db-file", open.file as string]),
  ]);
  if (seeded.status !== 0) throw new Error(`seeding ${dialect} failed: ${seeded.stderr}`);
  const { org, cookies } = JSON.parse(seeded.stdout.trim().split("\n").at(-1) as string) as Omit<
    Served,
    "origin"
  >;
  const database = openDatabase(open);
  try {
    bench.note(
      `${dialect}: ${org.people.toLocaleString("en")} people, ${org.assessments.toLocaleString("en")} submitted assessments, ${org.picks.toLocaleString("en")} picks written in ${((performance.now() - started) / 1000).toFixed(1)} s; the manager's team has ${org.managerSubtree.toLocaleString("en")} people`,
    );
    const server = await startRungs([fw.dir], cwd, env);
    try {
      const get = async (page: (typeof PAGES)[number]): Promise<Answer> => {
        const started = performance.now();
        const cpuBefore = cpuMsOf(server.child.pid);
        try {
          const res = await getRaw(`${server.origin}${page.path}`, { cookie: cookies[page.as] }, 300_000);
          const cpuAfter = cpuMsOf(server.child.pid);
          const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
          if (res.status === 200) return { ok: true, ms: res.ms, bytes: res.body.length, cpuMs };
          return { ok: false, ms: res.ms, why: `answered ${res.status}` };
        } catch (error) {
          return { ok: false, ms: performance.now() - started, why: (error as Error).message };
        }
      };
      // warm up both sides (query plans, JIT), then alternate so drift on a busy machine hits both; a page
      // that does not answer (the server closes a connection idle for 30 s) is not asked again
      const answers = new Map<string, Answer[]>();
      for (const page of PAGES) answers.set(page.name, [await get(page)]);
      const answered = (page: (typeof PAGES)[number]) => answers.get(page.name)?.every((a) => a.ok) ?? false;
      const rows = await rawAggregate(database.db, dialect);
      if (rows < org.people) throw new Error(`the raw aggregate found only ${rows} rows`);
      const raw: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        for (const page of PAGES) if (answered(page)) answers.get(page.name)?.push(await get(page));
        const t = performance.now();
        await rawAggregate(database.db, dialect);
        raw.push(performance.now() - t);
      }
      for (const page of PAGES) pageRows(dialect, page, answers.get(page.name) ?? [], median(raw));
      if (PAGES.some((page) => !answered(page))) {
        const exit = server.child.exitCode ?? server.child.signalCode;
        bench.note(
          `${dialect}: rungs serve ${exit === null ? "was still running" : `had exited (${exit})`}; the end of its output: ${server.lastOutput().trim().slice(-600) || "(none)"}`,
        );
      }
      if (!also) return;
      if (answered(PAGES[0])) await also({ origin: server.origin, org, cookies });
      else bench.note(`Chromium skipped: ${PAGES[0].path} did not answer rungs' own client`);
    } finally {
      await stopServer(server.child);
    }
  } finally {
    await database.close();
  }
}

/** Chromium opens the organization's page: navigation start to the load event, and the DOM's size. */
async function browse({ origin, cookies }: Served): Promise<void> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  try {
    const context = await browser.newContext();
    const [name, value] = cookies.root.split("=") as [string, string];
    await context.addCookies([{ name, value, url: origin }]);
    const page = await context.newPage();
    const path = PAGES[0].path;
    try {
      await page.goto(`${origin}${path}`, { waitUntil: "load", timeout: BROWSER_TIMEOUT_MS });
    } catch (error) {
      bench.row({
        what: `Chromium: ${path} did not load within ${BROWSER_TIMEOUT_MS / 1000} s`,
        value: BROWSER_TIMEOUT_MS,
        unit: "ms",
      });
      bench.note(`Chromium: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
      return;
    }
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return {
        responseEnd: nav.responseEnd,
        load: nav.loadEventEnd,
        nodes: document.getElementsByTagName("*").length,
      };
    });
    bench.row({ what: `Chromium: ${path}, navigation to last byte`, value: timing.responseEnd, unit: "ms" });
    bench.row({ what: `Chromium: ${path}, navigation to load event`, value: timing.load, unit: "ms" });
    bench.row({ what: `Chromium: ${path}, DOM elements`, value: timing.nodes, unit: "elements" });
  } finally {
    await browser.close();
  }
}

const env: NodeJS.ProcessEnv = { ...process.env };
delete env.DATABASE_URL;
if (values.only !== "postgres") {
  const sqliteDir = join(work, "sqlite");
  mkdirSync(join(sqliteDir, "rungs-data"), { recursive: true });
  await measure(
    "sqlite",
    { file: join(sqliteDir, "rungs-data", "rungs.db") },
    sqliteDir,
    env,
    values["no-browser"] ? undefined : browse,
  );
}
if (values.only !== "sqlite") {
  const skip = await withThrowawayDatabase("rungs_bench_team", async (url) => {
    const pgDir = join(work, "postgres");
    mkdirSync(pgDir);
    await measure("postgres", { url }, pgDir, { ...env, DATABASE_URL: url });
  });
  if (skip) bench.note(skip);
}
bench.note(
  "Server time is measured by the bench process: from sending the request to the last byte, over loopback.",
);
bench.finish();
