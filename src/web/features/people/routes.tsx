/**
 * The directory (/people/?q=): everyone signed in sees name, role and level of everyone; a person's page
 * (/people/:id/) with their placement, manager and reports, for whom the policy allows (self, anyone up the
 * chain, admins; others get the policy's 404). And the signed-in person's data as a JSON download.
 */
import type { Context } from "hono";
import type { FrameworkIndex } from "../../../core/model.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { checkText } from "../../../store/person-input.js";
import { ORGANIZATION_KEY } from "../../../store/settings.repository.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { Person, Problem } from "../../../store/types.js";
import { denied, PRIVATE } from "../../auth/pages.js";
import { can, personReadScope } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { html } from "../../components/html.js";
import { Page, Section } from "../../components/page.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { type Links, paths } from "../../links.js";

const DIRECTORY_PAGE = 50;

/** What anyone signed in may know about anyone: the directory's columns. */
function directoryEntry(p: Person) {
  return { id: p.id, name: p.name, role: p.role, level: p.level };
}

function indexOf(registry: FrameworkRegistry, fw: string | null): FrameworkIndex | undefined {
  if (!fw) return undefined;
  const loaded = registry.get(fw);
  return loaded?.ok ? loaded.index : undefined;
}

/** A person's level, as a link to the framework's level page when the framework knows it. */
export function LevelOf({ p, registry, links }: { p: Person; registry: FrameworkRegistry; links: Links }) {
  if (!p.level) return <span class="none">—</span>;
  const index = indexOf(registry, p.framework);
  const level = index?.levels.get(p.level);
  if (!level || !p.framework) return <span>{p.level}</span>;
  return <a href={links.to(paths.level(p.framework, p.level))}>{level.name}</a>;
}

/** A person's role, as a link to the framework's role page (at their level) when the framework knows it. */
export function RoleOf({ p, registry, links }: { p: Person; registry: FrameworkRegistry; links: Links }) {
  if (!p.role) return <span class="none">—</span>;
  const index = indexOf(registry, p.framework);
  const role = index?.roles.get(p.role);
  if (!role || !p.framework) return <span>{p.role}</span>;
  const atLevel = p.level && role.levels.includes(p.level) ? p.level : undefined;
  return <a href={links.to(paths.role(p.framework, p.role, atLevel))}>{role.name}</a>;
}

export function peopleRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;

  /** One page of the directory: name, role and level of active people, the same for every signed-in person. */
  const directory = async (c: Context<AppEnv>) => {
    const raw = c.req.query("q") ?? "";
    const checked = checkText(raw, "q", "The search", TEXT_LIMITS.search);
    const problem: Problem | undefined = checked.problem;
    if (problem) return { q: raw, problem };
    const q = checked.value ?? "";
    const requested = Number(c.req.query("page") ?? "1");
    const page = Number.isSafeInteger(requested) && requested >= 1 ? requested : 1;
    const found = await store.people.list({
      query: q,
      // emails are matched only where the searcher may see them, or a search would spell them out
      emailsOf: personReadScope(actorOf(c)),
      active: true,
      limit: DIRECTORY_PAGE,
      offset: (page - 1) * DIRECTORY_PAGE,
    });
    const pages = Math.max(1, Math.ceil(found.total / DIRECTORY_PAGE));
    return { q, page, pages, total: found.total, people: found.people };
  };

  app.get("/api/people", async (c) => {
    const decision = await can(actorOf(c), "person:read-directory", { id: "" });
    if (!decision.allowed) return denied(c, decision);
    const found = await directory(c);
    if (found.problem) return c.json({ error: found.problem.message, parameter: "q" }, 422, PRIVATE);
    const { q, page, pages, total, people } = found;
    return c.json({ query: q, page, pages, total, people: people.map(directoryEntry) }, 200, PRIVATE);
  });

  app.get("/api/people/:id", async (c) => {
    const id = c.req.param("id");
    const decision = await can(actorOf(c), "person:read", { id });
    if (!decision.allowed) return denied(c, decision);
    const person = await store.people.get(id);
    if (!person) return c.notFound();
    const [manager, reports] = await Promise.all([
      person.managerId ? store.people.get(person.managerId) : undefined,
      store.people.reports(person.id),
    ]);
    return c.json(
      {
        ...directoryEntry(person),
        email: person.email,
        framework: person.framework,
        track: person.track,
        active: person.active,
        manager: manager ? { id: manager.id, name: manager.name } : null,
        reports: reports.map((r) => ({ id: r.id, name: r.name })),
      },
      200,
      PRIVATE,
    );
  });

  app.get("/people/", async (c) => {
    const decision = await can(actorOf(c), "person:read-directory", { id: "" });
    if (!decision.allowed) return denied(c, decision);
    const links = c.get("links");
    const found = await directory(c);
    const { q } = found;
    const { page, pages, total, people } = found.problem
      ? { page: 1, pages: 1, total: 0, people: [] }
      : found;
    const first = (page - 1) * DIRECTORY_PAGE + 1;
    const pageHref = (n: number) =>
      `${links.to(paths.people())}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
    c.header("Cache-Control", "private, no-store");
    return html(
      c,
      <Page
        title={q ? `People matching “${q}”` : "People"}
        links={links}
        kind="people"
        crumbs={[{ label: "Home", href: links.to(paths.home()) }, { label: "People" }]}
      >
        <h1>People</h1>
        <form method="get" action={links.to(paths.people())} class="people-search">
          <label for="people-q">
            {c.get("viewer")?.person.admin
              ? "Search by name or email"
              : "Search by name (or your team’s emails)"}
          </label>
          <input
            id="people-q"
            name="q"
            type="search"
            value={q}
            autocomplete="off"
            maxlength={TEXT_LIMITS.search}
            aria-invalid={found.problem ? "true" : undefined}
          />
          <button type="submit">Search</button>
        </form>
        {found.problem ? (
          <p class="problems" role="alert">
            {found.problem.message}
          </p>
        ) : null}
        <div class="table-scroll">
          <table class="people" id="directory">
            <caption>
              {total === 0
                ? "Nobody matches"
                : `${total} ${total === 1 ? "person" : "people"}${q ? " matching" : ""}${pages > 1 ? `, ${first}–${first + people.length - 1} shown` : ""}`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Level</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr id={`person-${p.id}`}>
                  <th scope="row">
                    <a href={links.to(paths.person(p.id))}>{p.name}</a>
                  </th>
                  <td>
                    <RoleOf p={p} registry={registry} links={links} />
                  </td>
                  <td>
                    <LevelOf p={p} registry={registry} links={links} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {pages > 1 ? (
          <nav class="pager" aria-label="Pages">
            {page > 1 ? (
              <a href={pageHref(page - 1)} rel="prev">
                Previous
              </a>
            ) : null}
            <span>{`Page ${page} of ${pages}`}</span>
            {page < pages ? (
              <a href={pageHref(page + 1)} rel="next">
                Next
              </a>
            ) : null}
          </nav>
        ) : null}
      </Page>,
      found.problem ? 422 : 200,
    );
  });

  app.get("/people/:id/", async (c) => {
    const id = c.req.param("id");
    const decision = await can(actorOf(c), "person:read", { id });
    if (!decision.allowed) return denied(c, decision);
    const person = await store.people.get(id);
    if (!person) return c.notFound();
    const [manager, reports] = await Promise.all([
      person.managerId ? store.people.get(person.managerId) : undefined,
      store.people.reports(person.id),
    ]);
    const canAssess = (await can(actorOf(c), "assessment:manager", { id: person.id })).allowed;
    return personPage(c, registry, person, manager, reports, canAssess);
  });

  app.get(paths.accountExport(), async (c) => {
    const viewer = c.get("viewer");
    const decision = await can(actorOf(c), "person:read", { id: viewer?.person.id ?? "" });
    if (!decision.allowed) return denied(c, decision);
    if (!viewer) return c.notFound();
    const person = (await store.people.get(viewer.person.id)) ?? viewer.person;
    const [sessions, manager, reports, organization] = await Promise.all([
      store.sessions.listFor(person.id),
      person.managerId ? store.people.get(person.managerId) : undefined,
      store.people.reports(person.id),
      store.settings.get(ORGANIZATION_KEY),
    ]);
    const body = {
      exportedAt: auth.clock.now().toISOString(),
      person: {
        id: person.id,
        name: person.name,
        email: person.email,
        framework: person.framework,
        track: person.track,
        level: person.level,
        role: person.role,
        active: person.active,
        admin: person.admin,
        hasPassword: person.hasPassword,
        version: person.version,
        createdAt: person.createdAt.toISOString(),
        updatedAt: person.updatedAt.toISOString(),
        manager: manager ? { id: manager.id, name: manager.name } : null,
        reports: reports.map((r) => ({ id: r.id, name: r.name })),
      },
      sessions: sessions.map((s) => ({
        id: s.id,
        current: s.id === viewer.session.id,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        userAgent: s.userAgent,
        ip: s.ip,
      })),
      settings: { organizationName: organization ?? null },
    };
    return c.body(JSON.stringify(body, null, 2), 200, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="rungs-my-data.json"',
      "Cache-Control": "private, no-store",
    });
  });
}

function personPage(
  c: Context<AppEnv>,
  registry: FrameworkRegistry,
  person: Person,
  manager: Person | undefined,
  reports: Person[],
  canAssess: boolean,
): Response {
  const links = c.get("links");
  const index = indexOf(registry, person.framework);
  const track = person.track ? (index?.tracks.get(person.track)?.name ?? person.track) : undefined;
  const viewer = c.get("viewer");
  c.header("Cache-Control", "private, no-store");
  return html(
    c,
    <Page
      title={person.name}
      links={links}
      kind="people"
      crumbs={[
        { label: "Home", href: links.to(paths.home()) },
        { label: "People", href: links.to(paths.people()) },
        { label: person.name },
      ]}
    >
      <h1>{person.name}</h1>
      {person.active ? null : <p class="notice">This person is deactivated.</p>}
      <Section id="placement" title="Placement">
        <dl class="profile">
          <dt>Role</dt>
          <dd>
            <RoleOf p={person} registry={registry} links={links} />
          </dd>
          <dt>Level</dt>
          <dd>
            <LevelOf p={person} registry={registry} links={links} />
          </dd>
          <dt>Framework</dt>
          <dd>
            {person.framework ? (
              index ? (
                <a href={links.to(paths.framework(person.framework))}>{index.framework.name}</a>
              ) : (
                person.framework
              )
            ) : (
              "—"
            )}
          </dd>
          <dt>Track</dt>
          <dd>{track ?? "—"}</dd>
          <dt>Email</dt>
          <dd>{person.email}</dd>
          <dt>Manager</dt>
          <dd>{manager ? <a href={links.to(paths.person(manager.id))}>{manager.name}</a> : "—"}</dd>
        </dl>
        {viewer?.person.admin ? (
          <p>
            <a href={links.to(paths.adminPerson(person.id))}>Edit as admin</a>
          </p>
        ) : null}
      </Section>
      {person.framework ? (
        <Section id="growth" title="Growth">
          <ul class="growth-links">
            <li>
              <a href={links.to(paths.profile(person.id))}>Profile</a>: the latest assessment against the next
              level
            </li>
            <li>
              <a href={links.to(paths.history(person.id))}>History</a> of every submitted assessment
            </li>
            {viewer?.person.id === person.id ? (
              <li>
                <a href={links.to(paths.assessmentForm(person.id, "self"))}>Assess myself</a>
              </li>
            ) : canAssess ? (
              <li>
                <a href={links.to(paths.assessmentForm(person.id, "manager"))}>Assess {person.name}</a> ·{" "}
                <a href={links.to(paths.assessmentReview(person.id))}>Review together</a>
              </li>
            ) : null}
          </ul>
        </Section>
      ) : null}
      <Section id="reports" title="Reports">
        {reports.length ? (
          <ul class="reports">
            {reports.map((r) => (
              <li id={`report-${r.id}`}>
                <a href={links.to(paths.person(r.id))}>{r.name}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>No direct reports.</p>
        )}
      </Section>
    </Page>,
  );
}
