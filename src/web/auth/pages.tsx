/**
 * The answers every auth-aware route shares: refusals (401/403/404), a rejected form (CSRF), too many
 * attempts (429), a used or expired link (410). Each says what happened and what to do, and nothing about
 * anyone's data.
 */
import type { Context } from "hono";
import type { Child, FC, PropsWithChildren } from "hono/jsx";
import { html } from "../components/html.js";
import { Page } from "../components/page.js";
import type { AppEnv } from "../context.js";
import { type Links, paths } from "../links.js";
import { HttpProblem, problem } from "../middleware/errors.js";
import type { Decision } from "./policy.js";
import { signInRedirect } from "./session.js";
import { describeWait } from "./throttle.js";

const NO_STORE = { "Cache-Control": "no-store" };

/** A short page: a heading, what happened, and where to go. */
export const NoticePage: FC<PropsWithChildren<{ links: Links; title: string; scripts?: string[] }>> = ({
  links,
  title,
  scripts,
  children,
}) => (
  <Page title={title} links={links} kind="auth" {...(scripts ? { scripts } : {})}>
    <div class="auth-panel">
      <h1>{title}</h1>
      {children}
    </div>
  </Page>
);

/** A state-changing request without our page's token, or sent from another site. */
export function csrfRejected(c: Context<AppEnv>, why: "origin" | "missing" | "wrong"): Response {
  const detail =
    why === "origin"
      ? "It was sent from another site, or your browser did not say where it came from."
      : "The form was missing its security token or carried an old one, for example because you signed in or out in another tab since it was shown.";
  const refused = `request refused: ${why === "origin" ? "cross-site request" : `${why} CSRF token`}`;
  return problem(
    c,
    new HttpProblem(403, {
      detail: refused,
      extra: { hint: "send the X-CSRF-Token header from GET /api/account" },
      headers: NO_STORE,
      page: (c) => csrfPage(c, detail),
    }),
  );
}

function csrfPage(c: Context<AppEnv>, detail: string): Response {
  return html(
    c,
    <NoticePage links={c.get("links")} title="This form could not be accepted">
      <p>{detail} Nothing was changed.</p>
      <p>Go back, reload the page, and try again.</p>
      <p>
        <a href={c.get("links").to(paths.home())}>Home</a>
      </p>
    </NoticePage>,
    403,
  );
}

/** Too many attempts: 429 with Retry-After (seconds). */
export function tooManyAttempts(c: Context<AppEnv>, retryAfterMs: number, what: string): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = describeWait(retryAfterMs);
  return problem(
    c,
    new HttpProblem(429, {
      detail: `too many ${what}`,
      extra: { retryAfterSeconds: seconds },
      headers: { ...NO_STORE, "Retry-After": String(seconds) },
      page: (c) => tooManyPage(c, what, wait),
    }),
  );
}

function tooManyPage(c: Context<AppEnv>, what: string, wait: string): Response {
  return html(
    c,
    <NoticePage links={c.get("links")} title="Too many attempts">
      <p>{`There have been too many ${what} in a short time, so further tries are paused to protect the account. Please wait ${wait} and try again.`}</p>
      <p>If you have forgotten your password, ask an admin for a password reset link.</p>
    </NoticePage>,
    429,
  );
}

/** A one-time link that cannot be used (any more). */
export function linkGone(c: Context<AppEnv>, title: string, children: Child): Response {
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <NoticePage links={c.get("links")} title={title}>
      {children}
    </NoticePage>,
    410,
  );
}

/** Turns a policy denial into its response: sign in first (401), refused (403), or not found (404). */
export function denied(
  c: Context<AppEnv>,
  decision: Exclude<Decision, { allowed: true }>,
): Response | Promise<Response> {
  if (decision.status === 401) {
    return problem(
      c,
      new HttpProblem(401, { detail: "sign in required", headers: NO_STORE, page: signInRedirect }),
    );
  }
  // the same 404 as any unknown address, so a refusal cannot be told from absence
  if (decision.status === 404) return c.notFound();
  return problem(
    c,
    new HttpProblem(403, {
      detail: "forbidden",
      headers: NO_STORE,
      page: (c) => notAllowedPage(c, decision),
    }),
  );
}

function notAllowedPage(c: Context<AppEnv>, decision: Exclude<Decision, { allowed: true }>): Response {
  return html(
    c,
    <NoticePage links={c.get("links")} title="Not allowed">
      <p>
        {decision.reason === "only admins may do this"
          ? "Only admins can do this."
          : "You cannot change this."}
      </p>
      <p>
        <a href={c.get("links").to(paths.home())}>Home</a>
      </p>
    </NoticePage>,
    403,
  );
}

/** Dates as people read them, the same on every machine: `2030-01-01 08:00 UTC` (pages use <When>). */
