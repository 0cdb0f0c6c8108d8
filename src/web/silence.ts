/**
 * The idle limit of `rungs serve` (server.ts): a connection on which no byte has moved either way for longer
 * than its limit is closed. Checked by a sweep over the open connections, not by node's socket.setTimeout:
 * that refreshes a timer on every read and write of every request and swaps it with the keep-alive timer at
 * each request's start, about 1 µs of CPU per answer (~3 % of a kept one) for a limit that only ever matters
 * to a connection nothing has moved on for half a minute. A sweep costs a few reads per open connection.
 */
import type { Server } from "node:http";
import type { Socket } from "node:net";

/** Longer silences allowed to a connection while the server works on its request (whileWorking). */
const allowed = new WeakMap<Socket, number>();

/**
 * Lets `socket` stay silent for up to `ms` (if longer than its idle limit) until the returned function is
 * called, which puts back what was allowed before.
 */
export function allowSilence(socket: Socket, ms: number): () => void {
  const before = allowed.get(socket);
  allowed.set(socket, Math.max(before ?? 0, ms));
  return () => {
    if (before === undefined) allowed.delete(socket);
    else allowed.set(socket, before);
  };
}

/**
 * Closes every connection of `server` silent for `idleMs` or longer (or what allowSilence allows it), within
 * `everyMs` after: each sweep notes the bytes a connection has read and written, and since when they are the
 * same. Never early: a connection counts as silent from the first sweep that saw its count unchanged.
 */
export function closeSilentConnections(server: Server, idleMs: number, everyMs: number): void {
  const watched = new Map<Socket, { bytes: number; since: number }>();
  server.on("connection", (socket: Socket) => {
    watched.set(socket, { bytes: 0, since: performance.now() });
    socket.once("close", () => watched.delete(socket));
  });
  const sweep = setInterval(() => {
    const now = performance.now();
    for (const [socket, seen] of watched) {
      // bytesWritten counts what is still buffered: an answer a client stops reading stops it growing
      const bytes = socket.bytesRead + (socket.bytesWritten ?? 0);
      if (bytes !== seen.bytes) {
        seen.bytes = bytes;
        seen.since = now;
      } else if (now - seen.since >= Math.max(idleMs, allowed.get(socket) ?? 0)) socket.destroy();
    }
  }, everyMs).unref();
  server.on("close", () => clearInterval(sweep));
}
