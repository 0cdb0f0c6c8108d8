/** The admin people pages: the list with the create form, and one person's edit page (fields, manager, active). */

import type { Context } from "hono";
import type { FC } from "hono/jsx";
import type { FrameworkIndex } from "../../../core/model.js";
import { isolated } from "../../../core/text.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { indexesById } from "../../../services/frameworks.js";
import { checkText } from "../../../store/person-input.js";
import type { Store } from "../../../store/store.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { Clock, Person } from "../../../store/types.js";
import type { AuthConfig } from "../../auth/config.js";
import { CsrfField, Field, type FieldProblem, ProblemSummary } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Page, Section } from "../../components/page.js";
import { PeopleSearch } from "../../components/people-search.js";
import type { AppEnv, Viewer } from "../../context.js";
import { type Links, paths } from "../../links.js";
import { crumbsFor, notice } from "./admin-parts.js";
import { type SignInState, SignInStateText, signInState } from "./invitation-state.js";
import { EMPTY, PersonFields, type PersonForm } from "./person-form.js";

/** What the admin people pages read. */
export interface AdminDeps {
  store: Store;
  registry: FrameworkRegistry;
  clock: Clock;
  config: AuthConfig;
}

/** One row of the admin list: the person, their manager's name, their sign-in state. */
interface Row {
  person: Person;
  manager: string | undefined;
  state: SignInState;
}

/** The sign-in states of these people, by id. */
export async function statesOf(
  deps: AdminDeps,
  people: readonly Person[],
): Promise<Map<string, SignInState>> {
  const ids = people.map((p) => p.id);
  const [invitations, signedIn] = await Promise.all([
    deps.store.invitations.of(ids),
    deps.store.invitations.signedIn(ids),
  ]);
  const now = deps.clock.now();
  return new Map(people.map((p) => [p.id, signInState(p, invitations.get(p.id), signedIn.has(p.id), now)]));
}

/** The list's rows: managers named even when the search left them out of the list. */
async function rowsOf(deps: AdminDeps, people: Person[]): Promise<Row[]> {
  const names = new Map(people.map((p) => [p.id, p.name]));
  const missing = [
    ...new Set(people.map((p) => p.managerId).filter((id): id is string => !!id && !names.has(id))),
  ];
  for (const manager of await Promise.all(missing.map((id) => deps.store.people.get(id))))
    if (manager) names.set(manager.id, manager.name);
  const states = await statesOf(deps, people);
  return people.map((person) => ({
    person,
    manager: person.managerId ? names.get(person.managerId) : undefined,
    state: states.get(person.id) ?? { kind: "never" },
  }));
}

/** A level's or a role's name in the person's framework; the id when the framework does not know it. */
function placementName(
  frameworks: Map<string, FrameworkIndex>,
  person: Person,
  kind: "level" | "role",
): string {
  const id = person[kind];
  if (!id) return "—";
  const index = person.framework ? frameworks.get(person.framework) : undefined;
  return (kind === "level" ? index?.levels.get(id)?.name : index?.roles.get(id)?.name) ?? id;
}

const PeopleTable: FC<{
  rows: Row[];
  total: number;
  frameworks: Map<string, FrameworkIndex>;
  links: Links;
}> = ({ rows, total, frameworks, links }) => (
  <div class="table-scroll">
    <table class="people stack-on-phone" id="people">
      <caption>{`${total} ${total === 1 ? "person" : "people"}`}</caption>
      <thead>
        <tr>
          <th scope="col" class="pick">
            <span class="visually-hidden">Pick to invite</span>
          </th>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Manager</th>
          <th scope="col">Level</th>
          <th scope="col">Role</th>
          <th scope="col">Sign-in</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ person: p, manager, state }) => (
          <tr id={`person-${p.id}`}>
            <td class="pick">
              <input
                type="checkbox"
                form="invite"
                name="person"
                value={p.id}
                id={`pick-${p.id}`}
                aria-label={`Pick ${isolated(p.name)} to invite`}
              />
            </td>
            <th scope="row">
              <a href={links.to(paths.adminPerson(p.id))}>{p.name}</a>
            </th>
            <td data-label="Email">{p.email}</td>
            <td data-label="Manager">{manager ?? "—"}</td>
            <td data-label="Level">{placementName(frameworks, p, "level")}</td>
            <td data-label="Role">{placementName(frameworks, p, "role")}</td>
            <td data-label="Sign-in">
              <SignInStateText state={state} admin={p.admin} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** The invitation form the list's checkboxes belong to, and how invitations go out on this instance. */
export const InviteForm: FC<{
  links: Links;
  csrf: string;
  mailFrom: string | undefined;
  problem?: string;
}> = ({ links, csrf, mailFrom, problem }) => (
  <form id="invite" method="post" action={links.to(paths.adminInvitations())}>
    <CsrfField token={csrf} />
    {problem ? (
      <p class="problems" role="alert">
        {problem}
      </p>
    ) : null}
    <div class="invite-actions">
      <button type="submit">Invite the people picked</button>
      <button type="submit" name="everyone" value="without-password" class="secondary">
        Invite everyone without a password
      </button>
    </div>
    <p class="meta">
      {mailFrom
        ? `Each gets a mail from ${mailFrom} with a link to choose their password.`
        : "No mail server is set (RUNGS_SMTP_URL), so you get each link to copy and pass on."}
    </p>
  </form>
);

/** What the list page shows besides the people: the create form's state, an invitation problem. */
export interface ListPageState {
  form?: PersonForm;
  problems?: FieldProblem[];
  inviteProblem?: string;
  status?: 200 | 409 | 422;
}

export async function listPage(
  deps: AdminDeps,
  c: Context<AppEnv>,
  viewer: Viewer,
  { form = EMPTY, problems = [], inviteProblem, status = 200 }: ListPageState = {},
): Promise<Response> {
  const { store, registry } = deps;
  const links = c.get("links");
  const q = c.req.query("q") ?? "";
  const search = checkText(q, "q", "The search", TEXT_LIMITS.search);
  const found = search.problem
    ? { people: [], total: 0 }
    : await store.people.list({ query: search.value, emailsOf: "everyone", limit: 500 });
  const frameworks = indexesById(registry);
  return html(
    c,
    <Page
      title="Admin: people"
      links={links}
      kind="admin"
      crumbs={[{ label: "Home", href: links.to(paths.home()) }, { label: "Admin: people" }]}
    >
      <h1>Admin: people</h1>
      {notice(c)}
      <nav class="actions" aria-label="Admin">
        <a href={links.to(paths.adminImport())}>Import people from CSV</a>
        <a href={links.to(paths.adminCycles())}>Assessment cycles</a>
        <a href={links.to(paths.adminTeam())}>Organization heatmap and calibration</a>
        <a href={links.to(paths.adminSettings())}>Settings</a>
      </nav>
      <PeopleSearch
        action={links.to(paths.adminPeople())}
        id="admin-q"
        label="Search by name or email"
        q={q}
        problem={search.problem?.message}
      />
      <PeopleTable
        rows={await rowsOf(deps, found.people)}
        total={found.total}
        frameworks={frameworks}
        links={links}
      />
      <InviteForm
        links={links}
        csrf={viewer.csrfToken}
        mailFrom={deps.config.mail?.from}
        {...(inviteProblem ? { problem: inviteProblem } : {})}
      />
      <Section id="create" title="Add a person">
        <ProblemSummary problems={problems} form="create" title="The person was not created" />
        <form method="post" action={links.to(paths.adminPeople())} class="stacked" novalidate>
          <CsrfField token={viewer.csrfToken} />
          <PersonFields form="create" value={form} frameworks={frameworks} problems={problems} withManager />
          <button type="submit">Add person</button>
        </form>
      </Section>
    </Page>,
    search.problem && status === 200 ? 422 : status,
  );
}

/** The person's fields: name, email, placement, admin. */
const DetailsSection: FC<{
  person: Person;
  value: PersonForm;
  version: number;
  csrf: string;
  frameworks: Map<string, FrameworkIndex>;
  problems: FieldProblem[];
  links: Links;
}> = ({ person, value, version, csrf, frameworks, problems, links }) => (
  <Section id="details" title="Details">
    <ProblemSummary
      problems={problems.filter((p) => p.field !== "manager")}
      form="edit"
      title="The changes were not saved"
    />
    <form method="post" action={links.to(paths.adminPerson(person.id))} class="stacked" novalidate>
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={String(version)} />
      <PersonFields
        form="edit"
        value={value}
        frameworks={frameworks}
        problems={problems}
        withManager={false}
      />
      <button type="submit">Save</button>
    </form>
  </Section>
);

const ManagerSection: FC<{
  person: Person;
  managerEmail: string;
  csrf: string;
  problems: FieldProblem[];
  links: Links;
}> = ({ person, managerEmail, csrf, problems, links }) => (
  <Section id="manager" title="Manager">
    <ProblemSummary
      problems={problems.filter((p) => p.field === "manager")}
      form="manager"
      title="The manager was not changed"
    />
    <form method="post" action={links.to(paths.adminPersonManager(person.id))} class="stacked" novalidate>
      <CsrfField token={csrf} />
      <Field
        form="manager"
        name="manager"
        label="Manager's email"
        type="email"
        value={managerEmail}
        autocomplete="off"
        maxlength={TEXT_LIMITS.email}
        hint="Leave empty for no manager."
        required={false}
        problems={problems}
      />
      <button type="submit">Set manager</button>
    </form>
  </Section>
);

/** Whether they can sign in, their invitation (sent, resent), and deactivating or reactivating them. */
const StatusSection: FC<{ person: Person; state: SignInState; csrf: string; links: Links }> = ({
  person,
  state,
  csrf,
  links,
}) => (
  <Section id="status" title="Sign-in">
    <p>
      <SignInStateText state={state} admin={person.admin} />
    </p>
    <div class="actions">
      {state.kind === "invited" || state.kind === "expired" || state.kind === "never" ? (
        <form method="post" action={links.to(paths.adminInvite(person.id))}>
          <CsrfField token={csrf} />
          <button type="submit">{state.kind === "never" ? "Invite" : "Invite again (new link)"}</button>
        </form>
      ) : null}
      <form method="post" action={links.to(paths.adminPersonActive(person.id, !person.active))}>
        <CsrfField token={csrf} />
        <button type="submit" class="secondary">
          {person.active ? "Deactivate" : "Reactivate"}
        </button>
      </form>
    </div>
  </Section>
);

export async function editPage(
  deps: AdminDeps,
  c: Context<AppEnv>,
  viewer: Viewer,
  person: Person,
  form?: PersonForm,
  problems: FieldProblem[] = [],
  status: 200 | 409 | 422 = 200,
  version = person.version,
): Promise<Response> {
  const { store, registry } = deps;
  const links = c.get("links");
  const manager = person.managerId ? await store.people.get(person.managerId) : undefined;
  const value: PersonForm = form ?? {
    name: person.name,
    email: person.email,
    managerEmail: manager?.email ?? "",
    framework: person.framework,
    track: person.track,
    level: person.level,
    role: person.role,
    admin: person.admin,
  };
  const state = (await statesOf(deps, [person])).get(person.id) ?? { kind: "never" };
  const csrf = viewer.csrfToken;
  return html(
    c,
    <Page
      title={`Edit ${isolated(person.name)}`}
      links={links}
      kind="admin"
      crumbs={crumbsFor(links, person.name)}
    >
      <h1>
        Edit <bdi>{person.name}</bdi>
      </h1>
      {notice(c)}
      <p>
        <a href={links.to(paths.person(person.id))}>Person page</a>
        {" · "}
        <a href={links.to(paths.adminResetLink(person.id))}>Password reset link</a>
      </p>
      <DetailsSection
        person={person}
        value={value}
        version={version}
        csrf={csrf}
        frameworks={indexesById(registry)}
        problems={problems}
        links={links}
      />
      <ManagerSection
        person={person}
        managerEmail={value.managerEmail}
        csrf={csrf}
        problems={problems}
        links={links}
      />
      <StatusSection person={person} state={state} csrf={csrf} links={links} />
    </Page>,
    status,
  );
}
