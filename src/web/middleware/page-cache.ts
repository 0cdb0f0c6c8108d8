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
 * A page kept: its shell (account slot unfilled), or for other answers their bytes; and the bytes last sent
 * with the account part that filled them. Everyone who is not signed in gets the same account part, so
 * their answers are encoded and hashed once, not per request.
 */
type Cached = { headers: [string, string][]; status: number } & (
  | {
      shell: string;
      /** Whether the shell has the account slot (looked for once, not in every request's 100 KB). */
      slot: boolean;
      sent?: Sent;
    }
  | { shell?: undefined; sent: Sent }
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
      let out = hit.sent;
      if (hit.shell !== undefined) {
        const nav = hit.slot ? accountNav(c) : "";
        if (out?.nav !== nav) {
          const bytes = encoder.encode(fillAccount(c, hit.shell, nav));
          if (out === undefined) cachedBytes += bytes.byteLength;
          out = sent(nav, bytes);
          hit.sent = out;
        }
      }
      if (out === undefined) throw new Error(`the page cache kept ${key} without its bytes`);
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
      if (shell !== undefined) {
        cache.set(key, { ...kept, shell, slot: shell.includes(ACCOUNT_SLOT) });
        cachedBytes += shell.length * 2;
      } else {
        const bytes = new Uint8Array(await c.res.clone().arrayBuffer());
        cache.set(key, { ...kept, sent: sent("", bytes) });
        cachedBytes += bytes.byteLength;
      }
    }
  });
}
