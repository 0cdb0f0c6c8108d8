/**
 * The frameworks a command serves or builds, loaded here or in a thread of their own (registry-worker.ts):
 * `rungs serve` reads, parses, checks and asks git about them on another core while its own thread loads
 * the web app's code and opens the database.
 *
 * main.ts imports this module to start that thread before anything else of `serve`, so the thread's start
 * waits for nothing more than this module: the registry and the file system and git ports load when first
 * used (`registryModules`), not with it.
 */
import { Worker } from "node:worker_threads";
import type { OccupationCatalog } from "../core/occupations.js";
import type {
  FrameworkRegistry,
  LoadedFramework,
  RegistryOptions,
  RegistrySnapshot,
} from "../load/registry.js";
import { workerEntry } from "../worker-entry.js";
import { type CliIo, EXAMPLES, loadCatalog, type RegistryThread, UsageError } from "./context.js";
import { fromThread, type ThreadFailure } from "./threads.js";

/** The registry and the ports it reads through. */
async function registryModules() {
  const [{ FrameworkRegistry }, { nodeFileSystem }, { nodeGit }] = await Promise.all([
    import("../load/registry.js"),
    import("../load/fs-port.js"),
    import("../load/framework-version.js"),
  ]);
  return { FrameworkRegistry, fs: nodeFileSystem, git: nodeGit };
}

/** What registry-worker.ts is started with; the paths come later, in a message (`RegistryThread.load`). */
export interface RegistryThreadSetup {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * Loads the frameworks at `paths` (the bundled examples when none are given), checking classification codes
 * against `occupations` (the command's catalog when not given), reading through `ports` (the real file
 * system and git when not given; the cache records what was read through them, cached-registry.ts).
 */
export async function openRegistry(
  paths: string[],
  io: CliIo,
  occupations?: OccupationCatalog,
  read?: (unlinted: RegistrySnapshot) => void,
  ports?: Pick<RegistryOptions, "fs" | "git">,
): Promise<FrameworkRegistry> {
  const { FrameworkRegistry, fs, git } = await registryModules();
  const registry = new FrameworkRegistry(paths.length ? paths : EXAMPLES, {
    fs,
    git,
    ...ports,
    occupations: occupations ?? (await loadCatalog(io)),
    cwd: io.cwd,
  });
  await registry.load(
    read &&
      ((entries) => {
        refuseUnreadable(entries);
        read(registry.snapshot(entries));
      }),
  );
  refuseUnreadable(registry.list());
  return registry;
}

/** A framework that cannot be read at all stops the command (one with errors is served, showing them). */
function refuseUnreadable(frameworks: LoadedFramework[]): void {
  for (const fw of frameworks) {
    if (fw.diagnostics.some((d) => d.code === "read-error"))
      throw new UsageError(`cannot read ${fw.path}: ${fw.diagnostics[0]?.message}`);
  }
}

/**
 * Starts the thread (main.ts starts it for `serve` before the command line is parsed): it loads its code and
 * the occupation lists of `io`'s environment at once, and the frameworks when `load` names them. It answers
 * twice: with the frameworks as read and checked against the format, which the server answers from at once,
 * then with them linted, which replace them (the linter took about half the thread's time with the bundled
 * examples, and a first answer waited for it); or once, linted, when they come from the disk cache
 * (cached-registry.ts). Until `load` it does not keep the process alive, so a command
 * other than the one it was started for (`rungs serve --help`, a usage error) ends as it would without it. A
 * usage error in the thread stays one. Reloads (`watch`) are done in the command's thread.
 */
export function startRegistryThread(io: Pick<CliIo, "env" | "cwd">): RegistryThread {
  const { url, execArgv } = workerEntry("registry-worker", import.meta.url);
  const setup: RegistryThreadSetup = { env: io.env, cwd: io.cwd };
  const worker = new Worker(url, { workerData: setup, ...(execArgv ? { execArgv } : {}) });
  // two answers: the frameworks as read, then linted; or what stopped the thread, instead of either
  const read = Promise.withResolvers<RegistrySnapshot>();
  const linted = Promise.withResolvers<RegistrySnapshot>();
  const failed = (error: unknown) => {
    read.reject(error);
    linted.reject(error);
  };
  worker.on("message", (message: RegistryThreadAnswer) => {
    if ("failed" in message) failed(fromThread(message));
    else if ("read" in message) read.resolve(message.read);
    else {
      // from the cache, the frameworks come linted at once, with no answer as read before
      read.resolve(message.linted);
      linted.resolve(message.linted);
    }
  });
  worker.once("error", failed);
  // after its last answer the thread ends: then this settles nothing
  worker.once("exit", (code) =>
    failed(new Error(`the thread loading the frameworks stopped (exit ${code})`)),
  );
  // a failure is the caller's to see when it asks for the frameworks, not an unhandled rejection before
  read.promise.catch(() => {});
  linted.promise.catch(() => {});
  // after the listeners: adding a message listener refs the thread again
  worker.unref();
  return {
    async load(paths) {
      const served = paths.length ? paths : EXAMPLES;
      worker.ref();
      worker.postMessage(served);
      const [snapshot, { FrameworkRegistry, fs, git }] = await Promise.all([read.promise, registryModules()]);
      const unlinted = snapshot.entries.some((e) => e.linted === false);
      return FrameworkRegistry.adopt(
        served,
        { fs, cwd: io.cwd, git },
        snapshot,
        unlinted ? linted.promise : undefined,
      );
    },
  };
}

/** What the thread answers: the frameworks as read, then linted; or what stopped it. */
export type RegistryThreadAnswer = { read: RegistrySnapshot } | { linted: RegistrySnapshot } | ThreadFailure;

/** The frameworks at `paths` loaded by a thread of their own: `io`'s, started early, or one started now. */
export function openRegistryInThread(paths: string[], io: CliIo): Promise<FrameworkRegistry> {
  return (io.registryThread ?? startRegistryThread(io)).load(paths);
}
