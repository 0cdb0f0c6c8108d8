import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_PATHS, exampleApp, get, pathsApp } from "../../../../test/support/app.js";
import { elementById } from "../../../../test/support/html.js";
import { nodeFileSystem } from "../../../load/fs-port.js";
import { loadOccupations } from "../../../load/occupations.js";
import { FrameworkRegistry } from "../../../load/registry.js";
import { createApp } from "../../app.js";
import type { App } from "../../context.js";
import { occupationSlug, paths } from "../../links.js";
import { sitePaths } from "../../site-map.js";

const role = "/frameworks/engineering/roles/backend-engineer/";

/** Every href of a page (server links are site-absolute). */
const hrefs = (body: string) =>
  [...body.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] as string).replace(/&amp;/g, "&"));

describe("adjacent roles on the role profile", () => {
  it("without ?level= shows the first level's nearest role-levels and says which level that is", async () => {
    const { app } = await exampleApp();
    const res = await get(app, role);
    expect(res.status).toBe(200);
    const panel = elementById(res.body, "adjacent");
    expect(panel).toContain("Adjacent roles");
    expect(panel).toContain(
      "Showing <bdi>Backend Engineer</bdi> at <bdi>Intern</bdi> (P1), the role&#39;s first level.",
    );
    expect(panel).toContain('<option value="intern" selected="">');
    expect(panel).toMatch(/<th scope="col">Distance<\/th><th scope="col">Band<\/th>/);
    // distance with two decimals, band as a word
    expect(panel).toMatch(/<span class="distance-value">\d\.\d\d<\/span>/);
    expect(panel).toMatch(/<span class="band band-(close|review|far)">(close|needs review|far)<\/span>/);
    expect(panel).toContain("<summary>How distance works</summary>");
    expect(panel).toContain("divided by 4");
  });

  it("?level= chooses the level; every row links the role at that level, its level, and a comparison", async () => {
    const { app } = await exampleApp();
    const res = await get(app, `${role}?level=senior`);
    const panel = elementById(res.body, "adjacent-senior");
    expect(panel).toContain("Showing <bdi>Backend Engineer</bdi> at <bdi>Senior</bdi> (P4).");
    expect(panel).not.toContain("first level");
    expect(panel).toContain(
      '<a href="/frameworks/engineering/roles/frontend-engineer/?level=senior#level-senior">Frontend Engineer</a>',
    );
    // one row per other role, at its nearest level: not five levels of Backend Engineer first
    const rows = [...panel.matchAll(/<tr data-band="\w+"><th scope="row"><a href="[^"]*">([^<]+)<\/a>/g)].map(
      (m) => m[1],
    );
    expect(rows).toEqual(["Frontend Engineer", "Site Reliability Engineer", "Engineering Manager"]);
    const compares = hrefs(panel).filter((h) => h.startsWith("/compare-across/role-levels/"));
    expect(compares.length).toBe(rows.length);
    expect(compares).toContain(
      "/compare-across/role-levels/engineering/backend-engineer/senior/engineering/frontend-engineer/senior/",
    );
    // the role's other levels in a line of their own, and each role's other levels under its name
    expect(panel).toMatch(
      /<p class="same-role"><bdi>Backend Engineer<\/bdi> at its other levels: <a href="[^"]+\?level=mid#level-mid">Mid<\/a> 0\.13 /,
    );
    expect(panel).toContain('<span class="other-levels">also Mid 0.41, Lead 0.41, Junior 0.54, …</span>');
    // the distance's parts under its bar, and a legend that says what each band means
    expect(panel).toMatch(
      /<span class="distance-why">level \d\.\d\d · role \d\.\d\d( · skills \d\.\d\d)?<\/span>/,
    );
    expect(panel).toContain("up to 0.25: a natural next move");
    for (const href of hrefs(panel)) expect((await get(app, href)).status, href).toBe(200);
    // every band says its name in words (in the legend, the table and the same-role line)
    const bands = [...panel.matchAll(/<span class="band band-(\w+)">([^<]+)<\/span>/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(bands.length).toBe(3 + rows.length + 6);
    const words: Record<string, string> = { close: "close", review: "needs review", far: "far" };
    for (const [band, text] of bands) expect(text).toBe(words[band as string]);
    // the role-level code wraps after its dots only
    expect(panel).toContain(
      '<code class="rl-code"><span>software-engineering</span>.<wbr/><span>backend-engineer</span>.<wbr/><span>senior</span></code>',
    );
  });

  it("an unknown ?level= keeps the default panel (the page is a 400 with its notice)", async () => {
    const { app } = await exampleApp();
    const res = await get(app, `${role}?level=nope`);
    expect(res.status).toBe(400);
    expect(elementById(res.body, "adjacent")).toContain("the role&#39;s first level");
  });

  it("every role of the example has the panel, with rows", async () => {
    const { app, registry } = await exampleApp();
    const index = registry.get("engineering")?.index;
    for (const id of index?.roles.keys() ?? []) {
      const { body } = await get(app, paths.role("engineering", id));
      expect(elementById(body, "adjacent"), id).toMatch(/<tr data-band="(close|review|far)">/);
    }
  });

  it("classification codes link to their occupation pages", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, role);
    const codes = hrefs(elementById(body, "classifications")).filter((h) => h.startsWith("/occupations/"));
    expect(codes).toContain("/occupations/soc-2018/15-1252/");
    for (const href of codes) expect((await get(app, href)).status, href).toBe(200);
  });

  it("an occupation's page shows each mapping as the role page does: its match type (or that none is stated) and its sources", async () => {
    const { app } = await pathsApp(["examples/seed-role-profile"]);
    const roles = elementById((await get(app, "/occupations/onet-soc-2019/15-1244.00/")).body, "roles");
    const row = roles.slice(roles.indexOf("<tbody>"));
    expect(row).toContain(
      '<th scope="row"><a href="/frameworks/seed-role-profile/roles/platform-engineer/">',
    );
    expect(row).toContain('<td class="match-unstated">not stated</td>');
    expect(row).toMatch(
      /<a href="\/frameworks\/seed-role-profile\/roles\/platform-engineer\/#source-soc-manual">[^<]+<\/a>/,
    );
    const profile = elementById(
      (await get(app, "/frameworks/seed-role-profile/roles/platform-engineer/")).body,
      "classifications",
    );
    // one component draws both: the same columns after what the row is about
    for (const head of ["Match", "Source", "Note"]) {
      expect(roles).toContain(`<th scope="col">${head}</th>`);
      expect(profile).toContain(`<th scope="col">${head}</th>`);
    }
  });
});

describe("GET /api/frameworks/:fw/roles/:role/adjacent", () => {
  const api = "/api/frameworks/engineering/roles/backend-engineer/adjacent";

  it("returns the panel's data: the level (default the first), settings and the nearest role-levels", async () => {
    const { app } = await exampleApp();
    const res = await get(app, api);
    expect(res.status).toBe(200);
    const data = JSON.parse(res.body);
    expect(data.defaulted).toBe(true);
    expect(data.level.id).toBe("intern");
    expect(data.settings).toMatchObject({ close: 0.25, review: 0.5 });
    expect(data.adjacent).toHaveLength(10);
    // grouped too: the other roles at every level compared, the role itself at its other levels apart
    expect(data.roles.map((g: { role: string }) => g.role)).not.toContain("backend-engineer");
    expect(data.roles[0].levels.length).toBeGreaterThan(1);
    expect(
      data.sameRole.every((a: { target: { role: string } }) => a.target.role === "backend-engineer"),
    ).toBe(true);
    expect(data.adjacent[0]).toMatchObject({
      target: { framework: "engineering" },
      band: expect.any(String),
    });
    const senior = JSON.parse((await get(app, `${api}?level=senior&limit=3`)).body);
    expect(senior.level.code).toBe("software-engineering.backend-engineer.senior");
    expect(senior.adjacent).toHaveLength(3);
    expect(senior.defaulted).toBe(false);
  });

  it("refuses a bad limit (422 with the field), a level the role does not span (400), unknown roles and frameworks (404)", async () => {
    const { app } = await exampleApp();
    for (const q of ["limit=0", "limit=101", "limit=abc", "limit=2.5", "limit=", "level=%00"]) {
      const res = await get(app, `${api}?${q}`);
      expect(res.status, q).toBe(422);
      expect(res.type, q).toBe("application/problem+json");
      expect(JSON.parse(res.body).errors[0].field, q).toBe(q.split("=")[0]);
    }
    const level = await get(app, `${api}?level=manager`);
    expect(level.status).toBe(400);
    expect(JSON.parse(level.body).levels).toContain("senior");
    expect((await get(app, "/api/frameworks/engineering/roles/nope/adjacent")).status).toBe(404);
    expect((await get(app, "/api/frameworks/nope/roles/backend-engineer/adjacent")).status).toBe(404);
  });
});

describe("two levels across frameworks: criteria (format 2)", () => {
  it("in one framework each criterion is a row of its own, diffed; across two, each side lists its criteria", async () => {
    const { app } = await pathsApp([
      "test/fixtures/shapes/criteria-lists",
      "test/fixtures/shapes/stepped-roles",
    ]);
    const within = await get(app, paths.compareAcrossLevels("criteria-lists", "l1", "criteria-lists", "l2"));
    expect(within.status).toBe(200);
    const row = elementById(within.body, "area-technical-code-quality--crit-readable");
    expect(row).toContain("is-changed");
    expect(row).toContain("<del>");
    expect(within.body).toContain('id="cmp-view-changes"');

    const across = await get(app, paths.compareAcrossLevels("criteria-lists", "l1", "stepped-roles", "e2"));
    expect(across.status).toBe(200);
    const left = elementById(across.body, "exp-a");
    expect(left).toContain('<ol class="criteria">');
    expect(left).toContain("Adds tests that fail when the change is reverted.");
    expect(left).not.toContain("No expectation written.");
    expect(elementById(across.body, "exp-b")).toContain("<bdi>Proficiency</bdi>: <bdi>Doing</bdi>");
  });
});

describe("two levels across frameworks", () => {
  const page = "/compare-across/levels/engineering/senior/product-matrix/l3/";

  it("shows both levels with framework, codes, reference steps and the expectations of each", async () => {
    const { app } = await exampleApp();
    const res = await get(app, page);
    expect(res.status).toBe(200);
    expect(res.body).toContain(
      "<h1><bdi>Senior Software Engineer</bdi> compared with <bdi>Product Engineer III</bdi></h1>",
    );
    expect(res.body).toContain("share step 4 of the reference scale.");
    expect(res.body).toContain(
      '<a href="/frameworks/product-matrix/">Larkspur Product Engineering Matrix</a>',
    );
    expect(res.body).toContain('<a href="/equivalence/#step-4">Step 4: \u2068Senior\u2069</a>');
    // across frameworks: each level's own areas side by side, linked to their matrix cells
    expect(elementById(res.body, "exp-a")).toContain("/frameworks/engineering/matrix/#cell-");
    expect(elementById(res.body, "exp-b")).toContain("/frameworks/product-matrix/matrix/#cell-");
    // the engineering dimensions have no counterpart in the product matrix
    expect(res.body).toContain("The two frameworks declare no dimension measuring the same aspect");
    expect(res.body).toContain("Only in Senior Software Engineer");
    expect(res.body).toContain(
      'href="/compare-across/levels/product-matrix/l3/engineering/senior/">Swap sides</a>',
    );
  });

  it("within one framework compares competency by competency with word diffs", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/compare-across/levels/engineering/mid/engineering/senior/");
    expect(res.status).toBe(200);
    expect(res.body).toContain('<table class="cmp-table" id="area-craft">');
    expect(res.body).toMatch(
      /<ins><span class="visually-hidden">\[only in Senior Software Engineer: <\/span>/,
    );
    expect(res.body).toContain('id="dim-scope"');
  });

  it("answers the same data as JSON; unknown ids are 404s naming them; a level with itself is a 400", async () => {
    const { app } = await exampleApp();
    const json = JSON.parse((await get(app, `/api${page.slice(0, -1)}`)).body);
    expect(json.a.level.id).toBe("senior");
    expect(json.b.framework).toEqual({ id: "product-matrix", name: "Larkspur Product Engineering Matrix" });
    expect(json.reference).toMatchObject({ comparable: true, overlap: true });
    expect(json.expectations.b.length).toBeGreaterThan(0);

    const unknown = await get(app, "/api/compare-across/levels/engineering/nope/nowhere/l3");
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).unknown).toEqual(["engineering/nope", "nowhere"]);
    const page404 = await get(app, "/compare-across/levels/engineering/nope/product-matrix/l3/");
    expect(page404.status).toBe(404);
    expect(page404.body).toContain("level or role &quot;nope&quot; in engineering");
    expect((await get(app, "/compare-across/levels/engineering/senior/engineering/senior/")).status).toBe(
      400,
    );
    expect((await get(app, "/api/compare-across/levels/engineering/senior/engineering/senior")).status).toBe(
      400,
    );
  });

  it("the chooser redirects a choice to its page, within a framework to the framework's compare page", async () => {
    const { app } = await exampleApp();
    const form = await get(app, "/compare-across/levels/");
    expect(form.status).toBe(200);
    expect(form.body).toContain('<label for="across-a">First level</label>');
    const across = await get(app, "/compare-across/levels/?a=engineering%3Asenior&b=product-matrix%3Al3");
    expect(across.status).toBe(302);
    expect(across.headers.get("location")).toBe(page);
    const within = await get(app, "/compare-across/levels/?a=engineering:mid&b=engineering:senior");
    expect(within.headers.get("location")).toBe("/frameworks/engineering/compare/mid/senior/");
    const bad = await get(app, "/compare-across/levels/?a=senior&b=");
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('role="alert"');
    const unknown = await get(app, "/compare-across/levels/?a=engineering:nope&b=product-matrix:l3");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain("There is no level &quot;engineering:nope&quot;");
    expect((await get(app, "/compare-across/levels/?a=engineering:mid&b=engineering:mid")).status).toBe(400);
    const hostile = await get(app, "/compare-across/levels/?a=%3Cscript%3E&b=x");
    expect(hostile.status).toBe(422);
    expect(hostile.body).not.toContain("<script>");
  });
});

describe("two role-levels side by side", () => {
  const page =
    "/compare-across/role-levels/engineering/backend-engineer/senior/engineering/site-reliability-engineer/staff/";

  it("shows family, role, level, codes, responsibilities, skills shared and apart, codes, and the distance", async () => {
    const { app } = await exampleApp();
    const res = await get(app, page);
    expect(res.status).toBe(200);
    expect(res.body).toContain(
      "<h1><bdi>Backend Engineer at Senior</bdi> compared with <bdi>Site Reliability Engineer at Staff</bdi></h1>",
    );
    expect(res.body).toContain(
      "\u2068Software Engineering\u2069 › \u2068Reliability &amp; Infrastructure Engineering\u2069",
    );
    expect(res.body).toContain("<span>staff</span></code>");
    const distance = elementById(res.body, "distance");
    expect(distance).toMatch(/<span class="band band-(close|review|far)">/);
    expect(distance).toMatch(/<th scope="row">Level<\/th><td><span class="distance">/);
    expect(distance).toContain("Total (weighted average)");
    expect(elementById(res.body, "skills-shared")).toMatch(/Shared \(\d+\)/);
    expect(elementById(res.body, "responsibilities")).toContain("Leads the design of a new service");
    expect(elementById(res.body, "classifications")).toContain('href="/occupations/soc-2018/15-1244/"');
  });

  it("answers JSON with the distance parts; unknown ids 404, the same role-level twice 400", async () => {
    const { app } = await exampleApp();
    const json = JSON.parse((await get(app, `/api${page.slice(0, -1)}`)).body);
    expect(json.distance.total).toBeGreaterThan(0);
    expect(json.distance.level).toBeGreaterThan(0);
    expect(json.a.code).toBe("software-engineering.backend-engineer.senior");
    expect(json.sameFamily).toBe(false);
    const wrongLevel = await get(
      app,
      "/api/compare-across/role-levels/engineering/backend-engineer/manager/engineering/site-reliability-engineer/staff",
    );
    expect(wrongLevel.status).toBe(404);
    expect(JSON.parse(wrongLevel.body).unknown).toEqual(["engineering/backend-engineer/manager"]);
    expect(
      (
        await get(
          app,
          "/compare-across/role-levels/engineering/nope/senior/engineering/backend-engineer/senior/",
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await get(
          app,
          "/compare-across/role-levels/engineering/backend-engineer/senior/engineering/backend-engineer/senior/",
        )
      ).status,
    ).toBe(400);
  });
});

describe("level equivalence", () => {
  it("with no level placed on the scale, says how to place one instead of twelve rows of dashes", async () => {
    const { app } = await pathsApp(["test/fixtures/shapes/criteria-lists"]);
    const res = await get(app, "/equivalence/");
    expect(res.status).toBe(200);
    expect(res.body).not.toContain("<table");
    expect(res.body).toContain(
      "<p>No level is placed on the reference scale yet. Give a level a reference step (its <code>reference</code>, in the framework format: docs/format.md, 3.16) to line it up here with the levels of other frameworks.</p>",
    );
    expect(res.body).toContain('id="unplaced-');
  });

  it("has a row per reference step and a column per framework; cells link levels with their match as text", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/equivalence/");
    expect(res.status).toBe(200);
    expect(res.body).toContain("<caption>Levels of every framework by step of the reference scale</caption>");
    expect(res.body).toContain('<th scope="col" id="fw-engineering"><a href="/frameworks/engineering/">');
    expect(res.body).toContain('<th scope="col" id="fw-product-matrix">');
    for (let step = 1; step <= 12; step++) expect(res.body).toContain(`<tr id="step-${step}">`);
    const shared = elementById(res.body, "step-4");
    expect(shared).toContain('href="/frameworks/engineering/levels/senior/"');
    expect(shared).toContain('href="/frameworks/product-matrix/levels/l3/"');
    expect(shared).toMatch(/(exact|close|broad|narrow) match/);
    expect(shared).toContain('href="/compare-across/levels/engineering/senior/product-matrix/l3/"');
    // a level spanning steps appears in each, saying so
    const spanning = [...res.body.matchAll(/\(steps (\d+)–(\d+)\)/g)];
    expect(spanning.length).toBeGreaterThan(0);
    const [, from, to] = spanning[0] as RegExpMatchArray;
    expect(Number(to)).toBeGreaterThan(Number(from));
    expect(res.body).toContain(
      '<form class="compare-chooser" method="get" action="/compare-across/levels/">',
    );
    for (const href of hrefs(res.body).filter((h) => h.startsWith("/compare-across/")))
      expect((await get(app, href)).status, href).toBe(200);
  });

  it("GET /api/equivalence returns the table and each framework's levels", async () => {
    const { app } = await exampleApp();
    const data = JSON.parse((await get(app, "/api/equivalence")).body);
    expect(data.frameworks.map((f: { id: string }) => f.id)).toEqual(["engineering", "product-matrix"]);
    expect(data.rows).toHaveLength(12);
    expect(data.rows[3].cells.engineering.map((c: { level: string }) => c.level)).toContain("senior");
    expect(Array.isArray(data.unplaced)).toBe(true);
  });

  it("the level page lists equivalent levels of other frameworks, each with a comparison that exists", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, "/frameworks/engineering/levels/senior/");
    const list = elementById(body, "equivalents");
    expect(list).toContain("Equivalent levels in other frameworks");
    expect(list).toContain('href="/frameworks/product-matrix/levels/l3/"');
    expect(list).toContain("in Larkspur Product Engineering Matrix");
    const compare = hrefs(list).filter((h) => h.startsWith("/compare-across/levels/"));
    expect(compare).toContain("/compare-across/levels/engineering/senior/product-matrix/l3/");
    for (const href of compare) expect((await get(app, href)).status, href).toBe(200);
  });

  it("the home page and the framework overview link to the equivalence table and the occupation codes", async () => {
    const { app } = await exampleApp();
    for (const path of ["/", "/frameworks/engineering/"]) {
      const links = hrefs((await get(app, path)).body);
      expect(links, path).toContain("/equivalence/");
      expect(links, path).toContain("/occupations/");
    }
  });
});

describe("occupation codes", () => {
  it("/occupations/ lists every code by scheme with title, role count and a link", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/occupations/");
    expect(res.status).toBe(200);
    expect(elementById(res.body, "scheme-soc-2018")).toContain('<h2 id="scheme-soc-2018-h">SOC 2018</h2>');
    expect(res.body).toMatch(
      /<a href="\/occupations\/soc-2018\/15-1252\/"><code>15-1252<\/code><\/a><\/th><td>Software Developers<\/td><td>3<\/td>/,
    );
    expect(elementById(res.body, "scheme-onet-soc-2019")).toContain("15-1252.00");
    const api = JSON.parse((await get(app, "/api/occupations")).body);
    expect(api.schemes[0]).toMatchObject({ scheme: "soc-2018", schemeName: "SOC 2018" });
  });

  it("a code page shows the SOC hierarchy and the roles mapped to it with their match", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/occupations/soc-2018/15-1252/");
    expect(res.status).toBe(200);
    expect(res.body).toContain("<h1>Software Developers</h1>");
    const path = elementById(res.body, "hierarchy");
    expect(path).toContain("Major group: </span>Computer and Mathematical Occupations <code>15-0000</code>");
    expect(path).toContain("Minor group: </span>Computer Occupations <code>15-1200</code>");
    expect(path).toContain("Broad occupation: ");
    const roles = elementById(res.body, "roles");
    expect(roles).toContain('<a href="/frameworks/engineering/roles/backend-engineer/">Backend Engineer</a>');
    expect(roles).toContain("<td>broad</td>");
    const api = JSON.parse((await get(app, "/api/occupations/soc-2018/15-1252")).body);
    expect(api.hierarchy.map((h: { group: string }) => h.group)).toEqual(["major", "minor", "broad"]);
    expect(api.roles.length).toBe(3);
  });

  it("a code no role uses, or an unknown scheme, is a 404 page or JSON error", async () => {
    const { app } = await exampleApp();
    for (const path of ["/occupations/soc-2018/15-1211/", "/occupations/nope/15-1252/"]) {
      const res = await get(app, path);
      expect(res.status, path).toBe(404);
      expect(res.body).toContain("Not found");
    }
    const api = await get(app, "/api/occupations/soc-2018/99-9999");
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body).error).toMatch(/99-9999/);
  });
});

describe("roles by title", () => {
  it("redirects a name or alias, ignoring case and spaces, to the role", async () => {
    const { app } = await exampleApp();
    for (const title of [
      "Backend%20developer",
      "BACKEND%20%20DEVELOPER",
      "backend%20engineer",
      "backenddeveloper",
    ]) {
      const res = await get(app, `/roles/by-title/?title=${title}`);
      expect(res.status, title).toBe(302);
      expect(res.headers.get("location")).toBe(role);
    }
  });

  it("a title no role has is a friendly 404 with a search link; an empty or bad title is a 422", async () => {
    const { app } = await exampleApp();
    const none = await get(app, "/roles/by-title/?title=Astronaut");
    expect(none.status).toBe(404);
    expect(none.body).toContain("No role is called “Astronaut”");
    expect(none.body).toContain('href="/search/?q=Astronaut"');
    expect(none.body).toContain('<input id="by-title" type="text" name="title" value="Astronaut"');
    expect((await get(app, "/roles/by-title/?title=")).status).toBe(422);
    expect((await get(app, `/roles/by-title/?title=${"x".repeat(201)}`)).status).toBe(422);
    expect((await get(app, "/roles/by-title/?title=a%00b")).status).toBe(422);
    const form = await get(app, "/roles/by-title/");
    expect(form.status).toBe(200);
    expect(form.body).toContain('<label for="by-title">Job title</label>');
  });

  it("GET /api/roles?title= returns the matches, or a 400 for a missing or bad title", async () => {
    const { app } = await exampleApp();
    const data = JSON.parse((await get(app, "/api/roles?title=sre")).body);
    expect(data.matches).toEqual([
      {
        framework: { id: "engineering", name: "Engineering Career Framework" },
        role: { id: "site-reliability-engineer", name: "Site Reliability Engineer" },
        family: { id: "reliability-engineering", name: "Reliability & Infrastructure Engineering" },
        matched: "SRE",
        via: "alias",
      },
    ]);
    expect(JSON.parse((await get(app, "/api/roles?title=astronaut")).body).matches).toEqual([]);
    for (const q of ["", "?title=", "?title=%01", `?title=${"x".repeat(201)}`]) {
      const res = await get(app, `/api/roles${q}`);
      expect(res.status, q).toBe(422);
      expect(
        JSON.parse(res.body).errors.map((e: { field: string }) => e.field),
        q,
      ).toEqual(["title"]);
    }
  });
});

describe("with a second framework that shares titles and codes", () => {
  let dir: string;
  let app: App;
  let registry: FrameworkRegistry;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rungs-architecture-"));
    writeFileSync(
      join(dir, "framework.yaml"),
      `rungs: 1
id: studio
name: Studio Ladder
tracks: [{ id: main, name: Main }]
levels:
  - { id: s1, name: Engineer, track: main, reference: { rank: 3 } }
  - { id: s2, name: Senior Engineer, track: main, follows: [s1], reference: { rank: 4, to: 5, match: broad } }
families: [{ id: software-engineering, name: Software Engineering }]
roles:
  - id: backend
    name: Backend Engineer
    family: software-engineering
    levels: [s1, s2]
    skills: [{ name: API design }, { name: Observability }]
    classifications:
      - { scheme: soc-2018, code: 15-1252, match: close }
      - { scheme: esco, code: "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1" }
      - { scheme: house, code: "DEV 2/B" }
`,
    );
    registry = new FrameworkRegistry([...EXAMPLE_PATHS, dir], {
      fs: nodeFileSystem,
      occupations: await loadOccupations(nodeFileSystem),
    });
    await registry.load();
    expect(registry.get("studio")?.ok).toBe(true);
    app = createApp({ registry });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a title that names roles in two frameworks gives a choice page", async () => {
    const res = await get(app, "/roles/by-title/?title=backend+engineer");
    expect(res.status).toBe(200);
    expect(res.body).toContain("<h1>Roles called “backend engineer”</h1>");
    expect(res.body).toContain(
      '<a href="/frameworks/engineering/roles/backend-engineer/">Backend Engineer</a>',
    );
    expect(res.body).toContain('<a href="/frameworks/studio/roles/backend/">Backend Engineer</a>');
  });

  it("adjacent roles reach across frameworks, and the comparison across frameworks answers", async () => {
    const { body } = await get(app, `${role}?level=senior`);
    const rows = elementById(body, "adjacent-senior");
    expect(rows).toContain('href="/frameworks/studio/roles/backend/?level=s2#level-s2"');
    const compare = "/compare-across/role-levels/engineering/backend-engineer/senior/studio/backend/s2/";
    expect(hrefs(rows)).toContain(compare);
    const res = await get(app, compare);
    expect(res.status).toBe(200);
    expect(elementById(res.body, "skills-shared")).toContain("API design");
  });

  it("codes of other schemes get pages by a safe slug; the roles of both frameworks appear on a shared code", async () => {
    const index = JSON.parse((await get(app, "/api/occupations")).body);
    expect(index.schemes.map((s: { scheme: string }) => s.scheme)).toEqual([
      "soc-2018",
      "onet-soc-2019",
      "esco",
      "house",
    ]);
    const esco = await get(app, "/occupations/esco/f2b15a0e-e65a-438a-affb-29b9d50b77d1/");
    expect(esco.status).toBe(200);
    expect(esco.body).toContain("http://data.europa.eu/esco/occupation/f2b15a0e");
    const house = paths.occupation("house", "DEV 2/B");
    expect(house).toBe(`/occupations/house/${occupationSlug("DEV 2/B")}/`);
    expect((await get(app, house)).status).toBe(200);
    const shared = await get(app, "/occupations/soc-2018/15-1252/");
    expect(elementById(shared.body, "roles")).toContain('href="/frameworks/studio/roles/backend/"');
  });

  it("after a reload of the same files the panels and lists still answer", async () => {
    await registry.load();
    const { body } = await get(app, `${role}?level=staff`);
    expect(elementById(body, "adjacent-staff")).toContain('<tr data-band="');
    expect(elementById((await get(app, "/frameworks/studio/levels/s2/")).body, "equivalents")).toContain(
      "/compare-across/levels/studio/s2/engineering/",
    );
  });

  it("the equivalence table gets a column for the third framework", async () => {
    const { body } = await get(app, "/equivalence/");
    expect(body).toContain('id="fw-studio"');
    expect(elementById(body, "step-5-studio")).toContain("(steps 4–5)");
  });
});

describe("static site", () => {
  it("builds the equivalence table, every occupation page and every comparison the pages link to", async () => {
    const { registry } = await exampleApp();
    const all = sitePaths(registry, []);
    expect(all).toContain("/equivalence/");
    expect(all).toContain("/occupations/");
    expect(all).toContain("/occupations/onet-soc-2019/15-1252.00/");
    expect(all).toContain("/compare-across/levels/engineering/senior/product-matrix/l3/");
    expect(all).toContain(
      "/compare-across/role-levels/engineering/backend-engineer/senior/engineering/frontend-engineer/senior/",
    );
    const app = createApp({ registry, staticSite: true });
    const across = all.filter((p) => p.startsWith("/compare-across/") || p.startsWith("/occupations/"));
    for (const path of across) expect((await app.request(path)).status, path).toBe(200);
    // every comparison a built role page links to is built
    const built = new Set(all);
    const { body } = await get(app, paths.role("engineering", "frontend-engineer"));
    for (const href of hrefs(body).filter((h) => h.includes("compare-across/"))) {
      const target = new URL(href, "http://x/frameworks/engineering/roles/frontend-engineer/").pathname;
      expect(built.has(target.replace(/index\.html$/, "")), target).toBe(true);
    }
  });

  it("a static role page carries every level's panel, all but the first hidden, and the island that picks one", async () => {
    const { registry } = await exampleApp();
    const app = createApp({ registry, staticSite: true });
    const { body } = await get(app, paths.role("engineering", "backend-engineer"));
    expect(body).toContain('src="../../../../assets/adjacent-roles.js"');
    expect(body).toMatch(
      /<div class="adjacent-panel" id="adjacent-intern" data-adjacent-level="intern" data-default="true">/,
    );
    expect(body).toMatch(
      /<div class="adjacent-panel" id="adjacent-senior" data-adjacent-level="senior" hidden="">/,
    );
    // no form needing a server on the static equivalence page
    const eq = await get(app, "/equivalence/");
    expect(eq.body).not.toContain('action="../compare-across/levels/');
    expect(eq.body).toContain("needs the rungs server");
  });
});

it("pages and JSON are byte-identical from one request to the next", async () => {
  const { registry } = await exampleApp();
  const fresh = createApp({ registry });
  for (const path of ["/equivalence/", "/api/occupations", `${role}?level=lead`]) {
    const { app } = await exampleApp();
    expect((await get(app, path)).body, path).toBe((await get(fresh, path)).body);
  }
});
