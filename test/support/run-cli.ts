/** Runs `rungs` in this process with captured output, from `cwd`: what in-process CLI tests share. */
import { PassThrough } from "node:stream";
import { runCli } from "../../src/cli/program.js";

export async function runIn(
  cwd: string,
  ...args: string[]
): Promise<{ status: number; out: string; err: string }> {
  return runInWith({ cwd, env: {} }, args);
}

/** `runIn` with the environment the command sees (the binary's would be the process's). */
export async function runInWith(
  io: { cwd: string; env: NodeJS.ProcessEnv },
  args: string[],
): Promise<{ status: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => {
    out += c;
  });
  stderr.on("data", (c) => {
    err += c;
  });
  const status = await runCli(args, { stdout, stderr, env: io.env, cwd: io.cwd });
  return { status, out, err };
}
