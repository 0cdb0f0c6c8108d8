/**
 * Growth: the jagged profile of an assessment against the person's level and a target level (charts, the
 * gaps ranked, where to push next, strengths, personal goals that can be kept), and the history of every
 * submitted assessment with what changed between them.
 */
import type { Context } from "hono";
import { type AssessmentChanges, type Profile, profileOf } from "../../../core/assessment.js";
import { goalsFromAssessment, segmentsText, type Goal as TemplateGoal } from "../../../core/goals.js";
import {
  type Assessed,
  AssessmentsService,
  type HistoryRound,
  KIND_NAMES,
  type ProfileSource,
  picksMap,
} from "../../../services/assessments.js";
import type { Goal, GoalStatus } from "../../../store/types.js";
import { denied, PRIVATE } from "../../auth/pages.js";
import { can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import {
  assessedOr,
  assessmentJson,
  draftAccess,
  mayRead,
  noticeOf,
  When,
} from "../../components/assessed.js";
import { CsrfField } from "../../components/forms.js";
import { GoalBlock, goalSources } from "../../components/goal-block.js";
import { html } from "../../components/html.js";
import { Md, Notice, Page, Section } from "../../components/page.js";
import { ProfileTable, RadarChart, StripChart } from "../../components/profile-chart.js";
import { type App, type AppEnv, type RouteDeps, viewerOf } from "../../context.js";
import { paths } from "../../links.js";

/** Suggested goals shown at once; the rest (smaller gaps) fold away. */
const SHOWN_GOALS = 3;
const GOAL_STATUS_NAMES: Record<GoalStatus, string> = { active: "active", done: "done", dropped: "dropped" };

function profileJson(person: Assessed["person"], source: ProfileSource, profile: Profile) {
  return {
    person: { id: person.id, name: person.name, level: person.level },
    assessment: source.assessment ? assessmentJson(source.assessment) : null,
    framework: { id: source.snapshot.framework, version: source.snapshot.version },
    ...profile,
  };
}

/** The personal SMART goals for the profile's gaps, when the live framework is the one assessed against. */
function templateGoals(subject: Assessed, source: ProfileSource, profile: Profile): TemplateGoal[] {
  if (!source.assessment || source.snapshot.framework !== subject.fw.id) return [];
  if (!subject.index.levels.has(profile.target)) return [];
  const picks = Object.fromEntries(picksMap(source.assessment));
  const doc = goalsFromAssessment(subject.index, { picks, target: profile.target }, { kinds: ["smart"] });
  return doc.sections.flatMap((s) => s.groups.flatMap((g) => g.goals));
}

/** A goal as one plain text: its title, then a line per part. */
function goalText(goal: TemplateGoal): string {
  return [segmentsText(goal.title), ...goal.lines.map((l) => `${l.label}: ${segmentsText(l.segments)}`)].join(
    "\n",
  );
}

function profilePage(
  c: Context<AppEnv>,
  subject: Assessed,
  source: ProfileSource,
  profile: Profile,
  saved: Goal[],
  canKeepGoals: boolean,
): Response {
  const links = c.get("links");
  const viewer = viewerOf(c);
  const { person, index } = subject;
  const { snapshot, assessment } = source;
  const levelName = (id: string | null | undefined) =>
    id ? (snapshot.levels.find((l) => l.id === id)?.name ?? id) : "—";
  const competencyName = new Map(snapshot.competencies.map((c) => [c.id, c.name]));
  const mine = viewer.person.id === person.id;
  const title = mine ? "My profile" : `Profile of ${person.name}`;
  const goals = templateGoals(subject, source, profile);
  const tracks = [...new Set(snapshot.levels.map((l) => l.track))];
  const trackName = (id: string) => index.tracks.get(id)?.name ?? (id || "Levels");
  const notice = noticeOf(c);
  const keep = (goal: TemplateGoal, i: number) => (
    <div class="goal-keep">
      <GoalBlock
        index={index}
        kind="smart"
        n={i + 1}
        goal={goal}
        filled={{}}
        heading={3}
        position={`goal ${i + 1}`}
      />
      {canKeepGoals && assessment ? (
        <form method="post" action={links.to(paths.goals(person.id))} class="no-print">
          <CsrfField token={viewer.csrfToken} />
          <input type="hidden" name="assessment" value={assessment.id} />
          <input type="hidden" name="target" value={profile.target} />
          <input type="hidden" name="goal" value={goal.id} />
          <button type="submit" class="secondary">
            Keep this goal<span class="visually-hidden">{` (goal ${i + 1})`}</span>
          </button>
        </form>
      ) : null}
    </div>
  );
  c.header("Cache-Control", "private, no-store");
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
      <Notice text={notice} />
      {!assessment ? (
        <p class="notice">
          {mine ? "You have no assessment yet. " : `${person.name} has no submitted assessment yet. `}
          {mine ? <a href={links.to(paths.assessmentForm(person.id, "self"))}>Assess yourself</a> : null}
        </p>
      ) : (
        <p class="meta">
          {`From the ${source.basis}`}
          {assessment.submittedAt ? (
            <>
              {", submitted "}
              <When date={assessment.submittedAt} />
            </>
          ) : null}
          {`. Current level: ${levelName(person.level)}. Target: ${levelName(profile.target)}.`}
        </p>
      )}
      <form method="get" action={links.to(paths.profile(person.id))} class="target-chooser no-print">
        {c.req.query("assessment") ? (
          <input type="hidden" name="assessment" value={c.req.query("assessment")} />
        ) : null}
        <label for="profile-target">Measure against</label>
        <select id="profile-target" name="target">
          {tracks.map((track) => (
            <optgroup label={trackName(track)}>
              {snapshot.levels
                .filter((l) => l.track === track)
                .map((l) => (
                  <option value={l.id} selected={l.id === profile.target}>
                    {l.name}
                    {l.id === person.level ? " (current)" : ""}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        <button type="submit" class="secondary">
          Show
        </button>
      </form>
      {assessment ? (
        <>
          <div class="profile-charts">
            <RadarChart profile={profile} snapshot={snapshot} />
            <StripChart profile={profile} snapshot={snapshot} />
          </div>
          <details class="profile-table-wrap">
            <summary>The profile as a table</summary>
            <ProfileTable profile={profile} snapshot={snapshot} />
          </details>
          <Section id="gaps" title={`Gaps to ${levelName(profile.target)}`}>
            {profile.gaps.length ? (
              <ol class="gaps">
                {profile.gaps.map((g) => (
                  <li id={`gap-${g.competency}`}>
                    <strong>{competencyName.get(g.competency) ?? g.competency}</strong>
                    {`: ${levelName(g.pick)}, ${g.gap} level${g.gap === 1 ? "" : "s"} below`}
                  </li>
                ))}
              </ol>
            ) : (
              <p>No gaps: every picked competency is at or above this level.</p>
            )}
            {profile.unpicked.length ? (
              <p class="meta">{`Not picked: ${profile.unpicked.map((id) => competencyName.get(id) ?? id).join(", ")}.`}</p>
            ) : null}
          </Section>
          {profile.pushNext.length ? (
            <Section id="push-next" title="Where to push next">
              <p>{`What ${levelName(profile.target)} expects where the gap is largest:`}</p>
              <ul class="push-next">
                {profile.pushNext.map((p) => (
                  <li>
                    <strong>{p.name}</strong>
                    <blockquote>
                      <Md text={p.expectation} />
                    </blockquote>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          <Section id="strengths" title="Strengths">
            {profile.strengths.some((s) => s.ahead > 0) ? (
              <ul class="strengths">
                {profile.strengths
                  .filter((s) => s.ahead > 0)
                  .map((s) => (
                    <li>
                      <strong>{competencyName.get(s.competency) ?? s.competency}</strong>
                      {`: ${levelName(s.pick)}, ${s.ahead} level${s.ahead === 1 ? "" : "s"} above the target`}
                    </li>
                  ))}
              </ul>
            ) : (
              <p>Nothing is above the target level yet.</p>
            )}
          </Section>
          <Section id="goals" title="Personal goals">
            {goals.length ? (
              <>
                <p>
                  {`SMART goals for the largest gaps, quoting what ${levelName(profile.target)} expects. `}
                  {canKeepGoals ? "Keep the ones you will work on." : ""}
                </p>
                {goals.slice(0, SHOWN_GOALS).map((goal, i) => keep(goal, i))}
                {goals.length > SHOWN_GOALS ? (
                  <details class="more-goals">
                    <summary>{`${goals.length - SHOWN_GOALS} more goal${goals.length - SHOWN_GOALS === 1 ? "" : "s"} for the smaller gaps`}</summary>
                    {goals.slice(SHOWN_GOALS).map((goal, i) => keep(goal, i + SHOWN_GOALS))}
                  </details>
                ) : null}
              </>
            ) : (
              <p>No goals to suggest: no gaps with an expectation at this level.</p>
            )}
          </Section>
        </>
      ) : null}
      <Section id="kept-goals" title={mine ? "My goals" : "Their goals"}>
        {saved.length ? (
          <ul class="kept-goals">
            {saved.map((g) => (
              <li id={`goal-${g.id}`} class={`goal-${g.status}`}>
                <p class="goal-text">{g.text}</p>
                <p class="meta">
                  {`${GOAL_STATUS_NAMES[g.status]} · kept `}
                  <When date={g.createdAt} />
                </p>
                {canKeepGoals ? (
                  <form
                    method="post"
                    action={`${links.to(paths.goals(person.id))}${g.id}/status`}
                    class="inline no-print"
                  >
                    <CsrfField token={viewer.csrfToken} />
                    {(["done", "dropped", "active"] as const)
                      .filter((s) => s !== g.status)
                      .map((s) => (
                        <button type="submit" name="status" value={s} class="secondary">
                          {s === "active" ? "Reopen" : s === "done" ? "Mark done" : "Drop"}
                        </button>
                      ))}
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>No goals kept yet.</p>
        )}
      </Section>
      <p>
        <a href={links.to(paths.history(person.id))}>History</a>
      </p>
    </Page>,
  );
}

function historyPage(
  c: Context<AppEnv>,
  subject: Assessed,
  rounds: HistoryRound[],
  changes: AssessmentChanges | undefined,
): Response {
  const links = c.get("links");
  const viewer = viewerOf(c);
  const { person } = subject;
  const mine = viewer.person.id === person.id;
  const title = mine ? "My history" : `History of ${person.name}`;
  const latest = rounds.at(-1);
  // every competency any round had, in the latest framework's order first: none is dropped
  const competencies = new Map<string, string>();
  for (const r of [...rounds].reverse())
    for (const comp of r.snapshot.competencies)
      if (!competencies.has(comp.id)) competencies.set(comp.id, comp.name);
  const name = (round: (typeof rounds)[number], level: string | null | undefined) =>
    level ? (round.snapshot.levels.find((l) => l.id === level)?.name ?? level) : "";
  const levelAfter = (id: string | null) =>
    id && latest ? (latest.snapshot.levels.find((l) => l.id === id)?.name ?? id) : "not picked";
  c.header("Cache-Control", "private, no-store");
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
        <p>No submitted assessments yet.</p>
      ) : (
        <>
          <Section id="changes" title="What changed since last time">
            {!changes ? (
              <p>This is the first assessment: nothing to compare with yet.</p>
            ) : (
              <>
                {changes.changed.length ? (
                  <ul class="changes">
                    {changes.changed.map((ch) => (
                      <li class={ch.delta === null ? "moved" : ch.delta > 0 ? "up" : "down"}>
                        <strong>{ch.name}</strong>
                        {`: ${ch.from ? levelAfter(ch.from) : "not picked"} → ${levelAfter(ch.to)}`}
                        {ch.delta !== null ? ` (${ch.delta > 0 ? "+" : ""}${ch.delta})` : ""}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>No pick changed.</p>
                )}
                {changes.framework ? (
                  <div class="framework-changes">
                    <h3>The framework changed in between</h3>
                    {changes.framework.removed.length ? (
                      <p>{`No longer in the framework: ${changes.framework.removed.map((r) => r.name).join(", ")}.`}</p>
                    ) : null}
                    {changes.framework.added.length ? (
                      <p>{`New in the framework: ${changes.framework.added.map((r) => r.name).join(", ")}.`}</p>
                    ) : null}
                    {changes.framework.changedExpectations.length ? (
                      <details>
                        <summary>{`${changes.framework.changedExpectations.length} expectation${changes.framework.changedExpectations.length === 1 ? "" : "s"} reworded`}</summary>
                        <ul>
                          {changes.framework.changedExpectations.map((e) => (
                            <li>
                              <strong>{`${e.name} · ${levelAfter(e.level)}`}</strong>
                              <p class="before">{`Before: ${e.before ?? "(none)"}`}</p>
                              <p class="after">{`Now: ${e.after ?? "(none)"}`}</p>
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </div>
                ) : null}
              </>
            )}
          </Section>
          <Section id="timeline" title="Timeline per competency">
            <div class="table-scroll">
              <table class="timeline">
                <thead>
                  <tr>
                    <th scope="col">Competency</th>
                    {rounds.map((r) => (
                      <th scope="col">
                        <a href={links.to(paths.assessment(r.assessment.id))}>
                          {r.cycleName ?? KIND_NAMES[r.assessment.kind]}
                        </a>
                        <br />
                        <span class="meta">{r.assessment.submittedAt?.toISOString().slice(0, 10) ?? ""}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {[...competencies].map(([id, compName]) => (
                    <tr>
                      <th scope="row">{compName}</th>
                      {rounds.map((r) => {
                        const had = r.snapshot.competencies.some((comp) => comp.id === id);
                        const pick = r.assessment.picks.find((p) => p.competency === id)?.level;
                        return (
                          <td class={had ? undefined : "absent"}>
                            {had ? name(r, pick) || "—" : "not in the framework then"}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
        </>
      )}
    </Page>,
  );
}

export function growthRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;
  const assessments = new AssessmentsService(store);

  const profileFor = async (c: Context<AppEnv>) => {
    const subject = await assessedOr(c, store, registry, c.req.param("id") ?? "", "assessment:read");
    if (subject instanceof Response) return subject;
    const asker = c.get("viewer")?.person.id;
    const asked = c.req.query("assessment");
    const source = await assessments.profileSource(subject, asked, asker, draftAccess(c, store));
    if (!source) return c.notFound();
    const target = c.req.query("target");
    const profile = profileOf(
      source.snapshot,
      picksMap(source.assessment),
      subject.person.level,
      target && source.snapshot.levels.some((l) => l.id === target) ? target : undefined,
    );
    return { subject, source, profile };
  };

  app.get("/people/:id/profile/", async (c) => {
    const found = await profileFor(c);
    if (found instanceof Response) return found;
    const { subject, source, profile } = found;
    const canKeep = (await can(actorOf(c), "assessment:self", { id: subject.person.id })).allowed;
    const saved = await store.goals.list(subject.person.id);
    return profilePage(c, subject, source, profile, saved, canKeep);
  });

  app.get("/api/people/:id/profile", async (c) => {
    const found = await profileFor(c);
    if (found instanceof Response) return found;
    return c.json(profileJson(found.subject.person, found.source, found.profile), 200, PRIVATE);
  });

  app.get("/people/:id/history/", async (c) => {
    const subject = await assessedOr(c, store, registry, c.req.param("id"), "assessment:read");
    if (subject instanceof Response) return subject;
    const { rounds, changes } = await assessments.history(subject);
    return historyPage(c, subject, rounds, changes);
  });

  // keep a suggested goal: regenerated here from the assessment, never taken from the form
  app.post("/people/:id/goals/", async (c) => {
    const id = c.req.param("id");
    const subject = await assessedOr(c, store, registry, id, "assessment:self");
    if (subject instanceof Response) return subject;
    const body = await c.req.parseBody();
    const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
    const assessment = await store.assessments.get(text("assessment"));
    // goals come from the person's own assessments as they may see them: never from another's draft
    if (!assessment || assessment.personId !== id || !(await mayRead(c, assessment))) return c.notFound();
    const snapshot = await assessments.snapshotFor(assessment, () =>
      assessments.currentSnapshot(subject.fw, subject.index),
    );
    const target = text("target");
    const profile = profileOf(snapshot, picksMap(assessment), subject.person.level, target || undefined);
    const goal = templateGoals(subject, { assessment, snapshot, basis: "" }, profile).find(
      (g) => g.id === text("goal"),
    );
    if (!goal) return c.notFound();
    const viewer = viewerOf(c);
    const saved = await store.goals.save(id, viewer.person.id, {
      assessmentId: assessment.id,
      framework: subject.fw.id,
      target: profile.target,
      text: goalText(goal),
      sources: goalSources(goal),
    });
    if (!saved.ok) return c.notFound();
    return c.redirect(
      `${paths.profile(id, profile.target)}${profile.target ? "&" : "?"}done=goal-saved#kept-goals`,
      303,
    );
  });

  app.post("/people/:id/goals/:goal/status", async (c) => {
    const id = c.req.param("id");
    const decision = await can(actorOf(c), "assessment:self", { id });
    if (!decision.allowed) return denied(c, decision);
    const status = (await c.req.parseBody()).status;
    if (status !== "active" && status !== "done" && status !== "dropped") return c.notFound();
    const updated = await store.goals.setStatus(c.req.param("goal"), id, status);
    if (!updated.ok) return c.notFound();
    return c.redirect(`${paths.profile(id)}?done=goal-updated#kept-goals`, 303);
  });
}
