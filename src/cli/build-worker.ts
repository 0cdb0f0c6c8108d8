/**
 * A worker thread of `rungs build` (see build-pages.ts). Started with `site`: loads the frameworks, answers
 * with the site's pages and key (or with what keeps it from being built), then, asked to, writes the search
 * index's files, answers with them and ends. Otherwise: loads the frameworks once, then renders and writes
 * the pages the main thread hands it, and answers with each file's name and hash.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import type { FrameworkRegistry } from "../load/registry.js";
import { createApp } from "../web/app.js";
import type { App } from "../web/context.js";
import { outputFile, searchIndexPaths, siteSections } from "../web/site-map.js";
import { releaseVersionCaches } from "../web/version-caches.js";
import {
  buildPage,
  type FromWorker,
  type PageDone,
  type SiteListing,
  type ToWorker,
  type WorkerSetup,
} from "./build-pages.js";
import { UsageError, VERSION } from "./context.js";
import { openRegistry } from "./open-registry.js";
import { threadFailure } from "./threads.js";

if (!parentPort) throw new Error("build-worker runs as a worker thread of rungs build");
const port: MessagePort = parentPort;
const setup = workerData as WorkerSetup;
const send = (message: FromWorker) => port.postMessage(message);
const failed = (error: unknown) => send(threadFailure(error));

// the site thread says what is wrong with the frameworks; the others would only say it again
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

/** The site's pages in order and the key of what they are built from, or why nothing can be built. */
function listing(registry: FrameworkRegistry, assets: string[]): SiteListing {
  const broken = registry.list().filter((fw) => !fw.ok);
  if (broken.length) {
    return {
      broken: broken.map((fw) => {
        const errors = fw.diagnostics.filter((d) => d.severity === "error").length;
        const count = `${errors} error${errors === 1 ? "" : "s"}`;
        return `rungs: ${fw.id} has ${count}; nothing was built (run \`rungs check ${fw.path}\`)\n`;
      }),
    };
  }
  // the search index's files are written by this thread, once asked (see below)
  const sections = siteSections(registry, assets, false);
  sections.at(-1)?.push("/404.html");
  const sourceBytes = registry
    .list()
    .reduce((sum, fw) => sum + fw.files.reduce((n, file) => n + file.text.length, 0), 0);
  return { sections, key: `${VERSION} ${registry.version}`, version: registry.version, sourceBytes };
}

/** The site thread: the listing, then (asked) the search index's files; then it ends. */
function siteThread(registry: FrameworkRegistry, app: App, assets: string[]): void {
  port.on("message", (message: ToWorker) => {
    if (!("searchIndex" in message)) return;
    const previous = message.searchIndex;
    void (async () => {
      const done: PageDone[] = [];
      for (const path of searchIndexPaths(registry))
        done.push(await buildPage(app, { path, previous: previous[outputFile(path)] }, setup.out));
      send({ searchIndex: done });
      // nothing more keeps the thread alive: it ends, and the index's memory with it
      port.close();
    })().catch(failed);
  });
  send({ site: listing(registry, assets) });
  // listing made goal documents that the search index does not need
  releaseVersionCaches();
}

/**
 * A rendering thread: runs of pages until it is told to stop. Pages are handed out in the site's order, so
 * once a thread has a page of a later section it will not see the earlier sections' pages again: it lets
 * their caches go.
 */
function pagesThread(app: App): void {
  let section: number | undefined;
  port.on("message", (message: ToWorker) => {
    // every page it was given is written: the thread ends (process.exit in a worker ends the worker only)
    if ("stop" in message) process.exit(0);
    if (!("tasks" in message)) return;
    void (async () => {
      const done: [number, PageDone][] = [];
      for (const [index, task] of message.tasks) {
        if (section !== undefined && task.section !== section) releaseVersionCaches();
        section = task.section;
        done.push([index, await buildPage(app, task, setup.out)]);
      }
      send({ done });
    })().catch(failed);
  });
  send({ ready: true });
}

try {
  const registry = await openRegistry(setup.paths, {
    stdout: quiet,
    stderr: quiet,
    env: setup.env,
    cwd: setup.cwd,
  });
  const app = createApp({ registry, staticSite: true });
  if (setup.site) siteThread(registry, app, setup.site.assets);
  // the pages were listed from the files as the site thread read them: a worker must render the same
  else if (registry.version !== setup.version)
    throw new UsageError("the framework files changed while the site was being built; build again");
  else pagesThread(app);
} catch (error) {
  failed(error);
}
