import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SUPPORTED_NODE_RANGE, unsupportedNode } from "./supported-node.js";

const root = new URL("../../", import.meta.url).pathname;

describe("supported Node.js versions", () => {
  it("are 22.16 and later 22.x, and 24 onwards", () => {
    for (const version of ["22.16.0", "22.22.1", "24.0.0", "24.21.0", "26.1.0"]) {
      expect(unsupportedNode(version), version).toBeUndefined();
    }
    for (const version of ["18.20.4", "20.19.2", "22.12.0", "22.15.1", "23.11.0"]) {
      expect(unsupportedNode(version), version).toMatch(
        /^rungs needs Node\.js 24 LTS .*; this is Node\.js \d/,
      );
    }
  });

  it("are what package.json's engines says", () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(SUPPORTED_NODE_RANGE);
  });

  /*
   * The built binary on a Node too old for it: a sentence and exit 2, not a stack trace from a failed import.
   * It needs such a Node: Debian's (/usr/bin/node) is 20 on the machines CI runs on, where .ci/run puts
   * Node 24 first on PATH; a machine with only a current Node has nothing to run it with.
   */
  const oldNode = ["/usr/bin/node", "/usr/local/bin/node"].find((path) => {
    if (!existsSync(path)) return false;
    const version = spawnSync(path, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim();
    return version !== "" && unsupportedNode(version) !== undefined;
  });
  // skipped only on a machine with no Node older than the supported one installed: there is nothing to run it with
  it.skipIf(oldNode === undefined)(
    "are checked before anything loads (built binary, run with an old Node)",
    () => {
      const run = spawnSync(oldNode ?? "", [`${root}dist/cli/main.js`, "--version"], { encoding: "utf8" });
      expect(run.stderr).toMatch(
        /^rungs needs Node\.js 24 LTS \(or 22\.16 or newer in 22\.x\); this is Node\.js 2?\d\./,
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe("");
      expect(run.status).toBe(2);
    },
  );
});
