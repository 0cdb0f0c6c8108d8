import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { addPerson, authApp, ORIGIN, signedIn, type TestBrowser } from "../../test/support/auth.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { createStore } from "./store.js";
import { COUNT_LIMITS, TEXT_LIMITS, type TextField, textLength } from "./text-limits.js";

describe("text length", () => {
  it("counts code points: an emoji is one character, an accent composed by NFC too", () => {
    expect(textLength("abc")).toBe(3);
    expect(textLength("😀😀")).toBe(2);
    expect("😀😀".length).toBe(4);
    expect(textLength("é".normalize("NFC"))).toBe(1);
  });

  it("stops counting past the limit, so a megabyte costs no more than the limit to measure", () => {
    expect(textLength("x".repeat(1_000_000), 200)).toBe(201);
    expect(textLength("😀".repeat(201), 200)).toBe(201);
    expect(textLength("😀".repeat(200), 200)).toBe(200);
  });
});

/** A value `over` the limit (by one) or exactly at it, in characters beyond the Basic Multilingual Plane. */
const emoji = (n: number) => "😀".repeat(n);

describeEachDatabase("text limits at the edge", (ctx) => {
  /** Every field people write, at its limit (stored) and one past it (the same 422 message on both databases). */
  async function setup() {
    const made = await authApp(ctx);
    const ada = await addPerson(made.store, {
      name: "Ada Admin",
      email: "ada@example.com",
      admin: true,
      framework: "engineering",
      level: "mid",
    });
    const browser = await signedIn(made.app, "ada@example.com");
    return { ...made, ada, browser };
  }

  const tooLong = (label: string, field: TextField) =>
    `${label} is too long (at most ${TEXT_LIMITS[field]} characters)`;

  it("a person's name and email (admin form)", async () => {
    const { browser, store } = await setup();
    const form = await browser.get("/admin/people/");
    expect(form.body).toMatch(new RegExp(`id="create-name"[^>]* maxlength="${TEXT_LIMITS.personName}"`));
    expect(form.body).toMatch(new RegExp(`id="create-email"[^>]* maxlength="${TEXT_LIMITS.email}"`));
    const over = await browser.post("/admin/people/", {
      name: emoji(TEXT_LIMITS.personName + 1),
      email: `${"e".repeat(TEXT_LIMITS.email - 10)}@example.io`,
    });
    expect(over.status).toBe(422);
    expect(over.body).toContain(tooLong("Name", "personName"));
    expect(over.body).toContain(tooLong("Email", "email"));
    const name = emoji(TEXT_LIMITS.personName);
    const email = `${"e".repeat(TEXT_LIMITS.email - 11)}@example.io`;
    expect((await browser.post("/admin/people/", { name, email })).status).toBe(303);
    expect(await store.people.getByEmail(email)).toMatchObject({ name, email });
  });

  it("placement ids (CSV import)", async () => {
    const { browser } = await setup();
    const answer = await browser.post("/admin/import/", {
      csv: `name,email,role\nBo,bo@example.com,${"r".repeat(TEXT_LIMITS.id + 1)}\n`,
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toContain(tooLong("Role", "id"));
  });

  it("a cycle's name and the organization's name (admin forms)", async () => {
    const { browser, store } = await setup();
    expect((await browser.get("/admin/cycles/")).body).toContain(`maxlength="${TEXT_LIMITS.cycleName}"`);
    const cycle = { startsOn: "2030-01-01", endsOn: "2030-06-30" };
    const over = await browser.post("/admin/cycles/", { ...cycle, name: emoji(TEXT_LIMITS.cycleName + 1) });
    expect(over.status).toBe(422);
    expect(over.body).toContain(tooLong("The cycle name", "cycleName"));
    const at = await browser.post("/admin/cycles/", { ...cycle, name: emoji(TEXT_LIMITS.cycleName) });
    expect(at.status).toBe(303);
    expect((await store.cycles.current())?.name).toBe(emoji(TEXT_LIMITS.cycleName));

    expect((await browser.get("/admin/settings/")).body).toContain(
      `maxlength="${TEXT_LIMITS.organizationName}"`,
    );
    const org = await browser.post("/admin/settings/", {
      organization: emoji(TEXT_LIMITS.organizationName + 1),
    });
    expect(org.status).toBe(422);
    expect(org.body).toContain(tooLong("The organization name", "organizationName"));
    const fits = await browser.post("/admin/settings/", {
      organization: emoji(TEXT_LIMITS.organizationName),
    });
    expect(fits.status).toBe(303);
  });

  it("evidence and its links (the assessment form and its autosave)", async () => {
    const { browser, ada } = await setup();
    const form = `/people/${ada.id}/assessments/self/`;
    expect((await browser.get(form)).body).toContain(`maxlength="${TEXT_LIMITS.evidence}"`);
    const put = (picks: unknown) =>
      putJson(browser, `/api/people/${ada.id}/assessments/self/draft`, { version: 0, picks });
    const over = await put([
      {
        competency: "code-quality",
        evidence: emoji(TEXT_LIMITS.evidence + 1),
        links: [`https://example.com/${"l".repeat(TEXT_LIMITS.link)}`],
      },
    ]);
    expect(over.status).toBe(422);
    expect(JSON.parse(over.body).problems).toEqual([
      {
        field: "evidence-code-quality",
        message: `Code & design quality: ${tooLong("Evidence", "evidence")}`,
      },
      { field: "links-code-quality", message: `Code & design quality: ${tooLong("A link", "link")}` },
    ]);
    const many = Array.from({ length: COUNT_LIMITS.linksPerPick + 1 }, (_, i) => `https://example.com/${i}`);
    const tooMany = await put([{ competency: "code-quality", links: many }]);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toContain(`at most ${COUNT_LIMITS.linksPerPick} per competency`);
    const posted = await browser.post(form, {
      version: "0",
      action: "save",
      "evidence.code-quality": emoji(TEXT_LIMITS.evidence + 1),
    });
    expect(posted.status).toBe(422);
    expect(posted.body).toContain(tooLong("Evidence", "evidence"));
    const at = await put([{ competency: "code-quality", evidence: emoji(TEXT_LIMITS.evidence) }]);
    expect(at.status).toBe(200);
  });

  it("a goal's text (the store, which every way of keeping a goal goes through)", async () => {
    const { store, ada } = await setup();
    const save = (text: string) =>
      store.goals.save(ada.id, ada.id, { framework: "engineering", text, sources: [] });
    const over = await save(emoji(TEXT_LIMITS.goal + 1));
    expect(over.ok ? [] : over.problems.map((p) => p.message)).toEqual([tooLong("The goal", "goal")]);
    expect((await save(emoji(TEXT_LIMITS.goal))).ok).toBe(true);
  });

  it("searches of the directory and the admin list, as a page and as JSON", async () => {
    const { browser } = await setup();
    const q = encodeURIComponent(emoji(TEXT_LIMITS.search + 1));
    for (const path of [`/people/?q=${q}`, `/admin/people/?q=${q}`]) {
      const page = await browser.get(path);
      expect(page.status, path).toBe(422);
      expect(page.body, path).toMatch(/The search (is too long|must be at most) .*200 characters/);
      expect(page.body, path).toContain(`maxlength="${TEXT_LIMITS.search}"`);
    }
    const api = await browser.get(`/api/people?q=${q}`);
    expect(api.status).toBe(422);
    expect(JSON.parse(api.body)).toMatchObject({
      error: `q must be at most ${TEXT_LIMITS.search} characters`,
      errors: [{ field: "q", message: `must be at most ${TEXT_LIMITS.search} characters` }],
    });
    // NUL cannot be searched for on PostgreSQL: refused alike on both, never a 500
    expect((await browser.get("/api/people?q=a%00b")).status).toBe(422);
    expect((await browser.get(`/people/?q=${encodeURIComponent(emoji(TEXT_LIMITS.search))}`)).status).toBe(
      200,
    );
  });

  it("the store refuses what the edge would, for callers that are not forms (CLI, import, restore)", async () => {
    const store = createStore(ctx.database);
    const made = await store.people.create({
      name: emoji(TEXT_LIMITS.personName + 1),
      email: "x@example.com",
    });
    expect(made.ok ? [] : made.problems.map((p) => p.message)).toEqual([tooLong("Name", "personName")]);
  });
});

async function putJson(browser: TestBrowser, path: string, body: unknown) {
  return browser.request("PUT", path, {
    headers: { Origin: ORIGIN, "Content-Type": "application/json", "X-CSRF-Token": browser.csrf ?? "" },
    body: JSON.stringify(body),
  });
}

describe("the documentation", () => {
  it("lists every text limit with its number (docs/security.md)", () => {
    const doc = readFileSync(new URL("../../docs/security.md", import.meta.url), "utf8");
    for (const [field, max] of Object.entries({ ...TEXT_LIMITS, ...COUNT_LIMITS })) {
      expect(doc, field).toMatch(
        new RegExp(`\\| \`${field}\` \\|[^\\n]*\\| ${max.toLocaleString("en")} \\|`),
      );
    }
  });
});
