import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_PATHS, exampleApp, get } from "../support/app.js";
import { axeViolations, buildStaticSite, launchBrowser, screenshot, watchedPage } from "./harness.js";

let browser: Browser;
let out: string;
let log = "";

beforeAll(async () => {
  const built = await buildStaticSite(EXAMPLE_PATHS);
  out = built.out;
  log = built.log;
  expect(built.status).toBe(0);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

const file = (path: string) => pathToFileURL(join(out, path)).href;

describe("static site opened from disk", () => {
  it("writes every page kind", () => {
    expect(log).toMatch(/wrote \d+ files/);
    for (const page of [
      "index.html",
      "frameworks/engineering/index.html",
      "frameworks/engineering/levels/senior/index.html",
      "frameworks/engineering/levels/senior/text.txt",
      "frameworks/engineering/matrix/index.html",
      "frameworks/engineering/areas/craft/index.html",
      "frameworks/engineering/roles/backend-engineer/index.html",
      "frameworks/engineering/compare/senior/lead/index.html",
      "frameworks/engineering/compare-roles/backend-engineer/frontend-engineer/index.html",
      "frameworks/product-matrix/matrix/index.html",
      "search/index.html",
      "assets/app.css",
      "404.html",
    ]) {
      expect(readFileSync(join(out, page)).length, page).toBeGreaterThan(100);
    }
    // level pairs: only each level with the levels it leads to and comes from; every level's half for the rest
    expect(existsSync(join(out, "frameworks/engineering/compare/lead/senior/index.html"))).toBe(true);
    expect(existsSync(join(out, "frameworks/engineering/compare/junior/lead/index.html"))).toBe(false);
    expect(readFileSync(join(out, "frameworks/engineering/levels/junior/compare.js"), "utf8")).toMatch(
      /^\(globalThis\.RUNGS_LEVEL_HALVES \?\?= new Map\(\)\)\.set\("engineering\/junior", \{/,
    );
  });

  it("compares a pair it did not pre-render in the browser, the same as the server does", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true, enforceCsp: true });
    await page.goto(file("frameworks/engineering/compare/index.html"));
    await page.locator("#compare-a").selectOption("junior");
    await page.locator("#compare-b").selectOption("lead");
    await page.getByRole("button", { name: "Compare" }).click();
    await page.waitForURL(/compare\/index\.html\?a=junior&b=lead$/);
    const article = page.locator("main article.cmp-page");
    await article.waitFor();
    expect(await page.title()).toMatch(/ and .* compared · /);
    expect(await article.locator("ins, del, mark").count()).toBeGreaterThan(0);
    const shown = await article.evaluate((el) => el.textContent);
    // the server's page of the same pair, its text read by the same browser
    const { app } = await exampleApp();
    const served = await get(app, "/frameworks/engineering/compare/junior/lead/");
    expect(served.status).toBe(200);
    const check = await browser.newPage();
    await check.setContent(served.body);
    expect(shown).toBe(await check.locator("main article.cmp-page").evaluate((el) => el.textContent));
    await check.close();
    await screenshot(page, "static-compare-in-browser");
    // its swap has no page either: back to the chooser with the pair turned round
    await article.getByRole("link", { name: "Swap sides" }).click();
    await page.waitForURL(/compare\/index\.html\?a=lead&b=junior$/);
    await page.locator("main article.cmp-page").waitFor();
    // the chooser under it goes to a pre-rendered pair's own page
    await page.locator("main article #compare-a").selectOption("senior");
    await page.locator("main article #compare-b").selectOption("lead");
    await page.locator("main article").getByRole("button", { name: "Compare" }).click();
    await page.waitForURL(/compare\/senior\/lead\/index\.html$/);
    expect(await page.locator("main article.cmp-page h1").count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it("navigates home → framework → level → compare with next using relative links, with styles and no errors", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(file("index.html"));
    await page.getByRole("link", { name: "Engineering Career Framework" }).click();
    await page.waitForURL(/frameworks\/engineering\/index\.html$/);
    await page.locator("figure.ladder a.node").filter({ hasText: "Senior" }).first().click();
    await page.waitForURL(/levels\/senior\/index\.html$/);
    const background = await page.evaluate(
      () => getComputedStyle(document.querySelector("header.site") as Element).backgroundColor,
    );
    expect(background).not.toBe("rgba(0, 0, 0, 0)");
    await page.getByRole("link", { name: "Compare with Lead" }).click();
    await page.waitForURL(/compare\/senior\/lead\/index\.html$/);
    expect(problems).toEqual([]);
    // axe itself re-reads stylesheets with XHR, which file:// refuses; what counts is the page's own requests above
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "static-compare");
  });

  it("works from disk under its own Content-Security-Policy: islands run, search finds, nothing is refused", async () => {
    // the pages carry the policy in a <meta> tag; Chromium reports anything it refuses as a console error
    const { page, problems } = await watchedPage(browser, { reuse: true, enforceCsp: true });
    for (const path of [
      "index.html",
      "frameworks/engineering/matrix/index.html",
      "frameworks/engineering/compare/index.html",
      "frameworks/engineering/levels/senior/goals/index.html",
    ]) {
      await page.goto(file(path));
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
      expect(policy, path).toContain("script-src 'self'");
    }
    // an island at work: the role page marks the level of ?level=, which only the island can read on disk
    await page.goto(`${file("frameworks/engineering/roles/backend-engineer/index.html")}?level=senior`);
    await expect
      .poll(() => page.locator('[data-level="senior"][aria-current="true"]').count())
      .toBeGreaterThan(0);
    // the search index is a script too
    await page.goto(`${file("search/index.html")}?q=incident`);
    await page.locator("main mark").first().waitFor();
    expect(problems).toEqual([]);
  });

  it("search works in the browser from the prebuilt index", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(file("frameworks/engineering/index.html"));
    await page.locator("#site-search").fill("incident");
    await page.locator("#site-search").press("Enter");
    await page.waitForURL(/search\/index\.html\?q=incident/);
    const first = page.locator("main a[href*='frameworks/']").first();
    await first.waitFor();
    expect(await page.locator("main mark").count()).toBeGreaterThan(0);
    await screenshot(page, "static-search");
    await first.click();
    await page.waitForLoadState();
    expect(page.url()).toMatch(/^file:.*frameworks\/engineering\//);
    expect(problems).toEqual([]);
  });
});
