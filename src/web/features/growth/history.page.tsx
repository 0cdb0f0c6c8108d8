/**
 * The history page: every round of record, oldest first, read on the framework as loaded now (rounds of
 * earlier versions carried through its migration map, services/history.ts), as a chart with the version
 * changes marked and as a table; and what changed between the last two rounds.
 */
import type { Context } from "hono";
import type { FC } from "hono/jsx";
import type { AssessmentChanges } from "../../../core/assessment.js";
import { type Assessed, type HistoryRound, KIND_NAMES } from "../../../services/assessments.js";
import type { ContinuousHistory } from "../../../services/history.js";
import { CarriedTag } from "../../components/carried.js";
import { html } from "../../components/html.js";
import { NameList, Page, Section } from "../../components/page.js";
import { type AppEnv, viewerOf } from "../../context.js";
import { type Links, paths } from "../../links.js";
import { HistoryChart } from "./history-chart.js";

export function historyPage(
  c: Context<AppEnv>,
  subject: Assessed,
  rounds: HistoryRound[],
  history: ContinuousHistory,
): Response {
  const links = c.get("links");
  const { person } = subject;
  const mine = viewerOf(c).person.id === person.id;
  const title = mine ? "My history" : `History of ${person.name}`;
  const names = rounds.map(roundName);
  return html(
    c,
    <Page
      title={title}
      links={links}
      kind="growth"
      crumbs={[
        { label: "Home", href: links.to(paths.home()) },
        { label: "Assessments", href: links.to(paths.assessments()) },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      {rounds.length === 0 ? (
        <p>
          No submitted assessments yet.{" "}
          {mine ? <a href={links.to(paths.assessmentForm(person.id, "self"))}>Assess yourself</a> : null}
        </p>
      ) : (
        <>
          <Section id="changes" title="What changed since last time">
            <LatestChanges changes={history.latest} history={history} />
          </Section>
          <Section id="timeline" title="Timeline per competency">
            <HistoryChart history={history} rounds={names} />
            <Timeline rounds={rounds} names={names} history={history} links={links} />
          </Section>
        </>
      )}
    </Page>,
  );
}

/** A round's column name: its cycle's, else the kind of assessment, and the day it was submitted. */
function roundName(r: HistoryRound): string {
  const day = r.assessment.submittedAt?.toISOString().slice(0, 10) ?? "";
  return `${r.cycleName ?? KIND_NAMES[r.assessment.kind]}${day ? ` ${day}` : ""}`;
}

/** Picks that moved between the last two rounds, and how the framework changed in between. */
const LatestChanges: FC<{ changes: AssessmentChanges | undefined; history: ContinuousHistory }> = ({
  changes,
  history,
}) => {
  if (!changes) return <p>This is the first assessment: nothing to compare with yet.</p>;
  const levels = new Map(history.snapshot.levels.map((l) => [l.id, l.name]));
  const levelName = (id: string | null) => (id ? (levels.get(id) ?? id) : "not picked");
  return (
    <>
      {changes.changed.length ? (
        <ul class="changes">
          {changes.changed.map((ch) => (
            <li class={ch.delta === null ? "moved" : ch.delta > 0 ? "up" : "down"}>
              <strong>{ch.name}</strong>
              {`: ${levelName(ch.from)} → ${levelName(ch.to)}`}
              {ch.delta !== null ? ` (${ch.delta > 0 ? "+" : ""}${ch.delta})` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p>No pick changed.</p>
      )}
      {changes.framework ? (
        <FrameworkChanges changes={changes.framework} followed={history.followed} levelName={levelName} />
      ) : null}
    </>
  );
};

const FrameworkChanges: FC<{
  changes: NonNullable<AssessmentChanges["framework"]>;
  followed: ContinuousHistory["followed"];
  levelName: (id: string | null) => string;
}> = ({ changes, followed, levelName }) => {
  const reworded = changes.changedExpectations.length;
  return (
    <div class="framework-changes">
      <h3>The framework changed in between</h3>
      {followed.length ? (
        <p>
          {`Followed through the framework's migration map: ${followed
            .map((f) => `${f.from.join(" and ")} → ${f.to.join(" and ")} (${f.fate})`)
            .join("; ")}.`}
        </p>
      ) : null}
      {changes.removed.length ? (
        <p>
          No longer in the framework: <NameList names={changes.removed.map((r) => r.name)} />.
        </p>
      ) : null}
      {changes.added.length ? (
        <p>
          New in the framework: <NameList names={changes.added.map((r) => r.name)} />.
        </p>
      ) : null}
      {reworded ? (
        <details>
          <summary>{`${reworded} expectation${reworded === 1 ? "" : "s"} reworded`}</summary>
          <ul>
            {changes.changedExpectations.map((e) => (
              <li>
                <strong>
                  <bdi>{e.name}</bdi> · <bdi>{levelName(e.level)}</bdi>
                </strong>
                <p class="before">{`Before: ${e.before ?? "(none)"}`}</p>
                <p class="after">{`Now: ${e.after ?? "(none)"}`}</p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
};

/** The chart's text: one row per competency, one column per round, the version changes in the headers. */
const Timeline: FC<{
  rounds: HistoryRound[];
  names: string[];
  history: ContinuousHistory;
  links: Links;
}> = ({ rounds, names, history, links }) => {
  const changeAt = new Map(history.changes.map((ch) => [ch.at, ch]));
  return (
    <section class="table-scroll" tabindex={0} aria-label="Timeline table (scrolls sideways)">
      <table class="timeline">
        <caption>Level per competency in each round, on the framework as it is now</caption>
        <thead>
          <tr>
            <th scope="col">Competency</th>
            {rounds.map((r, i) => {
              const change = changeAt.get(i);
              return (
                <th scope="col" class={change ? "version-change" : undefined}>
                  {change ? (
                    <span class="version-note">{`Version ${change.to} from here (was ${change.from})`}</span>
                  ) : null}
                  <a href={links.to(paths.assessment(r.assessment.id))}>{names[i]}</a>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {history.lines.map((line) => (
            <tr class={line.retired !== undefined ? "retired" : undefined}>
              <th scope="row">
                {line.name}
                {line.retired ? <span class="meta">{` (retired: ${line.retired})`}</span> : null}
              </th>
              {line.cells.map((cell, i) => (
                <td
                  class={
                    [cell ? "" : "absent", changeAt.has(i) ? "version-change" : ""].join(" ").trim() ||
                    undefined
                  }
                >
                  {cell
                    ? (cell.levelName ?? "—")
                    : line.retired !== undefined
                      ? "retired"
                      : "not in the framework then"}
                  {cell ? <CarriedTag mark={cell.mark} /> : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
};
