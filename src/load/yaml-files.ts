/** Finding a framework's YAML files in a folder: the loader's walk, and the one pattern of a YAML file's name. */
import { join } from "node:path";
import type { FileSystemPort } from "./fs-port.js";
import type { LoadLimits } from "./limits.js";

export const YAML_FILE = /\.ya?ml$/i;

/** Names in `folder` that a framework's walk reads (neither hidden nor `node_modules`), in name order. */
export const walkedNames = async (folder: string, fs: FileSystemPort) =>
  (await fs.readDir(folder)).filter((n) => !n.startsWith(".") && n !== "node_modules").sort();

export interface Listing {
  files: { path: string; size: number }[];
  /**
   * Set when the walk stopped early: the directory holds more YAML files, or more folders, than the limits
   * allow.
   */
  truncated?: "files" | "folders";
  /** The files and folders `skip` left out unread (a folder's files are not walked, nor counted). */
  skipped?: string[];
}

/**
 * Every YAML file under `dir` (or every file whose name matches `names`: an import's inputs), pipes, sockets
 * and devices left out, in path order, each directory once (a link back up is not followed again). What
 * `skip` names (a file, or a folder with all in it) is listed as skipped, unread and uncounted.
 */
export async function listYamlFiles(
  dir: string,
  fs: FileSystemPort,
  limits: Pick<LoadLimits, "files" | "folders">,
  names: RegExp = YAML_FILE,
  skip: (name: string, folder: boolean) => boolean = () => false,
): Promise<Listing> {
  const listing: Listing = { files: [] };
  const seen = new Set<string>();
  let folders = 0;
  const walk = async (current: string, id: string | undefined) => {
    if (id !== undefined) {
      if (seen.has(id)) return;
      seen.add(id);
    }
    if (++folders > limits.folders) {
      listing.truncated = "folders";
      return;
    }
    for (const name of await walkedNames(current, fs)) {
      if (listing.truncated) return;
      const full = join(current, name);
      const info = await fs.stat(full);
      if (info && (info.isDirectory || names.test(name)) && skip(name, info.isDirectory)) {
        listing.skipped ??= [];
        listing.skipped.push(full);
      } else if (info?.isDirectory) await walk(full, info.id);
      else if (info && !info.special && names.test(name)) {
        if (listing.files.length >= limits.files) listing.truncated = "files";
        else listing.files.push({ path: full, size: info.size });
      }
    }
  };
  await walk(dir, (await fs.stat(dir))?.id);
  return listing;
}
