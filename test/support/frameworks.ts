/** Every bundled example and shape fixture, for the export round trips (one list, so none is forgotten). */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Framework } from "../../src/core/schema.js";
import { nodeFileSystem } from "../../src/load/fs-port.js";
import { checkFramework } from "../../src/load/load-framework.js";

const root = new URL("../../", import.meta.url).pathname;

/** Directories of examples/ and test/fixtures/shapes/, by name. */
export function exportedFrameworks(): { name: string; path: string }[] {
  const dirs = ["examples", "test/fixtures/shapes"];
  return dirs.flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((name) => statSync(join(root, dir, name)).isDirectory())
      .sort()
      .map((name) => ({ name: `${dir}/${name}`, path: join(root, dir, name) })),
  );
}

/** Loads and lints a framework; fails the test when it has errors. */
export async function loadClean(path: string): Promise<Framework> {
  const result = await checkFramework(path, nodeFileSystem);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (!result.framework || errors.length)
    throw new Error(`${path}: ${errors.map((d) => d.message).join("; ") || "did not load"}`);
  return result.framework;
}

/**
 * What a round trip must keep: the framework as loaded, in format 2, with `extends` resolved (an export is
 * the merged framework; the import cannot name the base it came from).
 */
export function comparable(framework: Framework): Framework {
  const { extends: _, ...rest } = framework;
  return { ...rest, rungs: 2 };
}
