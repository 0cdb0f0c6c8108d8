import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { type PathInfo, pathInfo } from "./path-info.js";

export type { PathInfo };

/**
 * When the newest of `files` last changed, as ISO 8601 without milliseconds, or undefined when the file
 * system does not say: the same files give the same time on every run and every server.
 */
export async function newestChange(
  fs: FileSystemPort,
  files: readonly string[],
): Promise<string | undefined> {
  let newest: number | undefined;
  for (const file of files) {
    const modified = (await fs.stat(file))?.modified;
    if (modified !== undefined && (newest === undefined || modified > newest)) newest = modified;
  }
  return newest === undefined
    ? undefined
    : `${new Date(Math.floor(newest / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** The little the loader needs from a file system; tests and the static build can pass their own. */
export interface FileSystemPort {
  readFile(path: string): Promise<string>;
  /** undefined when nothing exists at `path`. */
  stat(path: string): Promise<PathInfo | undefined>;
  readDir(path: string): Promise<string[]>;
  /** The path with every link resolved, where the system has links: a folder of frameworks follows none out of itself. */
  realPath?(path: string): Promise<string>;
}

/** The real file system. */
export const nodeFileSystem: FileSystemPort = {
  readFile: (path) => readFile(path, "utf8"),
  stat: async (path) => {
    try {
      return pathInfo(await stat(path));
    } catch {
      return undefined;
    }
  },
  readDir: (path) => readdir(path),
  realPath: (path) => realpath(path),
};

/** An in-memory file system: path → text. Directories are implied by the paths. */
export function memoryFileSystem(files: Record<string, string>): FileSystemPort {
  const texts = new Map(Object.entries(files));
  const isDir = (path: string) => [...texts.keys()].some((f) => f.startsWith(`${path.replace(/\/$/, "")}/`));
  return {
    readFile: async (path) => {
      const text = texts.get(path);
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    },
    stat: async (path) => {
      const text = texts.get(path);
      if (text !== undefined) return { isDirectory: false, size: Buffer.byteLength(text) };
      return isDir(path) ? { isDirectory: true, size: 0 } : undefined;
    },
    readDir: async (path) => {
      const prefix = `${path.replace(/\/$/, "")}/`;
      const names = new Set<string>();
      for (const f of texts.keys())
        if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split("/")[0] as string);
      return [...names];
    },
  };
}
