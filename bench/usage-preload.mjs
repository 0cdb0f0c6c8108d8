// Loaded with `node --import` into a child process the benches measure: on exit it writes the process's
// own CPU time and peak RSS (process.resourceUsage: every thread of the process, worker threads included)
// to the file named by RUNGS_BENCH_USAGE_FILE. Plain JavaScript, so it runs in front of the built CLI.
// Only the main thread writes (workers inherit --import), and the variable is removed so that processes
// the child starts do not overwrite the file.
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.RUNGS_BENCH_USAGE_FILE;
delete process.env.RUNGS_BENCH_USAGE_FILE;
if (file && isMainThread) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({ userUs: usage.userCPUTime, systemUs: usage.systemCPUTime, maxRssKb: usage.maxRSS }),
    );
  });
}
