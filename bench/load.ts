/**
 * bench/load: signed-in people using the app at once, against a real `rungs serve` (the built CLI, a child
 * process) on SQLite and on PostgreSQL. This process is the load generator: BENCH_LOAD_USERS
 * connections (default 200), each a signed-in person going round the pages people use most (home, what is
 * due in assessments, their team, the matrix, a directory search), opening BENCH_LOAD_RATE pages a second
 * (default 1: a brisk reader; 200 users make 200 pages a second), for BENCH_LOAD_SECONDS (default 60),
 * after a short warm-up that is not counted. (Without a pause each connection would fire its next request
 * the moment the last one answered: that measures how long a queue of 200 gets, not what a person waits.
 * autocannon's rate option paces connections by firing them together at the start of every second, which
 * measures the same queue; so this paces its users itself.)
 *
 * Prints, per page and database: requests, errors (an answer other than 200, or a connection error or
 * timeout, which also counts in the latency for as long as the user waited), p50 and p99 latency, against
 * the targets: 0 errors and p99 < 100 ms. Exits 1 when a target is missed, unless --no-fail (for
 * exploring). --only sqlite|postgres runs one database.
 *
 * On PostgreSQL it runs a second time with two `rungs serve` processes on one database, each user's requests
 * going round them in turn (a load balancer without sticky sessions): "postgres, 2 servers".
 *
 * Run `npm run build` first. PostgreSQL: throwaway databases on RUNGS_BENCH_POSTGRES_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), created and dropped here: one seeded, and a copy of it for
 * each run; skipped, saying why, when the server cannot be reached.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { Agent, get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Dialect, openDatabase } from "../src/store/db.js";
import { migrate } from "../src/store/migrations.js";
import { createStore } from "../src/store/store.js";
import { exampleApp } from "../test/support/app.js";
import { type LoadOrg, type LoadUser, seedOrg } from "./load-org.js";
import { Bench, benchArgs, percentile, usageError } from "./measure.js";
import { withThrowawayDatabase } from "./postgres.js";
import { requireBuiltCli, startRungs, stopServer } from "./processes.js";

const USERS = Number(process.env.BENCH_LOAD_USERS ?? 200);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_LOAD_RATE ?? 1);
const WARM_UP_SECONDS = Math.min(5, SECONDS);
const TARGET_P99_MS = 100;
const USAGE = `tsx bench/load.ts [--no-fail] [--only sqlite|postgres]

  --no-fail   report a missed target without exiting 1
  --only      one database: sqlite or postgres (default both; PostgreSQL at RUNGS_BENCH_POSTGRES_URL)
BENCH_LOAD_USERS (default 200), BENCH_LOAD_RATE (pages a second each, default 1) and BENCH_LOAD_SECONDS
(default 60) set the load. Run \`npm run build\` first.`;
const { only } = benchArgs("load", USAGE, {
  "no-fail": { type: "boolean", default: false },
  only: { type: "string" },
});
if (only !== undefined && only !== "sqlite" && only !== "postgres")
  usageError("load", `--only: "${only}" is not a database (sqlite or postgres)`, USAGE);

/** The pages each user goes round, in order; the path may depend on who they are. */
const PAGES: { name: string; path: (user: LoadUser) => string }[] = [
  { name: "home", path: () => "/" },
  { name: "my assessments", path: () => "/assessments/" },
  { name: "team", path: () => "/team/" },
  { name: "matrix", path: () => "/frameworks/engineering/matrix/" },
  // a name fragment that matches a few dozen people
  { name: "people search", path: (user) => `/people/?q=${encodeURIComponent(user.person.name.slice(0, 8))}` },
];

interface RouteStats {
  latencies: number[];
  errors: number;
  statuses: Map<number, number>;
}

interface Measured {
  /** The database, and how many servers shared it when more than one. */
  dialect: string;
  org: LoadOrg;
  routes: Map<string, RouteStats>;
  /** Connection errors and timeouts (not tied to a page). */
  connectionErrors: number;
  requests: number;
}

/**
 * Drives the server as `users` people would: each on their own keep-alive connection (as a browser keeps
 * one), going round PAGES, reading each answer whole, then pausing before the next page. Pauses are
 * random around 1/RATE seconds, so the users do not click in step (a load generator that fires everyone
 * at once each second measures a queue it made itself).
 */
async function drive(
  origins: string[],
  users: LoadUser[],
  seconds: number,
): Promise<Omit<Measured, "dialect" | "org">> {
  const routes = new Map<string, RouteStats>(
    PAGES.map((p) => [p.name, { latencies: [], errors: 0, statuses: new Map() }]),
  );
  const until = performance.now() + seconds * 1000;
  const pause = () => new Promise((resolve) => setTimeout(resolve, (1000 / RATE) * (0.5 + Math.random())));
  let connectionErrors = 0;
  let requests = 0;
  const get = (agent: Agent, origin: string, path: string, cookie: string) =>
    new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(origin);
      const request = httpGet(
        { hostname, port, path, agent, headers: { cookie }, timeout: 10_000 },
        (res) => {
          res.on("data", () => {});
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", reject);
        },
      );
      request.on("timeout", () => request.destroy(new Error("timed out after 10 s")));
      request.on("error", reject);
    });
  // behind a load balancer: each user's requests go round the servers in turn (no sticky sessions)
  const user = async (who: LoadUser, index: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: origins.length });
    const cookie = `rungs_session=${who.token}`;
    // users arrive spread over the first second
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000));
    try {
      for (let i = 0; performance.now() < until; i++) {
        const page = PAGES[i % PAGES.length] as (typeof PAGES)[number];
        const stats = routes.get(page.name) as RouteStats;
        const started = performance.now();
        requests++;
        try {
          const origin = origins[(index + i) % origins.length] as string;
          const status = await get(agent, origin, page.path(who), cookie);
          stats.latencies.push(performance.now() - started);
          stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
          if (status !== 200) stats.errors++;
        } catch {
          // a page that never answered (refused, reset, timed out) failed that page, and its user waited this
          // long: without it a page whose every request timed out read "0 errors" with no latency at all
          connectionErrors++;
          stats.errors++;
          stats.latencies.push(performance.now() - started);
          stats.statuses.set(0, (stats.statuses.get(0) ?? 0) + 1);
        }
        await pause();
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(users.map((who, index) => user(who, index)));
  return { routes, connectionErrors, requests };
}

/** Seeds the organization into a migrated database (closed after: the servers are its only users). */
async function seed(dialect: Dialect, openOptions: { url?: string; file?: string }): Promise<LoadOrg> {
  const { registry } = await exampleApp();
  const fw = registry.get("engineering");
  if (!fw?.ok || !fw.index) throw new Error("the bundled engineering framework does not load");
  const database = openDatabase(openOptions);
  try {
    await migrate(database);
    const started = performance.now();
    const org = await seedOrg(createStore(database), fw, USERS);
    console.log(
      `  ${dialect}: ${org.people} people, ${org.assessments} assessments, ${org.users.length} sessions seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return org;
  } finally {
    await database.close();
  }
}

/** Serves the seeded database with `servers` processes and drives the users against them. */
async function measure(dialect: Dialect, org: LoadOrg, cwd: string, env: NodeJS.ProcessEnv, servers = 1) {
  const started = await Promise.all(Array.from({ length: servers }, () => startRungs([], cwd, env)));
  const origins = started.map((s) => s.origin);
  const label = servers === 1 ? dialect : `${dialect}, ${servers} servers`;
  try {
    await drive(origins, org.users, WARM_UP_SECONDS);
    return { dialect: label, org, ...(await drive(origins, org.users, SECONDS)) };
  } finally {
    await Promise.all(started.map((s) => stopServer(s.child)));
  }
}

requireBuiltCli("load");
const baseEnv: NodeJS.ProcessEnv = { ...process.env };
delete baseEnv.DATABASE_URL;
const results: Measured[] = [];
const skipped: string[] = [];
const bench = new Bench(
  "load",
  `${USERS} signed-in users for ${SECONDS} s (after ${WARM_UP_SECONDS} s of warm-up), each opening ${RATE} page${RATE === 1 ? "" : "s"} a second, going round ${PAGES.map((p) => p.name).join(", ")}; a real \`rungs serve\`, driven from another process`,
);

if (only === undefined || only === "sqlite") {
  const dir = mkdtempSync(join(tmpdir(), "rungs-bench-load-"));
  try {
    mkdirSync(join(dir, "rungs-data"));
    const org = await seed("sqlite", { file: join(dir, "rungs-data", "rungs.db") });
    results.push(await measure("sqlite", org, dir, baseEnv));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (only === undefined || only === "postgres") {
  // seeded once (minutes: every submit refreshes the sums up the org tree), then each run on a fresh copy
  const skip = await withThrowawayDatabase("rungs_bench_load_seed", async (url, seeded) => {
    const org = await seed("postgres", { url });
    // one server, then two on one database behind a (round-robin) balancer: the same users
    for (const servers of [1, 2]) {
      const copy = await withThrowawayDatabase(
        `rungs_bench_load_${servers}`,
        async (copyUrl) => {
          const dir = mkdtempSync(join(tmpdir(), "rungs-bench-load-pg-"));
          try {
            results.push(await measure("postgres", org, dir, { ...baseEnv, DATABASE_URL: copyUrl }, servers));
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
        seeded,
      );
      if (copy) skipped.push(copy);
    }
  });
  if (skip) skipped.push(skip);
}

const number = (n: number) => n.toLocaleString("en");
for (const r of results) {
  bench.note(
    `${r.dialect}: ${number(r.requests)} requests in ${SECONDS} s (${number(Math.round(r.requests / SECONDS))}/s)`,
  );
  for (const [name, stats] of r.routes) {
    const odd = [...stats.statuses]
      .filter(([s]) => s !== 200)
      .map(([s, n]) => (s === 0 ? `${n} without an answer` : `${n}×${s}`));
    bench.row({
      what: `${r.dialect}: ${name}, errors${odd.length ? ` (${odd.join(", ")})` : ""}`,
      value: stats.errors,
      unit: "errors",
      target: { op: "<=", value: 0, of: "value" },
    });
    // A page no user reached in the run has no latency to show: say so rather than print NaN as a miss.
    const none = stats.latencies.length === 0 ? { failed: "no request reached this page" } : {};
    bench.row({
      what: `${r.dialect}: ${name}, p50`,
      value: percentile(stats.latencies, 50),
      unit: "ms",
      ...none,
    });
    bench.row({
      what: `${r.dialect}: ${name}, p99`,
      value: percentile(stats.latencies, 99),
      unit: "ms",
      target: { op: "<", value: TARGET_P99_MS, of: "value" },
      ...none,
    });
  }
  bench.row({
    what: `${r.dialect}: connection errors and timeouts`,
    value: r.connectionErrors,
    unit: "errors",
    target: { op: "<=", value: 0, of: "value" },
  });
}
for (const line of skipped) bench.note(line);
bench.finish();
