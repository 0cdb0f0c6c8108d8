/**
 * The benches use rungs as its users do: the built CLI (`node dist/cli/main.js …`) in a child process, and
 * HTTP. Here: running a command and reading its CPU time and peak RSS, and starting and stopping
 * `rungs serve` on a free port.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { get as httpGet, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const CLI = new URL("../dist/cli/main.js", import.meta.url).pathname;
const PRELOAD = pathToFileURL(new URL("usage-preload.mjs", import.meta.url).pathname).href;

/** Exits 2 with a message when the CLI has not been built: the benches measure the built one. */
export function requireBuiltCli(bench: string): void {
  if (!existsSync(CLI)) {
    console.error(`bench/${bench}: the built CLI is missing; run \`npm run build\` first`);
    process.exit(2);
  }
}

export interface Measured {
  status: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** User + system CPU of the child itself (all its threads). */
  cpuMs: number;
  maxRssMb: number;
}

/**
 * Runs `node <args>` as a child process and reports its exit status, output, wall time, and its own CPU time
 * and peak RSS (written by usage-preload.mjs as it exits).
 */
export async function runMeasured(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), "rungs-bench-usage-"));
  const usageFile = join(dir, "usage.json");
  try {
    const child = spawn(process.execPath, ["--import", PRELOAD, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...(options.env ?? process.env), RUNGS_BENCH_USAGE_FILE: usageFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const started = performance.now();
    const status = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    const wallMs = performance.now() - started;
    if (!existsSync(usageFile)) throw new Error(`node ${args.join(" ")} left no usage (status ${status})`);
    const usage = JSON.parse(readFileSync(usageFile, "utf8")) as {
      userUs: number;
      systemUs: number;
      maxRssKb: number;
    };
    return {
      status,
      stdout,
      stderr,
      wallMs,
      cpuMs: (usage.userUs + usage.systemUs) / 1000,
      maxRssMb: usage.maxRssKb / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Server {
  child: ChildProcess;
  /** http://127.0.0.1:port */
  origin: string;
  /** The last of what it printed (standard output and error), to say why it stopped answering. */
  lastOutput: () => string;
}

/**
 * Starts `node <args>` and resolves with the origin it prints once listening: `rungs serve` prints
 * "rungs: open http://…/", the floor server prints "listening http://…/". `args` should ask for port 0.
 */
export function startServer(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    let last = "";
    const keep = (chunk: Buffer) => {
      last = (last + chunk.toString()).slice(-2_000);
    };
    const lastOutput = () => last;
    child.stdout?.on("data", (chunk: Buffer) => {
      keep(chunk);
      if (out.length < 10_000) out += chunk.toString();
      const open = /(?:rungs: open|listening) (http:\/\/[^/\s]+)\//.exec(out);
      if (open?.[1]) resolve({ child, origin: open[1], lastOutput });
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      keep(chunk);
      if (err.length < 10_000) err += chunk.toString();
    });
    child.on("exit", (code) =>
      reject(new Error(`${args.join(" ")} exited (${code}) before listening: ${err || out}`)),
    );
  });
}

/** How docs/cli.md (and `npm start`) say to run a long-running server: every bench runs it so. */
export const SERVE_NODE_OPTIONS = "--max-semi-space-size=8";

/** `env` with SERVE_NODE_OPTIONS added to its NODE_OPTIONS. */
export function serveEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} ${SERVE_NODE_OPTIONS}`.trim() };
}

/** Starts the built `rungs serve` on a free port of 127.0.0.1 with the given extra arguments, as `npm start` runs it. */
export function startRungs(
  extra: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Server> {
  return startServer([CLI, "serve", "--port", "0", "--host", "127.0.0.1", ...extra], cwd, serveEnv(env));
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export interface Fetched {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent (still compressed when the server compressed them). */
  body: Buffer;
  ms: number;
}

/**
 * One GET on a connection of its own, body read whole and left as sent (node:http does not decompress),
 * with its time. Not through Node's keep-alive agent: a bench that blocks its own event loop between
 * requests (bench/team's raw SQL on SQLite, for 20 s) does not see the server close an idle pooled
 * connection after its 5 s keep-alive, writes the next request into it and gets "socket hang up".
 */
export function getRaw(
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<Fetched> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers, timeout: timeoutMs, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          ms: performance.now() - started,
        }),
      );
      res.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`GET ${url} timed out after ${timeoutMs} ms`)));
    request.on("error", reject);
  });
}
