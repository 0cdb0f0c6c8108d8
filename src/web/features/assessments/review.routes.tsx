/**
 * Review and agreement (/people/:id/review/): the submitted self and manager assessments side by side, and
 * the agreed picks a manager records with the person, drafted first like any assessment (and like any
 * draft, its author's alone until recorded).
 */
import type { Context } from "hono";
import type { Pick } from "../../../core/assessment.js";
import {
  AssessmentsService,
  liveSnapshot,
  picksMap,
  type ReviewData,
  takenMessage,
} from "../../../services/assessments.js";
import type { Assessment } from "../../../store/types.js";
import { can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { assessedOr, draftAccess, noticeOf } from "../../components/assessed.js";
import { type RawPick, unpickedProblems } from "../../components/assessment-form.js";
import { type FieldProblem, ProblemSummary } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Notice, Page } from "../../components/page.js";
import { type App, type AppEnv, type RouteDeps, viewerOf } from "../../context.js";
import { paths } from "../../links.js";
import { ConflictPanel, saveDraftFrom } from "./drafts.js";

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

  app.post("/people/:id/review/", async (c) => {
    const subject = await assessedOr(c, store, registry, c.req.param("id"), "assessment:manager");
    if (subject instanceof Response) return subject;
    const data = await assessments.review(subject, draftAccess(c, store));
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
    const safeVersion = Number.isSafeInteger(version) && version >= 0 ? version : 0;
    const result = await saveDraftFrom(c, store, subject, "agreed", safeVersion, raw);
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
    const submitted = await assessments.submit(draft);
    if (!submitted.ok)
      return reviewPage(c, data, true, { conflict: submitted.current ?? draft, picks: draft.picks }, 409);
    return c.redirect(`${paths.assessmentReview(subject.person.id)}?done=agreed`, 303);
  });
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
