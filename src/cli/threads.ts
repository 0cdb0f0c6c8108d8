/**
 * What the command's worker threads share (build-worker.ts for `rungs build`, registry-worker.ts for
 * `rungs serve`): how a failure crosses from a worker to the command's thread (where its module is:
 * src/worker-entry.ts).
 */
import { isUsersToFix, pathProblem, UsageError } from "./context.js";

/** A failure as a worker sends it: its message, and whether it is the user's to fix. */
export interface ThreadFailure {
  failed: string;
  usage: boolean;
}

/** How a worker sends what stopped it. */
export function threadFailure(error: unknown): ThreadFailure {
  return {
    failed: error instanceof Error ? pathProblem(error) : String(error),
    // as describeFailure judges it in the main thread
    usage: isUsersToFix(error),
  };
}

/** A worker's failure as the command's thread reports it: a usage error, or a fault in rungs. */
export function fromThread(message: ThreadFailure): Error {
  return message.usage ? new UsageError(message.failed) : new Error(message.failed);
}
