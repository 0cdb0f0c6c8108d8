/**
 * Assessments: a person's self-assessment and their manager's, drafted (saved as they go, surviving a
 * reload) and submitted (frozen, pinned to the framework version they used); one assessment as a page and
 * as JSON. Every route asks the policy first. What is due is in assessments-due.tsx, review and agreement
 * in review.tsx, the profile and history in growth.tsx; they share the helpers exported here.
 */
import type { Context } from "hono";
import { type FrameworkSnapshot, type Pick, snapshotOf } from "../../core/assessment.js";
import type { FrameworkIndex } from "../../core/model.js";
import type { FrameworkRegistry, LoadedFramework } from "../../load/registry.js";
import type { Store } from "../../store/store.js";
import type { Assessment, AssessmentKind, AssessmentSummary, Cycle, Person } from "../../store/types.js";
import { type App, type AppEnv, html, type RouteDeps } from "../app.js";
import { denied, PRIVATE } from "../auth/pages.js";
import { type Action, can, personActor } from "../auth/policy.js";
import { actorOf, type Viewer } from "../auth/session.js";
import {
  AssessmentForm,
  checkPicks,
  picksFromForm,
  type RawPick,
  unpickedProblems,
} from "../components/assessment-form.js";
import type { FieldProblem } from "../components/forms.js";
import { Notice, Page } from "../components/page.js";
import { type Links, paths } from "../links.js";
import { acceptsUpload } from "../middleware/body-limit.js";

/** The kinds a form writes; the agreed assessment is written on the review page. */
const FORM_KINDS = ["self", "manager"] as const;
type FormKind = (typeof FORM_KINDS)[number];

export const KIND_NAMES: Record<AssessmentKind, string> = {
  self: "Self-assessment",
  manager: "Manager assessment",
  agreed: "Agreed assessment",
};

/** Who an assessment route is about, with the framework they are measured against. */
export interface Assessed {
  person: Person;
  fw: LoadedFramework;
  index: FrameworkIndex;
}

/** The subject of a route, or the response to send instead (refusal, unknown person, no framework). */
export async function assessedOr(
  c: Context<AppEnv>,
  store: Store,
  registry: FrameworkRegistry,
  id: string,
  action: Action,
): Promise<Assessed | Response> {
  const decision = await can(actorOf(c), action, { id });
  if (!decision.allowed) return denied(c, decision);
  const person = await store.people.get(id);
  if (!person) return c.notFound();
  const fw = person.framework ? registry.get(person.framework) : undefined;
  if (!fw?.ok || !fw.index) {
    const message = person.framework
      ? `${person.name} is placed in the framework "${person.framework}", which cannot be loaded right now.`
      : `${person.name} has no framework yet. An admin sets it on their person page.`;
    if (c.req.path.startsWith("/api/")) return c.json({ error: message }, 409, PRIVATE);
    c.header("Cache-Control", "private, no-store");
    return html(
      c,
      <Page title="No framework" links={c.get("links")} kind="people">
        <h1>Nothing to assess against yet</h1>
        <p>{message}</p>
      </Page>,
      409,
    );
  }
  return { person, fw, index: fw.index };
}

/**
 * Whether the asker may read this assessment of someone they may read: the policy's answer for one
 * assessment (a draft is its author's alone).
 */
export async function mayRead(c: Context<AppEnv>, a: Assessment | AssessmentSummary): Promise<boolean> {
  return (await can(actorOf(c), "assessment:read", { id: a.personId, assessment: a })).allowed;
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

const liveSnapshots = new WeakMap<LoadedFramework, FrameworkSnapshot>();

/** A loaded framework as a snapshot, made once per content version and shared by every request. */
export function liveSnapshot(fw: LoadedFramework, index: FrameworkIndex): FrameworkSnapshot {
  const cached = liveSnapshots.get(fw);
  if (cached?.version === fw.version) return cached;
  const made = snapshotOf(index, fw.version);
  liveSnapshots.set(fw, made);
  return made;
}

/** Frozen once per framework version: what every assessment started or submitted now is pinned to. */
const savedSnapshots = new WeakMap<Store, Set<string>>();
export async function currentSnapshot(store: Store, fw: LoadedFramework, index: FrameworkIndex) {
  const snapshot = liveSnapshot(fw, index);
  const saved = savedSnapshots.get(store) ?? new Set<string>();
  savedSnapshots.set(store, saved);
  const key = `${fw.id}@${fw.version}`;
  if (!saved.has(key)) {
    await store.assessments.saveSnapshot(snapshot);
    saved.add(key);
  }
  return snapshot;
}

/** The snapshot an assessment was made against (the current one for a draft or if it went missing). */
export async function snapshotFor(
  store: Store,
  assessment: Assessment,
  fallback: () => Promise<FrameworkSnapshot>,
): Promise<FrameworkSnapshot> {
  if (assessment.status === "submitted") {
    const stored = await store.assessments.snapshot(assessment.framework, assessment.frameworkVersion);
    if (stored) return stored;
  }
  return fallback();
}

export function picksMap(assessment: Assessment | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of assessment?.picks ?? []) if (p.level) map.set(p.competency, p.level);
  return map;
}

function whenText(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ");
}

export const When = ({ date }: { date: Date }) => (
  <time datetime={date.toISOString()}>{`${whenText(date)} UTC`}</time>
);

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

const NOTICES: Record<string, string> = {
  saved: "Draft saved.",
  submitted: "Submitted. It is frozen now and kept in the history.",
  agreed: "The agreed assessment is recorded: it is the assessment of record for this cycle.",
  "goal-saved": "Saved to the goals below.",
  "goal-updated": "Goal updated.",
};

export function noticeOf(c: Context<AppEnv>): string | undefined {
  const done = c.req.query("done");
  return done ? NOTICES[done] : undefined;
}

function formKindOf(raw: string): FormKind | undefined {
  return (FORM_KINDS as readonly string[]).includes(raw) ? (raw as FormKind) : undefined;
}

function actionFor(kind: AssessmentKind): Action {
  return kind === "self" ? "assessment:self" : "assessment:manager";
}

interface FormPage {
  subject: Assessed;
  kind: FormKind;
  viewer: Viewer;
  version: number;
  picks: Pick[];
  problems?: FieldProblem[];
  conflict?: { theirs: Assessment };
  cycle: Cycle | undefined;
  savedAt?: Date | undefined;
}

function formPage(c: Context<AppEnv>, page: FormPage, status: 200 | 409 | 422 = 200): Response {
  const links = c.get("links");
  const { subject, kind, viewer } = page;
  const { person, index } = subject;
  const self = kind === "self";
  const title = self ? "My self-assessment" : `Assessing ${person.name}`;
  const byId = new Map(page.picks.map((p) => [p.competency, p]));
  const notice = noticeOf(c);
  c.header("Cache-Control", "private, no-store");
  return html(
    c,
    <Page
      title={title}
      links={links}
      kind="assessment"
      scripts={["assessment.js"]}
      crumbs={[
        { label: "Home", href: links.to(paths.home()) },
        { label: "Assessments", href: links.to(paths.assessments()) },
        { label: self ? "Self-assessment" : person.name },
      ]}
    >
      <h1>{title}</h1>
      <Notice text={notice} />
      <p class="lede">
        {self
          ? "For each competency, pick the level whose expectation honestly describes you today, not the one you aim for. "
          : `For each competency, pick the level whose expectation describes ${person.name} today. `}
        {`Measured against ${index.framework.name}${page.cycle ? `, for the cycle “${page.cycle.name}”` : ""}. `}
        Your draft is kept as you go; submitting freezes it.
      </p>
      {page.savedAt ? (
        <p class="meta">
          Draft last saved <When date={page.savedAt} />.
        </p>
      ) : null}
      {page.conflict ? (
        <ConflictPanel theirs={page.conflict.theirs} yours={page.picks} index={index} />
      ) : null}
      <AssessmentForm
        index={index}
        action={links.to(paths.assessmentForm(person.id, kind))}
        api={paths.assessmentDraftApi(person.id, kind)}
        csrf={viewer.csrfToken}
        version={page.version}
        picks={byId}
        current={person.level}
        whose={self ? "your" : "their"}
        problems={page.problems ?? []}
      />
    </Page>,
    status,
  );
}

/** Someone else's draft of this assessment is open: said so, with nothing of it shown. */
function takenPage(c: Context<AppEnv>, person: Person, kind: AssessmentKind): Response {
  const links = c.get("links");
  c.header("Cache-Control", "private, no-store");
  return html(
    c,
    <Page title={KIND_NAMES[kind]} links={links} kind="assessment">
      <h1>{KIND_NAMES[kind]}</h1>
      <p class="notice" role="status">
        {takenMessage(person, kind)}
      </p>
      <p>
        <a href={links.to(paths.assessments())}>Assessments</a>
      </p>
    </Page>,
    409,
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

export function assessmentRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;

  app.get("/people/:id/assessments/:kind/", async (c) => {
    const kind = formKindOf(c.req.param("kind"));
    if (!kind) return c.notFound();
    const subject = await assessedOr(c, store, registry, c.req.param("id"), actionFor(kind));
    if (subject instanceof Response) return subject;
    const viewer = c.get("viewer") as Viewer;
    const cycle = await store.cycles.current();
    const done = await submittedThisCycle(store, subject.person.id, kind, cycle);
    if (done) return c.redirect(`${paths.assessment(done.id)}`, 303);
    const stored = await store.assessments.draft(subject.person.id, kind, cycle?.id ?? null);
    const mine = stored && (await mayRead(c, stored)) ? stored : undefined;
    // someone else's draft: theirs while they can finish it; otherwise this page starts anew
    if (stored && !mine && (await stillTheirs(store, stored))) return takenPage(c, subject.person, kind);
    const draft = mine;
    return formPage(c, {
      subject,
      kind,
      viewer,
      version: draft?.version ?? 0,
      picks: draft?.picks ?? [],
      cycle,
      savedAt: draft?.updatedAt,
    });
  });

  app.post("/people/:id/assessments/:kind/", acceptsUpload, async (c) => {
    const kind = formKindOf(c.req.param("kind"));
    if (!kind) return c.notFound();
    const subject = await assessedOr(c, store, registry, c.req.param("id"), actionFor(kind));
    if (subject instanceof Response) return subject;
    const viewer = c.get("viewer") as Viewer;
    const body = await c.req.parseBody();
    const version = Number(body.version ?? 0);
    const cycle = await store.cycles.current();
    const raw = picksFromForm(subject.index, body);
    const result = await saveDraft(
      c,
      store,
      subject,
      kind,
      viewer,
      Number.isSafeInteger(version) && version >= 0 ? version : 0,
      raw,
    );
    const page = { subject, kind, viewer, cycle };
    switch (result.kind) {
      case "invalid":
        return formPage(c, { ...page, version, picks: result.picks, problems: result.problems }, 422);
      case "conflict":
        return formPage(
          c,
          {
            ...page,
            version: result.theirs.version,
            picks: result.yours,
            conflict: { theirs: result.theirs },
          },
          409,
        );
      case "refused":
        return formPage(
          c,
          {
            ...page,
            version,
            picks: checkPicks(subject.index, raw).picks,
            problems: [{ field: "", message: result.message }],
          },
          409,
        );
    }
    const draft = result.draft;
    if (body.action !== "submit") {
      return c.redirect(`${paths.assessmentForm(subject.person.id, kind)}?done=saved`, 303);
    }
    const missing = unpickedProblems(subject.index, draft.picks);
    if (missing.length) {
      return formPage(
        c,
        { ...page, version: draft.version, picks: draft.picks, problems: missing, savedAt: draft.updatedAt },
        422,
      );
    }
    const submitted = await store.assessments.submit(draft.id, draft.version);
    if (!submitted.ok) {
      const theirs = submitted.current ?? draft;
      return formPage(c, { ...page, version: theirs.version, picks: draft.picks, conflict: { theirs } }, 409);
    }
    return c.redirect(`${paths.assessment(draft.id)}?done=submitted`, 303);
  });

  app.put("/api/people/:id/assessments/:kind/draft", acceptsUpload, async (c) => {
    const kind = formKindOf(c.req.param("kind"));
    if (!kind) return c.notFound();
    const subject = await assessedOr(c, store, registry, c.req.param("id"), actionFor(kind));
    if (subject instanceof Response) return subject;
    const viewer = c.get("viewer") as Viewer;
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json(
        { error: "the body must be JSON: {version, picks: [{competency, level, …}]}" },
        400,
        PRIVATE,
      );
    }
    const input = body as { version?: unknown; picks?: unknown };
    if (
      typeof input !== "object" ||
      input === null ||
      !Number.isSafeInteger(input.version) ||
      (input.version as number) < 0 ||
      !Array.isArray(input.picks) ||
      !input.picks.every((p) => typeof p === "object" && p !== null && typeof p.competency === "string")
    ) {
      return c.json(
        {
          error:
            "expected {version: integer ≥ 0 (0 for a new draft), picks: [{competency, level, band, evidence, links}]}",
        },
        400,
        PRIVATE,
      );
    }
    const result = await saveDraft(
      c,
      store,
      subject,
      kind,
      viewer,
      input.version as number,
      input.picks as RawPick[],
    );
    switch (result.kind) {
      case "saved":
        return c.json(
          {
            id: result.draft.id,
            version: result.draft.version,
            savedAt: result.draft.updatedAt.toISOString(),
          },
          200,
          PRIVATE,
        );
      case "invalid":
        return c.json({ error: "some picks are not valid", problems: result.problems }, 422, PRIVATE);
      case "conflict":
        return c.json(
          {
            error:
              result.theirs.status === "submitted"
                ? "this assessment was submitted elsewhere; your changes were not saved"
                : "this draft was saved elsewhere since you loaded it; your changes were not saved",
            yours: result.yours,
            theirs: assessmentJson(result.theirs),
          },
          409,
          PRIVATE,
        );
      case "refused":
        return c.json({ error: result.message }, 409, PRIVATE);
    }
  });
}

/** An assessment as the API gives it. */
export function assessmentJson(a: Assessment) {
  return {
    id: a.id,
    personId: a.personId,
    authorId: a.authorId,
    kind: a.kind,
    cycleId: a.cycleId,
    framework: a.framework,
    frameworkVersion: a.frameworkVersion,
    level: a.level,
    status: a.status,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    submittedAt: a.submittedAt?.toISOString() ?? null,
    picks: a.picks,
  };
}

export type { Links };
