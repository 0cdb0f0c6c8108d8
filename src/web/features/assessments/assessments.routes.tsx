/**
 * Assessments: a person's self-assessment and their manager's, drafted (saved as they go, surviving a
 * reload) and submitted (frozen, pinned to the framework version they used); one assessment as a page and
 * as JSON. Every route asks the policy first. What is due is in assessments-due.tsx, review and agreement
 * in review.tsx, the profile and history in growth.tsx; they share the helpers exported here.
 */

import type { Context } from "hono";
import type * as z from "zod";
import type { Pick } from "../../../core/assessment.js";
import { isolated } from "../../../core/text.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import {
  type Assessed,
  AssessmentsService,
  KIND_NAMES,
  type SaveResult,
  subjectAssessedOn,
  takenMessage,
} from "../../../services/assessments.js";
import { carriedStart } from "../../../services/framework-changes.js";
import type { Store } from "../../../store/store.js";
import type { Assessment, AssessmentKind, Cycle, Person } from "../../../store/types.js";
import { actionFor, assessedOr, assessmentJson, draftAccess, noticeOf } from "../../components/assessed.js";
import {
  AssessmentForm,
  checkPicks,
  picksFromForm,
  unpickedProblems,
} from "../../components/assessment-form.js";
import type { FieldProblem } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Notice, Page } from "../../components/page.js";
import { When } from "../../components/when.js";
import { type App, type AppEnv, type RouteDeps, type Viewer, viewerOf } from "../../context.js";
import { paths } from "../../links.js";
import { acceptsUpload } from "../../middleware/body-limit.js";
import { HttpProblem } from "../../middleware/errors.js";
import { validate } from "../../middleware/validate.js";
import { ConflictPanel, saveDraftFrom } from "./drafts.js";
import { assessmentForm, draftBody, formKind } from "./requests.js";

type FormKind = z.output<ReturnType<typeof formKind>>;

/** The kind in the URL, or undefined for anything else (answered 404, as an unknown page). */
function formKindOf(raw: string): FormKind | undefined {
  const parsed = formKind().safeParse(raw);
  return parsed.success ? parsed.data : undefined;
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
  const title = self ? "My self-assessment" : `Assessing ${isolated(person.name)}`;
  const byId = new Map(page.picks.map((p) => [p.competency, p]));
  const notice = noticeOf(c);
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
      <h1>
        {self ? (
          title
        ) : (
          <>
            Assessing <bdi>{person.name}</bdi>
          </>
        )}
      </h1>
      <Notice text={notice} />
      <p class="lede">
        {self ? (
          "For each competency, pick the level whose expectation honestly describes you today, not the one you aim for. "
        ) : (
          <>
            For each competency, pick the level whose expectation describes <bdi>{person.name}</bdi> today.{" "}
          </>
        )}
        Measured against <bdi>{index.framework.name}</bdi>
        {page.cycle ? (
          <>
            , for the cycle “<bdi>{page.cycle.name}</bdi>”
          </>
        ) : (
          ""
        )}
        {". "}
        Your draft is kept as you go; submitting freezes it.
      </p>
      {page.savedAt ? (
        <p class="meta">
          Draft last saved <When at={page.savedAt} />.
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
        role={person.role}
        whose={self ? "your" : "their"}
        problems={page.problems ?? []}
        comments={self}
        required={subjectAssessedOn(subject)}
      />
    </Page>,
    status,
  );
}

/** Someone else's draft of this assessment is open: said so, with nothing of it shown. */
function takenPage(c: Context<AppEnv>, person: Person, kind: AssessmentKind): Response {
  const links = c.get("links");
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
    // no draft yet: start from the last one of this kind, carried across a framework change (issue 16)
    const carried = draft
      ? undefined
      : await carriedStart(store, subject.fw, subject.index, subject.person.id, kind);
    return formPage(c, {
      subject,
      kind,
      viewer,
      version: draft?.version ?? 0,
      picks: draft?.picks ?? carried?.picks ?? [],
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
  app.post("/people/:id/assessments/:kind/", acceptsUpload, validate("form", assessmentForm), async (c) => {
    const kind = formKindOf(c.req.param("kind"));
    if (!kind) return c.notFound();
    const subject = await assessedOr(c, store, registry, c.req.param("id"), actionFor(kind));
    if (subject instanceof Response) return subject;
    const form = c.req.valid("form");
    const raw = picksFromForm(subject.index, form, subject.person.role);
    const result = await saveDraftFrom(c, store, subject, kind, form.version, raw);
    const page = { subject, kind, viewer: viewerOf(c), cycle: await store.cycles.current() };
    switch (result.kind) {
      case "invalid":
        return formPage(
          c,
          { ...page, version: form.version, picks: result.picks, problems: result.problems },
          422,
        );
      case "conflict": {
        const conflict = { theirs: result.theirs };
        return formPage(c, { ...page, version: result.theirs.version, picks: result.yours, conflict }, 409);
      }
      case "refused": {
        const problems = [{ field: "", message: result.message }];
        const picks = checkPicks(subject.index, raw, subject.person.role).picks;
        return formPage(c, { ...page, version: form.version, picks, problems }, 409);
      }
    }
    if (form.action !== "submit") {
      return c.redirect(`${paths.assessmentForm(subject.person.id, kind)}?done=saved`, 303);
    }
    return submitDraft(c, assessments, page, result.draft);
  });
}

/** Submitting a saved draft: refused while competencies are unpicked or when it changed elsewhere. */
async function submitDraft(
  c: Context<AppEnv>,
  assessments: AssessmentsService,
  page: Omit<FormPage, "version" | "picks">,
  draft: Assessment,
): Promise<Response> {
  const missing = unpickedProblems(page.subject.index, draft.picks, subjectAssessedOn(page.subject));
  if (missing.length) {
    const saved = { version: draft.version, picks: draft.picks, savedAt: draft.updatedAt };
    return formPage(c, { ...page, ...saved, problems: missing }, 422);
  }
  const submitted = await assessments.submit(draft);
  if (!submitted.ok) {
    const theirs = submitted.current ?? draft;
    return formPage(c, { ...page, version: theirs.version, picks: draft.picks, conflict: { theirs } }, 409);
  }
  return c.redirect(`${paths.assessment(draft.id)}?done=submitted`, 303);
}

/** The form's autosave: PUT the picks as JSON, answered with the new version or a conflict with both versions. */
function draftApiRoute(app: App, store: Store, registry: FrameworkRegistry): void {
  app.put(
    "/api/people/:id/assessments/:kind/draft",
    acceptsUpload,
    validate("json", draftBody),
    async (c) => {
      const kind = formKindOf(c.req.param("kind"));
      if (!kind) return c.notFound();
      const subject = await assessedOr(c, store, registry, c.req.param("id"), actionFor(kind));
      if (subject instanceof Response) return subject;
      const { version, picks } = c.req.valid("json");
      const result = await saveDraftFrom(c, store, subject, kind, version, picks);
      if (result.kind === "saved") {
        const { id, version: saved, updatedAt } = result.draft;
        return c.json({ id, version: saved, savedAt: updatedAt.toISOString() });
      }
      const theirs = result.kind === "conflict" ? result.theirs : undefined;
      const commit = theirs && (await store.snapshots.commitOf(theirs.framework, theirs.frameworkVersion));
      throw draftProblem(result, commit);
    },
  );
}

/** Why a draft was not saved, as the API says it (`commit`: that of the stored version's framework, if any). */
function draftProblem(result: Exclude<SaveResult, { kind: "saved" }>, commit?: string): HttpProblem {
  switch (result.kind) {
    case "invalid":
      return new HttpProblem(422, {
        detail: "some picks are not valid",
        extra: { problems: result.problems },
      });
    case "conflict":
      return new HttpProblem(409, {
        detail:
          result.theirs.status === "submitted"
            ? "this assessment was submitted elsewhere; your changes were not saved"
            : "this draft was saved elsewhere since you loaded it; your changes were not saved",
        extra: { yours: result.yours, theirs: assessmentJson(result.theirs, commit) },
      });
    case "refused":
      return new HttpProblem(409, { detail: result.message });
  }
}
