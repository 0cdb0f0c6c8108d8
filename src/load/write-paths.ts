/**
 * How a command makes the folders and files it writes (`--out`), so that a path of the wrong kind is a
 * located error and never a hang:
 * - Node's recursive mkdir loops forever where the file system answers "no such file" for a folder it will
 *   not make under a parent that exists (/proc, /sys): folders are made one at a time here instead.
 * - opening a named pipe (FIFO) for writing waits until something reads it, which may be never: a pipe or
 *   socket is refused. A device (/dev/null, a terminal) is written as a file.
 * Failures are Node's system errors with their path, which the CLI says in words (cli/context.ts); the
 * two found here are EINVAL with a message of their own.
 */
import { type Stats, statSync } from "node:fs";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/** A system error on `path`, as Node's own are (code, syscall, path), with a message of its own. */
function pathError(path: string, code: string, syscall: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${path}: ${message}`), { code, syscall, path });
}

/** `mkdir -p dir` that cannot loop: the missing folders below the nearest one there, each made alone. */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  const whole = resolve(dir);
  for (let at = whole; ; at = dirname(at)) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) => {
      // not there, or under a file (found as the walk goes up)
      if (error.code === "ENOENT" || error.code === "ENOTDIR") return undefined;
      throw error;
    });
    if (info?.isDirectory()) break;
    // as Node's own words for these codes say it: the path itself is a file, or a folder above it is
    if (info) throw pathError(whole, at === whole ? "EEXIST" : "ENOTDIR", "mkdir", "is not a folder");
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing.reverse())
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      // made meanwhile by someone else: as good as made here
      if (error.code === "EEXIST") return;
      // the parent is there, yet "no such file": a file system that makes no folders (/proc)
      if (error.code === "ENOENT") throw pathError(folder, "EINVAL", "mkdir", "no folder can be made here");
      throw error;
    });
}

/**
 * What is at `path`, a file is about to be written to: "absent", a regular "file", or a "device" (written in
 * place, never replaced); a pipe or socket there is refused.
 */
export function outFileKind(path: string): "absent" | "file" | "device" {
  let info: Stats;
  try {
    info = statSync(path);
  } catch {
    // not there, or not reachable (a file where a folder is meant): the write that follows says which
    return "absent";
  }
  if (info.isFIFO() || info.isSocket())
    throw pathError(path, "EINVAL", "open", "is a pipe or socket, where a file is meant");
  return info.isCharacterDevice() || info.isBlockDevice() ? "device" : "file";
}

/** Writes `data` to the file `path`, its folder made first; a pipe or socket there is refused. */
export async function writeOutFile(path: string, data: string | Uint8Array): Promise<void> {
  outFileKind(path);
  await makeFolders(dirname(path));
  await writeFile(path, data).catch((error: NodeJS.ErrnoException) => {
    // the folder is there, yet "no such file": a file system that makes no files (/proc)
    if (error.code === "ENOENT") throw pathError(path, "EINVAL", "open", "no file can be made here");
    // Node's write errors (no space left) name no path: the file is named here
    throw error.path ? error : Object.assign(error, { path });
  });
}
