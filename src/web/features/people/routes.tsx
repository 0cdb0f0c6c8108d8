/**
 * The directory (/people/?q=): everyone signed in sees name, role and level of everyone; a person's page
 * (/people/:id/) with their placement, manager and reports, for whom the policy allows (self, anyone up the
 * chain, admins; others get the policy's 404). And the signed-in person's data as a JSON download.
 */

import type { Context } from "hono";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { DIRECTORY_KEY, ORGANIZATION_KEY } from "../../../store/settings.repository.js";
import type { Store } from "../../../store/store.js";
import type { Person } from "../../../store/types.js";
import { attachment } from "../../attachment.js";
import { denied } from "../../auth/pages.js";
import { can, directorySetting, directoryView, personReadScope } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { html } from "../../components/html.js";
import { Page } from "../../components/page.js";
import type { App, AppContext, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import type { FieldError } from "../../middleware/errors.js";
import { validate } from "../../middleware/validate.js";
import { DIRECTORY_PAGE, Directory, personPage, type ShownEntry } from "./people.page.js";
import { directoryPageQuery, directoryQuery } from "./requests.js";

function directoryEntry(p: Person) {
  return { id: p.id, name: p.name, role: p.role, level: p.level };
}

/**
 * The people of one directory page as `c`'s asker may see them: role and level blanked where the directory
 * setting hides them from colleagues, the manager added where it shows them (one query for all managers).
 * Who of them the asker manages came with the page (`inScope`: the asker and those below them).
 */
async function shownEntries(c: Context<AppEnv>, store: Store, found: DirectoryResult): Promise<ShownEntry[]> {
  const { people, inScope } = found;
  if (!people.length) return [];
  const actor = actorOf(c);
  const setting = directorySetting(await store.settings.get(DIRECTORY_KEY));
  const views = people.map((p) => directoryView(actor, p.id, inScope.has(p.id), setting));
  const managerIds = people.flatMap((p, i) => (views[i]?.has("manager") && p.managerId ? [p.managerId] : []));
  const managers = managerIds.length ? await store.people.byIds(managerIds) : new Map<string, Person>();
  return people.map((p, i) => {
    const view = views[i] ?? new Set();
    const manager = p.managerId ? managers.get(p.managerId) : undefined;
    return {
      person: {
        ...p,
        role: view.has("role") ? p.role : null,
        level: view.has("level") ? p.level : null,
      },
      ...(view.has("manager") ? { manager: manager ? { id: manager.id, name: manager.name } : null } : {}),
    };
  });
}

export function peopleRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  directoryRoutes(app, auth.store, registry);
  personRoutes(app, auth.store, registry);
  accountExportRoute(app, auth);
}

/** The directory, as a page and as JSON: what every signed-in person may see of everyone. */
function directoryRoutes(app: App, store: Store, registry: FrameworkRegistry): void {
  app.get("/api/people", validate("query", directoryQuery), async (c) => {
    const decision = await can(actorOf(c), "person:read-directory", { id: "" });
    if (!decision.allowed) return denied(c, decision);
    const { q, page } = c.req.valid("query");
    const found = await directory(c, store, q ?? "", page ?? 1);
    const { pages, total } = found;
    const shown = (await shownEntries(c, store, found)).map((e) => ({
      ...directoryEntry(e.person),
      ...(e.manager === undefined ? {} : { manager: e.manager }),
    }));
    return c.json({ query: found.q, page: found.page, pages, total, people: shown });
  });

  // a search the rules refuse is shown again with what is wrong, and no one listed
  const refused = (c: Context<AppEnv>, errors: FieldError[]) =>
    directoryPage(
      c,
      registry,
      { q: c.req.query("q") ?? "", page: 1, pages: 1, total: 0, people: [], inScope: new Set<string>() },
      errors,
    );
  app.get("/people/", validate("query", directoryPageQuery, { page: refused }), async (c) => {
    const decision = await can(actorOf(c), "person:read-directory", { id: "" });
    if (!decision.allowed) return denied(c, decision);
    const { q, page } = c.req.valid("query");
    const found = await directory(c, store, q ?? "", page);
    return directoryPage(c, registry, found, [], await shownEntries(c, store, found));
  });
}

type DirectoryResult = Awaited<ReturnType<typeof directory>>;

function directoryPage(
  c: Context<AppEnv>,
  registry: FrameworkRegistry,
  found: DirectoryResult,
  errors: FieldError[] = [],
  entries: ShownEntry[] = [],
): Response {
  const links = c.get("links");
  const { q, page, pages, total } = found;
  const problem = errors.length ? `The search ${errors.map((e) => e.message).join("; ")}.` : undefined;
  return html(
    c,
    <Page
      title={q ? `People matching “${q}”` : "People"}
      links={links}
      kind="people"
      crumbs={[{ label: "Home", href: links.to(paths.home()) }, { label: "People" }]}
    >
      <Directory
        q={q}
        problem={problem}
        people={entries}
        total={total}
        page={page}
        pages={pages}
        registry={registry}
        admin={c.get("viewer")?.person.admin === true}
      />
    </Page>,
    errors.length ? 422 : 200,
  );
}

/** The person the path names, with their manager and reports, if the viewer may read them. */
async function readPerson(c: AppContext, store: Store) {
  const id = c.req.param("id") ?? "";
  const decision = await can(actorOf(c), "person:read", { id });
  if (!decision.allowed) return denied(c, decision);
  const person = await store.people.get(id);
  if (!person) return c.notFound();
  const [manager, reports] = await Promise.all([
    person.managerId ? store.people.get(person.managerId) : undefined,
    store.people.reports(person.id),
  ]);
  return { person, manager, reports };
}

/** One person, as a page and as JSON, and the signed-in person's own data export. */
function personRoutes(app: App, store: Store, registry: FrameworkRegistry): void {
  app.get("/api/people/:id", async (c) => {
    const found = await readPerson(c, store);
    if (found instanceof Response) return found;
    const { person, manager, reports } = found;
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
    );
  });

  app.get("/people/:id/", async (c) => {
    const found = await readPerson(c, store);
    if (found instanceof Response) return found;
    const { person, manager, reports } = found;
    const canAssess = (await can(actorOf(c), "assessment:manager", { id: person.id })).allowed;
    return personPage(c, registry, person, manager, reports, canAssess);
  });
}

/** The signed-in person's own data, as one JSON download (what rungs keeps about them). */
function accountExportRoute(app: App, auth: NonNullable<RouteDeps["auth"]>): void {
  const { store } = auth;
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
      "Content-Disposition": attachment("rungs-my-data.json"),
    });
  });
}

/** One page of the directory: name, role and level of active people, the same for every signed-in person. */
async function directory(c: Context<AppEnv>, store: Store, q: string, page: number) {
  const found = await store.people.list({
    query: q,
    // emails are matched only where the searcher may see them, or a search would spell them out
    emailsOf: personReadScope(actorOf(c)),
    active: true,
    limit: DIRECTORY_PAGE,
    offset: (page - 1) * DIRECTORY_PAGE,
  });
  const pages = Math.max(1, Math.ceil(found.total / DIRECTORY_PAGE));
  return { q, page, pages, ...found };
}
