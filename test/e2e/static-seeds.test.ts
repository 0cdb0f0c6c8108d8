/**
 * The five seed examples as a static site opened from disk (issue 14): `rungs build` writes them, and every
 * section the server shows for each seed (seed-sections.ts) is found on the static pages too, and search
 * filters by framework, kind (criteria among them), level and area as the server's search page does.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, pathsApp } from "../support/app.js";
import { axeViolations, buildStaticSite, launchBrowser, screenshot, watchedPage } from "./harness.js";
import { SEED_CHECKS, SEED_EXAMPLES } from "./seed-sections.js";

let browser: Browser;
let out: string;

beforeAll(async () => {
  const built = await buildStaticSite(SEED_EXAMPLES);
  out = built.out;
  expect(built.status, built.log).toBe(0);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

/**
 * axe-core re-reads the stylesheet with XHR, which file:// refuses (CORS, net::ERR_FAILED): not the page's own
 * loading, which a missing file shows as net::ERR_FILE_NOT_FOUND and the layout checks catch.
 */
const AXE_REREAD = [
  /^console: Access to XMLHttpRequest at 'file:[^']*\/assets\/app\.css' from origin 'null' has been blocked by CORS/,
  /^request failed: file:\S*\/assets\/app\.css net::ERR_FAILED$/,
  /^console: Failed to load resource: net::ERR_FAILED$/,
];

/** A site path as the file the build wrote: directories as index.html, the query kept. */
function file(path: string): string {
  const [pathname = "", query] = path.split("?");
  const url = pathToFileURL(join(out, pathname.endsWith("/") ? `${pathname}index.html` : pathname)).href;
  return query ? `${url}?${query}` : url;
}

describe("every section of every seed, on the static site", () => {
  for (const seed of SEED_CHECKS) {
    it(seed.name, { timeout: 90_000 }, async () => {
      const { page, problems } = await watchedPage(browser, { reuse: true, width: seed.width ?? 1280 });
      // goto waits for the load event: the islands (deferred scripts) have run
      const go = async (path: string) => {
        await page.goto(file(path));
      };
      await go(seed.path);
      await seed.check(
        page,
        go,
        async (name) => {
          await screenshot(page, `static-${name}`);
        },
        // axe-core runs on these pages as the server sends them (seeds.test.ts): the same markup, and over
        // file:// axe cannot re-read the stylesheet; the static search, which its island renders, is checked below
        async () => {},
      );
      expect(problems).toEqual([]);
    });
  }
});

describe("search on the static site", () => {
  /** The server's answer for the same search: its count line and the titles of its results. */
  async function serverSearch(query: string) {
    const { app } = await pathsApp(SEED_EXAMPLES);
    const { body } = await get(app, `/search/?${query}`);
    const count = /<p class="search-count" role="status">([^<]*)<\/p>/.exec(body)?.[1] ?? "";
    const titles = [...body.matchAll(/<h2 class="search-title"><a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
    const text = (t: string) =>
      t
        .replace(/&amp;/g, "&")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'");
    return { count: text(count), titles: titles.map((t) => text(t ?? "")) };
  }

  it("filters by kind, criteria included, and by framework and level, the same as the server", {
    timeout: 90_000,
  }, async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(`${file("/search/")}?q=tests`);
    const filters = page.locator("nav.search-filters");
    await filters.waitFor();
    expect(await filters.locator(".search-facet-h").allInnerTexts()).toEqual(
      expect.arrayContaining(["Kind"]),
    );

    await filters.getByRole("link", { name: /^Criterion \(\d+\)$/ }).click();
    await page.waitForURL(/search\/index\.html\?q=tests&kind=criterion$/);
    await page.locator("ol.search-results").waitFor();
    const kinds = await page.locator(".search-result").evaluateAll((els) => els.map((e) => e.className));
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((k) => k === "search-result type-criterion")).toBe(true);
    // each criterion says where it stands: its area, competency and level
    expect(await page.locator(".search-result .search-kind").first().innerText()).toMatch(
      /Criterion · .+ › .+ · .+/,
    );
    expect(await filters.locator("a[aria-current=true]").innerText()).toMatch(/^Criterion/);
    expect(await filters.getByRole("link", { name: "Any kind" }).count()).toBe(1);
    const server = await serverSearch("q=tests&kind=criterion");
    expect(await page.locator(".search-count").innerText()).toBe(server.count);
    expect(await page.locator(".search-title").allInnerTexts()).toEqual(server.titles);
    expect(await axeViolations(page)).toEqual([]);

    // a framework, then one of its levels: the level filter is offered once a framework is chosen
    await page.goto(`${file("/search/")}?q=tests&fw=seed-leveled-matrix`);
    const level = page.locator("nav.search-filters .search-facet", { hasText: "Level" }).locator("a").first();
    await level.click();
    await page.waitForURL(/&level=/);
    const query = new URL(page.url()).search.slice(1);
    const leveled = await serverSearch(query);
    await page.locator(".search-count").waitFor();
    expect(await page.locator(".search-count").innerText()).toBe(leveled.count);
    expect(await page.locator(".search-title").allInnerTexts()).toEqual(leveled.titles);
    await screenshot(page, "static-search-filters");
    expect(problems.filter((p) => !AXE_REREAD.some((r) => r.test(p)))).toEqual([]);
  });
});
