import { readdir, readFile, stat } from "node:fs/promises";

/** The little the loader needs from a file system; tests and the static build can pass their own. */
export interface FileSystemPort {
  readFile(path: string): Promise<string>;
  /** undefined when nothing exists at `path`. */
  stat(path: string): Promise<{ isDirectory: boolean } | undefined>;
  readDir(path: string): Promise<string[]>;
}

/** The real file system. */
export const nodeFileSystem: FileSystemPort = {
  readFile: (path) => readFile(path, "utf8"),
  stat: async (path) => {
    try {
      return { isDirectory: (await stat(path)).isDirectory() };
    } catch {
      return undefined;
    }
  },
  readDir: (path) => readdir(path),
};

/** An in-memory file system: path → text. Directories are implied by the paths. */
export function memoryFileSystem(files: Record<string, string>): FileSystemPort {
  const isDir = (path: string) => Object.keys(files).some((f) => f.startsWith(`${path.replace(/\/$/, "")}/`));
  return {
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    },
    stat: async (path) =>
      path in files ? { isDirectory: false } : isDir(path) ? { isDirectory: true } : undefined,
    readDir: async (path) => {
      const prefix = `${path.replace(/\/$/, "")}/`;
      const names = new Set<string>();
      for (const f of Object.keys(files))
        if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split("/")[0] as string);
      return [...names];
    },
  };
}
