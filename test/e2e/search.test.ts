import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFramework } from "../../bench/generate.js";
import { createApp } from "../../src/web/app.js";
import type { App } from "../../src/web/context.js";
import { searchIndexPartPaths } from "../../src/web/features/search/routes.js";
import { outputFile } from "../../src/web/site-map.js";
import { exampleApp, pathsApp } from "../support/app.js";
import { axeViolations, liveApp, screenshot, watchedPage } from "./harness.js";

const root = new URL("../../", import.meta.url).pathname;

const live = liveApp();

describe("search in Chromium", () => {
  it("header search → results → the first expectation lands on its matrix cell", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/engineering/`);
    await page.getByRole("searchbox", { name: "Search the frameworks" }).fill("incident review");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\/\?q=incident\+review$/);
    expect(await page.locator("h1").textContent()).toBe("Search");
    expect(await page.locator(".search-count").textContent()).toMatch(/^\d+ results for “incident review”/);
    expect(await page.locator(".search-results > li").count()).toBeGreaterThan(5);
    expect(await page.locator(".search-snippet mark").count()).toBeGreaterThan(5);

    // axe-core and the pictures of the results page: page-kinds.test.ts (its "search" kind)

    const first = page.locator(".search-result.type-expectation .search-title a").first();
    const href = (await first.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/frameworks\/engineering\/matrix\/#cell-[a-z0-9-]+--[a-z0-9-]+$/);
    await first.click();
    await page.waitForURL((url) => url.pathname === "/frameworks/engineering/matrix/");
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toBe(href.slice(href.indexOf("#")));
    // the matrix page renders the cell with that id, and the browser scrolled it into view
    const cell = page.locator(hash);
    expect(await cell.count()).toBe(1);
    expect(await cell.isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it("a result's second link opens the expectation on its level page", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/search/?q=${encodeURIComponent("Code & design quality")}`);
    const also = page.locator(".search-also a").first();
    expect(await also.textContent()).toMatch(/^On the .+ level page$/);
    await also.click();
    await page.waitForURL(/\/levels\/[a-z0-9-]+\/#exp-code-quality$/);
    expect(await page.locator("#exp-code-quality").count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it("a too-long query shows the reason, keyboard-reachable form intact", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    const res = await page.goto(`${live.url}/search/?q=${"a".repeat(201)}`);
    expect(res?.status()).toBe(400);
    expect(await page.getByRole("alert").textContent()).toContain("limited to 200");
    expect(await axeViolations(page)).toEqual([]);
    // the 400 itself is expected, and Chromium logs it to the console too
    expect(problems.filter((p) => !p.startsWith("HTTP 400") && !p.includes("status of 400"))).toEqual([]);
  });

  it("at 360 px in dark mode the results fit the screen", async () => {
    const { page, problems } = await watchedPage(live.browser, {
      reuse: true,
      width: 360,
      height: 800,
      colorScheme: "dark",
    });
    await page.goto(`${live.url}/search/?q=staff+engineer`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "search-mobile-dark");
    expect(problems).toEqual([]);
  });
});

describe("search in a static site opened from disk", () => {
  let dir: string;

  beforeAll(async () => {
    // the pages a static build writes for search (and the matrix the results link to), from the same app
    const { registry } = await exampleApp();
    const app = createApp({ registry, staticSite: true });
    dir = mkdtempSync(join(tmpdir(), "rungs-search-"));
    for (const [path, file] of [
      ["/search/", "search/index.html"],
      ["/search-index.js", "search-index.js"],
      ["/frameworks/engineering/matrix/", "frameworks/engineering/matrix/index.html"],
    ] as const) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      const target = join(dir, file);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, await res.text());
    }
    const assets = join(root, "dist/web/assets");
    mkdirSync(join(dir, "assets"));
    for (const file of readdirSync(assets)) copyFileSync(join(assets, file), join(dir, "assets", file));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("searches in the browser and links results relative to the site", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    const start = pathToFileURL(join(dir, "search/index.html")).href;
    await page.goto(`${start}?q=incident+review`);
    await page.locator(".search-results > li").first().waitFor();
    expect(await page.inputValue("#search-q")).toBe("incident review");
    expect(await page.locator(".search-count").textContent()).toMatch(/^\d+ results for “incident review”/);
    expect(await page.title()).toBe("Search: incident review · rungs");

    // the same results as the server renders, in the same order
    const served = await (await fetch(`${live.url}/api/search?q=incident+review&limit=50`)).json();
    const titles = await page.locator(".search-title a").allTextContents();
    expect(titles).toEqual(served.results.map((r: { title: string }) => r.title));
    expect(problems).toEqual([]);
    // (axe reads stylesheets with XMLHttpRequest, which file:// refuses: its console noise is not the page's)
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "search-static");

    const first = page.locator(".search-result.type-expectation .search-title a").first();
    const href = (await first.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\.\.\/frameworks\/engineering\/matrix\/index\.html#cell-[a-z0-9-]+--[a-z0-9-]+$/);
    await first.click();
    await page.waitForURL((url) => url.pathname.endsWith("/frameworks/engineering/matrix/index.html"));
    const hash = await page.evaluate(() => location.hash);
    expect(await page.locator(hash).count()).toBe(1);
  });

  it("the form searches again from the static page", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(pathToFileURL(join(dir, "search/index.html")).href);
    expect(await page.locator(".search-hint").count()).toBe(1);
    await page.fill("#search-q", "Backend developer");
    await page.keyboard.press("Enter");
    await page.locator(".search-results > li").first().waitFor();
    expect(await page.locator(".search-title a").first().textContent()).toBe("Backend Engineer");
    expect(problems).toEqual([]);
  });
});

describe("search in a static site of a large framework, its index in parts", () => {
  let dir: string;
  let app: App;
  let parts = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rungs-search-parts-"));
    generateFramework(join(dir, "source"), { levels: 15, areas: 8, perArea: 10 });
    const { registry } = await pathsApp([join(dir, "source")]);
    app = createApp({ registry });
    parts = searchIndexPartPaths(registry).length;
    const site = createApp({ registry, staticSite: true });
    // the search page, the head and every part, as the static build writes them
    for (const path of ["/search/", "/search-index.js", ...searchIndexPartPaths(registry)]) {
      const res = await site.request(path);
      expect(res.status, path).toBe(200);
      const target = join(dir, "site", outputFile(path));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, await res.text());
    }
    const assets = join(root, "dist/web/assets");
    mkdirSync(join(dir, "site/assets"));
    for (const file of readdirSync(assets)) copyFileSync(join(assets, file), join(dir, "site/assets", file));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("loads the parts a query needs and shows the server's results, a typo in the first letters too", async () => {
    for (const q of ["regularly mentors", "ocuments releases"]) {
      const { page, problems } = await watchedPage(live.browser, { reuse: true });
      const loaded: string[] = [];
      page.on("request", (req) => {
        const name = req.url().match(/search-index\/([a-z0-9-]+)\.js$/)?.[1];
        if (name) loaded.push(name);
      });
      await page.goto(
        `${pathToFileURL(join(dir, "site/search/index.html")).href}?q=${encodeURIComponent(q)}`,
      );
      await page.locator(".search-results > li").first().waitFor();
      const served = JSON.parse(
        await (await app.request(`/api/search?q=${encodeURIComponent(q)}&limit=50`)).text(),
      );
      expect(await page.locator(".search-count").textContent()).toMatch(
        new RegExp(`^${served.total} results`),
      );
      const titles = await page.locator(".search-title a").allTextContents();
      expect(titles, q).toEqual(served.results.map((r: { title: string }) => r.title));
      expect(loaded.some((name) => name.startsWith("t-"))).toBe(true);
      expect(loaded.filter((name) => name.startsWith("d-")).length).toBeLessThanOrEqual(50);
      expect(loaded.length).toBeLessThan(parts / 4);
      expect(problems).toEqual([]);
    }
  });
});
