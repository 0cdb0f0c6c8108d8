/** Versions of a framework written out for `rungs diff` tests, and the diff of the whole versions. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { diffFrameworks, type FrameworkDiff } from "../../src/core/framework-diff.js";
import { indexFramework } from "../../src/core/model.js";
import { nodeFileSystem } from "../../src/load/fs-port.js";
import { loadFramework } from "../../src/load/load-framework.js";

/** Writes `files` (by their path inside it) into the folder `dir`, and returns it. */
export function writeVersion(dir: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The diff of the whole versions, each loaded the full way on its own; throws when one has an error. */
export async function wholeDiff(before: string, after: string): Promise<FrameworkDiff> {
  const load = async (dir: string) => {
    const loaded = await loadFramework(dir, nodeFileSystem, { version: false });
    const error = loaded.diagnostics.some((d) => d.severity === "error");
    if (!loaded.framework || error) throw new Error(`fixture ${dir}`);
    return indexFramework(loaded.framework);
  };
  return diffFrameworks(await load(before), await load(after));
}
