/**
 * Single sign-on with an OpenID Connect provider: the authorization code flow with PKCE and a nonce
 * (openid-client does the protocol and checks the ID token). People are matched by their verified email;
 * with autoCreate, someone the provider vouches for but rungs does not know yet is added.
 *
 * Starting is a GET, as links to a provider conventionally are: it changes nothing but adding a one-time
 * state row, and a forged start achieves nothing, because what the callback trusts is that state. The state
 * is a one-time token (only its hash is stored; used once; 10 minutes) whose payload keeps the nonce, the
 * PKCE verifier, where to go afterwards, and a fingerprint of the starting browser's CSRF token: a callback
 * URL carried to another browser (login CSRF: signing a victim into the attacker's account) is refused.
 * Starts are counted per client address like password attempts (each writes a state row), and HEAD, which
 * link checkers send freely, neither starts a round trip nor finishes one.
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type * as oidc from "openid-client";
import { jsonTooDeepAt } from "../../../core/json-depth.js";
import { checkName } from "../../../store/person-input.js";
import type { Store } from "../../../store/store.js";
import type { Person } from "../../../store/types.js";
import { isLocalHttpIssuer, OIDC_STATE_TTL_MS, type OidcConfig } from "../../auth/config.js";
import { NoticePage, tooManyAttempts } from "../../auth/pages.js";
import {
  expectedToken,
  formToken,
  publicBase,
  safeNext,
  sameToken,
  startSession,
} from "../../auth/session.js";
import { ssoStartWait } from "../../auth/throttle.js";
import { html } from "../../components/html.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";

/** What the state token carries through the round trip. */
interface StatePayload {
  nonce: string;
  verifier: string;
  next: string;
  /** SHA-256 of the starting browser's CSRF token. */
  browser: string;
}

/** How long one request to the provider may take before it counts as unreachable. */
const PROVIDER_TIMEOUT_SECONDS = 10;
/** At most this much of a provider's error text is shown (it is the provider's words, not ours). */
const PROVIDER_TEXT_MAX = 200;

function fingerprint(csrfToken: string): string {
  return createHash("sha256").update(csrfToken).digest("base64url");
}

function parsePayload(raw: string | null | undefined): StatePayload | undefined {
  // the cookie is the browser's to send: counted before JSON.parse, as every JSON read from outside is
  if (jsonTooDeepAt(raw ?? "") !== undefined) return undefined;
  try {
    const value = JSON.parse(raw ?? "") as Partial<StatePayload>;
    if (
      typeof value.nonce === "string" &&
      typeof value.verifier === "string" &&
      typeof value.next === "string" &&
      typeof value.browser === "string"
    )
      return {
        nonce: value.nonce,
        verifier: value.verifier,
        next: safeNext(value.next),
        browser: value.browser,
      };
  } catch {
    // not ours: treated as an unknown state
  }
  return undefined;
}

/** openid-client, imported on the first sign-in through the provider: a server without single sign-on never loads it. */
function openidClient(): Promise<typeof oidc> {
  return import("openid-client");
}

/**
 * The provider's metadata, discovered on first use and kept for the life of the process (no other process
 * needs it). A failed discovery is not kept: the next sign-in tries again.
 */
function providerConnection(settings: OidcConfig): () => Promise<oidc.Configuration> {
  let pending: Promise<oidc.Configuration> | undefined;
  const discover = async (): Promise<oidc.Configuration> => {
    const oidc = await openidClient();
    // http is refused by openid-client unless allowed; config.ts lets it through only for localhost
    const execute = isLocalHttpIssuer(settings.issuer) ? [oidc.allowInsecureRequests] : [];
    const found = await oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, undefined, {
      execute,
      timeout: PROVIDER_TIMEOUT_SECONDS,
    });
    // The client authenticates the way the provider says it supports: client_secret_basic when it lists it
    // or lists nothing (the OpenID Connect default), else client_secret_post.
    const methods = found.serverMetadata().token_endpoint_auth_methods_supported;
    const clientAuth =
      !methods || methods.includes("client_secret_basic") || !methods.includes("client_secret_post")
        ? oidc.ClientSecretBasic(settings.clientSecret)
        : oidc.ClientSecretPost(settings.clientSecret);
    const configuration = new oidc.Configuration(
      found.serverMetadata(),
      settings.clientId,
      settings.clientSecret,
      clientAuth,
    );
    for (const extension of execute) extension(configuration);
    configuration.timeout = PROVIDER_TIMEOUT_SECONDS;
    return configuration;
  };
  return () => {
    pending ??= discover().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/** Whether an error means the provider did not answer at all (refused, unknown host, timed out). */
function isUnreachable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    if (cause.name === "TimeoutError" || cause.name === "AbortError") return true;
    if (cause instanceof TypeError && cause.message === "fetch failed") return true;
  }
  return false;
}

/** One line for the operator's log: what failed, never a secret or a token. */
function logFailure(settings: OidcConfig, step: string, error: unknown): void {
  const detail =
    error instanceof Error
      ? [
          error.message,
          (error as { error?: unknown }).error,
          (error as { code?: unknown }).code,
          error.cause instanceof Error ? error.cause.message : undefined,
        ]
          .filter((part) => typeof part === "string" && part !== "")
          .join("; ")
      : String(error);
  console.error(`rungs: single sign-on with ${settings.issuer}: ${step} failed: ${detail}`);
}

function noStore(c: Context<AppEnv>): void {
  c.header("Cache-Control", "no-store");
}

/**
 * HEAD on the start or the callback (Hono answers HEAD with the GET route): a link checker or prefetcher
 * probing them must neither leave a state row behind nor use one up, so HEAD is refused before anything.
 */
function notForHead(c: Context<AppEnv>): Response {
  return c.body(null, 405, { Allow: "GET", "Cache-Control": "no-store" });
}

/** The way back: the sign-in page (password form and SSO button), returning to `next`. */
function signInLink(c: Context<AppEnv>, next: string) {
  return (
    <p>
      <a href={c.get("links").to(paths.signIn(next))}>Back to sign in</a>
    </p>
  );
}

function providerUnreachable(c: Context<AppEnv>, next: string): Response {
  noStore(c);
  return html(
    c,
    <NoticePage links={c.get("links")} title="The identity provider could not be reached">
      <p>
        rungs could not reach the identity provider to sign you in, so nothing happened. Try again in a
        minute. If you have a rungs password, you can sign in with it meanwhile.
      </p>
      {signInLink(c, next)}
    </NoticePage>,
    503,
  );
}

function signInFailed(c: Context<AppEnv>, next: string): Response {
  noStore(c);
  const page = html(
    c,
    <NoticePage links={c.get("links")} title="Single sign-on did not work">
      <p>
        The identity provider's answer could not be accepted, so you are not signed in. Start again; if it
        keeps happening, tell an admin (the server's log says what went wrong).
      </p>
      <p>
        <a href={c.get("links").to(paths.signInSso(next))}>Start again</a>
      </p>
      {signInLink(c, next)}
    </NoticePage>,
    503,
  );
  // 502: the provider answered, but not acceptably (html() only offers the statuses the other pages use)
  return new Response(page.body, { status: 502, headers: page.headers });
}

function stateUnusable(c: Context<AppEnv>): Response {
  noStore(c);
  return html(
    c,
    <NoticePage links={c.get("links")} title="This sign-in link has expired or was already used">
      <p>
        A single sign-on round trip works once, within 10 minutes, and only in the browser that started it.
        Nothing was changed. Start again.
      </p>
      <p>
        <a href={c.get("links").to(paths.signInSso())}>Start again</a>
      </p>
      {signInLink(c, paths.home())}
    </NoticePage>,
    400,
  );
}

/** Provider error codes that mean the person (or their session there) declined or could not sign in. */
const DECLINED = new Set([
  "access_denied",
  "login_required",
  "interaction_required",
  "consent_required",
  "account_selection_required",
]);

function providerRefused(c: Context<AppEnv>, code: string, description: string | null, next: string) {
  noStore(c);
  const status = DECLINED.has(code)
    ? 401
    : code === "temporarily_unavailable" || code === "server_error"
      ? 503
      : 400;
  return html(
    c,
    <NoticePage links={c.get("links")} title="The identity provider did not sign you in">
      <p>
        {"It answered "}
        <code>{code.slice(0, PROVIDER_TEXT_MAX)}</code>
        {description ? `: “${description.slice(0, PROVIDER_TEXT_MAX)}”` : "."}
      </p>
      <p>
        <a href={c.get("links").to(paths.signInSso(next))}>Try again</a>
      </p>
      {signInLink(c, next)}
    </NoticePage>,
    status,
  );
}

/** Signed in at the provider, but not someone rungs may let in. */
function noAccount(c: Context<AppEnv>, title: string, message: string): Response {
  noStore(c);
  return html(
    c,
    <NoticePage links={c.get("links")} title={title}>
      <p>{message}</p>
      {signInLink(c, paths.home())}
    </NoticePage>,
    403,
  );
}

/** The name of a person added on first sign-in: the provider's, else the email's local part. */
function nameFor(claims: Record<string, unknown>, email: string): string {
  const given = [claims.given_name, claims.family_name].filter((part) => typeof part === "string").join(" ");
  for (const candidate of [claims.name, given, email.slice(0, email.lastIndexOf("@"))]) {
    const checked = checkName(typeof candidate === "string" ? candidate.trim() : undefined);
    if (checked.value !== undefined) return checked.value;
  }
  return email;
}

export function ssoRoutes(app: App, { auth }: RouteDeps): void {
  const settings = auth?.config.oidc;
  if (!auth || !settings) return;
  const { store } = auth;
  const provider = providerConnection(settings);
  const redirectUri = (c: Context<AppEnv>) => `${publicBase(c)}${paths.signInSsoCallback()}`;

  app.get(paths.signInSso(), async (c) => {
    if (c.req.method === "HEAD") return notForHead(c);
    const wait = await ssoStartWait(auth, c);
    if (wait > 0) return tooManyAttempts(c, wait, "single sign-on starts");
    const next = safeNext(c.req.query("next"));
    let configuration: oidc.Configuration;
    try {
      configuration = await provider();
    } catch (error) {
      logFailure(settings, "discovery", error);
      return providerUnreachable(c, next);
    }
    const oidc = await openidClient();
    const verifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const payload: StatePayload = { nonce, verifier, next, browser: fingerprint(formToken(c)) };
    const state = await store.tokens.issue("oidc-state", {
      payload: JSON.stringify(payload),
      ttlMs: OIDC_STATE_TTL_MS,
    });
    const target = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri(c),
      scope: "openid email profile",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    noStore(c);
    return c.redirect(target.href, 302);
  });

  app.get(paths.signInSsoCallback(), async (c) => {
    if (c.req.method === "HEAD") return notForHead(c);
    const query = new URL(c.req.url).searchParams;
    const state = query.get("state") ?? "";
    const used = state ? await store.tokens.consume("oidc-state", state) : undefined;
    const payload = parsePayload(used?.payload);
    const browser = expectedToken(c);
    if (!payload || !browser || !sameToken(fingerprint(browser), payload.browser)) return stateUnusable(c);
    const { next } = payload;

    const error = query.get("error");
    if (error !== null) return providerRefused(c, error, query.get("error_description"), next);

    let configuration: oidc.Configuration;
    try {
      configuration = await provider();
    } catch (failure) {
      logFailure(settings, "discovery", failure);
      return providerUnreachable(c, next);
    }
    // the callback as the provider addressed it (behind a proxy, c.req.url is the inner address)
    const callback = new URL(redirectUri(c));
    for (const [key, value] of query) callback.searchParams.append(key, value);
    let claims: Record<string, unknown>;
    try {
      claims = await claimsOf(configuration, callback, payload, state);
    } catch (failure) {
      logFailure(settings, "the code exchange", failure);
      return isUnreachable(failure) ? providerUnreachable(c, next) : signInFailed(c, next);
    }

    const person = await personSigningIn(c, store, settings.autoCreate, claims);
    if (person instanceof Response) return person;
    await startSession(c, person.id);
    return c.redirect(next, 303);
  });
}

/** The provider's claims about who signed in: the ID token's, with the userinfo response's when the token has no email. */
async function claimsOf(
  configuration: oidc.Configuration,
  callback: URL,
  payload: StatePayload,
  state: string,
): Promise<Record<string, unknown>> {
  const oidc = await openidClient();
  const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
    pkceCodeVerifier: payload.verifier,
    expectedNonce: payload.nonce,
    expectedState: state,
    idTokenExpected: true,
  });
  const idToken = tokens.claims();
  if (!idToken) throw new Error("no ID token");
  let claims: Record<string, unknown> = { ...idToken };
  // some providers put the email only in the userinfo response, not in the ID token
  const hasEmail = typeof claims.email === "string" && claims.email_verified === true;
  if (!hasEmail && configuration.serverMetadata().userinfo_endpoint && tokens.access_token) {
    const info = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    claims = { ...claims, ...info, name: info.name ?? claims.name };
  }
  return claims;
}

/**
 * The active person the claims name (created on first sign-in when the settings say so), or the page that
 * says why they cannot sign in (no email, an unverified one, no active account).
 */
async function personSigningIn(
  c: Context<AppEnv>,
  store: Store,
  autoCreate: boolean,
  claims: Record<string, unknown>,
): Promise<Person | Response> {
  const email = typeof claims.email === "string" ? claims.email.trim() : "";
  if (!email) {
    return noAccount(
      c,
      "No email address from the identity provider",
      "The identity provider did not tell rungs your email address, and rungs knows people by it. Ask an admin to check the provider's settings (the email scope).",
    );
  }
  if (claims.email_verified !== true) {
    return noAccount(
      c,
      "Your email address is not verified",
      "The identity provider says your email address is not verified, so rungs cannot tell that it is yours. Verify it there, then sign in again.",
    );
  }

  let person: Person | undefined = await store.people.getByEmail(email);
  if (!person && autoCreate) {
    const created = await store.people.create({ name: nameFor(claims, email), email });
    // someone else's first sign-in with this email may have created them a moment ago
    person = created.ok ? created.value : await store.people.getByEmail(email);
  }
  // one answer for nobody and for a deactivated account, as on the password form
  if (!person?.active) {
    return noAccount(
      c,
      "No account for that email",
      `rungs has no active account for ${email}. Ask an admin to add you (with this email address) or to reactivate your account.`,
    );
  }
  return person;
}
