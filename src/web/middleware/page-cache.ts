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

/**
 * A page kept: its shell (account slot unfilled) or, for other answers, its bytes; and the bytes last sent
 * with the account part that filled them, with their hash. Everyone who is not signed in gets the same
 * account part, so their answers are encoded and hashed once, not per request.
 */
type Cached = {
  shell?: string;
  /** Whether the shell has the account slot (looked for once, not in every request's 100 KB). */
  slot?: boolean;
  body?: ArrayBuffer;
  headers: [string, string][];
  status: number;
  sent?: { nav: string; bytes: Uint8Array<ArrayBuffer>; hash: string };
};

const encoder = new TextEncoder();

/** Serves GET pages from memory once rendered, until the registry's version changes. */
export function cachePages(app: App, registry: FrameworkRegistry): void {
  const cache = new Map<string, Cached>();
  let cachedBytes = 0;
  let cachedVersion = registry.version;
  app.use("*", async (c, next) => {
    if (c.req.method !== "GET" || c.req.path.startsWith("/assets/")) return next();
    if (cachedVersion !== registry.version) {
      cache.clear();
      cachedBytes = 0;
      cachedVersion = registry.version;
    }
    const key = c.req.url.slice(c.req.url.indexOf("/", 8));
    const hit = cache.get(key);
    if (hit) {
      if (hit.shell === undefined) {
        c.res = new Response(hit.body ?? null, { status: hit.status, headers: hit.headers });
        return;
      }
      const nav = hit.slot ? accountNav(c) : "";
      if (hit.sent?.nav !== nav) {
        const bytes = encoder.encode(fillAccount(c, hit.shell, nav));
        if (hit.sent === undefined) cachedBytes += bytes.byteLength;
        // hashed when first asked for: only shared answers are (a signed-in visitor's page is not)
        let hash: string | undefined;
        hit.sent = {
          nav,
          bytes,
          get hash() {
            hash ??= createHash("sha1").update(bytes).digest("base64url");
            return hash;
          },
        };
      }
      c.set("sharedBody", hit.sent);
      // the bytes themselves: @hono/node-server's Response keeps them and writes them to the socket as they are
      c.res = new Response(hit.sent.bytes, { status: hit.status, headers: hit.headers });
      return;
    }
    await next();
    // what a route marks private (people's data, forms with tokens) or that sets a cookie is never shared
    const personal =
      c.res.headers.has("Set-Cookie") || /private|no-store/.test(c.res.headers.get("Cache-Control") ?? "");
    if (c.res.status === 200 && !personal && cachedBytes < CACHE_BYTES) {
      const shell = c.get("pageShell");
      const entry: Cached = { headers: [...c.res.headers.entries()], status: c.res.status };
      if (shell !== undefined) {
        entry.shell = shell;
        entry.slot = shell.includes(ACCOUNT_SLOT);
        cachedBytes += shell.length * 2;
      } else {
        entry.body = await c.res.clone().arrayBuffer();
        cachedBytes += entry.body.byteLength;
      }
      cache.set(key, entry);
    }
  });
}
