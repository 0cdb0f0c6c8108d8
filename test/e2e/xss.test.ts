/*
 * No script from a framework file or a form ever runs (issue 12).
 *
 * A framework whose every text field carries script payloads (test/fixtures/xss/corpus.ts) is built into a
 * static site and served by the built `rungs serve` on SQLite; every form of the server is filled with
 * payloads through its real pages. Then every page of the static site (from its site map) and every page of
 * the server (from the app's route list, each route with every id of the kind it names, as the admin and as
 * Pat, who reads one id of a page the same for everyone: SAME_FOR_EVERYONE) is audited: its
 * markup as served, parsed by Chromium's own HTML parser (nothing in it runs); and one page of each kind
 * (route) is opened in Chromium under its real Content-Security-Policy, where the page's scripts run on the
 * payloads, and every GET form on it is filled with payloads too. Each page is audited for:
 *  - executions: payloads call window.__xss(n), exposed by the test, or alert(n);
 *  - injection, even where the policy stopped it from running: elements marked data-xss, event-handler
 *    attributes, inline or foreign scripts, frames, objects, <base>, and links or sources whose scheme is not
 *    http:, https:, mailto: (or file: in the static site);
 *  - policy violations and page errors: the app's own pages need nothing the policy refuses.
 * The expectation everywhere is none at all.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeFileSystem } from "../../src/load/fs-port.js";
import { loadOccupations } from "../../src/load/occupations.js";
import { FrameworkRegistry } from "../../src/load/registry.js";
import { openDatabase } from "../../src/store/db.js";
import { createStore, type Store } from "../../src/store/store.js";
import { outputFile, sitePaths } from "../../src/web/site-map.js";
import { CANARY, payloadFor, SOURCE_URLS, writeHostileFramework } from "../fixtures/xss/corpus.js";
import { runBuilt, runIn } from "../support/run-cli.js";
import { launchBrowser, serveRungs } from "./harness.js";
import {
  Audit,
  BUTTONS_ONLY,
  candidates,
  caseIds,
  fillAssessment,
  forAnotherViewer,
  occupationSlugs,
  openIfNeeded,
  QUERIES,
  type Route,
  routeList,
  routeOf,
  SAME_FOR_EVERYONE,
  type Seen,
  submit,
  UNREACHABLE,
} from "./xss-audit.js";

const root = new URL("../../", import.meta.url).pathname;
const ASSETS = readdirSync(join(root, "dist/web/assets")).sort();
const PASSWORD = "copper kettle over the hill";
const OK = "xss";
const SHORT = "xss-short";
const BROKEN = "xss-broken";
const LEVELS = ["apprentice", "builder", "lead"];
const ROLES = ["engineer", "designer"];

/**
 * Evidence: a payload, then what the page turns into links (http and https addresses) beside what it must
 * not: other schemes, an address running into quotes and markup, and a 3,000-character address.
 */
const evidenceFor = (label: string) =>
  `${payloadFor(label)}\nhttps://example.invalid/"><svg/onload=__xss(0) data-xss> javascript:__xss(0) data:text/html,<script>__xss(0)</script> https://example.invalid/${"x".repeat(3000)}`;

// ------------------------------------------------------------------------------------------- the run

let browser: Browser;
let dir: string;
/** Every framework the server serves; and the one with every payload alone (the static site's). */
let registry: FrameworkRegistry;
let okRegistry: FrameworkRegistry;

let routes: Route[];
const okDir = () => join(dir, "frameworks", OK);
const shortDir = () => join(dir, "frameworks", SHORT);
const brokenDir = () => join(dir, "frameworks", BROKEN);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rungs-xss-"));
  writeHostileFramework(okDir(), OK);
  // short payloads: a kept goal quotes several texts at once, and must fit what the database keeps
  writeHostileFramework(shortDir(), SHORT, { size: "short" });
  // the unsafe-url rule on, and a hostile lint key: a framework with errors, whose diagnostics page quotes
  // what it found
  writeHostileFramework(brokenDir(), BROKEN, {
    extra: { lint: { [payloadFor("lint key", "short")]: "off" } },
  });
  registry = new FrameworkRegistry([okDir(), shortDir(), brokenDir()], {
    fs: nodeFileSystem,
    occupations: await loadOccupations(nodeFileSystem),
  });
  await registry.load();
  okRegistry = new FrameworkRegistry([okDir()], {
    fs: nodeFileSystem,
    occupations: await loadOccupations(nodeFileSystem),
  });
  await okRegistry.load();
  routes = routeList(registry, dir);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the audit itself", () => {
  it("sees a payload that runs and markup that got in", async () => {
    const audit = new Audit(browser);
    const context = await audit.context();
    const page = await context.newPage();
    await page.setContent(`<p>${payloadFor("the audit's own control", "short")}</p>`);
    await audit.check(page);
    await context.close();
    expect(audit.findings.some((f) => /__xss\(\d+\) ran, from the audit's own control/.test(f))).toBe(true);
    expect(audit.findings.some((f) => f.includes("an injected <img>"))).toBe(true);
    expect(audit.findings.some((f) => f.includes("an inline <script>"))).toBe(true);
    // and in markup parsed, not run: what got in is seen, nothing ran
    const parsed = new Audit(browser);
    await parsed.checkHtml(
      "http://127.0.0.1/",
      `<p>${payloadFor("the audit's parsed control", "short")}</p>`,
    );
    expect(parsed.findings.some((f) => f.includes("an injected <img>"))).toBe(true);
    expect(parsed.findings.some((f) => f.includes("an inline <script>"))).toBe(true);
    expect(parsed.findings.some((f) => /__xss\(\d+\) ran/.test(f))).toBe(false);
    expect(parsed.shown).toBe(1);
    // a resource from another origin, which only the policy of a page opened would have refused
    const foreign = new Audit(browser);
    const html = `<img src="https://elsewhere.example/a.png" alt=""><form action="/q"><input name="q"></form>`;
    const seen = await foreign.checkHtml("http://127.0.0.1/", html);
    expect(foreign.findings).toEqual([
      "http://127.0.0.1/: <img> loads https://elsewhere.example/a.png from another origin",
    ]);
    expect(seen).toMatchObject({
      scripted: false,
      getForms: [{ action: "http://127.0.0.1/q", names: ["q"] }],
    });
  });
});

describe("rungs check on the corpus", () => {
  it("reports every script URL of a source at its value, and the framework has errors", async () => {
    const { status, out } = await runIn(process.cwd(), "check", brokenDir(), "--format", "json");
    expect(status).toBe(1);
    type Found = { code: string; path: string; line: number; column: number };
    const report = JSON.parse(out) as { frameworks: { diagnostics: Found[] }[] };
    const diagnostics = report.frameworks.flatMap((f) => f.diagnostics);
    const urls = diagnostics.filter((d) => d.code === "unsafe-url" && /^sources\[\d+\]\.url$/.test(d.path));
    // every one but the https: address with markup in its path
    expect(urls).toHaveLength(SOURCE_URLS.length - 1);
    const lines = readFileSync(join(brokenDir(), "framework.yaml"), "utf8").split("\n");
    for (const d of urls) expect(lines[d.line - 1]?.slice(d.column - 1), d.path).toMatch(/^["']?\S/);
    for (const d of urls) expect(lines[d.line - 1]?.slice(0, d.column - 1), d.path).toMatch(/^\s*url: $/);
    expect(diagnostics.some((d) => d.code === "unsafe-url" && d.path.endsWith(".summary"))).toBe(true);
  });
});

describe("the static site built from the corpus", () => {
  it("runs no payload on any page of its site map, under its own policy", async () => {
    const out = join(dir, "site");
    // built, on one rendering thread: a few dozen pages, where each thread of an in-process build would load
    // the sources through tsx
    const build = await runBuilt(process.cwd(), "build", okDir(), "--out", out, "--jobs", "1");
    expect(build.status, build.out + build.err).toBe(0);
    const audit = new Audit(browser);
    const context = await audit.context();
    const page = await context.newPage();
    const sitePathOf = (url: string) =>
      `/${decodeURIComponent(new URL(url).pathname).slice(out.length + 1)}`.replace(/index\.html$/, "");
    const kindOf = (url: string) => routeOf(routes, "GET", sitePathOf(url))?.path ?? sitePathOf(url);
    const done = new Set<string>();
    const pages = sitePaths(okRegistry, ASSETS)
      .map((path) => join(out, outputFile(path)))
      .filter((file) => file.endsWith(".html"));
    // every page's markup, parsed; opened where the browser sees more (see openIfNeeded)
    const opened = new Set<string>();
    for (const file of pages) {
      expect(existsSync(file), file).toBe(true);
      const url = pathToFileURL(file).href;
      const seen = await audit.checkHtml(url, readFileSync(file, "utf8"));
      await openIfNeeded(audit, page, url, seen, { opened, done, kindOf });
    }
    // the search page's island renders results from the index: search for the hostile texts themselves
    await page.goto(`${pathToFileURL(join(out, "search/index.html")).href}?q=${CANARY}`);
    await page.locator("main mark").first().waitFor();
    await audit.check(page);
    await context.close();
    expect(audit.findings).toEqual([]);
    expect(audit.pages).toBeGreaterThan(pages.length);
    // the payloads did reach the pages (as text): nearly every page shows one
    expect(audit.shown / audit.pages).toBeGreaterThan(0.9);
  }, 600_000);
});

describe("the server over the corpus", () => {
  /** One audit for the whole server run: the contexts it makes report to it from the forms to the crawl. */
  let run: Audit;
  let server: Awaited<ReturnType<typeof serveRungs>>;
  let cwd: string;
  /** Route patterns of the forms the run has sent (method and path), and of the pages it loaded. */
  const sent = new Set<string>();
  const loaded = new Set<string>();
  let admin: BrowserContext;
  let pat: BrowserContext;
  let patId = "";

  /** Records what a context sends and loads, by route. */
  const track = (context: BrowserContext) =>
    context.on("response", (response) => {
      const request = response.request();
      if (!request.url().startsWith(server.origin)) return;
      const route = routeOf(routes, request.method(), new URL(request.url()).pathname);
      if (!route) return;
      if (request.method() !== "GET") sent.add(`${request.method()} ${route.path}`);
      else if (response.status() < 400) loaded.add(route.path);
    });

  /** The server's database, opened beside it for what the pages do not show (ids). */
  const withStore = async <T>(use: (store: Store) => Promise<T>): Promise<T> => {
    const database = openDatabase({ file: join(cwd, "rungs-data/rungs.db") });
    try {
      return await use(createStore(database));
    } finally {
      await database.close();
    }
  };

  const form = (page: Page, method: "get" | "post", action: string) =>
    page.locator(`form[method=${method}][action$="${action}"]`).first();

  beforeAll(async () => {
    run = new Audit(browser);
    cwd = join(dir, "server");
    mkdirSync(cwd, { recursive: true });
    const env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.RUNGS_REQUIRE_LOGIN;
    server = await serveRungs({ cwd, env, paths: [okDir(), shortDir(), brokenDir()] });
  }, 90_000);

  afterAll(async () => {
    await admin?.close();
    await pat?.close();
    await server?.stop();
  });

  it("every form filled with payloads through its own page runs nothing", async () => {
    const origin = server.origin;
    await expect.poll(() => /\/setup\/\S+/.test(server.output()), { timeout: 20_000 }).toBe(true);
    const setup = /(\/setup\/\S+)/.exec(server.output())?.[1] as string;

    // anonymous: the sign-in page quoting a hostile `next`, and refusing a hostile email
    const anonymous = await run.context();
    track(anonymous);
    const visitor = await anonymous.newPage();
    await visitor.goto(`${origin}/sign-in?next=${encodeURIComponent(payloadFor("sign-in ?next="))}`);
    await run.check(visitor);
    await submit(run, visitor, form(visitor, "post", "/sign-in"), {
      email: payloadFor("sign-in email", "short"),
      password: payloadFor("sign-in password"),
    });
    await anonymous.close();

    // first run: the setup form refused once (it comes back quoting what was typed), then the admin
    admin = await run.context();
    track(admin);
    const a = await admin.newPage();
    await a.goto(`${origin}${setup}`);
    await run.check(a);
    await submit(run, a, form(a, "post", setup), {
      name: payloadFor("setup name", "short"),
      email: payloadFor("setup email", "short"),
      password: "short",
      confirm: "different",
    });
    await submit(run, a, form(a, "post", setup), {
      name: payloadFor("admin name", "short"),
      email: "ada@example.com",
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(new URL(a.url()).pathname).toBe("/account/");

    await a.goto(`${origin}/admin/settings/`);
    await submit(run, a, form(a, "post", "/admin/settings/"), {
      organization: payloadFor("organization", "short"),
    });

    // people: refused once with a hostile email and manager, then Pat, whose manager is the admin
    await a.goto(`${origin}/admin/people/`);
    await submit(run, a, form(a, "post", "/admin/people/"), {
      name: payloadFor("new person name (refused)", "short"),
      email: payloadFor("new person email (refused)"),
      manager: payloadFor("new person manager (refused)", "short"),
    });
    await submit(run, a, form(a, "post", "/admin/people/"), {
      name: payloadFor("Pat's name", "short"),
      email: `pat"'><svg/onload=__xss(0)>@example.com`,
      manager: "ada@example.com",
      framework: SHORT,
      track: "trunk",
      level: "builder",
      role: "engineer",
    });
    patId = /\/admin\/people\/([^/]+)\//.exec(a.url())?.[1] ?? "";
    expect(patId).not.toBe("");
    await submit(run, a, form(a, "post", `/admin/people/${patId}/`), {
      name: payloadFor("Pat's name, edited", "short"),
    });
    await submit(run, a, form(a, "post", `/admin/people/${patId}/manager`), {
      manager: payloadFor("Pat's manager (refused)", "short"),
    });
    await submit(run, a, form(a, "post", `/admin/people/${patId}/manager`), { manager: "ada@example.com" });
    // invitations to everyone without a password (Pat among them): no mail server here, so the links are shown
    await a.goto(`${origin}/admin/people/`);
    await submit(run, a, form(a, "post", "/admin/people/invitations"), {}, 'button[name="everyone"]');
    const welcome = new URL((await a.locator("code.link-text").first().innerText()).trim()).pathname;
    await a.goto(`${origin}${welcome}`);
    await run.check(a);
    await submit(run, a, form(a, "post", welcome), {
      password: payloadFor("welcome password"),
      confirm: "different",
    });
    await a.goto(`${origin}/admin/people/${patId}/`);
    await submit(run, a, form(a, "post", `/admin/people/${patId}/invitation`));
    // the admin too has a place on the ladder, in the framework with every payload
    const adminId = await withStore(async (store) => (await store.people.getByEmail("ada@example.com"))?.id);
    await a.goto(`${origin}/admin/people/${adminId}/`);
    await submit(run, a, form(a, "post", `/admin/people/${adminId}/`), {
      framework: OK,
      track: "trunk",
      level: "builder",
      role: "designer",
    });

    // CSV import: a preview that finds problems in every column, then one that imports
    const cell = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const header = "name,email,manager_email,framework,track,level,role";
    const hostileRow = header
      .split(",")
      .map((column) => cell(payloadFor(`CSV ${column}`, "short")))
      .join(",");
    const goodRow = (i: number) =>
      [
        payloadFor(`CSV name ${i}`, "short"),
        `csv${i}<svg/onload=__xss(0)>@example.com`,
        "ada@example.com",
        OK,
        "trunk",
        "apprentice",
        "designer",
      ]
        .map(cell)
        .join(",");
    await a.goto(`${origin}/admin/import/`);
    await submit(run, a, form(a, "post", "/admin/import/"), {
      csv: `${header}\n${hostileRow}\n${goodRow(1)}\n`,
    });
    await a.goto(`${origin}/admin/import/`);
    await submit(run, a, form(a, "post", "/admin/import/"), {
      csv: `${header}\n${goodRow(2)}\n${goodRow(3)}\n`,
    });
    await submit(run, a, form(a, "post", "/admin/import/confirm"));

    // a framework import: a spreadsheet whose every name and text is a payload, shown back in the preview
    const frameworkRows = [
      "framework,framework_name,track,track_name,level,level_name,follows,area,area_name,competency,competency_name,criterion,expectation,examples",
      [
        "hostile",
        payloadFor("import framework", "short"),
        "ic",
        payloadFor("import track", "short"),
        "one",
        payloadFor("import level", "short"),
        "",
        "craft",
        payloadFor("import area", "short"),
        "testing",
        payloadFor("import competency", "short"),
        "",
        payloadFor("import expectation", "short"),
        payloadFor("import example", "short"),
      ]
        .map(cell)
        .join(","),
    ];
    await a.goto(`${origin}/admin/frameworks/import/`);
    await a.locator("input[name=files]").setInputFiles({
      name: "hostile.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`${frameworkRows.join("\n")}\n`),
    });
    await submit(run, a, form(a, "post", "/admin/frameworks/import/"));

    // an assessment cycle: refused dates, then one that opens
    await a.goto(`${origin}/admin/cycles/`);
    await submit(run, a, form(a, "post", "/admin/cycles/"), {
      name: payloadFor("cycle name (refused)", "short"),
      startsOn: payloadFor("cycle start", "short"),
      endsOn: payloadFor("cycle end", "short"),
    });
    await submit(run, a, form(a, "post", "/admin/cycles/"), {
      name: payloadFor("cycle name", "short"),
      startsOn: "2020-01-01",
      endsOn: "2099-12-31",
    });

    // a reset link for Pat, who chooses a password with it (refused once)
    await a.goto(`${origin}/admin/people/${patId}/reset-link`);
    await submit(run, a, form(a, "post", `/admin/people/${patId}/reset-link`));
    const reset = new URL(await a.locator("#reset-link").innerText()).pathname;
    pat = await run.context();
    track(pat);
    const p = await pat.newPage();
    await p.goto(`${origin}${reset}`);
    await run.check(p);
    await submit(run, p, form(p, "post", reset), {
      password: payloadFor("reset password"),
      confirm: "different",
    });
    await submit(run, p, form(p, "post", reset), { password: PASSWORD, confirm: PASSWORD });
    await submit(run, p, form(p, "post", "/account/password"), {
      current: payloadFor("current password"),
      password: payloadFor("new password"),
      confirm: payloadFor("new password again"),
    });
    // an API token named with a payload: its name is shown on the page that lists the tokens
    await p.goto(`${origin}/account/tokens/`);
    await run.check(p);
    await submit(run, p, form(p, "post", "/account/tokens/"), { name: payloadFor("token name") });

    // assessments: Pat's own, then the admin's as Pat's manager; evidence and links hostile, links refused once
    const assess = async (page: Page, personId: string, kind: "self" | "manager") => {
      const action = `/people/${personId}/assessments/${kind}/`;
      await page.goto(`${origin}${action}`);
      await run.check(page);
      const fill = (links: string) =>
        fillAssessment(form(page, "post", action), (id) => evidenceFor(`${kind} evidence for ${id}`), links);
      // the island saves the draft as it is typed (a PUT): wait for it once
      const autosaved = page.waitForResponse((r) => r.request().method() === "PUT");
      await fill(`javascript:__xss(0)\n${payloadFor(`${kind} link (refused)`, "short")}`);
      await autosaved;
      await submit(run, page, form(page, "post", action), {}, "button[value=submit]");
      await fill(`https://example.invalid/?q="'><svg/onload=__xss(0)>`);
      await submit(run, page, form(page, "post", action), {}, "button[value=submit]");
      expect(new URL(page.url()).pathname, `${kind} assessment submitted`).toMatch(
        /^\/assessments\/[^/]+\/$/,
      );
    };
    await assess(p, patId, "self");
    await assess(a, patId, "manager");
    await assess(a, adminId as string, "self");

    // the review, agreed as the manager proposed; then Pat keeps a goal and marks it done
    const review = `/people/${patId}/review/`;
    await a.goto(`${origin}${review}`);
    await run.check(a);
    await submit(run, a, form(a, "post", review), {}, "button[value=submit]");
    expect(a.url()).toContain("done=agreed");
    await p.goto(`${origin}/people/${patId}/profile/`);
    await run.check(p);
    await submit(run, p, form(p, "post", `/people/${patId}/goals/`));
    expect(p.url()).toContain("done=goal-saved");
    const statusForm = p.locator(`form[action*="/people/${patId}/goals/"][action$="/status"]`).first();
    await submit(run, p, statusForm, { status: "done" });
    expect(p.url()).toContain("done=goal-updated");
    // and edits its wording and target with payloads: the edited goal is shown beside the framework's words
    const editForm = p.locator(`details.goal-edit form[action*="/people/${patId}/goals/"]`).first();
    await submit(run, p, editForm, {
      "target-value": payloadFor("goal target", "short"),
      text: payloadFor("goal wording", "short"),
    });

    expect(run.findings).toEqual([]);
  }, 300_000);

  it("every page of the route list, as the admin and as Pat, with every GET form filled, runs nothing", async () => {
    const origin = server.origin;
    const before = { pages: run.pages, shown: run.shown };
    const { people, assessments } = await withStore(async (store) => {
      const found = (await store.people.list({ limit: 500 })).people;
      const history = await Promise.all(found.map((person) => store.assessments.history(person.id)));
      return { people: found, assessments: history.flat() };
    });
    const values = new Map<string, string[]>([
      ["fw", [OK, SHORT, BROKEN]],
      ["fwA", [OK, SHORT]],
      ["fwB", [OK, SHORT]],
      ["level", LEVELS],
      ["levelA", LEVELS],
      ["levelB", LEVELS],
      // a parameter the route names by what comes before it gets values of that kind alone
      ["compare/:a", LEVELS],
      ["compare/:b", LEVELS],
      ["compare-roles/:a", ROLES],
      ["compare-roles/:b", ROLES],
      ["levels/:a", LEVELS],
      ["levels/:b", LEVELS],
      ["area", ["craft"]],
      ["format", ["csv", "xlsx"]],
      ["role", ROLES],
      ["roleA", ROLES],
      ["roleB", ROLES],
      ["people/:id", people.map((person) => person.id)],
      ["assessments/:id", assessments.map((assessment) => assessment.id)],
      ...caseIds(okRegistry),
      ["kind", ["self", "manager"]],
      ["file", ASSETS],
      ["scheme", ["acme"]],
      ["slug", occupationSlugs(registry)],
    ]);
    // the framework pages of the one with every payload (the short one's are the same pages, shorter)
    const siteMap = sitePaths(okRegistry, ASSETS);
    const mapped = new Set(siteMap.map((path) => routeOf(routes, "GET", path)?.path));
    const kindOf = (url: string) => routeOf(routes, "GET", new URL(url).pathname)?.path ?? url;

    // every page's markup as served, parsed (four read at a time: most of the time is the server rendering);
    // then opened in the browser where it sees more (see openIfNeeded). Read with the context's session but
    // from here, not through the browser: a request through Playwright costs several times the server's work
    /** The content (`<main>`) of each page the admin's crawl read, by path. */
    const adminMain = new Map<string, string>();
    const crawl = async (context: BrowserContext, paths: string[], mains: Map<string, string>) => {
      const html: Seen[] = [];
      const headers = {
        cookie: (await context.cookies(origin)).map((c) => `${c.name}=${c.value}`).join("; "),
      };
      const get = (url: string) => fetch(url, { redirect: "manual", headers });
      // API routes that answered 2xx in something other than HTML: of those, one answer per route is read. What
      // is checked there is the nosniff header (JSON is not audited as markup), which one middleware sets on
      // every answer (app.ts, secureHeaders); the route's other ids would only show it again. An API route
      // that answers HTML keeps every id, each audited
      const sniffed = new Set<string>();
      const read = async (i: number) => {
        const path = paths[i] as string;
        const route = routeOf(routes, "GET", path);
        if (route && sniffed.has(route.path)) return;
        // one retry where the server closed a kept-alive connection as it was reused, as a browser does
        const response = await get(`${origin}${path}`).catch(() => get(`${origin}${path}`));
        if (response.status < 400 && route) loaded.add(route.path);
        const type = response.headers.get("content-type") ?? "";
        if (response.status === 200 && type.startsWith("text/html")) {
          const text = await response.text();
          mains.set(path, /<main id="main">[\s\S]*<\/main>/.exec(text)?.[0] ?? "");
          html[i] = await run.checkHtml(`${origin}${path}`, text);
        } else {
          await response.body?.cancel();
          if (response.status < 300 && response.headers.get("x-content-type-options") !== "nosniff")
            run.findings.push(`${path}: ${type} that a browser may sniff as HTML`);
          else if (response.status < 300 && route?.path.startsWith("/api/")) sniffed.add(route.path);
        }
      };
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < paths.length) await read(next++);
        }),
      );
      const page = await context.newPage();
      const state = { opened: new Set<string>(), done: new Set<string>(), kindOf };
      for (const [i, seen] of html.entries())
        if (seen) await openIfNeeded(run, page, `${origin}${paths[i]}`, seen, state);
      await page.close();
    };
    const byRoute = routes
      .filter((route) => route.method === "GET" && !mapped.has(route.path))
      .flatMap((route) =>
        (candidates(route, values) ?? []).map((path) => path + (QUERIES.get(route.path) ?? "")),
      );
    await crawl(admin, [...siteMap, ...byRoute], adminMain);
    const patMain = new Map<string, string>();
    const asPat = forAnotherViewer(routes, byRoute, adminMain);
    await crawl(pat, asPat, patMain);
    // of each page the same for everyone, the one Pat read: the admin's content
    const same = asPat.filter((path) => SAME_FOR_EVERYONE.has(routeOf(routes, "GET", path)?.path ?? ""));
    expect(same).toHaveLength(SAME_FOR_EVERYONE.size);
    for (const path of same) {
      expect(patMain.get(path), `${path} has content`).toMatch(/^<main id="main">[\s\S]{100}/);
      expect(patMain.get(path), `${path} shows Pat what the admin does not`).toBe(adminMain.get(path));
    }

    // every page the app answers was seen, by the crawl or by the forms before it
    const unseen = routes
      .filter((r) => r.method === "GET" && !loaded.has(r.path) && !UNREACHABLE.has(r.path))
      .map((r) => r.path);
    expect(unseen, "GET routes no page of this test reached: give their parameters values").toEqual([]);
    // and every form was sent, but those with nothing to type into
    const unsent = routes
      .map((r) => `${r.method} ${r.path}`)
      .filter((route) => !route.startsWith("GET ") && !sent.has(route) && !BUTTONS_ONLY.has(route));
    expect(unsent, "forms this test never filled: fill them with payloads above").toEqual([]);
    expect(run.findings).toEqual([]);
    expect(run.pages - before.pages).toBeGreaterThan(siteMap.length);
    expect((run.shown - before.shown) / (run.pages - before.pages)).toBeGreaterThan(0.9);
  }, 600_000);
});
