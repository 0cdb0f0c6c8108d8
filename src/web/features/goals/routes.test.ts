import { describe, expect, it } from "vitest";
import { exampleApp, get } from "../../../../test/support/app.js";
import { elementById } from "../../../../test/support/html.js";
import { goalsForLevel, goalsForRoleLevel, goalsFromAssessment } from "../../../core/goals.js";
import { goalsJson, goalsMarkdown, goalsText } from "../../../core/goals-render.js";
import type { FrameworkIndex } from "../../../core/model.js";
import { createApp } from "../../app.js";
import { sitePaths } from "../../site-map.js";

const ROLE_PAGE = "/frameworks/engineering/roles/backend-engineer/goals/senior/";
const LEVEL_PAGE = "/frameworks/engineering/levels/senior/goals/";
const PERSONAL = "/frameworks/engineering/goals/personal/";

async function engineering(): Promise<FrameworkIndex> {
  const { registry } = await exampleApp();
  const index = registry.get("engineering")?.index;
  if (!index) throw new Error("engineering not loaded");
  return index;
}

describe("goals for a role at a level", () => {
  it("names family, role and level, says where lines come from, and shows the four kinds in order", async () => {
    const { app } = await exampleApp();
    const res = await get(app, ROLE_PAGE);
    expect(res.status).toBe(200);
    expect(res.body).toContain(
      '<p class="goals-kicker"><bdi>Software Engineering</bdi> · <bdi>Backend Engineer</bdi> · <bdi>P4</bdi> — <bdi>Senior</bdi></p>',
    );
    expect(res.body).toContain("<h1>Goals for <bdi>Backend Engineer</bdi> at <bdi>Senior</bdi></h1>");
    expect(res.body).toContain("Every line quotes the framework");
    expect(res.body).toContain("left out rather than");
    const order = ["smart", "okr", "mbo", "scorecard"].map((k) => res.body.indexOf(`<section id="${k}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // without JavaScript: an in-page nav to each kind
    const nav = elementById(res.body, "main").match(/<nav class="goals-nav[\s\S]*?<\/nav>/)?.[0] ?? "";
    for (const k of ["smart", "okr", "mbo", "scorecard"]) expect(nav).toContain(`href="#${k}"`);
    expect(res.body).toContain('src="/assets/goals.js"');
  });

  it("each goal quotes a responsibility, marks its placeholders and names its sources with links", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, ROLE_PAGE);
    const goal = elementById(body, "smart-1");
    expect(goal).toContain("Leads the design of a new service");
    expect(goal).toContain("<dt>Specific</dt>");
    expect(goal).toMatch(
      /<mark class="placeholder" data-placeholder="date"><span class="ph-text" aria-hidden="true">⟨date⟩<\/span><span class="visually-hidden">\(placeholder: date\)<\/span><\/mark>/,
    );
    expect(goal).toContain(
      // as a reader says it, with the id path kept as the tooltip
      '<a class="goal-source" href="/frameworks/engineering/roles/backend-engineer/?level=senior#level-senior" title="role backend-engineer · level senior · responsibility 1">responsibility (P4)</a>',
    );
    // copy buttons exist for the island but are hidden without JavaScript
    expect(goal).toMatch(/<button type="button" class="secondary copy no-print" data-copy="goal" hidden="">/);
    expect(elementById(body, "smart")).toMatch(/data-copy="kind" hidden="">Copy all 4/);
    // the scorecard groups its rows by perspective
    expect(elementById(body, "scorecard")).toContain('<h3 class="goal-group-title">Internal process</h3>');
    expect(elementById(body, "okr")).toContain('<span class="goal-n">Objective 1: </span>');
  });

  it("fills placeholders from the query, keeps them in the fields and in the text, Markdown and JSON links", async () => {
    const { app } = await exampleApp();
    const { status, body } = await get(app, `${ROLE_PAGE}?date=2026-09-30&target=two+a+quarter`);
    expect(status).toBe(200);
    expect(body).not.toContain("⟨date⟩</span>");
    expect(body).toContain(
      '<mark class="placeholder filled" data-placeholder="date"><span class="ph-text">2026-09-30</span>',
    );
    expect(body).toContain('<span class="ph-text">two a quarter</span>');
    expect(body).toContain("⟨baseline⟩</span>");
    expect(body).toMatch(
      /<label for="fill-date">Date<\/label><input id="fill-date" name="date" type="date" value="2026-09-30"/,
    );
    expect(body).toMatch(/<input id="fill-target" name="target" type="text" value="two a quarter"/);
    expect(body).toContain(`href="${ROLE_PAGE}goals.txt?target=two+a+quarter&amp;date=2026-09-30"`);
    expect(body).toContain(`href="${ROLE_PAGE}goals.md?target=two+a+quarter&amp;date=2026-09-30"`);
    expect(body).toContain(
      'href="/api/frameworks/engineering/roles/backend-engineer/goals/senior?target=two+a+quarter&amp;date=2026-09-30"',
    );
  });

  it("serves the same goals as text, Markdown and JSON, from the core renderers", async () => {
    const { app } = await exampleApp();
    const index = await engineering();
    const fill = { date: "2026-09-30" };
    const doc = goalsForRoleLevel(index, "backend-engineer", "senior", { fill });
    const text = await get(app, `${ROLE_PAGE}goals.txt?date=2026-09-30`);
    expect(text.status).toBe(200);
    expect(text.type).toBe("text/plain; charset=utf-8");
    expect(text.body).toBe(goalsText(doc));
    const md = await get(app, `${ROLE_PAGE}goals.md?date=2026-09-30`);
    expect(md.type).toBe("text/markdown; charset=utf-8");
    expect(md.body).toBe(goalsMarkdown(doc));
    const api = await get(
      app,
      "/api/frameworks/engineering/roles/backend-engineer/goals/senior?date=2026-09-30",
    );
    expect(api.status).toBe(200);
    expect(api.type).toContain("application/json");
    expect(api.body).toBe(goalsJson(doc));
  });

  it("?kind= narrows every format to the kinds asked for", async () => {
    const { app } = await exampleApp();
    const api = JSON.parse(
      (await get(app, "/api/frameworks/engineering/roles/backend-engineer/goals/senior?kind=scorecard,okr"))
        .body,
    );
    expect(api.sections.map((s: { kind: string }) => s.kind)).toEqual(["okr", "scorecard"]);
    const text = await get(app, `${ROLE_PAGE}goals.txt?kind=mbo`);
    expect(text.body).toContain("MBO areas");
    expect(text.body).not.toContain("SMART goals");
  });

  it("bad kind or an overlong value: 422 problem+json with the fields, and text; the page shows every kind with a notice", async () => {
    const { app } = await exampleApp();
    const api = await get(app, "/api/frameworks/engineering/roles/backend-engineer/goals/senior?kind=pip");
    expect(api.status).toBe(422);
    expect(api.type).toBe("application/problem+json");
    expect(JSON.parse(api.body)).toMatchObject({
      error: "kind must be one of smart, okr, mbo, scorecard (or several, comma-separated)",
      errors: [
        { field: "kind", message: "must be one of smart, okr, mbo, scorecard (or several, comma-separated)" },
      ],
    });
    const long = await get(app, `/api/frameworks/engineering/levels/senior/goals?date=${"x".repeat(201)}`);
    expect(long.status).toBe(422);
    expect(JSON.parse(long.body)).toMatchObject({
      error: "date must be at most 200 characters",
      errors: [{ field: "date", message: "must be at most 200 characters" }],
    });
    const control = await get(
      app,
      "/api/frameworks/engineering/goals/personal?pick=code-quality:mid&baseline=a%07",
    );
    expect(control.status).toBe(422);
    expect(JSON.parse(control.body).errors).toEqual([
      { field: "baseline", message: "must not contain control characters" },
    ]);
    const text = await get(app, `${ROLE_PAGE}goals.txt?kind=pip`);
    expect([text.status, text.type, text.body]).toEqual([
      422,
      "text/plain; charset=UTF-8",
      "kind must be one of smart, okr, mbo, scorecard (or several, comma-separated)\n",
    ]);
    const page = await get(app, `${ROLE_PAGE}?kind=pip`);
    expect(page.status).toBe(422);
    expect(elementById(page.body, "problems")).toContain("kind must be one of");
    expect(page.body).toContain('<section id="scorecard"');
  });

  it("unknown role or a level the role does not span: 404 with the way to the role's levels", async () => {
    const { app } = await exampleApp();
    const unknown = await get(app, "/frameworks/engineering/roles/nope/goals/senior/");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain(
      "There is no role &quot;nope&quot; in \u2068Engineering Career Framework\u2069.",
    );
    const outside = await get(app, "/frameworks/engineering/roles/backend-engineer/goals/manager/");
    expect(outside.status).toBe(404);
    expect(outside.body).toContain("\u2068Backend Engineer\u2069 does not span level &quot;manager&quot;.");
    expect(outside.body).toContain('<a href="/frameworks/engineering/roles/backend-engineer/">');
    expect(outside.body).toContain('href="/frameworks/engineering/roles/backend-engineer/goals/principal/"');
    const api = await get(app, "/api/frameworks/engineering/roles/backend-engineer/goals/manager");
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body)).toMatchObject({
      status: 404,
      error: 'role "backend-engineer" does not span level "manager"',
      levels: ["intern", "junior", "mid", "senior", "lead", "staff", "principal"],
    });
    expect((await get(app, "/frameworks/engineering/roles/backend-engineer/goals/zzz/goals.md")).status).toBe(
      404,
    );
    expect((await get(app, "/frameworks/nope/roles/backend-engineer/goals/senior/")).status).toBe(404);
    const unknownLevel = await get(app, "/frameworks/engineering/roles/backend-engineer/goals/zzz/");
    expect(unknownLevel.status).toBe(404);
    expect(unknownLevel.body).toContain(
      "There is no level &quot;zzz&quot; in \u2068Engineering Career Framework\u2069.",
    );
    expect(unknownLevel.body).toContain(
      'href="/frameworks/engineering/roles/backend-engineer/goals/senior/"',
    );
    expect((await get(app, "/api/frameworks/engineering/roles/nope/goals/senior")).status).toBe(404);
  });
});

describe("goals for a level alone", () => {
  it("one goal per expectation, with the roles at the level and the level's own page linked", async () => {
    const { app } = await exampleApp();
    const index = await engineering();
    const { status, body } = await get(app, LEVEL_PAGE);
    expect(status).toBe(200);
    expect(body).toContain("<h1>Goals at <bdi>Senior</bdi></h1>");
    const doc = goalsForLevel(index, "senior");
    const smart = doc.sections.find((s) => s.kind === "smart");
    const count = smart?.groups.reduce((n, g) => n + g.goals.length, 0) ?? 0;
    expect(count).toBeGreaterThan(10);
    expect(elementById(body, "smart").split('data-goal="true"').length - 1).toBe(count);
    expect(body).toContain(
      '<a class="goal-source" href="/frameworks/engineering/levels/senior/#exp-code-quality" title="competency code-quality · level senior · expectation">Code &amp; design quality expectation (P4)</a>',
    );
    expect(body).toContain(
      '<a href="/frameworks/engineering/roles/backend-engineer/goals/senior/">Backend Engineer</a>',
    );
    expect(body).toContain('<a href="/frameworks/engineering/levels/senior/">The Senior level</a>');
  });

  it("text, Markdown and JSON match the renderers; unknown level is a 404 in each", async () => {
    const { app } = await exampleApp();
    const index = await engineering();
    const doc = goalsForLevel(index, "senior");
    expect((await get(app, `${LEVEL_PAGE}goals.txt`)).body).toBe(goalsText(doc));
    expect((await get(app, `${LEVEL_PAGE}goals.md`)).body).toBe(goalsMarkdown(doc));
    expect((await get(app, "/api/frameworks/engineering/levels/senior/goals")).body).toBe(goalsJson(doc));
    expect((await get(app, "/frameworks/engineering/levels/nope/goals/")).status).toBe(404);
    expect((await get(app, "/frameworks/engineering/levels/nope/goals/goals.txt")).status).toBe(404);
    const api = await get(app, "/api/frameworks/engineering/levels/nope/goals");
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body)).toMatchObject({ error: 'no level "nope"' });
  });

  it("renders for a matrix-only framework too", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/frameworks/product-matrix/levels/l4/goals/");
    expect(res.status).toBe(200);
    expect(res.body).toContain('<section id="smart"');
  });
});

describe("personal goals", () => {
  it("without picks: a form with a select per competency and a target select", async () => {
    const { app } = await exampleApp();
    const index = await engineering();
    const { status, body } = await get(app, PERSONAL);
    expect(status).toBe(200);
    expect(body).toContain(
      '<form class="goals-picks-form" method="get" action="/frameworks/engineering/goals/personal/">',
    );
    const selects = body.match(/<select id="pick-[a-z0-9-]+" name="pick">/g) ?? [];
    expect(selects.length).toBe(index.competencies.size);
    expect(body).toContain('<label for="pick-code-quality">Code &amp; design quality</label>');
    expect(body).toContain('<option value="code-quality:senior">P4 Senior</option>');
    expect(body).toContain('<select id="pick-target" name="target">');
  });

  it("picks from the form (one pick per select, empty ones skipped) give the same goals as the compact link", async () => {
    const { app } = await exampleApp();
    const compact = await get(
      app,
      `${PERSONAL}?pick=code-quality:mid,testing-reliability:junior&target=senior`,
    );
    const form = await get(
      app,
      `${PERSONAL}?pick=code-quality%3Amid&pick=&pick=testing-reliability%3Ajunior&pick=&target=senior`,
    );
    expect(compact.status).toBe(200);
    expect(form.status).toBe(200);
    const main = (b: string) => elementById(b, "smart");
    expect(main(form.body)).toBe(main(compact.body));
    expect(compact.body).toContain("<h1>Personal goals toward <bdi>Senior</bdi></h1>");
    // testing-reliability is two levels below senior, code-quality one: the larger gap comes first
    expect(elementById(compact.body, "smart-1")).toContain("Testing &amp; reliability");
    expect(elementById(compact.body, "smart-2")).toContain("Code &amp; design quality");
    // the picks stay in the fill form so filling in keeps them; ⟨target⟩ is filled by target-value here
    expect(compact.body).toContain(
      '<input type="hidden" name="pick" value="code-quality:mid,testing-reliability:junior"/>',
    );
    expect(compact.body).toMatch(/<input id="fill-target" name="target-value"/);
    // a personal page is made from its link: no static text file, but JSON with the same picks
    expect(compact.body).toContain(
      'href="/api/frameworks/engineering/goals/personal?pick=code-quality%3Amid%2Ctesting-reliability%3Ajunior&amp;target=senior"',
    );
  });

  it("fills ⟨target⟩ from target-value while target stays the level", async () => {
    const { app } = await exampleApp();
    const { status, body } = await get(
      app,
      `${PERSONAL}?pick=code-quality:mid&target=senior&target-value=ships+weekly&date=2026-12-31`,
    );
    expect(status).toBe(200);
    expect(body).toContain('<span class="ph-text">ships weekly</span>');
    expect(body).toContain('<span class="ph-text">2026-12-31</span>');
  });

  it("without a target, aims for the level after the most common pick", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, `${PERSONAL}?pick=code-quality:mid,testing-reliability:mid`);
    expect(body).toContain("<h1>Personal goals toward <bdi>Senior</bdi></h1>");
  });

  it("malformed or unknown picks: 400 with the form and what is wrong, never a 500", async () => {
    const { app } = await exampleApp();
    const bad = await get(app, `${PERSONAL}?pick=code-quality`);
    expect(bad.status).toBe(400);
    expect(elementById(bad.body, "problems")).toContain("&quot;code-quality&quot; is not a pick");
    expect(bad.body).toContain('<select id="pick-target" name="target">');
    const unknown = await get(app, `${PERSONAL}?pick=nope:senior,code-quality:zzz&target=qqq`);
    expect(unknown.status).toBe(400);
    const problems = elementById(unknown.body, "problems");
    expect(problems).toContain("there is no competency &quot;nope&quot;");
    expect(problems).toContain("there is no level &quot;zzz&quot; (picked for code-quality)");
    expect(problems).toContain("there is no level &quot;qqq&quot; to aim for");
    const twice = await get(app, `${PERSONAL}?pick=code-quality:mid,code-quality:senior`);
    expect(twice.status).toBe(400);
    const hostile = await get(app, `${PERSONAL}?pick=%3Cscript%3Ealert(1)%3C/script%3E:x`);
    expect(hostile.status).toBe(400);
    expect(hostile.body).not.toContain("<script>alert");
  });

  it("JSON: the renderer's document; 400 without picks or with bad ones", async () => {
    const { app } = await exampleApp();
    const index = await engineering();
    const res = await get(
      app,
      "/api/frameworks/engineering/goals/personal?pick=code-quality:mid&target=senior",
    );
    expect(res.status).toBe(200);
    expect(res.body).toBe(
      goalsJson(
        goalsFromAssessment(index, { picks: { "code-quality": "mid" }, target: "senior" }, { fill: {} }),
      ),
    );
    const none = await get(app, "/api/frameworks/engineering/goals/personal");
    expect(none.status).toBe(400);
    expect(JSON.parse(none.body).error).toMatch(/^pick is required/);
    const bad = await get(app, "/api/frameworks/engineering/goals/personal?pick=nope:mid");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: 'there is no competency "nope"' });
  });
});

describe("goal pages and the rest of the site", () => {
  it("the level page links its goal templates; the role page links them per level", async () => {
    const { app } = await exampleApp();
    const level = await get(app, "/frameworks/engineering/levels/senior/");
    expect(level.body).toContain('<a href="/frameworks/engineering/levels/senior/goals/">Goal templates</a>');
    const role = await get(app, "/frameworks/engineering/roles/backend-engineer/");
    expect(elementById(role.body, "level-lead")).toContain(
      '<a href="/frameworks/engineering/roles/backend-engineer/goals/lead/">Goal templates<span class="visually-hidden"> for <bdi>Backend Engineer</bdi> at <bdi>Lead</bdi></span></a>',
    );
  });

  it("the mirror offers personal goals on a server and not in a static site", async () => {
    const { app, registry } = await exampleApp();
    const server = await get(app, "/frameworks/engineering/matrix/");
    expect(server.body).toContain(
      '<a class="button secondary" href="/frameworks/engineering/goals/personal/" data-mirror-goals="engineering">Turn these gaps into goals</a>',
    );
    const area = await get(app, "/frameworks/engineering/areas/craft/");
    expect(area.body).toContain("Turn these gaps into goals");
    const site = createApp({ registry, staticSite: true });
    const matrix = await get(site, "/frameworks/engineering/matrix/");
    expect(matrix.status).toBe(200);
    expect(matrix.body).not.toContain("data-mirror-goals");
  });

  it("a static site builds every level's and every role-level's goals with text and Markdown, and no personal page", async () => {
    const { registry } = await exampleApp();
    const index = await engineering();
    const all = sitePaths(registry, []);
    for (const level of index.levelOrder) {
      expect(all).toContain(`/frameworks/engineering/levels/${level}/goals/`);
      expect(all).toContain(`/frameworks/engineering/levels/${level}/goals/goals.txt`);
    }
    expect(all).toContain(`${ROLE_PAGE}goals.md`);
    expect(all).not.toContain("/frameworks/engineering/roles/backend-engineer/goals/manager/");
    expect(all.some((p) => p.includes("/goals/personal"))).toBe(false);
    const site = createApp({ registry, staticSite: true });
    for (const path of all.filter((p) => p.includes("/goals/"))) {
      expect((await site.request(path)).status, path).toBe(200);
    }
    const page = await get(site, ROLE_PAGE);
    expect(page.body).toContain('<a href="goals.txt" data-fill-link="true">Copy / print as text</a>');
    expect(page.body).not.toContain("JSON (API)");
    expect(page.body).toContain('action="index.html"');
  });

  it("is deterministic and sends no inline script or style", async () => {
    const { registry } = await exampleApp();
    const a = await get(createApp({ registry }), `${ROLE_PAGE}?date=2026-09-30`);
    const b = await get(createApp({ registry }), `${ROLE_PAGE}?date=2026-09-30`);
    expect(a.body).toBe(b.body);
    for (const path of [ROLE_PAGE, LEVEL_PAGE, PERSONAL, `${PERSONAL}?pick=code-quality:mid`]) {
      const { body } = await get(createApp({ registry }), path);
      expect(body, path).not.toMatch(/<script(?![^>]*src=)/);
      expect(body, path).not.toMatch(/\sstyle="/);
    }
  });

  it("escapes hostile values and never answers 500 to odd queries", async () => {
    const { app } = await exampleApp();
    const hostile = await get(app, `${ROLE_PAGE}?baseline=%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    expect(hostile.status).toBe(200);
    expect(hostile.body).not.toContain("<script>alert");
    expect(hostile.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    for (const query of [
      "?date=%E0%A4%A",
      "?kind=",
      "?kind=smart&kind=okr",
      "?kind=%00",
      "?baseline=%00",
      "?pick=:,::,a:b:c",
      "?target=",
      `?pick=${"a:b,".repeat(600)}`,
    ]) {
      for (const base of [ROLE_PAGE, LEVEL_PAGE, PERSONAL, "/api/frameworks/engineering/goals/personal"]) {
        const res = await get(app, base + query);
        expect([200, 400, 422], base + query).toContain(res.status);
      }
    }
  });
});
