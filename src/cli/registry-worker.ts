/**
 * The worker thread of `rungs serve` that loads the frameworks (open-registry.ts): it answers with them as
 * plain data, or with what stopped it, and ends.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openRegistry, type RegistryThreadSetup } from "./open-registry.js";
import { threadFailure } from "./threads.js";

if (!parentPort) throw new Error("registry-worker runs as a worker thread of rungs serve");
const port = parentPort;
const { paths, env, cwd } = workerData as RegistryThreadSetup;
// nothing is printed from here: the serving thread says what was loaded
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
try {
  const registry = await openRegistry(paths, { stdout: quiet, stderr: quiet, env, cwd });
  port.postMessage(registry.snapshot());
} catch (error) {
  port.postMessage(threadFailure(error));
}
