import { describe, expect, it } from "vitest";
import { exampleApp, get, pathsApp } from "../../../../test/support/app.js";

describe("home and framework overview", () => {
  it("home lists the loaded frameworks and offers search", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/");
    expect(res.status).toBe(200);
    expect(res.type).toContain("text/html");
    expect(res.body).toContain('<a href="/frameworks/engineering/">Engineering Career Framework</a>');
    expect(res.body).toContain('action="/search/"');
  });

  it("home and overview link to level equivalence and occupation codes only when something is there", async () => {
    const links = (body: string) => ({
      equivalence: body.includes('href="/equivalence/"'),
      occupations: body.includes('href="/occupations/"'),
    });
    const none = await pathsApp(["examples/seed-forked-ladder"]);
    expect(links((await get(none.app, "/")).body)).toEqual({ equivalence: false, occupations: false });
    expect(links((await get(none.app, "/frameworks/seed-forked-ladder/")).body)).toEqual({
      equivalence: false,
      occupations: false,
    });
    // levels placed on the reference scale, no role with an occupation code
    const placed = await pathsApp(["examples/product-matrix", "examples/seed-forked-ladder"]);
    expect(links((await get(placed.app, "/")).body)).toEqual({ equivalence: true, occupations: false });
    expect(links((await get(placed.app, "/frameworks/seed-forked-ladder/")).body)).toEqual({
      equivalence: false,
      occupations: false,
    });
    const { app } = await exampleApp();
    expect(links((await get(app, "/")).body)).toEqual({ equivalence: true, occupations: true });
    expect(links((await get(app, "/frameworks/engineering/")).body)).toEqual({
      equivalence: true,
      occupations: true,
    });
  });

  it("the overview draws the ladder with a link per level and lists levels, areas and roles", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/frameworks/engineering/");
    expect(res.status).toBe(200);
    const levelLinks =
      res.body.match(/<a href="\/frameworks\/engineering\/levels\/[a-z-]+\/" class="node/g) ?? [];
    expect(levelLinks).toHaveLength(12);
    expect(res.body).toContain("A team&#39;s output");
    expect(res.body).toContain('href="/frameworks/engineering/areas/craft/"');
    expect(res.body).toContain('href="/frameworks/engineering/roles/backend-engineer/"');
  });

  it("a ladder box whose name is cut short gives the full name as its hover text", async () => {
    const { app } = await pathsApp(["examples/seed-forked-ladder"]);
    const body = (await get(app, "/frameworks/seed-forked-ladder/")).body;
    expect(body).toContain("Head of product engineeri…</text>");
    expect(body).toMatch(/class="node[^"]*"><title>Head of product engineering\n[^<]+<\/title>/);
  });

  it("a long name with no unit of leverage under it takes two lines, so the FT's -ic and -pm stay apart", async () => {
    const { app } = await pathsApp(["test/fixtures/import/ft/forked-family.yml.golden"]);
    const body = (await get(app, "/frameworks/platform-engineering/")).body;
    expect(body).toContain('Senior Platform Engineer 2</text><text x="');
    expect(body).toMatch(/class="name"[^>]*>\(Individual Contributor\)<\/text>/);
    expect(body).toMatch(/class="name"[^>]*>\(People Manager\)<\/text>/);
    // a line a wide sans would draw past the box's edges is condensed to the box; one that fits is left alone
    expect(body).toMatch(
      /class="name" textLength="184" lengthAdjust="spacingAndGlyphs">Senior Platform Engineer 1</,
    );
    expect(body).toMatch(/class="name">Head of Platform</);
  });

  it("the levels table has a column for codes, leverage or summary only where some level fills it", async () => {
    const { app } = await pathsApp(["examples/seed-forked-ladder", "test/fixtures/shapes/points-ladder"]);
    const heads = async (fw: string) => {
      const body = (await get(app, `/frameworks/${fw}/`)).body;
      const table = body.slice(
        body.indexOf('<section id="levels"'),
        body.indexOf("</thead>", body.indexOf('<section id="levels"')),
      );
      return [...table.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    };
    // no level has a code: no empty Code column
    expect(await heads("seed-forked-ladder")).toEqual([
      "Level",
      "Track",
      "Unit of leverage",
      "What good looks like",
    ]);
    // nothing but names and a track
    expect(await heads("points-ladder")).toEqual(["Level", "Track"]);
    // every level here has a code, leverage and summary: every column stays
    const { app: engineering } = await exampleApp();
    const body = (await get(engineering, "/frameworks/engineering/")).body;
    expect(body).toContain('<th scope="col">Pay band</th>');
    expect(body).toContain('<th scope="col">Unit of leverage</th>');
    expect(body).toContain('<th scope="col">What good looks like</th>');
  });

  it("the overview's data is at /api/frameworks/:fw", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/api/frameworks/engineering");
    expect(res.status).toBe(200);
    const data = JSON.parse(res.body);
    expect(data.levels.map((l: { id: string }) => l.id).slice(0, 5)).toEqual([
      "intern",
      "junior",
      "mid",
      "senior",
      "lead",
    ]);
    expect(data.ladder.nodes).toHaveLength(12);
    // The version it was made from: a field and, on every answer about the framework, a header.
    expect(data.identity.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(res.headers.get("rungs-framework-version")).toBe(data.identity.hash);
    const page = await get(app, "/frameworks/engineering/levels/senior/");
    expect(page.body).toContain(`Framework version 2026.2 · ${data.identity.hash.slice(0, 19)}</p>`);
    expect(page.headers.get("rungs-framework-version")).toBe(data.identity.hash);
    expect((await get(app, "/")).body).not.toContain("Framework version");
    const list = JSON.parse((await get(app, "/api/frameworks")).body);
    expect(list.frameworks.map((f: { id: string }) => f.id)).toEqual(["engineering", "product-matrix"]);
    expect(list.frameworks[0].identity).toEqual(data.identity);
  });

  it("unknown framework: a friendly 404 page, a JSON 404 in the API", async () => {
    const { app } = await exampleApp();
    const page = await get(app, "/frameworks/nope/");
    expect(page.status).toBe(404);
    expect(page.body).toContain("There is no framework &quot;nope&quot; here.");
    expect(page.body).toContain('href="/">All frameworks</a>');
    const api = await get(app, "/api/frameworks/nope");
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body)).toMatchObject({ error: 'no framework "nope"' });
    expect((await get(app, "/no/such/page")).status).toBe(404);
  });

  it("framework pages carry an ETag and answer a matching If-None-Match with 304", async () => {
    const { app } = await exampleApp();
    const first = await get(app, "/frameworks/engineering/");
    const tag = first.headers.get("etag");
    expect(tag).toBeTruthy();
    expect(first.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    const again = await app.request("/frameworks/engineering/", {
      headers: { "If-None-Match": tag as string },
    });
    expect(again.status).toBe(304);
  });

  it("pages send a strict content security policy: no inline script, nothing from elsewhere", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.body).not.toMatch(/<script(?![^>]*src=)/);
  });
});
