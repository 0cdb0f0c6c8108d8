/**
 * Where a worker thread's module is (worker-entry.ts): beside built code; run from the sources, the `.ts`
 * through tsx, or the one bundled for the tests where RUNGS_WORKERS_DIR names it. Both ways from the sources
 * start a real import thread that answers the same.
 */
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import type { ImportAnswer, ImportThreadSetup } from "./import/import-thread.js";
import { workerEntry } from "./worker-entry.js";

const FROM_SOURCES = new URL("./import/import-thread.ts", import.meta.url).href;

/** One import in the thread `workerEntry` names for `env`, as import-thread.ts starts it. */
async function answerOf(env: NodeJS.ProcessEnv): Promise<ImportAnswer> {
  const { url, execArgv } = workerEntry("import-worker", FROM_SOURCES, env);
  const setup: ImportThreadSetup = {
    format: "ft",
    inputs: [
      {
        name: "data-family.yml",
        bytes: readFileSync(new URL("../test/fixtures/import/ft/data-family.yml", import.meta.url)),
      },
    ],
    options: {},
  };
  const worker = new Worker(url, {
    workerData: setup,
    stdout: true,
    stderr: true,
    ...(execArgv && { execArgv }),
  });
  try {
    const [answer] = (await once(worker, "message")) as [ImportAnswer];
    return answer;
  } finally {
    await worker.terminate();
  }
}

describe("a worker thread's module", () => {
  it("beside built code, whatever the environment says", () => {
    const built = "file:///opt/rungs/dist/cli/import-thread-abc123.js";
    for (const env of [{}, { RUNGS_WORKERS_DIR: "/tmp/elsewhere" }])
      expect(workerEntry("import-worker", built, env)).toEqual({
        url: new URL("file:///opt/rungs/dist/cli/import-worker.js"),
      });
  });

  it("from the sources: the .ts through tsx, or the bundled one where RUNGS_WORKERS_DIR names its folder", () => {
    const tsx = workerEntry("import-worker", FROM_SOURCES, {});
    expect(tsx.url.href).toBe(new URL("./import/import-worker.ts", import.meta.url).href);
    expect(tsx.execArgv?.[0]).toBe("--import");
    expect(tsx.execArgv?.[1]).toMatch(/\/node_modules\/tsx\/.+/);
    expect(workerEntry("import-worker", FROM_SOURCES, { RUNGS_WORKERS_DIR: "/tmp/workers" })).toEqual({
      url: new URL("file:///tmp/workers/import-worker.js"),
    });
  });

  it("the thread through tsx and the one the tests bundled (vitest.config.ts) answer the same", async () => {
    const bundled = process.env.RUNGS_WORKERS_DIR;
    expect(bundled, "vitest.config.ts names the folder of the bundled workers").toBeTruthy();
    const [throughTsx, fromBundle] = await Promise.all([
      answerOf({}),
      answerOf({ RUNGS_WORKERS_DIR: bundled }),
    ]);
    expect("done" in throughTsx && throughTsx.done.id).toBe("data-engineering");
    expect(fromBundle).toEqual(throughTsx);
  });
});
