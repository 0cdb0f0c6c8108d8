/**
 * Validators and compression, after a route answered:
 * - an ETag (and 304 for a matching If-None-Match) only for what may be shared: an answer marked private or
 *   no-store, or one that sets a cookie, is someone's own and is neither hashed nor kept;
 * - brotli or gzip by Accept-Encoding for HTML, JSON, CSS, JS, SVG and the search index, with
 *   `Vary: Accept-Encoding`; each encoding is its own representation with its own ETag (`"<hash>-br"`).
 * Shared answers are the same bytes for everyone until the frameworks change (the page cache renders them
 * once per version), so their compressed bytes are kept by hash and compressed once per version.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { FrameworkRegistry } from "../../load/registry.js";
import type { App } from "../context.js";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this, compressing saves less than the headers it costs. */
const MIN_BYTES = 1024;
/** The compressed shared answers kept, by bytes (the whole example site compressed is a few MiB). */
const KEPT_BYTES = 32 * 1024 * 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|problem\+json|javascript)|image\/svg\+xml)/;
/** What a 304 keeps of the 200 it stands for (RFC 9110 §15.4.5). */
const RETAINED_304 = ["cache-control", "content-location", "date", "etag", "expires", "vary"];

type Encoding = "br" | "gzip";

/** The best encoding the request accepts (q > 0), brotli first. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").slice(0, 512).split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const wants = (name: Encoding) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  return wants("br") ? "br" : wants("gzip") ? "gzip" : undefined;
}

function isPrivate(res: Response): boolean {
  return res.headers.has("Set-Cookie") || /private|no-store/.test(res.headers.get("Cache-Control") ?? "");
}

function compress(body: Uint8Array, encoding: Encoding, kept: boolean): Promise<Uint8Array> {
  if (encoding === "gzip") return gzipAsync(body);
  // once per version for shared answers: worth the best ratio; someone's own page is compressed per request
  const quality = kept ? 9 : 5;
  return brotli(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
  });
}

function etagMatches(etag: string, ifNoneMatch: string | undefined): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const strip = (t: string) => t.replace(/^W\//, "");
  return (ifNoneMatch.match(/(W\/)?"[^"]*"/g) ?? []).some((t) => strip(t) === strip(etag));
}

/** Installs validators and compression for every answer after it (put it before the routes). */
export function validateAndCompress(app: App, registry: FrameworkRegistry): void {
  const kept = new Map<string, Uint8Array>();
  let keptBytes = 0;
  let keptVersion = registry.version;
  app.use("*", async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get("Content-Type") ?? "";
    const readable = c.req.method === "GET" || c.req.method === "HEAD";
    const shared = readable && res.status === 200 && !isPrivate(res);
    // a page the page cache kept comes with its bytes and their hash: neither is read nor hashed again (and
    // its body is not touched: reading a Response's body makes @hono/node-server copy it into a web Response)
    const known = shared ? c.get("sharedBody") : undefined;
    const compressible =
      COMPRESSIBLE.test(type) &&
      !res.headers.has("Content-Encoding") &&
      (known !== undefined || res.body !== null);
    if (!shared && !compressible) return;
    if (compressible) res.headers.append("Vary", "Accept-Encoding");
    const body = known?.bytes ?? new Uint8Array(await res.arrayBuffer());
    const encoding =
      compressible && body.byteLength >= MIN_BYTES
        ? chooseEncoding(c.req.header("Accept-Encoding"))
        : undefined;
    const headers = new Headers(res.headers);
    let hash: string | undefined;
    if (shared) {
      if (keptVersion !== registry.version) {
        kept.clear();
        keptBytes = 0;
        keptVersion = registry.version;
      }
      hash = known?.hash ?? createHash("sha1").update(body).digest("base64url");
      const etag = headers.get("ETag") ?? `"${hash}${encoding ? `-${encoding}` : ""}"`;
      headers.set("ETag", etag);
      if (etagMatches(etag, c.req.header("If-None-Match"))) {
        for (const name of [...headers.keys()]) if (!RETAINED_304.includes(name)) headers.delete(name);
        c.res = new Response(null, { status: 304, headers });
        return;
      }
    }
    let out: Uint8Array = body;
    if (encoding) {
      const key = hash ? `${hash}:${encoding}` : undefined;
      const hit = key ? kept.get(key) : undefined;
      out = hit ?? (await compress(body, encoding, key !== undefined));
      if (key && !hit && keptBytes + out.byteLength <= KEPT_BYTES) {
        kept.set(key, out);
        keptBytes += out.byteLength;
      }
      headers.set("Content-Encoding", encoding);
      headers.delete("Content-Length");
    }
    // zlib gives Buffers over ArrayBufferLike; they are plain (never shared) memory. @hono/node-server's
    // Response keeps the bytes and writes them as they are (no copy, no stream)
    c.res = new Response(out as Uint8Array<ArrayBuffer>, {
      status: res.status,
      statusText: res.statusText,
      headers,
    });
  });
}
