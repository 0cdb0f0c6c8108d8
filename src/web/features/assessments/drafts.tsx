/**
 * Drafts of an assessment, shared by the assessment form and the review page: the picks checked, then saved
 * by the assessments service with a version check (a conflict shows both versions).
 */
import type { Context } from "hono";
import type { Pick } from "../../../core/assessment.js";
import type { FrameworkIndex } from "../../../core/model.js";
import {
  type Assessed,
  AssessmentsService,
  picksMap,
  type SaveResult,
} from "../../../services/assessments.js";
import type { Store } from "../../../store/store.js";
import type { Assessment, AssessmentKind } from "../../../store/types.js";
import { draftAccess } from "../../components/assessed.js";
import { checkPicks, type RawPick } from "../../components/assessment-form.js";
import { When } from "../../components/when.js";
import { type AppEnv, viewerOf } from "../../context.js";

/**
 * Checks picks sent by a form or the API against the subject's framework, then saves them to the draft of
 * `kind` as the viewer (see `AssessmentsService.saveDraft`).
 */
export async function saveDraftFrom(
  c: Context<AppEnv>,
  store: Store,
  subject: Assessed,
  kind: AssessmentKind,
  expectedVersion: number,
  raw: RawPick[],
): Promise<SaveResult> {
  const { picks, problems } = checkPicks(subject.index, raw, subject.person.role);
  // a manager's comment is written when agreeing (on the review), where the person sees it only once agreed;
  // on the manager assessment it would reach them as soon as it is submitted
  if (kind === "manager") {
    for (const p of picks.filter((p) => p.comment))
      problems.push({
        field: `comment-${p.competency}`,
        message: "A manager comments on the review, when agreeing the picks, not on the manager assessment.",
      });
  }
  if (problems.length) return { kind: "invalid", problems, picks };
  const viewer = viewerOf(c);
  const service = new AssessmentsService(store);
  return service.saveDraft(subject, kind, viewer.person.id, expectedVersion, picks, draftAccess(c, store));
}

/** Both versions side by side where they differ: what is saved and what this page holds. */
export function ConflictPanel({
  theirs,
  yours,
  index,
}: {
  theirs: Assessment;
  yours: Pick[];
  index: FrameworkIndex;
}) {
  const stored = picksMap(theirs);
  const mine = new Map(yours.map((p) => [p.competency, p.level]));
  const levelName = (id: string | null | undefined) =>
    id ? (index.levels.get(id)?.name ?? id) : "not picked";
  const differing = [...index.competencies.values()].filter(
    ({ competency }) => (stored.get(competency.id) ?? null) !== (mine.get(competency.id) ?? null),
  );
  const submitted = theirs.status === "submitted";
  return (
    <div class="conflict" role="alert" aria-labelledby="conflict-h">
      <h2 id="conflict-h">
        {submitted ? "This assessment was submitted elsewhere" : "This draft was changed elsewhere"}
      </h2>
      <p>
        {submitted
          ? "It was submitted (in another tab or by someone else) after you opened this page, so your changes below were not saved. "
          : "Someone saved this draft (in another tab, or another person) after you opened this page, so your changes were not saved yet. "}
        Last saved <When at={theirs.updatedAt} />.{" "}
        {differing.length
          ? `The two versions differ in ${differing.length} competenc${differing.length === 1 ? "y" : "ies"}:`
          : "The picks are the same; evidence may differ."}
      </p>
      {differing.length ? (
        <table class="conflict-diff">
          <thead>
            <tr>
              <th scope="col">Competency</th>
              <th scope="col">Saved version</th>
              <th scope="col">Yours (below)</th>
            </tr>
          </thead>
          <tbody>
            {differing.map(({ competency }) => (
              <tr>
                <th scope="row">{competency.name}</th>
                <td>{levelName(stored.get(competency.id))}</td>
                <td>{levelName(mine.get(competency.id))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>
        {submitted
          ? "A submitted assessment cannot be changed. Reload to see it."
          : "The form below holds your version: save it to replace the saved one, or reload the page to continue from the saved one."}
      </p>
    </div>
  );
}
