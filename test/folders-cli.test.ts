/*
 * A folder of frameworks (docs/format.md): `rungs check|build|serve frameworks`, where each sub-folder of
 * `frameworks/` is a framework, takes each as if it were named. The built binary (`npm run build:run` first).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBuilt } from "./support/run-cli.js";

const root = new URL("../", import.meta.url).pathname;
const bin = join(root, "dist/cli/main.js");
const dir = mkdtempSync(join(tmpdir(), "rungs-folders-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }), 300_000);

/** `frameworks/` with two frameworks, each in a folder of its own, and a README beside them. */
function collection(): string {
  const top = join(dir, "frameworks");
  rmSync(top, { recursive: true, force: true });
  cpSync(join(root, "examples/seed-level-page"), join(top, "levels"), { recursive: true });
  cpSync(join(root, "examples/seed-role-profile"), join(top, "roles"), { recursive: true });
  writeFileSync(join(top, "README.md"), "two frameworks\n");
  return top;
}

describe("a folder of frameworks", () => {
  it("check takes each sub-folder as a framework; a stray YAML file keeps the multiple-roots error", async () => {
    collection();
    const run = await runBuilt(dir, "check", "frameworks");
    expect(run.err).toBe("");
    expect(run.out).toMatch(/^ok {2}frameworks\/levels: 0 errors/m);
    expect(run.out).toMatch(/^ok {2}frameworks\/roles: 0 errors/m);
    expect(run.status).toBe(0);
    // YAML that belongs to no framework's folder: not a folder of frameworks, and the hint says why
    writeFileSync(join(dir, "frameworks/notes.yaml"), "note: stray\n");
    const mixed = await runBuilt(dir, "check", "frameworks");
    expect(mixed.status).toBe(1);
    expect(mixed.out).toContain("multiple-roots");
    expect(mixed.out.replace(/\s+/g, " ")).toContain(
      "and YAML files in none of them (frameworks/notes.yaml): move those into a framework's folder",
    );
  });

  it("build writes every framework's pages", async () => {
    collection();
    const run = await runBuilt(dir, "build", "frameworks", "--out", "site");
    expect(run.err).toBe("");
    expect(run.status).toBe(0);
    for (const id of ["seed-level-page", "seed-role-profile"])
      expect(existsSync(join(dir, `site/frameworks/${id}/index.html`)), id).toBe(true);
  });

  it("serve answers every framework's home", async () => {
    collection();
    const { origin, stop } = await serve(dir, ["frameworks"]);
    try {
      for (const id of ["seed-level-page", "seed-role-profile"]) {
        const response = await fetch(`${origin}/frameworks/${id}/`);
        expect([id, response.status]).toEqual([id, 200]);
      }
    } finally {
      await stop();
    }
  });

  it("a folder of 100,000 empty folders: not taken as frameworks, a located answer", async () => {
    const many = join(dir, "many");
    mkdirSync(many);
    const names = Array.from({ length: 100_000 }, (_, i) => `d${i}`).join("\n");
    spawnSync("xargs", ["mkdir"], { cwd: many, input: names });
    const run = await runBuilt(dir, "check", "many");
    // the look for a root file stops at the first 1,000 sub-folders, before any walk below them
    expect(run.out).toContain("many:1:1  error  read-error  no framework here: no root file");
    expect(run.status).toBe(2);
  }, 120_000);
});

/** `rungs serve` on a free port with a database of its own; resolves once it is listening. */
async function serve(cwd: string, args: string[]): Promise<{ origin: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [bin, "serve", "--port", "0", ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  let output = "";
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rungs serve did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const open = /rungs: open (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (open?.[1]) {
        clearTimeout(timer);
        resolve(open[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => reject(new Error(`rungs serve exited with ${code}:\n${output}`)));
  });
  return { origin, stop };
}
