/*
 * Compression and validators over a real socket (`rungs serve`'s server, raw bytes, no client that decodes
 * for us), and the rule that a signed-in person's pages are never hashed or shared.
 */
import { get as httpGet, type Server } from "node:http";
import { connect } from "node:net";
import { brotliDecompressSync, gunzipSync, constants as zlibConstants } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleApp } from "../../../test/support/app.js";
import { addPerson, authApp, signedIn } from "../../../test/support/auth.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { startServer } from "../server.js";
import { brotliParams, chooseEncoding } from "./caching.js";

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let server: Server;
let port = 0;

beforeAll(async () => {
  const { app } = await exampleApp();
  await new Promise<void>((resolve) => {
    server = startServer(app, { port: 0, hostname: "127.0.0.1" }, (info) => {
      port = info.port;
      resolve();
    });
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function fetchRaw(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Raw> {
  return new Promise((resolve, reject) => {
    httpGet({ host: "127.0.0.1", port, path, headers, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on("error", reject);
  });
}

const PAGE = "/frameworks/engineering/matrix/";

describe("compression", () => {
  it("answers a HEAD with the headers of its GET, Content-Length included, and no body", async () => {
    for (const encoding of ["identity", "gzip", "br"])
      for (const path of [PAGE, "/api/frameworks", "/assets/app.css", "/no-such-page"]) {
        const headers = { "Accept-Encoding": encoding };
        const get = await fetchRaw(path, headers);
        const head = await fetchRaw(path, headers, "HEAD");
        expect([path, head.status, head.body.byteLength]).toEqual([path, get.status, 0]);
        expect([path, head.headers["content-length"]]).toEqual([path, String(get.body.byteLength)]);
        expect(head.headers["content-encoding"]).toBe(get.headers["content-encoding"]);
      }
  });

  it("sends brotli or gzip by Accept-Encoding, the same content as without, with Vary", async () => {
    const plain = await fetchRaw(PAGE);
    const br = await fetchRaw(PAGE, { "Accept-Encoding": "gzip, deflate, br" });
    const gz = await fetchRaw(PAGE, { "Accept-Encoding": "gzip" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    for (const answer of [plain, br, gz]) expect(answer.headers.vary).toContain("Accept-Encoding");
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
  });

  it("compresses JSON, CSS, JS and the search index, and not what is too small to gain", async () => {
    for (const path of [
      "/api/frameworks/engineering",
      "/assets/app.css",
      "/assets/search.js",
      "/search-index.js",
    ]) {
      const answer = await fetchRaw(path, { "Accept-Encoding": "br" });
      expect(answer.status, path).toBe(200);
      expect(answer.headers["content-encoding"], path).toBe("br");
    }
    const small = await fetchRaw("/api/frameworks/nope", { "Accept-Encoding": "br" });
    expect(small.status).toBe(404);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers["content-encoding"]).toBeUndefined();
  });

  it("refuses an encoding with q=0 and honours the wildcard", async () => {
    expect(chooseEncoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("identity")).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
  });

  it("gives each encoding its own ETag, and a matching If-None-Match a 304", async () => {
    const br = await fetchRaw(PAGE, { "Accept-Encoding": "br" });
    const plain = await fetchRaw(PAGE);
    const brTag = String(br.headers.etag);
    const plainTag = String(plain.headers.etag);
    expect(brTag).toMatch(/^"[A-Za-z0-9_-]+-br"$/);
    expect(plainTag).not.toBe(brTag);
    const again = await fetchRaw(PAGE, { "Accept-Encoding": "br", "If-None-Match": brTag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(brTag);
    expect(again.headers.vary).toContain("Accept-Encoding");
    // the plain representation's tag does not validate the brotli one
    expect((await fetchRaw(PAGE, { "Accept-Encoding": "br", "If-None-Match": plainTag })).status).toBe(200);
  });
});

/**
 * The bytes of one answer exactly as they come off the socket (the request asks to close, so the answer ends
 * with the connection), with the Date line taken out: it is the only one two answers may differ in.
 */
function wireBytes(path: string, headers: Record<string, string>): Promise<string> {
  const lines = Object.entries({ Host: "127.0.0.1", ...headers, Connection: "close" });
  const request = `GET ${path} HTTP/1.1\r\n${lines.map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () =>
      resolve(
        Buffer.concat(chunks)
          .toString("latin1")
          .replace(/^Date: .*\r\n/m, ""),
      ),
    );
    socket.on("error", reject);
  });
}

describe("answers kept whole, over a socket", () => {
  it("are the same bytes, headers and their order and spelling included, as the chain sent", async () => {
    // a page no other test asks for: its first answers are the chain's, its later ones the kept path's
    const path = "/frameworks/engineering/levels/senior/";
    for (const encoding of ["br", "gzip", "identity"]) {
      const asked = { "Accept-Encoding": encoding };
      // rendered by the chain, then an If-None-Match the chain answers (nothing is kept whole yet), then
      // served by the page cache through the chain, which keeps the answer whole
      const rendered = await wireBytes(path, asked);
      const etag = /^etag: (.*)\r$/m.exec(rendered)?.[1] ?? "";
      expect(etag).not.toBe("");
      const chain304 = await wireBytes(path, { ...asked, "If-None-Match": etag });
      expect(await wireBytes(path, asked)).toBe(rendered);
      // from the answers kept whole, before Hono runs
      expect(await wireBytes(path, asked)).toBe(rendered);
      expect(chain304).toMatch(/^HTTP\/1\.1 304 /);
      expect(await wireBytes(path, { ...asked, "If-None-Match": etag })).toBe(chain304);
    }
  });
});

describe("brotli's settings", () => {
  const { BROTLI_PARAM_LGWIN: window, BROTLI_PARAM_QUALITY: quality } = zlibConstants;
  it("fits the window to the body, between 16 and 22 bits", () => {
    expect(brotliParams(900, true)[window]).toBe(16);
    expect(brotliParams(65_536, true)[window]).toBe(16);
    expect(brotliParams(65_537, true)[window]).toBe(17);
    expect(brotliParams(600_000, false)[window]).toBe(20);
    expect(brotliParams(50_000_000, true)[window]).toBe(22);
  });

  it("keeps quality 9 to the 16-bit window, where it is cheap; 7 above; 5 for someone's own page", () => {
    expect(brotliParams(20_000, true)[quality]).toBe(9);
    expect(brotliParams(600_000, true)[quality]).toBe(7);
    expect(brotliParams(20_000, false)[quality]).toBe(5);
  });
});

describeEachDatabase("validators for people signed in", (ctx) => {
  it("a signed-in person's pages carry no ETag and are never answered 304", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const ada = await signedIn(app, "ada@example.com");
    const page = await ada.get(PAGE);
    expect(page.status).toBe(200);
    expect(page.headers.get("etag")).toBeNull();
    expect(page.headers.get("cache-control")).toContain("private");
    const anonymous = await app.request(PAGE);
    const tag = anonymous.headers.get("etag") ?? "";
    expect(tag).not.toBe("");
    expect((await ada.get(PAGE, { "If-None-Match": tag })).status).toBe(200);
  });

  it("over a socket, a page kept whole for anonymous visitors is never what a signed-in person gets", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const ada = await signedIn(app, "ada@example.com");
    const own = await new Promise<Server>((resolve) => {
      const s = startServer(app, { port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const ownPort = (own.address() as { port: number }).port;
    const get = (headers: Record<string, string>) =>
      new Promise<Raw>((resolve, reject) => {
        httpGet({ host: "127.0.0.1", port: ownPort, path: PAGE, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        }).on("error", reject);
      });
    try {
      // the second anonymous answer is kept whole, the third is sent from it before Hono runs
      const anonymous = [await get({}), await get({}), await get({})];
      const tag = String(anonymous[0]?.headers.etag);
      for (const answer of anonymous) {
        expect(answer.headers.etag).toBe(tag);
        expect(answer.headers["content-length"]).toBe(String(answer.body.length));
        expect(answer.body.equals(anonymous[0]?.body ?? Buffer.alloc(0))).toBe(true);
      }
      expect((await get({ "If-None-Match": tag })).status).toBe(304);
      const mine = await get({ Cookie: ada.cookieHeader(), "If-None-Match": tag });
      expect(mine.status).toBe(200);
      expect(mine.headers.etag).toBeUndefined();
      expect(mine.headers["cache-control"]).toContain("private");
      expect(mine.body.toString()).toContain("Ada Lovelace");
      expect(anonymous[2]?.body.toString()).not.toContain("Ada Lovelace");
    } finally {
      own.closeAllConnections();
      await new Promise((resolve) => own.close(resolve));
    }
  });
});
