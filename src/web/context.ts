/**
 * The typed request context every route, middleware and page helper shares: what the app puts on each
 * request (`c.get(...)`) and what route modules receive when they register. Nothing here imports a route,
 * a page or the app factory, so anything in web/ may import it without closing a cycle.
 */
import type { Socket } from "node:net";
import type { Context, Hono } from "hono";
import type { FrameworkVersion } from "../core/version.js";
import type { FrameworkRegistry } from "../load/registry.js";
import type { Person, Session } from "../store/types.js";
import type { AuthRuntime } from "./auth/config.js";
import type { Links } from "./links.js";

/** The signed-in person of this request, with their session. */
export interface Viewer {
  person: Person;
  session: Session;
  /** The session cookie's token (only ever in the cookie and here: the database has its hash). */
  token: string;
  /** This session's synchronizer token for forms (hidden field) and fetch (X-CSRF-Token header). */
  csrfToken: string;
  /** The organization's name from the settings, for the page header. */
  organization?: string | undefined;
  /** Set when a personal API token (auth/api-token.ts), not a session cookie, identifies the person. */
  apiToken?: { id: string; name: string };
}

/** A page as bytes (components/html.tsx), with where the account part of its header sits in them. */
export interface PageBytes {
  bytes: Uint8Array<ArrayBuffer>;
  /** The account part written into the slot (HTML). */
  nav: string;
  /** The slot's place in `bytes` and the length of what fills it, in bytes; none without a slot. */
  slot: { at: number; length: number } | undefined;
  /** The hash of the page as written (see components/html.tsx): its ETag while its bytes are these. */
  hash: () => string;
}

export type AppEnv = {
  Variables: {
    links: Links;
    /** "json" on routes that answer JSON (/api/*): how problems are answered (middleware/errors.tsx). */
    answers: "json" | undefined;
    /** The frameworks this app serves (the same registry the routes were registered with). */
    registry: FrameworkRegistry;
    /** Set when the app has a store. */
    auth: AuthRuntime | undefined;
    /** The signed-in person, when there is one. */
    viewer: Viewer | undefined;
    /** This response's pre-session CSRF secret (see auth/session.ts). */
    csrfSecret: string | undefined;
    /** The page `html()` made, as bytes, with where its account header is (what the page cache keeps). */
    page: PageBytes | undefined;
    /** A cached page's bytes as sent and their hash, so validators and compression need not read or hash them. */
    sharedBody: { bytes: Uint8Array<ArrayBuffer>; hash: string } | undefined;
    /**
     * Set when the answer was made after asking who the viewer is (auth/session.ts `actorOf`): it depends on
     * them, so the page cache never keeps it, whatever its headers say.
     */
    personal: boolean | undefined;
    /** This response sets or clears the session cookie. */
    sessionCookieSet: boolean | undefined;
    /** The version of the framework the URL names (set by `frameworkOr`), for the page footer. */
    frameworkVersion: FrameworkVersion | undefined;
  };
};

export type App = Hono<AppEnv>;
export type AppContext = Context<AppEnv>;

/** What route modules get besides the Hono app. */
export interface RouteDeps {
  registry: FrameworkRegistry;
  staticSite: boolean;
  /** Present when the app has a store: routes about people register only then. */
  auth?: AuthRuntime;
}

/**
 * The signed-in person, for code that runs only after the policy let someone in (a route that checked
 * `can(...)`): reaching it without one is a program fault, not a visitor's mistake.
 */
export function viewerOf(c: AppContext): Viewer {
  const viewer = c.get("viewer");
  if (!viewer) throw new Error(`${c.req.method} ${c.req.path} needs a signed-in viewer and has none`);
  return viewer;
}

/**
 * Runs `work` with the request's connection allowed to stay silent for up to `ms`, then with its idle time
 * as before. The server closes a socket silent for its idle time (server.ts, 30 s): a request that works
 * longer without sending (an import, bounded at 60 s) would leave the browser an empty answer instead of
 * the one the work ends with. Outside node:http (`app.request`, a static build) it only runs `work`.
 */
export async function whileWorking<T>(c: AppContext, ms: number, work: () => Promise<T>): Promise<T> {
  const socket = (c.env as { incoming?: { socket?: Socket } } | undefined)?.incoming?.socket;
  const idle = socket?.timeout;
  if (!socket || !idle || idle >= ms) return work();
  socket.setTimeout(ms);
  try {
    return await work();
  } finally {
    if (!socket.destroyed) socket.setTimeout(idle);
  }
}
