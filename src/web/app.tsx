/**
 * The web app: server-rendered pages that work without JavaScript, the same data as JSON under /api/, and
 * the assets they need, all from one Hono app (also rendered to a static site by `rungs build`).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Context, Hono } from "hono";
import { etag } from "hono/etag";
import type { JSX } from "hono/jsx/jsx-runtime";
import { secureHeaders } from "hono/secure-headers";
import type { FrameworkIndex } from "../core/model.js";
import type { FrameworkRegistry, LoadedFramework } from "../load/registry.js";
import type { Store } from "../store/store.js";
import { type Clock, systemClock } from "../store/types.js";
import { type AuthOptions, type AuthRuntime, resolveAuthConfig } from "./auth/config.js";
import { guardRequests, identifyViewer } from "./auth/middleware.js";
import { isHttps, type Viewer } from "./auth/session.js";
import { ErrorPage } from "./components/error-page.js";
import { ACCOUNT_SLOT, AccountContext, type AccountHeader, AccountNav } from "./components/page.js";
import { CONTENT_SECURITY_POLICY } from "./csp.js";
import { type Links, makeLinks, paths } from "./links.js";
import { DEFAULT_UPLOAD_LIMIT_BYTES, describeBytes, limitBodies } from "./middleware/body-limit.js";
import { registerRoutes } from "./routes/index.js";

export interface AppOptions {
  registry: FrameworkRegistry;
  /** Render links for a static site (relative, index.html) instead of a server. */
  staticSite?: boolean;
  /** Where the built assets are (default: dist/web/assets of this package). */
  assetsDir?: string;
  /**
   * People, sessions and the rest of the database (`createStore`). Without one the app is what it always
   * was: framework pages and the API, public, with no sign-in.
   */
  store?: Store;
  /** Where "now" comes from; pass the same clock the store was created with. */
  clock?: Clock;
  /** Sign-in settings (only with a store). */
  auth?: AuthOptions;
  /**
   * The most a request body may be on routes that declare `acceptsUpload`, for people signed in (default
   * 10 MiB; `rungs serve --upload-limit`). Every other body may be at most 64 KiB.
   */
  uploadLimitBytes?: number;
}

export type AppEnv = {
  Variables: {
    links: Links;
    /** Set when the app has a store. */
    auth: AuthRuntime | undefined;
    /** The signed-in person, when there is one. */
    viewer: Viewer | undefined;
    /** This response's pre-session CSRF secret (see auth/session.ts). */
    csrfSecret: string | undefined;
    /** The page as rendered, before its account header is filled in (what the page cache keeps). */
    pageShell: string | undefined;
    /** This response sets or clears the session cookie. */
    sessionCookieSet: boolean | undefined;
  };
};

export type App = Hono<AppEnv>;

/** What route modules get besides the Hono app. */
export interface RouteDeps {
  registry: FrameworkRegistry;
  staticSite: boolean;
  /** Present when the app has a store: routes about people register only then. */
  auth?: AuthRuntime;
}

/** Sent only over HTTPS (RFC 6797 §7.2: a browser ignores it over plain HTTP, and it must not be there). */
const HSTS = "max-age=15552000; includeSubDomains";

const DEFAULT_ASSETS = fileURLToPath(new URL("../../dist/web/assets/", import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
};

export function createApp(options: AppOptions): App {
  const { registry } = options;
  const staticSite = options.staticSite ?? false;
  const assetsDir = options.assetsDir ?? DEFAULT_ASSETS;
  const auth: AuthRuntime | undefined = options.store
    ? { store: options.store, clock: options.clock ?? systemClock, config: resolveAuthConfig(options.auth) }
    : undefined;
  if (!auth && options.auth?.requireLogin)
    throw new Error("requireLogin needs a store: nobody could sign in");
  const uploadLimitBytes = options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES;
  if (!Number.isSafeInteger(uploadLimitBytes) || uploadLimitBytes <= 0)
    throw new RangeError("uploadLimitBytes must be a positive integer");
  const app = new Hono<AppEnv>();

  // Headers only, on every answer (the 413 of the body limit too). Nothing before the body limit reads a body.
  app.use(
    secureHeaders({
      // set below, and only over HTTPS
      strictTransportSecurity: false,
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(async (c, next) => {
    c.set("links", makeLinks(c.req.path, staticSite));
    c.set("auth", auth);
    await next();
    if (isHttps(c)) c.res.headers.set("Strict-Transport-Security", HSTS);
  });
  if (auth) identifyViewer(app, auth);
  limitBodies(app, { uploadLimitBytes, tooLarge: (c, limit) => tooLarge(c, registry, staticSite, limit) });
  if (auth) guardRequests(app, auth);

  app.use("*", etag());
  app.use("*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) {
      c.res.headers.set("Cache-Control", "public, max-age=0, must-revalidate");
    }
  });

  // Framework content is immutable per version: pages are rendered once per version and served from memory,
  // to everyone: the account part of the header is filled in per request (see html()). Bounded by bytes:
  // query strings (search, filters) make the number of distinct pages open-ended.
  type Cached = { shell?: string; body?: ArrayBuffer; headers: [string, string][]; status: number };
  const cache = new Map<string, Cached>();
  const CACHE_BYTES = 64 * 1024 * 1024;
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

  app.get("/assets/:file{[a-z0-9][a-z0-9._-]*}", async (c) => {
    const file = c.req.param("file");
    const ext = file.slice(file.lastIndexOf("."));
    const type = CONTENT_TYPES[ext];
    if (!type) return c.notFound();
    try {
      const body = await readFile(join(assetsDir, file));
      return c.body(body, 200, { "Content-Type": type, "Cache-Control": "public, max-age=3600" });
    } catch {
      return c.notFound();
    }
  });

  // browsers ask for /favicon.ico on pages without a <link rel=icon> (the plain-text views)
  app.get("/favicon.ico", (c) => c.redirect("/assets/favicon.svg", 301));

  registerRoutes(app, auth ? { registry, staticSite, auth } : { registry, staticSite });

  app.notFound((c) => {
    if (c.req.path.startsWith("/api/")) return c.json({ error: "not found", path: c.req.path }, 404);
    return html(
      c,
      <ErrorPage
        links={c.get("links") ?? makeLinks(c.req.path, staticSite)}
        status={404}
        registry={registry}
      />,
      404,
    );
  });
  app.onError((error, c) => {
    console.error(`rungs: error serving ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    if (c.req.path.startsWith("/api/")) return c.json({ error: "internal error" }, 500);
    return html(
      c,
      <ErrorPage
        links={c.get("links") ?? makeLinks(c.req.path, staticSite)}
        status={500}
        registry={registry}
      />,
      500,
    );
  });
  return app;
}

/** 413: the body was over `limitBytes` (and was not read past it). */
function tooLarge(
  c: Context<AppEnv>,
  registry: FrameworkRegistry,
  staticSite: boolean,
  limitBytes: number,
): Response {
  const limit = describeBytes(limitBytes);
  if (c.req.path.startsWith("/api/"))
    return c.json({ error: `the request body is larger than ${limit}`, limitBytes }, 413);
  return html(
    c,
    <ErrorPage
      links={c.get("links") ?? makeLinks(c.req.path, staticSite)}
      status={413}
      registry={registry}
      what={limit}
    />,
    413,
  );
}

/**
 * A page as a Response. Pages are synchronous components, so rendering gives a string at once; keeping it
 * synchronous lets route helpers return either a page or data without awaiting.
 */
export function html(
  c: Context<AppEnv>,
  node: JSX.Element,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 500 | 503 = 200,
): Response {
  const accounts = Boolean(c.get("auth"));
  const shell = (
    accounts ? <AccountContext.Provider value={true}>{node}</AccountContext.Provider> : node
  ).toString();
  if (typeof shell !== "string") throw new Error("pages must render synchronously");
  c.set("pageShell", shell);
  return c.body(fillAccount(c, shell), status, { "Content-Type": "text/html; charset=utf-8" });
}

/** A page with the account part of its header filled in for this request's visitor. */
function fillAccount(c: Context<AppEnv>, shell: string): string {
  const at = shell.indexOf(ACCOUNT_SLOT);
  if (at < 0) return shell;
  const account = accountHeader(c);
  const nav = account ? String(<AccountNav links={c.get("links")} account={account} />) : "";
  return shell.slice(0, at) + nav + shell.slice(at + ACCOUNT_SLOT.length);
}

/** What the page header shows about signing in; nothing when the app has no store. */
function accountHeader(c: Context<AppEnv>): AccountHeader | undefined {
  if (!c.get("auth")) return undefined;
  const viewer = c.get("viewer");
  if (viewer) {
    return {
      signedIn: { name: viewer.person.name, csrfToken: viewer.csrfToken, organization: viewer.organization },
    };
  }
  const url = new URL(c.req.url);
  const onTheWayIn = /^\/(sign-in|setup\/|reset\/)/.test(url.pathname);
  return onTheWayIn ? {} : { signInHref: paths.signIn(`${url.pathname}${url.search}`) };
}

/** The framework named in the URL, or a response to send instead (404 for unknown ids, diagnostics for broken ones). */
export function frameworkOr(
  c: Context<AppEnv>,
  registry: FrameworkRegistry,
): { fw: LoadedFramework; index: FrameworkIndex } | Response {
  const id = c.req.param("fw") ?? "";
  const fw = registry.get(id);
  const api = c.req.path.startsWith("/api/");
  if (!fw) {
    if (api) return c.json({ error: `no framework "${id}"` }, 404);
    return html(
      c,
      <ErrorPage links={c.get("links")} status={404} registry={registry} what={`framework "${id}"`} />,
      404,
    );
  }
  if (!fw.ok || !fw.index) {
    if (api) return c.json({ error: `framework "${id}" has errors`, diagnostics: fw.diagnostics }, 503);
    return c.redirect(`/frameworks/${fw.id}/diagnostics/`, 302);
  }
  return { fw, index: fw.index };
}

/** A 404 for an unknown id inside a known framework (a level, an area, a role…). */
export function notFound(c: Context<AppEnv>, registry: FrameworkRegistry, what: string): Response {
  if (c.req.path.startsWith("/api/")) return c.json({ error: `no ${what}` }, 404);
  return html(c, <ErrorPage links={c.get("links")} status={404} registry={registry} what={what} />, 404);
}
