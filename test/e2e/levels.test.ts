import { describe, expect, it } from "vitest";
import { axeViolations, liveApp, watchedPage } from "./harness.js";

const live = liveApp();

describe("level, compare and role pages in Chromium", () => {
  it("level page → compare with the next level: diff marks, legend, no axe violations", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/engineering/levels/senior/`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Senior Software Engineer");
    // the elaboration opens and closes like any <details>
    const details = page.locator("#exp-code-quality details.elaboration");
    await details.locator("summary").click();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // the level page's pictures: page-kinds.test.ts (its "level" kind)

    await page.getByRole("link", { name: "Compare with Lead" }).click();
    await page.waitForURL(/\/compare\/senior\/lead\/$/);
    expect(await page.locator(".diff-text del").count()).toBeGreaterThan(10);
    expect(await page.locator(".diff-text ins").count()).toBeGreaterThan(10);
    // the marks are not colour alone: struck through / underlined, and named for screen readers
    const decoration = await page
      .locator(".diff-text del")
      .first()
      .evaluate((el) => getComputedStyle(el).textDecorationLine);
    expect(decoration).toContain("line-through");
    await expect(page.locator(".diff-text del .visually-hidden").first().textContent()).resolves.toBe(
      "[only in Senior: ",
    );
    await expect(page.locator("#legend").textContent()).resolves.toContain("words only in Lead");
    // axe-core and the pictures of this comparison as loaded: page-kinds.test.ts (its "compare" kind)
    expect(problems).toEqual([]);
  });

  it("the level's text view opens as plain text with the level's title", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/engineering/levels/senior/`);
    await page.getByRole("link", { name: "Copy / print as text" }).click();
    await page.waitForURL(/\/levels\/senior\/text\.txt$/);
    const text = await page.locator("body").innerText();
    expect(text).toContain("Senior Software Engineer");
    expect(text).toContain("Reaching the next level");
    // a plain-text document has no <link rel=icon>, so Chromium asks for /favicon.ico, which the app does not
    // serve; that request is the browser's own (no page response event), not something the page asked for
    expect(problems.filter((p) => !/^console: Failed to load resource: .*404/.test(p))).toEqual([]);
  });

  it("the compare chooser goes to the comparison's own path (island) and swap switches the sides", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/engineering/compare/`);
    // the same level twice is refused where the choice is made, without leaving the page
    await page.getByLabel("First level").selectOption("senior");
    await page.getByLabel("Second level").selectOption("senior");
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(
      page.getByLabel("Second level").evaluate((el) => (el as HTMLSelectElement).validationMessage),
    ).resolves.toBe("Choose a different one from the first.");
    expect(page.url()).toBe(`${live.url}/frameworks/engineering/compare/`);
    await page.getByLabel("First level").selectOption("staff");
    await page.getByLabel("Second level").selectOption("manager");
    await page.getByRole("button", { name: "Compare" }).click();
    await page.waitForURL(/\/compare\/staff\/manager\/$/);
    await page.getByRole("link", { name: "Swap sides" }).click();
    await page.waitForURL(/\/compare\/manager\/staff\/$/);
    await expect(page.locator("h1").textContent()).resolves.toBe(
      "Engineering Manager compared with Staff Software Engineer",
    );
    expect(problems).toEqual([]);
  });

  it("role page with ?level=senior highlights the senior block; the picker moves the highlight", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/engineering/roles/backend-engineer/?level=senior`);
    const senior = page.locator("#level-senior");
    await expect(senior.getAttribute("aria-current")).resolves.toBe("true");
    await expect(senior.getAttribute("class")).resolves.toContain("current");
    expect(await page.locator('[aria-current="true"]').count()).toBe(1);
    // axe-core and the pictures of this page as loaded: page-kinds.test.ts (its "role" kind)

    await page.getByLabel("Highlight a level").selectOption("staff");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/\?level=staff$/);
    await expect(page.locator("#level-staff").getAttribute("aria-current")).resolves.toBe("true");
    await expect(page.locator("#level-senior").getAttribute("aria-current")).resolves.toBeNull();
    expect(problems).toEqual([]);
  });

  it("without a server reading ?level= (a static site), the island applies the highlight", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    const base = `${live.url}/frameworks/engineering/roles/backend-engineer/`;
    // answer the query URL with the page as a static build has it: rendered without any ?level=
    await page.route(`${base}?level=lead`, async (route) => {
      const plain = await route.fetch({ url: base });
      await route.fulfill({ response: plain });
    });
    await page.goto(`${base}?level=lead`);
    const lead = page.locator("#level-lead");
    await expect(lead.getAttribute("aria-current")).resolves.toBe("true");
    await expect(lead.getAttribute("class")).resolves.toContain("current");
    await expect(page.locator('tr[data-level="lead"]').first().getAttribute("class")).resolves.toBe(
      "current",
    );
    await expect(page.getByLabel("Highlight a level").inputValue()).resolves.toBe("lead");
    expect(problems).toEqual([]);
  });

  it("compare roles: side by side; the role page's compare form goes there", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/engineering/roles/backend-engineer/`);
    await page.getByLabel("Role to compare with").selectOption("site-reliability-engineer");
    await page.locator("#compare").getByRole("button", { name: "Compare" }).click();
    await page.waitForURL(/\/compare-roles\/backend-engineer\/site-reliability-engineer\/$/);
    await page.goto(`${live.url}/frameworks/engineering/compare-roles/backend-engineer/frontend-engineer/`);
    await expect(page.locator("h1").textContent()).resolves.toBe(
      "Backend Engineer compared with Frontend Engineer",
    );
    // axe-core and the pictures of this page: page-kinds.test.ts (its "compare-roles" kind)
    expect(problems).toEqual([]);
  });

  it("each page kind fits 360 px in dark mode without scrolling the page sideways", async () => {
    const { page, problems } = await watchedPage(live.browser, {
      width: 360,
      height: 800,
      colorScheme: "dark",
    });
    for (const path of [
      "/frameworks/engineering/levels/senior/",
      "/frameworks/engineering/compare/senior/lead/",
      "/frameworks/engineering/compare-roles/backend-engineer/frontend-engineer/",
      "/frameworks/engineering/roles/backend-engineer/?level=senior",
      "/frameworks/engineering/compare/",
    ]) {
      await page.goto(`${live.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
