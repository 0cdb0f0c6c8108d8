/**
 * Domain objects the store hands out. Plain values with `Date` and `boolean`; whatever the database
 * keeps (ISO strings or timestamptz, 0/1 or boolean) never leaves a repository.
 */

import type { Pick as AssessmentPick } from "../core/assessment.js";
import type { SourceRef } from "../core/goals.js";

/** Where "now" comes from, so expiry rules are tested with a clock the test moves. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Someone in the organization. The password hash is deliberately not here: see `PeopleRepository.credentials`. */
export interface Person {
  id: string;
  name: string;
  email: string;
  managerId: string | null;
  framework: string | null;
  track: string | null;
  level: string | null;
  role: string | null;
  active: boolean;
  admin: boolean;
  /** Whether a password is set (SSO-only and not-yet-set-up people have none). */
  hasPassword: boolean;
  /** Bumped on every change to the record; `update` and `setManager` can insist on the version they read. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What `PeopleRepository.create` accepts. Optional strings: absent, null or blank all mean "none". */
export interface NewPerson {
  name: string;
  email: string;
  managerId?: string | null;
  framework?: string | null;
  track?: string | null;
  level?: string | null;
  role?: string | null;
  admin?: boolean;
  active?: boolean;
  passwordHash?: string | null;
}

/** The editable fields of a person; absent means "leave as is". Manager changes go through `setManager`. */
export interface PersonChanges {
  name?: string;
  email?: string;
  framework?: string | null;
  track?: string | null;
  level?: string | null;
  role?: string | null;
  admin?: boolean;
}

/**
 * Some people, as a filter for queries over many: everyone, a person and everyone below them in the org
 * tree, or nobody. (How the policy's `person:read` reads for a whole list.)
 */
export type PersonScope = "everyone" | { selfAndBelow: string } | "nobody";

/** A person below someone in the org tree; depth 1 = a direct report. */
export interface SubtreeEntry {
  person: Person;
  depth: number;
}

/**
 * How a user's request went wrong, as a value the page or CLI shows (ARCHITECTURE §4.4).
 * `kind` lets the app map it to a status once: invalid → 400/422, not-found → 404, conflict → 409.
 */
export interface Problem {
  kind: "invalid" | "not-found" | "conflict";
  code: ProblemCode;
  message: string;
  /** The input field at fault, when there is one. */
  field?: string;
}

export type ProblemCode =
  | "required"
  | "too-long"
  | "invalid-text"
  | "invalid-email"
  | "invalid-active"
  | "last-admin"
  | "not-found"
  | "manager-not-found"
  | "inactive-manager"
  | "duplicate-employee-id"
  | "manager-mismatch"
  | "email-taken"
  | "duplicate-email"
  | "stale-version"
  | "manager-cycle"
  | "database-not-empty"
  | "invalid-backup"
  | "invalid-signature"
  | "invalid-date"
  | "dates-out-of-order"
  | "invalid-choice"
  | "invalid-link"
  | "invalid-sources"
  | "duplicate-competency"
  | "duplicate-criterion"
  | "too-many"
  | "person-not-found"
  | "cycle-not-found"
  | "assessment-not-found"
  | "cycle-closed"
  | "submitted";

/** A conflict: the request was fine on its own but collides with what is stored. */
export interface Conflict extends Problem {
  kind: "conflict";
  code:
    | "email-taken"
    | "stale-version"
    | "manager-cycle"
    | "database-not-empty"
    | "cycle-closed"
    | "submitted";
}

/** Tells a conflict apart from other problems (e.g. to answer 409). */
export function isConflict(problem: Problem): problem is Conflict {
  return problem.kind === "conflict";
}

/**
 * The result of a request that can fail because of what the user asked. A conflict with what is stored
 * (a stale version, an already submitted assessment) may carry the `current` stored record, so the caller
 * can show the user both theirs and what is there now.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[]; current?: T };

/** One person in the stored org tree, as an import reads the whole tree to find manager cycles. */
export interface OrgTreeEntry {
  id: string;
  emailKey: string;
  managerId: string | null;
  active: boolean;
}

/** What `PeopleRepository.readForImport` reads: the whole tree, and the full records asked for by email key. */
export interface StoredPeople {
  tree: OrgTreeEntry[];
  byKey: Map<string, Person>;
  /** How many active admins there are (an import may not deactivate the last). */
  activeAdmins: number;
}

/** One person an import writes: every field given (null clears), already checked. */
export interface PersonWrite {
  id: string;
  name: string;
  email: string;
  managerId: string | null;
  framework: string | null;
  track: string | null;
  level: string | null;
  role: string | null;
  active: boolean;
}

/** What an import writes: new people (each manager before their reports) and changed ones. */
export interface PeopleWrites {
  creates: PersonWrite[];
  updates: PersonWrite[];
}

/** A signed-in browser. `id` is the SHA-256 of the token, so it can be shown and revoked by id safely. */
export interface Session {
  id: string;
  personId: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** Absolute expiry: no activity extends it. */
  expiresAt: Date;
  /** Inactivity allowed before the session lapses (touched at most once a minute, so ±1 minute). */
  idleMs: number;
  userAgent: string | null;
  ip: string | null;
  revokedAt: Date | null;
}

export interface SessionMeta {
  userAgent?: string | null;
  ip?: string | null;
}

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export type TokenPurpose = "setup" | "reset" | "oidc-state";

/** A consumed one-time token: who it was for and what it carried. */
export interface OneTimeToken {
  purpose: TokenPurpose;
  personId: string | null;
  payload: string | null;
  expiresAt: Date;
  usedAt: Date;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Hits left in the current window after this one. */
  remaining: number;
  /** 0 when allowed; otherwise how long until the window resets. */
  retryAfterMs: number;
}

/** An assessment cycle: a period in which people are asked to assess themselves (and managers their reports). */
export interface Cycle {
  id: string;
  name: string;
  /** YYYY-MM-DD */
  startsOn: string;
  /** YYYY-MM-DD, on or after `startsOn` */
  endsOn: string;
  status: "open" | "closed";
  createdAt: Date;
  closedAt: Date | null;
  version: number;
}

/** What `CyclesRepository.create` accepts. */
export interface NewCycle {
  name: string;
  startsOn: string;
  endsOn: string;
}

export const ASSESSMENT_KINDS = ["self", "manager", "agreed"] as const;
/** Who picked: the person, their manager, or both together (the assessment of record for a cycle). */
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/**
 * One person's picks of the level whose expectation describes them, per competency, pinned to the framework
 * version (`frameworkVersion`, a stored FrameworkSnapshot) it was measured against. A draft can be saved
 * again (with its current `version`); submitting freezes it.
 */
export interface Assessment {
  id: string;
  /** whom it is about */
  personId: string;
  /** who wrote it (null once that person is deleted) */
  authorId: string | null;
  kind: AssessmentKind;
  cycleId: string | null;
  framework: string;
  frameworkVersion: string;
  /** the person's level when the assessment was started */
  level: string | null;
  /**
   * the person's role when the assessment was started: the role whose own expectations it was made against
   * (null for assessments made before roles were kept, and for people without one)
   */
  role: string | null;
  target: string | null;
  status: "draft" | "submitted";
  /** bumped on every save; saves and submits insist on the version they read */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  /**
   * Ordered by competency id. Every field is present on the way out: `band` null, `evidence` "" and
   * `links` [] when there are none.
   */
  picks: AssessmentPick[];
}

/** An assessment without its picks: where it stands (lists of many people's assessments need no more). */
export type AssessmentSummary = Omit<Assessment, "picks">;

/** What `AssessmentsRepository.startDraft` accepts. */
export interface NewAssessment {
  personId: string;
  authorId: string | null;
  kind: AssessmentKind;
  cycleId: string | null;
  framework: string;
  frameworkVersion: string;
  level: string | null;
  role?: string | null;
  target?: string | null;
}

/** What `AssessmentsRepository.saveDraft` changes; absent means "leave as is". */
export interface AssessmentChanges {
  /** Replaces all picks (one per competency). */
  picks?: AssessmentPick[];
  target?: string | null;
  frameworkVersion?: string;
  /** The role the draft is made in (a draft follows the person's role until it is submitted). */
  role?: string | null;
}

export const GOAL_STATUSES = ["not-started", "in-progress", "done", "dropped"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** A goal a person keeps: text derived from the framework, traceable to the fields it quotes. */
export interface Goal {
  id: string;
  personId: string;
  authorId: string | null;
  /** the assessment whose gaps it came from, if any (null once that assessment is gone) */
  assessmentId: string | null;
  framework: string;
  /** the target level it works towards */
  target: string | null;
  /** the wording as the person keeps it (edited or not) */
  text: string;
  /** the goal as generated when kept, quoting the framework (what `sources` name); never edited */
  original: string;
  /** what the ⟨target⟩ placeholder stands for, once given */
  targetValue: string | null;
  /** the ⟨date⟩: YYYY-MM-DD, once given */
  due: string | null;
  sources: SourceRef[];
  status: GoalStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** What `GoalsRepository.save` accepts. */
export interface NewGoal {
  assessmentId?: string | null;
  framework: string;
  target?: string | null;
  text: string;
  sources: SourceRef[];
}

/** What `GoalsRepository.edit` changes: the wording and the placeholder values (null clears one). */
export interface GoalEdit {
  text: string;
  targetValue: string | null;
  due: string | null;
}
