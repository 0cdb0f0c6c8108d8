/** The people pages: the directory and one person's page, each person's role and level linked to the framework. */
import type { Context } from "hono";
import type { FrameworkIndex } from "../../../core/model.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { Person } from "../../../store/types.js";
import { html } from "../../components/html.js";
import { Page, Section, useLinks } from "../../components/page.js";
import type { AppEnv } from "../../context.js";
import { type Links, paths } from "../../links.js";

export const DIRECTORY_PAGE = 50;

/** What anyone signed in may know about anyone: the directory's columns. */

export function indexOf(registry: FrameworkRegistry, fw: string | null): FrameworkIndex | undefined {
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

export function personPage(
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
/** A directory entry as the asker may see it: the name, and what the policy's `directoryView` allows. */
export interface ShownEntry {
  /** Role and level are null where they are hidden from the asker. */
  person: Person;
  /** The person's manager, when the asker may see it (undefined: hidden; null: has none). */
  manager?: { id: string; name: string } | null;
}

/** The directory: the search form, one page of people (name, and role, level, manager as allowed) and the pager. */
export function Directory(props: {
  q: string;
  problem: string | undefined;
  people: ShownEntry[];
  total: number;
  page: number;
  pages: number;
  registry: FrameworkRegistry;
  /** Admins search emails too; others their team's. */
  admin: boolean;
}) {
  const { q, problem, people, total, page, pages, registry, admin } = props;
  const links = useLinks();
  const first = (page - 1) * DIRECTORY_PAGE + 1;
  const withManager = people.some((e) => e.manager !== undefined);
  const pageHref = (n: number) =>
    `${links.to(paths.people())}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
  return (
    <>
      <h1>People</h1>
      <form method="get" action={links.to(paths.people())} class="people-search">
        <label for="people-q">
          {admin ? "Search by name or email" : "Search by name (or your team’s emails)"}
        </label>
        <input
          id="people-q"
          name="q"
          type="search"
          value={q}
          autocomplete="off"
          maxlength={TEXT_LIMITS.search}
          aria-invalid={problem ? "true" : undefined}
        />
        <button type="submit">Search</button>
      </form>
      {problem ? (
        <p class="problems" role="alert">
          {problem}
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
              {withManager ? <th scope="col">Manager</th> : null}
            </tr>
          </thead>
          <tbody>
            {people.map(({ person: p, manager }) => (
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
                {withManager ? <td>{manager ? manager.name : manager === null ? "—" : ""}</td> : null}
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
    </>
  );
}
