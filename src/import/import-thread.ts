/**
 * One import (run.ts's runImport) in a worker thread of its own, bounded in memory and time. An import reads
 * whatever a user hands it, and the `yaml` library alone can take seconds and more than a gigabyte on a
 * hostile file at the size limit: off the calling thread, `rungs serve` keeps answering other requests
 * meanwhile, and an import that outgrows its bounds is stopped and told as a located problem, not as a
 * stalled server or a process killed for its memory.
 */
import { Worker } from "node:worker_threads";
import { workerEntry } from "../worker-entry.js";
import { IMPORT_LIMITS, type ImportRun } from "./run.js";
import { ImportError, type ImportInput, type ImportOptions, type ImportProblem } from "./types.js";

/** What the thread is given: runImport's arguments, and where to read the occupation lists from, if at all. */
export interface ImportThreadSetup {
  format: string;
  inputs: ImportInput[];
  options: ImportOptions & { strict?: boolean };
  /** The scheme folders of the occupation lists to check codes against (cli/catalog.ts); none: not checked. */
  schemeDirs?: string[];
}

/** The thread's bounds; the defaults are IMPORT_LIMITS' (tests make them small). */
export interface ImportBounds {
  memoryMb: number;
  seconds: number;
}

/** The thread's one message: the run, the import's problems, or what else stopped it. */
export type ImportAnswer = { done: ImportRun } | { problems: ImportProblem[] } | { failed: string };

/** runImport in a worker thread within `bounds`; bad input (or too much of it) throws ImportError. */
export async function runImportInThread(
  setup: ImportThreadSetup,
  bounds: ImportBounds = { memoryMb: IMPORT_LIMITS.memoryMb, seconds: IMPORT_LIMITS.seconds },
): Promise<ImportRun> {
  const { url, execArgv } = workerEntry("import-worker", import.meta.url);
  const worker = new Worker(url, {
    workerData: setup,
    resourceLimits: { maxOldGenerationSizeMb: bounds.memoryMb },
    // the thread prints nothing of its own; what it says comes back as its answer
    stdout: true,
    stderr: true,
    ...(execArgv ? { execArgv } : {}),
  });
  const at = { file: setup.inputs[0]?.name ?? setup.format };
  const stopped = (message: string) => new ImportError([{ at, message }]);
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await new Promise<ImportAnswer>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            stopped(`reading the inputs took longer than ${bounds.seconds} s; stopped, nothing imported`),
          ),
        bounds.seconds * 1000,
      );
      worker.once("message", resolve);
      worker.once("error", (error: NodeJS.ErrnoException) =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? stopped(
                `reading the inputs needs more than ${bounds.memoryMb} MB of memory; stopped, nothing imported`,
              )
            : error,
        ),
      );
      worker.once("exit", (code) => reject(new Error(`the import's thread stopped (exit ${code})`)));
    });
    if ("done" in answer) return answer.done;
    if ("problems" in answer) throw new ImportError(answer.problems);
    throw new Error(answer.failed);
  } finally {
    clearTimeout(timer);
    // a thread still reading (out of time) is stopped here; one that answered is ending anyway
    await worker.terminate();
  }
}
