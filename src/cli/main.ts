#!/usr/bin/env node
/** The `rungs` command. Exit status: 0 clean, 1 the input has errors, 2 usage error, 70 internal error. */
import { unsupportedNode } from "./supported-node.js";

// The program is imported only after the check: on an unsupported Node its imports would fail first.
const unsupported = unsupportedNode(process.versions.node);
if (unsupported) {
  process.stderr.write(`${unsupported}\n`);
  process.exitCode = 2;
} else {
  const { describeFailure } = await import("./context.js");
  const argv = process.argv.slice(2);
  // A fault outside any command's own flow (a server callback, a stream) is still one line and exit 70.
  const fail = (error: unknown) => {
    const failure = describeFailure(error, argv[0] ?? "rungs", argv.includes("--debug"));
    process.stderr.write(failure.text);
    process.exit(failure.status);
  };
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  // The reader went away (`rungs show … | head`): stop quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      fail(error);
    });
  }
  try {
    const { runCli } = await import("./program.js");
    process.exitCode = await runCli(argv, {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      cwd: process.cwd(),
    });
  } catch (error) {
    fail(error);
  }
}
