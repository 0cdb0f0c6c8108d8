/**
 * Assessments: a person's self-assessment and their manager's, drafted (saved as they go, surviving a
 * reload), submitted (frozen, pinned to the framework version they used), compared side by side and agreed;
 * the jagged profile with its gaps and goals; the history. Every route asks the policy first.
 */
import type { Context } from "hono";
import { type FrameworkSnapshot, type Pick, snapshotOf } from "../../core/assessment.js";
import type { FrameworkIndex } from "../../core/model.js";
import { isSafeUrl } from "../../core/safe-url.js";
import type { Store } from "../../store/store.js";
import type { Assessment, AssessmentKind, AssessmentSummary, Cycle, Person } from "../../store/types.js";
import { type App, type AppEnv, html, type RouteDeps } from "../app.js";
import { denied, PRIVATE } from "../auth/pages.js";
import { type Action, type Actor, assessmentVisibleTo, can } from "../auth/policy.js";
import { actorOf, type Viewer } from "../auth/session.js";
import {
  AssessmentForm,
  checkPicks,
  picksFromForm,
  type RawPick,
  unpickedProblems,
} from "../components/assessment-form.js";
import { type FieldProblem, ProblemSummary } from "../components/forms.js";
import { Notice, Page, Section } from "../components/page.js";
import { type Links, paths } from "../links.js";
import { acceptsUpload } from "../middleware/body-limit.js";
import type { FrameworkRegistry, LoadedFramework } from "../registry.js";

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

/** Why a draft cannot be opened or saved: someone else started it (told without showing any of it). */
function takenMessage(person: Person, kind: AssessmentKind): string {
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
async function saveDraft(
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
  } else if (!(await mayRead(c, draft))) {
    return { kind: "refused", message: takenMessage(subject.person, kind) };
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
async function submittedThisCycle(
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
function ConflictPanel({
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
    const draft = await store.assessments.draft(subject.person.id, kind, cycle?.id ?? null);
    if (draft && !(await mayRead(c, draft))) return takenPage(c, subject.person, kind);
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

  app.get(paths.assessments(), async (c) => {
    const decision = await can(actorOf(c), "person:read-directory", { id: "" });
    if (!decision.allowed) return denied(c, decision);
    const viewer = c.get("viewer") as Viewer;
    const cycle = await store.cycles.current();
    const reports = (await store.people.reports(viewer.person.id)).filter((p) => p.active);
    const standings = await standingOf(store, actorOf(c), [viewer.person, ...reports], cycle);
    return assessmentsOverview(c, viewer, cycle, standings[0], standings.slice(1));
  });

  app.get("/assessments/:id/", async (c) => {
    const a = await readableAssessment(c, store, c.req.param("id"));
    if (a instanceof Response) return a;
    const [person, author] = await Promise.all([
      store.people.get(a.personId),
      a.authorId ? store.people.get(a.authorId) : undefined,
    ]);
    if (!person) return c.notFound();
    const fw = registry.get(a.framework);
    // a draft reads against the framework as it is now; when that cannot be loaded, against the version it started on
    const snapshot =
      fw?.ok && fw.index
        ? await snapshotFor(store, a, () => currentSnapshot(store, fw, fw.index as FrameworkIndex))
        : await store.assessments.snapshot(a.framework, a.frameworkVersion);
    if (!snapshot) return c.notFound();
    return assessmentPage(c, a, person, author, snapshot);
  });

  app.get("/api/assessments/:id", async (c) => {
    const a = await readableAssessment(c, store, c.req.param("id"));
    if (a instanceof Response) return a;
    return c.json(assessmentJson(a), 200, PRIVATE);
  });

  app.get("/api/people/:id/assessments", async (c) => {
    const id = c.req.param("id");
    const decision = await can(actorOf(c), "assessment:read", { id });
    if (!decision.allowed) return denied(c, decision);
    const person = await store.people.get(id);
    if (!person) return c.notFound();
    const submitted = await store.assessments.history(id);
    return c.json(
      { person: { id: person.id, name: person.name }, assessments: submitted.map(assessmentJson) },
      200,
      PRIVATE,
    );
  });

  app.get("/people/:id/review/", async (c) => {
    const subject = await assessedOr(c, store, registry, c.req.param("id"), "assessment:read");
    if (subject instanceof Response) return subject;
    const canAgree = (await can(actorOf(c), "assessment:manager", { id: subject.person.id })).allowed;
    return reviewPage(c, await reviewData(c, store, subject), canAgree);
  });

  app.post("/people/:id/review/", async (c) => {
    const subject = await assessedOr(c, store, registry, c.req.param("id"), "assessment:manager");
    if (subject instanceof Response) return subject;
    const viewer = c.get("viewer") as Viewer;
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

  // autosave: the island PUTs the whole form as JSON; 409 carries both versions
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

/** One row of the "what is due" tables: where each kind of assessment stands for a person. */
interface Standing {
  person: Person;
  byKind: Partial<Record<AssessmentKind, AssessmentSummary>>;
}

/**
 * Where each kind stands for each person, as far as `actor` may see (others' drafts are not there at all).
 * One query whatever the number of people.
 */
async function standingOf(
  store: Store,
  actor: Actor,
  people: Person[],
  cycle: Cycle | undefined,
): Promise<Standing[]> {
  const rows = new Map<string, Standing>(people.map((p) => [p.id, { person: p, byKind: {} }]));
  const all = await store.assessments.standings(
    people.map((p) => p.id),
    cycle?.id ?? null,
  );
  for (const a of all) {
    const row = rows.get(a.personId);
    if (!row || !assessmentVisibleTo(actor, a)) continue;
    const had = row.byKind[a.kind];
    // a submission beats a draft; otherwise the latest
    if (
      !had ||
      (had.status === "draft" && a.status === "submitted") ||
      (had.status === a.status && had.updatedAt < a.updatedAt)
    )
      row.byKind[a.kind] = a;
  }
  return [...rows.values()];
}

function StatusCell({ a }: { a: AssessmentSummary | undefined }) {
  if (!a) return <span class="status none">not started</span>;
  if (a.status === "draft")
    return (
      <span class="status draft">
        draft, saved <When date={a.updatedAt} />
      </span>
    );
  return (
    <span class="status submitted">
      submitted <When date={a.submittedAt ?? a.updatedAt} />
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
  c.header("Cache-Control", "private, no-store");
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
          {`The cycle “${cycle.name}” is open from ${cycle.startsOn} to ${cycle.endsOn}. `}
          {selfDone ? "Your self-assessment is in." : "Your self-assessment is due by its end."}
        </p>
      ) : (
        <p class="meta">No assessment cycle is open. You can still assess yourself at any time.</p>
      )}
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
                <StatusCell
                  a={mine?.byKind.agreed?.status === "submitted" ? mine.byKind.agreed : undefined}
                />
              </dd>
            </dl>
            <p>
              <a href={links.to(paths.profile(me.id))}>My profile</a> ·{" "}
              <a href={links.to(paths.history(me.id))}>My history</a>
            </p>
          </>
        ) : (
          <p>You have no framework yet: an admin places you in one, and then you can assess yourself.</p>
        )}
      </Section>
      {viewer.person.admin ? (
        <p class="meta">
          Admin: <a href={links.to(paths.adminCycles())}>assessment cycles</a> ·{" "}
          <a href={links.to(paths.adminTeam())}>organization heatmap and calibration</a>
        </p>
      ) : null}
      {reports.length ? (
        <Section id="reports" title="My reports">
          <p>
            <a href={links.to(paths.team())}>Your whole team</a>: everyone below you as a heatmap, who is
            ready for the next level, who has no assessment yet.
          </p>
          <div class="table-scroll">
            <table class="standings">
              <caption>{cycle ? `In the cycle “${cycle.name}”` : "Latest"}</caption>
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
                      <td>
                        <StatusCell a={r.byKind.self?.status === "submitted" ? r.byKind.self : undefined} />
                      </td>
                      <td>
                        <StatusCell a={manager} />
                      </td>
                      <td>
                        <StatusCell a={r.byKind.agreed} />
                      </td>
                      <td>
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
      ) : null}
    </Page>,
  );
}

/** The assessment with that id and the policy's leave to read it, or the response to send instead. */
async function readableAssessment(
  c: Context<AppEnv>,
  store: Store,
  id: string,
): Promise<Assessment | Response> {
  const found = await store.assessments.get(id);
  // an unknown id, someone else's assessment and someone else's draft all get the same answer
  const decision = await can(actorOf(c), "assessment:read", { id: found?.personId ?? "", assessment: found });
  if (!decision.allowed) return denied(c, decision);
  return found ?? c.notFound();
}

function assessmentPage(
  c: Context<AppEnv>,
  a: Assessment,
  person: Person,
  author: Person | undefined,
  snapshot: FrameworkSnapshot,
): Response {
  const links = c.get("links");
  const notice = noticeOf(c);
  const levelName = new Map(snapshot.levels.map((l) => [l.id, l.name]));
  const bandName = new Map((snapshot.bands ?? []).map((b) => [b.id, b.name]));
  const picks = new Map(a.picks.map((p) => [p.competency, p]));
  const title = `${KIND_NAMES[a.kind]} of ${person.name}`;
  c.header("Cache-Control", "private, no-store");
  return html(
    c,
    <Page
      title={title}
      links={links}
      kind="assessment"
      crumbs={[
        { label: "Home", href: links.to(paths.home()) },
        { label: "Assessments", href: links.to(paths.assessments()) },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      <Notice text={notice} />
      <p class="meta">
        {a.status === "submitted" && a.submittedAt ? (
          <>
            Submitted <When date={a.submittedAt} />
          </>
        ) : (
          <>
            Draft, last saved <When date={a.updatedAt} />
          </>
        )}
        {author ? ` by ${author.name}` : ""}
        {` · ${snapshot.name}${snapshot.label ? ` ${snapshot.label}` : ""} (content ${a.frameworkVersion})`}
      </p>
      <p>
        <a href={`${links.to(paths.profile(person.id))}?assessment=${a.id}`}>See it as a profile</a> ·{" "}
        <a href={links.to(paths.history(person.id))}>History</a>
      </p>
      <div class="table-scroll">
        <table class="assessment-picks">
          <thead>
            <tr>
              <th scope="col">Competency</th>
              <th scope="col">Level</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.competencies.map((comp) => {
              const pick = picks.get(comp.id);
              return (
                <tr id={`pick-${comp.id}`}>
                  <th scope="row">{comp.name}</th>
                  <td>
                    {pick?.level ? (
                      (levelName.get(pick.level) ?? pick.level)
                    ) : (
                      <span class="none">not picked</span>
                    )}
                    {pick?.band ? <span class="badge">{bandName.get(pick.band) ?? pick.band}</span> : null}
                  </td>
                  <td>
                    <Evidence pick={pick} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Page>,
  );
}

/**
 * Evidence as the person wrote it (plain text, line breaks kept) and their links, never as markup; a link
 * stored before links were checked, or restored from a backup, is shown but not followed unless it passes the
 * URL allowlist.
 */
export function Evidence({ pick }: { pick: Pick | undefined }) {
  if (!pick?.evidence && !pick?.links?.length) return <span class="none">—</span>;
  return (
    <>
      {pick.evidence ? <p class="evidence">{pick.evidence}</p> : null}
      {pick.links?.length ? (
        <ul class="evidence-links">
          {pick.links.map((href) => (
            <li>
              {isSafeUrl(href) ? (
                <a href={href} rel="nofollow noopener noreferrer">
                  {href}
                </a>
              ) : (
                href
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
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
  // another manager's draft of the agreement stays theirs: not shown, and not to be written over
  if (agreedDraft && !(await mayRead(c, agreedDraft)))
    return { subject, cycle, self, manager, agreed: current, agreedTaken: true };
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
  const viewer = c.get("viewer") as Viewer;
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
