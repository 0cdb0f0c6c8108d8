import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { exampleApp, get, pathsApp } from "../../../../test/support/app.js";
import { elementById } from "../../../../test/support/html.js";
import { type OpenApiDocument, undescribedFields } from "../../../../test/support/openapi.js";
import { nodeFileSystem } from "../../../load/fs-port.js";
import { loadOccupations } from "../../../load/occupations.js";
import { FrameworkRegistry } from "../../../load/registry.js";
import { createApp } from "../../app.js";

const MATRIX = "/frameworks/engineering/matrix/";
const TRUNK = ["intern", "junior", "mid", "senior", "lead"];

/** The level ids of the matrix's column headers, in order. */
function columns(body: string): string[] {
  const table = body.slice(body.indexOf('id="matrix"'));
  const thead = table.slice(table.indexOf("<thead>"), table.indexOf("</thead>"));
  return [...thead.matchAll(/<th scope="col" id="level-([a-z0-9-]+)"/g)].map((m) => m[1] as string);
}

describe("competency matrix page", () => {
  it("a framework without competencies says so and how to add them, with no empty table, mirror or link to it", async () => {
    const { app } = await pathsApp(["examples/seed-role-profile"]);
    const res = await get(app, "/frameworks/seed-role-profile/matrix/");
    expect(res.status).toBe(200);
    expect(res.body).toContain(
      "<p><bdi>Kestrel Freight job architecture</bdi> has no competencies yet. The matrix fills in when the framework files list areas, each with its competencies and an expectation per level (see areas and competencies in the framework format: docs/format.md).</p>",
    );
    expect(res.body).not.toContain("<table");
    expect(res.body).not.toContain("mirror.js");
    const overview = await get(app, "/frameworks/seed-role-profile/");
    expect(overview.body).not.toContain('href="/frameworks/seed-role-profile/matrix/"');
  });

  it("shows every competency at every level in one table, prints landscape and loads the islands", async () => {
    const { app } = await exampleApp();
    const res = await get(app, MATRIX);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<body class="landscape"');
    // one matrix, and the overview grid of the same cells (a square each) above it
    expect(res.body.match(/<table class="matrix/g)).toHaveLength(1);
    expect(res.body.match(/<table/g)).toHaveLength(2);
    expect(res.body.match(/data-overview-cell/g)?.length).toBe(res.body.match(/<td id="cell-/g)?.length);
    expect(res.body).toContain('<nav class="area-jumps no-print" aria-label="Jump to an area">');
    expect(res.body).toContain('<caption id="matrix-caption">Competencies by level</caption>');
    expect(columns(res.body)).toEqual([
      ...TRUNK,
      "staff",
      "principal",
      "architect",
      "manager",
      "director",
      "vp",
      "cto",
    ]);
    expect(res.body.match(/ id="cell-[a-z-]+--[a-z]+"/g)).toHaveLength(19 * 12);
    expect(res.body).toContain('src="/assets/mirror.js"');
    expect(res.body).toContain('src="/assets/matrix-filter.js"');
  });

  it("the line under the heading counts competencies, areas and levels in words that agree with the number", async () => {
    const { app } = await pathsApp(["test/fixtures/shapes/stepped-roles"]);
    const { body } = await get(app, "/frameworks/stepped-roles/matrix/");
    expect(body).toContain("<bdi>Engineering progression</bdi> · 2 competencies in 1 area · 3 levels</p>");
    const { app: examples } = await exampleApp();
    expect((await get(examples, MATRIX)).body).toContain(" · 19 competencies in 6 areas · 12 levels</p>");
  });

  it("headers show code and name, link to the level page, and carry what the mirror needs", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, MATRIX);
    expect(body).toMatch(
      /<th scope="col" id="level-senior" class="level-head kind-trunk" data-level="senior" data-name="Senior" data-label="P4 Senior" data-rank="3" data-order="3" data-track="trunk" data-tracks="trunk ic management" data-next="lead"><a href="\/frameworks\/engineering\/levels\/senior\/"><span class="code">P4<\/span><span class="name">Senior<\/span><\/a><\/th>/,
    );
    expect(body).toContain('data-rank="5" data-order="8" data-track="management" data-tracks="management"');
  });

  it("groups competencies by area with a row-group header linking to the area page", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, MATRIX);
    expect(body.match(/<tbody id="area-/g)).toHaveLength(6);
    expect(body).toContain(
      '<th scope="rowgroup" colspan="13"><span class="sticky-label"><a href="/frameworks/engineering/areas/craft/">Technical craft</a>',
    );
    expect(body).toMatch(
      /<tr id="row-code-quality" data-competency="code-quality"><th scope="row" id="competency-code-quality"[^>]*data-competency-head="code-quality"/,
    );
  });

  it("folds what sets a level apart and the rating bands; cells outside a span are labelled, not blank", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, MATRIX);
    const senior = body.slice(
      body.indexOf('id="cell-code-quality--senior"'),
      body.indexOf('id="cell-code-quality--lead"'),
    );
    expect(senior).toContain("data-pick");
    expect(senior).toContain('data-label="Code &amp; design quality at Senior"');
    expect(senior).toContain('<details class="apart"><summary>What sets this level apart</summary>');
    expect(senior).toContain("<dt>Exceeds expectations</dt>");
    expect(senior).toContain("Replaces three hand-rolled retry helpers");
    const outside = body.slice(body.indexOf('id="cell-code-quality--manager"'));
    expect(outside.slice(0, outside.indexOf("</td>"))).toContain(
      'class="cell is-outside" data-competency="code-quality" data-level="manager"><span class="visually-hidden">Not described at this level</span>',
    );
    expect(outside.slice(0, outside.indexOf("</td>"))).not.toContain("data-pick");
  });

  it("the mirror's panel is in the page but hidden until its island runs", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, MATRIX);
    expect(body).toContain('<section id="mirror" class="mirror" hidden="" data-mirror-panel="true"');
    expect(body).toContain('aria-live="polite"');
    expect(body).toContain('<label for="mirror-target">Target level</label>');
  });

  it("?track=ic shows the IC track with the trunk below it and the apex above it", async () => {
    const { app } = await exampleApp();
    const res = await get(app, `${MATRIX}?track=ic`);
    expect(res.status).toBe(200);
    expect(columns(res.body)).toEqual([...TRUNK, "staff", "principal", "architect", "cto"]);
    expect(res.body).toContain(
      "Competencies by level (levels on the \u2068Individual contributor\u2069 track)",
    );
    expect(res.body).toContain('<option value="ic" selected="">Individual contributor</option>');
    expect(res.body).toContain('data-filtered="server"');
    const mgmt = await get(app, `${MATRIX}?track=management`);
    expect(columns(mgmt.body)).toEqual([...TRUNK, "manager", "director", "vp", "cto"]);
  });

  it("?from=&to= keeps a range of the level order, and combines with a track", async () => {
    const { app } = await exampleApp();
    expect(columns((await get(app, `${MATRIX}?from=senior&to=staff`)).body)).toEqual([
      "senior",
      "lead",
      "staff",
    ]);
    expect(columns((await get(app, `${MATRIX}?track=management&from=lead`)).body)).toEqual([
      "lead",
      "manager",
      "director",
      "vp",
      "cto",
    ]);
    const blank = await get(app, `${MATRIX}?track=&from=&to=`);
    expect(blank.status).toBe(200);
    expect(columns(blank.body)).toHaveLength(12);
  });

  it.each([
    ["?track=nope", "There is no track &quot;nope&quot; in this framework."],
    ["?from=nope", "There is no level &quot;nope&quot; in this framework."],
    ["?to=%3Cscript%3E", "There is no level &quot;&lt;script&gt;&quot; in this framework."],
    [
      "?from=staff&to=junior",
      "&quot;From&quot; (Staff) comes after &quot;to&quot; (Junior) in the level order.",
    ],
    [
      "?track=management&from=staff&to=architect",
      "No level on the track &quot;Management&quot; lies between",
    ],
  ])("a bad filter %s answers 400 with the form and the reason, not a matrix", async (query, message) => {
    const { app } = await exampleApp();
    const res = await get(app, `${MATRIX}${query}`);
    expect(res.status).toBe(400);
    expect(res.type).toContain("text/html");
    expect(res.body).toContain(message);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain(
      '<form class="matrix-filter" method="get" action="/frameworks/engineering/matrix/"',
    );
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).not.toContain("<table");
    expect(res.body).not.toContain("<script>");
  });

  it("an unknown framework is a 404 page", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/frameworks/nope/matrix/");
    expect(res.status).toBe(404);
    expect(res.body).toContain("There is no framework &quot;nope&quot; here.");
  });

  it("the product matrix shows its long elaborations behind “What sets this level apart”", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/frameworks/product-matrix/matrix/");
    expect(res.status).toBe(200);
    expect(columns(res.body)).toEqual(["l1", "l2", "l3", "l4", "l5", "l6", "l7"]);
    const cell = res.body.slice(
      res.body.indexOf('id="cell-code-quality--l4"'),
      res.body.indexOf('id="cell-code-quality--l5"'),
    );
    expect(cell).toContain("What sets this level apart");
    expect(cell).toContain("At L3 good code is a personal habit");
  });
});

describe("competency matrix API", () => {
  it("GET /api/frameworks/:fw/matrix returns the matrix view, filtered like the page", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/api/frameworks/engineering/matrix?track=ic&from=senior");
    expect(res.status).toBe(200);
    const data = JSON.parse(res.body);
    expect(data.filter).toEqual({ track: "ic", from: "senior" });
    expect(data.levels.map((l: { id: string }) => l.id)).toEqual([
      "senior",
      "lead",
      "staff",
      "principal",
      "architect",
      "cto",
    ]);
    expect(data.areas).toHaveLength(6);
    const cell = data.areas[0].competencies[0].cells[0];
    expect(cell).toMatchObject({ id: "cell-code-quality--senior", state: "expectation" });
    expect(cell.ratings.map((r: { band: string }) => r.band)).toEqual(["below", "meets", "exceeds"]);
  });

  it("a filter that fails its field rules is a 422 problem naming it", async () => {
    const { app } = await exampleApp();
    const res = await get(app, `/api/frameworks/engineering/matrix?track=i%01c&to=${"x".repeat(201)}`);
    expect(res.status).toBe(422);
    expect(res.type).toBe("application/problem+json");
    expect(JSON.parse(res.body).errors.map((e: { field: string }) => e.field)).toEqual(["track", "to"]);
  });

  it("a bad filter is a 400 with the problems; an unknown framework a 404", async () => {
    const { app } = await exampleApp();
    const bad = await get(app, "/api/frameworks/engineering/matrix?from=cto&to=intern&track=x");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({
      error: "bad filter",
      problems: [
        { param: "track", message: 'There is no track "x" in this framework.' },
        expect.objectContaining({ param: "from" }),
      ],
    });
    expect((await get(app, "/api/frameworks/nope/matrix")).status).toBe(404);
  });
});

describe("area matrix page", () => {
  it("shows the area's name, kind, summary, description and its competencies with descriptions", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/frameworks/engineering/areas/discovery/");
    expect(res.status).toBe(200);
    expect(res.body.match(/<h1/g)).toHaveLength(1);
    expect(res.body).toContain("<h1>Problem framing &amp; discovery</h1>");
    expect(res.body).toContain("Stage of the work · <bdi>Engineering Career Framework</bdi>");
    expect(res.body).toContain('<body class="landscape"');
    expect(res.body).toMatch(
      /<li id="competency-problem-framing"><h3>Framing the problem<\/h3><div class="md"><p>/,
    );
  });

  it("rows are the levels the area describes, columns its competencies, then the takeaway", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, "/frameworks/engineering/areas/craft/");
    const rows = [...body.matchAll(/<th scope="row" id="level-([a-z]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual([...TRUNK, "staff", "principal", "architect", "cto"]);
    const thead = body.slice(body.indexOf("<thead>"), body.indexOf("</thead>"));
    expect([...thead.matchAll(/data-competency-head="([a-z-]+)"/g)].map((m) => m[1])).toEqual([
      "code-quality",
      "testing-reliability",
      "system-design",
    ]);
    expect(thead).toContain('<th scope="col" class="takeaway-head">Takeaway</th>');
    expect(body).toContain(
      '<td class="takeaway" id="takeaway-senior"><div class="md"><p>Designs the systems a team builds on',
    );
    expect(body.match(/ id="acell-[a-z-]+--[a-z]+"/g)).toHaveLength(3 * 9);
    expect(body).toContain('id="acell-system-design--intern" class="cell is-outside"');
  });

  it("below the table, the note speaks for the levels the area does not describe", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, "/frameworks/engineering/areas/craft/");
    const table = body.indexOf("</table>");
    const note = body.indexOf('<aside class="area-matrix-note" id="note"');
    expect(note).toBeGreaterThan(table);
    expect(body).toContain("Not described here: <bdi>Manager</bdi>, <bdi>Director</bdi>, <bdi>VP</bdi>");
    expect(body.slice(note)).toContain("Managers, directors and VPs are not assessed on code they write.");
  });

  it("each competency names the levels it has an expectation at, not every level it spans", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rungs-area-"));
    try {
      writeFileSync(
        join(dir, "framework.yaml"),
        `rungs: 2
id: sparse
name: Sparse
tracks: [{ id: t, name: T }]
levels:
  - { id: one, name: One, track: t }
  - { id: two, name: Two, track: t, follows: [one] }
  - { id: three, name: Three, track: t, follows: [two] }
areas:
  - id: a
    name: A
    competencies:
      - { id: gappy, name: Gappy, expectations: { one: Starts., three: Leads. } }
      - { id: blank, name: Blank, expectations: {} }
`,
      );
      const { app } = await pathsApp([dir]);
      const { body } = await get(app, "/frameworks/sparse/areas/a/");
      expect(body).toContain(
        '<li id="competency-gappy"><h3>Gappy</h3><p class="meta">Described at One, Three</p>',
      );
      // an empty Monzo topic imports as such a competency: it spans every level and is described at none
      expect(body).toContain(
        '<li id="competency-blank"><h3>Blank</h3><p class="meta">Not described at any level yet</p>',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an unknown area is a friendly 404 page and a JSON 404", async () => {
    const { app } = await exampleApp();
    const page = await get(app, "/frameworks/engineering/areas/nope/");
    expect(page.status).toBe(404);
    expect(page.body).toContain("There is no area &quot;nope&quot; here.");
    const api = await get(app, "/api/frameworks/engineering/areas/nope");
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body)).toMatchObject({ error: 'no area "nope"' });
    expect((await get(app, "/frameworks/nope/areas/craft/")).status).toBe(404);
  });

  it("GET /api/frameworks/:fw/areas/:area returns the area matrix", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/api/frameworks/engineering/areas/people");
    expect(res.status).toBe(200);
    const data = JSON.parse(res.body);
    expect(data.area.id).toBe("people");
    expect(data.levels.map((l: { id: string }) => l.id)[0]).toBe("mid");
    expect(data.notDescribed.map((l: { id: string }) => l.id)).toEqual(["intern", "junior"]);
    expect(data.rows[0].cells[0].id).toBe("acell-mentoring--mid");
  });
});

describe("matrix on a static site and with hostile text", () => {
  const dir = mkdtempSync(join(tmpdir(), "rungs-matrix-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function appFor(staticSite: boolean, path?: string) {
    const registry = new FrameworkRegistry(path ? [path] : [join(process.cwd(), "examples/engineering")], {
      fs: nodeFileSystem,
      occupations: await loadOccupations(nodeFileSystem),
    });
    await registry.load();
    return createApp({ registry, staticSite });
  }

  it("a static site ignores the query (no server reads it): every level, relative links, filter left to the island", async () => {
    const app = await appFor(true);
    const res = await get(app, `${MATRIX}?track=ic`);
    expect(res.status).toBe(200);
    expect(columns(res.body)).toHaveLength(12);
    expect(res.body).toContain('data-filtered="none"');
    expect(res.body).toContain('action="index.html"');
    expect(res.body).toContain('<a href="../areas/craft/index.html">Technical craft</a>');
    expect(res.body).toContain('src="../../../assets/mirror.js"');
  });

  it("a framework without levels yet (as a CASE package without a rubric imports) answers 200, not a bad filter", async () => {
    const bare = mkdtempSync(join(tmpdir(), "rungs-bare-"));
    onTestFinished(() => rmSync(bare, { recursive: true, force: true }));
    writeFileSync(
      join(bare, "framework.yaml"),
      "rungs: 2\nid: bare\nname: Bare\ntracks: []\nareas:\n  - { id: a, name: A, competencies: [{ id: c, name: C, expectations: {} }] }\n",
    );
    const res = await get(await appFor(false, bare), "/frameworks/bare/matrix/");
    expect(res.status).toBe(200);
    expect(res.body).not.toContain('id="filter-track-error"');
    expect(res.body).not.toContain("undefined");
  });

  it("framework text cannot inject markup into a cell, a header or a data attribute", async () => {
    writeFileSync(
      join(dir, "framework.yaml"),
      [
        "rungs: 1",
        "id: hostile",
        "name: Hostile <b>name</b>",
        "tracks: [{ id: t, name: T }]",
        "levels:",
        '  - { id: one, name: "One\\" onmouseover=\\"x", track: t }',
        "areas:",
        "  - id: ar",
        "    name: <script>alert(1)</script>",
        "    competencies:",
        "      - id: c",
        '        name: "C <img src=x onerror=alert(1)>"',
        "        expectations:",
        '          one: "<script>alert(2)</script> and [a link](javascript:alert(3))"',
        // the linter refuses the script link (unsafe-url); off, so that what the page makes of it is tested
        "lint: { unsafe-url: off }",
        "",
      ].join("\n"),
    );
    const app = await appFor(false, dir);
    for (const path of ["/frameworks/hostile/matrix/", "/frameworks/hostile/areas/ar/"]) {
      const res = await get(app, path);
      expect(res.status).toBe(200);
      expect(res.body).not.toMatch(/<script>|<img|<b>|href="javascript:|" onmouseover/);
      expect(res.body).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    }
  });
});

describe("matrix after a framework change", () => {
  it("shows the changed cell's new text and the unchanged cells as they were", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rungs-matrix-change-"));
    try {
      const write = (senior: string | undefined) =>
        writeFileSync(
          join(dir, "framework.yaml"),
          [
            "rungs: 1",
            "id: changing",
            "name: Changing",
            "tracks: [{ id: t, name: T }]",
            "levels: [{ id: one, name: One, track: t }, { id: two, name: Two, track: t, follows: [one] }]",
            "areas:",
            "  - id: ar",
            "    name: Area",
            "    competencies:",
            "      - id: c",
            "        name: C",
            `        expectations: { one: "Kept as *it was*."${senior === undefined ? "" : `, two: "${senior}"`} }`,
            "",
          ].join("\n"),
        );
      write("Written *first*.");
      const registry = new FrameworkRegistry([dir], {
        fs: nodeFileSystem,
        occupations: await loadOccupations(nodeFileSystem),
      });
      await registry.load();
      const app = createApp({ registry });
      const page = () => get(app, "/frameworks/changing/matrix/");
      const cell = async (id: string) => elementById((await page()).body, id);
      expect(await cell("cell-c--two")).toContain("Written <em>first</em>.");
      const first = await page();
      const kept = await cell("cell-c--one");
      write("Written *again*.");
      await registry.load();
      expect(await cell("cell-c--two")).toContain("Written <em>again</em>.");
      expect(await cell("cell-c--two")).not.toContain("first");
      expect(await cell("cell-c--one")).toBe(kept);
      // the page's ETag is its bytes': changed with them, and the same again for the same bytes (its kept
      // rows are hashed by their own hashes: a row made again must not change it)
      const again = await page();
      expect(again.headers.get("ETag")).not.toBe(first.headers.get("ETag"));
      write("Written *first*.");
      await registry.load();
      const back = await page();
      expect(back.body).toBe(first.body);
      expect(back.headers.get("ETag")).toBe(first.headers.get("ETag"));
      // the overview is kept with the rows: a cell that stops being written shows as such there too
      expect((await page()).body).toMatch(
        /<td class="ov is-expectation" data-ov-competency="c" data-ov-level="two"/,
      );
      write(undefined);
      await registry.load();
      expect((await page()).body).toMatch(
        /<td class="ov is-missing" data-ov-competency="c" data-ov-level="two"/,
      );
      expect((await page()).body).toMatch(
        /<td class="ov is-expectation" data-ov-competency="c" data-ov-level="one"/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("area page sources", () => {
  it("names the sources the area and each of its competencies cite", async () => {
    const { app } = await pathsApp(["examples/seed-forked-ladder"]);
    const { status, body } = await get(app, "/frameworks/seed-forked-ladder/areas/discover/");
    expect(status).toBe(200);
    expect(body).toContain(
      '<p class="source-line meta">Source: <a href="https://handbook.fernhill.example/" rel="noopener noreferrer">Fernhill studio handbook</a></p>',
    );
    expect(elementById(body, "competency-user-research")).toContain(
      '<p class="source-line meta">Source: <cite>Research guild notes</cite></p>',
    );
    const api = JSON.parse((await get(app, "/api/frameworks/seed-forked-ladder/areas/discover")).body);
    expect(api.competencies[0].sources).toEqual([
      expect.objectContaining({ id: "research-guild", title: "Research guild notes" }),
    ]);
  });

  it("the API document describes every field of the area's answer, its sources and documents included", async () => {
    // the seed with its handbook reviewed, so a source's review is in the answer too
    const dir = mkdtempSync(join(tmpdir(), "rungs-area-sources-"));
    const seed = readFileSync(
      new URL("../../../../examples/seed-forked-ladder/framework.yaml", import.meta.url),
    );
    const review =
      'review: {scores: {accuracy: 5, coverage: 3}, passMark: 4, reviewer: Studio leads, date: "2026-05-01"}';
    writeFileSync(
      join(dir, "framework.yaml"),
      String(seed).replace("{id: studio-handbook, title:", `{id: studio-handbook, ${review}, title:`),
    );
    try {
      const { app } = await pathsApp([dir]);
      const doc = JSON.parse((await get(app, "/api/openapi.json")).body) as OpenApiDocument;
      const answer = JSON.parse((await get(app, "/api/frameworks/seed-forked-ladder/areas/discover")).body);
      expect(answer.area.sources[0]).toMatchObject({
        title: "Fernhill studio handbook",
        review: { passes: false },
      });
      expect(answer.area.documents[0].title).toBe("Discovery playbook");
      expect(answer.competencies[0].sources[0].title).toBe("Research guild notes");
      expect(undescribedFields(answer, { $ref: "#/components/schemas/AreaMatrix" }, doc)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
