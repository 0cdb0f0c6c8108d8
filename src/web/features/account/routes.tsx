/**
 * "My account": the signed-in person's name and email, changing the password, and every browser where they
 * are signed in, each with a button to end it; signing out everywhere. The same as JSON under /api/account.
 */
import type { Context } from "hono";
import type { Session } from "../../../store/types.js";
import type { AuthRuntime } from "../../auth/config.js";
import { denied, formatTime, tooManyAttempts } from "../../auth/pages.js";
import { checkNewPassword, PASSWORD_HINT } from "../../auth/password-strength.js";
import { hashPassword, verifyPassword } from "../../auth/passwords.js";
import { type Action, can } from "../../auth/policy.js";
import { actorOf, clearSessionCookie, setSessionCookie } from "../../auth/session.js";
import { CsrfField, Field, type FieldProblem, formText, ProblemSummary } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Notice, Page, Section } from "../../components/page.js";
import type { App, AppEnv, RouteDeps, Viewer } from "../../context.js";
import { paths } from "../../links.js";

/** Notices a redirect may ask this page to show (`?done=`): fixed texts, never echoed input. */
// a Map: `done` comes from the query string, and "constructor" is no notice
const NOTICES = new Map<string, string>(
  Object.entries({
    welcome: "Welcome! Your admin account is ready and you are signed in.",
    "password-set": "Your new password is saved, and you are signed in. Every other session has ended.",
    "password-changed": "Your password is changed. Every other session has ended.",
    "session-ended": "That session has ended.",
  }),
);

/** Session ids are SHA-256 hex digests; anything else cannot name one. */
const SESSION_ID = /^[0-9a-f]{64}$/;

/** The viewer if the policy lets them do `action` to their own data, else the response that refuses. */
async function self(c: Context<AppEnv>, action: Action): Promise<Viewer | Response> {
  const viewer = c.get("viewer");
  const decision = await can(actorOf(c), action, { id: viewer?.person.id ?? "" });
  if (!decision.allowed) return denied(c, decision);
  if (!viewer) throw new Error("policy allowed an anonymous request");
  return viewer;
}

function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\/|Chromium\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : undefined;
  const system = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : undefined;
  return browser && system ? `${browser} on ${system}` : (browser ?? system ?? "Other browser");
}

function accountPage(
  c: Context<AppEnv>,
  viewer: Viewer,
  sessions: Session[],
  passwordProblems: FieldProblem[] = [],
  status: 200 | 422 = 200,
): Response {
  const links = c.get("links");
  const { person } = viewer;
  const done = c.req.query("done");
  const notice = done !== undefined ? NOTICES.get(done) : undefined;
  c.header("Cache-Control", "private, no-store");
  return html(
    c,
    <Page
      title="My account"
      links={links}
      kind="account"
      crumbs={[{ label: "Home", href: links.to(paths.home()) }, { label: "My account" }]}
    >
      <h1>My account</h1>
      <Notice text={notice} />
      <Section id="profile" title="Profile">
        <dl class="profile">
          <dt>Name</dt>
          <dd>{person.name}</dd>
          <dt>Email</dt>
          <dd>{person.email}</dd>
          {person.admin ? (
            <>
              <dt>Access</dt>
              <dd>Admin</dd>
            </>
          ) : null}
        </dl>
        <p>
          <a href={links.to(paths.accountExport())} download>
            Download all data about me (JSON)
          </a>
        </p>
      </Section>
      <Section id="password" title="Change password">
        <ProblemSummary problems={passwordProblems} form="password" title="The password was not changed" />
        <form method="post" action={links.to(paths.accountPassword())} class="stacked" novalidate>
          <CsrfField token={viewer.csrfToken} />
          <Field
            form="password"
            name="current"
            label="Current password"
            type="password"
            autocomplete="current-password"
            problems={passwordProblems}
          />
          <Field
            form="password"
            name="password"
            label="New password"
            type="password"
            autocomplete="new-password"
            hint={PASSWORD_HINT}
            problems={passwordProblems}
          />
          <Field
            form="password"
            name="confirm"
            label="New password again"
            type="password"
            autocomplete="new-password"
            problems={passwordProblems}
          />
          <button type="submit">Change password</button>
        </form>
      </Section>
      <Section id="sessions" title="Where you are signed in">
        <div class="table-scroll">
          <table class="sessions">
            <caption>
              {`${sessions.length} active session${sessions.length === 1 ? "" : "s"}, most recently used first`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last seen</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => {
                const current = s.id === viewer.session.id;
                return (
                  <tr id={`session-${s.id.slice(0, 12)}`}>
                    <th scope="row">
                      {describeBrowser(s.userAgent)}
                      {current ? <span class="badge">this browser</span> : null}
                      {s.userAgent ? <span class="user-agent">{s.userAgent}</span> : null}
                    </th>
                    <td>
                      <time datetime={s.createdAt.toISOString()}>{formatTime(s.createdAt)}</time>
                    </td>
                    <td>
                      <time datetime={s.lastSeenAt.toISOString()}>{formatTime(s.lastSeenAt)}</time>
                    </td>
                    <td>
                      <form method="post" action={links.to(paths.accountSessionRevoke(s.id))}>
                        <CsrfField token={viewer.csrfToken} />
                        <button
                          type="submit"
                          class="secondary"
                          aria-label={
                            current
                              ? "Sign out of this browser"
                              : `End session: ${describeBrowser(s.userAgent)}, signed in ${formatTime(s.createdAt)}`
                          }
                        >
                          {current ? "Sign out" : "End session"}
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <form method="post" action={links.to(paths.signOutEverywhere())} class="everywhere">
          <CsrfField token={viewer.csrfToken} />
          <button type="submit">Sign out everywhere</button>
          <span class="meta">Ends every session above, this one included.</span>
        </form>
      </Section>
    </Page>,
    status,
  );
}

export function accountRoutes(app: App, { auth }: RouteDeps): void {
  if (!auth) return;
  const { store, config } = auth as AuthRuntime;

  app.get(paths.account(), async (c) => {
    const viewer = await self(c, "person:read");
    if (viewer instanceof Response) return viewer;
    return accountPage(c, viewer, await store.sessions.listFor(viewer.person.id));
  });

  app.post(paths.accountPassword(), async (c) => {
    const viewer = await self(c, "person:edit");
    if (viewer instanceof Response) return viewer;
    const limit = config.passwordChangePerPerson;
    const attempt = await store.rateLimits.hit(
      `password-change:${viewer.person.id}`,
      limit.limit,
      limit.windowMs,
    );
    if (!attempt.allowed) return tooManyAttempts(c, attempt.retryAfterMs, "password change attempts");

    const body = await c.req.parseBody();
    const password = formText(body, "password");
    const found = await store.people.credentials(viewer.person.email);
    const problems: FieldProblem[] = [];
    if (
      !(await verifyPassword(
        found?.person.id === viewer.person.id ? found.passwordHash : null,
        formText(body, "current"),
      ))
    ) {
      problems.push({ field: "current", message: "The current password is not right." });
    }
    problems.push(...(await checkNewPassword(password, formText(body, "confirm"), viewer.person)));
    if (problems.length) {
      return accountPage(c, viewer, await store.sessions.listFor(viewer.person.id), problems, 422);
    }
    await store.people.setPasswordHash(viewer.person.id, await hashPassword(password));
    await store.sessions.revokeAllFor(viewer.person.id, viewer.session.id);
    // a new token for this browser too: whoever saw the old one is out
    const rotated = await store.sessions.rotate(viewer.token, {
      userAgent: viewer.session.userAgent,
      ip: viewer.session.ip,
    });
    if (rotated) setSessionCookie(c, rotated.token, rotated.session.expiresAt, auth.clock.now());
    else clearSessionCookie(c);
    return c.redirect(`${paths.account()}?done=password-changed`, 303);
  });

  app.post("/account/sessions/:id/revoke", async (c) => {
    const viewer = await self(c, "person:edit");
    if (viewer instanceof Response) return viewer;
    const id = c.req.param("id");
    // only the person's own sessions: someone else's id (or a made-up one) is simply not found
    if (!SESSION_ID.test(id) || !(await store.sessions.revoke(id, viewer.person.id))) return c.notFound();
    if (id === viewer.session.id) {
      clearSessionCookie(c);
      return c.redirect(`${paths.signIn()}?done=signed-out`, 303);
    }
    return c.redirect(`${paths.account()}?done=session-ended#sessions`, 303);
  });

  app.post(paths.signOutEverywhere(), async (c) => {
    const viewer = await self(c, "person:edit");
    if (viewer instanceof Response) return viewer;
    await store.sessions.revokeAllFor(viewer.person.id);
    clearSessionCookie(c);
    return c.redirect(`${paths.signIn()}?done=signed-out-everywhere`, 303);
  });

  app.get("/api/account", async (c) => {
    const viewer = await self(c, "person:read");
    if (viewer instanceof Response) return viewer;
    const { person } = viewer;
    const sessions = await store.sessions.listFor(person.id);
    return c.json(
      {
        person: {
          id: person.id,
          name: person.name,
          email: person.email,
          admin: person.admin,
          framework: person.framework,
          track: person.track,
          level: person.level,
          role: person.role,
        },
        csrfToken: viewer.csrfToken,
        sessions: sessions.map((s) => ({
          id: s.id,
          current: s.id === viewer.session.id,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
          userAgent: s.userAgent,
        })),
      },
      200,
      { "Cache-Control": "private, no-store" },
    );
  });

  app.delete("/api/account/sessions/:id", async (c) => {
    const viewer = await self(c, "person:edit");
    if (viewer instanceof Response) return viewer;
    const id = c.req.param("id");
    if (!SESSION_ID.test(id) || !(await store.sessions.revoke(id, viewer.person.id))) {
      return c.json({ error: "no such session" }, 404, { "Cache-Control": "no-store" });
    }
    if (id === viewer.session.id) clearSessionCookie(c);
    return c.json({ revoked: id }, 200, { "Cache-Control": "no-store" });
  });
}
