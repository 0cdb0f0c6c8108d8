/**
 * How sign-in behaves: what `createApp({ auth })` accepts, its defaults, and how `rungs serve` reads it from
 * the environment. Everything else about a session lives in the database, never in this process.
 */
import type { Store } from "../../store/store.js";
import type { Clock } from "../../store/types.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface RateLimit {
  limit: number;
  windowMs: number;
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
  /** Sign-in attempts per email address (default 10 per 15 minutes). */
  signInPerAccount?: RateLimit;
  /** Sign-in attempts per client address (default 50 per 15 minutes). */
  signInPerAddress?: RateLimit;
}

export interface AuthConfig {
  requireLogin: boolean;
  trustProxy: boolean;
  idleMs: number;
  absoluteMs: number;
  publicUrl: string | undefined;
  signInPerAccount: RateLimit;
  signInPerAddress: RateLimit;
  /** Tries at the current password when changing it, per person (a stolen session must not guess it). */
  passwordChangePerPerson: RateLimit;
}

/** What the auth routes and middleware work with: the store, the clock, and the settings. */
export interface AuthRuntime {
  store: Store;
  clock: Clock;
  config: AuthConfig;
}

export const SETUP_LINK_TTL_MS = 30 * MINUTE;
export const RESET_LINK_TTL_MS = HOUR;

export const DEFAULT_AUTH: AuthConfig = {
  requireLogin: false,
  trustProxy: false,
  idleMs: 8 * HOUR,
  absoluteMs: 30 * DAY,
  publicUrl: undefined,
  signInPerAccount: { limit: 10, windowMs: 15 * MINUTE },
  signInPerAddress: { limit: 50, windowMs: 15 * MINUTE },
  passwordChangePerPerson: { limit: 10, windowMs: 15 * MINUTE },
};

export function resolveAuthConfig(options: AuthOptions = {}): AuthConfig {
  const config: AuthConfig = {
    ...DEFAULT_AUTH,
    requireLogin: options.requireLogin ?? DEFAULT_AUTH.requireLogin,
    trustProxy: options.trustProxy ?? DEFAULT_AUTH.trustProxy,
    idleMs: options.idleMs ?? DEFAULT_AUTH.idleMs,
    absoluteMs: options.absoluteMs ?? DEFAULT_AUTH.absoluteMs,
    publicUrl: options.publicUrl?.replace(/\/+$/, "") || undefined,
    signInPerAccount: options.signInPerAccount ?? DEFAULT_AUTH.signInPerAccount,
    signInPerAddress: options.signInPerAddress ?? DEFAULT_AUTH.signInPerAddress,
  };
  for (const [name, value] of [
    ["idleMs", config.idleMs],
    ["absoluteMs", config.absoluteMs],
  ] as const) {
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new RangeError(`auth ${name} must be a positive integer`);
  }
  return config;
}

/**
 * The auth settings of `rungs serve` from its environment: RUNGS_REQUIRE_LOGIN, RUNGS_TRUST_PROXY (1/true/yes
 * or 0/false/no), RUNGS_SESSION_IDLE_HOURS, RUNGS_SESSION_MAX_DAYS (positive numbers), RUNGS_PUBLIC_URL.
 * A bad value is a problem to report, not a default to fall back on silently.
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
    let ok = false;
    try {
      const url = new URL(publicUrl);
      ok = (url.protocol === "http:" || url.protocol === "https:") && url.search === "" && url.hash === "";
    } catch {
      ok = false;
    }
    if (ok) options.publicUrl = publicUrl;
    else
      problems.push(
        `RUNGS_PUBLIC_URL must be an http(s) address such as https://rungs.example.com, not "${publicUrl}"`,
      );
  }
  return { options, problems };
}
