/**
 * The worker thread of `rungs serve` that loads the frameworks (open-registry.ts). It loads its code as soon
 * as it starts, while the command's thread is still parsing its arguments, then the frameworks whose paths it
 * is sent, from the disk cache when their files are unchanged (cached-registry.ts); it answers with them as
 * plain data, or with what stopped it, and ends.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { RegistryThreadAnswer, RegistryThreadSetup } from "./open-registry.js";

// V8's compiled code is kept on disk as for the command's own thread (main.ts), which does not share the cache
// with its threads: each enables it for itself, before it imports the rest (registry-thread.ts, built on its own).
process.getBuiltinModule("node:module").enableCompileCache?.();
if (!parentPort) throw new Error("registry-worker runs as a worker thread of rungs serve");
const port = parentPort;
const { env, cwd } = workerData as RegistryThreadSetup;
// nothing is printed from here: the serving thread says what was loaded
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
const io = { stdout: quiet, stderr: quiet, env, cwd };
// what does not depend on the frameworks: the code that reads, checks and lints them
const thread = import("./registry-thread.js");
const ready = thread.then((code) => code.cachedRegistry(io));
// a failure to load the code is answered when the paths come
ready.catch(() => {});
port.once("message", (paths: string[]) => {
  thread.then(
    async (code) => {
      try {
        // the frameworks as read first (the server answers from them while they are linted), then linted;
        // from the disk cache, linted only
        await (await ready).served(paths, (message) =>
          port.postMessage(message satisfies RegistryThreadAnswer),
        );
      } catch (error) {
        port.postMessage(code.threadFailure(error) satisfies RegistryThreadAnswer);
      }
    },
    (error: unknown) =>
      port.postMessage({ failed: String(error), usage: false } satisfies RegistryThreadAnswer),
  );
});
