/**
 * The frameworks a command serves or builds, loaded here or in a thread of their own (registry-worker.ts):
 * `rungs serve` reads, parses, checks and asks git about them on another core while its own thread loads
 * the web app's code and opens the database.
 */
import { Worker } from "node:worker_threads";
import { nodeGit } from "../load/framework-version.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { FrameworkRegistry, type RegistrySnapshot } from "../load/registry.js";
import { type CliIo, EXAMPLES, loadCatalog, UsageError } from "./context.js";
import { fromThread, type ThreadFailure, workerEntry } from "./threads.js";

/** What registry-worker.ts is started with. */
export interface RegistryThreadSetup {
  paths: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Loads the frameworks at `paths` (the bundled examples when none are given). */
export async function openRegistry(paths: string[], io: CliIo): Promise<FrameworkRegistry> {
  const registry = new FrameworkRegistry(paths.length ? paths : EXAMPLES, {
    fs: nodeFileSystem,
    occupations: await loadCatalog(io),
    cwd: io.cwd,
    git: nodeGit,
  });
  await registry.load();
  refuseUnreadable(registry);
  return registry;
}

/** A framework that cannot be read at all stops the command (one with errors is served, showing them). */
function refuseUnreadable(registry: FrameworkRegistry): void {
  for (const fw of registry.list()) {
    if (fw.diagnostics.some((d) => d.code === "read-error"))
      throw new UsageError(`cannot read ${fw.path}: ${fw.diagnostics[0]?.message}`);
  }
}

/**
 * `openRegistry` done by a worker thread, which then ends: the same frameworks, the same errors (a usage
 * error stays one). Reloads (`watch`) are done in this thread.
 */
export function openRegistryInThread(paths: string[], io: CliIo): Promise<FrameworkRegistry> {
  const served = paths.length ? paths : EXAMPLES;
  const { url, execArgv } = workerEntry("registry-worker", import.meta.url);
  const setup: RegistryThreadSetup = { paths: served, env: io.env, cwd: io.cwd };
  const worker = new Worker(url, { workerData: setup, ...(execArgv ? { execArgv } : {}) });
  return new Promise((resolve, reject) => {
    worker.once("message", (message: RegistrySnapshot | ThreadFailure) => {
      if ("failed" in message) return reject(fromThread(message));
      resolve(FrameworkRegistry.adopt(served, { fs: nodeFileSystem, cwd: io.cwd, git: nodeGit }, message));
    });
    worker.once("error", reject);
    // after its answer the thread ends: then this settles nothing
    worker.once("exit", (code) =>
      reject(new Error(`the thread loading the frameworks stopped (exit ${code})`)),
    );
  });
}
