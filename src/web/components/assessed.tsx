/**
 * What every page about someone's assessments shares (the assessment forms, review, growth, team views):
 * who the route is about and what the asker may see of it (the policy, for the assessments service), the
 * notices after a change, and an assessment as JSON. The use cases themselves are src/services/assessments.ts.
 */

import type { Context } from "hono";
import type { FrameworkRegistry } from "../../load/registry.js";
import type { Assessed, DraftAccess } from "../../services/assessments.js";
import { servedFramework } from "../../services/frameworks.js";
import type { Store } from "../../store/store.js";
import type { Assessment, AssessmentKind, AssessmentSummary } from "../../store/types.js";
import { denied } from "../auth/pages.js";
import { type Action, can, personActor } from "../auth/policy.js";
import { actorOf } from "../auth/session.js";
import type { AppEnv } from "../context.js";
import { HttpProblem, problem } from "../middleware/errors.js";
import { html } from "./html.js";
import { Page } from "./page.js";

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
  const served = servedFramework(registry, person.framework);
  if (!served) {
    const message = person.framework
      ? `${person.name} is placed in the framework "${person.framework}", which cannot be loaded right now.`
      : `${person.name} has no framework yet. An admin sets it on their person page.`;
    const page = (c: Context<AppEnv>) =>
      html(
        c,
        <Page title="No framework" links={c.get("links")} kind="people">
          <h1>Nothing to assess against yet</h1>
          <p>{message}</p>
        </Page>,
        409,
      );
    return problem(c, new HttpProblem(409, { detail: message, page }));
  }
  return { person, ...served };
}

/**
 * Whether the asker may read this assessment of someone they may read: the policy's answer for one
 * assessment (a draft is its author's alone).
 */
export async function mayRead(c: Context<AppEnv>, a: Assessment | AssessmentSummary): Promise<boolean> {
  return (await can(actorOf(c), "assessment:read", { id: a.personId, assessment: a })).allowed;
}

export function actionFor(kind: AssessmentKind): Action {
  return kind === "self" ? "assessment:self" : "assessment:manager";
}

/**
 * The asker's rights over drafts, for the assessments service. A draft its author can no longer finish
 * (they left, or no longer manage the person) would otherwise stop everyone else for good: the service
 * discards it, unread, when someone who may write starts.
 */
export function draftAccess(c: Context<AppEnv>, store: Store): DraftAccess {
  return {
    mayRead: (a) => mayRead(c, a),
    async stillTheirs(draft) {
      const author = draft.authorId ? await store.people.get(draft.authorId) : undefined;
      if (!author?.active) return false;
      const actor = personActor(author, (managerId, personId) => store.people.manages(managerId, personId));
      return (await can(actor, actionFor(draft.kind), { id: draft.personId })).allowed;
    },
  };
}

// a Map: `done` comes from the query string, and "constructor" is no notice
const NOTICES = new Map<string, string>(
  Object.entries({
    saved: "Draft saved.",
    submitted: "Submitted. It is frozen now and kept in the history.",
    agreed: "The agreed assessment is recorded: it is the assessment of record for this cycle.",
    "goal-saved": "Saved to the goals below.",
    "goal-updated": "Goal updated.",
  }),
);

export function noticeOf(c: Context<AppEnv>): string | undefined {
  const done = c.req.query("done");
  return done ? NOTICES.get(done) : undefined;
}

/** An assessment as the API gives it, with the git commit of its framework version when known. */
export function assessmentJson(a: Assessment, commit?: string) {
  return {
    id: a.id,
    personId: a.personId,
    authorId: a.authorId,
    kind: a.kind,
    cycleId: a.cycleId,
    framework: a.framework,
    frameworkVersion: a.frameworkVersion,
    ...(commit ? { frameworkCommit: commit } : {}),
    level: a.level,
    role: a.role,
    status: a.status,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    submittedAt: a.submittedAt?.toISOString() ?? null,
    picks: a.picks,
  };
}

/**
 * Assessments as the API gives them, each with the git commit its framework version's snapshot keeps (one
 * look-up per version however many assessments share it).
 */
export function assessmentsJson(store: Store, list: readonly Assessment[]) {
  const commits = new Map<string, Promise<string | undefined>>();
  return Promise.all(
    list.map(async (a) => {
      const key = `${a.framework}\u0000${a.frameworkVersion}`;
      const commit = commits.get(key) ?? store.snapshots.commitOf(a.framework, a.frameworkVersion);
      commits.set(key, commit);
      return assessmentJson(a, await commit);
    }),
  );
}
