/** The admin people pages: the list with the create form, and one person's edit page (fields, manager, active). */
import type { Context } from "hono";
import { checkText } from "../../../store/person-input.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { Person } from "../../../store/types.js";
import { CsrfField, Field, type FieldProblem, ProblemSummary } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Page, Section } from "../../components/page.js";
import type { AppEnv, Viewer } from "../../context.js";
import { paths } from "../../links.js";
import { crumbsFor, notice } from "./admin-parts.js";

export { CSV_MAX_BYTES } from "./import.routes.js";

import type { FrameworkRegistry } from "../../../load/registry.js";
import { indexesById } from "../../../services/frameworks.js";
import type { Store } from "../../../store/store.js";
import { EMPTY, PersonFields, type PersonForm } from "./person-form.js";

/** What the admin people pages read. */
export interface AdminDeps {
  store: Store;
  registry: FrameworkRegistry;
}

export async function listPage(
  deps: AdminDeps,
  c: Context<AppEnv>,
  viewer: Viewer,
  form: PersonForm = EMPTY,
  problems: FieldProblem[] = [],
  status: 200 | 409 | 422 = 200,
): Promise<Response> {
  const { store, registry } = deps;
  const links = c.get("links");
  const q = c.req.query("q") ?? "";
  const search = checkText(q, "q", "The search", TEXT_LIMITS.search);
  const found = search.problem
    ? { people: [], total: 0 }
    : await store.people.list({ query: search.value, emailsOf: "everyone", limit: 500 });
  const names = new Map(found.people.map((p) => [p.id, p.name]));
  c.header("Cache-Control", "private, no-store");
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
      <form method="get" action={links.to(paths.adminPeople())} class="people-search">
        <label for="admin-q">Search by name or email</label>
        <input
          id="admin-q"
          name="q"
          type="search"
          value={q}
          autocomplete="off"
          maxlength={TEXT_LIMITS.search}
          aria-invalid={search.problem ? "true" : undefined}
        />
        <button type="submit">Search</button>
      </form>
      {search.problem ? (
        <p class="problems" role="alert">
          {search.problem.message}
        </p>
      ) : null}
      <div class="table-scroll">
        <table class="people" id="people">
          <caption>{`${found.total} ${found.total === 1 ? "person" : "people"}`}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Manager</th>
              <th scope="col">Level</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {found.people.map((p) => (
              <tr id={`person-${p.id}`}>
                <th scope="row">
                  <a href={links.to(paths.adminPerson(p.id))}>{p.name}</a>
                </th>
                <td>{p.email}</td>
                <td>{p.managerId ? (names.get(p.managerId) ?? "—") : "—"}</td>
                <td>{p.level ?? "—"}</td>
                <td>{p.role ?? "—"}</td>
                <td>{`${p.active ? "active" : "deactivated"}${p.admin ? ", admin" : ""}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Section id="create" title="Add a person">
        <ProblemSummary problems={problems} form="create" title="The person was not created" />
        <form method="post" action={links.to(paths.adminPeople())} class="stacked" novalidate>
          <CsrfField token={viewer.csrfToken} />
          <PersonFields
            form="create"
            value={form}
            frameworks={indexesById(registry)}
            problems={problems}
            withManager
          />
          <button type="submit">Add person</button>
        </form>
      </Section>
    </Page>,
    search.problem && status === 200 ? 422 : status,
  );
}

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
  c.header("Cache-Control", "private, no-store");
  return html(
    c,
    <Page title={`Edit ${person.name}`} links={links} kind="admin" crumbs={crumbsFor(links, person.name)}>
      <h1>{`Edit ${person.name}`}</h1>
      {notice(c)}
      <p>
        <a href={links.to(paths.person(person.id))}>Person page</a>
        {" · "}
        <a href={links.to(paths.adminResetLink(person.id))}>Password reset link</a>
      </p>
      <Section id="details" title="Details">
        <ProblemSummary
          problems={problems.filter((p) => p.field !== "manager")}
          form="edit"
          title="The changes were not saved"
        />
        <form method="post" action={links.to(paths.adminPerson(person.id))} class="stacked" novalidate>
          <CsrfField token={viewer.csrfToken} />
          <input type="hidden" name="version" value={String(version)} />
          <PersonFields
            form="edit"
            value={value}
            frameworks={indexesById(registry)}
            problems={problems}
            withManager={false}
          />
          <button type="submit">Save</button>
        </form>
      </Section>
      <Section id="manager" title="Manager">
        <ProblemSummary
          problems={problems.filter((p) => p.field === "manager")}
          form="manager"
          title="The manager was not changed"
        />
        <form method="post" action={links.to(paths.adminPersonManager(person.id))} class="stacked" novalidate>
          <CsrfField token={viewer.csrfToken} />
          <Field
            form="manager"
            name="manager"
            label="Manager's email"
            type="email"
            value={value.managerEmail}
            autocomplete="off"
            maxlength={TEXT_LIMITS.email}
            hint="Leave empty for no manager."
            required={false}
            problems={problems}
          />
          <button type="submit">Set manager</button>
        </form>
      </Section>
      <Section id="status" title="Status">
        <p>{person.active ? "Active: can sign in." : "Deactivated: cannot sign in."}</p>
        <form method="post" action={links.to(paths.adminPersonActive(person.id, !person.active))}>
          <CsrfField token={viewer.csrfToken} />
          <button type="submit" class="secondary">
            {person.active ? "Deactivate" : "Reactivate"}
          </button>
        </form>
      </Section>
    </Page>,
    status,
  );
}
