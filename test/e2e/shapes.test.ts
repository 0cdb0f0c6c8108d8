/**
 * The real shapes of issue 14 (test/fixtures/shapes/): every fixture loads clean and its overview, first
 * level and matrix render without a failed request or a script error; each format 2 shape shows what makes
 * it that shape. One server over every fixture for the file; axe-core on the pages of the format 2 shapes.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { axeViolations, liveApp, watchedPage } from "./harness.js";

const SHAPES = readdirSync(new URL("../fixtures/shapes/", import.meta.url)).sort();
const live = liveApp(SHAPES.map((name) => `test/fixtures/shapes/${name}`));

describe("shape fixtures in Chromium", () => {
  it("every fixture renders its overview, its first level and its matrix", { timeout: 120_000 }, async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/`);
    // every fixture is listed as a framework: none failed to load
    const listed = await page
      .locator("main a[href^='/frameworks/']")
      .evaluateAll((els) => els.map((e) => (e.getAttribute("href") ?? "").split("/")[2]));
    for (const name of SHAPES) expect(listed).toContain(name);
    for (const name of SHAPES) {
      await page.goto(`${live.url}/frameworks/${name}/`);
      expect(await page.locator("h1").count(), name).toBe(1);
      // the first level and the matrix: their HTML, fetched by the page (a full load each is too slow here)
      const first = await page.locator("#levels tbody a").first().getAttribute("href");
      for (const path of [first, `/frameworks/${name}/matrix/`]) {
        const res = await page.request.get(`${live.url}${path}`);
        expect(res.status(), `${name} ${path}`).toBe(200);
        expect(await res.text()).toMatch(/<h1>[^<]+<\/h1>/);
      }
    }
    expect(problems).toEqual([]);
  });

  it("criteria lists, sub-levels and carried cells; steps and role cells; rank-aligned tracks; points; a base extended", {
    timeout: 90_000,
  }, async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    // criteria with examples, a sub-level of band 3 carrying the level below forward
    await page.goto(`${live.url}/frameworks/criteria-lists/levels/l3a/`);
    await expect(page.locator(".level-facts").innerText()).resolves.toContain("Sub-level of band\n3");
    const criteria = await page.locator("#exp-code-quality ol.criteria > li").allInnerTexts();
    expect(criteria.some((c) => c.includes("(from Engineer 2)"))).toBe(true);
    expect(criteria.at(-1)).toContain("Proposes a team convention");
    expect(await axeViolations(page)).toEqual([]);

    // a step of the competency's scale, and the web role's own cell in place of the shared one
    await page.goto(`${live.url}/frameworks/stepped-roles/levels/e3/`);
    await expect(page.locator("#exp-systems .cell-step").first().innerText()).resolves.toMatch(
      /^Proficiency: Leading \(step 3 of 4\)\s+—\s+Helps others do it\.$/,
    );
    await expect(page.locator("#exp-systems .role-cell[data-role=web]").innerText()).resolves.toContain(
      "For Web engineer, instead:",
    );
    expect(await axeViolations(page)).toEqual([]);

    // IC4 beside M4: one rank, one height on the ladder; the text beyond the ladder
    await page.goto(`${live.url}/frameworks/dual-track/`);
    const y = (id: string) => page.locator(`.ladder a.node[href$="/levels/${id}/"] rect`).getAttribute("y");
    expect(await y("ic4")).toBe(await y("m4"));
    await expect(page.locator("#beyond").innerText()).resolves.toContain("Above IC6 and M6");
    expect(await axeViolations(page)).toEqual([]);

    // the points each title takes; unnamed categories get a label made from their id
    await page.goto(`${live.url}/frameworks/points-ladder/`);
    expect(await page.locator("#points tbody tr").allInnerTexts()).toEqual([
      "Engineer I\t0",
      "Engineer II\t10",
      "Senior engineer\t20",
      "Staff engineer\t32",
    ]);
    await expect(page.locator("#areas h3").first().innerText()).resolves.toBe("Building");

    // the mobile discipline inherits the base's competencies, drops one and adds its own area
    await page.goto(`${live.url}/frameworks/discipline-mobile/matrix/`);
    const rows = await page
      .locator("#matrix [data-competency-head]")
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.competencyHead));
    expect(rows).toContain("store-releases");
    expect(rows).toContain("code");
    expect(rows).not.toContain("estimation");
    expect(problems).toEqual([]);
  });

  it("compare: criteria one by one; word changes, plain side by side or changes only; stacked on a phone", {
    timeout: 90_000,
  }, async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/criteria-lists/compare/l2/l3a/`);
    const row = "#area-technical-code-quality";
    await expect(page.locator(`${row}--crit-standards`).innerText()).resolves.toContain("(new)");
    await expect(page.locator(`${row}--crit-readable`).innerText()).resolves.toContain("(same on both)");
    const struck = () =>
      page
        .locator(".diff-text del, .diff-text ins")
        .first()
        .evaluate((el) => getComputedStyle(el).textDecorationLine);
    expect(await struck()).not.toBe("none");
    await page.getByLabel("Plain side by side").check();
    expect(await struck()).toBe("none");
    await page.getByLabel("Changes only").check();
    expect(await page.locator(`${row}--crit-readable`).isVisible()).toBe(false);
    expect(await page.locator(`${row}--crit-standards`).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // 360 px: both sides of a row are shown, one above the other, each named
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByLabel("Word changes marked").check();
    const cells = page.locator(`${row}--crit-standards td`);
    const [first, second] = await cells.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    expect(second).toBeGreaterThan(first ?? 0);
    expect(await cells.nth(1).isVisible()).toBe(true);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
