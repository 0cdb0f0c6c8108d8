#!/usr/bin/env node
/** The `rungs` command. Exit status: 0 clean, 1 the framework has errors, 2 usage or I/O problem. */
import { runCli } from "./program.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
