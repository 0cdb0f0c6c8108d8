/**
 * Sign in with email and password, sign out. Before any password is checked, the attempt is counted in the
 * database (so every app process shares the counts): per client address, per account and client with
 * growing waits, and per account (see auth/throttle.ts).
 */
import type { Context } from "hono";
import * as z from "zod";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { AuthRuntime } from "../../auth/config.js";
import { tooManyAttempts } from "../../auth/pages.js";
import { hashPassword, needsRehash, verifyPassword } from "../../auth/passwords.js";
import { clearSessionCookie, formToken, safeNext, startSession } from "../../auth/session.js";
import { describeWait, signInTurn } from "../../auth/throttle.js";
import { CsrfField, Field, type FieldProblem, ProblemSummary } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Notice, Page } from "../../components/page.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { formField, formPassword, lazySchema, textField } from "../../middleware/fields.js";
import { validate } from "../../middleware/validate.js";

/** Notices a redirect may ask the sign-in page to show (`?done=`): fixed texts, never echoed input. */
// a Map: `done` comes from the query string, and "constructor" is no notice
const NOTICES = new Map<string, string>(
  Object.entries({
    "signed-out": "You have signed out.",
    "signed-out-everywhere": "You have signed out on every device and browser.",
    "session-ended": "Your session has ended. Please sign in again.",
  }),
);

interface SignInForm {
  email?: string;
  next: string;
  problems?: FieldProblem[];
  notice?: string | undefined;
}

function signInPage(c: Context<AppEnv>, form: SignInForm, status: 200 | 400 | 401 = 200): Response {
  const links = c.get("links");
  const token = formToken(c);
  const sso = c.get("auth")?.config.oidc;
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <Page title="Sign in" links={links} kind="auth">
      <div class="auth-panel">
        <h1>Sign in</h1>
        <Notice text={form.notice} />
        <ProblemSummary problems={form.problems ?? []} form="sign-in" title="Could not sign in" />
        {sso ? (
          <>
            <p>
              <a class="button" href={links.to(paths.signInSso(form.next))}>
                {`Sign in with ${sso.label}`}
              </a>
            </p>
            <p class="meta">Or with your email and password:</p>
          </>
        ) : null}
        <form method="post" action={links.to(paths.signIn())} class="stacked" novalidate>
          <CsrfField token={token} />
          <input type="hidden" name="next" value={form.next} />
          <Field
            form="sign-in"
            name="email"
            label="Email"
            type="email"
            value={form.email}
            autocomplete="username"
            problems={form.problems}
          />
          <Field
            form="sign-in"
            name="password"
            label="Password"
            type="password"
            autocomplete="current-password"
            problems={form.problems}
          />
          <button type="submit">Sign in</button>
        </form>
        <p class="meta">Forgot your password? Ask an admin for a password reset link.</p>
      </div>
    </Page>,
    status,
  );
}

/** The sign-in form: what was typed, bounded; an empty field is told on the form. */
export const signInForm = lazySchema(() =>
  z.object({
    email: formField(4 * TEXT_LIMITS.email),
    password: formPassword(),
    next: formField(2_000),
    _csrf: textField().optional(),
  }),
);

export function signInRoutes(app: App, { auth }: RouteDeps): void {
  if (!auth) return;
  const runtime: AuthRuntime = auth;

  app.get(paths.signIn(), (c) => {
    const done = c.req.query("done");
    return signInPage(c, {
      next: safeNext(c.req.query("next")),
      notice: done !== undefined ? NOTICES.get(done) : undefined,
    });
  });

  app.post(paths.signIn(), validate("form", signInForm), async (c) => {
    const form = c.req.valid("form");
    const email = form.email.trim();
    const password = form.password;
    const next = safeNext(form.next || undefined);
    if (!email || !password) {
      const problems: FieldProblem[] = [];
      if (!email) problems.push({ field: "email", message: "Enter your email address." });
      if (!password) problems.push({ field: "password", message: "Enter your password." });
      return signInPage(c, { email, next, problems }, 400);
    }

    const turn = await signInTurn(runtime, c, email);
    if (!turn.allowed) return tooManyAttempts(c, turn.retryAfterMs, "sign-in attempts");

    const { people } = runtime.store;
    const found = await people.credentials(email);
    const matches = await verifyPassword(found?.passwordHash, password);
    // one message for unknown email, wrong password and deactivated account: the form says nothing about who has an account
    if (!found || !matches || !found.person.active) {
      const wait = turn.waitIfFailedMs
        ? ` To protect the account, the next try from here must wait ${describeWait(turn.waitIfFailedMs)}.`
        : "";
      return signInPage(
        c,
        {
          email,
          next,
          problems: [
            {
              field: "password",
              message: `The email or password is not right. Check both and try again.${wait}`,
            },
          ],
        },
        401,
      );
    }
    await turn.succeeded();
    if (found.passwordHash && (await needsRehash(found.passwordHash))) {
      await people.setPasswordHash(found.person.id, await hashPassword(password));
    }
    await startSession(c, found.person.id);
    return c.redirect(next, 303);
  });

  app.post(paths.signOut(), async (c) => {
    const viewer = c.get("viewer");
    if (viewer) await runtime.store.sessions.revoke(viewer.session.id);
    clearSessionCookie(c);
    return c.redirect(`${paths.signIn()}?done=signed-out`, 303);
  });
}
