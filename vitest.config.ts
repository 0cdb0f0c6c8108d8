/**
 * Five projects, each run with `--project <name>` (`npm run test:unit` is the fast loop):
 * - unit: pure tests (core, load, web routes through app.request) with no database and no built binary;
 * - corpus: the regression corpora through the loader in process (issue 12's hostile files, some of 100,000
 *   items, and the 3,000 fuzzed inputs): pure too, but minutes of work, so kept out of the fast loop;
 * - db: every test file that runs on SQLite and PostgreSQL (describeEachDatabase, test/support/databases.ts);
 * - cli: tests of the built `rungs` binary (they spawn dist/cli/main.js: `npm run build` first);
 * - browser: test/e2e, Chromium through playwright-core, one browser for the whole run (test/e2e/browser.ts);
 *   and the tests of what starts a Chromium of its own (the PDF export).
 *
 * A file's project follows from what it uses, read from the file itself, not from a list or a folder: tests
 * move between folders, and a new test that opens a database lands in `db` without anyone saying so.
 */
import { globSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";
import { memoryTmpdir } from "./test/support/memory-tmpdir.js";

const TESTS = ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts"];
const BROWSER = ["test/e2e/**/*.test.ts"];
const TEMPLATES = "test/support/database-templates.ts";
/** The product's worker threads, bundled once for the run (test/support/thread-workers.ts): in every project. */
const WORKERS = "test/support/thread-workers.ts";

/** The tests' temporary files: in memory where there is room (test/support/memory-tmpdir.ts). */
const TMPDIR = memoryTmpdir();

const files = globSync(TESTS, { exclude: BROWSER });
const uses = (file: string, pattern: RegExp) => pattern.test(readFileSync(file, "utf8"));
/** Runs the built binary (itself, or through test/support/run-cli.ts's runBuilt). */
const cli = files.filter((f) => uses(f, /dist\/cli\/main\.js|\brunBuilt\(/));
/** Starts Chromium itself (the PDF export): a browser test wherever it lives. */
const chromium = files.filter((f) => !cli.includes(f) && uses(f, /\bprintPdf\(/));
/** Opens a database of each dialect. */
const db = files.filter(
  (f) => !cli.includes(f) && !chromium.includes(f) && uses(f, /\bdescribeEachDatabase\b/),
);
/** Runs a regression corpus (test/support/hostile-corpus.ts, test/support/fuzz.ts) in this process. */
const corpus = files.filter(
  (f) => !cli.includes(f) && !db.includes(f) && uses(f, /\b(hostileCorpus|fuzzInput)\(/),
);
const unit = files.filter(
  (f) => !cli.includes(f) && !chromium.includes(f) && !db.includes(f) && !corpus.includes(f),
);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // where the tests' worker threads load their bundled code from (src/worker-entry.ts): a folder of this run's
    // own, two below the package's root as dist/cli is
    env: {
      RUNGS_WORKERS_DIR: join(import.meta.dirname, `dist/test-workers-${process.pid}`),
      ...(TMPDIR ? { TMPDIR } : {}),
    },
    // hooks do real work: create, migrate and drop databases, start servers and browsers
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine like CI's, which
    // left a core idle whenever a test waited on PostgreSQL, a child process or the browser.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      // Every project's files share their workers' modules (no fresh module graph per file: that was most of
      // a unit file's time, and 2 s of CPU for each browser or cli file, which loads Playwright and the whole
      // app); none of them changes module state (no vi.mock, no stubbed globals), and each file still starts
      // and stops its own servers, databases and browser contexts in its own hooks.
      { extends: true, test: { name: "unit", include: unit, isolate: false, globalSetup: [WORKERS] } },
      { extends: true, test: { name: "corpus", include: corpus, isolate: false, globalSetup: [WORKERS] } },
      // a suite's database is a copy of one migrated once for the run (test/support/database-templates.ts)
      { extends: true, test: { name: "db", include: db, isolate: false, globalSetup: [WORKERS, TEMPLATES] } },
      {
        extends: true,
        test: { name: "cli", include: cli, isolate: false, globalSetup: [WORKERS, TEMPLATES] },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: [...BROWSER, ...chromium],
          globalSetup: [WORKERS, "test/e2e/browser.ts"],
          isolate: false,
          // a test drives two other processes (Chromium and the server), which share the cores with everything
          // else: twice the default, so a busy machine is not a failure (a hang still is)
          testTimeout: 60_000,
          // an expect.poll waits on a page's island (a mark, a hash, a status): Vitest's default of one second
          // failed a passing test on a busy machine; a poll still returns as soon as its condition holds
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
