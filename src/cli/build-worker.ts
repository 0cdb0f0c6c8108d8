/**
 * A worker thread of `rungs build --jobs N` (see build-pages.ts): loads the frameworks once, then renders
 * and writes the pages the main thread hands it, and answers with each file's name and hash; or, started
 * for the search index, writes the index's files, answers with them and ends.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createApp } from "../web/app.js";
import { outputFile, searchIndexPaths } from "../web/site-map.js";
import { buildPage, type FromWorker, type PageDone, type ToWorker, type WorkerSetup } from "./build-pages.js";
import { UsageError } from "./context.js";
import { openRegistry } from "./serve-command.js";

const port = parentPort;
if (!port) throw new Error("build-worker runs as a worker thread of rungs build");
const setup = workerData as WorkerSetup;
const send = (message: FromWorker) => port.postMessage(message);
const failed = (error: unknown) =>
  send({
    failed: error instanceof Error ? error.message : String(error),
    // as describeFailure judges it in the main thread: a system error on a path (no space, no permission) is
    // the user's to fix, not a fault in rungs
    usage:
      error instanceof UsageError ||
      typeof (error as NodeJS.ErrnoException | undefined)?.syscall === "string",
  });

// what the main thread already said about the frameworks (warnings, a missing list) is not said again
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

try {
  const registry = await openRegistry(setup.paths, {
    stdout: quiet,
    stderr: quiet,
    env: setup.env,
    cwd: setup.cwd,
  });
  // the pages were listed from the files as the main thread read them: a worker must render the same
  if (registry.version !== setup.version)
    throw new UsageError("the framework files changed while the site was being built; build again");
  const app = createApp({ registry, staticSite: true });
  const previous = setup.searchIndex;
  if (previous) {
    // the thread of the search index: its files, then it ends, nothing more keeping it alive
    const done: PageDone[] = [];
    for (const path of searchIndexPaths(registry)) {
      done.push(await buildPage(app, { path, previous: previous[outputFile(path)] }, setup.out));
    }
    send({ searchIndex: done });
  } else {
    port.on("message", (message: ToWorker) => {
      // every page it was given is written: the thread ends (process.exit in a worker ends the worker only)
      if ("stop" in message) process.exit(0);
      void (async () => {
        const done: [number, PageDone][] = [];
        for (const [index, task] of message.tasks) done.push([index, await buildPage(app, task, setup.out)]);
        send({ done });
      })().catch(failed);
    });
    send({ ready: true });
  }
} catch (error) {
  failed(error);
}
