/**
 * Rendering the pages of a static build and writing each to disk as soon as it is rendered (never the whole
 * site in memory), on worker threads (build-worker.ts): a first one reads the frameworks, lists the site and
 * writes the search index's files, then `--jobs` of them each load the frameworks once and render the pages
 * they are handed with the same app the server uses. The command's own thread only hands out pages.
 */
import { createHash } from "node:crypto";
import { type FileHandle, mkdir, open, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { threadId, Worker } from "node:worker_threads";
import type { App } from "../web/context.js";
import { outputFile } from "../web/site-map.js";
import { workerEntry } from "../worker-entry.js";
import { UsageError } from "./context.js";
import { fromThread, type ThreadFailure } from "./threads.js";

/**
 * A page to build: its site path, the hash its file had in the last build (`--incremental`), and the
 * section of the site it is in (site-map.ts: a thread lets the caches go when it moves to another section).
 */
export interface PageTask {
  path: string;
  previous?: string | undefined;
  section?: number | undefined;
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

/**
 * What a worker is started with: where the frameworks are and where the site goes, and either `site` (the
 * first thread: it lists the site, then writes the search index's files and ends) or the `version` the pages
 * were listed from (a thread that renders the pages it is handed).
 */
export interface WorkerSetup {
  paths: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  out: string;
  version?: string | undefined;
  /** The size of the frameworks' files, for a rendering thread's heap cap (heapCap). */
  sourceBytes?: number | undefined;
  /** The built assets' file names, for the site thread's list of pages. */
  site?: { assets: string[] } | undefined;
}

/** The site as the first thread read it: its pages (in sections) and key, or what keeps it from being built. */
export type SiteListing =
  | { sections: string[][]; key: string; version: string; sourceBytes: number }
  | { broken: string[] };

/**
 * From main to a worker: pages to build (with their place in the list), the search index's files to write
 * (with the hashes they had in the last build, by file), or nothing more to do.
 */
export type ToWorker =
  | { tasks: [number, PageTask][] }
  | { searchIndex: Record<string, string> }
  | { stop: true };

/** From a worker to main. */
export type FromWorker =
  | { ready: true }
  | { done: [number, PageDone][] }
  | { site: SiteListing }
  | { searchIndex: PageDone[] }
  | ThreadFailure;

/**
 * A worker thread. A rendering thread's heap is capped: under V8's default limit (a quarter of the machine's
 * memory) a heap grows to several times what it keeps before it is collected (a thread rendering the 7 MB
 * goal pages of the generated 2,000-competency framework climbed to 600 MB for 190 MB live), and every
 * thread does. The cap grows with the frameworks' source (what a thread keeps does: the frameworks, the
 * caches of their pages): 512 MB up to 6 MB of YAML, measured on that framework (peak RSS of the build
 * 717 MB with a 1 GB cap, 509 MB with this one and a young generation of 24 MB, for the same CPU time
 * within the machine's noise), 85 MB more per MB beyond. Every thread's young generation is 24 MB, the
 * site thread's too: left to grow (to 128 MB) while it read the frameworks and built the search index,
 * that thread alone took the build to 477 MB before any page was rendered.
 */
function startWorker(setup: WorkerSetup): Worker {
  const { url, execArgv } = workerEntry("build-worker", import.meta.url);
  return new Worker(url, {
    workerData: setup,
    ...(execArgv ? { execArgv } : {}),
    resourceLimits: {
      ...(setup.sourceBytes === undefined ? {} : { maxOldGenerationSizeMb: heapCap(setup.sourceBytes) }),
      maxYoungGenerationSizeMb: 24,
    },
  });
}

/** The old generation's cap of a rendering thread, in MB, for frameworks of `sourceBytes` of YAML. */
export function heapCap(sourceBytes: number): number {
  return Math.max(512, Math.ceil((85 * sourceBytes) / (1024 * 1024)));
}

/** The first thread of a build, which has read the frameworks and listed the site. */
export interface SiteThread {
  listing: SiteListing;
  /** Writes the search index's files (`previous`: each file's hash in the last build) and ends the thread. */
  writeSearchIndex(previous: Record<string, string>): Promise<PageDone[]>;
  close(): Promise<unknown>;
}

/**
 * Starts the thread that reads the frameworks and lists the site, and then, if asked, writes the search
 * index's files and ends: building the index of a large framework takes a few hundred MB that no page needs,
 * and a thread's memory goes when it does. So the command's own thread never holds a framework.
 */
export function openSite(setup: WorkerSetup, assets: string[]): Promise<SiteThread> {
  const worker = startWorker({ ...setup, site: { assets } });
  let settle: { resolve: (done: PageDone[]) => void; reject: (error: Error) => void } | undefined;
  let indexed: PageDone[] | undefined;
  const thread = new Promise<SiteThread>((resolve, reject) => {
    const fail = (error: Error) => (settle ? settle.reject(error) : reject(error));
    worker.on("message", (message: FromWorker) => {
      if ("failed" in message) fail(fromThread(message));
      if ("searchIndex" in message) indexed = message.searchIndex;
      if ("site" in message)
        resolve({
          listing: message.site,
          writeSearchIndex: (previous) =>
            new Promise<PageDone[]>((resolve, reject) => {
              settle = { resolve, reject };
              worker.postMessage({ searchIndex: previous } satisfies ToWorker);
            }),
          close: () => worker.terminate(),
        });
    });
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (indexed) settle?.resolve(indexed);
      else fail(new Error(`the build's first thread stopped (exit ${code})`));
    });
  });
  thread.catch(() => worker.terminate());
  return thread;
}

/**
 * Builds the pages on `jobs` worker threads, each of which loads the frameworks once. Pages go out in small
 * runs of neighbours, each worker asking for more as it finishes, so a slow page does not hold the others
 * back. The answer is in the order of `tasks`.
 */
export async function buildPages(
  tasks: PageTask[],
  setup: WorkerSetup,
  jobs: number,
  progress: (done: number) => void,
): Promise<PageDone[]> {
  const results: PageDone[] = new Array(tasks.length);
  let next = 0;
  let finished = 0;
  const record = (index: number, page: PageDone) => {
    results[index] = page;
    progress(++finished);
  };
  const queue: Queue = {
    left: () => tasks.length - next,
    take: (size) => {
      const run = Array.from({ length: Math.min(size, tasks.length - next) }, (_, i) => next + i);
      next += run.length;
      return run;
    },
  };
  const workers = startWorkers(Math.max(1, Math.min(jobs, tasks.length)), setup, tasks, queue, record);
  try {
    await workers.done;
  } finally {
    await workers.stop();
  }
  return results;
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
  const workers: Worker[] = [];
  const stopped = new Set<Worker>();
  const done = new Promise<void>((resolve, reject) => {
    const handOut = (worker: Worker) => {
      // large runs at first, single pages at the end, so the threads finish together
      const run = queue.take(Math.max(1, Math.min(16, Math.floor(queue.left() / (count * 4)))));
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
      const worker = startWorker(setup);
      workers.push(worker);
      worker.on("message", (message: FromWorker) => {
        if ("failed" in message) return reject(fromThread(message));
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
