/**
 * What every page about someone's assessments shares (the assessment forms, review, growth, team views):
 * who the route is about and whether the asker may see it, the framework snapshot assessments are pinned
 * to, the notices after a change, and an assessment as JSON.
 */
import type { Context } from "hono";
import { type FrameworkSnapshot, snapshotOf } from "../../core/assessment.js";
import type { FrameworkIndex } from "../../core/model.js";
import type { FrameworkRegistry, LoadedFramework } from "../../load/registry.js";
import type { Store } from "../../store/store.js";
import type { Assessment, AssessmentKind, AssessmentSummary, Person } from "../../store/types.js";
import { denied, PRIVATE } from "../auth/pages.js";
import { type Action, can } from "../auth/policy.js";
import { actorOf } from "../auth/session.js";
import type { AppEnv } from "../context.js";
import { HttpProblem, problem } from "../middleware/errors.js";
import { html } from "./html.js";
import { Page } from "./page.js";

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
    const page = (c: Context<AppEnv>) =>
      html(
        c,
        <Page title="No framework" links={c.get("links")} kind="people">
          <h1>Nothing to assess against yet</h1>
          <p>{message}</p>
        </Page>,
        409,
      );
    return problem(c, new HttpProblem(409, { detail: message, headers: PRIVATE, page }));
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
