/**
 * Framework content is immutable per version: pages are rendered once per version and served from memory,
 * to everyone: the account part of the header is filled in per request (see components/html.tsx). Bounded
 * by bytes: query strings (search, filters) make the number of distinct pages open-ended.
 */
import { createHash } from "node:crypto";
import type { FrameworkRegistry } from "../../load/registry.js";
import { accountNav, fillAccount } from "../components/html.js";
import { ACCOUNT_SLOT } from "../components/page.js";
import type { App } from "../context.js";

const CACHE_BYTES = 64 * 1024 * 1024;

/** Bytes as sent, and their hash, computed when first asked for (only shared answers are hashed). */
type Sent = { nav: string; bytes: Uint8Array<ArrayBuffer>; hash: string };

function sent(nav: string, bytes: Uint8Array<ArrayBuffer>): Sent {
  let hash: string | undefined;
  return {
    nav,
    bytes,
    get hash() {
      hash ??= createHash("sha1").update(bytes).digest("base64url");
      return hash;
    },
  };
}

/**
 * A page kept as the bytes last sent, nothing else: for a page with an account part, where that part sits in
 * them (`nav` is the text there), so another visitor's part is spliced in without rendering the page again.
 * Everyone who is not signed in gets the same account part, so their answers are encoded and hashed once,
 * not per request. Only bytes are held: no copy of the page as a string besides them.
 */
type Cached = { headers: [string, string][]; status: number; sent: Sent } & (
  | { slot: true; navAt: number; navBytes: number }
  | { slot: false }
);

const encoder = new TextEncoder();

/** Serves GET pages from memory once rendered, until the registry's version changes. */
export function cachePages(app: App, registry: FrameworkRegistry): void {
  const cache = new Map<string, Cached>();
  let cachedBytes = 0;
  let cachedVersion = registry.version;
  app.use("*", async (c, next) => {
    if (c.req.method !== "GET" || c.req.path.startsWith("/assets/")) return next();
    const version = registry.version;
    if (cachedVersion !== version) {
      cache.clear();
      cachedBytes = 0;
      cachedVersion = version;
    }
    const key = c.req.url.slice(c.req.url.indexOf("/", 8));
    const hit = cache.get(key);
    if (hit) {
      if (hit.slot) {
        const nav = accountNav(c);
        if (hit.sent.nav !== nav) {
          const before = hit.sent.bytes;
          const filled = encoder.encode(nav);
          const bytes = new Uint8Array(before.byteLength - hit.navBytes + filled.byteLength);
          bytes.set(before.subarray(0, hit.navAt));
          bytes.set(filled, hit.navAt);
          bytes.set(before.subarray(hit.navAt + hit.navBytes), hit.navAt + filled.byteLength);
          cachedBytes += bytes.byteLength - before.byteLength;
          hit.sent = sent(nav, bytes);
          hit.navBytes = filled.byteLength;
        }
      }
      const out = hit.sent;
      c.set("sharedBody", out);
      // the bytes themselves: @hono/node-server's Response keeps them and writes them to the socket as they are
      c.res = new Response(out.bytes, { status: hit.status, headers: hit.headers });
      return;
    }
    await next();
    // what a route marks private (people's data, forms with tokens) or that sets a cookie is never shared
    const personal =
      c.res.headers.has("Set-Cookie") || /private|no-store/.test(c.res.headers.get("Cache-Control") ?? "");
    // an answer rendered while the frameworks changed is of neither version
    const current = version === registry.version;
    if (c.res.status === 200 && !personal && current && cachedBytes < CACHE_BYTES) {
      const shell = c.get("pageShell");
      const kept = { headers: [...c.res.headers.entries()], status: c.res.status };
      const at = shell?.indexOf(ACCOUNT_SLOT) ?? -1;
      if (shell !== undefined && at >= 0) {
        const nav = accountNav(c);
        const bytes = encoder.encode(fillAccount(c, shell, nav));
        const navAt = Buffer.byteLength(shell.slice(0, at));
        cache.set(key, {
          ...kept,
          sent: sent(nav, bytes),
          slot: true,
          navAt,
          navBytes: Buffer.byteLength(nav),
        });
        cachedBytes += bytes.byteLength;
      } else {
        const bytes =
          shell !== undefined ? encoder.encode(shell) : new Uint8Array(await c.res.clone().arrayBuffer());
        cache.set(key, { ...kept, sent: sent("", bytes), slot: false });
        cachedBytes += bytes.byteLength;
      }
    }
  });
}
