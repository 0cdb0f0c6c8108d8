/**
 * bench/serve: the real `rungs serve` (the built CLI, a child process) under load from another process
 * (wrk, 64 connections), against a floor taken in the same run: a plain node:http server in its own process
 * (bench/floor-server.mjs) sending the same bytes with the same headers, fetched from rungs first with the
 * request headers the load sends (Accept-Encoding included, so a compressed answer is replayed compressed).
 * The cached part needs wrk on the PATH. Two frameworks: the bundled engineering example (its matrix and a
 * level page) and the large generated framework of bench/check (2,000 competencies × 15 levels; 200 with
 * --small: its matrix, 12 MB of HTML at full size), which is measured uncached only: under 64 connections
 * its size measures loopback copying more than the server.
 *
 * - cached (warm): req/s against the floor's (target ≥ 0.8×) and p99 latency (target < 20 ms), each the
 *   median of ROUNDS rounds that alternate floor and rungs, after a warm-up: drift on a shared machine hits
 *   both sides alike, and one round caught by another process's burst does not move the row.
 * - uncached over HTTP: a copy of the example under `rungs serve --watch`; each round changes the framework
 *   (its name, so the content hash every page is cached under changes), waits until /api/frameworks shows
 *   the change (the reload), then times the first request of each page: the first response after a change.
 *   Reported.
 * - uncached render ratio, in-process with the library (src/index.ts: FrameworkRegistry + createApp, no
 *   HTTP): the same change, `registry.load()`, then the time of the first `app.request` of the page, against
 *   `JSON.stringify` of the same view data (the page's JSON under /api/, parsed) (target ≤ 4× for the large
 *   framework's matrix, the case; the example's small pages are reported, see `renderTarget`); beside it,
 *   the first request of that JSON through the same app (reported: the request's cost before any HTML).
 *
 *   tsx bench/serve.ts [--small] [--no-fail] [--seconds N] [--only cached,http,render] [--help]
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { createApp, FrameworkRegistry, loadOccupations, nodeFileSystem } from "../src/index.js";
import { generateFramework } from "./generate.js";
import { Bench, benchArgs, countFlag, median, percentile, usageError } from "./measure.js";
import { getRaw, requireBuiltCli, type Server, startRungs, startServer, stopServer } from "./processes.js";

const PARTS = ["cached", "http", "render"] as const;
const USAGE = `tsx bench/serve.ts [--small] [--no-fail] [--seconds N] [--only ${PARTS.join(",")}]

  --small     the generated framework at 200 competencies, fewer changes and rounds (a quick look)
  --no-fail   report a missed target without exiting 1
  --seconds   the length of each cached load round (default 2)
  --only      the parts to run, comma-separated (default all): cached (64 connections against the floor),
              http (the first response after a change, --watch), render (the in-process render ratio)
Run \`npm run build\` first.`;
const values = benchArgs("serve", USAGE, {
  small: { type: "boolean", default: false },
  "no-fail": { type: "boolean", default: false },
  seconds: { type: "string" },
  only: { type: "string" },
});
const only = new Set((values.only ?? PARTS.join(",")).split(",").map((p) => p.trim()));
for (const part of only)
  if (!PARTS.includes(part as (typeof PARTS)[number]))
    usageError("serve", `--only: unknown part "${part}" (one of ${PARTS.join(", ")})`, USAGE);
const SMALL = values.small ?? false;
const SECONDS = countFlag("serve", USAGE, "seconds", values.seconds, 2);
/**
 * Cached rounds per side, odd for a true median. Shorter and more of them than the 2 × 5 s this took before:
 * on a machine shared with other work two rounds swung the throughput ratio from 0.72× to 0.95× between runs,
 * and five of 3 s, at load 11 on 2 cores, had per-round ratios from 0.48 to 1.70: nine of 2 s, in about the
 * same time.
 */
const ROUNDS = SMALL ? 3 : 9;
const CONNECTIONS = 64;
const TARGET_RATIO = 0.8;
const TARGET_P99_MS = 20;
const TARGET_RENDER = 4;
/** What a browser sends; the load and the fetch of the floor's bytes send the same. */
const REQUEST_HEADERS = { "accept-encoding": "gzip, deflate, br" };
const WRK_REPORT = new URL("wrk-report.lua", import.meta.url).pathname;

interface Page {
  kind: string;
  path: string;
  /** The same view data as JSON. */
  api: string;
}

/** A framework to serve: written (copied or generated) into a folder named after its id. */
interface Subject {
  label: string;
  id: string;
  write: (dir: string) => void;
  pages: Page[];
  /** How many framework changes the uncached measurements make (a large framework reloads slowly). */
  changes: number;
  /**
   * Whether to load it with 64 connections: not the large framework, whose 12 MB matrix makes 64 connections
   * a test of loopback copying (neither side finished one answer a second in a 5 s run on a shared machine).
   */
  underLoad: boolean;
  /**
   * Whether the uncached render is held to ≤ 4× JSON.stringify: the subject, the large framework's
   * matrix. The example's pages are reported beside it: JSON.stringify of their few KB of view data takes
   * 0.03-0.1 ms, less than any answer through the app costs (a 1.2 KB 404 page takes ~0.13 ms), so their ratio
   * measures the request's fixed cost (its JSON answer row shows it), not the render.
   */
  renderTarget: boolean;
}

const pagesOf = (id: string, level: string, label: string): Page[] => [
  { kind: `${label} matrix`, path: `/frameworks/${id}/matrix/`, api: `/api/frameworks/${id}/matrix` },
  {
    kind: `${label} level page`,
    path: `/frameworks/${id}/levels/${level}/`,
    api: `/api/frameworks/${id}/levels/${level}`,
  },
];
const LARGE = SMALL ? { levels: 15, areas: 10, perArea: 20 } : { levels: 15, areas: 100, perArea: 20 };
const SUBJECTS: Subject[] = [
  {
    label: "example",
    id: "engineering",
    write: (dir) =>
      cpSync(new URL("../examples/engineering/", import.meta.url).pathname, dir, { recursive: true }),
    pages: pagesOf("engineering", "senior", "example"),
    changes: SMALL ? 5 : 20,
    underLoad: true,
    renderTarget: false,
  },
  {
    label: "large",
    id: "large",
    write: (dir) => generateFramework(dir, LARGE),
    pages: pagesOf("large", "l8", "large").slice(0, 1),
    changes: SMALL ? 3 : 5,
    underLoad: false,
    renderTarget: true,
  },
];

requireBuiltCli("serve");
if (only.has("cached") && spawnSync("wrk", ["--version"]).error) {
  console.error(
    "bench/serve: the cached part needs wrk, the HTTP load generator, on the PATH (Debian and Ubuntu: " +
      "`apt-get install wrk`; macOS: `brew install wrk`); `--only http,render` runs without it",
  );
  process.exit(2);
}
const loadAtStart = loadavg();
const bench = new Bench(
  "serve",
  `the bundled engineering example and a generated framework of ${LARGE.areas * LARGE.perArea} competencies × ${LARGE.levels} levels; ${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS} round(s) per side`,
);
const work = mkdtempSync(join(tmpdir(), "rungs-bench-serve-"));
const started: Server[] = [];
process.on("exit", () => {
  for (const s of started) s.child.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
});

interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** The server's own CPU time per answer, in µs. */
  cpuUs: number;
  /** wrk's CPU time per answer, in µs. */
  loadCpuUs: number;
  /** Bytes read per answer, headers included. */
  bytes: number;
}

/**
 * A child's CPU time (user + system) in ms, from /proc (Linux; NaN elsewhere). Per answer it says what the
 * server spends, which the machine's other load does not change the way it changes req/s and latency.
 */
function childCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the fields after the command name, which is in parentheses and may hold spaces
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** What bench/wrk-report.lua prints: latencies in µs, wrk's CPU time in s, error counts by kind. */
interface WrkReport {
  requests: number;
  duration_us: number;
  bytes: number;
  p50_us: number;
  p99_us: number;
  cpu_s: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
}

/**
 * wrk in its own process, one thread: the load generator must not be what bounds the rows. autocannon, used
 * before, spent ~400 µs of CPU an answer on the example's matrix (it decodes every body into a string) against
 * the server's ~80 µs, so on 2 cores it, not the server, set the matrix's req/s and with it the p99; wrk spends
 * ~30 µs. Its latencies are per request, from write to last byte, as autocannon's were.
 */
async function load(server: Server, path: string, seconds: number): Promise<Load> {
  const url = `${server.origin}${path}`;
  const cpuBefore = childCpuMs(server.child.pid);
  const headers = Object.entries(REQUEST_HEADERS).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
  const args = ["-t", "1", "-c", String(CONNECTIONS), "-d", `${seconds}s`, "--timeout", "10s", ...headers];
  const child = spawn("wrk", [...args, "-s", WRK_REPORT, url], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (status !== 0) throw new Error(`wrk exited ${status}: ${err}`);
  const r = JSON.parse(out.trim().split("\n").at(-1) ?? "") as WrkReport;
  const errors = r.connect + r.read + r.write + r.timeout;
  if (errors || r.status)
    throw new Error(`${url}: ${r.status} answers of 4xx or 5xx, ${errors} errors (${r.timeout} timeouts)`);
  // no answer finished: no latency to report (wrk says 0), and the row must not pass
  if (r.requests === 0) {
    const none = Number.NaN;
    return { rps: 0, p50: none, p99: none, cpuUs: none, loadCpuUs: none, bytes: none };
  }
  const perAnswer = (ms: number) => (ms * 1000) / r.requests;
  return {
    rps: r.requests / (r.duration_us / 1e6),
    p50: r.p50_us / 1000,
    p99: r.p99_us / 1000,
    cpuUs: perAnswer(childCpuMs(server.child.pid) - cpuBefore),
    loadCpuUs: perAnswer(r.cpu_s * 1000),
    bytes: r.bytes / r.requests,
  };
}

/** The median req/s of some rounds, or 0 if any round finished no answer: a dead round is not voted away. */
const throughput = (runs: Load[]) => (runs.some((x) => x.rps === 0) ? 0 : median(runs.map((x) => x.rps)));

/** Writes the subject into a fresh folder `<work>/<name>/<id>` and returns that folder's parent (the cwd). */
function prepare(subject: Subject, name: string): { cwd: string; dir: string } {
  const cwd = join(work, `${subject.label}-${name}`);
  const dir = join(cwd, subject.id);
  subject.write(dir);
  return { cwd, dir };
}

/** Cached: the floor and rungs alternate, so drift on a busy machine hits both. */
async function cached(subject: Subject): Promise<void> {
  const { cwd } = prepare(subject, "cached");
  const rungs = await startRungs([subject.id], cwd);
  started.push(rungs);
  const floorPages = [];
  for (const [i, page] of subject.pages.entries()) {
    const res = await getRaw(`${rungs.origin}${page.path}`, REQUEST_HEADERS);
    if (res.status !== 200) throw new Error(`${page.path} answered ${res.status}`);
    const body = join(cwd, `page-${i}.body`);
    writeFileSync(body, res.body);
    // node:http writes its own Date, Connection and Keep-Alive, as @hono/node-server's does
    const headers = Object.entries(res.headers).filter(
      ([name]) => !["date", "connection", "keep-alive"].includes(name),
    );
    floorPages.push({ path: page.path, status: res.status, headers, body });
    const encoding = res.headers["content-encoding"] ?? "none";
    bench.note(
      `${page.kind} ${page.path}: ${res.body.length.toLocaleString("en")} bytes sent, encoding ${encoding}`,
    );
  }
  const config = join(cwd, "floor.json");
  writeFileSync(config, JSON.stringify(floorPages));
  const floor = await startServer([new URL("floor-server.mjs", import.meta.url).pathname, config], cwd);
  started.push(floor);
  for (const page of subject.pages) {
    await load(floor, page.path, 1);
    await load(rungs, page.path, 1);
    const floorRuns: Load[] = [];
    const rungsRuns: Load[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      floorRuns.push(await load(floor, page.path, SECONDS));
      rungsRuns.push(await load(rungs, page.path, SECONDS));
    }
    const floorName = "node:http floor";
    bench.row({
      what: `${page.kind}, cached: throughput`,
      value: throughput(rungsRuns),
      unit: "req/s",
      floor: { name: floorName, value: throughput(floorRuns) },
      target: { op: ">=", value: TARGET_RATIO, of: "ratio" },
    });
    bench.row({
      what: `${page.kind}, cached: p50 latency`,
      value: median(rungsRuns.map((x) => x.p50)),
      unit: "ms",
      floor: { name: floorName, value: median(floorRuns.map((x) => x.p50)) },
    });
    bench.row({
      what: `${page.kind}, cached: p99 latency`,
      value: median(rungsRuns.map((x) => x.p99)),
      unit: "ms",
      floor: { name: floorName, value: median(floorRuns.map((x) => x.p99)) },
      target: { op: "<", value: TARGET_P99_MS, of: "value" },
    });
    bench.row({
      what: `${page.kind}, cached: server CPU per answer`,
      value: median(rungsRuns.map((x) => x.cpuUs)),
      unit: "µs",
      floor: { name: floorName, value: median(floorRuns.map((x) => x.cpuUs)) },
    });
    bench.row({
      what: `${page.kind}, cached: load generator (wrk) CPU per answer`,
      value: median(rungsRuns.map((x) => x.loadCpuUs)),
      unit: "µs",
      floor: { name: floorName, value: median(floorRuns.map((x) => x.loadCpuUs)) },
    });
    const bytes = (runs: Load[]) => Math.round(median(runs.map((x) => x.bytes))).toLocaleString("en");
    bench.note(
      `${page.kind}: wrk read ${bytes(rungsRuns)} bytes an answer from rungs, ${bytes(floorRuns)} from the floor (headers included)`,
    );
    const ratios = rungsRuns.map((x, i) => (x.rps / (floorRuns[i]?.rps ?? Number.NaN)).toFixed(2));
    const p99s = rungsRuns.map((x) => x.p99.toFixed(1));
    bench.note(
      `${page.kind}, each round: throughput ratio to the floor's round just before it ${ratios.join(", ")}; rungs' p99 ${p99s.join(", ")} ms`,
    );
  }
  await stopServer(floor.child);
  await stopServer(rungs.child);
}

/** Changes the framework's name, so that its content version (a hash of its files) changes too. */
function change(dir: string, round: number): string {
  const file = join(dir, "framework.yaml");
  const marker = `bench-${round}-${Date.now()}`;
  const text = readFileSync(file, "utf8").replace(/^name: (.*?)( bench-.*)?$/m, `name: $1 ${marker}`);
  if (!text.includes(marker)) throw new Error(`${file} has no one-line name to change`);
  writeFileSync(file, text);
  return marker;
}

/** The first response after a change, over HTTP, from `rungs serve --watch`. */
async function uncachedOverHttp(subject: Subject): Promise<void> {
  const { cwd, dir } = prepare(subject, "watched");
  const rungs = await startRungs(["--watch", subject.id], cwd);
  started.push(rungs);
  const reloads: number[] = [];
  const first = new Map<string, number[]>(subject.pages.map((p) => [p.kind, []]));
  for (let round = 1; round <= subject.changes; round++) {
    const t = performance.now();
    const marker = change(dir, round);
    for (;;) {
      const list = await getRaw(`${rungs.origin}/api/frameworks`);
      if (list.body.toString().includes(marker)) break;
      if (performance.now() - t > 60_000) throw new Error("rungs serve --watch did not reload within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    reloads.push(performance.now() - t);
    for (const page of subject.pages) {
      const res = await getRaw(`${rungs.origin}${page.path}`, REQUEST_HEADERS);
      if (res.status !== 200) throw new Error(`${page.path} answered ${res.status} after a change`);
      first.get(page.kind)?.push(res.ms);
    }
  }
  await stopServer(rungs.child);
  bench.row({
    what: `${subject.label}: change → reloaded (--watch), p50`,
    value: median(reloads),
    unit: "ms",
  });
  for (const page of subject.pages) {
    const times = first.get(page.kind) ?? [];
    bench.row({ what: `${page.kind}, first response after a change, p50`, value: median(times), unit: "ms" });
    bench.row({
      what: `${page.kind}, first response after a change, p99`,
      value: percentile(times, 99),
      unit: "ms",
    });
  }
}

/**
 * CPU time of this thread, in ms: on a shared machine a render of a few ms is often preempted, and wall time
 * would charge it the other processes' turns. The clock advances in coarse steps, so what is compared is
 * summed over every round (and JSON.stringify repeated), never read from one short call.
 */
function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/** An answer's bytes, once it is known to be a 200. */
async function answered(res: Response, path: string): Promise<ArrayBuffer> {
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return res.arrayBuffer();
}

/** JSON.stringify repeats per round, so that its total is far above the CPU clock's step. */
const STRINGIFY_REPEATS = 200;

/** The uncached render against JSON.stringify of its view data, in this process through the library. */
async function uncachedRender(subject: Subject): Promise<void> {
  const { dir } = prepare(subject, "library");
  const registry = new FrameworkRegistry([dir], {
    fs: nodeFileSystem,
    occupations: await loadOccupations(nodeFileSystem),
  });
  await registry.load();
  const app = createApp({ registry });
  // the Request and Response classes `rungs serve` runs the app with (@hono/node-server puts them in place of
  // undici's when its listener is made): its Response keeps a body of bytes as they are, where undici's
  // copies them and reads them back as a stream, which the server never does
  getRequestListener(app.fetch);
  const zero = () => new Map<string, number>(subject.pages.map((p) => [p.kind, 0]));
  const renders = zero();
  const rerenders = zero();
  const answers = zero();
  const stringifies = zero();
  const add = (m: Map<string, number>, kind: string, ms: number) => m.set(kind, (m.get(kind) ?? 0) + ms);
  // the first rounds warm the JIT up and are not counted
  const warmUp = 2;
  for (let round = 0; round < subject.changes + warmUp; round++) {
    change(dir, round);
    await registry.load();
    for (const page of subject.pages) {
      // the HTML as the route makes it: compression (on zlib's threads, and not rendering) is left out; the
      // clock stops when the answer is made, its bytes ready for the socket (reading them here is the bench's)
      let t = threadCpuMs();
      const res = await app.request(page.path);
      const renderMs = threadCpuMs() - t;
      await answered(res, page.path);
      // the same version again under another URL (the page cache keys by path and query): the render alone,
      // without the work done once per version
      t = threadCpuMs();
      const again = await app.request(`${page.path}?bench=${round}`);
      const rerenderMs = threadCpuMs() - t;
      await answered(again, page.path);
      // the same view data as the page's JSON answer, through the same app: what a request costs before any
      // HTML is written (routing, middleware, making the view data, the Response), for the rows' reader
      t = threadCpuMs();
      const answer = await app.request(page.api);
      const answerMs = threadCpuMs() - t;
      const data: unknown = JSON.parse(new TextDecoder().decode(await answered(answer, page.api)));
      t = threadCpuMs();
      for (let i = 0; i < STRINGIFY_REPEATS; i++) JSON.stringify(data);
      const stringifyMs = (threadCpuMs() - t) / STRINGIFY_REPEATS;
      if (round < warmUp) continue;
      add(renders, page.kind, renderMs);
      add(rerenders, page.kind, rerenderMs);
      add(answers, page.kind, answerMs);
      add(stringifies, page.kind, stringifyMs);
    }
  }
  const perRound = (m: Map<string, number>, kind: string) => (m.get(kind) ?? 0) / subject.changes;
  for (const page of subject.pages) {
    const floor = { name: "JSON.stringify of its view data", value: perRound(stringifies, page.kind) };
    bench.row({
      what: `${page.kind}, uncached render (in-process, CPU)`,
      value: perRound(renders, page.kind),
      unit: "ms",
      floor,
      ...(subject.renderTarget ? { target: { op: "<=", value: TARGET_RENDER, of: "ratio" } as const } : {}),
    });
    bench.row({
      what: `${page.kind}, re-render of the same version (in-process, CPU)`,
      value: perRound(rerenders, page.kind),
      unit: "ms",
      floor,
    });
    bench.row({
      what: `${page.kind}, its JSON answer (${page.api}), first after a change (in-process, CPU)`,
      value: perRound(answers, page.kind),
      unit: "ms",
      floor,
    });
  }
}

if (only.has("cached")) for (const subject of SUBJECTS) if (subject.underLoad) await cached(subject);
if (only.has("http")) for (const subject of SUBJECTS) await uncachedOverHttp(subject);
if (only.has("render")) for (const subject of SUBJECTS) await uncachedRender(subject);
bench.note(
  "The uncached render ratio is measured in this process through the library (src/index.ts), without a socket: " +
    "the CPU time of this thread for the first request of the page, through @hono/node-server's listener as rungs serve runs it, after a framework change (without " +
    "Accept-Encoding: compression runs on zlib's threads once per version and is not rendering), against " +
    "JSON.stringify of the page's view data (its JSON from /api/, parsed once), both summed over every round. " +
    "The re-render rows request the same version again under another query string, which the page cache " +
    "keys apart: the render without the once-per-version work. The JSON answer rows time the page's own view " +
    "data as the API answers it, through the same app and middleware, first after the same change: what a " +
    "request costs before any HTML is written. A small page's ratio is mostly that fixed cost over the " +
    "JSON.stringify of a few KB; the HTML's own cost is its row minus the JSON answer's.",
);
const averages = (l: number[]) => l.map((x) => x.toFixed(1)).join(", ");
bench.note(
  `load average (1, 5, 15 min) at the start ${averages(loadAtStart)}, at the end ${averages(loadavg())}, on ${availableParallelism()} cores: the cached rows' p99 is the machine's as much as rungs'`,
);
bench.finish();
