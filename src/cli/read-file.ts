/**
 * A file a command reads whole (an import's input, an assessment, a people CSV, a backup), within its size
 * bound. What is not a regular file is refused unread: a named pipe would wait for a writer for ever, and a
 * device may never end. The file is opened without blocking and checked through its handle, so a path that
 * becomes a pipe between a look and the open cannot wait either, and at most one byte over the bound is read,
 * so a file that grows meanwhile is refused as well. Standard input is read within the same bound.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { formatBytes } from "../load/limits.js";
import { type CliIo, UsageError } from "./context.js";

export interface FileBound {
  maxBytes: number;
  /** What the file is, in the message: `cannot read assessment a.yaml: …`. */
  what?: string;
  /** Words after the limit: what it is the limit for, what to do with a larger file. */
  advice?: string;
}

/** `cannot read <what> <source>: <reason>`, and the same for an input over the bound. */
function problems(source: string, bound: FileBound) {
  const fail = (reason: string) =>
    new UsageError(`cannot read ${bound.what ? `${bound.what} ` : ""}${source}: ${reason}`);
  const tooLarge = (size?: number) =>
    fail(
      `it is ${size === undefined ? "" : `${formatBytes(size)}, `}over the limit of ${formatBytes(bound.maxBytes)}${bound.advice ? ` ${bound.advice}` : ""}`,
    );
  return { fail, tooLarge };
}

/**
 * Standard input (`-` for a command that takes it), within the same bound as a file: its size is known only
 * once it ends, so it is counted as it comes, and refused at the first byte over the bound, unread past it.
 */
export async function readBoundedStdin(io: CliIo, bound: FileBound): Promise<Buffer> {
  const { fail, tooLarge } = problems("from standard input", bound);
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of io.stdin ?? process.stdin) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
      length += bytes.length;
      if (length > bound.maxBytes) throw tooLarge();
      chunks.push(bytes);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw fail((error as Error).message);
  }
  return Buffer.concat(chunks, length);
}

/** The file's bytes, or a usage error `cannot read <what> <path>: <reason>`. */
export async function readBoundedFile(path: string, io: CliIo, bound: FileBound): Promise<Buffer> {
  const { fail, tooLarge } = problems(path, bound);
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(resolve(io.cwd, path), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(code === "ENOENT" ? "no such file" : (error as Error).message);
  }
  try {
    const info = await file.stat();
    if (info.isDirectory()) throw fail("it is a folder, where a file is meant");
    if (!info.isFile()) throw fail("it is not a regular file");
    if (info.size > bound.maxBytes) throw tooLarge(info.size);
    const chunks: Buffer[] = [];
    let length = 0;
    // one byte more than the file holds: a read that fills it finds a file that grew since
    let room = info.size + 1;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(room, bound.maxBytes + 1 - length));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > bound.maxBytes) throw tooLarge(length);
      room = 64 * 1024;
    }
    return Buffer.concat(chunks, length);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw fail((error as Error).message);
  } finally {
    await file.close();
  }
}
