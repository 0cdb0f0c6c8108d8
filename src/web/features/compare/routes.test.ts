import { describe, expect, it } from "vitest";
import { exampleApp, get } from "../../../../test/support/app.js";
import { compareLevelHalves, type LevelCompareHalf } from "../../../core/views/compare.js";

const cmp = "/frameworks/engineering/compare";

/** The table row with this id. */
function row(body: string, id: string): string {
  const start = body.indexOf(`<tr id="${id}"`);
  return start < 0 ? "" : body.slice(start, body.indexOf("</tr>", start) + 5);
}

describe("compare levels: the chooser", () => {
  it("offers two labelled selects of levels grouped by track, as a GET form", async () => {
    const { app } = await exampleApp();
    const res = await get(app, `${cmp}/`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(
      '<form class="compare-chooser" method="get" action="/frameworks/engineering/compare/"',
    );
    expect(res.body).toContain('data-compare-pattern="/frameworks/engineering/compare/{a}/{b}/"');
    expect(res.body).toContain('<label for="compare-a">First level</label>');
    expect(res.body).toContain('<label for="compare-b">Second level</label>');
    for (const track of ["Shared trunk", "Individual contributor", "Management", "Apex"])
      expect(res.body.split(`<optgroup label="${track}">`).length - 1, track).toBe(2);
    expect(res.body).toContain('<option value="senior">\u2068P4\u2069 · \u2068Senior\u2069</option>');
    expect(res.body).toContain('src="/assets/compare-form.js"');
  });

  it("redirects ?a=&b= to the comparison's own path", async () => {
    const { app } = await exampleApp();
    const res = await get(app, `${cmp}/?a=senior&b=lead`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${cmp}/senior/lead/`);
  });

  it("a missing or empty choice is a 400 with the form again, keeping the choice that was made", async () => {
    const { app } = await exampleApp();
    for (const query of ["?b=lead", "?a=&b=lead", "?a=senior", "?a=senior&b=%20"]) {
      const res = await get(app, `${cmp}/${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body).toContain("Choose two levels to compare.");
      expect(res.body).toContain('<select id="compare-a" name="a" required="">');
    }
    expect((await get(app, `${cmp}/?b=lead`)).body).toContain('<option value="lead" selected="">');
  });

  it("a choice that fails its field rules is a 422 with the form again, saying which", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/frameworks/engineering/compare/?a=sen%07ior&b=lead");
    expect(res.status).toBe(422);
    expect(res.type).toContain("text/html");
    expect(res.body).toContain("The first choice must not contain control characters.");
    expect(res.body).toContain('<form class="compare-chooser"');
    const long = await get(app, `/frameworks/engineering/compare-roles/?a=x&b=${"y".repeat(201)}`);
    expect(long.status).toBe(422);
    expect(long.body).toContain("The second choice must be at most 200 characters.");
  });

  it("an unknown level is a 404 naming it (escaped), with the form again", async () => {
    const { app } = await exampleApp();
    const res = await get(app, `${cmp}/?a=%3Cscript%3Ex%3C/script%3E&b=lead`);
    expect(res.status).toBe(404);
    expect(res.body).toContain(
      "There is no level &quot;&lt;script&gt;x&lt;/script&gt;&quot; in \u2068Engineering",
    );
    expect(res.body).not.toContain("<script>x");
    expect(res.body).toContain('<select id="compare-b" name="b" required="">');
    const path = await get(app, `${cmp}/senior/nope/`);
    expect(path.status).toBe(404);
    expect(path.body).toContain("There is no level &quot;nope&quot;");
    expect(path.body).toContain('class="compare-chooser"');
  });
});

describe("compare levels: the comparison", () => {
  it("shows both levels' summaries, links to both, a swap link and a legend", async () => {
    const { app } = await exampleApp();
    const res = await get(app, `${cmp}/senior/lead/`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(
      "<h1><bdi>Senior Software Engineer</bdi> compared with <bdi>Lead Software Engineer</bdi></h1>",
    );
    expect(res.body).toContain(
      '<a href="/frameworks/engineering/levels/senior/">Open Senior Software Engineer</a>',
    );
    expect(res.body).toContain(
      '<a href="/frameworks/engineering/levels/lead/">Open Lead Software Engineer</a>',
    );
    expect(res.body).toContain(`<a href="${cmp}/lead/senior/">Swap sides</a>`);
    expect(res.body).toContain("Takes a loosely stated business aim");
    expect(res.body).toContain("Makes a whole team better at shipping");
    expect(res.body).toMatch(/<del>Struck through<\/del>: words only in <bdi>Senior<\/bdi>/);
    expect(res.body).toMatch(/<ins>Underlined<\/ins>: words only in <bdi>Lead<\/bdi>/);
  });

  it("marks words only in A as <del> and only in B as <ins>, with text for screen readers", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, `${cmp}/senior/lead/`);
    const code = row(body, "area-craft-code-quality");
    expect(code).toContain('<th scope="row"><a href="/frameworks/engineering/matrix/#row-code-quality">');
    const [, a = "", b = ""] = code.split("<td");
    expect(a).toContain("<del>");
    expect(a).not.toContain("<ins>");
    expect(b).toContain("<ins>");
    expect(b).not.toContain("<del>");
    expect(a).toContain('<span class="visually-hidden">[only in Senior: </span>');
    expect(b).toContain('<span class="visually-hidden">[only in Lead: </span>');
    // the dimensions get the same treatment
    expect(row(body, "dim-scope")).toContain("<del>");
    expect(row(body, "rubric-experience")).toContain("<ins>");
  });

  it("says so where a competency does not describe a level, and lists both levels' responsibilities", async () => {
    const { app } = await exampleApp();
    const { body } = await get(app, `${cmp}/lead/manager/`);
    expect(row(body, "area-craft-code-quality")).toContain(
      '<td class="cmp-none" data-side="Manager">Not described at Manager.</td>',
    );
    const senior = await get(app, `${cmp}/senior/lead/`);
    const resp = senior.body.slice(senior.body.indexOf('id="responsibilities"'));
    expect(resp).toContain("Turns a vague goal");
    expect(resp).toContain('<h3 id="resp-1-h">Lead Software Engineer</h3>');
  });

  it("a level compared with itself is a 400 asking for two different levels, by path or by query", async () => {
    const { app } = await exampleApp();
    for (const url of [`${cmp}/senior/senior/`, `${cmp}/?a=senior&b=senior`]) {
      const res = await get(app, url);
      expect(res.status, url).toBe(400);
      expect(res.body).toContain(
        "Both sides are \u2068Senior\u2069. Choose two different levels to compare.",
      );
      expect(res.body).toContain('class="compare-chooser"');
    }
    const roles = await get(app, "/frameworks/engineering/compare-roles/backend-engineer/backend-engineer/");
    expect(roles.status).toBe(400);
    expect(roles.body).toContain(
      "Both sides are \u2068Backend Engineer\u2069. Choose two different roles to compare.",
    );
  });

  it("the comparison's data is at /api/frameworks/:fw/compare/:a/:b; unknown ids are a JSON 404", async () => {
    const { app } = await exampleApp();
    const res = await get(app, "/api/frameworks/engineering/compare/senior/lead");
    expect(res.status).toBe(200);
    const data = JSON.parse(res.body);
    expect([data.a.id, data.b.id, data.adjacent]).toEqual(["senior", "lead", true]);
    const code = data.areas[0].competencies.find((c: { id: string }) => c.id === "code-quality");
    expect(code.diff.some((p: { op: string }) => p.op === "add")).toBe(true);
    const missing = await get(app, "/api/frameworks/engineering/compare/senior/zzz");
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ error: 'no level "zzz"', unknown: ["zzz"] });
  });
});

describe("compare roles", () => {
  const roles = "/frameworks/engineering/compare-roles";

  it("puts family, code, summary, levels, responsibilities per level, skills, aliases and codes side by side", async () => {
    const { app } = await exampleApp();
    const res = await get(app, `${roles}/backend-engineer/frontend-engineer/`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(
      "<h1><bdi>Backend Engineer</bdi> compared with <bdi>Frontend Engineer</bdi></h1>",
    );
    expect(res.body).toContain('<td data-side="Backend Engineer">SWE.BE</td>');
    expect(res.body).toContain('<td data-side="Frontend Engineer">SWE.FE</td>');
    expect(row(res.body, "level-intern")).toContain("Frontend Engineer does not span this level.");
    expect(row(res.body, "level-senior")).toContain("Leads the design of a new service");
    expect(res.body).toContain("Only Backend Engineer (");
    expect(res.body).toContain("<dt>API design</dt>");
    expect(res.body).toContain("<li>UI Engineer</li>");
    expect(res.body).toMatch(
      /<td>SOC 2018<\/td><td><a href="\/occupations\/soc-2018\/15-1252\/"><code>15-1252<\/code><\/a><\/td><td>Software Developers<\/td><td>broad<\/td><td>broad<\/td>/,
    );
    expect(res.body).toContain(`<a href="${roles}/frontend-engineer/backend-engineer/">Swap sides</a>`);
  });

  it("the chooser redirects, refuses bad input with the form, and says when a framework has no roles", async () => {
    const { app } = await exampleApp();
    expect((await get(app, `${roles}/`)).status).toBe(200);
    const ok = await get(app, `${roles}/?a=backend-engineer&b=engineering-manager`);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`${roles}/backend-engineer/engineering-manager/`);
    const bad = await get(app, `${roles}/?a=backend-engineer`);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Choose two roles to compare.");
    const unknown = await get(app, `${roles}/backend-engineer/nobody/`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain("There is no role &quot;nobody&quot;");
    expect(unknown.body).toContain('<optgroup label="Software Engineering">');
    const none = await get(app, "/frameworks/product-matrix/compare-roles/");
    expect(none.status).toBe(404);
    expect(none.body).toContain("This framework has no roles.");
  });

  it("the comparison's data is at /api/frameworks/:fw/compare-roles/:a/:b", async () => {
    const { app } = await exampleApp();
    const res = await get(
      app,
      "/api/frameworks/engineering/compare-roles/backend-engineer/site-reliability-engineer",
    );
    expect(res.status).toBe(200);
    const data = JSON.parse(res.body);
    expect(data.a.name).toBe("Backend Engineer");
    expect(data.levels[0].level.id).toBe("intern");
    const missing = await get(app, "/api/frameworks/engineering/compare-roles/x/backend-engineer");
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).unknown).toEqual(["x"]);
  });
});

describe("compare levels: a level's half, for the static site's compare form", () => {
  it("is a script whose half, compared with another's, gives the API's answer for every pair", async () => {
    const { app, registry } = await exampleApp();
    const halves = new Map<string, LevelCompareHalf>();
    const levels = registry.get("engineering")?.index?.levelOrder ?? [];
    expect(levels.length).toBeGreaterThan(5);
    for (const level of levels) {
      const res = await get(app, `/frameworks/engineering/levels/${level}/compare.js`);
      expect(res.status).toBe(200);
      expect(res.type).toContain("text/javascript");
      const prefix = `(globalThis.RUNGS_LEVEL_HALVES ??= new Map()).set("engineering/${level}", `;
      expect(res.body.startsWith(prefix), level).toBe(true);
      halves.set(level, JSON.parse(res.body.slice(prefix.length, -");\n".length)));
    }
    for (const a of levels.slice(0, 4))
      for (const b of levels.slice(-4)) {
        const api = JSON.parse((await get(app, `/api/frameworks/engineering/compare/${a}/${b}`)).body);
        const ha = halves.get(a) as LevelCompareHalf;
        const hb = halves.get(b) as LevelCompareHalf;
        expect(JSON.parse(JSON.stringify(compareLevelHalves(ha, hb))), `${a} ${b}`).toEqual(api);
      }
    expect((await get(app, "/frameworks/engineering/levels/nobody/compare.js")).status).toBe(404);
  });
});
