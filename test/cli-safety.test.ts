/**
 * The command line never shows a stack without --debug, maps every failure to its documented exit status,
 * and lets no control character from a framework file (or from its arguments) reach the terminal.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateFramework } from "../bench/generate.js";
import { describeFailure, EXIT } from "../src/cli/context.js";
import { runCli } from "../src/cli/program.js";
import { RAW_CONTROL } from "./support/hostile-corpus.js";
import { runInWith } from "./support/run-cli.js";

const root = new URL("../", import.meta.url).pathname;
const bin = join(root, "dist/cli/main.js");
const dir = mkdtempSync(join(tmpdir(), "rungs-cli-safety-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built `rungs` binary as a user would, without a TTY (run `npm run build` first). */
function binary(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Runs `rungs` in this process, with the binary's environment and folder: the commands' own code, which is
 * where their output is escaped. The binary's own wiring is tested by `binary` above and the `| head` run.
 */
async function rungs(...args: string[]) {
  const run = await runInWith({ cwd: dir, env: { ...process.env } }, args);
  return { status: run.status, stdout: run.out, stderr: run.err };
}

/** A writable that collects what is written, as runCli's I/O. */
function sink() {
  const chunks: string[] = [];
  return { write: (s: string) => chunks.push(s) > 0, text: () => chunks.join("") };
}

describe("exit statuses", () => {
  it("--help lists them", () => {
    const help = binary("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Exit status:\n  0   done;");
    expect(help.stdout).toMatch(/^ {2}70 {2}internal error: .*--debug/m);
    expect(help.stdout).toContain("--debug");
  });

  it("an unexpected exception is one line and 70; --debug adds its stack", async () => {
    const failing = {
      write: (): boolean => {
        throw new TypeError("the stream is broken");
      },
    };
    for (const debug of [false, true]) {
      const stderr = sink();
      const io = { stdout: failing, stderr, env: {}, cwd: root } as unknown as Parameters<typeof runCli>[1];
      const status = await runCli(
        ["check", ...(debug ? ["--debug"] : []), "test/fixtures/four-problems.yaml"],
        io,
      );
      expect(status).toBe(EXIT.internal);
      const [first, ...rest] = stderr.text().trimEnd().split("\n");
      expect(first).toBe(
        `rungs: internal error: check: TypeError: the stream is broken${debug ? "" : " (run with --debug for the stack)"}`,
      );
      if (debug) expect(rest.join("\n")).toMatch(/^ {4}at /m);
      else expect(rest).toEqual([]);
    }
  });

  it("a system error on a path is the user's to fix: one line and 2", async () => {
    const error = await mkdir("/dev/null/site").catch((e: unknown) => e);
    const failure = describeFailure(error, "build", false);
    expect(failure.status).toBe(EXIT.usage);
    expect(failure.text).toBe(
      "rungs: build: /dev/null/site: a part of this path is a file, where a folder is meant (ENOTDIR, mkdir)\n",
    );
  });

  it.each([
    ["import", ["import", "csv", "in.csv", "--out", "a-file"]],
    ["export", ["export", "markdown", join(root, "examples/engineering"), "--out", "a-file"]],
    ["build", ["build", join(root, "examples/engineering"), "--out", "a-file"]],
  ])("%s --out naming a file where a folder is meant says so in words: 2", async (command, args) => {
    writeFileSync(join(dir, "a-file"), "");
    writeFileSync(join(dir, "in.csv"), "level,competency,expectation\njunior,testing,Writes tests.\n");
    const run = await rungs(...args);
    expect(run.stderr).toMatch(
      /^rungs: (import|export|build): \S+: is a file, where a folder is meant \(EEXIST, mkdir\)\n$/,
    );
    expect(run.stderr).toContain(`rungs: ${command}: ${join(dir, "a-file")}:`);
    expect(run.status).toBe(EXIT.usage);
  });

  // a FIFO nobody reads would hold a writer forever; Node's recursive mkdir loops forever under /proc
  it.each([
    ["import", "/proc/rungs-out", "/proc/rungs-out: no folder can be made here"],
    ["build", "/proc/rungs-out", "/proc/rungs-out: no folder can be made here"],
    ["export", "/proc/rungs-out/x.csv", "/proc/rungs-out: no folder can be made here"],
    ["export", "/proc/rungs-out", "/proc/rungs-out: no file can be made here"],
    ["export", "fifo", "fifo: is a pipe or socket, where a file is meant"],
    ["template", "fifo", "fifo: is a pipe or socket, where a file is meant"],
    ["import", "fifo", "fifo: is a file, where a folder is meant (EEXIST, mkdir)"],
    ["backup", "fifo", "fifo: is a pipe or socket, where a file is meant"],
    ["export", "/dev/full", "/dev/full: no space left on the device (ENOSPC, write)"],
  ])("%s --out %s answers in words with 2, and never hangs", (command, out, words) => {
    rmSync(join(dir, "fifo"), { force: true });
    execFileSync("mkfifo", [join(dir, "fifo")]);
    writeFileSync(join(dir, "in.csv"), "level,competency,expectation\njunior,testing,Writes tests.\n");
    const target = out === "fifo" ? join(dir, "fifo") : out;
    const engineering = join(root, "examples/engineering");
    const args = {
      import: ["import", "csv", "in.csv", "--out", target],
      build: ["build", engineering, "--out", target],
      export: ["export", "csv", engineering, "--out", target],
      template: ["import", "csv", "--template", "--out", target],
      backup: ["backup", "--db", join(dir, "backup.db"), "--out", target],
    }[command] as string[];
    if (command === "backup") binary("migrate", "--db", join(dir, "backup.db"));
    const run = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(run.signal, "still running after a minute").toBeNull();
    expect(run.stderr).toContain(words.replace(/^fifo/, join(dir, "fifo")));
    expect(run.status).toBe(EXIT.usage);
    // the pipe is left as it was, not replaced by a file
    if (out === "fifo") expect(statSync(target).isFIFO()).toBe(true);
  });

  // reading a FIFO waits for a writer forever: a framework path that is a pipe or device is refused, and one
  // inside a folder is left out of the listing
  it("a framework path that is a pipe answers in words, and never hangs", () => {
    const pipes = join(dir, "pipes");
    rmSync(pipes, { recursive: true, force: true });
    cpSync(join(root, "examples/engineering"), pipes, { recursive: true });
    execFileSync("mkfifo", [join(pipes, "waiting.yaml")]);
    for (const args of [
      ["check", join(pipes, "waiting.yaml")],
      ["show", join(pipes, "waiting.yaml")],
    ]) {
      const run = spawnSync(process.execPath, [bin, ...args], {
        cwd: dir,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.signal, `${args[0]} still running after a minute`).toBeNull();
      expect(run.stdout + run.stderr).toContain("not a regular file (a pipe, socket or device");
      expect(run.status, args[0]).not.toBe(0);
    }
    const folder = spawnSync(process.execPath, [bin, "check", pipes], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(folder.signal, "check of the folder still running after a minute").toBeNull();
    expect(folder.stdout + folder.stderr).not.toContain("waiting.yaml");
  });

  it("a reader that goes away (`| head`) ends the command quietly, without a stack", async () => {
    const child = spawn(process.execPath, [bin, "show", join(root, "examples/engineering")], { cwd: dir });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      stderr += s;
    });
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(status).toBe(0);
  });

  // a command done exits without tearing its heap down (main.ts), once its output is handed to the system
  it("a reader slower than the command still gets all of its output", async () => {
    const large = join(dir, "large");
    generateFramework(large, { levels: 15, areas: 30, perArea: 20 });
    const args = [bin, "diff", join(root, "examples/seed-level-page"), large, "--format", "json"];
    const whole = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8" }).stdout;
    expect(whole.length).toBeGreaterThan(800_000); // more than a pipe holds
    // the reader takes nothing for half a second: the command's writes wait on it
    const child = spawn(process.execPath, args, { cwd: dir });
    const closed = new Promise((resolve) => child.on("close", resolve));
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      stdout += s;
    });
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.stdout.resume();
    await closed;
    expect(stdout).toBe(whole);
  });
});

describe("control characters from a framework file are escaped on the terminal", () => {
  // The bundled example with terminal escape sequences written into its text, as YAML escapes allow.
  const fw = join(dir, "escapes");
  cpSync(join(root, "examples/engineering"), fw, { recursive: true });
  const edit = (file: string, from: string, to: string) => {
    const path = join(fw, file);
    const text = readFileSync(path, "utf8");
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
  };
  edit("framework.yaml", "name: Engineering Career Framework", 'name: "Engineering \\e]0;owned\\a\\e[2J"');
  edit("levels/trunk.yaml", "name: Intern", 'name: "Intern\\e[31m\\x9b1;1H"');
  edit("roles/backend-engineer.yaml", "name: Backend Engineer", 'name: "Backend \\e[8mEngineer"');
  edit(
    "areas/01-craft.yaml",
    "intern: Ships small, reviewed changes and learns the codebase by reading it.",
    'intern: "Ships \\e[5msmall\\r, reviewed\\x7f changes \\u202eesrever\\u202c \\u2067\\u200f1\\u2069"',
  );
  const level = "intern";

  it.each([
    ["check", ["check", fw]],
    ["check --format json", ["check", "--format", "json", fw]],
    ["show", ["show", fw]],
    ["show --level", ["show", fw, "--level", level]],
    ["show --role", ["show", fw, "--role", "backend-engineer"]],
    ["goals", ["goals", fw, "--role", "backend-engineer", "--level", level]],
    ["goals --format md", ["goals", fw, "--level", level, "--format", "md"]],
    ["goals --format json", ["goals", fw, "--level", level, "--format", "json"]],
    ["adjacent", ["adjacent", "backend-engineer", fw, "--level", level]],
    ["equivalence", ["equivalence", fw]],
  ])("%s", async (name, args) => {
    const run = await rungs(...args);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    // check's JSON holds no framework text when there is nothing to report
    if (name !== "check --format json") expect(`${run.stdout}${run.stderr}`).toMatch(/\\u001b/);
    expect([0, 1]).toContain(run.status);
    if (args.includes("json")) expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it("a usage error quoting an argument escapes it too", async () => {
    const run = await rungs("show", fw, "--level", "\u001b[31mjunior\u202e");
    expect(run.status).toBe(2);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain('no level "\\u001b[31mjunior\\u202e"');
  });
});
