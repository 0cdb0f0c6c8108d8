/**
 * Where the tests' temporary files go: a memory file system when the machine has a roomy one (/dev/shm, as
 * Debian mounts it), else the system's. They are real files either way; on a virtual machine's disk, making
 * and removing them (SQLite files, built sites, a folder of 100,000 folders) waited on the disk with a core
 * idle: three such files took 21-23 s here against 29-31 s in /tmp. vitest.config.ts makes the run's folder;
 * test/support/thread-workers.ts removes it, and a stopped run's.
 */
import { mkdirSync, statfsSync } from "node:fs";

/** A run's folder in memory is `<this><pid>`. */
export const MEMORY_TMPDIR = "/dev/shm/rungs-tests-";

/** The run's temporary folder in memory, made now, or undefined where /dev/shm has less than 4 GiB free. */
export function memoryTmpdir(): string | undefined {
  try {
    const { bavail, bsize } = statfsSync("/dev/shm");
    if (bavail * bsize < 4 * 2 ** 30) return undefined;
    const dir = `${MEMORY_TMPDIR}${process.pid}`;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  } catch {
    return undefined;
  }
}
