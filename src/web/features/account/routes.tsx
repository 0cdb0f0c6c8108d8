/**
 * "My account": the signed-in person's name and email, changing the password, and every browser where they
 * are signed in, each with a button to end it; signing out everywhere. The same as JSON under /api/account.
 */
import type { Context } from "hono";
import * as z from "zod";
import type { AuthRuntime } from "../../auth/config.js";
import { denied, tooManyAttempts } from "../../auth/pages.js";
import { checkNewPassword } from "../../auth/password-strength.js";
import { hashPassword, verifyPassword } from "../../auth/passwords.js";
import { type Action, can } from "../../auth/policy.js";
import { actorOf, clearSessionCookie, setSessionCookie } from "../../auth/session.js";
import type { FieldProblem } from "../../components/forms.js";
import type { App, AppEnv, RouteDeps, Viewer } from "../../context.js";
import { paths } from "../../links.js";
import { HttpProblem } from "../../middleware/errors.js";
import { formPassword, lazySchema, textField } from "../../middleware/fields.js";
import { validate } from "../../middleware/validate.js";
import { accountPage } from "./account.page.js";

/** Changing one's password: the current one and the new one twice. */
const passwordChangeForm = lazySchema(() =>
  z.object({
    current: formPassword(),
    password: formPassword(),
    confirm: formPassword(),
    _csrf: textField().optional(),
  }),
);

/** Session ids are SHA-256 hex digests; anything else cannot name one. */
const SESSION_ID = /^[0-9a-f]{64}$/;

/** The viewer if the policy lets them do `action` to their own data, else the response that refuses. */
export async function self(c: Context<AppEnv>, action: Action): Promise<Viewer | Response> {
  const viewer = c.get("viewer");
  const decision = await can(actorOf(c), action, { id: viewer?.person.id ?? "" });
  if (!decision.allowed) return denied(c, decision);
  if (!viewer) throw new Error("policy allowed an anonymous request");
  return viewer;
}

export function accountRoutes(app: App, { auth }: RouteDeps): void {
  if (!auth) return;
  const { store, config } = auth as AuthRuntime;
  accountApiRoutes(app, store);

  app.get(paths.account(), async (c) => {
    const viewer = await self(c, "person:read");
    if (viewer instanceof Response) return viewer;
    return accountPage(c, viewer, await store.sessions.listFor(viewer.person.id));
  });

  app.post(paths.accountPassword(), validate("form", passwordChangeForm), async (c) => {
    const viewer = await self(c, "person:edit");
    if (viewer instanceof Response) return viewer;
    const limit = config.passwordChangePerPerson;
    const attempt = await store.rateLimits.hit(
      `password-change:${viewer.person.id}`,
      limit.limit,
      limit.windowMs,
    );
    if (!attempt.allowed) return tooManyAttempts(c, attempt.retryAfterMs, "password change attempts");

    const { current, password, confirm } = c.req.valid("form");
    const found = await store.people.credentials(viewer.person.email);
    const problems: FieldProblem[] = [];
    if (!(await verifyPassword(found?.person.id === viewer.person.id ? found.passwordHash : null, current))) {
      problems.push({ field: "current", message: "The current password is not right." });
    }
    problems.push(...(await checkNewPassword(password, confirm, viewer.person)));
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
}

/** The account as JSON: who is signed in and their sessions, and revoking one. */
function accountApiRoutes(app: App, store: AuthRuntime["store"]): void {
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
    );
  });

  app.delete("/api/account/sessions/:id", async (c) => {
    const viewer = await self(c, "person:edit");
    if (viewer instanceof Response) return viewer;
    const id = c.req.param("id");
    if (!SESSION_ID.test(id) || !(await store.sessions.revoke(id, viewer.person.id))) {
      throw new HttpProblem(404, { detail: "no such session", headers: { "Cache-Control": "no-store" } });
    }
    if (id === viewer.session.id) clearSessionCookie(c);
    return c.json({ revoked: id }, 200, { "Cache-Control": "no-store" });
  });
}
