/**
 * Framework content is immutable per version: pages are rendered once per version and served from memory,
 * to everyone: the account part of the header is filled in per request (see components/html.tsx). Bounded
 * by bytes: query strings (search, filters) make the number of distinct pages open-ended. Requests that miss
 * the same page at once (64 after a change, under load) wait for one render rather than each rendering it.
 */
import { createHash } from "node:crypto";
import type { FrameworkRegistry } from "../../load/registry.js";
import { accountNav } from "../components/html.js";
import type { App, AppContext } from "../context.js";
import { owned } from "./caching.js";

const CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Bytes as sent, and their hash, computed when first asked for (only shared answers are hashed): a page's as
 * it was written (`PageBytes.hash`, cheap where it reuses kept pieces), other bytes' from the bytes.
 */
type Sent = { nav: string; bytes: Uint8Array<ArrayBuffer>; hash: string };

function sent(
  nav: string,
  bytes: Uint8Array<ArrayBuffer>,
  hashOf = () => createHash("sha1").update(bytes).digest("base64url"),
): Sent {
  let hash: string | undefined;
  let made: (() => string) | undefined = hashOf;
  return {
    nav,
    bytes,
    get hash() {
      if (hash === undefined && made) {
        hash = made();
        // what it was made from is let go once it is
        made = undefined;
      }
      return hash as string;
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

/** `hit`'s bytes with this visitor's account part in its slot (spliced in when it differs from the last). */
function filled(c: AppContext, hit: Cached): Sent {
  if (!hit.slot) return hit.sent;
  const nav = accountNav(c);
  if (hit.sent.nav === nav) return hit.sent;
  const before = hit.sent.bytes;
  const part = Buffer.from(nav);
  const bytes = new Uint8Array(before.byteLength - hit.navBytes + part.byteLength);
  bytes.set(before.subarray(0, hit.navAt));
  bytes.set(part, hit.navAt);
  bytes.set(before.subarray(hit.navAt + hit.navBytes), hit.navAt + part.byteLength);
  hit.sent = sent(nav, bytes);
  hit.navBytes = part.byteLength;
  return hit.sent;
}

/** The answer as the page cache keeps it, or undefined for one it must not keep. */
async function keepable(c: AppContext): Promise<Cached | undefined> {
  // what a route marks private (people's data, forms with tokens) or that sets a cookie is never shared
  const personal =
    c.get("personal") === true ||
    c.res.headers.has("Set-Cookie") ||
    /private|no-store/.test(c.res.headers.get("Cache-Control") ?? "");
  if (c.res.status !== 200 || personal) return undefined;
  const kept = { headers: [...c.res.headers.entries()], status: c.res.status };
  const page = c.get("page");
  if (page?.slot) {
    const { at, length } = page.slot;
    return {
      ...kept,
      sent: sent(page.nav, owned(page.bytes), page.hash),
      slot: true,
      navAt: at,
      navBytes: length,
    };
  }
  if (page) return { ...kept, sent: sent("", owned(page.bytes), page.hash), slot: false };
  return { ...kept, sent: sent("", new Uint8Array(await c.res.clone().arrayBuffer())), slot: false };
}

/** Serves GET pages from memory once rendered, until the registry's version changes. */
export function cachePages(app: App, registry: FrameworkRegistry): void {
  const cache = new Map<string, Cached>();
  /** The renders under way, by key: a request that misses while one is made waits for it. */
  const rendering = new Map<string, Promise<void>>();
  let cachedBytes = 0;
  let cachedVersion = registry.version;
  const answer = (c: AppContext, hit: Cached) => {
    const out = filled(c, hit);
    c.set("sharedBody", out);
    // the bytes themselves: @hono/node-server's Response keeps them and writes them to the socket as they are
    c.res = new Response(out.bytes, { status: hit.status, headers: hit.headers });
  };
  app.use("*", async (c, next) => {
    if (c.req.method !== "GET" || c.req.path.startsWith("/assets/")) return next();
    const version = registry.version;
    if (cachedVersion !== version) {
      cache.clear();
      rendering.clear();
      cachedBytes = 0;
      cachedVersion = version;
    }
    // the whole URL: a page may name the host it was asked at (the CASE answers' URIs do)
    const key = c.req.url;
    const under = rendering.get(key);
    if (under) await under;
    const hit = cachedVersion === registry.version ? cache.get(key) : undefined;
    if (hit) return answer(c, hit);
    let done = () => {};
    const mine = under ? undefined : new Promise<void>((resolve) => (done = resolve));
    if (mine) rendering.set(key, mine);
    try {
      await next();
      // an answer rendered while the frameworks changed is of neither version
      const kept = version === registry.version && cachedBytes < CACHE_BYTES ? await keepable(c) : undefined;
      if (kept && version === cachedVersion) {
        cache.set(key, kept);
        cachedBytes += kept.sent.bytes.byteLength;
        c.set("sharedBody", kept.sent);
      }
    } finally {
      if (mine && rendering.get(key) === mine) rendering.delete(key);
      done();
    }
  });
}
