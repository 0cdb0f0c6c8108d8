/**
 * What the command's worker threads share (build-worker.ts for `rungs build`, registry-worker.ts for
 * `rungs serve`): where a worker's module is, and how a failure crosses from it to the command's thread.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { pathProblem, UsageError } from "./context.js";

/**
 * The worker's module `name` beside the module at `base` (its import.meta.url): `name`.js in dist/cli (the
 * CLI bundle keeps every chunk in one folder), `name`.ts when running from the sources (tests, tsx), loaded
 * through tsx.
 */
export function workerEntry(name: string, base: string): { url: URL; execArgv?: string[] } {
  if (!base.endsWith(".ts")) return { url: new URL(`./${name}.js`, base) };
  // found from here, not from the working directory, which may be anywhere
  const tsx = pathToFileURL(createRequire(base).resolve("tsx")).href;
  return { url: new URL(`./${name}.ts`, base), execArgv: ["--import", tsx] };
}

/** A failure as a worker sends it: its message, and whether it is the user's to fix. */
export interface ThreadFailure {
  failed: string;
  usage: boolean;
}

/** How a worker sends what stopped it. */
export function threadFailure(error: unknown): ThreadFailure {
  return {
    failed: error instanceof Error ? pathProblem(error) : String(error),
    // as describeFailure judges it in the main thread: a system error on a path (no space, no permission) is
    // the user's to fix, not a fault in rungs
    usage:
      error instanceof UsageError ||
      typeof (error as NodeJS.ErrnoException | undefined)?.syscall === "string",
  };
}

/** A worker's failure as the command's thread reports it: a usage error, or a fault in rungs. */
export function fromThread(message: ThreadFailure): Error {
  return message.usage ? new UsageError(message.failed) : new Error(message.failed);
}
