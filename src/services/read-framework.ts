/**
 * A framework read from disk for a command (`show`, `goals`, `adjacent`, `equivalence`). Apart from
 * frameworks.ts, which the web app imports: the loader and the file format's schemas it brings are not
 * needed by a server, whose frameworks load in a thread of their own (src/cli/open-registry.ts).
 */
import { resolve } from "node:path";
import { type FrameworkIndex, indexFramework } from "../core/model.js";
import type { FrameworkVersion } from "../core/version.js";
import type { FileSystemPort } from "../load/fs-port.js";
import { type LoadOptions, loadFramework } from "../load/load-framework.js";

/** A framework read from files for one command: its index, how many errors it has, its version identity. */
export interface ReadFramework {
  index: FrameworkIndex;
  errors: number;
  version?: FrameworkVersion;
}

/** Why a framework could not be read at all (its root file is missing or unreadable): the first diagnostic. */
export interface Unreadable {
  problem: "unreadable";
  path: string;
  message?: string;
}

/**
 * Reads the framework at `path` for a command that uses what could be read: a framework with errors still
 * gives its index (the caller says so); only one whose root cannot be read is `Unreadable`.
 */
export async function readFramework(
  path: string,
  fs: FileSystemPort,
  options: LoadOptions & { cwd?: string } = {},
): Promise<ReadFramework | Unreadable> {
  const { cwd, ...load } = options;
  const loaded = await loadFramework(cwd === undefined ? path : resolve(cwd, path), fs, load);
  if (!loaded.framework) {
    const first = loaded.diagnostics[0];
    return { problem: "unreadable", path, ...(first ? { message: first.message } : {}) };
  }
  return {
    index: indexFramework(loaded.framework),
    errors: loaded.diagnostics.filter((d) => d.severity === "error").length,
    ...(loaded.version ? { version: loaded.version } : {}),
  };
}
