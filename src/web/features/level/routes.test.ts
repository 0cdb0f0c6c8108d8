import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exampleApp, get, pathsApp } from "../../../../test/support/app.js";
import { elementById } from "../../../../test/support/html.js";
import { LEVEL_SECTION_IDS } from "../../../core/search.js";
import { levelData } from "../../../core/views/level.js";
import { nodeFileSystem } from "../../../load/fs-port.js";
import { loadOccupations } from "../../../load/occupations.js";
import { FrameworkRegistry } from "../../../load/registry.js";
import { createApp } from "../../app.js";

describe("level page", () => {
  it("heads the level with its title, codes per scheme, track, unit of leverage and the levels around it", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/frameworks/engineering/levels/senior/");
    expect(res.status).toBe(200);
    expect(res.body).toContain("<h1>Senior Software Engineer</h1>");
    expect(res.body).toMatch(/<dt>Pay band<\/dt>\s*<dd>P4<\/dd>/);
    expect(res.body).toMatch(/<dt>Internal grade<\/dt>\s*<dd>E4<\/dd>/);
    expect(res.body).toMatch(/<dt>Track<\/dt>\s*<dd>Shared trunk<\/dd>/);
    expect(res.body).toContain("An initiative");
    expect(elementById(res.body, "main") || res.body).toContain(
      '<a href="/frameworks/engineering/levels/mid/">Software Engineer II</a>',
    );
    expect(res.body).toContain('<a href="/frameworks/engineering/levels/lead/">Lead Software Engineer</a>');
  });

  it("no fact in the head of a seed example's level is named twice (a code scheme called Level beside the level's name)", async () => {
    const seeds = [
      "seed-role-profile",
      "seed-goal-templates",
      "seed-level-page",
      "seed-forked-ladder",
      "seed-leveled-matrix",
    ];
    const { app, registry } = await pathsApp(seeds.map((s) => `examples/${s}`));
    for (const fw of seeds) {
      const index = registry.get(fw)?.index;
      for (const level of index?.levelOrder ?? []) {
        const { body } = await get(app, `/frameworks/${fw}/levels/${level}/`);
        const facts = body.slice(body.indexOf('<dl class="level-facts">'), body.indexOf("</dl>"));
        const terms = [...facts.matchAll(/<dt>([^<]*)<\/dt>/g)].map((m) => m[1]);
        expect(new Set(terms).size, `${fw} ${level}: ${terms.join(", ")}`).toBe(terms.length);
      }
    }
  });

  it("has every section search links to, and exactly one element per expectation id", async () => {
    const { app, registry } = await exampleApp();
    const { body } = await get(app, "/frameworks/engineering/levels/senior/");
    for (const id of Object.values(LEVEL_SECTION_IDS)) expect(body).toContain(`id="${id}"`);
    expect(body).toContain('id="guidance-1"');
    const index = registry.get("engineering")?.index;
    if (!index) throw new Error("engineering not loaded");
    const anchors =
      levelData(index, "senior")?.areas.flatMap((a) => a.expectations.map((e) => e.anchor)) ?? [];
    expect(anchors.length).toBeGreaterThan(10);
    for (const anchor of anchors) expect(body.split(`id="${anchor}"`).length - 1, anchor).toBe(1);
  });

  it("shows dimensions in declared order, the rubric apart, and responsibilities", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, "/frameworks/engineering/levels/senior/");
    const dims = elementById(body, "dimensions");
    const order = ["Scope", "Autonomy", "Complexity", "Impact", "Decision rights", "Leadership"].map((n) =>
      dims.indexOf(`<dt>${n}</dt>`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(dims.indexOf("Leveling rubric")).toBeGreaterThan(order[5] as number);
    expect(dims).toContain("<dt>Knowledge &amp; application</dt>");
    expect(elementById(body, "responsibilities")).toContain("<li>Turns a vague goal");
  });

  it("groups expectations by area with the takeaway, elaboration in a details and a rating-band table", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, "/frameworks/engineering/levels/senior/");
    const craft = elementById(body, "area-craft");
    expect(craft).toContain("Designs the systems a team builds on");
    const code = elementById(body, "exp-code-quality");
    expect(code).toContain("<h4>Code &amp; design quality</h4>");
    expect(code).toContain("Designs the internal structure of services");
    expect(code).toMatch(/<details class="elaboration"><summary>What sets this level apart<\/summary>/);
    expect(code).toContain("Splits a sprawling request handler");
    expect(craft).toContain("<caption><bdi>Technical craft</bdi>: expectations by rating band</caption>");
    for (const band of ["Needs improvement", "Meets expectations", "Exceeds expectations"])
      expect(craft).toContain(`<th scope="col">${band}</th>`);
    expect(craft).toContain('<a href="#exp-code-quality">Code &amp; design quality</a>');
  });

  it("an area that does not describe the level shows its note instead", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, "/frameworks/engineering/levels/manager/");
    const craft = elementById(body, "area-craft");
    expect(craft).toContain("Managers, directors and VPs are not assessed on code they write.");
    expect(craft).not.toContain('class="expectation');
  });

  it("reaching the next level links a comparison with each next level", async () => {
    const { app } = await exampleApp();
    const senior = elementById((await get(app, "/frameworks/engineering/levels/senior/")).body, "next");
    expect(senior).toContain(
      'href="/frameworks/engineering/compare/senior/lead/">Compare with <bdi>Lead</bdi></a>',
    );
    const lead = elementById((await get(app, "/frameworks/engineering/levels/lead/")).body, "next");
    expect(lead).toContain(
      'href="/frameworks/engineering/compare/lead/staff/">Compare with <bdi>Staff</bdi></a>',
    );
    expect(lead).toContain(
      'href="/frameworks/engineering/compare/lead/manager/">Compare with <bdi>Manager</bdi></a>',
    );
    expect(lead).toContain("For Staff, widen the technical footprint");
  });

  it("links its plain-text view, which serves the level as text/plain", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, "/frameworks/engineering/levels/senior/");
    expect(body).toContain(
      '<a href="/frameworks/engineering/levels/senior/text.txt">Copy / print as text</a>',
    );
    const text = await get(app, "/frameworks/engineering/levels/senior/text.txt");
    expect(text.status).toBe(200);
    expect(text.type).toBe("text/plain; charset=utf-8");
    expect(text.body).toMatch(/^P4 Senior Software Engineer\n=+\n/);
    const missing = await get(app, "/frameworks/engineering/levels/nope/text.txt");
    expect(missing.status).toBe(404);
  });

  it("renders a one-track matrix framework's level", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/frameworks/product-matrix/levels/l4/");
    expect(res.status).toBe(200);
    expect(res.body).toContain("<h1>Senior Product Engineer</h1>");
    expect(res.body).toContain(
      'href="/frameworks/product-matrix/compare/l4/l5/">Compare with <bdi>Staff Engineer</bdi></a>',
    );
  });

  it("a level written only as rating bands gets one table whose rows carry the expectation ids", async () => {
    const registry = new FrameworkRegistry(
      [fileURLToPath(new URL("../../../../test/fixtures/shapes/level-page", import.meta.url))],
      { fs: nodeFileSystem, occupations: await loadOccupations(nodeFileSystem) },
    );
    await registry.load();
    const app = createApp({ registry });
    const { status, body } = await get(app, "/frameworks/level-page/levels/l4/");
    expect(status).toBe(200);
    const row = elementById(body, "exp-incident-leadership");
    expect(row.startsWith("<tr")).toBe(true);
    expect(row).toContain("Commands incidents that cross teams");
    expect(body).toContain('<th scope="col">Needs improvement</th>');
    expect(body).not.toContain('class="expectation');
    expect(elementById(body, "guidance-2")).toContain("<h3>Key approaches</h3>");
  });

  it("a not-applicable expectation says so with its note; Markdown in framework text is rendered safely", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rungs-level-"));
    try {
      writeFileSync(
        join(dir, "framework.yaml"),
        [
          "rungs: 1",
          "id: tiny",
          "name: Tiny",
          "tracks: [{ id: t, name: Track }]",
          "levels:",
          "  - { id: one, name: One, track: t }",
          "  - { id: two, name: Two, track: t, follows: [one], summary: 'Ships *carefully* <script>alert(1)</script>' }",
          "areas:",
          "  - id: craft",
          "    name: Craft",
          "    competencies:",
          "      - id: code",
          "        name: Code",
          "        expectations:",
          "          one: Writes code.",
          "          two: { notApplicable: true, note: Reviews instead of writing. }",
        ].join("\n"),
      );
      const registry = new FrameworkRegistry([dir], {
        fs: nodeFileSystem,
        occupations: await loadOccupations(nodeFileSystem),
      });
      await registry.load();
      const app = createApp({ registry });
      const { status, body } = await get(app, "/frameworks/tiny/levels/two/");
      expect(status).toBe(200);
      const code = elementById(body, "exp-code");
      expect(code).toContain("<strong>Not applicable at this level.</strong> Reviews instead of writing.");
      expect(elementById(body, "summary")).toContain("Ships <em>carefully</em> &lt;script&gt;");
      expect(body).not.toContain("<script>alert");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("unknown level: a friendly 404 page and a JSON 404; hostile ids are escaped", async () => {
    const { app } = await exampleApp();
    const page = await get(app, "/frameworks/engineering/levels/nope/");
    expect(page.status).toBe(404);
    expect(page.body).toContain("There is no level &quot;nope&quot; in Engineering Career Framework here.");
    const hostile = await get(app, "/frameworks/engineering/levels/%3Cscript%3Ealert(1)%3C%2Fscript%3E/");
    expect(hostile.status).toBe(404);
    expect(hostile.body).not.toContain("<script>alert");
    const api = await get(app, "/api/frameworks/engineering/levels/nope");
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body)).toMatchObject({ error: 'no level "nope"' });
    expect((await get(app, "/frameworks/nope/levels/senior/")).status).toBe(404);
  });

  it("the page's data is at /api/frameworks/:fw/levels/:level", async () => {
    const { app, registry } = await exampleApp();
    const res = await get(app, "/api/frameworks/engineering/levels/senior");
    expect(res.status).toBe(200);
    const index = registry.get("engineering")?.index;
    if (!index) throw new Error("engineering not loaded");
    expect(JSON.parse(res.body)).toEqual(JSON.parse(JSON.stringify(levelData(index, "senior"))));
  });

  it("sends no inline script (its JSON-LD is a data block the browser never runs)", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, "/frameworks/engineering/levels/senior/");
    expect(body).not.toMatch(/<script(?![^>]*src=)(?! type="application\/ld\+json">)/);
    expect(body).toContain('<script type="application/ld+json">');
    expect(body).not.toMatch(/\sstyle="/);
  });
});

describe("level page: a role's own criteria", () => {
  it("gives each of them a stable anchor of its own, named by the role as shared criteria are by the level", async () => {
    const { app } = await pathsApp(["test/fixtures/shapes/stepped-roles"]);
    const e2 = (await get(app, "/frameworks/stepped-roles/levels/e2/")).body;
    // an id the file gives gets the role in front; a generated key names the role already
    expect(elementById(e2, "crit-systems--mobile-old-clients")).toContain(
      "Keeps the service answering the app versions still installed.",
    );
    expect(elementById(e2, "crit-systems--mobile-e2-2")).toContain(
      "Plans a change around the time an app store takes to review a release.",
    );
    const e3 = (await get(app, "/frameworks/stepped-roles/levels/e3/")).body;
    expect(elementById(e3, "crit-systems--web-e3-1")).toContain(
      "Sets how slow a page may get before it shows a fallback.",
    );
    // every id on the page is unique
    const ids = [...e2.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
  });
});
