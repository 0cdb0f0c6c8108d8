/** The profile page: the jagged profile against the person's level and a target, the gaps, and goals to keep. */

import type { Context } from "hono";
import type { FC } from "hono/jsx";
import type { FrameworkSnapshot, Profile } from "../../../core/assessment.js";
import type { Goal as TemplateGoal } from "../../../core/goals.js";
import type { Assessed } from "../../../services/assessments.js";
import type { ProfileReading } from "../../../services/carried-picks.js";
import type { ChangeSince } from "../../../services/framework-changes.js";
import { type KeptGoal, suggestedGoals } from "../../../services/goals.js";
import { noticeOf } from "../../components/assessed.js";
import { CarriedNote } from "../../components/carried.js";
import { CsrfField } from "../../components/forms.js";
import { FrameworkChangedNotice } from "../../components/framework-changed.js";
import { GoalBlock } from "../../components/goal-block.js";
import { html } from "../../components/html.js";
import { Md, Notice, Page, Section } from "../../components/page.js";
import { ProfileCharts, ProfileTable } from "../../components/profile-chart.js";
import { When } from "../../components/when.js";
import { type AppEnv, viewerOf } from "../../context.js";
import type { Links } from "../../links.js";
import { paths } from "../../links.js";
import { KeptGoals } from "./kept-goals.js";

/** Suggested goals shown at once; the rest (smaller gaps) fold away. */
export const SHOWN_GOALS = 3;

/** What the page shows besides the profile: kept goals, whether goals may be kept, the framework's changes. */
export interface ProfileExtras {
  saved: KeptGoal[];
  canKeep: boolean;
  /** Whether the viewer writes this person's manager assessments (the first one's link, where there is none). */
  canAssess: boolean;
  /** What changed in the framework since the version this assessment was made on (its notice). */
  changed?: ChangeSince | undefined;
}

const levelNameIn =
  (snapshot: FrameworkSnapshot) =>
  (id: string | null | undefined): string =>
    id ? (snapshot.levels.find((l) => l.id === id)?.name ?? id) : "—";

export function profilePage(
  c: Context<AppEnv>,
  subject: Assessed,
  reading: ProfileReading,
  profile: Profile,
  { saved, canKeep, canAssess, changed }: ProfileExtras,
): Response {
  const links = c.get("links");
  const viewer = viewerOf(c);
  const { person, index } = subject;
  const { source, carried } = reading;
  const { snapshot, assessment } = source;
  const mine = viewer.person.id === person.id;
  const title = mine ? "My profile" : `Profile of ${person.name}`;
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
      <Notice text={noticeOf(c)} />
      {changed ? (
        <FrameworkChangedNotice {...changed} whose={mine ? undefined : person.name} links={links} />
      ) : null}
      <AssessedLine
        subject={subject}
        reading={reading}
        profile={profile}
        mine={mine}
        canAssess={canAssess}
        links={links}
      />
      {carried ? (
        <CarriedNote
          from={carried.from}
          now={snapshot.label ?? snapshot.version.slice(0, 12)}
          dropped={carried.dropped}
        />
      ) : null}
      <TargetChooser c={c} subject={subject} snapshot={snapshot} profile={profile} />
      {assessment ? (
        <>
          <ProfileCharts profile={profile} snapshot={snapshot} marks={carried?.marks} />
          <details class="profile-table-wrap">
            <summary>The profile as a table</summary>
            <ProfileTable profile={profile} snapshot={snapshot} marks={carried?.marks} />
          </details>
          <ProfileReadings snapshot={snapshot} profile={profile} />
          <SuggestedGoals c={c} subject={subject} reading={reading} profile={profile} canKeep={canKeep} />
        </>
      ) : null}
      <Section id="kept-goals" title={mine ? "My goals" : "Their goals"}>
        <KeptGoals
          goals={saved}
          index={index}
          actionOf={canKeep ? (g) => `${links.to(paths.goals(person.id))}${g.id}` : undefined}
          csrfToken={viewer.csrfToken}
        />
      </Section>
      <p>
        <a href={links.to(paths.history(person.id))}>History</a>
      </p>
    </Page>,
  );
}

/** Which assessment the profile is drawn from, or how to make the first one. */
const AssessedLine: FC<{
  subject: Assessed;
  reading: ProfileReading;
  profile: Profile;
  mine: boolean;
  canAssess: boolean;
  links: Links;
}> = ({ subject: { person }, reading: { source }, profile, mine, canAssess, links }) => {
  const { assessment } = source;
  const levelName = levelNameIn(source.snapshot);
  if (!assessment)
    return (
      <p class="notice">
        {mine ? (
          "You have no assessment yet. "
        ) : (
          <>
            <bdi>{person.name}</bdi> has no submitted assessment yet.{" "}
          </>
        )}
        {mine ? <a href={links.to(paths.assessmentForm(person.id, "self"))}>Assess yourself</a> : null}
        {canAssess ? <a href={links.to(paths.assessmentForm(person.id, "manager"))}>Assess them</a> : null}
      </p>
    );
  return (
    <p class="meta">
      {`From ${source.basis}`}
      {assessment.submittedAt ? (
        <>
          {", submitted "}
          <When at={assessment.submittedAt} />
        </>
      ) : null}
      {`. Current level: ${levelName(person.level)}. Target: ${levelName(profile.target)}.`}
    </p>
  );
};

/** The level the gaps are measured to, chosen by track. */
const TargetChooser: FC<{
  c: Context<AppEnv>;
  subject: Assessed;
  snapshot: FrameworkSnapshot;
  profile: Profile;
}> = ({ c, subject: { person, index }, snapshot, profile }) => {
  const links = c.get("links");
  const tracks = [...new Set(snapshot.levels.map((l) => l.track))];
  const trackName = (id: string) => index.tracks.get(id)?.name ?? (id || "Levels");
  return (
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
  );
};

/** The gaps to the target, where to push next, and the strengths. */
const ProfileReadings: FC<{ snapshot: FrameworkSnapshot; profile: Profile }> = ({ snapshot, profile }) => {
  const levelName = levelNameIn(snapshot);
  const competencyName = new Map(snapshot.competencies.map((c) => [c.id, c.name]));
  const ahead = profile.strengths.filter((s) => s.ahead > 0);
  return (
    <>
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
        {profile.optional.length ? (
          <p class="meta" id="optional">
            {`Not part of this level’s track (optional, never a gap): ${profile.optional.map((id) => competencyName.get(id) ?? id).join(", ")}.`}
          </p>
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
        {ahead.length ? (
          <ul class="strengths">
            {ahead.map((s) => (
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
    </>
  );
};

/** SMART goals for the largest gaps, each with a button to keep it when the viewer may. */
const SuggestedGoals: FC<{
  c: Context<AppEnv>;
  subject: Assessed;
  reading: ProfileReading;
  profile: Profile;
  canKeep: boolean;
}> = ({ c, subject, reading: { source }, profile, canKeep }) => {
  const links = c.get("links");
  const viewer = viewerOf(c);
  const { person, index } = subject;
  const { assessment } = source;
  const targetName = levelNameIn(source.snapshot)(profile.target);
  const goals = suggestedGoals(subject, source, profile);
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
      {canKeep && assessment ? (
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
  const more = goals.length - SHOWN_GOALS;
  return (
    <Section id="goals" title="Personal goals">
      {goals.length ? (
        <>
          <p>
            {`SMART goals for the largest gaps, quoting what ${targetName} expects. `}
            {canKeep ? "Keep the ones you will work on." : ""}
          </p>
          {goals.slice(0, SHOWN_GOALS).map((goal, i) => keep(goal, i))}
          {more > 0 ? (
            <details class="more-goals">
              <summary>{`${more} more goal${more === 1 ? "" : "s"} for the smaller gaps`}</summary>
              {goals.slice(SHOWN_GOALS).map((goal, i) => keep(goal, i + SHOWN_GOALS))}
            </details>
          ) : null}
        </>
      ) : (
        <p>No goals to suggest: no gaps with an expectation at this level.</p>
      )}
    </Section>
  );
};
