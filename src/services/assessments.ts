/**
 * Assessments as use cases: the framework snapshot an assessment is pinned to, opening and saving a draft
 * (one author per draft, optimistic versions, a draft its author can no longer finish is discarded),
 * submitting, what is due for a person and their reports, and the assessments a review compares. The
 * asker's rights come in as a `DraftAccess` the caller builds from its policy; nothing here knows HTTP.
 */

import {
  type AssessmentChanges,
  changesBetween,
  type FrameworkSnapshot,
  type Pick,
  snapshotOf,
} from "../core/assessment.js";
import type { FrameworkIndex } from "../core/model.js";
import { assessedOn } from "../core/place.js";
import { isolated } from "../core/text.js";
import type { LoadedFramework } from "../load/registry.js";
import type { Store } from "../store/store.js";
import type {
  Assessment,
  AssessmentKind,
  AssessmentSummary,
  Cycle,
  Outcome,
  Person,
} from "../store/types.js";

export const KIND_NAMES: Record<AssessmentKind, string> = {
  self: "Self-assessment",
  manager: "Manager assessment",
  agreed: "Agreed assessment",
};

/** Who an assessment is about, with the framework they are measured against. */
export interface Assessed {
  person: Person;
  fw: LoadedFramework;
  index: FrameworkIndex;
}

/** What the one asking may do with drafts, as their policy says. */
export interface DraftAccess {
  /** Whether they may read (and so write) this assessment: a draft is its author's alone. */
  mayRead(assessment: Assessment | AssessmentSummary): Promise<boolean>;
  /** Whether this draft's author may still finish it (an active person the policy still lets write it). */
  stillTheirs(draft: Assessment): Promise<boolean>;
}

/** A problem with a saved draft, for the field it is about ("" for the whole form). */
export interface DraftProblem {
  field: string;
  message: string;
}

export type SaveResult =
  | { kind: "saved"; draft: Assessment }
  | { kind: "invalid"; problems: DraftProblem[]; picks: Pick[] }
  | { kind: "conflict"; theirs: Assessment; yours: Pick[] }
  | { kind: "refused"; message: string };

/** Where the draft of `kind` stands when someone opens its form. */
export type OpenedDraft =
  | { state: "submitted"; assessment: Assessment }
  | { state: "taken" }
  | { state: "open"; draft: Assessment | undefined; cycle: Cycle | undefined };

/** One row of "what is due": where each kind of assessment stands for a person. */
export interface Standing {
  person: Person;
  byKind: Partial<Record<AssessmentKind, AssessmentSummary>>;
}

/** The assessments a review compares, and the agreement as far as the asker may see it. */
export interface ReviewData {
  subject: Assessed;
  cycle: Cycle | undefined;
  self: Assessment | undefined;
  manager: Assessment | undefined;
  agreed: Assessment | undefined;
  /** Someone else has a draft of the agreed assessment open. */
  agreedTaken: boolean;
}

/** What a profile is drawn from: an assessment and the framework version it was measured against. */
export interface ProfileSource {
  assessment: Assessment | undefined;
  snapshot: FrameworkSnapshot;
  /** Why this assessment (the assessment of record, a draft, the one asked for), as a noun phrase after
   * "From": "the self-assessment, the latest of record", "your self-assessment draft (not submitted yet)". */
  basis: string;
}

/** A round of someone's history: one cycle (or one assessment outside cycles), by its assessment of record. */
export interface HistoryRound {
  assessment: Assessment;
  snapshot: FrameworkSnapshot;
  cycleName?: string | undefined;
}

/** Why a draft cannot be opened or saved: someone else started it (told without showing any of it). */
export function takenMessage(person: Person, kind: AssessmentKind): string {
  return kind === "self"
    ? "This self-assessment was started by someone else; it stays theirs until they submit it."
    : `Another of ${isolated(person.name)}’s managers has started the ${KIND_NAMES[kind].toLowerCase()}; it stays theirs until they submit it.`;
}

/** An assessment's picked levels by competency id. */
export function picksMap(assessment: { picks: readonly Pick[] } | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of assessment?.picks ?? []) if (p.level) map.set(p.competency, p.level);
  return map;
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

/** What the subject's place (level and track) is assessed on, in the framework as loaded (core/place.ts). */
export function subjectAssessedOn(subject: Assessed): Set<string> {
  return assessedOn(liveSnapshot(subject.fw, subject.index), subject.person);
}

/**
 * The git commit a loaded framework's files are, for its snapshot: none outside a repository, and none when
 * the files differ from their last commit (that commit is not this version's content).
 */
export function committedAs(fw: LoadedFramework): string | undefined {
  return fw.identity?.dirty ? undefined : fw.identity?.commit;
}

/**
 * Per store, the framework versions already frozen (`id@version@commit`), so each is saved once per process
 * (and again when its files, unchanged, were committed since).
 */
const savedSnapshots = new WeakMap<Store, Set<string>>();

export class AssessmentsService {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Frozen once per framework version: what every assessment started or submitted now is pinned to. */
  async currentSnapshot(fw: LoadedFramework, index: FrameworkIndex): Promise<FrameworkSnapshot> {
    const snapshot = liveSnapshot(fw, index);
    const saved = savedSnapshots.get(this.#store) ?? new Set<string>();
    savedSnapshots.set(this.#store, saved);
    const commit = committedAs(fw);
    const key = `${fw.id}@${fw.version}@${commit ?? ""}`;
    if (!saved.has(key)) {
      await this.#store.snapshots.save(snapshot, commit);
      saved.add(key);
    }
    return snapshot;
  }

  /** The snapshot an assessment was made against (the current one for a draft or if it went missing). */
  async snapshotFor(
    assessment: Assessment,
    fallback: () => Promise<FrameworkSnapshot>,
  ): Promise<FrameworkSnapshot> {
    if (assessment.status === "submitted") {
      const stored = await this.#store.snapshots.get(assessment.framework, assessment.frameworkVersion);
      if (stored) return stored;
    }
    return fallback();
  }

  /** The assessment of `kind` this person has submitted in the open cycle (none outside cycles). */
  async submittedThisCycle(
    personId: string,
    kind: AssessmentKind,
    cycle: Cycle | undefined,
  ): Promise<Assessment | undefined> {
    if (!cycle) return undefined;
    return (await this.#store.assessments.forCycle(cycle.id, [personId])).find(
      (a) => a.kind === kind && a.status === "submitted",
    );
  }

  /**
   * Opening the form of `kind` about the subject: already submitted this cycle, someone else's draft (theirs
   * while they can finish it), or the asker's own draft (none yet: the form starts empty).
   */
  async openDraft(subject: Assessed, kind: AssessmentKind, access: DraftAccess): Promise<OpenedDraft> {
    const cycle = await this.#store.cycles.current();
    const done = await this.submittedThisCycle(subject.person.id, kind, cycle);
    if (done) return { state: "submitted", assessment: done };
    const stored = await this.#store.assessments.draft(subject.person.id, kind, cycle?.id ?? null);
    const mine = stored && (await access.mayRead(stored)) ? stored : undefined;
    if (stored && !mine && (await access.stillTheirs(stored))) return { state: "taken" };
    return { state: "open", draft: mine, cycle };
  }

  /**
   * Saves checked picks to the draft of `kind` about the subject, written by `authorId`: starts it when there
   * is none (expected version 0), refuses when someone saved in between (a conflict with both versions) or
   * when it was submitted meanwhile, and when the draft is someone else's (nothing of it is shown or changed).
   */
  async saveDraft(
    subject: Assessed,
    kind: AssessmentKind,
    authorId: string,
    expectedVersion: number,
    picks: Pick[],
    access: DraftAccess,
  ): Promise<SaveResult> {
    const opened = await this.#draftToWrite(subject, kind, authorId, expectedVersion, picks, access);
    if (opened.kind !== "write") return opened;
    const { draft } = opened;
    const version = opened.expectedVersion === 0 ? draft.version : opened.expectedVersion;
    if (opened.expectedVersion === 0 && draft.picks.some((p) => p.level) && draft.version > 1) {
      return { kind: "conflict", theirs: draft, yours: picks };
    }
    const snapshot = await this.currentSnapshot(subject.fw, subject.index);
    const saved = await this.#store.assessments.saveDraft(draft.id, version, {
      picks,
      frameworkVersion: snapshot.version,
      // like the framework version, a draft follows the person's role until it is submitted
      role: subject.person.role,
    });
    if (saved.ok) return { kind: "saved", draft: saved.value };
    if (saved.current) return { kind: "conflict", theirs: saved.current, yours: picks };
    return {
      kind: "invalid",
      problems: saved.problems.map((p) => ({ field: "", message: p.message })),
      picks,
    };
  }

  /** The draft to write (started when there is none) and the version to expect, or why not. */
  async #draftToWrite(
    subject: Assessed,
    kind: AssessmentKind,
    authorId: string,
    expectedVersion: number,
    picks: Pick[],
    access: DraftAccess,
  ): Promise<SaveResult | { kind: "write"; draft: Assessment; expectedVersion: number }> {
    const cycle = await this.#store.cycles.current();
    let draft = await this.#store.assessments.draft(subject.person.id, kind, cycle?.id ?? null);
    if (draft && !(await access.mayRead(draft))) {
      if (await access.stillTheirs(draft))
        return { kind: "refused", message: takenMessage(subject.person, kind) };
      // its author can no longer finish it: it would stop everyone else for good, so it goes, unread
      await this.#store.assessments.discardDraft(draft.id);
      draft = undefined;
    }
    if (draft) return { kind: "write", draft, expectedVersion };
    if (expectedVersion !== 0) {
      // the draft this page was editing is gone: submitted (or removed) elsewhere
      const latest = (await this.#store.assessments.history(subject.person.id, { kind })).at(-1);
      if (latest) return { kind: "conflict", theirs: latest, yours: picks };
    }
    const snapshot = await this.currentSnapshot(subject.fw, subject.index);
    const started = await this.#store.assessments.startDraft({
      personId: subject.person.id,
      authorId,
      kind,
      cycleId: cycle?.id ?? null,
      framework: subject.fw.id,
      frameworkVersion: snapshot.version,
      level: subject.person.level,
      role: subject.person.role,
    });
    if (!started.ok) return { kind: "refused", message: started.problems.map((p) => p.message).join(" ") };
    draft = started.value;
    // checked after starting too: another writer may have started theirs a moment before
    if (!(await access.mayRead(draft)))
      return { kind: "refused", message: takenMessage(subject.person, kind) };
    // a draft another tab started a moment ago, already with picks: theirs, not an empty one to overwrite
    if (expectedVersion === 0 && draft.picks.some((p) => p.level)) {
      return { kind: "conflict", theirs: draft, yours: picks };
    }
    return { kind: "write", draft, expectedVersion: draft.version };
  }

  /** Freezes a draft at the version it was read at. */
  submit(draft: Assessment): Promise<Outcome<Assessment>> {
    return this.#store.assessments.submit(draft.id, draft.version);
  }

  /**
   * Where each kind stands for each person, keeping only what `visible` lets the asker see (others' drafts
   * are not there at all). One query whatever the number of people.
   */
  async standings(
    people: readonly Person[],
    cycle: Cycle | undefined,
    visible: (a: AssessmentSummary) => boolean,
  ): Promise<Standing[]> {
    const rows = new Map<string, Standing>(people.map((p) => [p.id, { person: p, byKind: {} }]));
    const all = await this.#store.assessments.standings(
      people.map((p) => p.id),
      cycle?.id ?? null,
    );
    for (const a of all) {
      const row = rows.get(a.personId);
      if (!row || !visible(a)) continue;
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

  /** What is due for a person: their own standing first, then each active direct report's. */
  async due(
    person: Person,
    visible: (a: AssessmentSummary) => boolean,
  ): Promise<{ cycle: Cycle | undefined; standings: Standing[] }> {
    const cycle = await this.#store.cycles.current();
    const reports = (await this.#store.people.reports(person.id)).filter((p) => p.active);
    return { cycle, standings: await this.standings([person, ...reports], cycle, visible) };
  }

  /**
   * The self and manager assessments to compare: this cycle's (or, outside cycles, the latest) submitted
   * ones, and the agreement so far.
   */
  async review(subject: Assessed, access: DraftAccess): Promise<ReviewData> {
    const cycle = await this.#store.cycles.current();
    const id = subject.person.id;
    const pick = async (kind: AssessmentKind) =>
      cycle
        ? this.submittedThisCycle(id, kind, cycle)
        : (await this.#store.assessments.latestSubmitted([id], kind)).get(id);
    const [self, manager, agreedDone, agreedDraft] = await Promise.all([
      pick("self"),
      pick("manager"),
      pick("agreed"),
      this.#store.assessments.draft(id, "agreed", cycle?.id ?? null),
    ]);
    // outside cycles, an agreement older than the manager's latest assessment is of an earlier round
    const current =
      agreedDone && (cycle || !manager || (agreedDone.submittedAt ?? 0) >= (manager.submittedAt ?? 0))
        ? agreedDone
        : undefined;
    const data = { subject, cycle, self, manager, agreed: agreedDraft ?? current, agreedTaken: false };
    // another manager's draft of the agreement stays theirs: not shown, and not to be written over (while
    // they can finish it; a draft they cannot is not shown either, and saving starts anew)
    if (agreedDraft && !(await access.mayRead(agreedDraft))) {
      return { ...data, agreed: current, agreedTaken: await access.stillTheirs(agreedDraft) };
    }
    return data;
  }

  /**
   * The assessment a profile shows and the snapshot to read it against: the one asked for (by id), else the
   * latest of record, else, for the person themselves, their self-assessment draft. Undefined when the one
   * asked for is not theirs or the asker may not read it (someone else's draft is theirs until submitted).
   */
  async profileSource(
    subject: Assessed,
    asked: string | undefined,
    askerId: string | undefined,
    access: DraftAccess,
  ): Promise<ProfileSource | undefined> {
    const person = subject.person;
    let assessment: Assessment | undefined;
    let basis: string;
    if (asked) {
      assessment = await this.#store.assessments.get(asked);
      if (!assessment || assessment.personId !== person.id) return undefined;
      basis = `the ${KIND_NAMES[assessment.kind].toLowerCase()}${assessment.status === "draft" ? " (draft)" : ""}`;
    } else {
      assessment = (await this.#store.assessments.latestOfRecord([person.id])).get(person.id);
      basis = assessment ? `the ${KIND_NAMES[assessment.kind].toLowerCase()}, the latest of record` : "";
      if (!assessment && askerId === person.id) {
        const cycle = await this.#store.cycles.current();
        assessment = await this.#store.assessments.draft(person.id, "self", cycle?.id ?? null);
        basis = "your self-assessment draft (not submitted yet)";
      }
    }
    if (assessment && !(await access.mayRead(assessment))) return undefined;
    const live = () => this.currentSnapshot(subject.fw, subject.index);
    const snapshot = assessment ? await this.snapshotFor(assessment, live) : await live();
    return { assessment, snapshot, basis };
  }

  /** Someone's submitted rounds, oldest first, and what changed between the last two. */
  async history(
    subject: Assessed,
  ): Promise<{ rounds: HistoryRound[]; changes: AssessmentChanges | undefined }> {
    const history = ofRecord(await this.#store.assessments.history(subject.person.id));
    const cycles = new Map((await this.#store.cycles.list()).map((cy) => [cy.id, cy.name]));
    const live = () => this.currentSnapshot(subject.fw, subject.index);
    // rounds measured against the same framework version share one read of its snapshot
    const snapshots = new Map<string, Promise<FrameworkSnapshot>>();
    const snapshotOfRound = (a: Assessment) => {
      const key = `${a.framework}\u0000${a.frameworkVersion}`;
      const known = snapshots.get(key) ?? this.snapshotFor(a, live);
      snapshots.set(key, known);
      return known;
    };
    const rounds = await Promise.all(
      history.map(async (assessment) => ({
        assessment,
        snapshot: await snapshotOfRound(assessment),
        cycleName: assessment.cycleId ? cycles.get(assessment.cycleId) : undefined,
      })),
    );
    const [before, after] = rounds.slice(-2);
    const changes =
      before && after
        ? changesBetween(
            { snapshot: before.snapshot, picks: picksMap(before.assessment) },
            { snapshot: after.snapshot, picks: picksMap(after.assessment) },
          )
        : undefined;
    return { rounds, changes };
  }
}

/** A round: one cycle (or one assessment outside cycles), represented by its assessment of record. */
function ofRecord(history: Assessment[]): Assessment[] {
  const rank = { agreed: 0, manager: 1, self: 2 } as const;
  const rounds = new Map<string, Assessment>();
  for (const a of history) {
    const key = a.cycleId ?? a.id;
    const had = rounds.get(key);
    if (!had || rank[a.kind] < rank[had.kind]) rounds.set(key, a);
  }
  return [...rounds.values()].sort(
    (a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0),
  );
}
