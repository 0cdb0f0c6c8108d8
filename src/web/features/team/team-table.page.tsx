/**
 * The paged team pages: a page of people (50 rows, each competency relative to the person's own level)
 * and the heatmap by team (one row per team, drill down into one). Both share the filter form. The rows of
 * the people table are written as one string with classes only; each cell carries its competency's name
 * (`data-label`) so that on a narrow screen the rows become a list (team.css).
 */

import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { FrameworkSnapshot } from "../../../core/assessment.js";
import { escapeHtml } from "../../../core/search.js";
import { isolated } from "../../../core/text.js";
import { type CarriedMark, carriedText, type NotCarried } from "../../../services/carried-picks.js";
import type { TeamHeatmapByTeam, TeamPlacement, TeamTable } from "../../../services/team-pages.js";
import { TEAM_SORTS, TEAM_STATUSES, type TeamBranch } from "../../../store/team-pages.repository.js";
import type { Cycle, Person } from "../../../store/types.js";
import { bdi } from "../../components/markup.js";
import { type Crumb, Page, Section } from "../../components/page.js";
import { type Links, paths } from "../../links.js";
import type { TeamParams } from "./requests.js";
import { cycleLabel, deltaClass, KIND_LABEL, Legend, signed } from "./team.page.js";
import { day } from "./team-export.js";

/** Competency names longer than this are cut in column headers (the full name on hover and to readers). */
const HEADER_CHARS = 18;

const STATUS_LABEL = new Map<string, string>([
  ["assessed", "Assessed in the due cycle"],
  ["unassessed", "Not assessed in the due cycle"],
  ["ready", "Ready for their next level"],
]);
const SORT_LABEL = new Map<string, string>([
  ["name", "Name"],
  ["level", "Level"],
  ["team", "Team (manager)"],
  ["status", "Assessed"],
]);

/** A name cut to `max` characters (code points) with an ellipsis, or as it is. */
export function abbreviate(name: string, max = HEADER_CHARS): string {
  const chars = [...name];
  return chars.length <= max
    ? name
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}\u2026`;
}

/** The address of a team page with these parameters (blank ones left out). */
export function teamHref(links: Links, base: string, params: Partial<TeamParams>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "" && !(key === "page" && value === 1))
      query.set(key, String(value));
  }
  const text = query.toString();
  return links.to(text ? `${base}?${text}` : base);
}

export interface TeamPageProps {
  links: Links;
  title: string;
  crumbs: Crumb[];
  intro: Child;
  /** The table's and the heatmap's paths (/team/ or /admin/team/, and their by-team/). */
  base: { table: string; byTeam: string; csv: string };
  params: TeamParams;
  cycles: Cycle[];
  /** The team drilled into, if any. */
  team: Person | undefined;
  /** Extra links (cycles, calibration, the whole organization). */
  more: { href: string; label: string }[];
  /** How the page's people are spread over the frameworks (said when they are on more than the one shown). */
  placement: TeamPlacement;
}

type FiltersProps = TeamPageProps & {
  action: string;
  snapshot: FrameworkSnapshot | undefined;
  tracks: { id: string; name: string }[];
  frameworks: { id: string; name: string }[];
};

/** One select of the filter form: its name, label, options as [value, text], and the value chosen. */
type FilterSelect = [name: string, label: string, options: [string, string][], chosen: string | undefined];

/** The filter form's selects, in order (the track only when the framework has more than one). */
function filterSelects(props: FiltersProps): FilterSelect[] {
  const { params, snapshot } = props;
  const trackNames = new Map(props.tracks.map((t) => [t.id, t.name]));
  const tracks = [...new Set(snapshot?.levels.map((l) => l.track) ?? [])];
  const levels = snapshot?.levels.map((l): [string, string] => [l.id, l.name]) ?? [];
  const statuses = TEAM_STATUSES.map((s): [string, string] => [s, STATUS_LABEL.get(s) ?? s]);
  const cycles = props.cycles.map((c): [string, string] => [c.id, cycleLabel(c)]);
  const people = new Map(props.placement.frameworks.map((f) => [f.id, f.people]));
  const frameworks = props.frameworks.map((f): [string, string] => [
    f.id,
    `${isolated(f.name)} (${people.get(f.id) ?? 0} ${people.get(f.id) === 1 ? "person" : "people"})`,
  ]);
  return [
    ["framework", "Framework", frameworks, params.framework],
    ["level", "Level", [["", "Any level"], ...levels], params.level],
    ...(tracks.length > 1
      ? [
          [
            "track",
            "Track",
            [["", "Any track"], ...tracks.map((t): [string, string] => [t, trackNames.get(t) ?? t])],
            params.track,
          ] as FilterSelect,
        ]
      : []),
    ["status", "Status", [["", "Everyone"], ...statuses], params.status],
    ["sort", "Sort by", TEAM_SORTS.map((s) => [s, SORT_LABEL.get(s) ?? s]), params.sort],
    [
      "dir",
      "Order",
      [
        ["asc", "Ascending"],
        ["desc", "Descending"],
      ],
      params.dir,
    ],
    ["cycle", "Assessments", [["", "Latest of each person"], ...cycles], params.cycle],
  ];
}

function Filters(props: FiltersProps) {
  const { params } = props;
  return (
    <form
      method="get"
      action={props.links.to(props.action)}
      class="team-filters"
      aria-label="Filter and sort"
    >
      {params.team ? <input type="hidden" name="team" value={params.team} /> : null}
      {filterSelects(props).map(([name, label, options, chosen]) => (
        <p class="field">
          <label for={`team-${name}`}>{label}</label>
          <select id={`team-${name}`} name={name}>
            {options.map(([value, text]) => (
              <option value={value} selected={(chosen ?? "") === value}>
                {text}
              </option>
            ))}
          </select>
        </p>
      ))}
      <p class="field">
        <button type="submit">Show</button>
      </p>
    </form>
  );
}

/**
 * What the page leaves out when its people are on several frameworks: the others, each a link to the same
 * view on it with the other filters kept (a level or track is the framework's own: dropped), and how many
 * are on no framework served here. Nothing when everyone is on the framework shown.
 */
function OtherFrameworks(
  props: TeamPageProps & { current: "table" | "byTeam"; frameworks: { id: string; name: string }[] },
) {
  const { params, placement, links } = props;
  const others = placement.frameworks.filter((f) => f.id !== params.framework);
  if (!others.length && !placement.elsewhere) return null;
  const base = props.current === "table" ? props.base.table : props.base.byTeam;
  const shown = props.frameworks.find((f) => f.id === params.framework)?.name ?? params.framework;
  const count = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
  return (
    <p class="team-basis team-frameworks" id="team-frameworks">
      {others.length ? (
        <>
          Shown: people on <bdi>{shown}</bdi>. Also here, on other frameworks:{" "}
          {others.map((f, i) => (
            <>
              {i ? ", " : ""}
              <a
                href={teamHref(links, base, {
                  ...params,
                  framework: f.id,
                  level: undefined,
                  track: undefined,
                  page: undefined,
                })}
              >
                <bdi>{f.name}</bdi>
                {` (${count(f.people)})`}
              </a>
            </>
          ))}
          {". "}
        </>
      ) : null}
      {placement.elsewhere
        ? `${count(placement.elsewhere)} ${placement.elsewhere === 1 ? "is" : "are"} on no framework served here, so on no view.`
        : null}
    </p>
  );
}

function Header(props: TeamPageProps & { current: "table" | "byTeam" }) {
  const { links, params } = props;
  const keep = { ...params, page: undefined };
  return (
    <>
      <h1>
        {props.title}
        {props.team ? (
          <>
            : <bdi>{props.team.name}</bdi>'s team
          </>
        ) : null}
      </h1>
      <p>{props.intro}</p>
      <nav class="actions" aria-label="Views, downloads and related pages">
        {props.current === "table" ? (
          <a href={teamHref(links, props.base.byTeam, keep)}>Heatmap by team</a>
        ) : (
          <a href={teamHref(links, props.base.table, keep)}>Table of people</a>
        )}
        {props.team ? (
          <a
            href={teamHref(links, props.current === "table" ? props.base.table : props.base.byTeam, {
              ...keep,
              team: undefined,
            })}
          >
            Back to everyone
          </a>
        ) : null}
        <a href={links.to(props.base.csv)} download>
          Download everyone as CSV
        </a>
        {props.more.map((m) => (
          <a href={m.href}>{m.label}</a>
        ))}
      </nav>
    </>
  );
}

/** The header cells of the competency columns: cut names, the full name on hover and as the header's name. */
function CompetencyHeaders({ snapshot }: { snapshot: FrameworkSnapshot }) {
  return (
    <>
      {snapshot.competencies.map((c) => (
        <th
          scope="col"
          class="competency"
          id={`col-${snapshot.framework}-${c.id}`}
          title={c.name}
          aria-label={c.name}
        >
          <span aria-hidden="true">{abbreviate(c.name)}</span>
        </th>
      ))}
    </>
  );
}

/** The mark of a carried value in a heat cell: a small sign, its words on hover and for a screen reader. */
function carriedCell(mark: CarriedMark): string {
  const words = escapeHtml(carriedText(mark));
  return `<span class="carried-sign" title="${words}" aria-hidden="true">\u21aa</span><span class="visually-hidden"> (${words})</span>`;
}

/** The picks an earlier version's record lost on the way (a retired competency): said, not silently left out. */
function notCarried(dropped: readonly NotCarried[] | undefined): string {
  if (!dropped?.length) return "";
  const list = dropped.map((d) => `${bdi(d.name)} (${escapeHtml(d.note)})`).join("; ");
  return ` <span class="not-carried">not carried: ${list}</span>`;
}

/** A page of people as one string: no JSX nodes per cell. */
export function tableRows(table: TeamTable, links: Links): string {
  const snapshot = table.snapshot;
  const levelNames = new Map(snapshot?.levels.map((l) => [l.id, l.name]) ?? []);
  const labels = snapshot?.competencies.map((c) => escapeHtml(c.name)) ?? [];
  return table.rows
    .map(({ person, managerName, assessed, record, heat, marks, dropped, steps, criteria }) => {
      const level = person.level ? (levelNames.get(person.level) ?? person.level) : "\u2014";
      let line = `<tr id="row-${escapeHtml(person.id)}"><th scope="row"><a href="${escapeHtml(links.to(paths.profile(person.id)))}" title="${escapeHtml(person.name)}">${escapeHtml(person.name)}</a></th>`;
      line += `<td data-label="Team" class="team">${escapeHtml(managerName ?? "\u2014")}</td>`;
      line += `<td data-label="Level">${escapeHtml(level)}</td>`;
      const carriedFrom = marks?.values().next().value?.version;
      line += record
        ? `<td data-label="Assessment" class="source">${KIND_LABEL[record.kind]} <time datetime="${record.submittedAt.toISOString()}" data-local="date">${day(record.submittedAt)}</time>${carriedFrom ? ` <span class="carried-mark">carried from ${escapeHtml(carriedFrom)}</span>` : ""}${notCarried(dropped)}</td>`
        : `<td data-label="Assessment" class="source none">none</td>`;
      line += `<td data-label="Assessed in the due cycle">${assessed ? "yes" : "no"}</td>`;
      line +=
        heat && record
          ? `<td data-label="Meets next level">${heat.meetsNext ? "yes" : "no"}</td>`
          : `<td data-label="Meets next level" class="none">\u2014</td>`;
      labels.forEach((label, i) => {
        const cell = heat?.cells[i];
        const mark = cell && marks?.get(cell.competency);
        const step = cell && steps?.get(cell.competency);
        const count = cell && criteriaCount(criteria?.get(cell.competency), "level");
        line +=
          cell === undefined || cell.delta === null
            ? `<td data-label="${label}" class="dn">\u2014</td>`
            : `<td data-label="${label}" class="${deltaClass(cell.delta)}">${signed(cell.delta)}${step ? ` <span class="step">${escapeHtml(step)}</span>` : ""}${count}${mark ? carriedCell(mark) : ""}</td>`;
      });
      return `${line}</tr>`;
    })
    .join("\n");
}

function Pager({ props, table }: { props: TeamPageProps; table: TeamTable }) {
  const at = (page: number) => teamHref(props.links, props.base.table, { ...props.params, page });
  return (
    <nav class="pager" aria-label="Pages of people">
      {table.page > 1 ? (
        <a href={at(table.page - 1)} rel="prev">
          Previous
        </a>
      ) : null}
      <span>{`Page ${table.page} of ${table.pages}`}</span>
      {table.page < table.pages ? (
        <a href={at(table.page + 1)} rel="next">
          Next
        </a>
      ) : null}
    </nav>
  );
}

export function TeamTablePage(props: TeamPageProps & { table: TeamTable }) {
  const { table, links } = props;
  const from = table.total ? (table.page - 1) * 50 + 1 : 0;
  const to = (table.page - 1) * 50 + table.rows.length;
  return (
    <Page title={props.title} links={links} kind="team" crumbs={props.crumbs}>
      <Header {...props} current="table" />
      <Filters
        {...props}
        action={props.base.table}
        snapshot={table.snapshot}
        tracks={table.tracks}
        frameworks={table.frameworks}
      />
      <p class="team-basis" id="team-count">
        {`${table.total} ${table.total === 1 ? "person matches" : "people match"}`}
        {table.snapshot ? (
          <>
            {" on "}
            <bdi>{table.snapshot.name}</bdi>
          </>
        ) : null}
        {". "}
        {table.due ? (
          <>
            Assessed means a submitted assessment in <bdi>{table.due.name}</bdi>.
          </>
        ) : (
          "No cycle is open: assessed means any submitted assessment."
        )}
      </p>
      <OtherFrameworks {...props} current="table" frameworks={table.frameworks} />
      <Section id="people" title="People">
        <p>
          Each cell is the level picked for the competency, compared with the person's own level: 0 is at
          their level, +1 one level above, {"\u2212"}1 one below. The colour repeats the number.
          {table.snapshot?.competencies.some((c) => c.criteria)
            ? " Where the picked level writes criteria, the cell also says how many of them were ticked as shown, of how many it writes for everyone (\u201c2 of 3 shown\u201d)."
            : ""}
        </p>
        <Legend />
        {table.snapshot ? (
          <div class="table-scroll heatmap-scroll">
            <table class="heatmap listable" id={`heatmap-${table.snapshot.framework}`}>
              <caption>
                {table.snapshot ? (
                  <>
                    <bdi>{table.snapshot.name}</bdi>
                    {": "}
                  </>
                ) : null}
                {`people ${from} to ${to} of ${table.total}, each competency relative to their own level`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Team</th>
                  <th scope="col">Level</th>
                  <th scope="col">Assessment</th>
                  <th scope="col">Assessed</th>
                  <th scope="col">Meets next level</th>
                  <CompetencyHeaders snapshot={table.snapshot} />
                </tr>
              </thead>
              <tbody>{raw(tableRows(table, links))}</tbody>
            </table>
          </div>
        ) : (
          <p>No framework is loaded to compare with.</p>
        )}
        <Pager props={props} table={table} />
      </Section>
    </Page>
  );
}

/** A team's mean as people read it: one decimal, a real minus sign. */
function mean(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return rounded > 0 ? `+${rounded.toFixed(1)}` : rounded < 0 ? `\u2212${(-rounded).toFixed(1)}` : "0.0";
}

/**
 * "k of N shown" beside a person's pick or under a team's mean, where the picked level (or levels) write
 * criteria: a person's (TeamTableRow's criteria), a team's (TeamCell's).
 */
function criteriaCount(criteria: { shown: number; of: number } | undefined, at: "level" | "levels"): string {
  if (!criteria) return "";
  const { shown, of } = criteria;
  const where = at === "level" ? "the picked level: " : "the picked levels: ";
  const writes = at === "level" ? "it writes" : "they write";
  return ` <span class="criteria-count" title="criteria shown at ${where}${shown} of the ${of} ${writes}">${shown} of ${of} shown</span>`;
}

function branchRow(props: TeamPageProps, snapshot: FrameworkSnapshot, branch: TeamBranch): string {
  const { links, params } = props;
  const name = escapeHtml(branch.person.name);
  const drill = teamHref(links, props.base.byTeam, { ...params, team: branch.person.id, page: undefined });
  const people = teamHref(links, props.base.table, { ...params, team: branch.person.id, page: undefined });
  let line = `<tr id="team-${escapeHtml(branch.person.id)}"><th scope="row"><a href="${escapeHtml(drill)}" title="${escapeHtml(isolated(branch.person.name))}: drill down">${name}</a></th>`;
  line += `<td data-label="People"><a href="${escapeHtml(people)}">${branch.people}</a></td>`;
  line += `<td data-label="Assessed">${branch.assessed}</td><td data-label="Ready">${branch.ready}</td>`;
  for (const c of snapshot.competencies) {
    const cell = branch.cells.get(c.id);
    const label = escapeHtml(c.name);
    line += cell
      ? `<td data-label="${label}" class="${deltaClass(Math.round(cell.mean))}">${mean(cell.mean)}${criteriaCount(cell.criteria, "levels")}</td>`
      : `<td data-label="${label}" class="dn">\u2014</td>`;
  }
  return `${line}</tr>`;
}

export function TeamByTeamPage(props: TeamPageProps & { view: TeamHeatmapByTeam }) {
  const { view, links } = props;
  const snapshot = view.snapshot;
  const totals = view.branches.reduce(
    (t, b) => ({ people: t.people + b.people, assessed: t.assessed + b.assessed, ready: t.ready + b.ready }),
    { people: 0, assessed: 0, ready: 0 },
  );
  return (
    <Page title={props.title} links={links} kind="team" crumbs={props.crumbs}>
      <Header {...props} current="byTeam" />
      <Filters
        {...props}
        action={props.base.byTeam}
        snapshot={snapshot}
        tracks={view.tracks}
        frameworks={view.frameworks}
      />
      <p class="team-basis" id="team-count">
        {`${totals.people} ${totals.people === 1 ? "person" : "people"}`}
        {snapshot ? (
          <>
            {" on "}
            <bdi>{snapshot.name}</bdi>
          </>
        ) : null}
        {` in ${view.branches.length} ${view.branches.length === 1 ? "team" : "teams"}: ${totals.assessed} assessed`}
        {view.due ? (
          <>
            {" in "}
            <bdi>{view.due.name}</bdi>
          </>
        ) : null}
        {`, ${totals.ready} ready for their next level.`}
      </p>
      <OtherFrameworks {...props} current="byTeam" frameworks={view.frameworks} />
      <Section id="by-team" title="Heatmap by team">
        <p>
          One row per team: the person at its top and everyone below them. Each cell is the team's mean of the
          level picked minus the person's own level, over the competency's picks. Choose a team to see the
          teams inside it, or its number of people to list them.
          {snapshot?.competencies.some((c) => c.criteria)
            ? " Where the picked levels write criteria, the cell also says how many of them the picks ticked as shown, of how many the levels write for everyone (\u201c5 of 8 shown\u201d)."
            : ""}
        </p>
        <Legend />
        {snapshot && view.branches.length ? (
          <div class="table-scroll heatmap-scroll">
            <table class="heatmap listable by-team" id={`by-team-${snapshot.framework}`}>
              <caption>
                <bdi>{snapshot.name}</bdi>: each team's mean difference from their own levels, per competency
              </caption>
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">People</th>
                  <th scope="col">Assessed</th>
                  <th scope="col">Ready</th>
                  <CompetencyHeaders snapshot={snapshot} />
                </tr>
              </thead>
              <tbody>{raw(view.branches.map((b) => branchRow(props, snapshot, b)).join("\n"))}</tbody>
            </table>
          </div>
        ) : (
          <p>Nobody here is on this framework.</p>
        )}
        {view.more ? (
          <p>{`${view.more} more teams are not shown: drill down or filter to see them.`}</p>
        ) : null}
      </Section>
    </Page>
  );
}
