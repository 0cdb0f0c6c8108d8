/**
 * Password reset without a mail server: an admin issues a one-time link (valid one hour) and hands it to the
 * person; the link's page sets a new password, ends every session the person had and signs them in.
 * Issuing a new link voids the person's earlier ones. An invitation (services/invitations.ts) is the same
 * kind of token, marked as one: its link opens at /welcome/ with words for a first password.
 */

import type { Context } from "hono";
import * as z from "zod";
import { isolated } from "../../../core/text.js";
import { INVITE_PAYLOAD } from "../../../services/invitations.js";
import type { Person } from "../../../store/types.js";
import { type AuthRuntime, RESET_LINK_TTL_MS } from "../../auth/config.js";
import { denied, linkGone, NoticePage } from "../../auth/pages.js";
import { checkNewPassword } from "../../auth/password-strength.js";
import { hashPassword } from "../../auth/passwords.js";
import { can } from "../../auth/policy.js";
import { actorOf, formToken, publicBase, startSession } from "../../auth/session.js";
import { COPY_LINK_SCRIPT, CopyableLink } from "../../components/copy-link.js";
import { CsrfField, type FieldProblem, NewPasswordFields, ProblemSummary } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Page } from "../../components/page.js";
import { When } from "../../components/when.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { formPassword, lazySchema, textField } from "../../middleware/fields.js";
import { validate } from "../../middleware/validate.js";

/** A usable link: whom it is for, and whether it is an invitation (a first password) or a reset. */
interface LinkUse {
  person: Person;
  invite: boolean;
  /** The path the link was opened at, which the form posts back to. */
  path: string;
}

function resetPage(
  c: Context<AppEnv>,
  use: LinkUse,
  problems: FieldProblem[] = [],
  status: 200 | 422 = 200,
): Response {
  const { person, invite } = use;
  const links = c.get("links");
  const csrf = formToken(c);
  c.header("Cache-Control", "no-store");
  const title = invite ? `Welcome, ${isolated(person.name)}` : "Choose a password";
  return html(
    c,
    <Page title={title} links={links} kind="auth">
      <div class="auth-panel">
        <h1>
          {invite ? (
            <>
              Welcome, <bdi>{person.name}</bdi>
            </>
          ) : (
            title
          )}
        </h1>
        <p>
          {invite ? "Choose a password for your account " : "For the account "}
          <strong>{person.email}</strong>
          {invite
            ? ". You sign in with this email and that password."
            : ". Saving it signs you out everywhere else."}
        </p>
        <ProblemSummary problems={problems} form="reset" />
        <form method="post" action={links.to(use.path)} class="stacked" novalidate>
          <CsrfField token={csrf} />
          <NewPasswordFields form="reset" label="New password" problems={problems} />
          <button type="submit">{invite ? "Save my password" : "Save the new password"}</button>
        </form>
      </div>
    </Page>,
    status,
  );
}

function resetLinkGone(c: Context<AppEnv>, invite: boolean): Response {
  return invite
    ? linkGone(
        c,
        "This invitation link has expired or was used",
        <p>Invitation links work once, for a limited time. Ask an admin to invite you again.</p>,
      )
    : linkGone(
        c,
        "This password reset link has expired or was used",
        <p>Reset links work once, for a limited time. Ask an admin for a new one.</p>,
      );
}

/** Setting a new password from a reset link: the password twice, judged by the password policy on the form. */
const newPasswordForm = lazySchema(() =>
  z.object({
    password: formPassword(),
    confirm: formPassword(),
    _csrf: textField().optional(),
  }),
);

export function passwordResetRoutes(app: App, { auth }: RouteDeps): void {
  if (!auth) return;
  adminLinkRoutes(app, auth as AuthRuntime);
  linkRoutes(app, auth as AuthRuntime);
}

/** An admin issues a reset link for someone (GET asks, POST issues and shows it once). */
function adminLinkRoutes(app: App, { store, clock }: AuthRuntime): void {
  /** The admin and the person the link is for, or the response that refuses. */
  async function adminAndPerson(c: Context<AppEnv>): Promise<Person | Response> {
    const id = c.req.param("id") ?? "";
    // asked before looking the person up: a non-admin learns nothing about whether the id exists
    const decision = await can(actorOf(c), "person:admin", { id });
    if (!decision.allowed) return denied(c, decision);
    return (await store.people.get(id)) ?? c.notFound();
  }

  app.get("/admin/people/:id/reset-link", async (c) => {
    const person = await adminAndPerson(c);
    if (person instanceof Response) return person;
    const links = c.get("links");
    c.header("Cache-Control", "no-store");
    return html(
      c,
      <NoticePage links={links} title={`Password reset link for ${isolated(person.name)}`}>
        <p>
          A reset link lets <bdi>{person.name}</bdi>
          {` choose a new password once, within an hour. It signs them out everywhere. Any earlier link for them stops working.`}
        </p>
        <form method="post" action={links.to(paths.adminResetLink(person.id))}>
          <CsrfField token={formToken(c)} />
          <button type="submit">Create a reset link</button>
        </form>
      </NoticePage>,
    );
  });

  app.post("/admin/people/:id/reset-link", async (c) => {
    const person = await adminAndPerson(c);
    if (person instanceof Response) return person;
    const links = c.get("links");
    c.header("Cache-Control", "no-store");
    if (!person.active) {
      return html(
        c,
        <NoticePage links={links} title="This person is deactivated">
          <p>
            <bdi>{person.name}</bdi>
            {` cannot sign in while deactivated, so a reset link would not help. Reactivate them first.`}
          </p>
        </NoticePage>,
        409,
      );
    }
    await store.tokens.revokeFor(person.id, "reset");
    const token = await store.tokens.issue("reset", { personId: person.id, ttlMs: RESET_LINK_TTL_MS });
    const link = `${publicBase(c)}${paths.reset(token)}`;
    const until = new Date(clock.now().getTime() + RESET_LINK_TTL_MS);
    return html(
      c,
      <NoticePage
        links={links}
        title={`Reset link for ${isolated(person.name)}`}
        scripts={[COPY_LINK_SCRIPT]}
      >
        <p>
          Give this link to <bdi>{person.name}</bdi>
          {" in person or over a channel you trust. It works once, until "}
          <When at={until} />.
        </p>
        <CopyableLink id="reset-link" label="Reset link" link={link} />
        <p class="meta">It is shown only now: rungs keeps only a fingerprint of it.</p>
      </NoticePage>,
    );
  });
}

/** The page a reset or invitation link opens, and setting the password from it. */
function linkRoutes(app: App, { store }: AuthRuntime): void {
  /** The person a usable link is for, or the response that says it cannot be used. */
  async function linkUse(c: Context<AppEnv>, token: string, path: string): Promise<LinkUse | Response> {
    const found = await store.tokens.find("reset", token);
    const person = found?.personId ? await store.people.get(found.personId) : undefined;
    if (!person) return resetLinkGone(c, path.startsWith("/welcome/"));
    if (!person.active) {
      return linkGone(
        c,
        "This account is deactivated",
        <p>A deactivated account cannot sign in. Ask an admin if you think this is a mistake.</p>,
      );
    }
    return { person, invite: found?.payload === INVITE_PAYLOAD, path };
  }

  // an invitation opens at /welcome/, a reset at /reset/; either token works at either address
  for (const pathOf of [paths.reset, paths.welcome]) {
    const route = pathOf(":token");
    app.get(route, async (c) => {
      const token = c.req.param("token") ?? "";
      const use = await linkUse(c, token, pathOf(token));
      if (use instanceof Response) return use;
      return resetPage(c, use);
    });

    app.post(route, validate("form", newPasswordForm), async (c) => {
      const token = c.req.param("token") ?? "";
      const use = await linkUse(c, token, pathOf(token));
      if (use instanceof Response) return use;
      const { person } = use;
      const { password, confirm } = c.req.valid("form");
      const problems = await checkNewPassword(password, confirm, person);
      if (problems.length) return resetPage(c, use, problems, 422);
      const passwordHash = await hashPassword(password);
      const used = await store.tokens.consume("reset", token);
      if (!used || used.personId !== person.id) return resetLinkGone(c, use.invite);
      await store.people.setPasswordHash(person.id, passwordHash);
      if (use.invite) await store.invitations.accept(person.id);
      await store.sessions.revokeAllFor(person.id);
      await startSession(c, person.id);
      return c.redirect(use.invite ? paths.myHome() : `${paths.account()}?done=password-set`, 303);
    });
  }
}
