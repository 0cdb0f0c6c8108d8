import type { Stats } from "node:fs";

/** What the loader needs to know of a path before reading it. */
export interface PathInfo {
  isDirectory: boolean;
  /** Neither a file nor a directory: a pipe, socket or device, which a read could wait on for ever. */
  special?: true;
  /** Size in bytes (of a file), checked against the loader's limits before it is read. */
  size: number;
  /** The same for every path to one file or directory (device and inode), where the system has one: a
   * directory reached twice through a link is read once. */
  id?: string;
  /** When the file last changed (ms since the epoch), where the system knows: CASE's lastChangeDateTime. */
  modified?: number;
}

/** What the loader knows of a path from Node's stat of it (asynchronous or not). */
export function pathInfo(info: Stats): PathInfo {
  return {
    isDirectory: info.isDirectory(),
    ...(info.isDirectory() || info.isFile() ? {} : { special: true }),
    size: info.size,
    id: `${info.dev}:${info.ino}`,
    modified: info.mtimeMs,
  };
}
