/*
 * The authorization matrix: every route the app registers (read from the Hono app itself, so a new route
 * fails here until it is placed) × everyone who might ask × Pat's assessments as drafts and as submitted,
 * with the status each must get. The org and its fixtures are in test/support/matrix-org.ts.
 *
 * Besides the status, every answer is searched for the evidence of each of Pat's assessments: it may only
 * reach those the policy lets read it (a draft: its author alone). And a refusal (403, 404) names nobody.
 */
import { describe, expect, it } from "vitest";
import { authApp } from "../../../test/support/auth.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import {
  AUTHOR,
  browserOf,
  EMAIL,
  fillPattern,
  type MatrixRequest,
  marker,
  mayRead,
  type Org,
  OrgCopies,
  send,
  VARIANTS,
  type Variant,
  WHO,
  type Who,
} from "../../../test/support/matrix-org.js";
import { entityUuid } from "../../export/uuid.js";
import { ASSESSMENT_KINDS, type AssessmentKind } from "../../store/types.js";
import type { App } from "../context.js";

type Expect = Record<Who, number>;

interface Case {
  /** Tells the cases of one route apart. */
  label?: string;
  /** Path parameters (called once per asker, so it may create what the request consumes). */
  params?(org: Org): Record<string, string> | Promise<Record<string, string>>;
  query?(org: Org): string;
  /** A form body; `who` is the asker (the same Case is sent by each). */
  fields?(org: Org, who: Who): Record<string, string> | Promise<Record<string, string>>;
  json?(org: Org): unknown;
  expect: Expect | ((variant: Variant) => Expect);
}

/** The same for everyone, anonymous visitors included: public pages and the ways in. */
const everyone = (status: number): Expect => ({
  anonymous: status,
  "the person": status,
  "a peer": status,
  "their manager": status,
  "their manager's manager": status,
  "an unrelated manager": status,
  admin: status,
});

/** Everyone signed in gets their own page; anonymous visitors are sent to sign in. */
const own = (anonymous: number, signedIn: number): Expect => ({ ...everyone(signedIn), anonymous });

/** Admin only: everyone else signed in is refused openly (403). */
const adminOnly = (anonymous: number, admin: number): Expect => ({ ...everyone(403), anonymous, admin });

/** Pat's data: Pat, anyone up the chain and admins; everyone else is told "not found". */
const readable = (anonymous: number, reader = 200): Expect => ({
  anonymous,
  "the person": reader,
  "a peer": 404,
  "their manager": reader,
  "their manager's manager": reader,
  "an unrelated manager": 404,
  admin: reader,
});

/** Only Pat writes it; their managers and admins are refused openly, everyone else told "not found". */
const selfOnly = (anonymous: number, self: number): Expect => ({
  ...readable(anonymous, 403),
  "the person": self,
});

/** Only their managers (up the chain) write it. */
const managersOnly = (anonymous: number, mia: number, gus = mia): Expect => ({
  ...readable(anonymous, 403),
  "their manager": mia,
  "their manager's manager": gus,
});

/** One of Pat's assessments: a draft to its author alone (everyone else: not found), submitted to readers. */
const assessmentOf =
  (kind: AssessmentKind, anonymous: number) =>
  (variant: Variant): Expect =>
    variant === "submitted"
      ? readable(anonymous)
      : { ...readable(anonymous, 404), "the person": 404, [AUTHOR[kind]]: 200 };

const person = (org: Org) => ({ id: org.person.id });
const version = (org: Org, kind: AssessmentKind) =>
  org.variant === "draft" ? org.assessments[kind].version : 0;

/** A session of Pat's, a goal of Pat's, an open cycle: made fresh for each asker. */
const personSession = async (org: Org) =>
  (await org.store.sessions.create(org.person.id, {}, { idleMs: 3_600_000, absoluteMs: 86_400_000 })).session
    .id;
/** An API token of Pat's, made fresh for each asker. */
async function personToken(org: Org): Promise<string> {
  const made = await org.store.apiTokens.create(org.person.id, `script ${Math.random()}`);
  if (!made.ok) throw new Error(made.problem);
  return made.token.id;
}
async function personGoal(org: Org): Promise<string> {
  const goal = await org.store.goals.save(org.person.id, org.person.id, {
    framework: "engineering",
    text: `A goal ${Math.random()}`,
    sources: [{ kind: "level-name", level: "senior" }],
  });
  if (!goal.ok) throw new Error(JSON.stringify(goal.problems));
  return goal.value.id;
}
async function openCycle(org: Org): Promise<string> {
  const made = await org.store.cycles.create({
    name: "Matrix",
    startsOn: "2030-01-01",
    endsOn: "2030-01-31",
  });
  if (!made.ok) throw new Error(JSON.stringify(made.problems));
  return made.value.id;
}

const ASSESSMENTS: Record<string, Case | Case[]> = {
  "GET /assessments/": { expect: own(302, 200) },
  "GET /people/:id/assessments/:kind/": [
    { label: "self", params: (o) => ({ ...person(o), kind: "self" }), expect: selfOnly(302, 200) },
    {
      label: "manager",
      params: (o) => ({ ...person(o), kind: "manager" }),
      // while Mia's draft is open, Gus is told it is hers (and shown nothing of it)
      expect: (v) => managersOnly(302, 200, v === "draft" ? 409 : 200),
    },
  ],
  "POST /people/:id/assessments/:kind/": [
    {
      label: "self: save a draft",
      params: (o) => ({ ...person(o), kind: "self" }),
      fields: (o) => ({ version: String(version(o, "self")), action: "save", "pick.code-quality": "mid" }),
      expect: selfOnly(303, 303),
    },
    {
      label: "manager: save a draft",
      params: (o) => ({ ...person(o), kind: "manager" }),
      fields: (o) => ({ version: String(version(o, "manager")), action: "save", "pick.code-quality": "mid" }),
      // Gus asks after Mia, whose draft (the one there, or the one she just started) is hers alone
      expect: managersOnly(303, 303, 409),
    },
  ],
  "PUT /api/people/:id/assessments/:kind/draft": [
    {
      label: "self",
      params: (o) => ({ ...person(o), kind: "self" }),
      json: (o) => ({ version: version(o, "self"), picks: [{ competency: "code-quality", level: "mid" }] }),
      expect: selfOnly(401, 200),
    },
    {
      label: "manager",
      params: (o) => ({ ...person(o), kind: "manager" }),
      json: (o) => ({ version: version(o, "manager"), picks: [] }),
      expect: managersOnly(401, 200, 409),
    },
  ],
  "GET /assessments/:id/": ASSESSMENT_KINDS.map((kind) => ({
    label: kind,
    params: (o: Org) => ({ id: o.assessments[kind].id }),
    expect: assessmentOf(kind, 302),
  })),
  "GET /api/assessments/:id": ASSESSMENT_KINDS.map((kind) => ({
    label: kind,
    params: (o: Org) => ({ id: o.assessments[kind].id }),
    expect: assessmentOf(kind, 401),
  })),
  "GET /api/people/:id/assessments": { params: person, expect: readable(401) },
  "GET /people/:id/review/": { params: person, expect: readable(302) },
  "POST /people/:id/review/": {
    label: "nothing to agree yet, or already agreed",
    params: person,
    fields: () => ({ version: "0" }),
    expect: managersOnly(303, 409),
  },
  "GET /people/:id/profile/": [
    { params: person, expect: readable(302) },
    {
      label: "of the manager assessment",
      params: person,
      query: (o) => `?assessment=${o.assessments.manager.id}`,
      expect: assessmentOf("manager", 302),
    },
  ],
  "GET /api/people/:id/profile": { params: person, query: () => "?target=manager", expect: readable(401) },
  "GET /people/:id/history/": { params: person, expect: readable(302) },
  "POST /people/:id/goals/": [
    {
      label: "from the self-assessment",
      params: person,
      fields: (o) => ({ assessment: o.assessments.self.id, target: "senior", goal: "smart-1" }),
      expect: selfOnly(303, 303),
    },
    {
      label: "from the manager assessment",
      params: person,
      fields: (o) => ({ assessment: o.assessments.manager.id, target: "senior", goal: "smart-1" }),
      // never from a draft that is not theirs
      expect: (v) => selfOnly(303, v === "draft" ? 404 : 303),
    },
  ],
  "POST /people/:id/goals/:goal/status": {
    params: async (o) => ({ ...person(o), goal: await personGoal(o) }),
    fields: () => ({ status: "done" }),
    expect: selfOnly(303, 303),
  },
  "POST /people/:id/goals/:goal": {
    params: async (o) => ({ ...person(o), goal: await personGoal(o) }),
    fields: () => ({ text: "Own words for the goal", "target-value": "2 a month", due: "2030-06-30" }),
    expect: selfOnly(303, 303),
  },
};

/**
 * Team views: everyone signed in gets their own team (none is a friendly page), so the status does not
 * depend on the asker; who appears in it is tested in features/team/routes.test.ts. The organization and cycles are
 * admin only.
 */
const TEAM: Record<string, Case | Case[]> = {
  "GET /team/": { expect: own(302, 200) },
  "GET /team/export.csv": { expect: own(302, 200) },
  "GET /api/team": { expect: own(401, 200) },
  "GET /admin/team/": { expect: adminOnly(302, 200) },
  "GET /admin/team/export.csv": { expect: adminOnly(302, 200) },
  "GET /api/admin/team": { expect: adminOnly(401, 200) },
  "GET /team/by-team/": { expect: own(302, 200) },
  "GET /admin/team/by-team/": { expect: adminOnly(302, 200) },
  "GET /admin/team/calibration/": { expect: adminOnly(302, 200) },
  "GET /admin/cycles/": { expect: adminOnly(302, 200) },
  "POST /admin/cycles/": {
    label: "no name: refused by the form",
    fields: () => ({ name: "", startsOn: "", endsOn: "" }),
    expect: adminOnly(303, 422),
  },
  "POST /admin/cycles/:id/close": [
    {
      label: "stale version",
      params: async (o) => ({ id: await openCycle(o) }),
      fields: () => ({ version: "0" }),
      expect: adminOnly(303, 409),
    },
    {
      params: async (o) => ({ id: await openCycle(o) }),
      fields: () => ({ version: "1" }),
      expect: adminOnly(303, 303),
    },
  ],
};

const PEOPLE: Record<string, Case | Case[]> = {
  "GET /account/": { expect: own(302, 200) },
  "GET /home/": { expect: own(302, 200) },
  "GET /api/account": { expect: own(401, 200) },
  "GET /account/export.json": { expect: own(302, 200) },
  "POST /account/password": {
    label: "wrong current password",
    fields: () => ({
      current: "not it",
      password: "some new long passphrase",
      confirm: "some new long passphrase",
    }),
    expect: own(303, 422),
  },
  "POST /account/sign-out-everywhere": { expect: own(303, 303) },
  "POST /account/sessions/:id/revoke": {
    label: "a session of Pat's",
    params: async (o) => ({ id: await personSession(o) }),
    expect: { ...everyone(404), anonymous: 303, "the person": 303 },
  },
  "DELETE /api/account/sessions/:id": {
    label: "a session of Pat's",
    params: async (o) => ({ id: await personSession(o) }),
    expect: { ...everyone(404), anonymous: 401, "the person": 200 },
  },
  "GET /account/tokens/": { expect: own(302, 200) },
  "GET /api/account/tokens": { expect: own(401, 200) },
  "POST /account/tokens/": { label: "no name", fields: () => ({ name: " " }), expect: own(303, 422) },
  // Pat's own, or an admin revoking anyone's; everyone else is told "not found"
  "POST /account/tokens/:id/revoke": {
    label: "a token of Pat's",
    params: async (o) => ({ id: await personToken(o) }),
    expect: { ...everyone(404), anonymous: 303, "the person": 303, admin: 303 },
  },
  "DELETE /api/account/tokens/:id": {
    label: "a token of Pat's",
    params: async (o) => ({ id: await personToken(o) }),
    expect: { ...everyone(404), anonymous: 401, "the person": 200, admin: 200 },
  },
  "GET /admin/people/:id/reset-link": { params: person, expect: adminOnly(302, 200) },
  "POST /admin/people/:id/reset-link": { params: person, expect: adminOnly(303, 200) },
  "GET /welcome/:token": {
    label: "an unknown link",
    params: () => ({ token: "x".repeat(43) }),
    expect: everyone(410),
  },
  "POST /welcome/:token": {
    label: "an unknown link",
    params: () => ({ token: "x".repeat(43) }),
    expect: everyone(410),
  },
  "GET /people/": { query: () => "?q=pat", expect: own(302, 200) },
  "GET /people/:id/": { params: person, expect: readable(302) },
  "GET /api/people": { query: () => "?q=pat", expect: own(401, 200) },
  "GET /api/people/:id": { params: person, expect: readable(401) },
  "GET /admin/people/": { expect: adminOnly(302, 200) },
  "POST /admin/people/": {
    label: "no name: refused by the form",
    fields: () => ({ name: "", email: "" }),
    expect: adminOnly(303, 422),
  },
  "GET /admin/people/:id/": { params: person, expect: adminOnly(302, 200) },
  "POST /admin/people/:id/": {
    label: "stale version",
    params: person,
    fields: () => ({ version: "-1", name: "Changed", email: "changed@example.com" }),
    expect: adminOnly(303, 409),
  },
  "POST /admin/people/:id/manager": {
    label: "a cycle",
    params: person,
    fields: () => ({ manager: EMAIL["the person"] }),
    expect: adminOnly(303, 409),
  },
  "POST /admin/people/:id/deactivate": { params: person, expect: adminOnly(303, 303) },
  "POST /admin/people/:id/reactivate": { params: person, expect: adminOnly(303, 303) },
  "POST /admin/people/invitations": {
    fields: (org) => ({ person: org.person.id }),
    expect: adminOnly(303, 200),
  },
  "POST /admin/people/:id/invitation": { params: person, expect: adminOnly(303, 200) },
  "GET /admin/import/": { expect: adminOnly(302, 200) },
  "POST /admin/import/": {
    label: "preview",
    fields: () => ({ csv: "name,email\nNew,new@example.com\n" }),
    expect: adminOnly(303, 200),
  },
  "POST /admin/import/confirm": { label: "empty", fields: () => ({ csv: "" }), expect: adminOnly(303, 422) },
  "GET /admin/frameworks/import/": { expect: adminOnly(302, 200) },
  "GET /admin/frameworks/import/template/:format": {
    params: () => ({ format: "csv" }),
    expect: adminOnly(302, 200),
  },
  "POST /admin/frameworks/import/": {
    label: "no files",
    fields: () => ({ format: "csv" }),
    expect: adminOnly(303, 422),
  },
  "POST /admin/frameworks/import/:token/zip": {
    label: "an unknown preview",
    params: () => ({ token: "x".repeat(24) }),
    expect: adminOnly(303, 404),
  },
  "POST /admin/frameworks/import/:token/write": {
    label: "an unknown preview",
    params: () => ({ token: "x".repeat(24) }),
    expect: adminOnly(303, 404),
  },
  "GET /admin/settings/": { expect: adminOnly(302, 200) },
  "POST /admin/settings/": { fields: () => ({ organization: "Acme" }), expect: adminOnly(303, 303) },
};

/** The ways in: the same for everyone (a signed-in browser may sign in again or follow a link). */
const WAYS_IN: Record<string, Case | Case[]> = {
  "GET /sign-in": { expect: everyone(200) },
  "POST /sign-in": {
    // each for their own account (anonymous for Pat's), so the throttle per account and client stays out
    label: "a wrong password",
    fields: (_, who) => ({ email: EMAIL[who === "anonymous" ? "the person" : who], password: "not it" }),
    expect: everyone(401),
  },
  "POST /sign-out": { expect: everyone(303) },
  "GET /setup/:token": {
    label: "an unknown link",
    params: () => ({ token: "x".repeat(43) }),
    expect: everyone(410),
  },
  "POST /setup/:token": {
    label: "an unknown link",
    params: () => ({ token: "x".repeat(43) }),
    expect: everyone(410),
  },
  "GET /reset/:token": {
    label: "an unknown link",
    params: () => ({ token: "x".repeat(43) }),
    expect: everyone(410),
  },
  "POST /reset/:token": {
    label: "an unknown link",
    params: () => ({ token: "x".repeat(43) }),
    expect: everyone(410),
  },
  "GET /sign-in/sso/": { label: "the provider is down", expect: everyone(503) },
  "GET /sign-in/sso/callback/": { label: "no state", expect: everyone(400) },
};

/**
 * Framework content: public unless RUNGS_REQUIRE_LOGIN (tested in each feature's routes.test.ts); nothing about people.
 * Each row names the parameters its route needs.
 */
const PUBLIC_PATTERNS: Record<string, Record<string, string>> = {
  "GET /assets/:file{[a-z0-9][a-z0-9._-]*}": { file: "favicon.svg" },
  "GET /api/frameworks": {},
  "GET /": {},
  "GET /api/frameworks/:fw": {},
  "GET /frameworks/:fw/": {},
  "GET /frameworks/:fw/diagnostics/": {},
  "GET /api/frameworks/:fw/changes": {},
  "GET /frameworks/:fw/changes/": {},
  "GET /api/frameworks/:fw/matrix": {},
  "GET /api/frameworks/:fw/areas/:area": {},
  "GET /frameworks/:fw/matrix/": {},
  "GET /frameworks/:fw/areas/:area/": {},
  "GET /api/search": { query: "?q=team" },
  "GET /search-index.js": {},
  // the example's index is one script: it has no parts (features/search/routes.test.ts serves them)
  "GET /search-index/:part": { part: "t-te.js", status: "404" },
  "GET /search/": {},
  "GET /api/openapi.json": {},
  "GET /api-docs/": {},
  "GET /api/frameworks/:fw/levels/:level": {},
  "GET /frameworks/:fw/levels/:level/text.txt": {},
  "GET /frameworks/:fw/levels/:level/": {},
  "GET /api/frameworks/:fw/compare/:a/:b": {},
  "GET /api/frameworks/:fw/compare-roles/:a/:b": { a: "backend-engineer", b: "frontend-engineer" },
  "GET /frameworks/:fw/compare/": {},
  "GET /frameworks/:fw/compare/:a/:b/": {},
  "GET /frameworks/:fw/levels/:level/compare.js": {},
  "GET /frameworks/:fw/compare-roles/": {},
  "GET /frameworks/:fw/compare-roles/:a/:b/": { a: "backend-engineer", b: "frontend-engineer" },
  "GET /api/frameworks/:fw/roles/:role": {},
  "GET /frameworks/:fw/roles/:role/text.txt": {},
  "GET /frameworks/:fw/roles/:role/": {},
  "GET /api/frameworks/:fw/roles/:role/goals/:level": {},
  "GET /frameworks/:fw/roles/:role/goals/:level/goals.txt": {},
  "GET /frameworks/:fw/roles/:role/goals/:level/goals.md": {},
  "GET /frameworks/:fw/roles/:role/goals/:level/": {},
  // the engineering example's goal pages are whole: a part of one is not found, by anyone
  "GET /frameworks/:fw/roles/:role/goals/:level/areas/:area/": { status: "404" },
  "GET /api/frameworks/:fw/levels/:level/goals": {},
  "GET /frameworks/:fw/levels/:level/goals/goals.txt": {},
  "GET /frameworks/:fw/levels/:level/goals/goals.md": {},
  "GET /frameworks/:fw/levels/:level/goals/": {},
  "GET /frameworks/:fw/levels/:level/goals/areas/:area/": { status: "404" },
  "GET /api/frameworks/:fw/goals/personal": { query: "?pick=code-quality:mid" },
  "GET /frameworks/:fw/goals/personal/": {},
  "GET /api/frameworks/:fw/roles/:role/adjacent": {},
  "GET /api/compare-across/levels/:fwA/:a/:fwB/:b": { a: "senior", b: "l3" },
  "GET /compare-across/levels/:fwA/:a/:fwB/:b/": { a: "senior", b: "l3" },
  "GET /compare-across/levels/": {},
  "GET /api/compare-across/role-levels/:fwA/:roleA/:levelA/:fwB/:roleB/:levelB": { fwB: "engineering" },
  "GET /compare-across/role-levels/:fwA/:roleA/:levelA/:fwB/:roleB/:levelB/": { fwB: "engineering" },
  "GET /api/equivalence": {},
  "GET /equivalence/": {},
  "GET /api/occupations": {},
  "GET /api/occupations/:scheme/:slug": {},
  "GET /occupations/": {},
  "GET /occupations/:scheme/:slug/": {},
  "GET /api/roles": { query: "?title=sre" },
  "GET /roles/by-title/": {},
  "GET /favicon.ico": { status: "301" },
  "GET /ims/case/v1p1/CFDocuments": {},
  "GET /ims/case/v1p1/CFPackages/:id": { id: entityUuid("engineering", "document") },
  "GET /ims/case/v1p1/CFItems/:id": { id: entityUuid("engineering", "level", "senior") },
  "GET /ims/case/v1p1/CFAssociations/:id": { id: "00000000-0000-4000-8000-000000000000", status: "404" },
  "GET /ims/case/v1p1/CFRubrics/:id": { id: entityUuid("engineering", "rubric") },
  "GET /frameworks/:fw/export/case.json": {},
  "GET /frameworks/:fw/export/framework.jsonld": {},
  "GET /frameworks/:fw/export/framework.csv": {},
  "GET /frameworks/:fw/export/framework.xlsx": {},
  "GET /frameworks/:fw/export/index.md": {},
  "GET /frameworks/:fw/export/levels/:file{[a-z0-9._-]+\\.md}": { file: "senior.md" },
  "GET /frameworks/:fw/export/roles/:file{[a-z0-9._-]+\\.md}": { file: "backend-engineer.md" },
};

const PUBLIC_DEFAULTS: Record<string, string> = {
  fw: "engineering",
  area: "craft",
  level: "senior",
  role: "backend-engineer",
  a: "senior",
  b: "lead",
  fwA: "engineering",
  fwB: "product-matrix",
  roleA: "backend-engineer",
  levelA: "senior",
  roleB: "frontend-engineer",
  levelB: "senior",
  scheme: "soc-2018",
  slug: "15-1252",
};

const PUBLIC: Record<string, Case> = Object.fromEntries(
  Object.entries(PUBLIC_PATTERNS).map(([route, { query, status, ...params }]) => [
    route,
    {
      params: () => ({ ...PUBLIC_DEFAULTS, ...params }),
      query: () => query ?? "",
      expect: everyone(Number(status ?? 200)),
    },
  ]),
);

/** Every route, keyed as "METHOD pattern" exactly as the app registers it. */
const MATRIX: Record<string, Case | Case[]> = { ...PUBLIC, ...WAYS_IN, ...PEOPLE, ...ASSESSMENTS, ...TEAM };

/** The app of the matrix: a store, and single sign-on configured (its provider unreachable on purpose). */
async function matrixApp(ctx: Parameters<typeof authApp>[0]) {
  return authApp(ctx, {
    auth: { oidc: { issuer: "http://127.0.0.1:1", clientId: "matrix", clientSecret: "matrix-secret" } },
  });
}

function routesOf(app: App): string[] {
  // "ALL" entries are middleware (app.use), not routes
  return [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))];
}

describeEachDatabase("authorization matrix", (ctx) => {
  // One app for the suite, as a server runs one for every request: its store is the suite's database, which
  // is emptied before each test, and what the app keeps in memory (the page cache) is shared by everyone
  // alike, so a cached page leaking one asker's view to another would show here too.
  let shared: ReturnType<typeof matrixApp> | undefined;
  const app = () => (shared ??= matrixApp(ctx));
  const orgs = new OrgCopies(() => ctx.database);

  it("places every route the app registers, and only those", async () => {
    const routes = routesOf((await app()).app);
    const missing = routes.filter((r) => !Object.hasOwn(MATRIX, r));
    expect(
      missing,
      "routes not in the authorization matrix: place each in MATRIX (src/web/auth/authorization-matrix.test.ts) with the status every asker must get",
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((r) => !routes.includes(r)),
      "rows for routes the app does not register",
    ).toEqual([]);
  });

  for (const [route, cases] of Object.entries(MATRIX)) {
    const [method = "", pattern = ""] = route.split(" ");
    for (const one of Array.isArray(cases) ? cases : [cases]) {
      describe(`${route}${one.label ? ` (${one.label})` : ""}`, () => {
        for (const variant of VARIANTS) {
          it(`with Pat's assessments ${variant === "draft" ? "as drafts" : "submitted"}`, async () => {
            const { app: answering, store } = await app();
            const org = await orgs.of(store, variant);
            const got: Partial<Expect> = {};
            for (const who of WHO) {
              const browser = await browserOf(answering, org, who);
              const request: MatrixRequest = {
                method,
                path: fillPattern(pattern, (await one.params?.(org)) ?? {}) + (one.query?.(org) ?? ""),
                fields: await one.fields?.(org, who),
                json: one.json?.(org),
              };
              const answer = await send(browser, request);
              got[who] = answer.status;
              const at = `${route} as ${who}`;
              for (const kind of ASSESSMENT_KINDS) {
                if (!mayRead(who, kind, variant)) expect(answer.body, at).not.toContain(marker(kind));
              }
              // a refusal names nobody: not the person the request was about, not even that they exist
              // (the header shows the asker's own name, so only the page's content is looked at)
              if (answer.status === 403 || answer.status === 404) {
                const content = answer.body
                  .replace(/^[\s\S]*<main id="main">|<\/main>[\s\S]*$/g, "")
                  .replace(/value="[\w-]{43}"/g, ""); // a random CSRF token may spell a name
                // word-bounded: page text such as "Pathway" is not Pat's name
                expect(content, at).not.toMatch(/\bPat\b/);
                expect(content, at).not.toContain(EMAIL["the person"]);
              }
            }
            const expected = typeof one.expect === "function" ? one.expect(variant) : one.expect;
            expect(got).toEqual(expected);
          });
        }
      });
    }
  }
});
