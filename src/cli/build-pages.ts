/**
 * Rendering the pages of a static build and writing each to disk as soon as it is rendered (never the whole
 * site in memory): in this thread (`--jobs 1`), or shared out to worker threads (build-worker.ts), each of
 * which loads the frameworks once and renders the pages it is handed with the same app the server uses.
 */
import { createHash } from "node:crypto";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { App } from "../web/context.js";
import { outputFile } from "../web/site-map.js";
import { UsageError } from "./context.js";

/** A page to build: its site path, and the hash its file had in the last build (`--incremental`). */
export interface PageTask {
  path: string;
  previous?: string | undefined;
}

/** A page built: its file in the output folder, the hash of its bytes, and whether the file was written. */
export interface PageDone {
  name: string;
  hash: string;
  written: boolean;
}

/** Renders one page and writes its file, unless the file is there with the same bytes already. */
export async function buildPage(app: App, task: PageTask, out: string): Promise<PageDone> {
  const res = await app.request(task.path);
  const expected = task.path === "/404.html" ? 404 : 200;
  if (res.status !== expected)
    throw new UsageError(`cannot build ${task.path}: the app answered ${res.status}`);
  const name = outputFile(task.path);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const hash = createHash("sha256").update(bytes).digest("base64url");
  const file = join(out, name);
  const written = task.previous !== hash || !(await isFile(file));
  if (written) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }
  return { name, hash, written };
}

export async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Builds the pages one after the other in this thread. */
export async function buildHere(
  app: App,
  tasks: PageTask[],
  out: string,
  progress: (done: number) => void,
): Promise<PageDone[]> {
  const done: PageDone[] = [];
  for (const task of tasks) {
    done.push(await buildPage(app, task, out));
    progress(done.length);
  }
  return done;
}

/** What a worker is started with: where the frameworks are, and the version the pages were listed from. */
export interface WorkerSetup {
  paths: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  out: string;
  version: string;
}

/** From main to a worker: pages to build (with their place in the list), or nothing more to do. */
export type ToWorker = { tasks: [number, PageTask][] } | { stop: true };

/** From a worker to main. */
export type FromWorker =
  | { ready: true }
  | { done: [number, PageDone][] }
  | { failed: string; usage: boolean };

/**
 * The worker's module beside this one: build-worker.js in dist/cli (the CLI bundle keeps every chunk in
 * one folder), build-worker.ts when running from the sources (tests, tsx), loaded through tsx.
 */
function workerEntry(): { url: URL; execArgv?: string[] } {
  if (!import.meta.url.endsWith(".ts")) return { url: new URL("./build-worker.js", import.meta.url) };
  // found from here, not from the working directory, which may be anywhere
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return { url: new URL("./build-worker.ts", import.meta.url), execArgv: ["--import", tsx] };
}

/**
 * Builds the pages on `jobs` worker threads. Pages go out in small runs of neighbours (a framework's pages
 * share what is computed once per version, such as its search index), each worker asking for more as it
 * finishes, so a slow page does not hold the others back. The answer is in the order of `tasks`.
 */
export async function buildInWorkers(
  tasks: PageTask[],
  setup: WorkerSetup,
  jobs: number,
  progress: (done: number) => void,
): Promise<PageDone[]> {
  const results: PageDone[] = new Array(tasks.length);
  const count = Math.max(1, Math.min(jobs, tasks.length));
  const { url, execArgv } = workerEntry();
  const workers: Worker[] = [];
  const stopped = new Set<Worker>();
  let next = 0;
  let finished = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const handOut = (worker: Worker) => {
        const left = tasks.length - next;
        if (left === 0) {
          stopped.add(worker);
          return worker.postMessage({ stop: true } satisfies ToWorker);
        }
        // large runs at first, single pages at the end, so the workers finish together
        const size = Math.max(1, Math.min(16, Math.floor(left / (count * 4))));
        const run = tasks.slice(next, next + size).map((task, i): [number, PageTask] => [next + i, task]);
        next += run.length;
        worker.postMessage({ tasks: run } satisfies ToWorker);
      };
      for (let i = 0; i < count; i++) {
        const worker = new Worker(url, { workerData: setup, ...(execArgv ? { execArgv } : {}) });
        workers.push(worker);
        worker.on("message", (message: FromWorker) => {
          if ("failed" in message)
            return reject(message.usage ? new UsageError(message.failed) : new Error(message.failed));
          if ("done" in message) {
            for (const [index, page] of message.done) results[index] = page;
            finished += message.done.length;
            progress(finished);
            if (finished === tasks.length) return resolve();
          }
          handOut(worker);
        });
        worker.on("error", reject);
        // told to stop, a worker ends while the others finish their last pages
        worker.on("exit", (code) => {
          if (!stopped.has(worker)) reject(new Error(`a build worker stopped (exit ${code})`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
