import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFramework } from "../../../../bench/generate.js";
import { exampleApp, get, pathsApp } from "../../../../test/support/app.js";
import {
  buildSearchDocuments,
  loadSearchIndex,
  type SearchPayload,
  searchIndex,
} from "../../../core/search.js";
import { type SearchIndexHead, SHARD_ABOVE_DOCS, searchInParts } from "../../../core/search-shards.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { createApp } from "../../app.js";
import type { App } from "../../context.js";
import { sitePaths } from "../../site-map.js";
import { searchIndexPartPaths } from "./routes.js";

describe("search page", () => {
  it("renders ranked results on the server, each linking to the exact place", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/search/?q=code+%26+design+quality");
    expect(res.status).toBe(200);
    expect(res.type).toContain("text/html");
    expect(res.body).toContain("<h1>Search</h1>");
    expect(res.body).toMatch(
      /<p class="search-count" role="status">\d+ results for “code &amp; design quality”/,
    );
    expect(res.body).toContain('value="code &amp; design quality"');
    const first = res.body.match(/<li class="search-result type-(\w+)">(.*?)<\/li>/s);
    expect(first?.[1]).toBe("expectation");
    expect(first?.[2]).toContain(
      "Engineering Career Framework</span> · Expectation · Technical craft › Code &amp; design quality · Senior",
    );
    expect(first?.[2]).toContain(
      '<a href="/frameworks/engineering/matrix/#cell-code-quality--senior">Code &amp; design quality at Senior</a>',
    );
    expect(first?.[2]).toContain('<a href="/frameworks/engineering/levels/senior/#exp-code-quality">');
    expect(first?.[2]).toMatch(/<p class="search-snippet">.*<mark>[Dd]esign/);
  });

  it("without a query shows the form and a hint; with no match says so", async () => {
    const { app } = await exampleApp();
    const empty = await get(app, "/search/");
    expect(empty.status).toBe(200);
    expect(empty.body).toContain('<label for="search-q">Search every framework</label>');
    expect(empty.body).toContain('class="search-hint"');
    expect(empty.body).not.toContain("search-results");
    const none = await get(app, "/search/?q=zzqxjvw");
    expect(none.status).toBe(200);
    expect(none.body).toContain("Nothing matches “zzqxjvw”.");
  });

  it("a query that is too long or has control characters gets a clear 400 page, not a 500", async () => {
    const { app } = await exampleApp();
    const long = await get(app, `/search/?q=${"a".repeat(201)}`);
    expect(long.status).toBe(400);
    expect(long.type).toContain("text/html");
    expect(long.body).toContain('role="alert"');
    expect(long.body).toContain("searches are limited to 200");
    expect(long.body).toContain('<input id="search-q"');
    const control = await get(app, "/search/?q=in%07cident");
    expect(control.status).toBe(400);
    expect(control.body).toContain("control characters");
    // malformed percent-encoding is searched as typed, never an error
    expect((await get(app, "/search/?q=%E0%A4%A")).status).toBe(200);
  });

  it("framework text in results is escaped", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E");
    expect(res.status).toBe(200);
    expect(res.body).not.toContain("<script>alert");
    expect(res.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("is the same bytes every time", async () => {
    const { registry } = await exampleApp();
    const a = await get(createApp({ registry }), "/search/?q=incident");
    const b = await get(createApp({ registry }), "/search/?q=incident");
    expect(a.body).toBe(b.body);
  });
});

describe("GET /api/search", () => {
  it("returns {query, total, results} with url, kind, context, score and a marked snippet", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/api/search?q=Backend+developer&limit=3");
    expect(res.status).toBe(200);
    expect(res.type).toContain("application/json");
    const data = JSON.parse(res.body);
    expect(data.query).toBe("Backend developer");
    expect(data.total).toBeGreaterThan(3);
    expect(data.results).toHaveLength(3);
    expect(data.results[0]).toMatchObject({
      framework: "engineering",
      type: "role",
      kind: "Role",
      title: "Backend Engineer",
      url: "/frameworks/engineering/roles/backend-engineer/",
    });
    expect(data.results[0].snippet).toContain("<mark>Backend</mark> <mark>Developer</mark>");
    expect(typeof data.results[0].score).toBe("number");
  });

  it("empty query: no results; bad query or limit: 422 problem naming the field", async () => {
    const { app } = await exampleApp();
    expect(JSON.parse((await get(app, "/api/search")).body)).toMatchObject({
      query: "",
      total: 0,
      results: [],
    });
    for (const path of [
      `/api/search?q=${"x".repeat(201)}`,
      "/api/search?q=a%00b",
      "/api/search?q=team&limit=0",
      "/api/search?q=team&limit=101",
      "/api/search?q=team&limit=ten",
      "/api/search?q=team&limit=-1",
    ]) {
      const res = await get(app, path);
      expect(res.status, path).toBe(422);
      expect(res.type, path).toBe("application/problem+json");
      const problem = JSON.parse(res.body);
      expect(problem, path).toMatchObject({ status: 422, title: "Invalid input" });
      expect(problem.errors, path).toHaveLength(1);
      expect(problem.errors[0].field, path).toBe(path.includes("limit") ? "limit" : "q");
    }
    const defaults = JSON.parse((await get(app, "/api/search?q=team")).body);
    expect(defaults.results).toHaveLength(20);
  });
});

describe("where results point", () => {
  it("every result's page exists and has the element its #anchor names", async () => {
    const { app, registry } = await exampleApp();
    const frameworks = registry.list().flatMap((fw) => (fw.index ? [{ id: fw.id, index: fw.index }] : []));
    const urls = buildSearchDocuments(frameworks).flatMap((d) => [d.url, ...(d.also ? [d.also.url] : [])]);
    const pages = new Map<string, string>();
    const missing: string[] = [];
    for (const url of urls) {
      const [path = "", hash] = url.split("#");
      if (!pages.has(path)) {
        const res = await get(app, path);
        expect(res.status, path).toBe(200);
        pages.set(path, res.body);
      }
      if (hash && !pages.get(path)?.includes(`id="${hash}"`)) missing.push(url);
    }
    expect(urls.length).toBeGreaterThan(400);
    expect(missing).toEqual([]);
  });
});

describe("static site search", () => {
  it("the page carries the form, the base for links and the two scripts, and no results", async () => {
    const { registry } = await exampleApp();
    const app = createApp({ registry, staticSite: true });
    const res = await get(app, "/search/");
    expect(res.status).toBe(200);
    expect(res.body).toContain('<body class="search" data-static="true">');
    expect(res.body).toContain('action="index.html"');
    expect(res.body).toContain('data-base="../index.html"');
    expect(res.body).toContain('<script src="../search-index.js" defer=""></script>');
    expect(res.body).toContain('<script src="../assets/search.js" defer=""></script>');
    expect(res.body).toContain("<noscript>");
    expect(res.body).not.toContain("search-results");
  });

  it("/search-index.js assigns the serialized index to a global, and it searches like the server", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/search-index.js");
    expect(res.status).toBe(200);
    expect(res.type).toContain("text/javascript");
    expect(res.body.startsWith("globalThis.RUNGS_SEARCH = {")).toBe(true);
    const sandbox: { globalThis?: unknown; RUNGS_SEARCH?: SearchPayload } = {};
    sandbox.globalThis = sandbox;
    runInNewContext(res.body, sandbox);
    const payload = sandbox.RUNGS_SEARCH as SearchPayload;
    expect(payload.format).toBe(1);
    const fromScript = searchIndex(loadSearchIndex(payload), "incident review", 10);
    const fromApi = JSON.parse((await get(app, "/api/search?q=incident+review&limit=10")).body);
    expect(fromScript.total).toBe(fromApi.total);
    expect(fromScript.results).toEqual(fromApi.results);
  });

  it("filters by framework, kind, level and area with counts, and pages beyond the first", async () => {
    const { app } = await exampleApp();
    const all = JSON.parse((await get(app, "/api/search?q=team&limit=5")).body);
    expect(all.pages).toBeGreaterThan(1);
    const frameworks = new Map(
      all.facets.framework.map((f: { value: string; count: number }) => [f.value, f.count]),
    );
    expect([...frameworks.keys()].sort()).toEqual(["engineering", "product-matrix"]);
    // a level filter means nothing without one framework: it is dropped, not an error
    expect(JSON.parse((await get(app, "/api/search?q=team&level=senior")).body).filters).toEqual({});
    const one = JSON.parse(
      (await get(app, "/api/search?q=team&fw=engineering&kind=expectation&limit=100")).body,
    );
    expect(one.total).toBe(one.facets.kind.find((k: { value: string }) => k.value === "expectation").count);
    expect(
      one.results.every(
        (r: { framework: string; type: string }) => r.framework === "engineering" && r.type === "expectation",
      ),
    ).toBe(true);
    // each kind's filter keeps as many results as it says, and every one shows that kind
    for (const facet of all.facets.kind as { value: string; label: string; count: number }[]) {
      const kept = JSON.parse((await get(app, `/api/search?q=team&kind=${facet.value}&limit=100`)).body);
      expect(kept.total).toBe(facet.count);
      for (const r of kept.results as { kind: string }[])
        expect(r.kind).toMatch(new RegExp(`^${facet.label}`));
    }
    expect(one.facets.level.length).toBeGreaterThan(1);
    const level = one.facets.level[0];
    const atLevel = JSON.parse(
      (await get(app, `/api/search?q=team&fw=engineering&kind=expectation&level=${level.value}&limit=100`))
        .body,
    );
    expect(atLevel.total).toBe(level.count);
    // page 2 continues where page 1 stopped
    const p1 = JSON.parse((await get(app, "/api/search?q=team&limit=3")).body);
    const p2 = JSON.parse((await get(app, "/api/search?q=team&limit=3&page=2")).body);
    expect(p2.page).toBe(2);
    expect(p2.results[0].url).not.toBe(p1.results[0].url);
    expect(JSON.parse((await get(app, "/api/search?q=team&kind=nope")).body).errors[0].field).toBe("kind");

    const page = await get(app, "/search/?q=team&fw=engineering&kind=criterion");
    expect(page.status).toBe(200);
    expect(page.body).toContain('<nav class="search-filters" aria-label="Filter the results">');
    const paged = await get(app, "/search/?q=team&page=2");
    expect(paged.body).toContain("Page 2 of");
    expect(paged.body).toContain('rel="prev"');
    expect((await get(app, "/search/?q=team&page=0")).status).toBe(400);
  });
});

describe("a large framework's index in parts", () => {
  let dir: string;
  let app: App;
  let registry: FrameworkRegistry;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rungs-search-parts-"));
    // 8 areas × 10 competencies × 15 levels: over SHARD_ABOVE_DOCS documents
    generateFramework(join(dir, "large"), { levels: 15, areas: 8, perArea: 10 });
    ({ app, registry } = await pathsApp([join(dir, "large")]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs a served script in a sandbox standing in for the browser's window. */
  function runScript(body: string, sandbox: Record<string, unknown>): void {
    sandbox.globalThis = sandbox;
    runInNewContext(body, sandbox);
  }

  it("/search-index.js is the head; each part is a script; the parts search like the server", async () => {
    const head = await get(app, "/search-index.js");
    expect(head.status).toBe(200);
    const sandbox: { RUNGS_SEARCH?: SearchIndexHead; RUNGS_SEARCH_PARTS?: Record<string, unknown> } = {};
    runScript(head.body, sandbox);
    const payload = sandbox.RUNGS_SEARCH as SearchIndexHead;
    expect(payload.format).toBe(2);
    expect(payload.types.length).toBeGreaterThan(SHARD_ABOVE_DOCS);

    const partPaths = searchIndexPartPaths(registry);
    expect(partPaths.length).toBeGreaterThan(payload.chunks);
    // the static build writes every part: they are in the site map right after the head
    const site = sitePaths(registry, []);
    expect(site.slice(site.indexOf("/search-index.js") + 1, partPaths.length + 3)).toEqual(partPaths);

    for (const q of ["regularly mentors", "scope 12", "docmuents", "ocuments"]) {
      const outcome = await searchInParts(payload, q, 20, async (name) => {
        const part = await get(app, `/search-index/${name}.js`);
        expect(part.status, name).toBe(200);
        expect(part.type).toContain("text/javascript");
        runScript(part.body, sandbox);
        return sandbox.RUNGS_SEARCH_PARTS?.[name];
      });
      const served = JSON.parse((await get(app, `/api/search?q=${encodeURIComponent(q)}&limit=20`)).body);
      expect(outcome.total, q).toBe(served.total);
      expect(outcome.results, q).toEqual(served.results);
    }
  });

  it("a part that is not there is a 404, not an error", async () => {
    for (const name of ["t-zz.js", "d-99999.js", "..%2Fpackage.json", `${"x".repeat(200)}.js`]) {
      const res = await get(app, `/search-index/${name}`);
      expect(res.status, name).toBe(name.length > 80 ? 422 : 404);
    }
  });
});
