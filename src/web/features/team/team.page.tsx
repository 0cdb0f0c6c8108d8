/**
 * The team and organization pages: the heatmap (one string for 10,000 people, see routes.tsx), the
 * distribution per competency, who is ready for their next level, who is unassessed, and calibration.
 */
import type { Context } from "hono";
import { raw } from "hono/html";
import { type CalibrationRow, HEAT_BUCKETS, type HeatBucket } from "../../../core/assessment.js";
import { escapeHtml } from "../../../core/search.js";
import type { FrameworkGroup, TeamView } from "../../../services/team.js";
import { CALIBRATION_MIN_PAIRS } from "../../../services/team.js";
import type { Cycle, Person } from "../../../store/types.js";
import { type Crumb, Page, Section } from "../../components/page.js";
import type { AppEnv } from "../../context.js";
import { type Links, paths } from "../../links.js";
import { day } from "./team-export.js";

export const BUCKET_LABEL: Record<HeatBucket, string> = {
  "-2-": "2 or more levels below",
  "-1": "1 level below",
  "0": "at their level",
  "+1": "1 level above",
  "+2+": "2 or more levels above",
};
export const BUCKET_CLASS: Record<HeatBucket, string> = {
  "-2-": "d-2",
  "-1": "d-1",
  "0": "d0",
  "+1": "d1",
  "+2+": "d2",
};

/** A delta as people read it: a real minus sign, a plus for above. */
export function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : delta < 0 ? `\u2212${-delta}` : "0";
}

export function deltaClass(delta: number): string {
  return delta <= -2 ? "d-2" : delta >= 2 ? "d2" : `d${delta}`;
}

export const KIND_LABEL = { self: "self", manager: "manager", agreed: "agreed" } as const;

export function cycleLabel(cycle: Cycle): string {
  return `${cycle.name} (${cycle.startsOn} to ${cycle.endsOn}, ${cycle.status})`;
}

/** The heatmap's body as one string: 600,000 cells through JSX nodes would cost more than the query. */
export function heatmapRows(g: FrameworkGroup, links: Links): string {
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

export function Heatmap({ g, links }: { g: FrameworkGroup; links: Links }) {
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

export function Legend() {
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
export function Distribution({ g }: { g: FrameworkGroup }) {
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

export function PersonList({ people, links, id }: { people: Person[]; links: Links; id: string }) {
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

export function calibrationReading(row: CalibrationRow): string {
  if (row.pairs < CALIBRATION_MIN_PAIRS) return "too few to tell";
  const by = Math.abs(row.meanDelta).toFixed(2);
  if (row.meanDelta > 0) return `rates higher than self-assessments (by ${by} levels on average)`;
  if (row.meanDelta < 0) return `rates lower than self-assessments (by ${by} levels on average)`;
  return "in line with self-assessments";
}

export function CalibrationTable({ rows, links }: { rows: CalibrationRow[]; links: Links }) {
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

export function CycleFilter(props: { action: string; cycles: Cycle[]; chosen: Cycle | undefined }) {
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

export function TeamPage(props: {
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
