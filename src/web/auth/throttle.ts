/**
 * How hard sign-in is to abuse, counted in the database so every app process shares the counts.
 *
 * A hard lock after N failures per account lets anyone lock a person out by failing on purpose. Instead,
 * failures are throttled per account *and client address*: one client gets a few tries, then waits that
 * double with every failure (1 s, 2 s, 4 s … up to 15 minutes). Someone failing on purpose slows only
 * themselves: the person signing in from their own address is not delayed at all. Against guessing spread
 * over many addresses, every password check on an account counts towards a looser ceiling per account
 * (50 per 15 minutes); and every attempt from one address, whatever the account, towards a limit per
 * address. Single sign-on starts count per address too: each writes a one-time state row.
 */
import type { Context } from "hono";
import { emailKey } from "../../store/person-input.js";
import type { AppEnv } from "../context.js";
import type { AuthRuntime, ClientThrottle } from "./config.js";
import { clientAddress } from "./session.js";

/** At most this much of an email goes into a key (anything longer is not an address anyway). */
const KEY_MAX = 300;

/** How long the next try must wait after `attempts` tries in a run of failures. */
export function waitAfter(attempts: number, throttle: ClientThrottle): number {
  if (attempts < throttle.free) return 0;
  return Math.min(throttle.maxWaitMs, throttle.firstWaitMs * 2 ** (attempts - throttle.free));
}

export type Turn =
  | {
      allowed: true;
      /** How long the next try from this client must wait if this one fails (0: none). */
      waitIfFailedMs: number;
      /** The password was right: this client's run of failures is forgotten. */
      succeeded(): Promise<void>;
    }
  | { allowed: false; retryAfterMs: number };

/**
 * Whether this request may check a password for `email` now. A try let through is counted as a failure
 * until `succeeded` says otherwise, so parallel tries cannot all slip through one gap.
 */
export async function signInTurn(runtime: AuthRuntime, c: Context<AppEnv>, email: string): Promise<Turn> {
  const { rateLimits } = runtime.store;
  const { signInPerAddress, signInPerAccount, signInPerClient } = runtime.config;
  const address = clientAddress(c);
  const account = emailKey(email).slice(0, KEY_MAX);

  const perAddress = await rateLimits.hit(
    `sign-in:address:${address}`,
    signInPerAddress.limit,
    signInPerAddress.windowMs,
  );
  if (!perAddress.allowed) return { allowed: false, retryAfterMs: perAddress.retryAfterMs };

  // the ceiling is read before the client's turn and counted after it, so tries this client is made to
  // wait for never use up the account's ceiling (which would let one client lock everyone out again)
  const accountKey = `sign-in:account:${account}`;
  const { limit, windowMs } = signInPerAccount;
  const ceiling = await rateLimits.peek(accountKey, limit, windowMs);
  if (!ceiling.allowed) return { allowed: false, retryAfterMs: ceiling.retryAfterMs };

  const clientKey = `sign-in:client:${JSON.stringify([account, address])}`;
  const turn = await rateLimits.attempt(
    clientKey,
    (attempts) => waitAfter(attempts, signInPerClient),
    signInPerClient.forgetAfterMs,
  );
  if (!turn.allowed) return { allowed: false, retryAfterMs: turn.retryAfterMs };

  const perAccount = await rateLimits.hit(accountKey, limit, windowMs);
  if (!perAccount.allowed) return { allowed: false, retryAfterMs: perAccount.retryAfterMs };

  return {
    allowed: true,
    waitIfFailedMs: waitAfter(turn.attempts, signInPerClient),
    succeeded: () => rateLimits.clear(clientKey),
  };
}

/** Whether this client may start a single sign-on round trip now (0) or must wait (ms). */
export async function ssoStartWait(runtime: AuthRuntime, c: Context<AppEnv>): Promise<number> {
  const { limit, windowMs } = runtime.config.signInPerAddress;
  const decision = await runtime.store.rateLimits.hit(
    `sso-start:address:${clientAddress(c)}`,
    limit,
    windowMs,
  );
  return decision.retryAfterMs;
}

/** A wait as people read it: "3 seconds", "a minute", "14 minutes". */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds === 1) return "a second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "a minute" : `${minutes} minutes`;
}
