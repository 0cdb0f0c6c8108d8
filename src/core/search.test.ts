import { beforeAll, describe, expect, it } from "vitest";
import { exampleApp } from "../../test/support/app.js";
import { checkOccupationCode } from "./occupations.js";
import {
  buildSearchDocuments,
  checkQuery,
  createSearchIndex,
  highlight,
  loadSearchIndex,
  plainText,
  type SearchableFramework,
  type SearchDocument,
  type SearchIndex,
  searchIndex,
  serializeSearchIndex,
  snippet,
} from "./search.js";

let frameworks: SearchableFramework[];
let docs: SearchDocument[];
let index: SearchIndex;
let titles: (scheme: string, code: string) => string | undefined;

beforeAll(async () => {
  const { registry } = await exampleApp();
  frameworks = registry.list().flatMap((fw) => (fw.index ? [{ id: fw.id, index: fw.index }] : []));
  const catalog = registry.occupations;
  titles = (scheme, code) => checkOccupationCode(scheme, code, catalog).title;
  docs = buildSearchDocuments(frameworks, { occupationTitle: titles });
  index = createSearchIndex(docs);
});

const urls = (q: string, limit = 10) => searchIndex(index, q, limit).results.map((r) => r.url);

describe("search documents", () => {
  it("every expectation links to its matrix cell and offers the level page's anchor", () => {
    const cell = docs.find((d) => d.url === "/frameworks/engineering/matrix/#cell-code-quality--senior");
    expect(cell).toMatchObject({
      type: "expectation",
      kind: "Expectation",
      context: "Technical craft › Code & design quality · Senior",
      also: { url: "/frameworks/engineering/levels/senior/#exp-code-quality" },
    });
    // the senior cell has a statement, an elaboration, examples and rating texts: all of it is searchable
    expect(cell?.body).toContain("Designs the internal structure of services");
    expect(cell?.body).toContain("What separates a senior engineer");
    expect(cell?.body).toContain("Replaces three hand-rolled retry helpers");
    expect(cell?.body).toContain("Meets expectations: Designs modules and services");
    const expectations = docs.filter((d) => d.type === "expectation");
    expect(expectations.length).toBeGreaterThan(150);
    for (const d of expectations) expect(d.url).toMatch(/\/matrix\/#cell-[a-z0-9-]+--[a-z0-9-]+$/);
  });

  it("level fields link to their section of the level page", () => {
    const senior = docs.filter((d) => d.url.startsWith("/frameworks/engineering/levels/senior/"));
    expect(senior.map((d) => d.url.split("#")[1] ?? "")).toEqual([
      "",
      "summary",
      "dimensions",
      "responsibilities",
      "narrative",
      "next",
      "guidance-1",
      "guidance-2",
    ]);
  });

  it("roles carry their aliases, codes and occupation titles; responsibilities link to the role at that level", () => {
    const role = docs.find((d) => d.url === "/frameworks/engineering/roles/backend-engineer/");
    expect(role?.names).toContain("Backend Developer");
    expect(role?.codes).toContain("15-1252");
    expect(role?.codes).toContain("SWE.BE");
    expect(role?.body).toContain("Software Developers");
    expect(docs.map((d) => d.url)).toContain(
      "/frameworks/engineering/roles/backend-engineer/?level=senior#level-senior",
    );
  });

  it("the same frameworks give the same documents and the same serialized index", () => {
    const again = createSearchIndex(buildSearchDocuments(frameworks, { occupationTitle: titles }));
    expect(JSON.stringify(serializeSearchIndex(again))).toBe(JSON.stringify(serializeSearchIndex(index)));
  });
});

describe("searching", () => {
  it("a competency's name ranks that competency and its cells above everything that merely mentions it", () => {
    const cells = docs.filter((d) => d.url.startsWith("/frameworks/engineering/matrix/#cell-code-quality--"));
    expect(cells).toHaveLength(9);
    const top = urls("Code & design quality", cells.length + 1);
    for (const url of top) {
      expect(url).toMatch(
        /^\/frameworks\/engineering\/matrix\/#(cell-code-quality--|competency-code-quality$)/,
      );
    }
  });

  it("forgives a typo: incidnet finds incidents", () => {
    const { results } = searchIndex(index, "incidnet", 10);
    expect(results.length).toBeGreaterThan(3);
    for (const r of results) expect(r.snippet).toMatch(/<mark>incidents?<\/mark>/i);
  });

  it("finds a word by its start", () => {
    expect(searchIndex(index, "observab", 5).results[0]?.snippet).toMatch(/<mark>observability<\/mark>/i);
  });

  it("an alias finds its role first", () => {
    expect(urls("Backend developer")[0]).toBe("/frameworks/engineering/roles/backend-engineer/");
    expect(urls("UI engineer")[0]).toBe("/frameworks/engineering/roles/frontend-engineer/");
  });

  it("an occupation code finds the roles classified under it", () => {
    const { results } = searchIndex(index, "15-1252", 5);
    expect(results[0]?.url).toBe("/frameworks/engineering/roles/backend-engineer/");
    expect(results[0]?.snippet).toContain("SOC 2018 <mark>15-1252</mark> Software Developers (broad match)");
    expect(urls("15-1252.00")[0]).toBe("/frameworks/engineering/roles/backend-engineer/");
    expect(urls("Software Developers", 3)).toContain("/frameworks/engineering/roles/backend-engineer/");
  });

  it("a level code or title finds the level", () => {
    expect(urls("P4")[0]).toBe("/frameworks/engineering/levels/senior/");
    expect(urls("Staff Software Engineer")[0]).toBe("/frameworks/engineering/levels/staff/");
  });

  it("documents with every word come before those with some", () => {
    const { results } = searchIndex(index, "incident review", 3);
    for (const r of results) {
      expect(r.snippet.toLowerCase()).toMatch(/<mark>incidents?<\/mark>/);
      expect(r.snippet.toLowerCase()).toMatch(/<mark>review/);
    }
  });

  it("finds text from every kind of field", () => {
    // rating text, example, area takeaway, guidance sub-section item, skill description, reach-next text
    expect(urls("approve without reading", 3)).toContain(
      "/frameworks/engineering/matrix/#cell-code-quality--senior",
    );
    expect(urls("sprawling request handler", 3)).toContain(
      "/frameworks/engineering/matrix/#cell-code-quality--senior",
    );
    expect(urls("lifts the team's code through review", 3)).toContain("/frameworks/engineering/areas/craft/");
    expect(urls("idempotency partial failure ordering", 3)).toContain(
      "/frameworks/engineering/roles/backend-engineer/",
    );
    expect(urls("carry a task from ticket to merge", 3)).toContain(
      "/frameworks/engineering/levels/intern/#next",
    );
  });

  it("empty, stop-word-only and garbage queries find nothing and do not throw", () => {
    for (const q of ["", "   ", "!!!", "the and of", "zzqxjvw", "\u0000", "x".repeat(500), "((*&^%$#@"]) {
      expect(searchIndex(index, q, 10), q).toEqual({ total: 0, results: [] });
    }
  });

  it("gives the same results in the same order every time, also from the serialized index", () => {
    const first = searchIndex(index, "team", 100);
    expect(first.total).toBeGreaterThan(100);
    expect(searchIndex(index, "team", 100)).toEqual(first);
    const loaded = loadSearchIndex(JSON.parse(JSON.stringify(serializeSearchIndex(index))));
    expect(searchIndex(loaded, "team", 100)).toEqual(first);
    // equal scores keep document order
    const scores = first.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("limit caps the results but not the total", () => {
    const some = searchIndex(index, "design", 3);
    expect(some.results).toHaveLength(3);
    expect(some.total).toBeGreaterThan(3);
  });
});

describe("queries and snippets", () => {
  it("refuses queries that are too long or carry control characters, with a reason", () => {
    expect(checkQuery("  incident  ")).toEqual({ ok: true, query: "incident" });
    expect(checkQuery(undefined)).toEqual({ ok: true, query: "" });
    const long = checkQuery("a".repeat(201));
    expect(long.ok).toBe(false);
    expect(!long.ok && long.error).toContain("200");
    expect(checkQuery("in\u0007cident").ok).toBe(false);
  });

  it("escapes first, then marks: framework text can never inject markup", () => {
    expect(highlight(`a <b onclick="x">incident</b> & 'y'`, ["incident"])).toBe(
      "a &lt;b onclick=&quot;x&quot;&gt;<mark>incident</mark>&lt;/b&gt; &amp; &#39;y&#39;",
    );
    expect(highlight("<mark>", ["mark"])).toBe("&lt;<mark>mark</mark>&gt;");
    // a joined word is marked whole when it matched whole, else only its matching parts
    expect(highlight("cross-team work, 15-1254", ["cross-team", "15"])).toBe(
      "<mark>cross-team</mark> work, <mark>15</mark>-1254",
    );
  });

  it("cuts the snippet around the first match", () => {
    const text = `${"filler words here ".repeat(30)}the incident review ${"more text ".repeat(40)}`;
    const s = snippet(text, ["incident"]);
    expect(s.startsWith("…")).toBe(true);
    expect(s.endsWith("…")).toBe(true);
    expect(s).toContain("<mark>incident</mark>");
    expect(s.length).toBeLessThan(300);
  });

  it("indexes Markdown as plain text", () => {
    expect(
      plainText("**Owns** the [runbook](https://x.example/r) and _follow-up_.\n- item one\n- item two"),
    ).toBe("Owns the runbook and follow-up. item one item two");
    expect(plainText("O*NET's list, 2 * 3 and snake_case_name")).toBe(
      "O*NET's list, 2 * 3 and snake_case_name",
    );
  });
});
