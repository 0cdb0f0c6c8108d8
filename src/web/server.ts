/**
 * The HTTP server `rungs serve` runs the app on, with the limits that keep slow and idle connections from
 * holding it: a client gets a bounded time to send its headers and its whole request, an idle kept-alive
 * connection is closed after a few seconds, and any socket silent for half a minute is closed. Nothing caps
 * the number of connections: a cap would let idle ones fill it and lock everyone else out, whereas timeouts
 * shed them while Node keeps serving the rest (idle sockets cost a file descriptor each, not a thread).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, BoundSocket } from "node:net";
import type { TLSSocket } from "node:tls";
import { getRequestListener } from "@hono/node-server";
import type { App } from "./context.js";
import { type KeptAnswers, keptAnswers } from "./middleware/caching.js";
import { settleWhenQuiet } from "./settle.js";

export interface ServerLimits {
  /** Time to receive a request's headers, from the first byte of the connection or the request (408 after). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (408 after): room for the upload limit on a slow link. */
  requestTimeoutMs: number;
  /** How long a kept-alive connection may wait for its next request. */
  keepAliveTimeoutMs: number;
  /** How long any socket may be silent (no bytes either way) before it is closed. */
  idleTimeoutMs: number;
  /** The most the request line and headers together may be (431 over it). */
  maxHeaderBytes: number;
  /** How often the header and request timeouts are checked (Node's default, 30 s, would blur them). */
  checkEveryMs: number;
}

export const SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  maxHeaderBytes: 16 * 1024,
  checkEveryMs: 1_000,
};

/**
 * Starts serving `app` on `hostname:port` (0 for any free port) with `limits` (tests shorten them), and
 * calls `listening` once it accepts connections. Listen errors arrive as the server's "error" event.
 */
export function startServer(
  app: App,
  options: {
    port: number;
    hostname: string;
    limits?: Partial<ServerLimits>;
    /** Settle memory this long after the last answer the app made (settle.ts); never when unset. */
    settleAfterMs?: number;
  },
  listening?: (address: AddressInfo) => void,
): Server {
  const limits = { ...SERVER_LIMITS, ...options.limits };
  const honoListener = getRequestListener(app.fetch, { hostname: options.hostname });
  const kept = keptAnswers(app);
  const settler = options.settleAfterMs === undefined ? undefined : settleWhenQuiet(options.settleAfterMs);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      maxHeaderSize: limits.maxHeaderBytes,
      connectionsCheckingInterval: limits.checkEveryMs,
    },
    // an anonymous GET of a page already rendered and sent is answered from the answers kept whole, with
    // nothing of Hono run (no Request, no context, no middleware chain): only what depends on the request
    (req, res) => {
      if (kept && answerKept(kept, req, res)) return;
      settler?.made();
      honoListener(req, res);
    },
  );
  server.on("close", () => settler?.stop());
  listenOn(server, options.port, options.hostname, () => listening?.(server.address() as AddressInfo));
  // with no "timeout" listener, Node destroys a socket that has been silent this long. It refreshes a timer
  // on each read and write, but a sweep over the connections in its place (w22) saved no CPU per kept answer
  // that alternating A/B runs could tell from noise (±1 µs of ~28)
  server.setTimeout(limits.idleTimeoutMs);
  return server;
}

/**
 * Listens on `hostname:port`. An address written as an IP is bound at once (net.BoundSocket, Node 24.19 and
 * later), without the name lookup `listen(port, host)` makes of any host: it loaded the dns module and, to
 * check the address the lookup gave back, compiled Node's IPv6 pattern, 8.6 ms of CPU from listen to
 * listening against 3.3 ms (medians of 21 fresh processes, w24), on the path of a server's first answer. A
 * name, or a Node without BoundSocket, listens as before. A failed bind arrives as the server's "error"
 * event either way (BoundSocket throws it; `listen` emits it).
 */
function listenOn(server: Server, port: number, hostname: string, listening: () => void): void {
  const net = process.getBuiltinModule("node:net");
  // absent before Node 24.19, whatever the types say
  const Bound: typeof BoundSocket | undefined = net.BoundSocket;
  if (!Bound || net.isIP(hostname) === 0) {
    server.listen(port, hostname, listening);
    return;
  }
  let bound: BoundSocket;
  try {
    bound = new Bound({ port, host: hostname });
  } catch (error) {
    process.nextTick(() => server.emit("error", error));
    return;
  }
  server.listen(bound, listening);
}

/** A header of a node:http request by its lower-case name, repeated values joined as Headers would. */
function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * Whether `req` was answered from the answers kept whole (an anonymous GET of a page already sent). What the
 * app would answer differently is never kept (middleware/caching.ts), so both ways send the same bytes.
 */
function answerKept(kept: KeptAnswers, req: IncomingMessage, res: ServerResponse): boolean {
  const target = req.url ?? "";
  // an absolute-form target goes through Hono, which checks it
  if (req.method !== "GET" || !target.startsWith("/")) return false;
  const reply = kept({
    method: "GET",
    target,
    https: (req.socket as TLSSocket).encrypted === true,
    header: (name) => headerOf(req, name),
  });
  if (!reply) return false;
  // the headers as node:http's flat list, made when the answer was kept: nothing to copy or convert per request
  // (a 200's Content-Length included, as @hono/node-server sends it: without it node would send chunks)
  res.writeHead(reply.status, reply.raw);
  res.end(reply.body ?? undefined);
  return true;
}
