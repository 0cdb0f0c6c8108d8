/**
 * A folder of frameworks (docs/format.md, "A folder of frameworks"): a directory named where frameworks are
 * meant, with no YAML file of its own but sub-folders that each have a root file at their top, is taken as
 * those frameworks, each as if it had been named. Every command that takes framework paths expands them
 * here, and the registry at each load, so a framework folder added to a served collection is picked up.
 */
import { join, resolve, sep } from "node:path";
import type { FileSystemPort } from "./fs-port.js";
import { DEFAULT_LOAD_LIMITS, type LoadLimits } from "./limits.js";
import { COLLECTION_ENTRIES, hasRootFile } from "./root-file.js";
import { listYamlFiles, walkedNames, YAML_FILE } from "./yaml-files.js";

/**
 * `paths` with each folder of frameworks replaced by its frameworks' folders (joined to the path as given,
 * in name order); every other path as it is. `cwd` is what relative paths are read against.
 */
export async function expandFrameworkPaths(
  paths: readonly string[],
  fs: FileSystemPort,
  cwd = ".",
  limits: LoadLimits = DEFAULT_LOAD_LIMITS,
): Promise<string[]> {
  const expanded: string[] = [];
  for (const path of paths) {
    const names = await frameworkFolders(resolve(cwd, path), fs, limits);
    if (names) expanded.push(...names.map((name) => join(path, name)));
    else expanded.push(path);
  }
  return expanded;
}

/**
 * The names of the sub-folders of `dir` that are frameworks, when `dir` is a folder of frameworks: it has no
 * YAML file at its top, at least one sub-folder has a root file at its top, and no other sub-folder holds a
 * YAML file at any depth (which would belong to no framework). Undefined otherwise: `dir` is one framework
 * (or a broken one), for the loader to read and report on. Links that lead out of `dir` are not followed.
 */
async function frameworkFolders(
  dir: string,
  fs: FileSystemPort,
  limits: LoadLimits,
): Promise<string[] | undefined> {
  try {
    return await foldersOf(dir, fs, limits);
  } catch {
    // a folder that cannot be read is the loader's to report, located, as for any framework path
    return undefined;
  }
}

async function foldersOf(dir: string, fs: FileSystemPort, limits: LoadLimits): Promise<string[] | undefined> {
  if (!(await fs.stat(dir))?.isDirectory) return undefined;
  const names = await walkedNames(dir, fs);
  if (names.length > COLLECTION_ENTRIES || names.some((n) => YAML_FILE.test(n))) return undefined;
  const real = fs.realPath ? await fs.realPath(dir) : dir;
  const frameworks: string[] = [];
  for (const name of names) {
    const full = join(dir, name);
    if (!(await fs.stat(full))?.isDirectory || !(await inside(full, real, fs))) continue;
    if ((await hasRootFile(full, fs, limits)) === true) frameworks.push(name);
    else if ((await listYamlFiles(full, fs, { ...limits, files: 1 })).files.length > 0) return undefined;
  }
  return frameworks.length > 0 ? frameworks : undefined;
}

/** True when `path` is `dir` or under it once links are resolved. */
async function inside(path: string, dir: string, fs: FileSystemPort): Promise<boolean> {
  if (!fs.realPath) return true;
  const real = await fs.realPath(path);
  return real === dir || real.startsWith(dir.endsWith(sep) ? dir : `${dir}${sep}`);
}
