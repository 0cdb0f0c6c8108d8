/**
 * The occupation lists a command checks classification codes against. A module of its own, apart from
 * context.ts, which every command imports: most (`--version`, `check` of a framework without codes) never
 * need the lists, and their readers bring the file system layer (node:fs/promises) with them.
 */
import { nodeFileSystem } from "../load/fs-port.js";
import { loadOccupations, schemeDirs } from "../load/occupations.js";

/**
 * The SOC 2018 list with the scheme lists of data/schemes/ and of `RUNGS_SCHEMES_DIR` (read from the
 * command's environment, relative to its working directory). Of the command's I/O (context.ts's CliIo) it
 * reads only these two, named here so that this module does not import context.ts, which imports it.
 */
export function loadCatalog(io: { env: NodeJS.ProcessEnv; cwd: string }): ReturnType<typeof loadOccupations> {
  return loadOccupations(nodeFileSystem, { schemeDirs: schemeDirs(io.env, io.cwd) });
}
