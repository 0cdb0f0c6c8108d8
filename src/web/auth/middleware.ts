/**
 * What runs before every route once the app has a store: who is asking (the session cookie), whether a
 * state-changing request really comes from our own page (CSRF), and, with RUNGS_REQUIRE_LOGIN=1, that
 * nobody anonymous gets past the sign-in page. Two steps, because the body limit goes between them: it
 * needs to know who is asking (only people signed in may upload), and the CSRF check may read the body.
 */
import { getCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { METHOD_NAME_ALL } from "hono/router";
import { parse } from "hono/utils/cookie";
import type { App } from "../context.js";
import type { SharedVariant } from "../middleware/caching.js";
import { HttpProblem, problem } from "../middleware/errors.js";
import { isBodyOf } from "../middleware/validate.js";
import { bearerToken, isBearer, tokenViewer } from "./api-token.js";
import type { AuthRuntime } from "./config.js";
import { csrfRejected } from "./pages.js";
import {
  allowedOrigins,
  CSRF_FIELD,
  CSRF_HEADER,
  clearSessionCookie,
  csrfTokenFor,
  expectedToken,
  SESSION_COOKIE,
  sameToken,
  signInRedirect,
  viaHttps,
} from "./session.js";

const SAFE_METHODS = /^(GET|HEAD|OPTIONS)$/;

/** Paths anyone may open with RUNGS_REQUIRE_LOGIN=1: the ways in, and what their pages load. */
function isOpenPath(path: string): boolean {
  return (
    path === "/sign-in" ||
    path.startsWith("/sign-in/") ||
    path === "/sign-out" ||
    path.startsWith("/setup/") ||
    path.startsWith("/reset/") ||
    path.startsWith("/assets/") ||
    path === "/favicon.ico"
  );
}

/** Who is asking: the session cookie's person, if any. Reads headers only, never the body. */
export function identifyViewer(app: App, runtime: AuthRuntime): void {
  const { store } = runtime;
  app.use(async (c, next) => {
    // stylesheets and scripts are the same for everyone: no database round trip for them
    if (c.req.path.startsWith("/assets/") || c.req.path === "/favicon.ico") return next();
    const token = getCookie(c, SESSION_COOKIE);
    const bearer = token ? undefined : bearerToken(c);
    if (bearer !== undefined) {
      // a script's token: identified here, never cached for anyone else (see anonymousVariant)
      try {
        c.set("viewer", await tokenViewer(c, runtime, bearer));
      } catch (error) {
        if (!(error instanceof HttpProblem)) throw error;
        c.set("answers", "json");
        return problem(c, error);
      }
      await next();
      c.res.headers.append("Vary", "Authorization");
      c.res.headers.set("Cache-Control", "private, no-store");
      return;
    }
    let stale = false;
    if (token) {
      // one query: the session, its person and the organization's name for the header
      const found = await store.sessions.lookup(token);
      if (found) c.set("viewer", { ...found, token, csrfToken: csrfTokenFor(token) });
      else stale = true;
    }
    await next();
    // a cookie for a session that has ended is only noise; drop it (unless this request set a new one)
    if (stale && !c.get("sessionCookieSet")) clearSessionCookie(c);
    c.res.headers.append("Vary", "Cookie");
    // The one place that keeps a signed-in answer from being shared (no route marks its own): an answer to a
    // session cookie, or one that hands over or ends a session, is for that browser only, whatever it is
    if (token || c.get("sessionCookieSet")) c.res.headers.set("Cache-Control", "private, no-store");
  });
}

/**
 * Which requests may get an answer kept whole (middleware/caching.ts): those identifyViewer treats as
 * anonymous, without a session cookie, told apart by scheme only (HSTS is sent over HTTPS alone).
 */
export function anonymousVariant(runtime: AuthRuntime | undefined): SharedVariant {
  const trustProxy = runtime?.config.trustProxy ?? false;
  return (req) => {
    const cookies = runtime ? req.header("cookie") : undefined;
    if (cookies && parse(cookies, SESSION_COOKIE)[SESSION_COOKIE]) return undefined;
    // an API token's answer is its person's: never one kept for everyone, nor served one
    if (runtime && isBearer(req.header("authorization"))) return undefined;
    return viaHttps(req.https, req.header, trustProxy) ? "https" : "http";
  };
}

const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Whether a route of the app (not middleware, which is registered for every method) answers `method` at `path`. */
function routeAnswers(app: App, method: string, path: string): boolean {
  return app.router.match(method, path)[0].some(([[, route]]) => route.method !== METHOD_NAME_ALL);
}

/** CSRF on every state-changing request, and RUNGS_REQUIRE_LOGIN. Install after the body limit. */
export function guardRequests(app: App, runtime: AuthRuntime): void {
  const { config } = runtime;
  // CSRF: the origin check (Hono's csrf(): Origin or Sec-Fetch-Site must be our own site), then the
  // synchronizer token (hidden field or X-CSRF-Token header) that only our own pages know.
  const originCheck = csrf({ origin: (origin, c) => allowedOrigins(c).includes(origin) });
  app.use(async (c, next) => {
    if (SAFE_METHODS.test(c.req.method)) return next();
    // a method no route answers where others do (PUT on a page, POST on a read): a 405 naming those, not a
    // refused CSRF token, which would send the asker to fetch one for a request that cannot succeed
    // (one router match for a request a route answers, the usual case; the others only when none does)
    const allowed = routeAnswers(app, c.req.method, c.req.path)
      ? []
      : ROUTE_METHODS.filter((method) => routeAnswers(app, method, c.req.path));
    if (allowed.length > 0)
      throw new HttpProblem(405, {
        detail: `${c.req.method.slice(0, 20)} is not answered here; ${allowed.join(", ")} is`,
        headers: { Allow: [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : [])].join(", ") },
      });
    // an API token (on /api/ only, see api-token.ts) comes with no cookie a browser adds by itself
    if (c.get("viewer")?.apiToken) return next();
    try {
      await originCheck(c, async () => {});
    } catch (error) {
      if (error instanceof HTTPException && error.status === 403) return csrfRejected(c, "origin");
      throw error;
    }
    // signing out without a live session changes nothing but clearing cookies: let an expired page do it
    if (c.req.path === "/sign-out" && !c.get("viewer")) return next();
    const expected = expectedToken(c);
    let given = c.req.header(CSRF_HEADER);
    // without its cookie no token can be right: refuse before reading a byte of the body
    if (!expected) return csrfRejected(c, given ? "wrong" : "missing");
    if (given === undefined && isBodyOf("form", c.req.header("content-type"))) {
      try {
        const field = (await c.req.parseBody())[CSRF_FIELD];
        if (typeof field === "string") given = field;
      } catch {
        // an unparsable body carries no token
      }
    }
    if (!given || !sameToken(expected, given)) return csrfRejected(c, given ? "wrong" : "missing");
    await next();
  });

  if (config.requireLogin) {
    app.use(async (c, next) => {
      if (c.get("viewer") || isOpenPath(c.req.path)) return next();
      return problem(
        c,
        new HttpProblem(401, {
          detail: "sign in required",
          headers: { "Cache-Control": "no-store" },
          page: signInRedirect,
        }),
      );
    });
  }
}
