/** The account page: the signed-in person's profile, password change, and their sessions (each revocable). */

import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { Session } from "../../../store/types.js";
import {
  CsrfField,
  Field,
  type FieldProblem,
  NewPasswordFields,
  ProblemSummary,
} from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Notice, Page, Section } from "../../components/page.js";
import { formatUtc, When } from "../../components/when.js";
import type { AppEnv, Viewer } from "../../context.js";
import { type Links, paths } from "../../links.js";

/** Notices a redirect may ask this page to show (`?done=`): fixed texts, never echoed input. */
export // a Map: `done` comes from the query string, and "constructor" is no notice
const NOTICES = new Map<string, string>(
  Object.entries({
    welcome:
      "Welcome! Your admin account is ready and you are signed in. Next, under Admin (in the header): place yourself in a framework on your own page, then add your people or import them from a CSV.",
    "password-set": "Your new password is saved, and you are signed in. Every other session has ended.",
    "password-changed": "Your password is changed. Every other session has ended.",
    "session-ended": "That session has ended.",
  }),
);

export function describeBrowser(userAgent: string | null): string {
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

/** Name, email, access, and the export of everything kept about them. */
function ProfileSection({ person, links }: { person: Viewer["person"]; links: Links }) {
  return (
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
  );
}

function PasswordSection({
  csrf,
  problems,
  links,
}: {
  csrf: string;
  problems: FieldProblem[];
  links: Links;
}) {
  return (
    <Section id="password" title="Change password">
      <ProblemSummary problems={problems} form="password" title="The password was not changed" />
      <form method="post" action={links.to(paths.accountPassword())} class="stacked" novalidate>
        <CsrfField token={csrf} />
        <Field
          form="password"
          name="current"
          label="Current password"
          type="password"
          autocomplete="current-password"
          problems={problems}
        />
        <NewPasswordFields form="password" label="New password" problems={problems} />
        <button type="submit">Change password</button>
      </form>
    </Section>
  );
}

/** One session: the browser, when it signed in and was last seen, and the button that ends it. */
function SessionRow({ s, viewer, links }: { s: Session; viewer: Viewer; links: Links }) {
  const current = s.id === viewer.session.id;
  return (
    <tr id={`session-${s.id.slice(0, 12)}`}>
      <th scope="row">
        {describeBrowser(s.userAgent)}
        {current ? <span class="badge">this browser</span> : null}
        {s.userAgent ? <span class="user-agent">{s.userAgent}</span> : null}
      </th>
      <td data-label="Signed in">
        <When at={s.createdAt} />
      </td>
      <td data-label="Last seen">
        <When at={s.lastSeenAt} show="relative" label="Last seen" />
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
                : `End session: ${describeBrowser(s.userAgent)}, signed in ${formatUtc(s.createdAt)}`
            }
          >
            {current ? "Sign out" : "End session"}
          </button>
        </form>
      </td>
    </tr>
  );
}

/** A table of things each row can end (sessions, API tokens): the columns named, then the button's. */
export function RevocableTable(props: {
  class: string;
  caption: string;
  columns: readonly string[];
  children: Child;
}) {
  return (
    <div class="table-scroll">
      <table class={`${props.class} stack-on-phone`}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col">{column}</th>
            ))}
            <th scope="col">
              <span class="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

function SessionsSection({ sessions, viewer, links }: { sessions: Session[]; viewer: Viewer; links: Links }) {
  return (
    <Section id="sessions" title="Where you are signed in">
      <RevocableTable
        class="sessions"
        caption={`${sessions.length} active session${sessions.length === 1 ? "" : "s"}, most recently used first`}
        columns={["Browser", "Signed in", "Last seen"]}
      >
        {sessions.map((s) => (
          <SessionRow s={s} viewer={viewer} links={links} />
        ))}
      </RevocableTable>
      <form method="post" action={links.to(paths.signOutEverywhere())} class="everywhere">
        <CsrfField token={viewer.csrfToken} />
        <button type="submit">Sign out everywhere</button>
        <span class="meta">Ends every session above, this one included.</span>
      </form>
    </Section>
  );
}

export function accountPage(
  c: Context<AppEnv>,
  viewer: Viewer,
  sessions: Session[],
  passwordProblems: FieldProblem[] = [],
  status: 200 | 422 = 200,
): Response {
  const links = c.get("links");
  const done = c.req.query("done");
  const notice = done !== undefined ? NOTICES.get(done) : undefined;
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
      <ProfileSection person={viewer.person} links={links} />
      <PasswordSection csrf={viewer.csrfToken} problems={passwordProblems} links={links} />
      <SessionsSection sessions={sessions} viewer={viewer} links={links} />
      <Section id="api-tokens" title="API tokens">
        <p>
          Scripts read the API as you with a personal token:{" "}
          <a href={links.to(paths.accountTokens())}>make, list and revoke API tokens</a>.
        </p>
      </Section>
    </Page>,
    status,
  );
}
