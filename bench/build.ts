/** bench/build: static build of the large generated framework of bench/check, with the time per page. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCommand } from "../src/cli/build-command.js";
import { generateFramework } from "./generate.js";

const fw = generateFramework(join(tmpdir(), "rungs-bench-build-src"));
const out = mkdtempSync(join(tmpdir(), "rungs-bench-build-out-"));
let written = "";
const io = {
  stdout: {
    write: (s: string) => {
      written += s;
      return true;
    },
  },
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
};
const started = performance.now();
const status = await buildCommand([fw.dir], { out }, io as never);
const ms = performance.now() - started;
rmSync(out, { recursive: true, force: true });
if (status !== 0) throw new Error(`build failed with status ${status}`);
const files = Number(/wrote (\d+) files/.exec(written)?.[1] ?? 0);
console.log(
  `bench/build: ${fw.levels} levels, ${fw.competencies} competencies, ${fw.expectations} expectations`,
);
console.log(`  ${files} files in ${(ms / 1000).toFixed(1)} s   ${(ms / files).toFixed(2)} ms per page`);
