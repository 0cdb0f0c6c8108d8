/**
 * Personal API tokens on the way in: `Authorization: Bearer rungs_…` identifies its person on /api/ only,
 * acting with what the privacy policy lets that person see and do (policy.ts), no more. Elsewhere a token
 * is refused outright, so it can never stand in for a session on a page or a form (which carry CSRF
 * tokens), and a request with one carries no cookie a browser could have added on its own, which is why the
 * API needs no CSRF token with it. Wrong tokens count against the client's address as failed sign-ins do
 * (auth/throttle.ts): past the limit, every token from there waits.
 */
import type { Context } from "hono";
import type { AppEnv, Viewer } from "../context.js";
import { HttpProblem } from "../middleware/errors.js";
import type { AuthRuntime } from "./config.js";
import { clientAddress } from "./session.js";

/** Whether an Authorization header is a bearer's (another scheme, a proxy's Basic, is not rungs' to read). */
export const isBearer = (header: string | undefined): header is string => /^Bearer(\s|$)/i.test(header ?? "");

/** The token of an `Authorization: Bearer` header; undefined without one, "" when it is malformed. */
export function bearerToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header("authorization");
  if (!isBearer(header)) return undefined;
  return /^Bearer +(\S+) *$/i.exec(header)?.[1] ?? "";
}

/** What WWW-Authenticate says of a refused token (RFC 6750 §3). */
const challenge = (error: string) => `Bearer realm="rungs", error="${error}"`;

/**
 * The viewer a bearer token stands for, or the problem to answer: not on /api/, not a bearer, not a token
 * (deleted, revoked, its person gone), or too many wrong ones from this address.
 */
export async function tokenViewer(c: Context<AppEnv>, runtime: AuthRuntime, secret: string): Promise<Viewer> {
  if (!c.req.path.startsWith("/api/"))
    throw new HttpProblem(403, {
      detail: "API tokens are accepted on /api/ only; pages and forms need a signed-in browser",
    });
  const { rateLimits, apiTokens } = runtime.store;
  const { limit, windowMs } = runtime.config.signInPerAddress;
  const key = `api-token:address:${clientAddress(c)}`;
  const turn = await rateLimits.peek(key, limit, windowMs);
  if (!turn.allowed)
    throw new HttpProblem(429, {
      detail: "too many wrong API tokens from this address; try again later",
      headers: { "Retry-After": String(Math.ceil(turn.retryAfterMs / 1000)) },
    });
  const found = secret === "" ? undefined : await apiTokens.lookup(secret);
  if (!found) {
    await rateLimits.hit(key, limit, windowMs);
    const malformed = secret === "";
    throw new HttpProblem(401, {
      detail: malformed
        ? "the Authorization header must be `Bearer <token>`"
        : "this API token is not valid (revoked, mistyped, or its person has left)",
      headers: { "WWW-Authenticate": challenge(malformed ? "invalid_request" : "invalid_token") },
    });
  }
  const { person, token, organization } = found;
  const now = new Date();
  // no session stands behind a token: this one only names it (`api-token:<id>`), it signs nothing in
  const session = {
    id: `api-token:${token.id}`,
    personId: person.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now,
    idleMs: 0,
    userAgent: null,
    ip: null,
    revokedAt: null,
  };
  return { person, session, token: "", csrfToken: "", organization, apiToken: token };
}
