/**
 * Team views: a manager's whole subtree (/team/) and, for admins, the whole organization (/admin/team/)
 * with calibration of managers' ratings; the same rows as CSV and JSON; and the admin side of assessment
 * cycles (/admin/cycles/: open, close). See docs/assessments.md.
 *
 * Who is shown: the team of the signed-in person is everyone below them in the org tree, which is exactly
 * whose assessments they may read (policy `assessment:read`: anyone up a person's chain); the organization
 * view and cycles are `person:admin`. Deactivated people are left out of both.
 *
 * Each person is shown by their assessment of record (TeamRepository.recordsOf: the agreed one of their
 * latest round, else the manager's, else their own), each competency as the picked level's rank minus the
 * rank of the person's own level (src/core/assessment.ts `teamHeatmap`), against the framework as it is
 * loaded now. The heatmap of 10,000 people is one table: its body is written as one string with classes
 * only (no per-cell styles or titles), which keeps the page within twice the time of the bare SQL
 * (bench/team.ts).
 */
import type { Context } from "hono";
import { raw } from "hono/html";
import { type CalibrationRow, HEAT_BUCKETS, type HeatBucket } from "../../../core/assessment.js";
import { escapeHtml } from "../../../core/search.js";
import { type FrameworkGroup, TeamService, type TeamView } from "../../../services/team.js";
import type { Store } from "../../../store/store.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { Cycle, Person, Problem } from "../../../store/types.js";
import { denied, formatTime, NoticePage, PRIVATE } from "../../auth/pages.js";
import { can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { CsrfField, Field, type FieldProblem, formText, ProblemSummary } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { type Crumb, Notice, Page, Section } from "../../components/page.js";
import type { App, AppEnv, RouteDeps, Viewer } from "../../context.js";
import { type Links, paths } from "../../links.js";
import { HttpProblem, problem } from "../../middleware/errors.js";

/** Calibration rows with fewer (self, manager) pairs than this say "too few to tell" instead of a reading. */
export const CALIBRATION_MIN_PAIRS = 5;

const BUCKET_LABEL: Record<HeatBucket, string> = {
  "-2-": "2 or more levels below",
  "-1": "1 level below",
  "0": "at their level",
  "+1": "1 level above",
  "+2+": "2 or more levels above",
};
const BUCKET_CLASS: Record<HeatBucket, string> = {
  "-2-": "d-2",
  "-1": "d-1",
  "0": "d0",
  "+1": "d1",
  "+2+": "d2",
};

/** A delta as people read it: a real minus sign, a plus for above. */
function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : delta < 0 ? `\u2212${-delta}` : "0";
}

function deltaClass(delta: number): string {
  return delta <= -2 ? "d-2" : delta >= 2 ? "d2" : `d${delta}`;
}

const KIND_LABEL = { self: "self", manager: "manager", agreed: "agreed" } as const;

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function cycleLabel(cycle: Cycle): string {
  return `${cycle.name} (${cycle.startsOn} to ${cycle.endsOn}, ${cycle.status})`;
}

function cycleJson(cycle: Cycle | undefined) {
  return cycle
    ? {
        id: cycle.id,
        name: cycle.name,
        startsOn: cycle.startsOn,
        endsOn: cycle.endsOn,
        status: cycle.status,
        version: cycle.version,
        createdAt: cycle.createdAt.toISOString(),
        closedAt: cycle.closedAt ? cycle.closedAt.toISOString() : null,
      }
    : null;
}

// ---------------------------------------------------------------------------------------------------------
// CSV

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, line break or edge space. Text that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a leading single
 * quote first (OWASP "CSV injection"). Numbers are written as they are: a delta of -1 stays a number.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvOf(view: TeamView): string {
  const many = view.groups.length > 1;
  const columns = view.groups.flatMap((g) =>
    g.snapshot.competencies.map((c) => ({ framework: g.framework, id: c.id })),
  );
  const head = [
    "name",
    "email",
    "framework",
    "level",
    "assessment",
    "submitted",
    "meets next level",
    ...columns.flatMap((c) => {
      const name = many ? `${c.framework}:${c.id}` : c.id;
      return [`${name} delta`, `${name} level`];
    }),
  ];
  const lines = [head.map(csvCell).join(",")];
  const blanks = (n: number) => Array<string>(n).fill("");
  let before = 0;
  for (const g of view.groups) {
    const width = g.snapshot.competencies.length;
    const after = columns.length - before - width;
    g.heatmap.rows.forEach((row, i) => {
      const person = g.people[i] as Person;
      const record = g.records[i];
      const cells = row.cells.flatMap((cell) => [
        csvCell(cell.delta),
        csvCell(record?.picks.get(cell.competency) ?? null),
      ]);
      lines.push(
        [
          csvCell(person.name),
          csvCell(person.email),
          csvCell(g.framework),
          csvCell(person.level),
          csvCell(record ? record.kind : null),
          csvCell(record ? day(record.submittedAt) : null),
          record ? (row.meetsNext ? "yes" : "no") : "",
          ...blanks(before * 2),
          ...cells,
          ...blanks(after * 2),
        ].join(","),
      );
    });
    before += width;
  }
  for (const person of view.withoutFramework) {
    lines.push(
      [
        csvCell(person.name),
        csvCell(person.email),
        csvCell(person.framework),
        csvCell(person.level),
        ...blanks(3 + columns.length * 2),
      ].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------
// JSON

function viewJson(view: TeamView) {
  return {
    scope: view.scope,
    cycle: cycleJson(view.cycle),
    due: cycleJson(view.due),
    people: view.total,
    frameworks: view.groups.map((g) => ({
      id: g.framework,
      name: g.name,
      version: g.snapshot.version,
      competencies: g.snapshot.competencies.map((c) => ({ id: c.id, name: c.name, area: c.area })),
      people: g.heatmap.rows.map((row, i) => {
        const record = g.records[i];
        return {
          id: row.personId,
          name: row.name,
          level: row.level,
          assessment: record
            ? {
                id: record.assessmentId,
                kind: record.kind,
                cycleId: record.cycleId,
                frameworkVersion: record.frameworkVersion,
                submittedAt: record.submittedAt.toISOString(),
              }
            : null,
          deltas: row.cells.map((c) => c.delta),
          picks: row.cells.map((c) => record?.picks.get(c.competency) ?? null),
          meetsNext: row.meetsNext,
        };
      }),
      distribution: g.heatmap.distribution,
    })),
    meetsNext: view.ready.map((r) => ({
      id: r.person.id,
      name: r.person.name,
      framework: r.framework,
      level: r.level,
      next: r.next,
    })),
    unassessed: view.unassessed.map((p) => ({ id: p.id, name: p.name })),
    withoutFramework: view.withoutFramework.map((p) => ({ id: p.id, name: p.name, framework: p.framework })),
    ...(view.calibration
      ? {
          calibration: view.calibration.map((row) => ({
            ...row,
            tooFew: row.pairs < CALIBRATION_MIN_PAIRS,
          })),
        }
      : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// HTML

/** The heatmap's body as one string: 600,000 cells through JSX nodes would cost more than the query. */
function heatmapRows(g: FrameworkGroup, links: Links): string {
  const out: string[] = [];
  g.heatmap.rows.forEach((row, i) => {
    const person = g.people[i] as Person;
    const record = g.records[i];
    let line = `<tr id="row-${escapeHtml(person.id)}"><th scope="row"><a href="${escapeHtml(links.to(paths.profile(person.id)))}">${escapeHtml(person.name)}</a></th>`;
    const level = person.level ? (g.levelNames.get(person.level) ?? person.level) : "\u2014";
    line += `<td>${escapeHtml(level)}</td>`;
    line += record
      ? `<td class="source">${KIND_LABEL[record.kind]} <time datetime="${record.submittedAt.toISOString()}">${day(record.submittedAt)}</time></td>`
      : `<td class="source none">none</td>`;
    line += record ? `<td>${row.meetsNext ? "yes" : "no"}</td>` : `<td class="none">\u2014</td>`;
    for (const cell of row.cells) {
      line +=
        cell.delta === null
          ? `<td class="dn">\u2014</td>`
          : `<td class="${deltaClass(cell.delta)}">${signed(cell.delta)}</td>`;
    }
    out.push(`${line}</tr>`);
  });
  return out.join("\n");
}

function Heatmap({ g, links }: { g: FrameworkGroup; links: Links }) {
  return (
    <div class="table-scroll heatmap-scroll">
      <table class="heatmap" id={`heatmap-${g.framework}`}>
        <caption>{`${g.name}: each person's assessed level per competency, relative to their own level (${g.people.length} ${g.people.length === 1 ? "person" : "people"})`}</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Level</th>
            <th scope="col">Assessment</th>
            <th scope="col">Meets next level</th>
            {g.snapshot.competencies.map((c) => (
              <th scope="col" class="competency" id={`col-${g.framework}-${c.id}`}>
                <span>{c.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{raw(heatmapRows(g, links))}</tbody>
      </table>
    </div>
  );
}

function Legend() {
  return (
    <ul class="heat-legend" aria-label="What the numbers and colours mean">
      {HEAT_BUCKETS.map((b) => (
        <li>
          <span class={`swatch ${BUCKET_CLASS[b]}`}>
            {b === "-2-" ? "\u22122" : b === "+2+" ? "+2" : signed(Number(b))}
          </span>
          {` ${BUCKET_LABEL[b]}${b === "-2-" || b === "+2+" ? " (the number says how many)" : ""}`}
        </li>
      ))}
      <li>
        <span class="swatch dn">{"\u2014"}</span> not picked, or no level to compare with
      </li>
    </ul>
  );
}

/** Per competency, how many picks fall in each bucket, as a number and a small bar (drawn, so no styles). */
function Distribution({ g }: { g: FrameworkGroup }) {
  const assessed = g.records.filter(Boolean).length;
  const BAR = 48;
  return (
    <div class="table-scroll">
      <table class="distribution" id={`distribution-${g.framework}`}>
        <caption>{`${g.name}: how many picks fall at, below and above people's own levels, per competency`}</caption>
        <thead>
          <tr>
            <th scope="col">Competency</th>
            {HEAT_BUCKETS.map((b) => (
              <th scope="col">{BUCKET_LABEL[b]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {g.heatmap.distribution.map((d, i) => (
            <tr id={`dist-${g.framework}-${d.competency}`}>
              <th scope="row">{g.snapshot.competencies[i]?.name ?? d.competency}</th>
              {HEAT_BUCKETS.map((b) => {
                const n = d.counts[b];
                const width = assessed ? Math.round((n / assessed) * BAR) : 0;
                return (
                  <td class="count">
                    <svg class="bar" width={BAR} height="10" viewBox={`0 0 ${BAR} 10`} aria-hidden="true">
                      <rect class="track" width={BAR} height="10" />
                      {width ? <rect class={BUCKET_CLASS[b]} width={width} height="10" /> : null}
                    </svg>
                    <span>{String(n)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PersonList({ people, links, id }: { people: Person[]; links: Links; id: string }) {
  return (
    <ul class="team-people" id={id}>
      {people.map((p) => (
        <li>
          <a href={links.to(paths.person(p.id))}>{p.name}</a>
        </li>
      ))}
    </ul>
  );
}

function calibrationReading(row: CalibrationRow): string {
  if (row.pairs < CALIBRATION_MIN_PAIRS) return "too few to tell";
  const by = Math.abs(row.meanDelta).toFixed(2);
  if (row.meanDelta > 0) return `rates higher than self-assessments (by ${by} levels on average)`;
  if (row.meanDelta < 0) return `rates lower than self-assessments (by ${by} levels on average)`;
  return "in line with self-assessments";
}

function CalibrationTable({ rows, links }: { rows: CalibrationRow[]; links: Links }) {
  if (!rows.length)
    return (
      <p>
        No manager has assessed a report in a cycle where that report also assessed themselves, so there is
        nothing to compare yet.
      </p>
    );
  return (
    <>
      <p>
        For each manager: every competency where a report and the manager both picked a level, in the latest
        cycle with both assessments submitted. The difference is the manager's pick minus the report's, in
        levels; managers furthest from their reports come first.
        {` With fewer than ${CALIBRATION_MIN_PAIRS} pairs there is too little to tell.`}
      </p>
      <div class="table-scroll">
        <table class="calibration" id="calibration-table">
          <caption>Managers' picks against their reports' self-assessments</caption>
          <thead>
            <tr>
              <th scope="col">Manager</th>
              <th scope="col">Pairs</th>
              <th scope="col">Mean difference</th>
              <th scope="col">Higher</th>
              <th scope="col">Same</th>
              <th scope="col">Lower</th>
              <th scope="col">Reading</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                id={`calibration-${row.managerId}`}
                class={row.pairs < CALIBRATION_MIN_PAIRS ? "too-few" : ""}
              >
                <th scope="row">
                  <a href={links.to(paths.person(row.managerId))}>{row.managerName}</a>
                </th>
                <td>{String(row.pairs)}</td>
                <td>
                  {(row.meanDelta > 0 ? "+" : row.meanDelta < 0 ? "\u2212" : "") +
                    Math.abs(row.meanDelta).toFixed(2)}
                </td>
                <td>{String(row.higher)}</td>
                <td>{String(row.same)}</td>
                <td>{String(row.lower)}</td>
                <td>{calibrationReading(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function CycleFilter(props: { action: string; cycles: Cycle[]; chosen: Cycle | undefined }) {
  return (
    <form method="get" action={props.action} class="cycle-filter">
      <label for="team-cycle">Assessments</label>
      <select id="team-cycle" name="cycle">
        <option value="">Latest of each person</option>
        {props.cycles.map((c) => (
          <option value={c.id} selected={props.chosen?.id === c.id}>
            {cycleLabel(c)}
          </option>
        ))}
      </select>
      <button type="submit">Show</button>
    </form>
  );
}

function TeamPage(props: {
  c: Context<AppEnv>;
  view: TeamView;
  cycles: Cycle[];
  title: string;
  crumbs: Crumb[];
  action: string;
  csvHref: string;
  intro: string;
}) {
  const { view } = props;
  const links = props.c.get("links");
  const viewer = props.c.get("viewer");
  return (
    <Page title={props.title} links={links} kind="team" crumbs={props.crumbs}>
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <CycleFilter action={props.action} cycles={props.cycles} chosen={view.cycle} />
      <nav class="actions" aria-label="Downloads and related pages">
        <a href={props.csvHref} download>
          Download as CSV
        </a>
        {viewer?.person.admin ? <a href={links.to(paths.adminCycles())}>Assessment cycles</a> : null}
        {viewer?.person.admin && view.scope === "team" ? (
          <a href={links.to(paths.adminTeam())}>Whole organization</a>
        ) : null}
      </nav>
      <p class="team-basis">
        {view.cycle
          ? `Showing each person's assessment of record in ${view.cycle.name}: the agreed one, else their manager's, else their own.`
          : "Showing each person's latest assessment of record: from their latest cycle, the agreed one, else their manager's, else their own."}
      </p>
      <Section id="heatmap" title="Heatmap">
        <p>
          Each cell is the level picked for the competency, compared with the person's own level: 0 is at
          their level, +1 one level above, {"\u2212"}1 one below. The colour repeats the number.
        </p>
        <Legend />
        {view.groups.length ? (
          view.groups.map((g) =>
            view.groups.length > 1 ? (
              <Section id={`framework-${g.framework}`} title={g.name} level={3}>
                <Heatmap g={g} links={links} />
              </Section>
            ) : (
              <Heatmap g={g} links={links} />
            ),
          )
        ) : (
          <p>Nobody here has a framework to be assessed against.</p>
        )}
      </Section>
      {view.groups.length ? (
        <Section id="distribution" title="Distribution per competency">
          {view.groups.map((g) => (
            <Distribution g={g} />
          ))}
        </Section>
      ) : null}
      <Section id="ready" title="Ready for the next level">
        {view.ready.length ? (
          <ul class="team-people" id="ready-list">
            {view.ready.map((r) => (
              <li>
                <a href={links.to(paths.profile(r.person.id, r.next))}>{r.person.name}</a>
                {`: picked at or above ${r.nextName} in every competency it expects`}
              </li>
            ))}
          </ul>
        ) : (
          <p>Nobody's assessment meets every expectation of their next level yet.</p>
        )}
      </Section>
      <Section id="unassessed" title={view.due ? `No assessment in ${view.due.name}` : "No assessment yet"}>
        {view.unassessed.length ? (
          <>
            <p>{`${view.unassessed.length} of ${view.total} ${view.due ? `have no submitted assessment in this cycle (${view.due.startsOn} to ${view.due.endsOn}).` : "have never submitted an assessment (no cycle is open)."}`}</p>
            <PersonList people={view.unassessed} links={links} id="unassessed-list" />
          </>
        ) : (
          <p>{view.due ? "Everyone has an assessment in this cycle." : "Everyone has an assessment."}</p>
        )}
      </Section>
      {view.withoutFramework.length ? (
        <Section id="no-framework" title="Without a framework">
          <p>These people have no framework (or one that is not loaded), so there is nothing to compare.</p>
          <PersonList people={view.withoutFramework} links={links} id="no-framework-list" />
        </Section>
      ) : null}
      {view.calibration ? (
        <Section id="calibration" title="Calibration">
          <CalibrationTable rows={view.calibration} links={links} />
        </Section>
      ) : null}
    </Page>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Routes

const cycleProblems = (problems: Problem[]): FieldProblem[] =>
  problems.map((p) => ({ field: p.field ?? "", message: p.message }));

export function teamRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;
  const teams = new TeamService(store, registry);

  /** The ?cycle= asked for: none, a stored cycle, or a response saying there is no such cycle. */
  const chosenCycle = async (c: Context<AppEnv>): Promise<Cycle | undefined | Response> => {
    const id = c.req.query("cycle") ?? "";
    if (!id) return undefined;
    const cycle = await teams.cycle(id);
    if (cycle) return cycle;
    const shown = id.slice(0, 80);
    const page = (c: Context<AppEnv>) =>
      html(
        c,
        <NoticePage links={c.get("links")} title="No such cycle">
          <p>{`The cycle “${shown}” asked for in the address (?cycle=) does not exist.`}</p>
          <p>
            <a href={c.get("links").to(c.req.path)}>Show everyone's latest assessments</a>
          </p>
        </NoticePage>,
        404,
      );
    const detail = `no assessment cycle "${shown}"`;
    return problem(
      c,
      new HttpProblem(404, { detail, extra: { parameter: "cycle" }, headers: PRIVATE, page }),
    );
  };

  /** The signed-in person's team: everyone active below them. Anonymous visitors get the policy's answer. */
  const myTeam = async (c: Context<AppEnv>): Promise<{ viewer: Viewer; people: Person[] } | Response> => {
    const decision = await can(actorOf(c), "person:read-directory", { id: "" });
    if (!decision.allowed) return denied(c, decision);
    const viewer = c.get("viewer");
    if (!viewer) throw new Error("policy allowed an anonymous request");
    return { viewer, people: await teams.teamOf(viewer.person.id) };
  };

  const adminOnly = async (c: Context<AppEnv>): Promise<Viewer | Response> => {
    const decision = await can(actorOf(c), "person:admin", { id: "" });
    if (!decision.allowed) return denied(c, decision);
    const viewer = c.get("viewer");
    if (!viewer) throw new Error("policy allowed an anonymous request");
    return viewer;
  };

  const csvResponse = (c: Context<AppEnv>, view: TeamView, name: string) =>
    c.body(`\ufeff${csvOf(view)}`, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}${view.cycle ? `-${view.cycle.startsOn}` : ""}.csv"`,
      ...PRIVATE,
    });

  app.get("/team/", async (c) => {
    const mine = await myTeam(c);
    if (mine instanceof Response) return mine;
    const cycle = await chosenCycle(c);
    if (cycle instanceof Response) return cycle;
    const links = c.get("links");
    c.header("Cache-Control", "private, no-store");
    if (!mine.people.length) {
      return html(
        c,
        <Page
          title="Your team"
          links={links}
          kind="team"
          crumbs={[{ label: "Home", href: links.to(paths.home()) }, { label: "Your team" }]}
        >
          <h1>Your team</h1>
          <p id="no-team">
            Nobody reports to you, so there is no team to show here. Your own assessments are on{" "}
            <a href={links.to(paths.assessments())}>your assessments page</a>.
          </p>
          {mine.viewer.person.admin ? (
            <p>
              As an admin you can see <a href={links.to(paths.adminTeam())}>the whole organization</a>.
            </p>
          ) : null}
        </Page>,
      );
    }
    const [view, cycles] = await Promise.all([teams.view("team", mine.people, cycle), store.cycles.list()]);
    return html(
      c,
      <TeamPage
        c={c}
        view={view}
        cycles={cycles}
        title="Your team"
        crumbs={[{ label: "Home", href: links.to(paths.home()) }, { label: "Your team" }]}
        action={links.to(paths.team())}
        csvHref={links.to(paths.teamCsv(cycle?.id))}
        intro={`Everyone who reports to you, directly or further down: ${view.total} ${view.total === 1 ? "person" : "people"}.`}
      />,
    );
  });

  app.get("/team/export.csv", async (c) => {
    const mine = await myTeam(c);
    if (mine instanceof Response) return mine;
    const cycle = await chosenCycle(c);
    if (cycle instanceof Response) return cycle;
    return csvResponse(c, await teams.view("team", mine.people, cycle), "rungs-team");
  });

  app.get("/api/team", async (c) => {
    const mine = await myTeam(c);
    if (mine instanceof Response) return mine;
    const cycle = await chosenCycle(c);
    if (cycle instanceof Response) return cycle;
    return c.json(viewJson(await teams.view("team", mine.people, cycle)), 200, PRIVATE);
  });

  const organization = async (c: Context<AppEnv>, withCalibration = true) => {
    const cycle = await chosenCycle(c);
    if (cycle instanceof Response) return cycle;
    return teams.organization(cycle, withCalibration);
  };

  app.get("/admin/team/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const view = await organization(c);
    if (view instanceof Response) return view;
    const links = c.get("links");
    const cycles = await store.cycles.list();
    c.header("Cache-Control", "private, no-store");
    return html(
      c,
      <TeamPage
        c={c}
        view={view}
        cycles={cycles}
        title="Organization"
        crumbs={[
          { label: "Home", href: links.to(paths.home()) },
          { label: "Admin: people", href: links.to(paths.adminPeople()) },
          { label: "Organization" },
        ]}
        action={links.to(paths.adminTeam())}
        csvHref={links.to(paths.adminTeamCsv(view.cycle?.id))}
        intro={`Everyone active in the organization: ${view.total} ${view.total === 1 ? "person" : "people"}.`}
      />,
    );
  });

  app.get("/admin/team/export.csv", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const view = await organization(c, false);
    if (view instanceof Response) return view;
    return csvResponse(c, view, "rungs-organization");
  });

  app.get("/api/admin/team", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const view = await organization(c);
    if (view instanceof Response) return view;
    return c.json(viewJson(view), 200, PRIVATE);
  });

  cycleRoutes(app, store, adminOnly);
}

// ---------------------------------------------------------------------------------------------------------
// Cycles (admin)

// a Map: `done` comes from the query string, and "constructor" is no notice
const CYCLE_NOTICES = new Map<string, string>(
  Object.entries({
    opened: "The cycle was opened. People now see it as due.",
    closed: "The cycle was closed.",
  }),
);

interface CycleForm {
  name: string;
  startsOn: string;
  endsOn: string;
}

function cycleRoutes(
  app: App,
  store: Store,
  adminOnly: (c: Context<AppEnv>) => Promise<Viewer | Response>,
): void {
  const page = async (
    c: Context<AppEnv>,
    viewer: Viewer,
    options: {
      form?: CycleForm;
      problems?: FieldProblem[];
      closeProblem?: { cycleId: string; message: string };
      status?: 200 | 404 | 409 | 422;
    } = {},
  ) => {
    const links = c.get("links");
    const cycles = await store.cycles.list();
    const form = options.form ?? { name: "", startsOn: "", endsOn: "" };
    const problems = options.problems ?? [];
    const done = c.req.query("done");
    const notice = done !== undefined ? CYCLE_NOTICES.get(done) : undefined;
    c.header("Cache-Control", "private, no-store");
    return html(
      c,
      <Page
        title="Assessment cycles"
        links={links}
        kind="admin"
        crumbs={[
          { label: "Home", href: links.to(paths.home()) },
          { label: "Admin: people", href: links.to(paths.adminPeople()) },
          { label: "Assessment cycles" },
        ]}
      >
        <h1>Assessment cycles</h1>
        <Notice text={notice} />
        {options.closeProblem ? (
          <div class="problems" role="alert" id="close-problem">
            <p>{options.closeProblem.message}</p>
          </div>
        ) : null}
        <p>
          While a cycle is open, everyone is asked to assess themselves and managers to assess their reports
          (on <a href={links.to(paths.assessments())}>their assessments page</a>). Team views list who has no
          assessment in it.
        </p>
        <Section id="cycles" title="Cycles">
          {cycles.length ? (
            <div class="table-scroll">
              <table class="cycles" id="cycles-table">
                <caption>{`${cycles.length} ${cycles.length === 1 ? "cycle" : "cycles"}, latest start first`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Starts</th>
                    <th scope="col">Ends</th>
                    <th scope="col">Status</th>
                    <th scope="col">Team view</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {cycles.map((cycle) => (
                    <tr id={`cycle-${cycle.id}`}>
                      <th scope="row">{cycle.name}</th>
                      <td>{cycle.startsOn}</td>
                      <td>{cycle.endsOn}</td>
                      <td>
                        {cycle.status === "open"
                          ? "open"
                          : `closed ${cycle.closedAt ? formatTime(cycle.closedAt) : ""}`}
                      </td>
                      <td>
                        <a href={links.to(paths.adminTeam(cycle.id))}>Organization in this cycle</a>
                      </td>
                      <td>
                        {cycle.status === "open" ? (
                          <form method="post" action={links.to(paths.adminCycleClose(cycle.id))}>
                            <CsrfField token={viewer.csrfToken} />
                            <input type="hidden" name="version" value={String(cycle.version)} />
                            <button type="submit" class="secondary" aria-label={`Close ${cycle.name}`}>
                              Close
                            </button>
                          </form>
                        ) : (
                          "—"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>No cycle yet. Open the first one below.</p>
          )}
        </Section>
        <Section id="open" title="Open a cycle">
          <ProblemSummary problems={problems} form="cycle" title="The cycle was not opened" />
          <form method="post" action={links.to(paths.adminCycles())} class="stacked" novalidate>
            <CsrfField token={viewer.csrfToken} />
            <Field
              form="cycle"
              name="name"
              label="Name"
              value={form.name}
              autocomplete="off"
              maxlength={TEXT_LIMITS.cycleName}
              problems={problems}
            />
            <Field
              form="cycle"
              name="startsOn"
              label="Starts on"
              hint="A date written YYYY-MM-DD, for example 2030-03-01."
              value={form.startsOn}
              autocomplete="off"
              problems={problems}
            />
            <Field
              form="cycle"
              name="endsOn"
              label="Ends on"
              hint="A date written YYYY-MM-DD, on or after the start."
              value={form.endsOn}
              autocomplete="off"
              problems={problems}
            />
            <button type="submit">Open the cycle</button>
          </form>
        </Section>
      </Page>,
      options.status ?? 200,
    );
  };

  app.get("/admin/cycles/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return page(c, viewer);
  });

  app.post("/admin/cycles/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const body = await c.req.parseBody();
    const form: CycleForm = {
      name: formText(body, "name"),
      startsOn: formText(body, "startsOn"),
      endsOn: formText(body, "endsOn"),
    };
    const created = await store.cycles.create(form);
    if (!created.ok) return page(c, viewer, { form, problems: cycleProblems(created.problems), status: 422 });
    return c.redirect(`${paths.adminCycles()}?done=opened`, 303);
  });

  app.post("/admin/cycles/:id/close", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const id = c.req.param("id");
    const version = Number(formText(await c.req.parseBody(), "version"));
    const closed = await store.cycles.close(id, Number.isSafeInteger(version) ? version : -1);
    if (closed.ok) return c.redirect(`${paths.adminCycles()}?done=closed`, 303);
    const conflict = closed.problems.find((p) => p.kind === "conflict");
    if (!conflict) return c.notFound();
    const current = closed.current;
    return page(c, viewer, {
      status: 409,
      closeProblem: {
        cycleId: id,
        message: `${current ? `“${current.name}” was changed by someone else since this page was shown` : conflict.message}; nothing was closed. The list below is as it is now: check it and close again if you still mean to.`,
      },
    });
  });
}
