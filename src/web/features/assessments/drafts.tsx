/**
 * Drafts of an assessment, shared by the assessment form and the review page: saving with a version check
 * (a conflict shows both versions), and a draft being its author's alone while they can still finish it.
 */
import type { Context } from "hono";
import type { Pick } from "../../../core/assessment.js";
import type { FrameworkIndex } from "../../../core/model.js";
import type { Store } from "../../../store/store.js";
import type { Assessment, AssessmentKind, Cycle, Person } from "../../../store/types.js";
import { type Action, can, personActor } from "../../auth/policy.js";
import {
  type Assessed,
  currentSnapshot,
  KIND_NAMES,
  mayRead,
  picksMap,
  When,
} from "../../components/assessed.js";
import { checkPicks, type RawPick } from "../../components/assessment-form.js";
import type { FieldProblem } from "../../components/forms.js";
import type { AppEnv, Viewer } from "../../context.js";

export function actionFor(kind: AssessmentKind): Action {
  return kind === "self" ? "assessment:self" : "assessment:manager";
}

/**
 * Whether someone else's draft is still theirs to finish: its author is an active person whom the policy
 * still lets write it. A draft its author can no longer finish (they left, or no longer manage the person)
 * would otherwise stop everyone else for good: it is discarded, unread, when someone who may write starts.
 */
export async function stillTheirs(store: Store, draft: Assessment): Promise<boolean> {
  const author = draft.authorId ? await store.people.get(draft.authorId) : undefined;
  if (!author?.active) return false;
  const actor = personActor(author, (managerId, personId) => store.people.manages(managerId, personId));
  return (await can(actor, actionFor(draft.kind), { id: draft.personId })).allowed;
}

/** Why a draft cannot be opened or saved: someone else started it (told without showing any of it). */
export function takenMessage(person: Person, kind: AssessmentKind): string {
  return kind === "self"
    ? "This self-assessment was started by someone else; it stays theirs until they submit it."
    : `Another of ${person.name}’s managers has started the ${KIND_NAMES[kind].toLowerCase()}; it stays theirs until they submit it.`;
}

type SaveResult =
  | { kind: "saved"; draft: Assessment }
  | { kind: "invalid"; problems: FieldProblem[]; picks: Pick[] }
  | { kind: "conflict"; theirs: Assessment; yours: Pick[] }
  | { kind: "refused"; message: string };

/**
 * Saves a draft of `kind` about the subject as `viewer`: starts it when there is none (expected version 0),
 * refuses when someone saved in between (a conflict with both versions) or when it was submitted meanwhile,
 * and when the draft is someone else's (a draft is its author's alone: nothing of it is shown or changed).
 */
export async function saveDraft(
  c: Context<AppEnv>,
  store: Store,
  subject: Assessed,
  kind: AssessmentKind,
  viewer: Viewer,
  expectedVersion: number,
  raw: RawPick[],
): Promise<SaveResult> {
  const { picks, problems } = checkPicks(subject.index, raw);
  if (problems.length) return { kind: "invalid", problems, picks };
  const cycle = await store.cycles.current();
  let draft = await store.assessments.draft(subject.person.id, kind, cycle?.id ?? null);
  if (draft && !(await mayRead(c, draft))) {
    if (await stillTheirs(store, draft))
      return { kind: "refused", message: takenMessage(subject.person, kind) };
    await store.assessments.discardDraft(draft.id);
    draft = undefined;
  }
  if (!draft) {
    if (expectedVersion !== 0) {
      // the draft this page was editing is gone: submitted (or removed) elsewhere
      const latest = (await store.assessments.history(subject.person.id, { kind })).at(-1);
      if (latest) return { kind: "conflict", theirs: latest, yours: picks };
    }
    const snapshot = await currentSnapshot(store, subject.fw, subject.index);
    const started = await store.assessments.startDraft({
      personId: subject.person.id,
      authorId: viewer.person.id,
      kind,
      cycleId: cycle?.id ?? null,
      framework: subject.fw.id,
      frameworkVersion: snapshot.version,
      level: subject.person.level,
    });
    if (!started.ok) return { kind: "refused", message: started.problems.map((p) => p.message).join(" ") };
    draft = started.value;
    // checked after starting too: another writer may have started theirs a moment before
    if (!(await mayRead(c, draft))) return { kind: "refused", message: takenMessage(subject.person, kind) };
    // a draft another tab started a moment ago, already with picks: theirs, not an empty one to overwrite
    if (expectedVersion === 0 && draft.picks.some((p) => p.level)) {
      return { kind: "conflict", theirs: draft, yours: picks };
    }
    expectedVersion = draft.version;
  }
  if (expectedVersion === 0 && draft.picks.some((p) => p.level) && draft.version > 1) {
    return { kind: "conflict", theirs: draft, yours: picks };
  }
  const version = expectedVersion === 0 ? draft.version : expectedVersion;
  const snapshot = await currentSnapshot(store, subject.fw, subject.index);
  const saved = await store.assessments.saveDraft(draft.id, version, {
    picks,
    frameworkVersion: snapshot.version,
  });
  if (saved.ok) return { kind: "saved", draft: saved.value };
  if (saved.current) return { kind: "conflict", theirs: saved.current, yours: picks };
  return {
    kind: "invalid",
    problems: saved.problems.map((p) => ({ field: "", message: p.message })),
    picks,
  };
}

/** The assessment of `kind` this person has submitted in the open cycle (none outside cycles). */
export async function submittedThisCycle(
  store: Store,
  personId: string,
  kind: AssessmentKind,
  cycle: Cycle | undefined,
): Promise<Assessment | undefined> {
  if (!cycle) return undefined;
  return (await store.assessments.forCycle(cycle.id, [personId])).find(
    (a) => a.kind === kind && a.status === "submitted",
  );
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
        Last saved <When date={theirs.updatedAt} />.{" "}
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
