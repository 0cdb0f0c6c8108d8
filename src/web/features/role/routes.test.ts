import { describe, expect, it } from "vitest";
import { exampleApp, get } from "../../../../test/support/app.js";

const page = "/frameworks/engineering/roles/backend-engineer/";

/** The opening tag of the element with this id. */
function openTag(body: string, id: string): string {
  const at = body.indexOf(`id="${id}"`);
  if (at < 0) return "";
  const start = body.lastIndexOf("<", at);
  return body.slice(start, body.indexOf(">", at) + 1);
}

describe("role profile page", () => {
  it("shows family (with parent), name, code, summary and the levels spanned", async () => {
    const { app } = await exampleApp();
    const res = await get(app, page);
    expect(res.status).toBe(200);
    expect(res.body).toContain("<h1>Backend Engineer</h1>");
    expect(res.body).toMatch(/<dt>Role code<\/dt><dd><code>SWE\.BE<\/code><\/dd>/);
    expect(res.body).toContain("Builds and runs the services behind Northwind");
    expect(res.body).toContain('<a href="/frameworks/engineering/levels/intern/">Intern</a> → ');
    const sre = await get(app, "/frameworks/engineering/roles/site-reliability-engineer/");
    expect(sre.body).toMatch(
      /<dt>Family<\/dt><dd><bdi>Software Engineering<\/bdi> › <bdi>Reliability &amp; Infrastructure Engineering<\/bdi><\/dd>/,
    );
    // what the role's own family covers, below the summary, as a role profile gives its focus
    const family = sre.body.slice(sre.body.indexOf('<section id="family"'));
    expect(family).toMatch(
      /^<section id="family"[^>]*><h2[^>]*>Family: <bdi>Reliability &amp; Infrastructure Engineering<\/bdi><\/h2>/,
    );
    expect(family.slice(0, family.indexOf("</section>"))).toContain(
      "whose product is the platform and its reliability",
    );
    expect(sre.body.indexOf('id="summary"')).toBeLessThan(sre.body.indexOf('id="family"'));
  });

  it("lists responsibilities for every level, each block with its id, none highlighted without ?level=", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, page);
    for (const id of ["intern", "junior", "mid", "senior", "lead", "staff", "principal"])
      expect(openTag(body, `level-${id}`), id).toContain('class="role-level"');
    expect(body).not.toContain('aria-current="true"');
    expect(body).toContain(
      '<form class="level-picker no-print" method="get" action="/frameworks/engineering/roles/backend-engineer/">',
    );
    expect(body).toContain('<label for="role-level">Highlight a level</label>');
  });

  it("?level= highlights that level's block and dimension rows, and selects it in the picker", async () => {
    const { app } = await exampleApp();
    const { status, body } = await get(app, `${page}?level=senior`);
    expect(status).toBe(200);
    const block = openTag(body, "level-senior");
    expect(block).toContain('class="role-level current"');
    expect(block).toContain('aria-current="true"');
    expect(body.split('aria-current="true"').length - 1).toBe(1);
    expect(body).toContain('<option value="senior" selected="">\u2068P4\u2069 · \u2068Senior\u2069</option>');
    expect(body).toMatch(/<tr data-level="senior" class="current">/);
    expect(body).toContain('src="/assets/role-level.js"');
  });

  it("an unknown or unspanned ?level= is a 400 showing the whole profile with a notice, escaped", async () => {
    const { app } = await exampleApp();
    const hostile = await get(app, `${page}?level=%3Cscript%3Ealert(1)%3C/script%3E`);
    expect(hostile.status).toBe(400);
    expect(hostile.body).toContain(
      "<bdi>Backend Engineer</bdi> has no level &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;.",
    );
    expect(hostile.body).not.toContain("<script>alert");
    expect(hostile.body).not.toContain('aria-current="true"');
    expect(hostile.body).toContain('id="level-senior"');
    const unspanned = await get(app, `${page}?level=cto`);
    expect(unspanned.status).toBe(400);
    expect(unspanned.body).toContain("<bdi>Backend Engineer</bdi> has no level &quot;cto&quot;.");
    expect((await get(app, `${page}?level=`)).status).toBe(400);
  });

  it("has the rubric and dimension tables: a row per level, a column per declared dimension, rubric first", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, page);
    const rubric = body.indexOf('id="rubric"');
    const dims = body.indexOf('id="dimensions"');
    expect(rubric).toBeGreaterThan(0);
    expect(dims).toBeGreaterThan(rubric);
    const rubricTable = body.slice(rubric, dims);
    expect(rubricTable).toContain('<th scope="col">Knowledge &amp; application</th>');
    expect(rubricTable).not.toContain('<th scope="col">Scope</th>');
    expect(body.slice(dims)).toContain('<th scope="col">Decision rights</th>');
    expect(rubricTable.split("<tr data-level=").length - 1).toBe(7);
  });

  it("shows skills, aliases, classification codes with titles, match and scheme names, and related roles", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, page);
    expect(body).toContain("<dt>API design</dt>");
    expect(body).toContain("<li>Server-side Engineer</li>");
    expect(body).toMatch(
      /<th scope="row">SOC 2018<\/th><td><a href="\/occupations\/soc-2018\/15-1252\/"><code>15-1252<\/code><\/a><\/td><td>Software Developers<\/td><td>broad<\/td>/,
    );
    expect(body).toMatch(
      /<th scope="row">O\*NET-SOC 2019<\/th><td><a href="\/occupations\/onet-soc-2019\/15-1252\.00\/"><code>15-1252\.00<\/code><\/a><\/td><td>Software Developers<\/td>/,
    );
    expect(body).toContain(
      '<a href="/frameworks/engineering/roles/frontend-engineer/">Frontend Engineer</a>',
    );
    expect(body).toContain(
      '<a href="/frameworks/engineering/compare-roles/backend-engineer/frontend-engineer/">Compare with <bdi>Frontend Engineer</bdi></a>',
    );
  });

  it("offers a compare form fixed on this role and lists sources with review scores and pass mark", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, page);
    expect(body).toContain('<input type="hidden" name="a" value="backend-engineer"/>');
    expect(body).toContain('data-compare-pattern="/frameworks/engineering/compare-roles/{a}/{b}/"');
    const select = body.slice(body.indexOf('<select id="compare-role-b"'));
    expect(select.slice(0, select.indexOf("</select>"))).not.toContain('<option value="backend-engineer"');
    expect(body).toContain("Northwind Job Architecture, Engineering roles");
    expect(body).toMatch(/Review scores \(1–5\): .*accuracy 4.*role-specificity 5/s);
    expect(body).toMatch(/Passes at ≥ 4 on the lowest score: lowest 4, passes\./);
  });

  it("links its plain-text view, served as text/plain with occupation titles", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, page);
    expect(body).toContain(`<a href="${page}text.txt">Copy / print as text</a>`);
    const text = await get(app, `${page}text.txt`);
    expect(text.status).toBe(200);
    expect(text.type).toBe("text/plain; charset=utf-8");
    expect(text.body).toMatch(/^Backend Engineer\n=+\n/);
    expect(text.body).toContain("soc-2018 15-1252 Software Developers (broad match)");
    expect((await get(app, "/frameworks/engineering/roles/nobody/text.txt")).status).toBe(404);
  });

  it("unknown role: a friendly 404 and a JSON 404; the data is at /api/frameworks/:fw/roles/:role", async () => {
    const { app } = await exampleApp();
    const missing = await get(app, "/frameworks/engineering/roles/nobody/");
    expect(missing.status).toBe(404);
    expect(missing.body).toContain(
      "There is no role &quot;nobody&quot; in Engineering Career Framework here.",
    );
    const api = await get(app, "/api/frameworks/engineering/roles/backend-engineer");
    expect(api.status).toBe(200);
    const data = JSON.parse(api.body);
    expect(data.classifications[0]).toEqual({
      scheme: "soc-2018",
      schemeName: "SOC 2018",
      code: "15-1252",
      title: "Software Developers",
      match: "broad",
      note: "Software Developers is broader than this role, covering backend work among other specialisations.",
    });
    const apiMissing = await get(app, "/api/frameworks/engineering/roles/nobody");
    expect(apiMissing.status).toBe(404);
    expect(JSON.parse(apiMissing.body)).toMatchObject({ error: 'no role "nobody"' });
  });
});
