/**
 * Review and agreement (/people/:id/review/): the submitted self and manager assessments side by side, and
 * the agreed picks a manager records with the person, drafted first like any assessment (and like any
 * draft, its author's alone until recorded).
 */
import type { Context } from "hono";
import type { Pick } from "../../../core/assessment.js";
import type { Store } from "../../../store/store.js";
import type { Assessment, AssessmentKind, Cycle } from "../../../store/types.js";
import { can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import {
  type Assessed,
  assessedOr,
  liveSnapshot,
  mayRead,
  noticeOf,
  picksMap,
} from "../../components/assessed.js";
import { type RawPick, unpickedProblems } from "../../components/assessment-form.js";
import { type FieldProblem, ProblemSummary } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Notice, Page } from "../../components/page.js";
import { type App, type AppEnv, type RouteDeps, viewerOf } from "../../context.js";
import { paths } from "../../links.js";
import { ConflictPanel, saveDraft, stillTheirs, submittedThisCycle, takenMessage } from "./drafts.js";

export function reviewRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;

  app.get("/people/:id/review/", async (c) => {
    const subject = await assessedOr(c, store, registry, c.req.param("id"), "assessment:read");
    if (subject instanceof Response) return subject;
    const canAgree = (await can(actorOf(c), "assessment:manager", { id: subject.person.id })).allowed;
    return reviewPage(c, await reviewData(c, store, subject), canAgree);
  });

  app.post("/people/:id/review/", async (c) => {
    const subject = await assessedOr(c, store, registry, c.req.param("id"), "assessment:manager");
    if (subject instanceof Response) return subject;
    const viewer = viewerOf(c);
    const data = await reviewData(c, store, subject);
    if (!data.self || !data.manager || data.agreed?.status === "submitted")
      return reviewPage(c, data, true, {}, 409);
    const body = await c.req.parseBody();
    const managerPicks = new Map(data.manager.picks.map((p) => [p.competency, p]));
    const raw: RawPick[] = [...subject.index.competencies.keys()].map((id) => {
      const level = typeof body[`agreed.${id}`] === "string" ? (body[`agreed.${id}`] as string) : "";
      const m = managerPicks.get(id);
      // the manager's rating band stays when the agreed level is theirs
      return { competency: id, level, band: m?.level === level ? (m?.band ?? "") : "" };
    });
    const version = Number(body.version ?? 0);
    const result = await saveDraft(
      c,
      store,
      subject,
      "agreed",
      viewer,
      Number.isSafeInteger(version) && version >= 0 ? version : 0,
      raw,
    );
    if (result.kind === "invalid")
      return reviewPage(c, data, true, { problems: result.problems, picks: result.picks }, 422);
    if (result.kind === "conflict")
      return reviewPage(c, data, true, { conflict: result.theirs, picks: result.yours }, 409);
    if (result.kind === "refused")
      return reviewPage(c, data, true, { problems: [{ field: "", message: result.message }] }, 409);
    const draft = result.draft;
    if (body.action !== "submit")
      return c.redirect(`${paths.assessmentReview(subject.person.id)}?done=saved`, 303);
    const missing = unpickedProblems(subject.index, draft.picks);
    if (missing.length) return reviewPage(c, { ...data, agreed: draft }, true, { problems: missing }, 422);
    const submitted = await store.assessments.submit(draft.id, draft.version);
    if (!submitted.ok)
      return reviewPage(c, data, true, { conflict: submitted.current ?? draft, picks: draft.picks }, 409);
    return c.redirect(`${paths.assessmentReview(subject.person.id)}?done=agreed`, 303);
  });
}

interface ReviewData {
  subject: Assessed;
  cycle: Cycle | undefined;
  self: Assessment | undefined;
  manager: Assessment | undefined;
  agreed: Assessment | undefined;
  /** Someone else has a draft of the agreed assessment open. */
  agreedTaken: boolean;
}

/** The self and manager assessments to compare: this cycle's (or, outside cycles, the latest) submitted ones. */
async function reviewData(c: Context<AppEnv>, store: Store, subject: Assessed): Promise<ReviewData> {
  const cycle = await store.cycles.current();
  const id = subject.person.id;
  const pick = async (kind: AssessmentKind) =>
    cycle
      ? submittedThisCycle(store, id, kind, cycle)
      : (await store.assessments.latestSubmitted([id], kind)).get(id);
  const [self, manager, agreedDone, agreedDraft] = await Promise.all([
    pick("self"),
    pick("manager"),
    pick("agreed"),
    store.assessments.draft(id, "agreed", cycle?.id ?? null),
  ]);
  // outside cycles, an agreement older than the manager's latest assessment is of an earlier round
  const current =
    agreedDone && (cycle || !manager || (agreedDone.submittedAt ?? 0) >= (manager.submittedAt ?? 0))
      ? agreedDone
      : undefined;
  // another manager's draft of the agreement stays theirs: not shown, and not to be written over (while
  // they can finish it; a draft they cannot is not shown either, and saving starts anew)
  if (agreedDraft && !(await mayRead(c, agreedDraft)))
    return {
      subject,
      cycle,
      self,
      manager,
      agreed: current,
      agreedTaken: await stillTheirs(store, agreedDraft),
    };
  return { subject, cycle, self, manager, agreed: agreedDraft ?? current, agreedTaken: false };
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
  const snapshot = liveSnapshot(data.subject.fw, index);
  const rank = new Map(snapshot.levels.map((l) => [l.id, l.rank]));
  const levelName = (id: string | null | undefined) => (id ? (index.levels.get(id)?.name ?? id) : "—");
  const self = picksMap(data.self);
  const manager = picksMap(data.manager);
  const agreedPicks = extra.picks
    ? new Map(extra.picks.map((p) => [p.competency, p.level ?? ""]))
    : picksMap(data.agreed);
  const frozen = data.agreed?.status === "submitted";
  const editable =
    canAgree && !frozen && !data.agreedTaken && data.self !== undefined && data.manager !== undefined;
  const competencies = [...index.competencies.values()].map(({ competency }) => competency);
  const differ = competencies.filter(
    (comp) => (self.get(comp.id) ?? null) !== (manager.get(comp.id) ?? null),
  );
  const notice = noticeOf(c);
  c.header("Cache-Control", "private, no-store");
  return html(
    c,
    <Page
      title={`Review: ${person.name}`}
      links={links}
      kind="assessment"
      crumbs={[
        { label: "Home", href: links.to(paths.home()) },
        { label: "Assessments", href: links.to(paths.assessments()) },
        { label: `Review: ${person.name}` },
      ]}
    >
      <h1>{`Self and manager assessment of ${person.name}`}</h1>
      <Notice text={notice} />
      {extra.conflict ? (
        <ConflictPanel theirs={extra.conflict} yours={extra.picks ?? []} index={index} />
      ) : null}
      {canAgree && data.agreedTaken ? (
        <p class="notice" role="status">
          {takenMessage(person, "agreed")}
        </p>
      ) : null}
      {!data.self || !data.manager ? (
        <p class="notice">
          {`Both assessments must be submitted before they can be compared: ${[
            data.self ? "" : "the self-assessment",
            data.manager ? "" : "the manager assessment",
          ]
            .filter(Boolean)
            .join(
              " and ",
            )} ${data.self || data.manager ? "is" : "are"} still missing${data.cycle ? ` in “${data.cycle.name}”` : ""}.`}
        </p>
      ) : (
        <p class="lede">
          {differ.length === 0
            ? "The two assessments agree on every competency."
            : `They differ in ${differ.length} of ${competencies.length} competencies, highlighted below. Talk them through and record the pick you agree on.`}
          {frozen ? " The agreed assessment is recorded." : ""}
        </p>
      )}
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
        <div class="table-scroll">
          <table class="side-by-side">
            <thead>
              <tr>
                <th scope="col">Competency</th>
                <th scope="col">Self</th>
                <th scope="col">Manager</th>
                <th scope="col">Agreed</th>
              </tr>
            </thead>
            <tbody>
              {competencies.map((comp) => {
                const s = self.get(comp.id);
                const m = manager.get(comp.id);
                const disagree = (s ?? null) !== (m ?? null);
                const by = s && m ? Math.abs((rank.get(m) ?? 0) - (rank.get(s) ?? 0)) : undefined;
                const chosen = agreedPicks.get(comp.id) ?? (disagree ? "" : (m ?? ""));
                const options = index.levelOrder.filter((l) => index.levels.has(l));
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
                    <td>{levelName(s)}</td>
                    <td>{levelName(m)}</td>
                    <td>
                      {editable ? (
                        <>
                          <label
                            class="visually-hidden"
                            for={`review-agreed-${comp.id}`}
                          >{`Agreed level for ${comp.name}`}</label>
                          <select id={`review-agreed-${comp.id}`} name={`agreed.${comp.id}`}>
                            <option value="" selected={!chosen}>
                              choose…
                            </option>
                            {options.map((l) => (
                              <option value={l} selected={chosen === l}>
                                {levelName(l)}
                              </option>
                            ))}
                          </select>
                        </>
                      ) : (
                        levelName(agreedPicks.get(comp.id))
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
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

/** The problems of the agreed picks, linked to their selects (`pick-<id>` → `review-agreed-<id>`). */
function ProblemSummaryOf({ problems }: { problems: FieldProblem[] }) {
  const linked = problems.map((p) => ({ ...p, field: p.field.replace(/^pick-/, "agreed-") }));
  return <ProblemSummary problems={linked} form="review" title="Please check the agreed picks" />;
}
