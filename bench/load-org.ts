/**
 * The organization bench/load runs against, written through the store as the app would write it: an admin
 * at the top, directors, managers with their teams, one manager with a team of 50 (what made /assessments/
 * slow), and everyone's assessments against the bundled engineering framework (self-assessments submitted
 * or in draft, manager assessments submitted or in draft), outside cycles. Then a session for each of the
 * users the load signs in as.
 */
import { snapshotOf } from "../src/core/assessment.js";
import type { FrameworkIndex } from "../src/core/model.js";
import { PEOPLE_CSV_COLUMNS, type PeopleCsvRow } from "../src/core/people-csv.js";
import type { LoadedFramework } from "../src/load/registry.js";
import { PeopleImportService } from "../src/services/people-import.js";
import type { Store } from "../src/store/store.js";
import type { AssessmentKind, Person } from "../src/store/types.js";
import { pickOptions } from "../src/web/components/assessment-form.js";

export interface LoadUser {
  person: Person;
  /** The session cookie's value. */
  token: string;
  /** Whether they have reports (their team page and "what is due" list them). */
  manages: boolean;
}

export interface LoadOrg {
  people: number;
  assessments: number;
  users: LoadUser[];
}

const DIRECTORS = 5;
const MANAGERS_PER_DIRECTOR = 8;
const TEAM = 20;
const BIG_TEAM = 50;
/** Sessions last the whole run, however long. */
const SESSION = { idleMs: 24 * 3_600_000, absoluteMs: 7 * 24 * 3_600_000 };

function value<T>(outcome: { ok: true; value: T } | { ok: false; problems: unknown }): T {
  if (!outcome.ok) throw new Error(`seeding failed: ${JSON.stringify(outcome.problems)}`);
  return outcome.value;
}

/** Runs `work` over `items`, `parallel` at a time (PostgreSQL's pool has room; SQLite serializes anyway). */
async function inBatches<T>(items: T[], parallel: number, work: (item: T, i: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += parallel) {
    await Promise.all(items.slice(i, i + parallel).map((item, j) => work(item, i + j)));
  }
}

export async function seedOrg(store: Store, fw: LoadedFramework, usersWanted: number): Promise<LoadOrg> {
  const index = fw.index as FrameworkIndex;
  const snapshot = snapshotOf(index, fw.version);
  await store.snapshots.save(snapshot);

  const ceo = value(
    await store.people.create({
      name: "Casey Chief",
      email: "ceo@load.example",
      admin: true,
      framework: fw.id,
      level: "manager",
    }),
  );
  const rows: PeopleCsvRow[] = [];
  const add = (name: string, email: string, manager: string, level: string) =>
    rows.push({ line: rows.length + 2, name, email, managerEmail: manager, framework: fw.id, level });
  for (let d = 0; d < DIRECTORS; d++) {
    const director = `director${d}@load.example`;
    add(`Director ${d}`, director, ceo.email, "manager");
    for (let m = 0; m < MANAGERS_PER_DIRECTOR; m++) {
      const manager = `manager${d}-${m}@load.example`;
      add(`Manager ${d}-${m}`, manager, director, "manager");
      for (let p = 0; p < TEAM; p++)
        add(`Person ${d}-${m}-${p}`, `person${d}-${m}-${p}@load.example`, manager, "mid");
    }
  }
  add("Bea Bigteam", "bigteam@load.example", ceo.email, "manager");
  for (let p = 0; p < BIG_TEAM; p++)
    add(`Report ${p}`, `report${p}@load.example`, "bigteam@load.example", "mid");
  const importer = new PeopleImportService({
    people: store.people,
    frameworks: () => new Map([[fw.id, index]]),
  });
  const imported = await importer.run({
    file: "load-org",
    rows,
    problems: [],
    columns: [...PEOPLE_CSV_COLUMNS],
    fieldOf: {},
    ignored: [],
  });
  if (!imported.ok) throw new Error(`seeding failed: ${JSON.stringify(imported.problems.slice(0, 3))}`);

  const everyone = (await store.team.activePeople()).filter((p) => p.id !== ceo.id);
  const competencies = [...index.competencies.keys()];
  const write = async (
    person: Person,
    kind: AssessmentKind,
    authorId: string,
    submit: boolean,
    shift: number,
  ) => {
    const draft = value(
      await store.assessments.startDraft({
        personId: person.id,
        authorId,
        kind,
        cycleId: null,
        framework: fw.id,
        frameworkVersion: snapshot.version,
        level: person.level,
      }),
    );
    const picks = competencies.map((competency) => {
      const options = pickOptions(index, competency);
      const level = options[Math.min(options.length - 1, shift)]?.level ?? null;
      return { competency, level, evidence: `Evidence for ${competency}: shipped, reviewed, mentored.` };
    });
    const saved = value(await store.assessments.saveDraft(draft.id, draft.version, { picks }));
    if (submit) value(await store.assessments.submit(saved.id, saved.version));
  };
  let assessments = 0;
  await inBatches(everyone, store.database.dialect === "postgres" ? 8 : 1, async (person, i) => {
    // nine in ten have submitted their self-assessment, the rest have a draft
    await write(person, "self", person.id, i % 10 !== 0, i % 3);
    assessments++;
    if (person.managerId && i % 3 !== 2) {
      // two in three have their manager's assessment: submitted, or every fourth still a draft
      await write(person, "manager", person.managerId, i % 4 !== 0, (i + 1) % 3);
      assessments++;
    }
  });

  // the users the load signs in as: every manager first (their pages do the most), then people with none
  const managerIds = new Set(everyone.map((p) => p.managerId));
  const ordered = [ceo, ...everyone].sort(
    (a, b) => Number(managerIds.has(b.id)) - Number(managerIds.has(a.id)),
  );
  const users: LoadUser[] = [];
  for (const person of ordered.slice(0, usersWanted)) {
    const { token } = await store.sessions.create(person.id, { userAgent: "bench/load" }, SESSION);
    users.push({ person, token, manages: managerIds.has(person.id) });
  }
  return { people: everyone.length + 1, assessments, users };
}
