/**
 * Where a worker thread's module is, for every layer that starts one (`rungs build`'s and `rungs serve`'s
 * threads in src/cli, an import's in src/import). Beside the layers, not in src/load: the module that starts
 * serve's framework thread may import nothing of src/load before the thread starts (scripts/build-cli.ts).
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The worker's module `name` beside the module at `base` (its import.meta.url): `name`.js in dist/cli (the
 * CLI bundle keeps every chunk in one folder) or beside a compiled module, `name`.ts when running from the
 * sources (tests, tsx), loaded through tsx. Running from the sources with RUNGS_WORKERS_DIR set, `name`.js in
 * that folder: the tests bundle the workers there once per run (test/support/thread-workers.ts), where tsx
 * would cost each thread a second of CPU. Compiled or built code never reads the variable.
 */
export function workerEntry(
  name: string,
  base: string,
  env: NodeJS.ProcessEnv = process.env,
): { url: URL; execArgv?: string[] } {
  if (!base.endsWith(".ts")) return { url: new URL(`./${name}.js`, base) };
  const bundled = env.RUNGS_WORKERS_DIR;
  if (bundled) return { url: pathToFileURL(join(bundled, `${name}.js`)) };
  // found from here, not from the working directory, which may be anywhere
  const tsx = pathToFileURL(createRequire(base).resolve("tsx")).href;
  return { url: new URL(`./${name}.ts`, base), execArgv: ["--import", tsx] };
}
