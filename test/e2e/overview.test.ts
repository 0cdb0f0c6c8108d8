import { describe, expect, it } from "vitest";
import { axeViolations, liveApp, screenshot, watchedPage } from "./harness.js";

const live = liveApp();

describe("home and overview in Chromium", () => {
  it("home: frameworks listed, no console errors or failed requests, no serious axe violations", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/`);
    await expect(page.getByRole("link", { name: "Engineering Career Framework" }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "home");
    expect(problems).toEqual([]);
  });

  it("overview: the ladder links every level; a level link is reachable by keyboard", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/engineering/`);
    const nodes = page.locator("figure.ladder a.node");
    expect(await nodes.count()).toBe(12);
    // axe-core and the pictures of this page at both widths: page-kinds.test.ts (its "ladder" kind)
    await nodes.filter({ hasText: "Senior" }).first().focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/levels\/senior\/$/);
    expect(problems.filter((p) => !p.includes("/levels/senior/"))).toEqual([]);
  });

  it("overview at 360 px wide in dark mode has no horizontal page scroll", async () => {
    const { page, problems } = await watchedPage(live.browser, {
      width: 360,
      height: 800,
      colorScheme: "dark",
    });
    await page.goto(`${live.url}/frameworks/engineering/`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "overview-mobile-dark");
    expect(problems).toEqual([]);
  });

  it("axe-core's check reports the serious and critical violations of a page made to have them", async () => {
    // the check leaves out rules that can only be minor or moderate (harness.ts, axeHere): not these
    const { page } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/`);
    await page.evaluate(() => {
      document.body.innerHTML = `<main><h1>Control</h1><img src="/assets/favicon.svg"><p style="color:#777;background:#888">faint text</p><a href="/"></a></main>`;
    });
    const found = await axeViolations(page);
    for (const rule of ["critical image-alt", "serious color-contrast", "serious link-name"])
      expect(
        found.some((v) => v.includes(`${rule}:`)),
        `${rule} in ${found.join("; ")}`,
      ).toBe(true);
  });
});
