/**
 * First run: the one-time link `rungs serve` prints while there is no admin opens a form that creates the
 * first admin account and signs them in. The link works once, for 30 minutes, and not at all once an admin
 * exists (however that admin was made).
 */
import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import * as z from "zod";
import { checkEmail, checkName } from "../../../store/person-input.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { AuthRuntime } from "../../auth/config.js";
import { linkGone } from "../../auth/pages.js";
import { checkNewPassword } from "../../auth/password-strength.js";
import { hashPassword } from "../../auth/passwords.js";
import { formToken, startSession } from "../../auth/session.js";
import {
  CsrfField,
  Field,
  type FieldProblem,
  NewPasswordFields,
  ProblemSummary,
} from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Page } from "../../components/page.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { formField, formPassword, lazySchema, textField } from "../../middleware/fields.js";
import { validate } from "../../middleware/validate.js";

const SETUP_LOCK = "first-run-setup";
const LOCK_TTL_MS = 30_000;

interface SetupForm {
  token: string;
  name?: string;
  email?: string;
  problems?: FieldProblem[];
}

function setupPage(c: Context<AppEnv>, form: SetupForm, status: 200 | 409 | 422 = 200): Response {
  const links = c.get("links");
  const csrf = formToken(c);
  c.header("Cache-Control", "no-store");
  return html(
    c,
    <Page title="Set up rungs" links={links} kind="auth">
      <div class="auth-panel">
        <h1>Set up rungs</h1>
        <p>
          Create the first admin account. The admin adds people, imports the organization and issues password
          reset links. This link works once.
        </p>
        <ProblemSummary problems={form.problems ?? []} form="setup" />
        <form method="post" action={links.to(paths.setup(form.token))} class="stacked" novalidate>
          <CsrfField token={csrf} />
          <Field
            form="setup"
            name="name"
            label="Your name"
            value={form.name}
            autocomplete="name"
            problems={form.problems}
          />
          <Field
            form="setup"
            name="email"
            label="Email"
            type="email"
            value={form.email}
            autocomplete="email"
            hint="You sign in with it."
            problems={form.problems}
          />
          <NewPasswordFields form="setup" label="Password" problems={form.problems} />
          <button type="submit">Create the admin account</button>
        </form>
      </div>
    </Page>,
    status,
  );
}

function setupDone(c: Context<AppEnv>): Response {
  const links = c.get("links");
  return linkGone(
    c,
    "Setup is already done",
    <>
      <p>An admin account exists, so this setup link no longer does anything.</p>
      <p>
        <a href={links.to(paths.signIn())}>Sign in</a>
      </p>
    </>,
  );
}

function setupLinkGone(c: Context<AppEnv>): Response {
  return linkGone(
    c,
    "This setup link has expired or was used",
    <>
      <p>Setup links work once, for 30 minutes.</p>
      <p>
        To get a new one, restart <code>rungs serve</code>: while there is no admin it prints a fresh link.
        You can also create the admin from the command line with <code>rungs user add --admin</code>.
      </p>
    </>,
  );
}

/** The first admin: name, email and a password twice, each judged by its own rule on the form. */
const setupForm = lazySchema(() =>
  z.object({
    name: formField(4 * TEXT_LIMITS.personName),
    email: formField(4 * TEXT_LIMITS.email),
    password: formPassword(),
    confirm: formPassword(),
    _csrf: textField().optional(),
  }),
);

export function setupRoutes(app: App, { auth }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth as AuthRuntime;

  app.get("/setup/:token", async (c) => {
    if ((await store.people.countAdmins()) > 0) return setupDone(c);
    const token = c.req.param("token");
    if (!(await store.tokens.find("setup", token))) return setupLinkGone(c);
    return setupPage(c, { token });
  });

  app.post("/setup/:token", validate("form", setupForm), async (c) => {
    const token = c.req.param("token");
    if ((await store.people.countAdmins()) > 0) return setupDone(c);
    if (!(await store.tokens.find("setup", token))) return setupLinkGone(c);

    const { name: rawName, email: rawEmail, password, confirm } = c.req.valid("form");
    const problems: FieldProblem[] = [];
    const name = checkName(rawName);
    if (name.problem) problems.push({ field: "name", message: name.problem.message });
    const email = checkEmail(rawEmail);
    if (email.problem) problems.push({ field: "email", message: email.problem.message });
    problems.push(
      ...(await checkNewPassword(password, confirm, {
        name: name.value ?? null,
        email: email.value ?? null,
      })),
    );
    const form = { token, name: rawName, email: rawEmail };
    if (problems.length || !name.value || !email.value) return setupPage(c, { ...form, problems }, 422);

    const passwordHash = await hashPassword(password);
    // one setup at a time across every app process, so two links used at once cannot make two admins
    const owner = randomUUID();
    if (!(await acquire(auth as AuthRuntime, owner))) {
      return setupPage(
        c,
        { ...form, problems: [{ field: "", message: "Another setup is running; try again in a moment." }] },
        409,
      );
    }
    try {
      if ((await store.people.countAdmins()) > 0) return setupDone(c);
      if (await store.people.getByEmail(email.value)) {
        const message =
          "Someone already has this email. Use another, or make that person an admin from the command line.";
        return setupPage(c, { ...form, problems: [{ field: "email", message }] }, 409);
      }
      if (!(await store.tokens.consume("setup", token))) return setupLinkGone(c);
      const created = await store.people.create({
        name: name.value,
        email: email.value,
        admin: true,
        passwordHash,
      });
      if (!created.ok) {
        const failed = created.problems.map((p) => ({ field: p.field ?? "", message: p.message }));
        return setupPage(c, { ...form, problems: failed }, 409);
      }
      await startSession(c, created.value.id);
    } finally {
      await store.locks.release(SETUP_LOCK, owner);
    }
    return c.redirect(`${paths.account()}?done=welcome`, 303);
  });
}

async function acquire({ store }: AuthRuntime, owner: string): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await store.locks.tryAcquire(SETUP_LOCK, owner, LOCK_TTL_MS)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
