/** Runs `rungs` with captured output, from `cwd`: in this process (what in-process CLI tests share), or built. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runCli } from "../../src/cli/program.js";

const BIN = join(new URL("../../", import.meta.url).pathname, "dist/cli/main.js");

export async function runIn(
  cwd: string,
  ...args: string[]
): Promise<{ status: number; out: string; err: string }> {
  return runInWith({ cwd, env: {} }, args);
}

/** `runIn` with the environment the command sees (the binary's would be the process's). */
export async function runInWith(
  io: { cwd: string; env: NodeJS.ProcessEnv; stdin?: NodeJS.ReadableStream },
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
  const status = await runCli(args, { ...io, stdout, stderr });
  return { status, out, err };
}

/**
 * The built `rungs` (`npm run build` first) run from `cwd` with an empty environment, as `runIn` runs it in
 * this process. For the commands that start worker threads (`build`): here each thread would load the sources
 * through tsx, about 2 s of CPU apiece; the built ones load in a tenth of that.
 */
export async function runBuilt(
  cwd: string,
  ...args: string[]
): Promise<{ status: number; out: string; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: {} });
  let out = "";
  let err = "";
  child.stdout.on("data", (c) => {
    out += c;
  });
  child.stderr.on("data", (c) => {
    err += c;
  });
  const [status] = (await once(child, "close")) as [number];
  return { status, out, err };
}
