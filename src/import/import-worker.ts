/**
 * The worker thread one import runs in (import-thread.ts): it reads the inputs it was given with runImport
 * and answers with the run as plain data, with the import's located problems, or with what stopped it.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ImportAnswer, ImportThreadSetup } from "./import-thread.js";

// V8's compiled code is kept on disk as for the command's own thread (main.ts); each thread enables it itself
process.getBuiltinModule("node:module").enableCompileCache?.();
if (!parentPort) throw new Error("import-worker runs as a worker thread of an import");
const port = parentPort;
const { format, inputs, options, schemeDirs } = workerData as ImportThreadSetup;
const answer = (message: ImportAnswer) => port.postMessage(message);

async function run() {
  const [{ runImport }, occupations] = await Promise.all([
    import("./run.js"),
    schemeDirs ? loadOccupationsFrom(schemeDirs) : undefined,
  ]);
  return runImport(format, inputs, { ...options, ...(occupations ? { occupations } : {}) });
}

/** The occupation lists as cli/catalog.ts reads them, from these scheme folders. */
async function loadOccupationsFrom(dirs: string[]) {
  const [{ loadOccupations }, { nodeFileSystem }] = await Promise.all([
    import("../load/occupations.js"),
    import("../load/fs-port.js"),
  ]);
  return loadOccupations(nodeFileSystem, { schemeDirs: dirs });
}

run().then(
  (done) => answer({ done }),
  async (error: unknown) => {
    const { ImportError } = await import("./types.js");
    if (error instanceof ImportError) answer({ problems: error.problems });
    else answer({ failed: error instanceof Error ? error.message : String(error) });
  },
);
