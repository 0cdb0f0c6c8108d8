/**
 * Vitest's global setup for every project: the modules of the product's worker threads (an import's, `rungs
 * build`'s, `rungs serve`'s framework loading), bundled once for the run from the sources as they are now, into
 * the folder vitest.config.ts names in RUNGS_WORKERS_DIR (src/worker-entry.ts). Run from the sources, a thread
 * otherwise loads its code through tsx, about a second of CPU each time (against a fifth of that bundled), and
 * the tests start one for every import they run.
 *
 * Every project runs this setup before any test starts, each in a module instance of its own: the first bundles
 * and the others wait for the same build (they meet on the one process's global); the last teardown removes it.
 * A folder a stopped run left behind is removed by the next. In watch mode every rerun bundles again first
 * (incrementally), so a thread never runs sources older than the tests do.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type BuildContext, context } from "esbuild";
import type { TestProject } from "vitest/node";
import { MEMORY_TMPDIR } from "./memory-tmpdir.js";

const root = new URL("../../", import.meta.url).pathname;

/** The worker modules by name (what src/worker-entry.ts is asked for), each with its entry in the sources. */
const WORKERS = {
  "import-worker": "src/import/import-worker.ts",
  "build-worker": "src/cli/build-worker.ts",
  "registry-worker": "src/cli/registry-worker.ts",
};

interface Shared {
  bundler: Promise<BuildContext>;
  /** The first bundle, which every project's setup waits for. */
  built: Promise<unknown>;
  /** The projects whose teardown has not run yet. */
  users: number;
}

const RUN = Symbol.for("rungs.threadWorkers");

function bundler(outdir: string): Promise<BuildContext> {
  return context({
    entryPoints: Object.fromEntries(Object.entries(WORKERS).map(([name, file]) => [name, join(root, file)])),
    // two folders below the package's root, as dist/cli is: modules find data/ and dist/web/ as ../../
    outdir,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    // packages load as the sources' own imports do; only the project's modules are bundled
    packages: "external",
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    logLevel: "warning",
  });
}

/**
 * Folders that runs stopped before their teardown left beside this one's (`test-workers-<pid>` beside the
 * bundle's, `rungs-tests-<pid>` beside the temporary folder's; the pid gone).
 */
function removeLeftovers(folder: string): void {
  // a fresh clone has no dist/ yet (`npm run test:unit` needs no build): nothing is left over
  if (!existsSync(dirname(folder))) return;
  const kind = basename(folder).replace(/\d+$/, "");
  for (const name of readdirSync(dirname(folder))) {
    const pid = name.startsWith(kind) ? Number(name.slice(kind.length)) : 0;
    if (!pid || name === basename(folder)) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      // no such process (EPERM: one that is not ours, alive)
      if ((error as NodeJS.ErrnoException).code === "ESRCH")
        rmSync(join(dirname(folder), name), { recursive: true, force: true });
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outdir = project.config.env.RUNGS_WORKERS_DIR;
  if (!outdir) throw new Error("vitest.config.ts sets RUNGS_WORKERS_DIR for the tests' worker threads");
  const run = globalThis as { [RUN]?: Shared };
  if (!run[RUN]) {
    removeLeftovers(outdir);
    const tmp = project.config.env.TMPDIR;
    if (tmp?.startsWith(MEMORY_TMPDIR)) removeLeftovers(tmp);
    const made = bundler(outdir);
    run[RUN] = { bundler: made, built: made.then((c) => c.rebuild()), users: 0 };
  }
  const shared = run[RUN];
  shared.users++;
  await shared.built;
  // each project's rerun asks (an incremental rebuild with nothing changed is a few milliseconds)
  project.onTestsRerun(async () => {
    await (await shared.bundler).rebuild();
  });
  return async () => {
    if (--shared.users > 0) return;
    delete run[RUN];
    await (await shared.bundler).dispose();
    rmSync(outdir, { recursive: true, force: true });
    // the run's temporary folder in memory (vitest.config.ts memoryTmpdir), and what the tests left in it
    const tmp = project.config.env.TMPDIR;
    if (tmp?.startsWith(MEMORY_TMPDIR)) rmSync(tmp, { recursive: true, force: true });
  };
}
