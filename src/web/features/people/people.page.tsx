/** The people pages: the directory and one person's page, each person's role and level linked to the framework. */
import type { Context } from "hono";
import type { FrameworkIndex } from "../../../core/model.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import type { Person } from "../../../store/types.js";
import { html } from "../../components/html.js";
import { Page, Section, useLinks } from "../../components/page.js";
import { Pager } from "../../components/pager.js";
import { PeopleSearch } from "../../components/people-search.js";
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

/** Where the person stands: role, level, framework, track, email, manager. */
function PlacementSection({
  person,
  manager,
  registry,
  links,
  admin,
}: {
  person: Person;
  manager: Person | undefined;
  registry: FrameworkRegistry;
  links: Links;
  admin: boolean;
}) {
  const index = indexOf(registry, person.framework);
  const track = person.track ? (index?.tracks.get(person.track)?.name ?? person.track) : undefined;
  const framework =
    person.framework && index ? (
      <a href={links.to(paths.framework(person.framework))}>{index.framework.name}</a>
    ) : (
      (person.framework ?? "—")
    );
  return (
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
        <dd>{framework}</dd>
        <dt>Track</dt>
        <dd>{track ?? "—"}</dd>
        <dt>Email</dt>
        <dd>{person.email}</dd>
        <dt>Manager</dt>
        <dd>{manager ? <a href={links.to(paths.person(manager.id))}>{manager.name}</a> : "—"}</dd>
      </dl>
      {admin ? (
        <p>
          <a href={links.to(paths.adminPerson(person.id))}>Edit as admin</a>
        </p>
      ) : null}
    </Section>
  );
}

/** The person's profile and history, and the assessment the viewer may start (their own, or as manager). */
function GrowthSection({
  person,
  links,
  self,
  canAssess,
}: {
  person: Person;
  links: Links;
  self: boolean;
  canAssess: boolean;
}) {
  return (
    <Section id="growth" title="Growth">
      <ul class="growth-links">
        <li>
          <a href={links.to(paths.profile(person.id))}>Profile</a>: the latest assessment against the next
          level
        </li>
        <li>
          <a href={links.to(paths.history(person.id))}>History</a> of every submitted assessment
        </li>
        {self ? (
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
  );
}

function ReportsSection({ reports, links }: { reports: Person[]; links: Links }) {
  return (
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
  );
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
  const viewer = c.get("viewer");
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
      <PlacementSection
        person={person}
        manager={manager}
        registry={registry}
        links={links}
        admin={!!viewer?.person.admin}
      />
      {person.framework ? (
        <GrowthSection
          person={person}
          links={links}
          self={viewer?.person.id === person.id}
          canAssess={canAssess}
        />
      ) : null}
      <ReportsSection reports={reports} links={links} />
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

/** The directory's caption: how many match and which of them this page shows. */
function directoryCaption(q: string, total: number, page: number, pages: number, shown: number): string {
  if (total === 0) return "Nobody matches";
  const first = (page - 1) * DIRECTORY_PAGE + 1;
  const range = pages > 1 ? `, ${first}–${first + shown - 1} shown` : "";
  return `${total} ${total === 1 ? "person" : "people"}${q ? " matching" : ""}${range}`;
}

/** One page of the directory; on a phone each person is a card (name first, then each column named). */
function DirectoryTable({
  people,
  caption,
  registry,
  links,
}: {
  people: ShownEntry[];
  caption: string;
  registry: FrameworkRegistry;
  links: Links;
}) {
  const withManager = people.some((e) => e.manager !== undefined);
  return (
    <div class="table-scroll">
      <table class="people stack-on-phone" id="directory">
        <caption>{caption}</caption>
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
              <td data-label="Role">
                <RoleOf p={p} registry={registry} links={links} />
              </td>
              <td data-label="Level">
                <LevelOf p={p} registry={registry} links={links} />
              </td>
              {withManager ? (
                <td data-label="Manager">
                  {manager ? (
                    manager.name
                  ) : manager === null ? (
                    "—"
                  ) : (
                    // the policy hides it from this asker: said, so a card's "Manager:" is not left blank
                    <span class="none">not shown</span>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
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
  const pageHref = (n: number) =>
    `${links.to(paths.people())}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
  return (
    <>
      <h1>People</h1>
      <PeopleSearch
        action={links.to(paths.people())}
        id="people-q"
        label={admin ? "Search by name or email" : "Search by name (or your team’s emails)"}
        q={q}
        problem={problem}
      />
      <DirectoryTable
        people={people}
        caption={directoryCaption(q, total, page, pages, people.length)}
        registry={registry}
        links={links}
      />
      <Pager page={page} pages={pages} href={pageHref} label="Pages of people" />
    </>
  );
}
