/**
 * Review and agreement (/people/:id/review/): the submitted self and manager assessments side by side, and
 * the agreed picks a manager records with the person, drafted first like any assessment (and like any
 * draft, its author's alone until recorded).
 */

import type { Context } from "hono";
import type { Pick } from "../../../core/assessment.js";
import type { FrameworkIndex } from "../../../core/model.js";
import type { Competency } from "../../../core/schema.js";
import { isolated } from "../../../core/text.js";
import {
  AssessmentsService,
  liveSnapshot,
  picksMap,
  type ReviewData,
  subjectAssessedOn,
  takenMessage,
} from "../../../services/assessments.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { Assessment } from "../../../store/types.js";
import { can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { assessedOr, draftAccess, noticeOf } from "../../components/assessed.js";
import {
  CriteriaShown,
  type CriterionTexts,
  PickComment,
  snapshotCriterionTexts,
} from "../../components/assessment-criteria.js";
import { pickOptions, type RawPick, unpickedProblems } from "../../components/assessment-form.js";
import { type FieldProblem, ProblemSummary } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Notice, Page } from "../../components/page.js";
import { type App, type AppEnv, type RouteDeps, viewerOf } from "../../context.js";
import { paths } from "../../links.js";
import { validate } from "../../middleware/validate.js";
import { Evidence } from "./assessment-view.routes.js";
import { ConflictPanel, saveDraftFrom } from "./drafts.js";
import { assessmentForm } from "./requests.js";

export function reviewRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;
  const assessments = new AssessmentsService(store);

  app.get("/people/:id/review/", async (c) => {
    const subject = await assessedOr(c, store, registry, c.req.param("id"), "assessment:read");
    if (subject instanceof Response) return subject;
    const canAgree = (await can(actorOf(c), "assessment:manager", { id: subject.person.id })).allowed;
    return reviewPage(c, await assessments.review(subject, draftAccess(c, store)), canAgree);
  });

  app.post("/people/:id/review/", validate("form", assessmentForm), async (c) => {
    const subject = await assessedOr(c, store, registry, c.req.param("id"), "assessment:manager");
    if (subject instanceof Response) return subject;
    const data = await assessments.review(subject, draftAccess(c, store));
    if (!data.self || !data.manager || data.agreed?.status === "submitted")
      return reviewPage(c, data, true, {}, 409);
    const form = c.req.valid("form");
    const result = await saveDraftFrom(c, store, subject, "agreed", form.version, agreedPicks(data, form));
    if (result.kind === "invalid")
      return reviewPage(c, data, true, { problems: result.problems, picks: result.picks }, 422);
    if (result.kind === "conflict")
      return reviewPage(c, data, true, { conflict: result.theirs, picks: result.yours }, 409);
    if (result.kind === "refused")
      return reviewPage(c, data, true, { problems: [{ field: "", message: result.message }] }, 409);
    const draft = result.draft;
    if (form.action !== "submit")
      return c.redirect(`${paths.assessmentReview(subject.person.id)}?done=saved`, 303);
    const missing = unpickedProblems(subject.index, draft.picks, subjectAssessedOn(subject));
    if (missing.length) return reviewPage(c, { ...data, agreed: draft }, true, { problems: missing }, 422);
    const submitted = await assessments.submit(draft);
    if (!submitted.ok)
      return reviewPage(c, data, true, { conflict: submitted.current ?? draft, picks: draft.picks }, 409);
    return c.redirect(`${paths.assessmentReview(subject.person.id)}?done=agreed`, 303);
  });
}

/** The agreed picks of the review form (`agreed.<competency>`, `agreed-comment.<competency>`), every competency. */
function agreedPicks(data: ReviewData, form: Readonly<Record<string, unknown>>): RawPick[] {
  const managerPicks = new Map((data.manager?.picks ?? []).map((p) => [p.competency, p]));
  const text = (field: string) =>
    Object.hasOwn(form, field) && typeof form[field] === "string" ? form[field] : "";
  return [...data.subject.index.competencies.keys()].map((competency) => {
    const level = text(`agreed.${competency}`);
    const m = managerPicks.get(competency);
    // the manager's rating band and criteria stay when the agreed level is theirs
    const theirs = m?.level === level;
    return {
      competency,
      level,
      band: theirs ? (m?.band ?? "") : "",
      criteria: theirs ? (m?.criteria ?? []) : [],
      comment: text(`agreed-comment.${competency}`),
    };
  });
}

/** The agreed pick and the manager's comment, per competency, as the page shows or edits them. */
type AgreedPicks = ReadonlyMap<string, { level: string; comment: string }>;

function agreedOf(picks: readonly Pick[] | undefined): AgreedPicks {
  return new Map(
    (picks ?? []).map((p) => [p.competency, { level: p.level ?? "", comment: p.comment ?? "" }]),
  );
}

function reviewPage(
  c: Context<AppEnv>,
  data: ReviewData,
  canAgree: boolean,
  extra: { problems?: FieldProblem[]; picks?: Pick[]; conflict?: Assessment } = {},
  status: 200 | 409 | 422 = 200,
): Response {
  const links = c.get("links");
  const viewer = viewerOf(c);
  const { person, index } = data.subject;
  const frozen = data.agreed?.status === "submitted";
  const editable =
    canAgree && !frozen && !data.agreedTaken && data.self !== undefined && data.manager !== undefined;
  return html(
    c,
    <Page
      title={`Review: ${isolated(person.name)}`}
      links={links}
      kind="assessment"
      crumbs={[
        { label: "Home", href: links.to(paths.home()) },
        { label: "Assessments", href: links.to(paths.assessments()) },
        { label: `Review: ${isolated(person.name)}` },
      ]}
    >
      <h1>
        Self and manager assessment of <bdi>{person.name}</bdi>
      </h1>
      <Notice text={noticeOf(c)} />
      {extra.conflict ? (
        <ConflictPanel theirs={extra.conflict} yours={extra.picks ?? []} index={index} />
      ) : null}
      {canAgree && data.agreedTaken ? (
        <p class="notice" role="status">
          {takenMessage(person, "agreed")}
        </p>
      ) : null}
      <ReviewIntro data={data} frozen={frozen} />
      <form
        method="post"
        action={links.to(paths.assessmentReview(person.id))}
        class="review"
        id="review-form"
      >
        <ProblemSummaryOf problems={extra.problems ?? []} />
        <input type="hidden" name="_csrf" value={viewer.csrfToken} />
        <input
          type="hidden"
          name="version"
          value={String(
            extra.conflict?.version ?? (data.agreed?.status === "draft" ? data.agreed.version : 0),
          )}
        />
        <ReviewTable
          data={data}
          agreed={extra.picks ? agreedOf(extra.picks) : agreedOf(data.agreed?.picks)}
          editable={editable}
        />
        {editable ? (
          <div class="form-actions">
            <button type="submit" name="action" value="save" class="secondary">
              Save the agreed picks
            </button>
            <button type="submit" name="action" value="submit">
              Record as agreed
            </button>
          </div>
        ) : null}
      </form>
      <p>
        <a href={links.to(paths.profile(person.id))}>Profile</a> ·{" "}
        <a href={links.to(paths.history(person.id))}>History</a>
      </p>
    </Page>,
    status,
  );
}

/** What is missing before the two can be compared, or how far they differ. */
function ReviewIntro({ data, frozen }: { data: ReviewData; frozen: boolean }) {
  const self = picksMap(data.self);
  const manager = picksMap(data.manager);
  const competencies = [...data.subject.index.competencies.keys()];
  const differ = competencies.filter((id) => (self.get(id) ?? null) !== (manager.get(id) ?? null));
  if (!data.self || !data.manager) {
    const missing = [data.self ? "" : "the self-assessment", data.manager ? "" : "the manager assessment"];
    return (
      <p class="notice">
        {`Both assessments must be submitted before they can be compared: ${missing.filter(Boolean).join(" and ")} ${
          data.self || data.manager ? "is" : "are"
        } still missing${data.cycle ? ` in “${isolated(data.cycle.name)}”` : ""}.`}
      </p>
    );
  }
  return (
    <p class="lede">
      {differ.length === 0
        ? "The two assessments agree on every competency."
        : `They differ in ${differ.length} of ${competencies.length} competencies, highlighted below. Talk them through and record the pick you agree on.`}
      {frozen
        ? " The agreed assessment is recorded."
        : " Your comments reach the person once the agreement is recorded."}
    </p>
  );
}

/** The problems of the agreed picks, linked to their selects (`pick-<id>` → `review-agreed-<id>`). */
function ProblemSummaryOf({ problems }: { problems: FieldProblem[] }) {
  const linked = problems.map((p) => ({
    ...p,
    field: p.field.replace(/^pick-/, "agreed-").replace(/^comment-/, "agreed-comment-"),
  }));
  return <ProblemSummary problems={linked} form="review" title="Please check the agreed picks" />;
}

interface ReviewTableProps {
  data: ReviewData;
  /** The agreed level and comment per competency: the draft's, or what the form sent. */
  agreed: AgreedPicks;
  editable: boolean;
}

/**
 * Per competency: the person's pick and the manager's, each with the evidence, criteria shown and comment
 * its author wrote beside it, and the agreed level with the manager's comment, chosen among the levels this
 * competency has (no other is offered).
 */
function ReviewTable({ data, agreed, editable }: ReviewTableProps) {
  const { index, person } = data.subject;
  const live = liveSnapshot(data.subject.fw, index);
  const rank = new Map(live.levels.map((l) => [l.id, l.rank]));
  const selfPicks = new Map((data.self?.picks ?? []).map((p) => [p.competency, p]));
  const managerPicks = new Map((data.manager?.picks ?? []).map((p) => [p.competency, p]));
  return (
    <div class="table-scroll">
      <table class="side-by-side review-table">
        <thead>
          <tr>
            <th scope="col">Competency</th>
            <th scope="col">Self</th>
            <th scope="col">Manager</th>
            <th scope="col">Agreed</th>
          </tr>
        </thead>
        <tbody>
          {[...index.competencies.values()].map(({ competency: comp }) => {
            const s = selfPicks.get(comp.id);
            const m = managerPicks.get(comp.id);
            const disagree = (s?.level ?? null) !== (m?.level ?? null);
            const by =
              s?.level && m?.level
                ? Math.abs((rank.get(m.level) ?? 0) - (rank.get(s.level) ?? 0))
                : undefined;
            const texts = snapshotCriterionTexts(live, comp.id);
            return (
              <tr id={`review-${comp.id}`} class={disagree ? "disagree" : undefined}>
                <th scope="row">
                  {comp.name}
                  {disagree ? (
                    <span class="badge warn">
                      {by ? `differs by ${by} level${by === 1 ? "" : "s"}` : "differs"}
                    </span>
                  ) : null}
                </th>
                <td>
                  <PickWithEvidence pick={s} index={index} texts={texts} who="self" />
                  <PickComment comment={s?.comment} by={`Comment from ${isolated(person.name)}`} />
                </td>
                <td>
                  <PickWithEvidence pick={m} index={index} texts={texts} who="manager" />
                </td>
                <td>
                  <AgreedCell
                    index={index}
                    competency={comp}
                    agreed={agreed.get(comp.id)}
                    fallback={disagree ? "" : (m?.level ?? "")}
                    editable={editable}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The agreed level (a choice among the competency's levels while editable) and the manager's comment. */
function AgreedCell(props: {
  index: FrameworkIndex;
  competency: Competency;
  agreed: { level: string; comment: string } | undefined;
  /** the level chosen before anything is saved: the one both picked */
  fallback: string;
  editable: boolean;
}) {
  const { index, competency: comp, agreed, editable } = props;
  if (!editable) {
    return (
      <>
        <span class="pick-level">
          {agreed?.level ? (index.levels.get(agreed.level)?.name ?? agreed.level) : "—"}
        </span>
        <PickComment comment={agreed?.comment} by="Manager’s comment" />
      </>
    );
  }
  const chosen = agreed?.level ?? props.fallback;
  return (
    <>
      <label class="visually-hidden" for={`review-agreed-${comp.id}`}>
        Agreed level for <bdi>{comp.name}</bdi>
      </label>
      <select id={`review-agreed-${comp.id}`} name={`agreed.${comp.id}`}>
        <option value="" selected={!chosen}>
          choose…
        </option>
        {pickOptions(index, comp.id).map((o) => (
          <option value={o.level} selected={chosen === o.level}>
            {o.name}
          </option>
        ))}
      </select>
      <label class="review-comment-label" for={`review-agreed-comment-${comp.id}`}>
        Your comment <span class="hint">(shown to them once agreed)</span>
      </label>
      <textarea
        id={`review-agreed-comment-${comp.id}`}
        name={`agreed-comment.${comp.id}`}
        rows={2}
        maxlength={TEXT_LIMITS.comment}
      >
        {agreed?.comment ?? ""}
      </textarea>
    </>
  );
}

/**
 * A pick's level, then the evidence, links and criteria shown its author gave for it (a reviewer reads them
 * side by side).
 */
function PickWithEvidence({
  pick,
  index,
  texts,
  who,
}: {
  pick: Pick | undefined;
  index: FrameworkIndex;
  texts: CriterionTexts;
  who: "self" | "manager";
}) {
  const level = pick?.level ? (index.levels.get(pick.level)?.name ?? pick.level) : "—";
  return (
    <>
      <span class="pick-level">{level}</span>
      {pick?.evidence || pick?.links?.length ? (
        <div class={`pick-evidence evidence-${who}`}>
          <Evidence pick={pick} />
        </div>
      ) : null}
      <CriteriaShown shown={pick?.criteria ?? []} texts={texts} />
    </>
  );
}
