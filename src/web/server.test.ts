/*
 * The server as `rungs serve` runs it, spoken to over real sockets: oversized, chunked, lying and slow
 * bodies are cut off while they arrive, slow headers and idle connections are shed, and hundreds of idle
 * connections do not keep a signed-in person from being served.
 */
import type { Server } from "node:http";
import { connect, type Socket } from "node:net";
import { Hono } from "hono";
import { afterEach, expect, it } from "vitest";
import { addPerson, authApp } from "../../test/support/auth.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { type App, type AppContext, whileWorking } from "./context.js";
import { type ServerLimits, startServer } from "./server.js";
import { collectAll, settleWhenQuiet } from "./settle.js";

const MIB = 1024 * 1024;
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(
  app: App,
  limits: Partial<ServerLimits> = {},
  at = { port: 0, hostname: "127.0.0.1" },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = startServer(app, { ...at, limits }, (info) => resolve(info.port));
    // attached after the start, as `rungs serve` attaches it: a failed bind must not throw from startServer
    server.once("error", reject);
    servers.push(server);
  });
}

interface Exchange {
  /** Everything the server sent back. */
  answer: string;
  /** Body bytes written before the server closed the connection. */
  sent: number;
}

/**
 * Sends `head`, then up to `total` body bytes as fast as the socket takes them (or one byte per `trickleMs`),
 * until they are all sent or the server closes the connection. Resolves when the connection is closed.
 */
function exchange(
  port: number,
  head: string,
  total: number,
  options: { chunked?: boolean; trickleMs?: number } = {},
): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    let sent = 0;
    let closed = false;
    socket.on("data", (data) => {
      answer += data.toString("latin1");
    });
    // writing into a connection the server has closed fails: that is the point
    socket.on("error", () => {});
    socket.on("close", () => {
      closed = true;
      resolve({ answer, sent });
    });
    socket.write(head);
    const piece = Buffer.alloc(options.trickleMs ? 1 : 64 * 1024, "a");
    const frame = (data: Buffer) =>
      options.chunked
        ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")])
        : data;
    const pump = () => {
      while (!closed && sent < total) {
        sent += piece.length;
        const more = socket.write(frame(piece));
        if (options.trickleMs) {
          setTimeout(pump, options.trickleMs);
          return;
        }
        if (!more) {
          socket.once("drain", pump);
          return;
        }
      }
      if (!closed) socket.end(options.chunked ? "0\r\n\r\n" : "");
    };
    pump();
  });
}

function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}

const SIGN_IN =
  "POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n";

describeEachDatabase("the server", (ctx) => {
  it("refuses a 100 MB body with 413 and closes the connection long before the body is sent", async () => {
    const port = await listen((await authApp(ctx)).app);
    const total = 100 * MIB;
    const declared = await exchange(port, `${SIGN_IN}Content-Length: ${total}\r\n\r\n`, total);
    expect(statusOf(declared.answer)).toBe(413);
    expect(declared.answer).toContain("Too much sent at once");
    expect(declared.sent).toBeLessThan(total / 4);

    // chunked: no length to refuse up front, so the bytes are counted as they come and reading stops at 64 KiB
    const chunked = await exchange(port, `${SIGN_IN}Transfer-Encoding: chunked\r\n\r\n`, total, {
      chunked: true,
    });
    expect(statusOf(chunked.answer)).toBe(413);
    expect(chunked.sent).toBeLessThan(total / 4);
  });

  it("reads no more than a Content-Length says: the rest is refused as a malformed request", async () => {
    const port = await listen((await authApp(ctx)).app);
    const total = 100 * MIB;
    const lying = await exchange(port, `${SIGN_IN}Content-Length: 1000\r\n\r\n`, total);
    expect(lying.answer).toContain("HTTP/1.1 400 Bad Request");
    expect(lying.sent).toBeLessThan(total / 4);
  });

  it("times out a body that trickles in, and headers that never end (408), and refuses huge headers (431)", async () => {
    const port = await listen((await authApp(ctx)).app, {
      headersTimeoutMs: 500,
      requestTimeoutMs: 1_000,
      checkEveryMs: 100,
    });
    // from our own page with a CSRF cookie, so the form is read (else it is refused at once, unread)
    const cookie = `Origin: http://127.0.0.1\r\nCookie: rungs_csrf=${"c".repeat(43)}\r\n`;
    const slowBody = await exchange(port, `${SIGN_IN}${cookie}Content-Length: 10000\r\n\r\n`, 10_000, {
      trickleMs: 20,
    });
    expect(statusOf(slowBody.answer)).toBe(408);
    expect(slowBody.sent).toBeLessThan(10_000);

    const slowHeaders = await exchange(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", 100_000, {
      trickleMs: 20,
    });
    expect(statusOf(slowHeaders.answer)).toBe(408);

    const huge = await exchange(
      port,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      0,
    );
    expect(statusOf(huge.answer)).toBe(431);
  });

  it("serves a signed-in person while 500 connections sit idle, and sheds the idle ones", async () => {
    const { app, store } = await authApp(ctx);
    const ada = await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const { token } = await store.sessions.create(
      ada.id,
      { userAgent: null, ip: null },
      { idleMs: 3_600_000, absoluteMs: 86_400_000 },
    );
    const port = await listen(app, {
      headersTimeoutMs: 2_000,
      keepAliveTimeoutMs: 500,
      idleTimeoutMs: 3_000,
    });

    const idle: Socket[] = [];
    const closedByServer: Promise<void>[] = [];
    for (let i = 0; i < 500; i++) {
      const socket = connect(port, "127.0.0.1");
      socket.on("error", () => {});
      // read what the server says (a 408), so its closing the connection is seen here
      socket.resume();
      // half send nothing at all, half start a request and stall
      if (i % 2) socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      closedByServer.push(new Promise((resolve) => socket.once("close", () => resolve())));
      idle.push(socket);
    }
    await Promise.all(idle.map((socket) => new Promise((resolve) => socket.once("connect", resolve))));

    const response = await fetch(`http://127.0.0.1:${port}/account/`, {
      headers: { Cookie: `rungs_session=${token}` },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Ada Lovelace");

    // nobody closes them but the server
    await Promise.all(closedByServer);
    expect(idle.every((socket) => socket.destroyed)).toBe(true);
  });
});

it("listens on an address written as an IP and on a name; a port in use is the server's error event", async () => {
  const app = new Hono() as unknown as App;
  app.get("/", (c) => c.text("here"));
  const port = await listen(app);
  expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("here");
  const named = await listen(app, {}, { port: 0, hostname: "localhost" });
  expect(await (await fetch(`http://localhost:${named}/`)).text()).toBe("here");
  // the error listener attached after the start, as `rungs serve` attaches it: startServer does not throw
  const busy = startServer(app, { port, hostname: "127.0.0.1" });
  servers.push(busy);
  const refused = await new Promise((resolve) => busy.once("error", resolve));
  expect(refused).toMatchObject({ code: "EADDRINUSE" });
});

it("a request that works longer than the idle time in whileWorking gets its answer; without it, the connection is closed", async () => {
  const app = new Hono() as unknown as App;
  const work = () => new Promise<string>((resolve) => setTimeout(() => resolve("done"), 600));
  app.get("/patient", async (c) => c.text(await whileWorking(c as AppContext, 2_000, work)));
  app.get("/plain", async (c) => c.text(await work()));
  const port = await listen(app, { idleTimeoutMs: 200 });
  const patient = await fetch(`http://127.0.0.1:${port}/patient`);
  expect([patient.status, await patient.text()]).toEqual([200, "done"]);
  await expect(fetch(`http://127.0.0.1:${port}/plain`)).rejects.toThrow();
});

it("closes a connection that stops reading its answer once nothing has moved for the idle time, and no sooner", async () => {
  const app = new Hono() as unknown as App;
  // far more than the socket buffers on both sides hold
  app.get("/large", (c) => c.body(new Uint8Array(64 * MIB)));
  const port = await listen(app, { idleTimeoutMs: 500 });
  // seen closing on the server's side: a client that does not read does not see the end either
  const closedByServer = new Promise((resolve) =>
    servers.at(-1)?.once("connection", (socket: Socket) => socket.once("close", resolve)),
  );
  const socket = connect(port, "127.0.0.1");
  socket.on("error", () => {});
  let read = 0;
  socket.on("data", (data: Buffer) => {
    read += data.length;
    // a client that takes the first bytes and then stops reading (not closing)
    if (read > MIB) socket.pause();
  });
  const started = performance.now();
  socket.write("GET /large HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  await closedByServer;
  expect(performance.now() - started).toBeGreaterThanOrEqual(500);
  expect(read).toBeLessThan(64 * MIB);
});

it("settles memory once answers that grew it have gone quiet; answers that keep nothing do not", async () => {
  // this worker's heap holds other test files' garbage: collected first, so the settler's starting measure is
  // not above what it will hold once that garbage goes (which could hide the growth it must see)
  collectAll();
  const settler = settleWhenQuiet(200);
  try {
    const held = [new Uint8Array(12 * MIB).fill(1), new Uint8Array(12 * MIB).fill(1)];
    settler.made();
    settler.made();
    // 200 ms after the last answer, or later on a loaded machine
    await expect.poll(() => settler.settlings, { timeout: 15_000, interval: 50 }).toBe(1);
    settler.made();
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(settler.settlings).toBe(1);
    expect(held).toHaveLength(2);
  } finally {
    settler.stop();
  }
});
