/**
 * Framework content is immutable per version: pages are rendered once per version and served from memory,
 * to everyone: the account part of the header is filled in per request (see components/html.tsx). Bounded
 * by bytes: query strings (search, filters) make the number of distinct pages open-ended.
 */
import type { FrameworkRegistry } from "../../load/registry.js";
import { fillAccount } from "../components/html.js";
import type { App } from "../context.js";

const CACHE_BYTES = 64 * 1024 * 1024;

type Cached = { shell?: string; body?: ArrayBuffer; headers: [string, string][]; status: number };

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
      const body = hit.shell !== undefined ? fillAccount(c, hit.shell) : (hit.body ?? null);
      c.res = new Response(body, { status: hit.status, headers: hit.headers });
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
        cachedBytes += shell.length * 2;
      } else {
        entry.body = await c.res.clone().arrayBuffer();
        cachedBytes += entry.body.byteLength;
      }
      cache.set(key, entry);
    }
  });
}
