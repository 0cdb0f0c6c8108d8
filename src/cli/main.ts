#!/usr/bin/env node
/**
 * The `rungs` command. Exit status: 0 clean, 1 the input has errors, 2 usage error, 70 internal error.
 *
 * The `#!` line takes no Node flags: `env -S`, which would pass them, is missing from BusyBox (Alpine
 * images), where the command would not start at all. `npm start` and docs/cli.md cap the young generation
 * of a long-running `serve` instead (--max-semi-space-size=8).
 */
import module from "node:module";
import { unsupportedNode } from "./supported-node.js";

// The program is imported only after the check: on an unsupported Node its imports would fail first.
const unsupported = unsupportedNode(process.versions.node);
if (unsupported) {
  process.stderr.write(`${unsupported}\n`);
  process.exitCode = 2;
} else {
  // V8's compiled code is kept on disk between runs (Node's own cache, in the temp folder): a command starts
  // without compiling its modules again. Absent on Node before 22.1, where it is simply skipped.
  module.enableCompileCache?.();
  const argv = process.argv.slice(2);
  const command = argv.find((arg) => !arg.startsWith("-"));
  // `rungs diff` is one pass over its files in well under a second of CPU: V8's top compiler (TurboFan) is
  // told not to start, and Maglev's code is kept. TurboFan compiled the diff's hottest functions on
  // background threads whose CPU the command pays, and the run ended before the faster code repaid it.
  // bench/diff's 2,000 competencies (2026-12, load 17-25, CPU of all threads, medians of 8 interleaved
  // rounds): 672-778 ms → 603-668 (-10 to -14%); 8,000 competencies (24 MB a side): 1,539 → 1,383 (-10%),
  // so a larger diff does not come to need it. V8 reads the flag whenever a function gets hot, so it holds
  // when set at run time; set here, before any command's code, and not in the command, so that tests running
  // commands in their own process keep TurboFan. Maglev is told not to inline either (read by each compile
  // job, so it holds at run time too): the cutting of the files (diff-entries.ts) and the word diff are most
  // of its work, big functions whose callees it compiled again inside them, on background threads, for a
  // pass too short to repay it. bench/diff's 2,000 competencies (2026-12, load 10-12, CPU of all threads,
  // medians of 15 interleaved rounds, three sessions): 693 → 642, 546 → 534, 534 → 502 ms (-2 to -7%),
  // page faults -450 to -550 in each; 8,000 competencies: 1,241 → 1,214 (7 rounds), so no slower when larger.
  // `rungs review` (the check, then the same diff against the base) gains from TurboFan's absence as much:
  // bench/diff's 2,000 competencies in git, 5% reworded (2026-12, loaded machine, CPU of all threads, 6
  // interleaved rounds): medians 3,275 → 2,740 ms (-16%; 5 of 6 pairs lower, one even); Maglev's inlining
  // was not measured for it.
  if (command === "diff")
    process.getBuiltinModule("node:v8").setFlagsFromString("--no-turbofan --no-maglev-inlining");
  else if (command === "review") process.getBuiltinModule("node:v8").setFlagsFromString("--no-turbofan");
  const { describeFailure } = await import("./context.js");
  // A fault outside any command's own flow (a server callback, a stream) is still one line and exit 70.
  const fail = (error: unknown) => {
    const failure = describeFailure(error, argv[0] ?? "rungs", argv.includes("--debug"));
    process.stderr.write(failure.text);
    process.exit(failure.status);
  };
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  // The reader went away (`rungs show … | head`): stop quietly, as other command-line tools do. Node makes
  // a standard stream when it is first asked for (for a pipe: a socket, and the net module with the first), so
  // each is taken, and guarded, when a command first writes to it: a clean `check` never touches stderr.
  const guarded = new Set<NodeJS.WriteStream>();
  const guard = (stream: NodeJS.WriteStream) => {
    if (guarded.has(stream)) return stream;
    guarded.add(stream);
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      fail(error);
    });
    return stream;
  };
  try {
    const io = { env: process.env, cwd: process.cwd() };
    // `rungs serve` loads its frameworks in a thread of its own, started before the command line is parsed: the
    // thread loads its code and the occupation lists meanwhile, and the frameworks once it is given their paths
    const registryThread =
      command === "serve" ? (await import("./open-registry.js")).startRegistryThread(io) : undefined;
    const { runCli } = await import("./program.js");
    process.exitCode = await runCli(argv, {
      get stdout() {
        return guard(process.stdout);
      },
      get stderr() {
        return guard(process.stderr);
      },
      ...io,
      ...(registryThread ? { registryThread } : {}),
    });
    await exitWhenDone(guarded);
  } catch (error) {
    fail(error);
  }
}

/**
 * A command done, its output handed to the system and nothing else pending (no server, watcher, timer, child
 * or `beforeExit` listener: only the standard streams' own handles), exits at once: a natural exit tears the
 * heap down first, which cost `rungs diff` of a large framework 20-30 ms of CPU (bench/diff's 2,000
 * competencies, CPU medians of interleaved rounds against the natural exit: 450 → 420 ms in 8 at load ~13,
 * 410 → 390 in 10 at load ~4). Anything else pending (a pending write too) keeps the natural exit.
 */
async function exitWhenDone(streams: Iterable<NodeJS.WriteStream>): Promise<void> {
  // an empty write calls back once every write before it is done (a pipe's reader may be slow)
  for (const stream of streams) await new Promise((done) => stream.write("", done));
  const handles = process.getActiveResourcesInfo();
  if (
    process.listenerCount("beforeExit") === 0 &&
    handles.every((name) => name === "TTYWrap" || name === "PipeWrap")
  )
    process.exit();
}
