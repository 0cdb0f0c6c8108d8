/**
 * Admin pages (policy "person:admin"): people (list, create, edit with optimistic concurrency, manager,
 * deactivate/reactivate), CSV import (preview listing every row's problem by line, then an all-or-nothing
 * import), and instance settings.
 */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { FrameworkIndex } from "../../../core/model.js";
import { readPeopleCsv } from "../../../core/people-csv.js";
import { checkPlacement } from "../../../core/placement.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { type ImportLineProblem, PeopleImportService } from "../../../services/people-import.js";
import { checkText } from "../../../store/person-input.js";
import { ORGANIZATION_KEY } from "../../../store/settings.repository.js";
import type { Store } from "../../../store/store.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { Person, Problem } from "../../../store/types.js";
import { denied } from "../../auth/pages.js";
import { can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { CsrfField, Field, type FieldProblem, formText, ProblemSummary } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Notice, Page, Section } from "../../components/page.js";
import type { App, AppEnv, RouteDeps, Viewer } from "../../context.js";
import { type Links, paths } from "../../links.js";
import { acceptsUpload } from "../../middleware/body-limit.js";

/**
 * The largest CSV an import reads, pasted or uploaded, in UTF-8 bytes: far more than any organization's
 * people list (100,000 people take about 6 MB only with every column filled), and small enough to check
 * in one request. Larger is refused whole, never cut: a cut file would import only its first part.
 */
export const CSV_MAX_BYTES = 5 * 1024 * 1024;

// a Map: `done` comes from the query string, and "constructor" is no notice
const NOTICES = new Map<string, string>(
  Object.entries({
    created: "The person was created.",
    saved: "Your changes were saved.",
    "manager-set": "The manager was changed.",
    deactivated: "The person was deactivated; they can no longer sign in.",
    reactivated: "The person was reactivated.",
    "settings-saved": "The settings were saved.",
  }),
);

async function adminOnly(c: Context<AppEnv>): Promise<Viewer | Response> {
  const decision = await can(actorOf(c), "person:admin", { id: "" });
  if (!decision.allowed) return denied(c, decision);
  const viewer = c.get("viewer");
  if (!viewer) throw new Error("policy allowed an anonymous request");
  return viewer;
}

function frameworksOf(registry: FrameworkRegistry): Map<string, FrameworkIndex> {
  const map = new Map<string, FrameworkIndex>();
  for (const fw of registry.list()) if (fw.ok && fw.index) map.set(fw.id, fw.index);
  return map;
}

const blank = (v: string): string | null => (v.trim() ? v.trim() : null);

/** A select whose options come from the loaded frameworks, grouped by framework. */
function PlacementSelect(props: {
  form: string;
  name: "framework" | "track" | "level" | "role";
  label: string;
  frameworks: Map<string, FrameworkIndex>;
  value: string | null;
  problems: FieldProblem[];
}) {
  const id = `${props.form}-${props.name}`;
  const mine = props.problems.filter((p) => p.field === props.name);
  const groups = [...props.frameworks].map(([fwId, index]) => {
    const items =
      props.name === "track"
        ? [...index.tracks.values()].map((t) => [t.id, t.name] as const)
        : props.name === "level"
          ? index.levelOrder.map((l) => [l, index.levels.get(l)?.name ?? l] as const)
          : [...index.roles.values()].map((r) => [r.id, r.name] as const);
    return { fwId, name: index.framework.name, items };
  });
  return (
    <div class={mine.length ? "field invalid" : "field"}>
      <label for={id}>{props.label}</label>
      {mine.length ? (
        <p class="field-problem" id={`${id}-problem`}>
          {mine.map((p) => p.message).join(" ")}
        </p>
      ) : null}
      <select id={id} name={props.name} aria-describedby={mine.length ? `${id}-problem` : undefined}>
        <option value="">None</option>
        {props.name === "framework"
          ? groups.map((g) => (
              <option value={g.fwId} selected={props.value === g.fwId}>
                {g.name}
              </option>
            ))
          : groups.map((g) => (
              <optgroup label={g.name}>
                {g.items.map(([value, text]) => (
                  <option value={value} selected={props.value === value}>
                    {text}
                  </option>
                ))}
              </optgroup>
            ))}
      </select>
    </div>
  );
}

interface PersonForm {
  name: string;
  email: string;
  managerEmail: string;
  framework: string | null;
  track: string | null;
  level: string | null;
  role: string | null;
  admin: boolean;
}

function readPersonForm(body: Record<string, unknown>): PersonForm {
  return {
    name: formText(body, "name").trim(),
    email: formText(body, "email").trim(),
    managerEmail: formText(body, "manager").trim(),
    framework: blank(formText(body, "framework")),
    track: blank(formText(body, "track")),
    level: blank(formText(body, "level")),
    role: blank(formText(body, "role")),
    admin: formText(body, "admin") === "on",
  };
}

function storeProblems(problems: Problem[]): FieldProblem[] {
  return problems.map((p) => ({
    field: p.field === "managerId" ? "manager" : (p.field ?? ""),
    message: p.message,
  }));
}

function PersonFields(props: {
  form: string;
  value: PersonForm;
  frameworks: Map<string, FrameworkIndex>;
  problems: FieldProblem[];
  withManager: boolean;
}) {
  const { form, value, frameworks, problems } = props;
  return (
    <>
      <Field
        form={form}
        name="name"
        label="Name"
        value={value.name}
        autocomplete="off"
        maxlength={TEXT_LIMITS.personName}
        problems={problems}
      />
      <Field
        form={form}
        name="email"
        label="Email"
        type="email"
        value={value.email}
        autocomplete="off"
        maxlength={TEXT_LIMITS.email}
        problems={problems}
      />
      {props.withManager ? (
        <Field
          form={form}
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
      ) : null}
      <PlacementSelect
        form={form}
        name="framework"
        label="Framework"
        frameworks={frameworks}
        value={value.framework}
        problems={problems}
      />
      <PlacementSelect
        form={form}
        name="track"
        label="Track"
        frameworks={frameworks}
        value={value.track}
        problems={problems}
      />
      <PlacementSelect
        form={form}
        name="level"
        label="Level"
        frameworks={frameworks}
        value={value.level}
        problems={problems}
      />
      <PlacementSelect
        form={form}
        name="role"
        label="Role"
        frameworks={frameworks}
        value={value.role}
        problems={problems}
      />
      <div class="field checkbox">
        <input id={`${form}-admin`} name="admin" type="checkbox" checked={value.admin} />
        <label for={`${form}-admin`}>Admin</label>
      </div>
    </>
  );
}

function notice(c: Context<AppEnv>) {
  const done = c.req.query("done");
  return <Notice text={done !== undefined ? NOTICES.get(done) : undefined} />;
}

const crumbsFor = (links: Links, label: string) => [
  { label: "Home", href: links.to(paths.home()) },
  { label: "Admin: people", href: links.to(paths.adminPeople()) },
  { label },
];

const EMPTY: PersonForm = {
  name: "",
  email: "",
  managerEmail: "",
  framework: null,
  track: null,
  level: null,
  role: null,
  admin: false,
};

export function adminRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;

  const listPage = async (
    c: Context<AppEnv>,
    viewer: Viewer,
    form: PersonForm = EMPTY,
    problems: FieldProblem[] = [],
    status: 200 | 409 | 422 = 200,
  ) => {
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
              frameworks={frameworksOf(registry)}
              problems={problems}
              withManager
            />
            <button type="submit">Add person</button>
          </form>
        </Section>
      </Page>,
      search.problem && status === 200 ? 422 : status,
    );
  };

  const editPage = async (
    c: Context<AppEnv>,
    viewer: Viewer,
    person: Person,
    form?: PersonForm,
    problems: FieldProblem[] = [],
    status: 200 | 409 | 422 = 200,
    version = person.version,
  ) => {
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
              frameworks={frameworksOf(registry)}
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
          <form
            method="post"
            action={links.to(paths.adminPersonManager(person.id))}
            class="stacked"
            novalidate
          >
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
  };

  const statusOf = (problems: Problem[]): 409 | 422 =>
    problems.some((p) => p.kind === "conflict") ? 409 : 422;

  app.get("/admin/people/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return listPage(c, viewer);
  });

  app.post("/admin/people/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const form = readPersonForm(await c.req.parseBody());
    const problems: FieldProblem[] = checkPlacement(frameworksOf(registry), form).map((p) => ({
      field: p.field,
      message: `${p.field}: ${p.message}`,
    }));
    let managerId: string | null = null;
    if (form.managerEmail) {
      const manager = await store.people.getByEmail(form.managerEmail);
      if (manager) managerId = manager.id;
      else problems.push({ field: "manager", message: "Nobody has that manager email." });
    }
    if (problems.length) return listPage(c, viewer, form, problems, 422);
    const created = await store.people.create({ ...form, managerId });
    if (!created.ok)
      return listPage(c, viewer, form, storeProblems(created.problems), statusOf(created.problems));
    return c.redirect(`${paths.adminPerson(created.value.id)}?done=created`, 303);
  });

  const target = async (c: Context<AppEnv>) => {
    const id = c.req.param("id") ?? "";
    return await store.people.get(id);
  };

  app.get("/admin/people/:id/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const person = await target(c);
    if (!person) return c.notFound();
    return editPage(c, viewer, person);
  });

  app.post("/admin/people/:id/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const person = await target(c);
    if (!person) return c.notFound();
    const body = await c.req.parseBody();
    const form = readPersonForm(body);
    const version = Number(formText(body, "version"));
    const problems: FieldProblem[] = checkPlacement(frameworksOf(registry), form).map((p) => ({
      field: p.field,
      message: `${p.field}: ${p.message}`,
    }));
    if (problems.length) return editPage(c, viewer, person, form, problems, 422, version);
    if (person.admin && !form.admin && person.active && (await store.people.countAdmins()) <= 1) {
      return editPage(
        c,
        viewer,
        person,
        form,
        [{ field: "", message: "This is the last active admin; make someone else an admin first." }],
        409,
        version,
      );
    }
    const { managerEmail: _unused, ...changes } = form;
    const updated = await store.people.update(person.id, Number.isInteger(version) ? version : -1, changes);
    if (!updated.ok) {
      // a stale edit: show the current record (and its version) with the message
      const fresh = (await store.people.get(person.id)) ?? person;
      return editPage(
        c,
        viewer,
        fresh,
        form,
        storeProblems(updated.problems),
        statusOf(updated.problems),
        fresh.version,
      );
    }
    return c.redirect(`${paths.adminPerson(person.id)}?done=saved`, 303);
  });

  app.post("/admin/people/:id/manager", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const person = await target(c);
    if (!person) return c.notFound();
    const email = formText(await c.req.parseBody(), "manager").trim();
    let managerId: string | null = null;
    if (email) {
      const manager = await store.people.getByEmail(email);
      if (!manager) {
        return editPage(
          c,
          viewer,
          person,
          undefined,
          [{ field: "manager", message: "Nobody has that manager email." }],
          422,
        );
      }
      managerId = manager.id;
    }
    const result = await store.people.setManager(person.id, managerId);
    if (!result.ok)
      return editPage(
        c,
        viewer,
        person,
        undefined,
        storeProblems(result.problems),
        statusOf(result.problems),
      );
    return c.redirect(`${paths.adminPerson(person.id)}?done=manager-set`, 303);
  });

  for (const active of [false, true]) {
    app.post(`/admin/people/:id/${active ? "reactivate" : "deactivate"}`, async (c) => {
      const viewer = await adminOnly(c);
      if (viewer instanceof Response) return viewer;
      const person = await target(c);
      if (!person) return c.notFound();
      if (!active && person.admin && person.active && (await store.people.countAdmins()) <= 1) {
        return editPage(
          c,
          viewer,
          person,
          undefined,
          [
            {
              field: "",
              message:
                "This is the last active admin and cannot be deactivated; make someone else an admin first.",
            },
          ],
          409,
        );
      }
      const result = active
        ? await store.people.reactivate(person.id)
        : await store.people.deactivate(person.id);
      if (!result.ok)
        return editPage(
          c,
          viewer,
          person,
          undefined,
          storeProblems(result.problems),
          statusOf(result.problems),
        );
      if (!active) await store.sessions.revokeAllFor(person.id);
      return c.redirect(
        `${paths.adminPerson(person.id)}?done=${active ? "reactivated" : "deactivated"}`,
        303,
      );
    });
  }

  importRoutes(app, store, registry);
  settingsRoutes(app, store);
}

function importService(store: Store, registry: FrameworkRegistry): PeopleImportService {
  return new PeopleImportService({ people: store.people, frameworks: () => frameworksOf(registry) });
}

/** The CSV of an import form (the file when one is chosen, else the pasted text), or why it cannot be read. */
async function csvFrom(body: Record<string, unknown>): Promise<{ text: string } | { tooLarge: string }> {
  const file = body.file;
  const upload = file instanceof File && file.size > 0;
  const bytes = upload ? file.size : Buffer.byteLength(formText(body, "csv"), "utf8");
  if (bytes > CSV_MAX_BYTES) {
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    return {
      tooLarge: `The ${upload ? "uploaded" : "pasted"} CSV is ${mib(bytes)} (${bytes} bytes); at most ${mib(CSV_MAX_BYTES)} can be imported at once. Nothing was imported: split the file and import the parts one after the other.`,
    };
  }
  return { text: upload ? await file.text() : formText(body, "csv") };
}

function importRoutes(app: App, store: Store, registry: FrameworkRegistry): void {
  const page = (
    c: Context<AppEnv>,
    viewer: Viewer,
    content: Child,
    status: 200 | 422 | 409 = 200,
    title = "Import people",
    /** The CSV to offer again for fixing in place (after a preview found problems). */
    csv = "",
  ) => {
    const links = c.get("links");
    c.header("Cache-Control", "private, no-store");
    return html(
      c,
      <Page title={title} links={links} kind="admin" crumbs={crumbsFor(links, "Import")}>
        <h1>{title}</h1>
        {content}
        <Section id="upload" title="Upload a CSV">
          <p>
            Columns: <code>name,email,manager_email,framework,track,level,role</code> (name and email
            required). Nothing is written until you confirm the preview.
          </p>
          <form
            method="post"
            action={links.to(paths.adminImport())}
            enctype="multipart/form-data"
            class="stacked"
          >
            <CsrfField token={viewer.csrfToken} />
            <div class="field">
              <label for="import-file">CSV file</label>
              <input id="import-file" name="file" type="file" accept=".csv,text/csv" />
            </div>
            <div class="field">
              <label for="import-csv">{csv ? "Or fix the CSV here" : "Or paste the CSV"}</label>
              <textarea
                id="import-csv"
                name="csv"
                wrap="off"
                rows={csv ? Math.min(20, csv.split("\n").length + 1) : 8}
              >
                {csv}
              </textarea>
            </div>
            <button type="submit">Preview</button>
          </form>
        </Section>
      </Page>,
      status,
    );
  };

  app.get("/admin/import/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return page(c, viewer, null);
  });

  app.post("/admin/import/", acceptsUpload, async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const csv = await csvFrom(await c.req.parseBody());
    const links = c.get("links");
    if ("tooLarge" in csv || !csv.text.trim())
      return page(
        c,
        viewer,
        <p class="problems" role="alert">
          {"tooLarge" in csv ? csv.tooLarge : "No CSV was given."}
        </p>,
        422,
      );
    const text = csv.text;
    const checked = await importService(store, registry).preview(readPeopleCsv(text));
    if (checked.problems.length) {
      const lines = new Set(checked.problems.map((p) => p.line)).size;
      return page(
        c,
        viewer,
        <Section id="preview" title="Preview: problems">
          <p role="alert">{`${checked.problems.length} problem${checked.problems.length === 1 ? "" : "s"} on ${lines} line${lines === 1 ? "" : "s"}; nothing was written. Fix them in the CSV below (or in your file) and preview again.`}</p>
          <div class="table-scroll">
            <table class="import-problems">
              <caption>Problems by line</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {checked.problems.map((p) => (
                  <tr id={`line-${p.line}`}>
                    <th scope="row">{String(p.line)}</th>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>,
        422,
        "Import preview",
        text,
      );
    }
    return page(
      c,
      viewer,
      <Section id="preview" title="Preview">
        <p>{`${checked.rows.length} row${checked.rows.length === 1 ? "" : "s"}, no problems. Nothing has been written yet.`}</p>
        <div class="table-scroll">
          <table class="import-plan">
            <caption>What the import will do</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Email</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {checked.rows.map((r) => (
                <tr>
                  <th scope="row">{String(r.line)}</th>
                  <td>{r.email}</td>
                  <td>{r.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form method="post" action={links.to(paths.adminImportConfirm())}>
          <CsrfField token={viewer.csrfToken} />
          <input type="hidden" name="csv" value={text} />
          <button type="submit">Import these people</button>
        </form>
      </Section>,
      200,
      "Import preview",
    );
  });

  app.post("/admin/import/confirm", acceptsUpload, async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const csv = await csvFrom(await c.req.parseBody());
    const fail = (problems: readonly ImportLineProblem[] | string) =>
      page(
        c,
        viewer,
        <ul class="problems" role="alert">
          {typeof problems === "string" ? (
            <li>{problems}</li>
          ) : (
            problems.map((p) => <li>{`Line ${p.line}: ${p.message}`}</li>)
          )}
        </ul>,
        422,
        "Nothing was imported",
      );
    if ("tooLarge" in csv) return fail(csv.tooLarge);
    if (!csv.text.trim()) return fail("No CSV was given.");
    const result = await importService(store, registry).run(readPeopleCsv(csv.text));
    if (!result.ok) return fail(result.problems);
    return page(
      c,
      viewer,
      <Notice
        text={`Imported: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`}
      />,
      200,
      "Import done",
    );
  });
}

/** Settings driven by the environment: shown, never edited here. */
function environmentSettings(c: Context<AppEnv>): [string, string][] {
  const config = c.get("auth")?.config;
  if (!config) return [];
  return [
    ["Sign-in required for framework pages (RUNGS_REQUIRE_LOGIN)", config.requireLogin ? "yes" : "no"],
    ["Trust proxy headers (RUNGS_TRUST_PROXY)", config.trustProxy ? "yes" : "no"],
    ["Session idle timeout (RUNGS_SESSION_IDLE_HOURS)", `${config.idleMs / 3_600_000} h`],
    ["Session maximum age (RUNGS_SESSION_MAX_DAYS)", `${config.absoluteMs / 86_400_000} days`],
    ["Public URL (RUNGS_PUBLIC_URL)", config.publicUrl ?? "(the request's own)"],
    ["Database", process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "SQLite"],
  ];
}

function settingsRoutes(app: App, store: Store): void {
  const page = async (
    c: Context<AppEnv>,
    viewer: Viewer,
    problems: FieldProblem[] = [],
    status: 200 | 422 = 200,
    value?: string,
  ) => {
    const links = c.get("links");
    const organization = value ?? (await store.settings.get(ORGANIZATION_KEY)) ?? "";
    c.header("Cache-Control", "private, no-store");
    return html(
      c,
      <Page title="Settings" links={links} kind="admin" crumbs={crumbsFor(links, "Settings")}>
        <h1>Settings</h1>
        {notice(c)}
        <Section id="organization" title="Organization">
          <ProblemSummary problems={problems} form="settings" title="The settings were not saved" />
          <form method="post" action={links.to(paths.adminSettings())} class="stacked" novalidate>
            <CsrfField token={viewer.csrfToken} />
            <Field
              form="settings"
              name="organization"
              label="Organization name"
              value={organization}
              autocomplete="organization"
              maxlength={TEXT_LIMITS.organizationName}
              required={false}
              problems={problems}
            />
            <button type="submit">Save</button>
          </form>
        </Section>
        <Section id="environment" title="From the environment">
          <p>These are set where the server starts and are shown here read-only.</p>
          <dl class="profile">
            {environmentSettings(c).map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </>
            ))}
          </dl>
        </Section>
      </Page>,
      status,
    );
  };

  app.get("/admin/settings/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return page(c, viewer);
  });

  app.post("/admin/settings/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const raw = formText(await c.req.parseBody(), "organization");
    const checked = checkText(raw, "organization", "The organization name", TEXT_LIMITS.organizationName);
    if (checked.problem) return page(c, viewer, storeProblems([checked.problem]), 422, raw);
    const value = checked.value;
    if (value) await store.settings.set(ORGANIZATION_KEY, value);
    else await store.settings.delete(ORGANIZATION_KEY);
    return c.redirect(`${paths.adminSettings()}?done=settings-saved`, 303);
  });
}
