/*
 * The authorization matrix: every route that touches people's data × everyone who might ask, with the
 * status each must get. One row per route; add a row with every new route (people pages, assessments…).
 *
 * The org, about "the person" (Pat):
 *
 *   Gus (their manager's manager) ── Mia (their manager) ─┬─ Pat (the person)
 *                                                          └─ Pete (a peer)
 *   Uma (an unrelated manager) ── Ursula
 *   Ada (admin)
 *
 * Each request is made by a signed-in browser of that person (or an anonymous one that has opened the
 * sign-in page, so it holds a CSRF token: this matrix is about who may, not about forged requests).
 */
import { expect, it } from "vitest";
import { authApp, signedIn, TestBrowser } from "../../../test/support/auth.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import type { Store } from "../../store/store.js";
import type { Person } from "../../store/types.js";
import { hashPassword } from "./passwords.js";

const WHO = [
  "anonymous",
  "the person",
  "a peer",
  "their manager",
  "their manager's manager",
  "an unrelated manager",
  "admin",
] as const;
type Who = (typeof WHO)[number];

const EMAIL: Record<Exclude<Who, "anonymous">, string> = {
  "the person": "pat@example.com",
  "a peer": "pete@example.com",
  "their manager": "mia@example.com",
  "their manager's manager": "gus@example.com",
  "an unrelated manager": "uma@example.com",
  admin: "ada@example.com",
};

export interface Org {
  store: Store;
  /** The person the data is about. */
  person: Person;
  byWho: Record<Exclude<Who, "anonymous">, Person>;
}

interface Request {
  method: "GET" | "POST" | "DELETE" | "PUT";
  path: string;
  fields?: Record<string, string>;
  /** For PUT: the JSON body. */
  json?: unknown;
}

interface Row {
  route: string;
  /** The request to make; called once per asker, so it may create what the request consumes. */
  request(org: Org): Promise<Request> | Request;
  expect: Record<Who, number>;
}

/** Everyone gets their own page, and anonymous visitors are sent to sign in. */
const own = (anonymous: number, signedIn: number): Record<Who, number> => ({
  anonymous,
  "the person": signedIn,
  "a peer": signedIn,
  "their manager": signedIn,
  "their manager's manager": signedIn,
  "an unrelated manager": signedIn,
  admin: signedIn,
});

/** Admin only: everyone else signed in is refused openly (403). */
const adminOnly = (anonymous: number, admin: number): Record<Who, number> => ({
  anonymous,
  "the person": 403,
  "a peer": 403,
  "their manager": 403,
  "their manager's manager": 403,
  "an unrelated manager": 403,
  admin,
});

/** The person's data: themselves, anyone up their chain and admins; everyone else is told "not found". */
const readable = (anonymous: number): Record<Who, number> => ({
  anonymous,
  "the person": 200,
  "a peer": 404,
  "their manager": 200,
  "their manager's manager": 200,
  "an unrelated manager": 404,
  admin: 200,
});

/** A session of the person's, made fresh for each asker. */
async function personSession(org: Org): Promise<string> {
  const { session } = await org.store.sessions.create(
    org.person.id,
    {},
    { idleMs: 3_600_000, absoluteMs: 86_400_000 },
  );
  return session.id;
}

/** A submitted self-assessment of the person's, made fresh for each asker: one competency two levels short. */
async function submittedAssessment(org: Org): Promise<string> {
  const { assessments } = org.store;
  const started = await assessments.startDraft({
    personId: org.person.id,
    authorId: org.person.id,
    kind: "self",
    cycleId: null,
    framework: "engineering",
    frameworkVersion: "matrix",
    level: "mid",
  });
  if (!started.ok) throw new Error(JSON.stringify(started.problems));
  const saved = await assessments.saveDraft(started.value.id, started.value.version, {
    picks: [{ competency: "code-quality", level: "junior" }],
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  const submitted = await assessments.submit(saved.value.id, saved.value.version);
  if (!submitted.ok) throw new Error(JSON.stringify(submitted.problems));
  return submitted.value.id;
}

/** Only the person writes it; their managers are refused openly, everyone else told "not found". */
const selfOnly = (anonymous: number, self: number): Record<Who, number> => ({
  anonymous,
  "the person": self,
  "a peer": 404,
  "their manager": 403,
  "their manager's manager": 403,
  "an unrelated manager": 404,
  admin: 403,
});

/** Only their managers (up the chain) write it. */
const managersOnly = (anonymous: number, manager: number): Record<Who, number> => ({
  anonymous,
  "the person": 403,
  "a peer": 404,
  "their manager": manager,
  "their manager's manager": manager,
  "an unrelated manager": 404,
  admin: 403,
});

const ASSESSMENT_ROUTES: Row[] = [
  {
    route: "GET /assessments/",
    request: () => ({ method: "GET", path: "/assessments/" }),
    expect: own(302, 200),
  },
  {
    route: "GET /people/:id/assessments/self/",
    request: (org) => ({ method: "GET", path: `/people/${org.person.id}/assessments/self/` }),
    expect: selfOnly(302, 200),
  },
  {
    route: "POST /people/:id/assessments/self/ (save a draft)",
    request: (org) => ({
      method: "POST",
      path: `/people/${org.person.id}/assessments/self/`,
      fields: { version: "0", action: "save", "pick.code-quality": "mid" },
    }),
    expect: selfOnly(303, 303),
  },
  {
    route: "PUT /api/people/:id/assessments/self/draft",
    request: (org) => ({
      method: "PUT",
      path: `/api/people/${org.person.id}/assessments/self/draft`,
      json: { version: 0, picks: [{ competency: "code-quality", level: "mid" }] },
    }),
    expect: selfOnly(401, 200),
  },
  {
    route: "GET /people/:id/assessments/manager/",
    request: (org) => ({ method: "GET", path: `/people/${org.person.id}/assessments/manager/` }),
    expect: managersOnly(302, 200),
  },
  {
    route: "PUT /api/people/:id/assessments/manager/draft",
    request: (org) => ({
      method: "PUT",
      path: `/api/people/${org.person.id}/assessments/manager/draft`,
      json: { version: 0, picks: [] },
    }),
    expect: managersOnly(401, 200),
  },
  {
    route: "GET /people/:id/review/",
    request: (org) => ({ method: "GET", path: `/people/${org.person.id}/review/` }),
    expect: readable(302),
  },
  {
    route: "POST /people/:id/review/ (nothing to agree yet)",
    request: (org) => ({
      method: "POST",
      path: `/people/${org.person.id}/review/`,
      fields: { version: "0" },
    }),
    expect: managersOnly(303, 409),
  },
  {
    route: "GET /assessments/:id/ (a submitted self-assessment)",
    request: async (org) => ({ method: "GET", path: `/assessments/${await submittedAssessment(org)}/` }),
    expect: readable(302),
  },
  {
    route: "GET /api/assessments/:id",
    request: async (org) => ({ method: "GET", path: `/api/assessments/${await submittedAssessment(org)}` }),
    expect: readable(401),
  },
  {
    route: "GET /api/people/:id/assessments",
    request: (org) => ({ method: "GET", path: `/api/people/${org.person.id}/assessments` }),
    expect: readable(401),
  },
  {
    route: "GET /people/:id/profile/",
    request: (org) => ({ method: "GET", path: `/people/${org.person.id}/profile/` }),
    expect: readable(302),
  },
  {
    route: "GET /api/people/:id/profile",
    request: (org) => ({ method: "GET", path: `/api/people/${org.person.id}/profile?target=manager` }),
    expect: readable(401),
  },
  {
    route: "GET /people/:id/history/",
    request: (org) => ({ method: "GET", path: `/people/${org.person.id}/history/` }),
    expect: readable(302),
  },
  {
    route: "POST /people/:id/goals/ (keep a suggested goal)",
    request: async (org) => ({
      method: "POST",
      path: `/people/${org.person.id}/goals/`,
      fields: { assessment: await submittedAssessment(org), target: "senior", goal: "smart-1" },
    }),
    expect: selfOnly(303, 303),
  },
  {
    route: "POST /people/:id/goals/:goal/status",
    request: async (org) => {
      const goal = await org.store.goals.save(org.person.id, org.person.id, {
        framework: "engineering",
        text: `A goal ${Math.random()}`,
        sources: [{ kind: "level-name", level: "senior" }],
      });
      if (!goal.ok) throw new Error(JSON.stringify(goal.problems));
      return {
        method: "POST",
        path: `/people/${org.person.id}/goals/${goal.value.id}/status`,
        fields: { status: "done" },
      };
    },
    expect: selfOnly(303, 303),
  },
];

/** An open cycle, made fresh for each asker (for the close row). */
async function openCycle(org: Org): Promise<string> {
  const made = await org.store.cycles.create({
    name: "Matrix",
    startsOn: "2030-01-01",
    endsOn: "2030-01-31",
  });
  if (!made.ok) throw new Error(JSON.stringify(made.problems));
  return made.value.id;
}

/**
 * Team views: everyone signed in gets their own team (their subtree; none is a friendly page, not an
 * error), so the status does not depend on the asker; who appears in it is tested in routes/team.test.ts.
 * The organization view and cycles are admin only.
 */
const TEAM_ROUTES: Row[] = [
  { route: "GET /team/", request: () => ({ method: "GET", path: "/team/" }), expect: own(302, 200) },
  {
    route: "GET /team/export.csv",
    request: () => ({ method: "GET", path: "/team/export.csv" }),
    expect: own(302, 200),
  },
  { route: "GET /api/team", request: () => ({ method: "GET", path: "/api/team" }), expect: own(401, 200) },
  {
    route: "GET /admin/team/",
    request: () => ({ method: "GET", path: "/admin/team/" }),
    expect: adminOnly(302, 200),
  },
  {
    route: "GET /admin/team/export.csv",
    request: () => ({ method: "GET", path: "/admin/team/export.csv" }),
    expect: adminOnly(302, 200),
  },
  {
    route: "GET /api/admin/team",
    request: () => ({ method: "GET", path: "/api/admin/team" }),
    expect: adminOnly(401, 200),
  },
  {
    route: "GET /admin/cycles/",
    request: () => ({ method: "GET", path: "/admin/cycles/" }),
    expect: adminOnly(302, 200),
  },
  {
    route: "POST /admin/cycles/ (no name: refused by the form)",
    request: () => ({
      method: "POST",
      path: "/admin/cycles/",
      fields: { name: "", startsOn: "", endsOn: "" },
    }),
    expect: adminOnly(303, 422),
  },
  {
    route: "POST /admin/cycles/:id/close (stale version)",
    request: async (org) => ({
      method: "POST",
      path: `/admin/cycles/${await openCycle(org)}/close`,
      fields: { version: "0" },
    }),
    expect: adminOnly(303, 409),
  },
  {
    route: "POST /admin/cycles/:id/close",
    request: async (org) => ({
      method: "POST",
      path: `/admin/cycles/${await openCycle(org)}/close`,
      fields: { version: "1" },
    }),
    expect: adminOnly(303, 303),
  },
];

const ROUTES: Row[] = [
  ...ASSESSMENT_ROUTES,
  ...TEAM_ROUTES,
  { route: "GET /account/", request: () => ({ method: "GET", path: "/account/" }), expect: own(302, 200) },
  {
    route: "GET /api/account",
    request: () => ({ method: "GET", path: "/api/account" }),
    expect: own(401, 200),
  },
  {
    route: "POST /account/password (wrong current password)",
    request: () => ({
      method: "POST",
      path: "/account/password",
      fields: {
        current: "not the password",
        password: "some new long passphrase",
        confirm: "some new long passphrase",
      },
    }),
    expect: own(303, 422),
  },
  {
    route: "POST /account/sessions/:id/revoke (a session of the person's)",
    request: async (org) => ({
      method: "POST",
      path: `/account/sessions/${await personSession(org)}/revoke`,
    }),
    expect: {
      anonymous: 303,
      "the person": 303,
      "a peer": 404,
      "their manager": 404,
      "their manager's manager": 404,
      "an unrelated manager": 404,
      admin: 404,
    },
  },
  {
    route: "DELETE /api/account/sessions/:id (a session of the person's)",
    request: async (org) => ({ method: "DELETE", path: `/api/account/sessions/${await personSession(org)}` }),
    expect: {
      anonymous: 401,
      "the person": 200,
      "a peer": 404,
      "their manager": 404,
      "their manager's manager": 404,
      "an unrelated manager": 404,
      admin: 404,
    },
  },
  {
    route: "GET /admin/people/:id/reset-link",
    request: (org) => ({ method: "GET", path: `/admin/people/${org.person.id}/reset-link` }),
    expect: {
      anonymous: 302,
      "the person": 403,
      "a peer": 403,
      "their manager": 403,
      "their manager's manager": 403,
      "an unrelated manager": 403,
      admin: 200,
    },
  },
  {
    route: "POST /admin/people/:id/reset-link",
    request: (org) => ({ method: "POST", path: `/admin/people/${org.person.id}/reset-link` }),
    expect: {
      anonymous: 303,
      "the person": 403,
      "a peer": 403,
      "their manager": 403,
      "their manager's manager": 403,
      "an unrelated manager": 403,
      admin: 200,
    },
  },
  {
    route: "GET /people/",
    request: () => ({ method: "GET", path: "/people/?q=pat" }),
    expect: own(302, 200),
  },
  {
    route: "GET /people/:id/",
    request: (org) => ({ method: "GET", path: `/people/${org.person.id}/` }),
    expect: readable(302),
  },
  {
    route: "GET /api/people",
    request: () => ({ method: "GET", path: "/api/people?q=pat" }),
    expect: own(401, 200),
  },
  {
    route: "GET /api/people/:id",
    request: (org) => ({ method: "GET", path: `/api/people/${org.person.id}` }),
    expect: readable(401),
  },
  {
    route: "GET /account/export.json",
    request: () => ({ method: "GET", path: "/account/export.json" }),
    expect: own(302, 200),
  },
  {
    route: "GET /admin/people/",
    request: () => ({ method: "GET", path: "/admin/people/" }),
    expect: adminOnly(302, 200),
  },
  {
    route: "POST /admin/people/ (no name: refused by the form)",
    request: () => ({ method: "POST", path: "/admin/people/", fields: { name: "", email: "" } }),
    expect: adminOnly(303, 422),
  },
  {
    route: "GET /admin/people/:id/",
    request: (org) => ({ method: "GET", path: `/admin/people/${org.person.id}/` }),
    expect: adminOnly(302, 200),
  },
  {
    route: "POST /admin/people/:id/ (stale version)",
    request: (org) => ({
      method: "POST",
      path: `/admin/people/${org.person.id}/`,
      fields: { version: "-1", name: "Changed", email: "changed@example.com" },
    }),
    expect: adminOnly(303, 409),
  },
  {
    route: "POST /admin/people/:id/manager (a cycle)",
    request: (org) => ({
      method: "POST",
      path: `/admin/people/${org.person.id}/manager`,
      fields: { manager: EMAIL["the person"] },
    }),
    expect: adminOnly(303, 409),
  },
  {
    route: "POST /admin/people/:id/deactivate",
    request: (org) => ({ method: "POST", path: `/admin/people/${org.person.id}/deactivate` }),
    expect: adminOnly(303, 303),
  },
  {
    route: "POST /admin/people/:id/reactivate",
    request: (org) => ({ method: "POST", path: `/admin/people/${org.person.id}/reactivate` }),
    expect: adminOnly(303, 303),
  },
  {
    route: "GET /admin/import/",
    request: () => ({ method: "GET", path: "/admin/import/" }),
    expect: adminOnly(302, 200),
  },
  {
    route: "POST /admin/import/ (preview)",
    request: () => ({
      method: "POST",
      path: "/admin/import/",
      fields: { csv: "name,email\nNew,new@example.com\n" },
    }),
    expect: adminOnly(303, 200),
  },
  {
    route: "POST /admin/import/confirm (empty)",
    request: () => ({ method: "POST", path: "/admin/import/confirm", fields: { csv: "" } }),
    expect: adminOnly(303, 422),
  },
  {
    route: "GET /admin/settings/",
    request: () => ({ method: "GET", path: "/admin/settings/" }),
    expect: adminOnly(302, 200),
  },
  {
    route: "POST /admin/settings/",
    request: () => ({ method: "POST", path: "/admin/settings/", fields: { organization: "Acme" } }),
    expect: adminOnly(303, 303),
  },
];

const PASSWORD = "the matrix passphrase";
let passwordHash: Promise<string> | undefined;

async function buildOrg(store: Store): Promise<Org> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const add = async (name: string, email: string, managerId: string | null = null, admin = false) => {
    // the person is placed in a framework, so their assessments can be written
    const placed = email === EMAIL["the person"] ? { framework: "engineering", level: "mid" } : {};
    const created = await store.people.create({
      name,
      email,
      managerId,
      admin,
      passwordHash: hash,
      ...placed,
    });
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    return created.value;
  };
  const gus = await add("Gus", EMAIL["their manager's manager"]);
  const mia = await add("Mia", EMAIL["their manager"], gus.id);
  const pat = await add("Pat", EMAIL["the person"], mia.id);
  const pete = await add("Pete", EMAIL["a peer"], mia.id);
  const uma = await add("Uma", EMAIL["an unrelated manager"]);
  await add("Ursula", "ursula@example.com", uma.id);
  const ada = await add("Ada", EMAIL.admin, null, true);
  return {
    store,
    person: pat,
    byWho: {
      "the person": pat,
      "a peer": pete,
      "their manager": mia,
      "their manager's manager": gus,
      "an unrelated manager": uma,
      admin: ada,
    },
  };
}

describeEachDatabase("authorization matrix", (ctx) => {
  for (const row of ROUTES) {
    it(row.route, async () => {
      const { app, store } = await authApp(ctx);
      const org = await buildOrg(store);
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const browser =
          who === "anonymous" ? new TestBrowser(app) : await signedIn(app, EMAIL[who], PASSWORD);
        if (who === "anonymous") await browser.get("/sign-in");
        const request = await row.request(org);
        const answer =
          request.method === "GET"
            ? await browser.get(request.path)
            : request.method === "POST"
              ? await browser.post(request.path, request.fields ?? {})
              : await browser.request(request.method, request.path, {
                  headers: {
                    Origin: "http://localhost",
                    "X-CSRF-Token": browser.csrf ?? "",
                    ...(request.json !== undefined ? { "Content-Type": "application/json" } : {}),
                  },
                  ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
                });
        got[who] = answer.status;
        // a refusal names nobody: not the person the request was about, not even that they exist (the
        // header shows the asker's own name, so only the page's content is looked at)
        if (answer.status === 403 || answer.status === 404) {
          const content = answer.body.replace(/^[\s\S]*<main id="main">|<\/main>[\s\S]*$/g, "");
          expect(content, `${row.route} as ${who}`).not.toContain("Pat");
          expect(content, `${row.route} as ${who}`).not.toContain(EMAIL["the person"]);
        }
      }
      expect(got).toEqual(row.expect);
    });
  }
});
