/**
 * What is due (/assessments/): the open cycle, where the signed-in person's own assessments stand, and for
 * managers each direct report's, with the next step. Others' drafts are left out (a draft is its author's).
 * One query for everyone listed, however many reports there are.
 */
import type { Context } from "hono";
import { AssessmentsService, type Standing } from "../../../services/assessments.js";
import type { AssessmentSummary, Cycle, Person } from "../../../store/types.js";
import { denied } from "../../auth/pages.js";
import { assessmentVisibleTo, can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { html } from "../../components/html.js";
import { NotPlaced } from "../../components/not-placed.js";
import { Page, Section } from "../../components/page.js";
import { When } from "../../components/when.js";
import { type App, type AppEnv, type RouteDeps, type Viewer, viewerOf } from "../../context.js";
import { type Links, paths } from "../../links.js";

export function dueRoutes(app: App, { auth }: RouteDeps): void {
  if (!auth) return;
  const assessments = new AssessmentsService(auth.store);

  app.get(paths.assessments(), async (c) => {
    const decision = await can(actorOf(c), "person:read-directory", { id: "" });
    if (!decision.allowed) return denied(c, decision);
    const viewer = viewerOf(c);
    const actor = actorOf(c);
    const { cycle, standings } = await assessments.due(viewer.person, (a) => assessmentVisibleTo(actor, a));
    return assessmentsOverview(c, viewer, cycle, standings[0], standings.slice(1));
  });
}

function StatusCell({ a }: { a: AssessmentSummary | undefined }) {
  if (!a) return <span class="status none">not started</span>;
  if (a.status === "draft")
    return (
      <span class="status draft">
        draft, saved <When at={a.updatedAt} />
      </span>
    );
  return (
    <span class="status submitted">
      submitted <When at={a.submittedAt ?? a.updatedAt} />
    </span>
  );
}

function assessmentsOverview(
  c: Context<AppEnv>,
  viewer: Viewer,
  cycle: Cycle | undefined,
  mine: Standing | undefined,
  reports: Standing[],
): Response {
  const links = c.get("links");
  const me = viewer.person;
  const selfDone = mine?.byKind.self?.status === "submitted";
  return html(
    c,
    <Page
      title="Assessments"
      links={links}
      kind="assessment"
      crumbs={[{ label: "Home", href: links.to(paths.home()) }, { label: "Assessments" }]}
    >
      <h1>Assessments</h1>
      {cycle ? (
        <p class="cycle-due" role="status">
          The cycle “<bdi>{cycle.name}</bdi>”{` is open from ${cycle.startsOn} to ${cycle.endsOn}. `}
          {selfDone ? "Your self-assessment is in." : "Your self-assessment is due by its end."}
        </p>
      ) : (
        <p class="meta">No assessment cycle is open. You can still assess yourself at any time.</p>
      )}
      <MineSection links={links} me={me} mine={mine} />
      {viewer.person.admin ? (
        <p class="meta">
          Admin: <a href={links.to(paths.adminCycles())}>assessment cycles</a> ·{" "}
          <a href={links.to(paths.adminTeam())}>organization heatmap and calibration</a>
        </p>
      ) : null}
      <ReportsSection links={links} cycle={cycle} reports={reports} />
    </Page>,
  );
}

/** The signed-in person's own assessments this cycle (or lately). */
function MineSection({ links, me, mine }: { links: Links; me: Person; mine: Standing | undefined }) {
  const selfDone = mine?.byKind.self?.status === "submitted";
  const agreed = mine?.byKind.agreed?.status === "submitted" ? mine.byKind.agreed : undefined;
  return (
    <Section id="mine" title="Mine">
      {me.framework ? (
        <>
          <dl class="standing">
            <dt>Self-assessment</dt>
            <dd>
              <StatusCell a={mine?.byKind.self} />{" "}
              {selfDone && mine?.byKind.self ? (
                <a href={links.to(paths.assessment(mine.byKind.self.id))}>View</a>
              ) : (
                <a href={links.to(paths.assessmentForm(me.id, "self"))}>
                  {mine?.byKind.self ? "Continue" : "Start"}
                </a>
              )}
            </dd>
            <dt>My manager's assessment</dt>
            <dd>
              <StatusCell
                a={mine?.byKind.manager?.status === "submitted" ? mine.byKind.manager : undefined}
              />
            </dd>
            <dt>Agreed</dt>
            <dd>
              <StatusCell a={agreed} />
              {agreed ? (
                <>
                  {" "}
                  <a href={links.to(paths.assessment(agreed.id))}>View, with your manager’s comments</a>
                </>
              ) : null}
            </dd>
          </dl>
          <p>
            <a href={links.to(paths.profile(me.id))}>My profile</a> ·{" "}
            <a href={links.to(paths.history(me.id))}>My history</a>
          </p>
        </>
      ) : (
        <NotPlaced person={me} links={links} />
      )}
    </Section>
  );
}

/** For a manager: where each direct report's assessments stand, with the next step. */
function ReportsSection({
  links,
  cycle,
  reports,
}: {
  links: Links;
  cycle: Cycle | undefined;
  reports: Standing[];
}) {
  if (!reports.length) return null;
  return (
    <Section id="reports" title="My reports">
      <p>
        <a href={links.to(paths.team())}>Your whole team</a>: everyone below you as a heatmap, who is ready
        for the next level, who has no assessment yet.
      </p>
      <div class="table-scroll">
        <table class="standings stack-on-phone">
          <caption>
            {cycle ? (
              <>
                In the cycle “<bdi>{cycle.name}</bdi>”
              </>
            ) : (
              "Latest"
            )}
          </caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Self-assessment</th>
              <th scope="col">Your assessment</th>
              <th scope="col">Agreed</th>
              <th scope="col">Next step</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => {
              const manager = r.byKind.manager;
              return (
                <tr id={`report-${r.person.id}`}>
                  <th scope="row">
                    <a href={links.to(paths.profile(r.person.id))}>{r.person.name}</a>
                  </th>
                  <td data-label="Self-assessment">
                    <StatusCell a={r.byKind.self?.status === "submitted" ? r.byKind.self : undefined} />
                  </td>
                  <td data-label="Your assessment">
                    <StatusCell a={manager} />
                  </td>
                  <td data-label="Agreed">
                    <StatusCell a={r.byKind.agreed} />
                  </td>
                  <td data-label="Next step">
                    {!r.person.framework ? (
                      "no framework yet"
                    ) : manager?.status === "submitted" ? (
                      <a href={links.to(paths.assessmentReview(r.person.id))}>Review together</a>
                    ) : (
                      <a href={links.to(paths.assessmentForm(r.person.id, "manager"))}>
                        {manager ? "Continue assessing" : "Assess"}
                      </a>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
