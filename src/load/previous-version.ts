/**
 * The version a framework's `previous:` names, loaded for the migration rules (src/core/lint-migration.ts):
 * a file or folder relative to the framework's folder, or `git:REF[:PATH]` read from the repository around
 * it (no checkout). Never throws: what cannot be read becomes the reason the rule reports.
 */
import { dirname, join } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import type { PreviousVersion } from "../core/lint-migration.js";
import type { Framework } from "../core/schema.js";
import type { FileSystemPort } from "./fs-port.js";
import { GitReadError, gitFileSystem, parseGitSide } from "./git-file-system.js";

/** The loader, passed in (load-framework.ts calls this module). */
export type LoadSide = (
  path: string,
  fs: FileSystemPort,
) => Promise<{ framework?: Framework | undefined; diagnostics: Diagnostic[] }>;

export async function loadPreviousVersion(
  previous: string,
  path: string,
  isDirectory: boolean,
  fs: FileSystemPort,
  loadFramework: LoadSide,
): Promise<PreviousVersion> {
  const folder = isDirectory ? path : dirname(path);
  try {
    const git = parseGitSide(previous);
    const side = git ? await gitFileSystem(folder, git.ref, git.path) : { fs, root: join(folder, previous) };
    if (!git && (await fs.stat(side.root)) === undefined) return { error: `no file or folder ${previous}` };
    const loaded = await loadFramework(side.root, side.fs);
    const error = loaded.diagnostics.find((d) => d.severity === "error");
    if (!loaded.framework || error)
      return {
        error: `${previous} has errors${error ? ` (${error.file}:${error.line}: ${error.message})` : ""}`,
      };
    return { framework: loaded.framework };
  } catch (error) {
    if (error instanceof GitReadError) return { error: error.message };
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
