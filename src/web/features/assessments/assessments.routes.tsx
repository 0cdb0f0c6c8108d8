/**
 * Assessments: a person's self-assessment and their manager's, drafted (saved as they go, surviving a
 * reload) and submitted (frozen, pinned to the framework version they used); one assessment as a page and
 * as JSON. Every route asks the policy first. What is due is in assessments-due.tsx, review and agreement
 * in review.tsx, the profile and history in growth.tsx; they share the helpers exported here.
 */
import type { Context } from "hono";
import type { Pick } from "../../../core/assessment.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import {
  type Assessed,
  AssessmentsService,
  KIND_NAMES,
  takenMessage,
} from "../../../services/assessments.js";
import type { Store } from "../../../store/store.js";
import type { Assessment, AssessmentKind, Cycle, Person } from "../../../store/types.js";
import { PRIVATE } from "../../auth/pages.js";
import {
  actionFor,
  assessedOr,
  assessmentJson,
  draftAccess,
  noticeOf,
  When,
} from "../../components/assessed.js";
import {
  AssessmentForm,
  checkPicks,
  picksFromForm,
  type RawPick,
  unpickedProblems,
} from "../../components/assessment-form.js";
import type { FieldProblem } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Notice, Page } from "../../components/page.js";
import { type App, type AppEnv, type RouteDeps, type Viewer, viewerOf } from "../../context.js";
import { paths } from "../../links.js";
import { acceptsUpload } from "../../middleware/body-limit.js";
import { ConflictPanel, saveDraftFrom } from "./drafts.js";

/** The kinds a form writes; the agreed assessment is written on the review page. */
const FORM_KINDS = ["self", "manager"] as const;
type FormKind = (typeof FORM_KINDS)[number];

function formKindOf(raw: string): FormKind | undefined {
  return (FORM_KINDS as readonly string[]).includes(raw) ? (raw as FormKind) : undefined;
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

export function assessmentRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;
  const assessments = new AssessmentsService(store);
  formRoutes(app, store, registry, assessments);
  saveRoutes(app, store, registry, assessments);
  draftApiRoute(app, store, registry);
}

/** The form of a self or manager assessment: opened (or refused when someone else's draft is open), saved, submitted. */
function formRoutes(
  app: App,
  store: Store,
  registry: FrameworkRegistry,
  assessments: AssessmentsService,
): void {
  app.get("/people/:id/assessments/:kind/", async (c) => {
    const kind = formKindOf(c.req.param("kind"));
    if (!kind) return c.notFound();
    const subject = await assessedOr(c, store, registry, c.req.param("id"), actionFor(kind));
    if (subject instanceof Response) return subject;
    const viewer = viewerOf(c);
    const opened = await assessments.openDraft(subject, kind, draftAccess(c, store));
    if (opened.state === "submitted") return c.redirect(`${paths.assessment(opened.assessment.id)}`, 303);
    // someone else's draft: theirs while they can finish it; otherwise this page starts anew
    if (opened.state === "taken") return takenPage(c, subject.person, kind);
    const { draft, cycle } = opened;
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
}

/** Saving the form (and submitting it when asked): the picks checked, then written by the service. */
function saveRoutes(
  app: App,
  store: Store,
  registry: FrameworkRegistry,
  assessments: AssessmentsService,
): void {
  app.post("/people/:id/assessments/:kind/", acceptsUpload, async (c) => {
    const kind = formKindOf(c.req.param("kind"));
    if (!kind) return c.notFound();
    const subject = await assessedOr(c, store, registry, c.req.param("id"), actionFor(kind));
    if (subject instanceof Response) return subject;
    const viewer = viewerOf(c);
    const body = await c.req.parseBody();
    const version = Number(body.version ?? 0);
    const cycle = await store.cycles.current();
    const raw = picksFromForm(subject.index, body);
    const result = await saveDraftFrom(
      c,
      store,
      subject,
      kind,
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
    const submitted = await assessments.submit(draft);
    if (!submitted.ok) {
      const theirs = submitted.current ?? draft;
      return formPage(c, { ...page, version: theirs.version, picks: draft.picks, conflict: { theirs } }, 409);
    }
    return c.redirect(`${paths.assessment(draft.id)}?done=submitted`, 303);
  });
}

/** The form's autosave: PUT the picks as JSON, answered with the new version or a conflict with both versions. */
function draftApiRoute(app: App, store: Store, registry: FrameworkRegistry): void {
  app.put("/api/people/:id/assessments/:kind/draft", acceptsUpload, async (c) => {
    const kind = formKindOf(c.req.param("kind"));
    if (!kind) return c.notFound();
    const subject = await assessedOr(c, store, registry, c.req.param("id"), actionFor(kind));
    if (subject instanceof Response) return subject;
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
    const result = await saveDraftFrom(
      c,
      store,
      subject,
      kind,
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
