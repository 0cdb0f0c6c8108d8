/**
 * Rendering the pages of a static build and writing each to disk as soon as it is rendered (never the whole
 * site in memory): in this thread (`--jobs 1`), or shared out to worker threads (build-worker.ts), each of
 * which loads the frameworks once and renders the pages it is handed with the same app the server uses.
 */
import { createHash } from "node:crypto";
import { type FileHandle, mkdir, open, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { threadId, Worker } from "node:worker_threads";
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

/** What a page may hold in memory while it is hashed; a larger one goes to a temporary file as it comes. */
const HELD_BYTES = 4 * 1024 * 1024;

/**
 * Renders one page and writes its file, unless the file is there with the same bytes already. The answer is
 * read as it streams (a large export is never whole in memory): a page of up to HELD_BYTES is held and written
 * once its hash is known, a larger one goes to a temporary file beside its own that replaces it at the end.
 */
export async function buildPage(app: App, task: PageTask, out: string): Promise<PageDone> {
  const res = await app.request(task.path);
  const expected = task.path === "/404.html" ? 404 : 200;
  if (res.status !== expected)
    throw new UsageError(`cannot build ${task.path}: the app answered ${res.status}`);
  const name = outputFile(task.path);
  const file = join(out, name);
  const hasher = createHash("sha256");
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let spill: FileHandle | undefined;
  const temporary = `${file}.${threadId}.partial`;
  try {
    for await (const chunk of res.body ?? []) {
      hasher.update(chunk);
      if (!spill && heldBytes + chunk.byteLength <= HELD_BYTES) {
        held.push(chunk);
        heldBytes += chunk.byteLength;
        continue;
      }
      if (!spill) {
        await mkdir(dirname(file), { recursive: true });
        spill = await open(temporary, "w");
        for (const part of held.splice(0)) await spill.write(part);
      }
      await spill.write(chunk);
    }
    await spill?.close();
    const hash = hasher.digest("base64url");
    const written = task.previous !== hash || !(await isFile(file));
    if (spill) {
      spill = undefined;
      await (written ? rename(temporary, file) : rm(temporary));
    } else if (written) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, held);
    }
    return { name, hash, written };
  } finally {
    if (spill) {
      await spill.close().catch(() => {});
      await rm(temporary, { force: true });
    }
  }
}

export async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** What a worker is started with: where the frameworks are, and the version the pages were listed from. */
export interface WorkerSetup {
  paths: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  out: string;
  version: string;
  /**
   * Given (with the hashes the index's files had in the last build, by file): the worker writes the search
   * index's files, answers `{ searchIndex }` and ends, taking the index's memory with it.
   */
  searchIndex?: Record<string, string> | undefined;
}

/** From main to a worker: pages to build (with their place in the list), or nothing more to do. */
export type ToWorker = { tasks: [number, PageTask][] } | { stop: true };

/** From a worker to main. */
export type FromWorker =
  | { ready: true }
  | { done: [number, PageDone][] }
  | { searchIndex: PageDone[] }
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
 * Builds the pages on `jobs` threads: this one, with the app it already has, and `jobs - 1` workers, each of
 * which loads the frameworks once. Pages go out in small runs of neighbours, each worker asking for more as
 * it finishes, so a slow page does not hold the others back. The answer is in the order of `tasks`.
 */
export async function buildPages(
  here: App,
  tasks: PageTask[],
  setup: WorkerSetup,
  jobs: number,
  progress: (done: number) => void,
): Promise<PageDone[]> {
  const results: PageDone[] = new Array(tasks.length);
  const shared = [...tasks.keys()];
  let next = 0;
  let finished = 0;
  const record = (index: number, page: PageDone) => {
    results[index] = page;
    progress(++finished);
  };
  const count = Math.max(0, Math.min(jobs - 1, shared.length));
  const queue: Queue = {
    left: () => shared.length - next,
    take: (size) => {
      const run = shared.slice(next, next + size);
      next += run.length;
      return run;
    },
  };
  const take = queue.take;
  const workers = startWorkers(count, setup, tasks, queue, record);
  try {
    // this thread: single pages from the shared list until none is left; each page awaits its file, so
    // the workers' messages are answered between pages
    for (let [index] = take(1); index !== undefined; [index] = take(1))
      record(index, await buildPage(here, tasks[index] as PageTask, setup.out));
    await workers.done;
  } finally {
    await workers.stop();
  }
  return results;
}

/**
 * The search index's files, written by a thread of their own that ends when they are: building the index of
 * a large framework takes a few hundred MB that no other page needs, and a thread's memory goes when it does.
 * `previous`: each file's hash in the last build, by file name.
 */
export function buildSearchIndex(setup: WorkerSetup, previous: Record<string, string>): Promise<PageDone[]> {
  const { url, execArgv } = workerEntry();
  const worker = new Worker(url, {
    workerData: { ...setup, searchIndex: previous } satisfies WorkerSetup,
    ...(execArgv ? { execArgv } : {}),
  });
  return new Promise<PageDone[]>((resolve, reject) => {
    let done: PageDone[] | undefined;
    worker.on("message", (message: FromWorker) => {
      if ("failed" in message)
        reject(message.usage ? new UsageError(message.failed) : new Error(message.failed));
      if ("searchIndex" in message) done = message.searchIndex;
    });
    worker.on("error", reject);
    worker.on("exit", (code) =>
      done ? resolve(done) : reject(new Error(`the search index's build thread stopped (exit ${code})`)),
    );
  }).finally(() => worker.terminate());
}

/** The pages no thread has taken yet (their places in the list of tasks). */
interface Queue {
  left: () => number;
  take: (size: number) => number[];
}

/** `count` worker threads that render runs of pages taken from the queue until it is empty. */
function startWorkers(
  count: number,
  setup: WorkerSetup,
  tasks: PageTask[],
  queue: Queue,
  record: (index: number, page: PageDone) => void,
): { done: Promise<void>; stop: () => Promise<unknown> } {
  const { url, execArgv } = workerEntry();
  const workers: Worker[] = [];
  const stopped = new Set<Worker>();
  const done = new Promise<void>((resolve, reject) => {
    if (count === 0) return resolve();
    const handOut = (worker: Worker) => {
      // large runs at first, single pages at the end, so the threads finish together
      const run = queue.take(Math.max(1, Math.min(16, Math.floor(queue.left() / ((count + 1) * 4)))));
      if (!run.length) {
        stopped.add(worker);
        worker.postMessage({ stop: true } satisfies ToWorker);
        if (stopped.size === count) resolve();
        return;
      }
      worker.postMessage({
        tasks: run.map((i): [number, PageTask] => [i, tasks[i] as PageTask]),
      } satisfies ToWorker);
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(url, { workerData: setup, ...(execArgv ? { execArgv } : {}) });
      workers.push(worker);
      worker.on("message", (message: FromWorker) => {
        if ("failed" in message)
          return reject(message.usage ? new UsageError(message.failed) : new Error(message.failed));
        if ("done" in message) for (const [index, page] of message.done) record(index, page);
        handOut(worker);
      });
      worker.on("error", reject);
      // told to stop, a worker ends while the others finish their last pages
      worker.on("exit", (code) => {
        if (!stopped.has(worker)) reject(new Error(`a build worker stopped (exit ${code})`));
      });
    }
  });
  // a failure is also seen by whoever awaits done; until then it must not be an unhandled rejection
  done.catch(() => {});
  return { done, stop: () => Promise.all(workers.map((worker) => worker.terminate())) };
}
