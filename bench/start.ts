/**
 * bench/start: how fast the built `rungs` command starts and how much memory `rungs serve` holds, measured
 * from outside (child processes, wall-clock) against the floor `node -e ""` taken in the same run.
 *
 * Targets (issue 13, item 9):
 * - `rungs --version` within 2× the floor: it has no work of its own.
 * - `rungs check examples/<each>` within 2× the floor plus its work. "Its work" is the in-process time of
 *   the same check through the library (dist/index.js): a fresh Node process imports the library, then
 *   times checkFramework of the same example, cold, with the options the command gives it (the occupation
 *   lists read only for a framework with classification codes, no version identity). What is left
 *   over (check − work) is start-up: Node itself and loading the command's code; it must stay ≤ 2× floor.
 *   The rows are warm runs, as every run after the first is (the compiled code comes from Node's compile
 *   cache); the first run after an install, with an empty cache, is shown beside them for --version and
 *   one example, without a target.
 * - `rungs serve`: the first successful response (GET /) within 0.5 s of spawning the process, as every start
 *   after the first runs it (in the same folder, its database there and migrated, its frameworks from the
 *   disk cache of src/cli/cached-registry.ts: the bench keeps a folder and a cache of its own, which one start
 *   before the rounds fills), and its RSS
 *   after requesting every page it serves by default (the static build's page list, src/web/site-map.ts,
 *   over the default examples of src/cli/context.ts) and letting it settle its memory (2.5 s)
 *   under 150 MB (the RSS the moment the last page arrived is shown beside it); run as docs/cli.md says to run a server, with NODE_OPTIONS=--max-semi-space-size=8.
 *   Beside the first response, without a target, a first run: a start in an empty folder (a new database,
 *   migrated) with an empty frameworks cache, each round, as a new user's first start.
 *
 * Beside serve's wall times, the CPU its process had used at its first answer (all threads, from /proc), against
 * the floor's own CPU: on a loaded machine the wall time is mostly waiting for a core, the CPU is the work. Of
 * it, the main thread's: the frameworks load on a second core meanwhile, so on a quiet 2-core machine the first
 * answer cannot come sooner than the larger of the main thread's CPU and half the process's.
 *
 * Run after `npm run build`: `tsx bench/start.ts` (`--no-fail` to explore without a failing exit status;
 * `--only serve` or `--only cli` for one part; BENCH_ROUNDS sets the rounds, default 9; BENCH_SERVE_ROUNDS
 * the serve starts, default 3; BENCH_ROOT another built checkout to measure). The rows go to
 * bench/results/start.json like every bench's (bench/measure.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { EXAMPLES, PACKAGE_ROOT } from "../src/cli/context.js";
import { nodeFileSystem } from "../src/load/fs-port.js";
import { loadOccupations } from "../src/load/occupations.js";
import { FrameworkRegistry } from "../src/load/registry.js";
import { sitePaths } from "../src/web/site-map.js";
import { Bench, benchArgs, median, usageError } from "./measure.js";
import { serveEnv } from "./processes.js";

const PARTS = ["cli", "serve"];
const USAGE = `tsx bench/start.ts [--no-fail] [--only ${PARTS.join(",")}]

  --no-fail   report a missed target without exiting 1
  --only      the parts to run, comma-separated (default both): cli (--version and check), serve
BENCH_ROUNDS sets the rounds (default 9), BENCH_SERVE_ROUNDS the serve starts (default 3); BENCH_ROOT measures
another built checkout. Run \`npm run build\` first.`;
const { only: onlyFlag } = benchArgs("start", USAGE, {
  "no-fail": { type: "boolean", default: false },
  only: { type: "string" },
});
const only = new Set((onlyFlag ?? PARTS.join(",")).split(",").map((p) => p.trim()));
for (const part of only)
  if (!PARTS.includes(part))
    usageError("start", `--only: unknown part "${part}" (one of ${PARTS.join(", ")})`, USAGE);

// BENCH_ROOT: measure another built checkout (e.g. main, for a before/after) with this same bench
const root = process.env.BENCH_ROOT ?? new URL("../", import.meta.url).pathname;
// run as a user runs it: the file itself, through its #! line
const bin = join(root, "dist/cli/main.js");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const SERVE_ROUNDS = Number(process.env.BENCH_SERVE_ROUNDS ?? 3);
const FIRST_RESPONSE_MS = 500;
const RSS_MB = 150;
const examples = readdirSync(join(root, "examples")).map((name) => `examples/${name}`);
const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", DATABASE_URL: "" };

/** Wall time of one child process, which must exit 0. */
function timed(command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd: root, env: { ...env, ...extraEnv }, encoding: "utf8" });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return ms;
}

/**
 * The check's own work, timed inside a fresh process after it has imported the library: what `rungs check
 * <example>` does (src/cli/check-command.ts) and nothing more. The occupation lists are read only when a role
 * of the framework has classification codes (the command passes a function for them, and so does this), and
 * no version identity is computed (the text report does not show it). Counting work the command skips would
 * make its start-up look smaller than it is.
 */
function libraryWork(example: string): number {
  const script = `
    const lib = await import(${JSON.stringify(join(root, "dist/index.js"))});
    const started = performance.now();
    await lib.checkFramework(${JSON.stringify(join(root, example))}, lib.nodeFileSystem, {
      occupations: () => lib.loadOccupations(lib.nodeFileSystem),
      version: false,
    });
    process.stdout.write(String(performance.now() - started));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`library check of ${example} failed: ${run.stderr}`);
  return Number(run.stdout);
}

const bench = new Bench(
  "start",
  `the built CLI in child processes, medians of ${ROUNDS} rounds against a node -e "" floor`,
);
const samples = new Map<string, number[]>();
const add = (name: string, ms: number) => samples.set(name, [...(samples.get(name) ?? []), ms]);
/**
 * A first run: the CLI keeps V8's compiled code in Node's compile cache (src/cli/main.ts), so every run but
 * the first after an install or upgrade starts from it. An empty cache folder makes a run the first one.
 */
function firstRun(args: string[]): number {
  const cache = mkdtempSync(join(tmpdir(), "rungs-bench-compile-cache-"));
  try {
    return timed(bin, args, { NODE_COMPILE_CACHE: cache });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
const FIRST_RUN_EXAMPLE = "examples/engineering";

const ms = (name: string) => median(samples.get(name) ?? []);

/** --version and check of each example, interleaved so drift on a noisy machine hits every one alike. */
function cliPart(): void {
  for (let round = 0; round < ROUNDS; round++) {
    add("floor", timed(process.execPath, ["-e", ""]));
    add("version", timed(bin, ["--version"]));
    add("first version", firstRun(["--version"]));
    add("first check", firstRun(["check", FIRST_RUN_EXAMPLE]));
    for (const example of examples) {
      add(`check ${example}`, timed(bin, ["check", example]));
      add(`work ${example}`, libraryWork(example));
    }
  }
  const floor = { name: 'node -e ""', value: ms("floor") };
  bench.row({
    what: "rungs --version",
    value: ms("version"),
    unit: "ms",
    floor,
    target: { op: "<=", value: 2, of: "ratio" },
  });
  bench.row({ what: "  first run (empty compile cache)", value: ms("first version"), unit: "ms", floor });
  for (const example of examples) {
    const check = ms(`check ${example}`);
    const work = ms(`work ${example}`);
    bench.row({ what: `rungs check ${example}`, value: check, unit: "ms", floor });
    // what is left once the check's own work is taken away: Node's start and loading the command's code
    bench.row({
      what: `  start-up: all − its ${work.toFixed(0)} ms of work`,
      value: check - work,
      unit: "ms",
      floor,
      target: { op: "<=", value: 2, of: "ratio" },
    });
    if (example === FIRST_RUN_EXAMPLE) {
      const first = ms("first check");
      bench.row({ what: "  first run (empty compile cache)", value: first, unit: "ms", floor });
      bench.row({ what: "  first run's start-up", value: first - work, unit: "ms", floor });
    }
  }
}

/** A port nobody listens on now, so the server's first answer can be awaited from outside. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Whether anything accepts connections on the port yet: a bare TCP connect, which costs the measuring
 * process less than half the CPU of a refused fetch (1.1 against 2.6–2.8 ms a try, on the 2-core
 * machine under load). The server shares those cores with the bench while it starts: each try it is spared
 * is CPU the start it measures keeps.
 */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Resident memory of a process in MB, from outside (Linux /proc, else ps). */
function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
  } catch {
    return Number(spawnSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" }).stdout) / 1024;
  }
}

/** Every page `rungs serve` answers with no paths given: the static build's list over the default examples. */
async function pages(): Promise<string[]> {
  const registry = new FrameworkRegistry(
    EXAMPLES.map((e) => join(root, relative(PACKAGE_ROOT, e))),
    { fs: nodeFileSystem, occupations: await loadOccupations(nodeFileSystem), cwd: root },
  );
  await registry.load();
  return sitePaths(registry, readdirSync(join(root, "dist/web/assets")).sort());
}

/** Clock ticks per second of /proc's CPU times. */
const TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;

/**
 * The CPU a live process has used so far, all its threads, in ms; with `mainThread`, its main thread's only
 * (Linux /proc; NaN elsewhere).
 */
function cpuMs(pid: number, mainThread = false): number {
  try {
    // the fields after the command's name, which is in parentheses and may hold spaces
    const stat = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return Number.NaN;
  }
}

/** The floor's CPU: what `node -e` has used when its script runs (all threads, as process.cpuUsage counts). */
function floorCpuMs(): number {
  const script = "const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1000))";
  return Number(spawnSync(process.execPath, ["-e", script], { env, encoding: "utf8" }).stdout);
}

interface Served {
  firstMs: number;
  /** The server's CPU when its first answer had arrived. */
  firstCpuMs: number;
  /** Of it, its main thread's: the rest is other cores' (the thread loading the frameworks, V8's helpers). */
  firstMainCpuMs: number;
  rss?: number;
  /** RSS the moment the last page had arrived, before the server settled its memory. */
  rssAtOnce?: number;
}

/**
 * How long to wait after the last page before reading RSS: the server settles its memory 1 s after the last
 * page it rendered (web/settle.ts); what it holds from then on, while it serves, is what the target is about.
 */
const SETTLE_WAIT_MS = 2_500;

/**
 * One `rungs serve` from spawn in the folder `dir` (its database there), its frameworks cached in `cache`
 * (RUNGS_CACHE_DIR): ms to the first 200 on GET /, and (when `paths`) RSS after serving them.
 */
async function serveOnce(dir: string, cache: string, paths?: string[]): Promise<Served> {
  const port = await freePort();
  // fetch's own code is loaded before the clock starts (a refused try at the free port): the first GET / is
  // then asked as fast as the polling by fetch asked it, not after loading undici in this process
  await fetch(`http://127.0.0.1:${port}/`).catch(() => {});
  const started = performance.now();
  // the embedded database in the working directory (./rungs-data), made and migrated on the first start there
  const child = spawn(bin, ["serve", "--port", String(port)], {
    cwd: dir,
    env: serveEnv({ ...env, RUNGS_CACHE_DIR: cache }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise((r) => child.once("exit", r));
  try {
    const base = `http://127.0.0.1:${port}`;
    let firstMs = Number.NaN;
    let firstCpuMs = Number.NaN;
    let firstMainCpuMs = Number.NaN;
    while (performance.now() - started < 30_000 && child.exitCode === null) {
      // the port is polled with a connect, and GET / asked once it accepts: the same first 200, found cheaper
      const ok =
        (await accepts(port)) &&
        (await fetch(`${base}/`).then(
          (res) => res.arrayBuffer().then(() => res.ok),
          () => false,
        ));
      if (ok) {
        firstMs = performance.now() - started;
        firstCpuMs = cpuMs(child.pid ?? 0);
        firstMainCpuMs = cpuMs(child.pid ?? 0, true);
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    if (Number.isNaN(firstMs))
      throw new Error(`rungs serve did not answer GET / (exit ${child.exitCode}): ${stderr}`);
    if (!paths) return { firstMs, firstCpuMs, firstMainCpuMs };
    for (const path of paths) {
      const res = await fetch(`${base}${path}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    }
    const rssAtOnce = rssMb(child.pid ?? 0);
    await new Promise((r) => setTimeout(r, SETTLE_WAIT_MS));
    return { firstMs, firstCpuMs, firstMainCpuMs, rss: rssMb(child.pid ?? 0), rssAtOnce };
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

/**
 * Serve's starts, each beside a floor of its own round and a first run (an empty frameworks cache); every
 * page is requested on the last start only. A server that never answers is a missed row, not a crash: the
 * rows before it are still written.
 */
async function servePart(): Promise<void> {
  const served: Served[] = [];
  const first: Served[] = [];
  let failed: string | undefined;
  const every = await pages();
  // a user's folder (the database in it) and cache, which one start fills as a user's first start does;
  // every start after runs as a user's second and later starts do. A first run has a folder of its own.
  const temporary: string[] = [];
  const folder = () => {
    temporary.push(mkdtempSync(join(tmpdir(), "rungs-bench-start-")));
    return temporary.at(-1) as string;
  };
  const [home, cache] = [folder(), folder()];
  try {
    await serveOnce(home, cache);
    for (let round = 0; round < SERVE_ROUNDS; round++) {
      add("serve floor", timed(process.execPath, ["-e", ""]));
      add("serve floor cpu", floorCpuMs());
      first.push(await serveOnce(folder(), folder()));
      served.push(await serveOnce(home, cache, round === SERVE_ROUNDS - 1 ? every : undefined));
    }
  } catch (error) {
    failed = error instanceof Error ? error.message : String(error);
  } finally {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  }
  const nothing = failed && !served.length ? { failed } : {};
  bench.row({
    what: "rungs serve: first response to GET /",
    value: served.length ? median(served.map((s) => s.firstMs)) : Number.NaN,
    unit: "ms",
    floor: { name: 'node -e ""', value: ms("serve floor") },
    target: { op: "<", value: FIRST_RESPONSE_MS, of: "value" },
    ...nothing,
  });
  // the CPU at the first answer: the whole process's, then its main thread's (the frameworks load in a worker)
  const cpuRows = (starts: Served[], indent: string) => {
    for (const [what, of] of [
      [`${indent}its CPU by then (all threads)`, "firstCpuMs"],
      [`${indent}  of it its main thread's`, "firstMainCpuMs"],
    ] as const)
      bench.row({
        what,
        value: starts.length ? median(starts.map((s) => s[of])) : Number.NaN,
        unit: "ms CPU",
        floor: { name: 'node -e ""', value: ms("serve floor cpu") },
        ...nothing,
      });
  };
  cpuRows(served, "  ");
  bench.row({
    what: "  first run (empty frameworks cache)",
    value: first.length ? median(first.map((s) => s.firstMs)) : Number.NaN,
    unit: "ms",
    floor: { name: 'node -e ""', value: ms("serve floor") },
    ...nothing,
  });
  cpuRows(first, "    ");
  const last = served.at(-1);
  bench.row({
    what: `rungs serve: RSS after its ${every.length} pages, settled`,
    value: last?.rss ?? Number.NaN,
    unit: "MB",
    target: { op: "<", value: RSS_MB, of: "value" },
    ...(failed ? { failed } : {}),
  });
  bench.row({
    what: "  the moment the last page arrived",
    value: last?.rssAtOnce ?? Number.NaN,
    unit: "MB",
    ...(failed ? { failed } : {}),
  });
}

if (only.has("cli")) cliPart();
if (only.has("serve")) await servePart();
bench.finish();
