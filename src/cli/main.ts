#!/usr/bin/env node
/** The `rungs` command. Exit status: 0 clean, 1 the framework has errors, 2 usage or I/O problem. */
import { unsupportedNode } from "./supported-node.js";

// The program is imported only after the check: on an unsupported Node its imports would fail first.
const unsupported = unsupportedNode(process.versions.node);
if (unsupported) {
  process.stderr.write(`${unsupported}\n`);
  process.exitCode = 2;
} else {
  const { runCli } = await import("./program.js");
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  });
}
