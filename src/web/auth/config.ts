/**
 * How sign-in behaves: what `createApp({ auth })` accepts, its defaults, and how `rungs serve` reads it from
 * the environment. Everything else about a session lives in the database, never in this process.
 */

import { CONTROL } from "../../core/fields.js";
import { withoutTrailingSlashes } from "../../core/text.js";
import { type MailConfig, mailConfigFromEnv, mailConfigProblem } from "../../services/mail.js";
import type { Store } from "../../store/store.js";
import type { Clock } from "../../store/types.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * Growing waits between failed sign-ins to one account from one client address: the first `free` tries go
 * through at once, then each must wait twice as long as the one before, from `firstWaitMs` up to
 * `maxWaitMs`. A successful sign-in, or `forgetAfterMs` without a try, starts afresh.
 */
export interface ClientThrottle {
  free: number;
  firstWaitMs: number;
  maxWaitMs: number;
  forgetAfterMs: number;
}

/** What `createApp({ auth })` accepts; every field has a default. */
export interface AuthOptions {
  /** Framework pages and the API need a session (`RUNGS_REQUIRE_LOGIN=1`). Default: public. */
  requireLogin?: boolean;
  /**
   * Believe X-Forwarded-Proto / X-Forwarded-Host / X-Forwarded-For from a reverse proxy in front
   * (`RUNGS_TRUST_PROXY=1`). Only set it when a proxy that overwrites those headers is the only way in.
   */
  trustProxy?: boolean;
  /** A session lapses after this long without a request (`RUNGS_SESSION_IDLE_HOURS`, default 8 h). */
  idleMs?: number;
  /** A session ends this long after sign-in whatever happens (`RUNGS_SESSION_MAX_DAYS`, default 30 days). */
  absoluteMs?: number;
  /**
   * The address people reach the app at, e.g. `https://rungs.example.com` (`RUNGS_PUBLIC_URL`): used in the
   * links the app hands out (password reset) and accepted as an origin for forms. Default: the request's.
   */
  publicUrl?: string;
  /**
   * Password checks per account from every client together (default 50 per 15 minutes): the ceiling against
   * guessing spread over many addresses. Tries refused by the per-client waits do not count.
   */
  signInPerAccount?: RateLimit;
  /** Failed sign-ins per account from one client address: growing waits (default 5 free, then 1 s doubling to 15 minutes). */
  signInPerClient?: ClientThrottle;
  /** Sign-in attempts per client address, whatever the account, and single sign-on starts (default 50 per 15 minutes each). */
  signInPerAddress?: RateLimit;
  /** Single sign-on with an OpenID Connect provider, offered beside the password form. Default: none. */
  oidc?: OidcOptions;
  /** The SMTP server invitations are mailed through (`RUNGS_SMTP_URL`, `RUNGS_MAIL_FROM`). Default: none, links to pass on. */
  mail?: MailConfig;
  /** How long an invitation link works (`RUNGS_INVITE_DAYS`, default 7 days). */
  inviteTtlMs?: number;
}

/** An OpenID Connect provider to sign in with (see docs/operations.md, "Single sign-on"). */
export interface OidcOptions {
  /**
   * The provider's issuer identifier, exactly as its discovery document states it (`RUNGS_OIDC_ISSUER`):
   * https, or http on localhost only (a provider running on the same machine, as in tests).
   */
  issuer: string;
  /** The client id the provider gave rungs (`RUNGS_OIDC_CLIENT_ID`). */
  clientId: string;
  /** The client secret the provider gave rungs (`RUNGS_OIDC_CLIENT_SECRET`). Never logged or shown. */
  clientSecret: string;
  /**
   * Add a person the first time someone with a verified email that matches nobody signs in
   * (`RUNGS_OIDC_AUTO_CREATE=1`). Default: off, and such a sign-in is refused.
   */
  autoCreate?: boolean;
  /** The provider's name on the sign-in page, "Sign in with <label>" (`RUNGS_OIDC_NAME`). */
  label?: string;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  autoCreate: boolean;
  label: string;
}

export interface AuthConfig {
  requireLogin: boolean;
  trustProxy: boolean;
  idleMs: number;
  absoluteMs: number;
  publicUrl: string | undefined;
  signInPerAccount: RateLimit;
  signInPerClient: ClientThrottle;
  signInPerAddress: RateLimit;
  /** Tries at the current password when changing it, per person (a stolen session must not guess it). */
  passwordChangePerPerson: RateLimit;
  oidc: OidcConfig | undefined;
  mail: MailConfig | undefined;
  inviteTtlMs: number;
}

/** What the auth routes and middleware work with: the store, the clock, and the settings. */
export interface AuthRuntime {
  store: Store;
  clock: Clock;
  config: AuthConfig;
}

export const SETUP_LINK_TTL_MS = 30 * MINUTE;
export const RESET_LINK_TTL_MS = HOUR;
/** How long a single sign-on round trip to the provider may take (the login there included). */
export const OIDC_STATE_TTL_MS = 10 * MINUTE;
export const OIDC_DEFAULT_LABEL = "single sign-on";
const OIDC_LABEL_MAX = 60;

export const DEFAULT_AUTH: AuthConfig = {
  requireLogin: false,
  trustProxy: false,
  idleMs: 8 * HOUR,
  absoluteMs: 30 * DAY,
  publicUrl: undefined,
  signInPerAccount: { limit: 50, windowMs: 15 * MINUTE },
  signInPerClient: { free: 5, firstWaitMs: 1_000, maxWaitMs: 15 * MINUTE, forgetAfterMs: DAY },
  signInPerAddress: { limit: 50, windowMs: 15 * MINUTE },
  passwordChangePerPerson: { limit: 10, windowMs: 15 * MINUTE },
  oidc: undefined,
  mail: undefined,
  inviteTtlMs: 7 * DAY,
};

/**
 * Whether an issuer is http on this machine. Only such an issuer may be spoken to without TLS: anywhere
 * else, plain http would hand the client secret and the tokens to anyone on the path.
 */
export function isLocalHttpIssuer(issuer: string): boolean {
  try {
    const url = new URL(issuer);
    return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

/** What is wrong with an issuer identifier, if anything. */
function issuerProblem(issuer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return "must be an https address (http only for localhost)";
  }
  if (url.search !== "" || url.hash !== "") return "must not have a query or fragment";
  if (url.protocol === "https:" || isLocalHttpIssuer(issuer)) return undefined;
  return "must be an https address (http only for localhost)";
}

function resolveOidc(options: OidcOptions | undefined): OidcConfig | undefined {
  if (!options) return undefined;
  const problem = issuerProblem(options.issuer);
  if (problem) throw new RangeError(`auth oidc.issuer ${problem}`);
  if (!options.clientId) throw new RangeError("auth oidc.clientId is required");
  if (!options.clientSecret) throw new RangeError("auth oidc.clientSecret is required");
  const label = options.label?.trim() || OIDC_DEFAULT_LABEL;
  if (label.length > OIDC_LABEL_MAX || CONTROL.test(label))
    throw new RangeError(`auth oidc.label must be one line of at most ${OIDC_LABEL_MAX} characters`);
  return {
    issuer: options.issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    autoCreate: options.autoCreate ?? false,
    label,
  };
}

export function resolveAuthConfig(options: AuthOptions = {}): AuthConfig {
  const config: AuthConfig = {
    ...DEFAULT_AUTH,
    requireLogin: options.requireLogin ?? DEFAULT_AUTH.requireLogin,
    trustProxy: options.trustProxy ?? DEFAULT_AUTH.trustProxy,
    idleMs: options.idleMs ?? DEFAULT_AUTH.idleMs,
    absoluteMs: options.absoluteMs ?? DEFAULT_AUTH.absoluteMs,
    publicUrl: (options.publicUrl && withoutTrailingSlashes(options.publicUrl)) || undefined,
    signInPerAccount: options.signInPerAccount ?? DEFAULT_AUTH.signInPerAccount,
    signInPerClient: options.signInPerClient ?? DEFAULT_AUTH.signInPerClient,
    signInPerAddress: options.signInPerAddress ?? DEFAULT_AUTH.signInPerAddress,
    oidc: resolveOidc(options.oidc),
    mail: options.mail,
    inviteTtlMs: options.inviteTtlMs ?? DEFAULT_AUTH.inviteTtlMs,
  };
  const mailProblem = config.mail && mailConfigProblem(config.mail);
  if (mailProblem) throw new RangeError(`auth mail: ${mailProblem}`);
  for (const [name, value] of [
    ["idleMs", config.idleMs],
    ["absoluteMs", config.absoluteMs],
    ["inviteTtlMs", config.inviteTtlMs],
  ] as const) {
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new RangeError(`auth ${name} must be a positive integer`);
  }
  return config;
}

/**
 * The auth settings of `rungs serve` from its environment: RUNGS_REQUIRE_LOGIN, RUNGS_TRUST_PROXY (1/true/yes
 * or 0/false/no), RUNGS_SESSION_IDLE_HOURS, RUNGS_SESSION_MAX_DAYS (positive numbers), RUNGS_PUBLIC_URL, and
 * single sign-on: RUNGS_OIDC_ISSUER, RUNGS_OIDC_CLIENT_ID, RUNGS_OIDC_CLIENT_SECRET (all three or none),
 * RUNGS_OIDC_AUTO_CREATE, RUNGS_OIDC_NAME; invitations: RUNGS_SMTP_URL and RUNGS_MAIL_FROM (both or
 * neither), RUNGS_INVITE_DAYS. A bad value is a problem to report, not a default to fall back on silently.
 */
export function authOptionsFromEnv(env: NodeJS.ProcessEnv): { options: AuthOptions; problems: string[] } {
  const problems: string[] = [];
  const options: AuthOptions = {};
  const flag = (name: string): boolean | undefined => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === "") return undefined;
    if (["1", "true", "yes", "on"].includes(raw)) return true;
    if (["0", "false", "no", "off"].includes(raw)) return false;
    problems.push(`${name} must be 1 or 0, not "${env[name]}"`);
    return undefined;
  };
  const duration = (name: string, unitMs: number, unit: string): number | undefined => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") return undefined;
    const value = Number(raw);
    const ms = Math.round(value * unitMs);
    if (!Number.isFinite(value) || value <= 0 || !Number.isSafeInteger(ms) || ms < MINUTE) {
      problems.push(`${name} must be a positive number of ${unit} (at least one minute), not "${raw}"`);
      return undefined;
    }
    return ms;
  };
  const requireLogin = flag("RUNGS_REQUIRE_LOGIN");
  if (requireLogin !== undefined) options.requireLogin = requireLogin;
  const trustProxy = flag("RUNGS_TRUST_PROXY");
  if (trustProxy !== undefined) options.trustProxy = trustProxy;
  const idleMs = duration("RUNGS_SESSION_IDLE_HOURS", HOUR, "hours");
  if (idleMs !== undefined) options.idleMs = idleMs;
  const absoluteMs = duration("RUNGS_SESSION_MAX_DAYS", DAY, "days");
  if (absoluteMs !== undefined) options.absoluteMs = absoluteMs;
  const publicUrl = env.RUNGS_PUBLIC_URL?.trim();
  if (publicUrl) {
    let url: URL | undefined;
    try {
      url = new URL(publicUrl);
    } catch {
      url = undefined;
    }
    const ok = url && (url.protocol === "http:" || url.protocol === "https:") && !url.search && !url.hash;
    if (!ok)
      problems.push(
        `RUNGS_PUBLIC_URL must be an http(s) address such as https://rungs.example.com, not "${publicUrl}"`,
      );
    // every page links from the root (/assets/…, /frameworks/…): under a path they would all miss
    else if (url?.pathname !== "/")
      problems.push(
        `RUNGS_PUBLIC_URL must be the root of an address: rungs is served at / (give it a host name of its own, such as https://rungs.example.com), not under "${url?.pathname}" of "${publicUrl}"`,
      );
    else options.publicUrl = publicUrl;
  }
  const oidc = oidcFromEnv(env, flag, problems);
  if (oidc) options.oidc = oidc;
  const mail = mailConfigFromEnv(env, problems);
  if (mail) options.mail = mail;
  const inviteTtlMs = duration("RUNGS_INVITE_DAYS", DAY, "days");
  if (inviteTtlMs !== undefined) options.inviteTtlMs = inviteTtlMs;
  return { options, problems };
}

const OIDC_REQUIRED = ["RUNGS_OIDC_ISSUER", "RUNGS_OIDC_CLIENT_ID", "RUNGS_OIDC_CLIENT_SECRET"] as const;

/** Single sign-on settings: all of issuer, client id and secret, or none of them (a partial set is a problem). */
function oidcFromEnv(
  env: NodeJS.ProcessEnv,
  flag: (name: string) => boolean | undefined,
  problems: string[],
): OidcOptions | undefined {
  const issuer = env.RUNGS_OIDC_ISSUER?.trim() ?? "";
  const clientId = env.RUNGS_OIDC_CLIENT_ID?.trim() ?? "";
  const clientSecret = env.RUNGS_OIDC_CLIENT_SECRET?.trim() ?? "";
  const autoCreate = flag("RUNGS_OIDC_AUTO_CREATE");
  const label = env.RUNGS_OIDC_NAME?.trim() ?? "";
  if (!issuer && !clientId && !clientSecret) {
    for (const [name, set] of [
      ["RUNGS_OIDC_AUTO_CREATE", autoCreate !== undefined],
      ["RUNGS_OIDC_NAME", label !== ""],
    ] as const) {
      if (set) problems.push(`${name} is set but single sign-on is not: set ${OIDC_REQUIRED.join(", ")}`);
    }
    return undefined;
  }
  const missing = OIDC_REQUIRED.filter((name) => !env[name]?.trim());
  if (missing.length) {
    problems.push(
      `single sign-on needs ${OIDC_REQUIRED.join(", ")} together; ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} missing`,
    );
  }
  const problem = issuer ? issuerProblem(issuer) : undefined;
  if (problem) problems.push(`RUNGS_OIDC_ISSUER ${problem}, not "${issuer}"`);
  const badLabel = label.length > OIDC_LABEL_MAX || CONTROL.test(label);
  if (badLabel) problems.push(`RUNGS_OIDC_NAME must be one line of at most ${OIDC_LABEL_MAX} characters`);
  if (missing.length || problem || badLabel) return undefined;
  return {
    issuer,
    clientId,
    clientSecret,
    ...(autoCreate !== undefined ? { autoCreate } : {}),
    ...(label ? { label } : {}),
  };
}
