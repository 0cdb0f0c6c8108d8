/**
 * The organization the authorization matrix asks about, as it stands at the start of every (route, variant)
 * test, and a browser for each kind of asker. Sessions are made directly in the store (a session's token in
 * the cookie, its CSRF token derived the way the app does), so the matrix does not pay for hundreds of
 * password checks: sign-in itself is tested elsewhere.
 *
 * The organization of each variant is built through the store once per suite and copied aside inside the
 * database (OrgCopies); every test then starts from that copy, put back by the database itself in one
 * statement per table. Building it anew cost some fifty writes, each its own commit: on PostgreSQL most of
 * the matrix's time.
 *
 *   Gus (their manager's manager) ── Mia (their manager) ─┬─ Pat (the person)
 *                                                          └─ Pete (a peer)
 *   Uma (an unrelated manager) ── Ursula
 *   Ada (admin)
 *
 * Pat has a self-assessment (written by Pat), a manager assessment (by Mia) and an agreed assessment (by
 * Gus): all three drafts in the "draft" variant, all submitted in the "submitted" one. Each carries a
 * marker in its evidence, so a test can tell whether any of it reached a response.
 */
import { sql } from "kysely";
import type { Database } from "../../src/store/db.js";
import type { Store } from "../../src/store/store.js";
import type { Assessment, AssessmentKind, Person } from "../../src/store/types.js";
import { csrfTokenFor, SESSION_COOKIE } from "../../src/web/auth/session.js";
import type { App } from "../../src/web/context.js";
import { type Answer, TestBrowser } from "./auth.js";
import { tablesInDeleteOrder } from "./databases.js";

export const WHO = [
  "anonymous",
  "the person",
  "a peer",
  "their manager",
  "their manager's manager",
  "an unrelated manager",
  "admin",
] as const;
export type Who = (typeof WHO)[number];
export type SignedIn = Exclude<Who, "anonymous">;

export const VARIANTS = ["draft", "submitted"] as const;
export type Variant = (typeof VARIANTS)[number];

export const EMAIL: Record<SignedIn, string> = {
  "the person": "pat@example.com",
  "a peer": "pete@example.com",
  "their manager": "mia@example.com",
  "their manager's manager": "gus@example.com",
  "an unrelated manager": "uma@example.com",
  admin: "ada@example.com",
};

/** Who writes each of Pat's assessments. */
export const AUTHOR: Record<AssessmentKind, SignedIn> = {
  self: "the person",
  manager: "their manager",
  agreed: "their manager's manager",
};

/** Who may read Pat's submitted assessments (and Pat's record): Pat, everyone up the chain, admins. */
export const READERS: readonly Who[] = ["the person", "their manager", "their manager's manager", "admin"];

export interface Org {
  store: Store;
  variant: Variant;
  /** The person the data is about (Pat). */
  person: Person;
  byWho: Record<SignedIn, Person>;
  /** Pat's three assessments, drafts or submitted as the variant says. */
  assessments: Record<AssessmentKind, Assessment>;
  /** The session token of each signed-in asker. */
  tokens: Record<SignedIn, string>;
}

/** The text only the readers of one assessment may ever see. */
export function marker(kind: AssessmentKind): string {
  return `evidence-only-for-readers-of-the-${kind}-assessment`;
}

/** Who may see an assessment of Pat's in this variant: its author alone while it is a draft. */
export function mayRead(who: Who, kind: AssessmentKind, variant: Variant): boolean {
  return variant === "draft" ? who === AUTHOR[kind] : READERS.includes(who);
}

function value<T>(outcome: { ok: true; value: T } | { ok: false; problems: unknown }): T {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.value;
}

export async function buildOrg(store: Store, variant: Variant): Promise<Org> {
  const add = async (name: string, email: string, managerId: string | null = null, admin = false) => {
    // the person is placed in a framework, so their assessments can be written
    const placed = email === EMAIL["the person"] ? { framework: "engineering", level: "mid" } : {};
    return value(await store.people.create({ name, email, managerId, admin, ...placed }));
  };
  const gus = await add("Gus", EMAIL["their manager's manager"]);
  const mia = await add("Mia", EMAIL["their manager"], gus.id);
  const pat = await add("Pat", EMAIL["the person"], mia.id);
  const pete = await add("Pete", EMAIL["a peer"], mia.id);
  const uma = await add("Uma", EMAIL["an unrelated manager"]);
  await add("Ursula", "ursula@example.com", uma.id);
  const ada = await add("Ada", EMAIL.admin, null, true);
  const byWho: Record<SignedIn, Person> = {
    "the person": pat,
    "a peer": pete,
    "their manager": mia,
    "their manager's manager": gus,
    "an unrelated manager": uma,
    admin: ada,
  };
  // one competency two levels short in the self-assessment, so its profile suggests goals
  const level: Record<AssessmentKind, string> = { self: "junior", manager: "mid", agreed: "mid" };
  const write = async (kind: AssessmentKind): Promise<Assessment> => {
    const started = value(
      await store.assessments.startDraft({
        personId: pat.id,
        authorId: byWho[AUTHOR[kind]].id,
        kind,
        cycleId: null,
        framework: "engineering",
        frameworkVersion: "matrix",
        level: "mid",
      }),
    );
    const saved = value(
      await store.assessments.saveDraft(started.id, started.version, {
        picks: [{ competency: "code-quality", level: level[kind], evidence: marker(kind) }],
      }),
    );
    return variant === "draft" ? saved : value(await store.assessments.submit(saved.id, saved.version));
  };
  const assessments = {
    self: await write("self"),
    manager: await write("manager"),
    agreed: await write("agreed"),
  };
  const tokens = {} as Record<SignedIn, string>;
  for (const [who, person] of Object.entries(byWho) as [SignedIn, Person][])
    tokens[who] = (await store.sessions.create(person.id, {}, SESSION_POLICY)).token;
  return { store, variant, person: pat, byWho, assessments, tokens };
}

const SESSION_POLICY = { idleMs: 3_600_000, absoluteMs: 86_400_000 };

/**
 * Each variant's organization for a suite whose database is emptied before every test: built by `buildOrg`
 * the first time it is asked for, copied into tables of its own beside the app's (`matrix_<variant>_<table>`,
 * never emptied), and put back from them every time after. Same rows, same ids, same session tokens in
 * every test; what a test changes is gone by the next.
 */
export class OrgCopies {
  private readonly built = new Map<Variant, Org>();
  /** The app's tables, parents first (so a row's references are back before it). */
  private tables?: Promise<string[]>;

  constructor(private readonly database: () => Database) {}

  async of(store: Store, variant: Variant): Promise<Org> {
    const database = this.database();
    this.tables ??= tablesInDeleteOrder(database).then((order) => order.reverse());
    const tables = await this.tables;
    const copy = (table: string) => `"matrix_${variant}_${table}"`;
    const org = this.built.get(variant);
    if (org) {
      await run(
        database,
        tables.map((table) => `insert into "${table}" select * from ${copy(table)}`),
      );
      return org;
    }
    const made = await buildOrg(store, variant);
    await run(
      database,
      tables.map((table) => `create table ${copy(table)} as select * from "${table}"`),
    );
    this.built.set(variant, made);
    return made;
  }
}

/** `statements` in order: on PostgreSQL in one round trip (one transaction), on SQLite (in process) one by one. */
async function run(database: Database, statements: string[]): Promise<void> {
  if (database.dialect === "postgres") await sql.raw(statements.join(";\n")).execute(database.db);
  else for (const statement of statements) await sql.raw(statement).execute(database.db);
}

/**
 * A browser of `who`: signed in through a session made in the store, or anonymous with the pre-session
 * CSRF cookie of the sign-in page (the matrix is about who may, not about forged requests).
 */
export async function browserOf(app: App, org: Org, who: Who): Promise<TestBrowser> {
  const browser = new TestBrowser(app);
  if (who === "anonymous") {
    await browser.get("/sign-in");
    return browser;
  }
  const token = org.tokens[who];
  browser.cookies.set(SESSION_COOKIE, token);
  browser.csrf = csrfTokenFor(token);
  return browser;
}

/** One request as the matrix describes it. */
export interface MatrixRequest {
  method: string;
  path: string;
  /** A form body (POST). */
  fields?: Record<string, string> | undefined;
  /** A JSON body (PUT). */
  json?: unknown;
}

export function send(browser: TestBrowser, request: MatrixRequest): Promise<Answer> {
  if (request.method === "GET") return browser.get(request.path);
  if (request.method === "POST") return browser.post(request.path, request.fields ?? {});
  return browser.request(request.method, request.path, {
    headers: {
      Origin: "http://localhost",
      "X-CSRF-Token": browser.csrf ?? "",
      ...(request.json !== undefined ? { "Content-Type": "application/json" } : {}),
    },
    ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
  });
}

/** A route pattern (`/people/:id/`, `/assets/:file{[a-z]+}`) with its parameters filled in. */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, (_, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined)
      throw new Error(`no fixture for :${name} in ${pattern}: give it in the matrix row`);
    return encodeURIComponent(value);
  });
}
