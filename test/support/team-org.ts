/**
 * The organization the team views' tests share (src/web/features/team/*.test.ts): its people, frameworks,
 * cycles and assessments, drawn below, and readers of what the views answer.
 */
import { expect } from "vitest";
import type { CalibrationRow } from "../../src/core/assessment.js";
import type { AssessmentKind, Cycle, Person } from "../../src/store/types.js";
import { addPerson, authApp, type signedIn } from "./auth.js";
import type { DatabaseContext } from "./databases.js";

/** The competencies of examples/engineering that have an expectation at "senior" (Pete's next level). */
const SENIOR_COMPETENCIES = [
  "code-quality",
  "testing-reliability",
  "system-design",
  "problem-framing",
  "customer-insight",
  "decision-making",
  "planning",
  "execution",
  "ownership",
  "communication",
  "cross-functional",
  "feedback",
  "mentoring",
  "hiring",
  "technical-direction",
  "business-impact",
  "influence",
];

export interface TeamJson {
  scope: string;
  cycle: { id: string; name: string } | null;
  due: { id: string; name: string } | null;
  people: number;
  frameworks: {
    id: string;
    competencies: { id: string; name: string }[];
    people: {
      id: string;
      name: string;
      level: string | null;
      assessment: { kind: AssessmentKind; cycleId: string | null } | null;
      deltas: (number | null)[];
      picks: (string | null)[];
      meetsNext: boolean;
    }[];
    distribution: { competency: string; counts: Record<string, number> }[];
  }[];
  meetsNext: { id: string; name: string; next: string }[];
  unassessed: { id: string; name: string }[];
  withoutFramework: { id: string; name: string }[];
  calibration?: (CalibrationRow & { tooFew: boolean })[];
}
/**
 * Gus ── Mia ─┬─ Pat (engineering, senior) ── Quinn (engineering, junior; a name that is a formula)
 *             ├─ Pete (engineering, mid)
 *             ├─ Lin (product-matrix, l3)
 *             └─ Sam (no framework)
 * Uma ── Ursula (engineering, senior)
 * Ada (admin)
 *
 * Cycle 1 (closed): Pat self; Lin self. Cycle 2 (open): Pat self, manager (Mia), agreed; Pete self,
 * manager (Mia); Ursula self, manager (Uma).
 */
export async function teamOrg(ctx: DatabaseContext) {
  const made = await authApp(ctx);
  const { store, clock } = made;
  const gus = await addPerson(store, { name: "Gus Director", email: "gus@example.com" });
  const mia = await addPerson(store, {
    name: "Mia Manager",
    email: "mia@example.com",
    managerId: gus.id,
    framework: "engineering",
    level: "manager",
  });
  const eng = (level: string) => ({ framework: "engineering", track: "trunk", level });
  const pat = await addPerson(store, {
    name: "Pat Person",
    email: "pat@example.com",
    managerId: mia.id,
    ...eng("senior"),
  });
  const quinn = await addPerson(store, {
    name: '=HYPERLINK("x")',
    email: "quinn@example.com",
    managerId: pat.id,
    ...eng("junior"),
  });
  const pete = await addPerson(store, {
    name: "Pete Peer",
    email: "pete@example.com",
    managerId: mia.id,
    ...eng("mid"),
  });
  const lin = await addPerson(store, {
    name: "Lin Product",
    email: "lin@example.com",
    managerId: mia.id,
    framework: "product-matrix",
    level: "l3",
  });
  const sam = await addPerson(store, { name: "Sam Someone", email: "sam@example.com", managerId: mia.id });
  const uma = await addPerson(store, { name: "Uma Other", email: "uma@example.com" });
  const ursula = await addPerson(store, {
    name: "Ursula Else",
    email: "ursula@example.com",
    managerId: uma.id,
    ...eng("senior"),
  });
  const ada = await addPerson(store, { name: "Ada Admin", email: "ada@example.com", admin: true });

  const assess = async (
    person: Person,
    author: Person,
    kind: AssessmentKind,
    cycle: Cycle,
    picks: Record<string, string>,
  ) => {
    clock.advance(60_000);
    const draft = await store.assessments.startDraft({
      personId: person.id,
      authorId: author.id,
      kind,
      cycleId: cycle.id,
      framework: person.framework ?? "",
      frameworkVersion: "test",
      level: person.level,
    });
    if (!draft.ok) throw new Error(JSON.stringify(draft.problems));
    const saved = await store.assessments.saveDraft(draft.value.id, draft.value.version, {
      picks: Object.entries(picks).map(([competency, level]) => ({ competency, level })),
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    const submitted = await store.assessments.submit(saved.value.id, saved.value.version);
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.problems));
    return submitted.value;
  };
  const cycle = async (name: string, startsOn: string, endsOn: string) => {
    const made = await store.cycles.create({ name, startsOn, endsOn });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    return made.value;
  };

  const c1 = await cycle("Autumn 2029", "2029-09-01", "2029-10-31");
  await assess(pat, pat, "self", c1, { "code-quality": "intern" });
  await assess(lin, lin, "self", c1, { writing: "l4", scoping: "l1" });
  const closed = await store.cycles.close(c1.id);
  if (!closed.ok) throw new Error("could not close");
  const c2 = await cycle("Spring 2030", "2030-01-01", "2030-02-28");
  // Pat (senior, rank 3): three assessments; the agreed one is of record
  await assess(pat, pat, "self", c2, {
    "code-quality": "lead",
    "testing-reliability": "mid",
    "system-design": "senior",
    planning: "principal",
    execution: "junior",
  });
  await assess(pat, mia, "manager", c2, {
    "code-quality": "senior",
    "testing-reliability": "senior",
    "system-design": "lead",
    planning: "staff",
    execution: "mid",
  });
  await assess(pat, mia, "agreed", c2, {
    "code-quality": "lead",
    "testing-reliability": "senior",
    "system-design": "senior",
    planning: "staff",
    execution: "intern",
    // a pick on the management track, compared by rank (manager = 5)
    communication: "manager",
  });
  // Pete (mid, rank 2): his own picks at his level, his manager's a level up everywhere senior expects
  await assess(pete, pete, "self", c2, Object.fromEntries(SENIOR_COMPETENCIES.map((c) => [c, "mid"])));
  await assess(pete, mia, "manager", c2, Object.fromEntries(SENIOR_COMPETENCIES.map((c) => [c, "senior"])));
  await assess(ursula, ursula, "self", c2, { "code-quality": "senior", planning: "lead" });
  await assess(ursula, uma, "manager", c2, { "code-quality": "mid", planning: "senior" });
  return { ...made, gus, mia, pat, quinn, pete, lin, sam, uma, ursula, ada, c1, c2 };
}

export async function teamJson(browser: Awaited<ReturnType<typeof signedIn>>, path = "/api/team") {
  const answer = await browser.get(path);
  expect(answer.status, answer.body.slice(0, 300)).toBe(200);
  expect(answer.headers.get("cache-control")).toBe("private, no-store");
  return JSON.parse(answer.body) as TeamJson;
}

/** The competency cells of a person's heatmap row: [class, text] each. */
export function rowCells(body: string, personId: string): [string, string][] {
  const row = new RegExp(`<tr id="row-${personId}">(.*?)</tr>`).exec(body)?.[1];
  if (row === undefined) throw new Error(`no heatmap row for ${personId}`);
  return [...row.matchAll(/<td data-label="[^"]*" class="(d-?\d|dn)">([^<]*)<\/td>/g)].map((m) => [
    m[1] ?? "",
    m[2] ?? "",
  ]);
}
