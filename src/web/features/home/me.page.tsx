/** The signed-in home's page: where I stand, what is next, my goals, my people, what needs an admin. */
import type { Child } from "hono/jsx";
import type { PushNext } from "../../../core/assessment.js";
import type { Standing as ReportStanding } from "../../../services/assessments.js";
import type { Assessment, AssessmentSummary, Cycle, Goal, Person } from "../../../store/types.js";
import { html } from "../../components/html.js";
import { NotPlaced } from "../../components/not-placed.js";
import { Page, Section } from "../../components/page.js";
import { When } from "../../components/when.js";
import type { AppContext } from "../../context.js";
import { type Links, paths } from "../../links.js";

/** Where the person stands in their framework (undefined framework: not placed, or it cannot load). */
export interface Standing {
  framework?: { id: string; name: string } | undefined;
  level?: { id: string; name: string } | undefined;
  track?: string | undefined;
  latest?: Assessment | undefined;
  /** The latest assessment's largest gaps to `target` (the next level). */
  gaps?: { target: string; items: PushNext[]; count: number } | undefined;
}

export interface AttentionItem {
  text: string;
  href: string;
}

export interface MyHomeProps {
  person: Person;
  standing: Standing;
  cycle: Cycle | undefined;
  /** The person's direct reports and where their assessments stand this cycle. */
  reports: ReportStanding[];
  goals: Goal[];
  /** For admins only. */
  attention: AttentionItem[] | undefined;
  /** The "framework changed since your last assessment" notice, when there is one (engineer `versions`). */
  frameworkNotice?: Child;
}

const KIND_WORDS = { self: "self-assessment", manager: "manager assessment", agreed: "agreed assessment" };

function statusOf(a: AssessmentSummary | undefined): string {
  if (!a) return "not started";
  return a.status === "submitted" ? "submitted" : "in progress";
}

export function MyHomePage(c: AppContext, props: MyHomeProps): Response {
  const links = c.get("links");
  const { person, standing, cycle, reports, goals, attention } = props;
  return html(
    c,
    <Page title="My home" links={links} kind="people">
      <h1>
        Hello, <bdi>{person.name}</bdi>
      </h1>
      {props.frameworkNotice ?? null}
      <Section id="standing" title="Where I stand">
        <StandingPart person={person} standing={standing} links={links} />
      </Section>
      <Section id="next" title="What next">
        <p>
          {cycle ? (
            <>
              The cycle “<bdi>{cycle.name}</bdi>” is open.{" "}
            </>
          ) : (
            "No assessment cycle is open. "
          )}
          <a href={links.to(paths.assessments())}>My assessments</a>
          {standing.framework ? (
            <>
              {" · "}
              <a href={links.to(paths.profile(person.id))}>My profile</a>
            </>
          ) : null}
        </p>
      </Section>
      <Section id="goals" title="My goals">
        <GoalsPart
          goals={goals}
          profile={standing.framework ? links.to(paths.profile(person.id)) : undefined}
        />
      </Section>
      {reports.length ? (
        <Section id="my-people" title="My people">
          <ReportsPart reports={reports} links={links} />
        </Section>
      ) : null}
      {attention ? (
        <Section id="attention" title="Needs attention">
          <AttentionPart attention={attention} links={links} />
        </Section>
      ) : null}
    </Page>,
  );
}

function StandingPart({ person, standing, links }: { person: Person; standing: Standing; links: Links }) {
  if (!standing.framework) return <NotPlaced person={person} links={links} />;
  const profileHref = links.to(paths.profile(person.id));
  const { framework, level, track, latest, gaps } = standing;
  return (
    <>
      <dl class="standing">
        <dt>Framework</dt>
        <dd>{framework.name}</dd>
        <dt>Level</dt>
        <dd>{level ? level.name : "not set yet"}</dd>
        {track ? (
          <>
            <dt>Track</dt>
            <dd>{track}</dd>
          </>
        ) : null}
        <dt>Latest assessment</dt>
        <dd>
          {latest ? (
            <>
              {`The ${KIND_WORDS[latest.kind]}, `}
              <When at={latest.submittedAt ?? latest.updatedAt} />
            </>
          ) : (
            "None submitted yet."
          )}
        </dd>
      </dl>
      {gaps ? (
        gaps.items.length ? (
          <>
            <p>{`Towards ${gaps.target}: ${gaps.count} competenc${gaps.count === 1 ? "y is" : "ies are"} below it. The largest:`}</p>
            <ul class="home-gaps">
              {gaps.items.map((g) => (
                <li>
                  <strong>{g.name}</strong>
                  {` (${g.gap} level${g.gap === 1 ? "" : "s"} to go)`}
                </li>
              ))}
            </ul>
            {gaps.count > gaps.items.length ? (
              <p>
                <a href={profileHref}>{`All ${gaps.count} gaps, and where to push next, in my profile`}</a>
              </p>
            ) : null}
          </>
        ) : (
          <p>{`Your latest assessment meets ${gaps.target} in every competency.`}</p>
        )
      ) : null}
    </>
  );
}

/**
 * My open goals, the first five, shortened; the profile has them all. `profile`: the profile's path, for a
 * person placed in a framework (the profile needs one). With no goal yet, it leads to where goals come from
 * (an "All my goals" link would lead to none).
 */
function GoalsPart({ goals, profile }: { goals: Goal[]; profile: string | undefined }) {
  if (!goals.length)
    return profile ? (
      <p>
        No open goals yet. <a href={profile}>My profile</a> suggests some from your latest assessment, to keep
        as goals.
      </p>
    ) : (
      <p>No open goals yet.</p>
    );
  return (
    <>
      <ul class="home-goals">
        {goals.slice(0, 5).map((g) => (
          <li>{g.text.length > 200 ? `${g.text.slice(0, 200)}…` : g.text}</li>
        ))}
      </ul>
      {profile ? (
        <p>
          <a href={`${profile}#kept-goals`}>All my goals</a>
        </p>
      ) : null}
    </>
  );
}

/** A manager's direct reports and where each kind of their assessment stands this cycle. */
function ReportsPart({ reports, links }: { reports: ReportStanding[]; links: Links }) {
  return (
    <div class="table-scroll">
      <table class="home-reports stack-on-phone">
        <caption class="visually-hidden">My direct reports' assessments this cycle</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            {(["self", "manager", "agreed"] as const).map((k) => (
              <th scope="col">{KIND_WORDS[k]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr id={`home-report-${r.person.id}`}>
              <th scope="row">
                <a href={links.to(paths.person(r.person.id))}>{r.person.name}</a>
              </th>
              {(["self", "manager", "agreed"] as const).map((k) => (
                <td data-label={KIND_WORDS[k]}>{statusOf(r.byKind[k])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** For an admin: what needs doing, each a link to where it is done. */
function AttentionPart({ attention, links }: { attention: AttentionItem[]; links: Links }) {
  if (!attention.length) return <p>Nothing needs your attention.</p>;
  return (
    <ul>
      {attention.map((a) => (
        <li>
          <a href={links.to(a.href)}>{a.text}</a>
        </li>
      ))}
    </ul>
  );
}
