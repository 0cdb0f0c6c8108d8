/**
 * The session cookie, the CSRF tokens derived from it, and what a request says about its sender (scheme,
 * origin, address) — read once here so every route agrees, with or without a reverse proxy in front.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../context.js";
import { paths } from "../links.js";
import type { AuthConfig } from "./config.js";
import { type Actor, ANONYMOUS, personActor } from "./policy.js";

export const SESSION_COOKIE = "rungs_session";
/** A random value for visitors without a session, so the sign-in, setup and reset forms carry a token too. */
export const CSRF_COOKIE = "rungs_csrf";
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

/**
 * A CSRF token is an HMAC of the secret in the browser's cookie: nothing to store anywhere (any app process
 * computes the same), unguessable without the HttpOnly cookie, and it does not reveal the cookie.
 */
export function csrfTokenFor(secret: string): string {
  return createHmac("sha256", secret).update("rungs csrf token v1").digest("base64url");
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token the forms of this response carry: the session's, or for visitors the pre-session cookie's (set here if new). */
export function formToken(c: Context<AppEnv>): string {
  const viewer = c.get("viewer");
  if (viewer) return viewer.csrfToken;
  let secret = c.get("csrfSecret") ?? getCookie(c, CSRF_COOKIE);
  if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
    secret = randomBytes(32).toString("base64url");
    setCookie(c, CSRF_COOKIE, secret, { ...cookieBase(c), maxAge: 24 * 60 * 60 });
  }
  c.set("csrfSecret", secret);
  return csrfTokenFor(secret);
}

/** The token a state-changing request must carry, or undefined when it cannot carry a valid one. */
export function expectedToken(c: Context<AppEnv>): string | undefined {
  const viewer = c.get("viewer");
  if (viewer) return viewer.csrfToken;
  const secret = getCookie(c, CSRF_COOKIE);
  return secret ? csrfTokenFor(secret) : undefined;
}

function config(c: Context<AppEnv>): AuthConfig {
  const auth = c.get("auth");
  if (!auth) throw new Error("auth used without a store");
  return auth.config;
}

/**
 * Whether the browser reached us over HTTPS: directly, or at the proxy in front when the operator declared
 * it trusted (`--trust-proxy`, RUNGS_TRUST_PROXY). Decides both Secure cookies and HSTS. Without a store
 * (no sign-in) no proxy is trusted.
 */
export function isHttps(
  c: Context<AppEnv>,
  trustProxy: boolean = c.get("auth")?.config.trustProxy ?? false,
): boolean {
  // the URL as given is absolute and its scheme lower case: no need to parse it
  return viaHttps(c.req.url.startsWith("https:"), (name) => c.req.header(name), trustProxy);
}

/**
 * Whether a request came over HTTPS: the scheme it arrived with or, behind a proxy we trust, the one its
 * X-Forwarded-Proto names. `header` takes a lower-case name (the node:http server's look-up takes no other).
 */
export function viaHttps(
  https: boolean,
  header: (name: string) => string | undefined,
  trustProxy: boolean,
): boolean {
  if (trustProxy) {
    const proto = header("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
    if (proto) return proto === "https";
  }
  return https;
}

/** scheme://host[:port] as the browser sees this app: what its Origin header says for our own forms. */
export function requestOrigin(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  if (config(c).trustProxy) {
    const host = c.req.header("x-forwarded-host")?.split(",")[0]?.trim() || url.host;
    return `${isHttps(c) ? "https" : "http"}://${host}`;
  }
  return url.origin;
}

/** Origins whose forms we accept: our own as requested, and the configured public address. */
export function allowedOrigins(c: Context<AppEnv>): string[] {
  const origins = [requestOrigin(c)];
  const publicUrl = config(c).publicUrl;
  if (publicUrl) origins.push(new URL(publicUrl).origin);
  return origins;
}

/** Where links handed out (password reset) point: the configured public address, else this request's origin. */
export function publicBase(c: Context<AppEnv>): string {
  return config(c).publicUrl ?? requestOrigin(c);
}

/**
 * The client's address, for per-address rate limits and the sessions list. Behind a trusted proxy, the
 * last X-Forwarded-For entry: the one our proxy appended (entries before it are whatever the client sent).
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (config(c).trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").pop()?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests and other non-socket callers
    return "unknown";
  }
}

function cookieBase(c: Context<AppEnv>) {
  return { path: "/", httpOnly: true, sameSite: "Lax" as const, secure: isHttps(c) };
}

/** Hands the browser a new session token, kept until the session's absolute expiry. */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date, now: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  setCookie(c, SESSION_COOKIE, token, { ...cookieBase(c), maxAge });
  c.set("sessionCookieSet", true);
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, cookieBase(c));
  c.set("sessionCookieSet", true);
}

/** The request's actor for the policy. */
export function actorOf(c: Context<AppEnv>): Actor {
  // whatever is answered after asking is for this viewer only (a 200 to one person must never be kept and
  // sent to the next, who may not be signed in at all): one mark here, not a header each route must recall
  c.set("personal", true);
  const viewer = c.get("viewer");
  const auth = c.get("auth");
  if (!viewer || !auth) return ANONYMOUS;
  return personActor(viewer.person, (managerId, personId) => auth.store.people.manages(managerId, personId));
}

/**
 * A local path to return to after signing in: only paths on this site (never `//host` or `/\host`, which
 * browsers treat as other sites), else the home page.
 */
export function safeNext(raw: unknown): string {
  if (typeof raw !== "string" || raw.length > 2_000) return paths.home();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not pass
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\") || /[\u0000-\u001f\\]/.test(raw))
    return paths.home();
  return raw;
}

/** The sign-in page, coming back to this page afterwards (for GET requests: a POST cannot be repeated). */
export function signInRedirect(c: Context<AppEnv>): Response {
  const url = new URL(c.req.url);
  const next = c.req.method === "GET" || c.req.method === "HEAD" ? `${url.pathname}${url.search}` : undefined;
  return c.redirect(paths.signIn(next), c.req.method === "GET" || c.req.method === "HEAD" ? 302 : 303);
}

/**
 * Signs a person in on this browser: always a brand-new session with a new token (rotation), so a session
 * cookie planted or seen before sign-in is never the one that ends up signed in. A session the browser
 * already had is ended.
 */
export async function startSession(c: Context<AppEnv>, personId: string): Promise<void> {
  const auth = c.get("auth");
  if (!auth) throw new Error("auth used without a store");
  const previous = c.get("viewer")?.session.id;
  if (previous) await auth.store.sessions.revoke(previous);
  const { token, session } = await auth.store.sessions.create(
    personId,
    { userAgent: c.req.header("user-agent") ?? null, ip: clientAddress(c) },
    { idleMs: auth.config.idleMs, absoluteMs: auth.config.absoluteMs },
  );
  setSessionCookie(c, token, session.expiresAt, auth.clock.now());
}
