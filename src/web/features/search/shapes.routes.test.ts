/**
 * Search over the format 2 shapes (test/fixtures/shapes/): criteria are results of their own; a step is found
 * by its name and its description; what a role (or role family) writes in a cell of its own is a result
 * labelled with whose it is, linked to where it is shown, and no longer hides in the shared expectation.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { get, pathsApp } from "../../../../test/support/app.js";
import { elementById } from "../../../../test/support/html.js";

/** stepped-roles with a cell of the role family's own, holding two criteria (one with an id, one without). */
const familyDir = mkdtempSync(join(tmpdir(), "rungs-search-family-"));
afterAll(() => rmSync(familyDir, { recursive: true, force: true }));
const steppedRoles = readFileSync(
  new URL("../../../../test/fixtures/shapes/stepped-roles/framework.yaml", import.meta.url),
  "utf8",
);
const familyCell = `e3:
            step: leading
            roles:
              engineering:
                criteria:
                  - id: runbooks
                    text: Writes the runbook a newcomer follows when paged at night.
                  - Rehearses a restore from backup once a quarter.`;
writeFileSync(
  join(familyDir, "framework.yaml"),
  steppedRoles.replace("id: stepped-roles", "id: family-cells").replace("e3: { step: leading }", familyCell),
);

const { app } = await pathsApp([
  "test/fixtures/shapes/stepped-roles",
  "test/fixtures/shapes/criteria-lists",
  familyDir,
]);

interface Result {
  type: string;
  kind: string;
  title: string;
  context: string;
  url: string;
  also?: { label: string; url: string };
}

async function search(q: string, filters = ""): Promise<Result[]> {
  const res = await get(app, `/api/search?q=${encodeURIComponent(q)}&limit=50${filters}`);
  expect(res.status).toBe(200);
  return JSON.parse(res.body).results;
}

describe("search over the format 2 shapes", () => {
  it("a role's own expectation is a result for that role, linked to the role at that level", async () => {
    const [first, ...rest] = await search("users install days later", "&fw=stepped-roles");
    expect(first).toMatchObject({
      type: "expectation",
      kind: "Expectation for Mobile engineer",
      title: "Systems thinking at Engineer II, for Mobile engineer",
      context: "Craft › Systems thinking · Engineer II · Mobile engineer",
      url: "/frameworks/stepped-roles/roles/mobile/?level=e2#level-e2",
    });
    // the shared expectation no longer claims the role's words
    expect(rest.find((r) => r.title === "Systems thinking at Engineer II")).toBeUndefined();
  });

  it("a role's own cell in place of the shared one says so; its criteria are results for the role", async () => {
    const web = await search("site degrades service down", "&fw=stepped-roles");
    expect(web[0]).toMatchObject({
      kind: "Expectation for Web engineer, in place of the shared one",
      title: "Systems thinking at Senior engineer, for Web engineer",
    });
    const criterion = await search("app versions still installed", "&fw=stepped-roles&kind=criterion");
    expect(criterion[0]).toMatchObject({
      type: "criterion",
      kind: "Criterion for Mobile engineer",
      title:
        "Systems thinking at Engineer II, for Mobile engineer: Keeps the service answering the app versions still installed.",
      url: "/frameworks/stepped-roles/levels/e2/#crit-systems--mobile-old-clients",
      also: {
        label: "On the Mobile engineer page",
        url: "/frameworks/stepped-roles/roles/mobile/?level=e2#level-e2",
      },
    });
  });

  it("a role's or a family's own criterion links to its own anchor on the level page, which holds its text", async () => {
    const cases = [
      ["stepped-roles", "app versions still installed", "/levels/e2/#crit-systems--mobile-old-clients"],
      ["stepped-roles", "app store takes to review", "/levels/e2/#crit-systems--mobile-e2-2"],
      ["stepped-roles", "how slow a page may get", "/levels/e3/#crit-systems--web-e3-1"],
      ["family-cells", "runbook newcomer paged", "/levels/e3/#crit-operations--engineering-runbooks"],
      ["family-cells", "restore from backup quarter", "/levels/e3/#crit-operations--engineering-e3-2"],
    ] as const;
    for (const [fw, q, place] of cases) {
      const [found] = await search(q, `&fw=${fw}&kind=criterion`);
      expect(found?.url, q).toBe(`/frameworks/${fw}${place}`);
      const [path = "", anchor = ""] = (found?.url ?? "").split("#");
      const page = await get(app, path);
      expect(page.status, q).toBe(200);
      // the element is the criterion itself: its text is in it, not merely somewhere on the page
      const text = found?.title.split(": ").at(-1) ?? "";
      expect(elementById(page.body, anchor), q).toContain(text.replace(/\.$/, ""));
    }
    // a family's cell has no page of its own: nothing to offer beside the level page
    const [family] = await search("runbook newcomer paged", "&fw=family-cells&kind=criterion");
    expect(family?.kind).toBe("Criterion for Engineering");
    expect(family?.also).toBeUndefined();
  });

  it("a step is found by its name and by its description, on the cells that ask for it", async () => {
    const leading = await search("Helps others do it", "&fw=stepped-roles");
    const titles = leading.filter((r) => r.type === "expectation").map((r) => r.title);
    expect(titles).toContain("Operations at Senior engineer");
    expect(titles).toContain("Systems thinking at Senior engineer");
    const doing = await search("Proficiency Doing", "&fw=stepped-roles");
    expect(doing[0]?.title).toBe("Operations at Engineer II");
  });

  it("criteria, carried ones at the level that writes them, link to their place on the level page", async () => {
    const results = await search("Proposes a team convention", "&fw=criteria-lists&kind=criterion");
    expect(results[0]?.url).toMatch(/^\/frameworks\/criteria-lists\/levels\/l3a\/#crit-code-quality--/);
    expect(results[0]?.kind).toBe("Criterion");
  });

  it("every result for a role's own text lands on a page that has the element its #anchor names", async () => {
    const results = (await search("engineer service app site releases", "&fw=stepped-roles")).filter((r) =>
      / for /.test(r.kind),
    );
    expect(results.length).toBeGreaterThan(2);
    for (const r of results) {
      const [path = "", anchor = ""] = r.url.split("#");
      const page = await get(app, path);
      expect(page.status, r.url).toBe(200);
      expect(page.body, r.url).toContain(`id="${anchor}"`);
    }
  });
});
