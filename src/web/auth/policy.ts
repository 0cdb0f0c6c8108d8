/**
 * Who may see and do what with people's data: the one place that decides (ARCHITECTURE §4.6). Every route
 * that reads or writes data about a person asks `can(actor, action, subject)` and turns a denial into the
 * status it carries.
 *
 * | action                 | self | their managers (up the chain) | admin | anyone else signed in | anonymous |
 * |------------------------|------|-------------------------------|-------|-----------------------|-----------|
 * | person:read-directory  | yes  | yes                           | yes   | yes                   | 401       |
 * | person:read            | yes  | yes                           | yes   | 404                   | 401       |
 * | person:edit            | yes  | 403                           | yes   | 404                   | 401       |
 * | person:admin           | 403  | 403                           | yes   | 403                   | 401       |
 * | assessment:read        | yes  | yes                           | yes   | 404                   | 401       |
 * | … of a draft           | its author only (whoever else asks, admins included: 404)                 | 401       |
 * | assessment:self        | yes  | 403                           | 403   | 404                   | 401       |
 * | assessment:manager     | 403  | yes                           | 403*  | 404                   | 401       |
 *
 * Why these statuses:
 * - 404 where the data must not even be known to exist: what a person's page holds beyond the directory
 *   entry is nobody else's business, so someone unrelated is told "not found", exactly as for an id that
 *   does not exist. Routes must answer both with the same page.
 * - 403 where existence is already known to the asker, so refusing openly leaks nothing: a manager can read
 *   a report's data but not edit it; "admin only" does not depend on the person at all (the route asks
 *   before it looks the person up, so a made-up id gets the same 403).
 * - 401 for anonymous visitors whatever the subject: sign in first (pages redirect to the sign-in page).
 *
 * `person:edit` covers what a person keeps up themselves (password, sessions, later their own assessment
 * input); organizational fields (manager, level, role, admin, active) are `person:admin`.
 * `person:read-directory` is a person's name, and of their role, level and manager what the directory
 * setting lets colleagues see (`directoryView`; admins choose it, role and level by default). The person
 * themselves and admins always see all three; so do their managers up the chain, who may read the person.
 *
 * Assessments are written by the people they are about and by those who manage them, never on their behalf:
 * `assessment:self` (the self-assessment, goals) is the person's alone, `assessment:manager` (the manager
 * assessment, the agreed result) belongs to their managers up the chain. (*) An admin reads every assessment
 * but writes one only as a manager in the org tree.
 *
 * A draft is its author's alone until it is submitted: `assessment:read` of one assessment (the subject
 * carries it) allows a draft only to whoever wrote it, and to nobody when its author is gone. Not to the
 * person it is about, not to another of their managers, not to an admin: a draft is thinking aloud, and
 * what counts is what its author hands in. Whoever else asks is told "not found", as if it did not exist.
 * Lists of assessments keep only what `assessmentVisibleTo` allows, the same rule for many at once.
 *
 * `personReadScope` is `person:read` for many people at once (a query's filter): everyone for an admin,
 * otherwise the person and everyone below them. The directory search matches emails only within it.
 */

import type { PersonScope } from "../../store/types.js";

/** Someone asking. A person carries how to find out whom they manage (backed by `people.manages`). */
export type Actor = AnonymousActor | PersonActor;

export interface AnonymousActor {
  kind: "anonymous";
}

export interface PersonActor {
  kind: "person";
  id: string;
  admin: boolean;
  /** Whether this person is anywhere up `personId`'s management chain. */
  manages(personId: string): Promise<boolean>;
}

export const ANONYMOUS: AnonymousActor = { kind: "anonymous" };

export const ACTIONS = [
  "person:read-directory",
  "person:read",
  "person:edit",
  "person:admin",
  "assessment:read",
  "assessment:self",
  "assessment:manager",
] as const;
export type Action = (typeof ACTIONS)[number];

/** The person the data is about; for one assessment, also whether it is a draft and whose. */
export interface Subject {
  id: string;
  /** The assessment asked about (`assessment:read` of one assessment, a draft to write into). */
  assessment?: AssessmentRef | undefined;
}

/** What the policy needs to know of an assessment. */
export interface AssessmentRef {
  status: "draft" | "submitted";
  /** Who wrote it (null once that person is gone). */
  authorId: string | null;
}

export type Decision =
  | { allowed: true }
  | {
      allowed: false;
      /** 401 sign in first; 403 refused openly; 404 answered as if there were nothing there. */
      status: 401 | 403 | 404;
      reason: string;
    };

const ALLOW: Decision = { allowed: true };

function deny(status: 401 | 403 | 404, reason: string): Decision {
  return { allowed: false, status, reason };
}

/** Whether `actor` may do `action` to the data of `subject`. Asks `actor.manages` only when it matters. */
export async function can(actor: Actor, action: Action, subject: Subject): Promise<Decision> {
  if (actor.kind !== "person") return deny(401, "sign in first");
  if (action === "assessment:self" || action === "assessment:manager")
    return assessmentWrite(actor, action, subject);
  if (action === "assessment:read" && subject.assessment && !assessmentVisibleTo(actor, subject.assessment))
    return deny(404, "a draft is its author's until it is submitted");
  if (actor.admin) return ALLOW;
  if (action === "person:admin") return deny(403, "only admins may do this");
  if (action === "person:read-directory") return ALLOW;
  if (actor.id === subject.id) return ALLOW;
  const manages = await actor.manages(subject.id);
  switch (action) {
    case "person:read":
    case "assessment:read":
      return manages ? ALLOW : deny(404, "not theirs to see");
    case "person:edit":
      return manages
        ? deny(403, "managers see their reports' data but do not edit it")
        : deny(404, "not theirs to see");
  }
}

async function assessmentWrite(
  actor: PersonActor,
  action: "assessment:self" | "assessment:manager",
  subject: Subject,
): Promise<Decision> {
  const self = actor.id === subject.id;
  if (action === "assessment:self") {
    if (self) return ALLOW;
    return actor.admin || (await actor.manages(subject.id))
      ? deny(403, "only the person assesses themselves")
      : deny(404, "not theirs to see");
  }
  if (self) return deny(403, "a manager's assessment is written by a manager");
  if (await actor.manages(subject.id)) return ALLOW;
  return actor.admin ? deny(403, "only their managers assess them") : deny(404, "not theirs to see");
}

/**
 * Whether an assessment shows to `actor` at all: a submitted one does (to whoever may read the person's
 * assessments; ask `can` for that), a draft only to its author. For filtering lists; `can` applies the same.
 */
export function assessmentVisibleTo(actor: Actor, assessment: AssessmentRef): boolean {
  if (assessment.status === "submitted") return true;
  return actor.kind === "person" && assessment.authorId !== null && assessment.authorId === actor.id;
}

/** What a directory entry may show beyond the name. */
export const DIRECTORY_FIELDS = ["role", "level", "manager"] as const;
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number];

/** What colleagues see when the setting was never saved: what the directory always showed. */
export const DIRECTORY_DEFAULT: ReadonlySet<DirectoryField> = new Set(["role", "level"]);

/** The directory setting as stored (`role,level`), read leniently: unknown words are ignored. */
export function directorySetting(stored: string | undefined): ReadonlySet<DirectoryField> {
  if (stored === undefined) return DIRECTORY_DEFAULT;
  const words = new Set(stored.split(",").map((w) => w.trim()));
  return new Set(DIRECTORY_FIELDS.filter((f) => words.has(f)));
}

/**
 * Which of `subject`'s role, level and manager `actor` sees in the directory: all of them for an admin, for
 * the person themselves and for whoever manages them (`managed`: the caller asks `actor.manages` or a scope
 * that answers it for many); for any other colleague what the admins' setting allows; nothing anonymously.
 */
export function directoryView(
  actor: Actor,
  subjectId: string,
  managed: boolean,
  setting: ReadonlySet<DirectoryField>,
): ReadonlySet<DirectoryField> {
  if (actor.kind !== "person") return new Set();
  if (actor.admin || actor.id === subjectId || managed) return new Set(DIRECTORY_FIELDS);
  return setting;
}

/** `person:read` as a set, for queries over many people: everyone, or a person and everyone below them. */
export function personReadScope(actor: Actor): PersonScope {
  if (actor.kind !== "person") return "nobody";
  return actor.admin ? "everyone" : { selfAndBelow: actor.id };
}

/** A person as an actor, with the org tree behind `manages`. */
export function personActor(
  person: { id: string; admin: boolean },
  manages: (managerId: string, personId: string) => Promise<boolean>,
): PersonActor {
  return {
    kind: "person",
    id: person.id,
    admin: person.admin,
    manages: (personId) => manages(person.id, personId),
  };
}
