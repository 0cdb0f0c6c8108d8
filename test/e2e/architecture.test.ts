import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { paths } from "../../src/web/links.js";
import { outputFile } from "../../src/web/site-map.js";
import { exampleApp } from "../support/app.js";
import { axeViolations, liveApp, screenshot, watchedPage } from "./harness.js";

const live = liveApp();
const root = new URL("../../", import.meta.url).pathname;

describe("job architecture pages in Chromium", () => {
  it("every example role's profile shows its adjacent roles with distance and band", async () => {
    const { registry } = await exampleApp();
    const roles = [...(registry.get("engineering")?.index?.roles.keys() ?? [])];
    expect(roles.length).toBeGreaterThan(3);
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    for (const role of roles) {
      await page.goto(`${live.url}${paths.role("engineering", role)}`);
      const rows = page.locator("#adjacent table.adjacent-table tbody tr");
      expect(await rows.count(), role).toBeGreaterThan(0);
      const first = rows.first();
      await expect(first.locator(".distance-value").textContent()).resolves.toMatch(/^\d\.\d\d$/);
      await expect(first.locator(".band").textContent()).resolves.toMatch(/^(close|needs review|far)$/);
      expect(await first.getByRole("link", { name: /Compare side by side/ }).count(), role).toBe(1);
      // the default level is named in words
      await expect(page.locator("#adjacent .adjacent-for").first().textContent()).resolves.toContain(
        "the role's first level",
      );
    }
    expect(problems).toEqual([]);
  });

  it("choosing a level shows its neighbours; “Compare side by side” opens the two role-levels", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/engineering/roles/backend-engineer/`);
    await page.locator("#adjacent-level").selectOption("senior");
    await page.locator("#adjacent form button").click();
    await page.waitForURL(/\?level=senior#adjacent$/);
    await expect(page.locator("#adjacent .adjacent-for").textContent()).resolves.toContain(
      "Showing Backend Engineer at Senior (P4).",
    );
    // the band is a word with its own colour, never colour alone
    const bands = await page.locator("#adjacent .band").allTextContents();
    expect(bands).toContain("close");
    expect(bands).toContain("needs review");
    // one row per other role; the role itself at its other levels in a line apart; a legend of the bands
    const roles = await page.locator("#adjacent tbody th[scope=row] > a").allTextContents();
    expect(roles.length).toBeGreaterThan(1);
    expect(new Set(roles).size).toBe(roles.length);
    expect(roles).not.toContain("Backend Engineer");
    await expect(page.locator("#adjacent .same-role").textContent()).resolves.toContain(
      "Backend Engineer at its other levels: Mid",
    );
    await expect(page.locator("#adjacent .band-legend").isVisible()).resolves.toBe(true);
    await expect(page.locator("#adjacent tbody tr .distance-why").first().textContent()).resolves.toMatch(
      /^level \d\.\d\d · role \d\.\d\d/,
    );
    const details = page.locator("#how-distance");
    await details.locator("summary").click();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator("#adjacent").scrollIntoViewIfNeeded();
    await screenshot(page, "adjacent-roles");

    const row = page.locator("#adjacent tbody tr").filter({ hasText: "Frontend Engineer" }).first();
    const target = (await row.locator("th a").textContent()) ?? "";
    await row.getByRole("link", { name: /Compare side by side/ }).click();
    await page.waitForURL(
      /\/compare-across\/role-levels\/engineering\/backend-engineer\/senior\/engineering\//,
    );
    await expect(page.locator("h1").textContent()).resolves.toMatch(
      new RegExp(`^Backend Engineer at Senior compared with ${target} at `),
    );
    await expect(page.locator("#distance .band").textContent()).resolves.toMatch(
      /^(close|needs review|far)$/,
    );
    expect(await page.locator("#distance table.distance-parts tbody tr").count()).toBe(3);
    await expect(page.locator("#skills-shared h3").textContent()).resolves.toMatch(/^Shared \(\d+\)$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "compare-across");
    expect(problems).toEqual([]);
  });

  it("the equivalence table has both example frameworks as columns with levels in a shared row", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/equivalence/`);
    const headers = await page.locator("table.equivalence-table thead th").allTextContents();
    expect(headers).toContain("Engineering Career Framework");
    expect(headers).toContain("Larkspur Product Engineering Matrix");
    // some step holds a level of each framework
    const shared = await page
      .locator("table.equivalence-table tbody tr")
      .evaluateAll((rows) =>
        rows
          .filter(
            (r) =>
              r.querySelector('td[id$="-engineering"] a') !== null &&
              r.querySelector('td[id$="-product-matrix"] a') !== null,
          )
          .map((r) => r.id),
      );
    expect(shared.length).toBeGreaterThan(3);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "equivalence");

    // a level in a cell opens the level page, with its equivalents listed there
    await page.locator(`#${shared[0]}-product-matrix a`).first().click();
    await page.waitForURL(/\/frameworks\/product-matrix\/levels\/l\d\/$/);
    expect(await page.locator("#equivalents li a").count()).toBeGreaterThan(0);

    // the chooser compares two levels of different frameworks
    await page.goto(`${live.url}/equivalence/#compare`);
    await page.locator("#across-a").selectOption("engineering:senior");
    await page.locator("#across-b").selectOption("product-matrix:l4");
    await page.locator("#compare button[type=submit]").click();
    await page.waitForURL(/\/compare-across\/levels\/engineering\/senior\/product-matrix\/l4\/$/);
    await expect(page.locator("h1").textContent()).resolves.toBe(
      "Senior Software Engineer compared with Senior Product Engineer",
    );
    expect(await page.locator("#exp-a dt").count()).toBeGreaterThan(0);
    expect(await page.locator("#exp-b dt").count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "compare-across-levels");
    expect(problems).toEqual([]);
  });

  it("an occupation code on a role opens its page with the SOC hierarchy and the roles mapped to it", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/engineering/roles/frontend-engineer/`);
    await page.locator("#classifications a", { hasText: "15-1254" }).first().click();
    await page.waitForURL(/\/occupations\/soc-2018\/15-1254\/$/);
    await expect(page.locator("h1").textContent()).resolves.toBe("Web Developers");
    await expect(page.locator("#hierarchy li").first().textContent()).resolves.toContain("Major group");
    await expect(page.locator("#roles tbody").textContent()).resolves.toContain("Frontend Engineer");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "occupation");
    await page.locator("a", { hasText: "Every occupation code" }).click();
    await page.waitForURL(/\/occupations\/$/);
    expect(await page.locator("table.occupation-table tbody tr").count()).toBeGreaterThan(4);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("a title redirects to its role; the pages fit 360 px in dark mode", async () => {
    const { page, problems } = await watchedPage(live.browser, {
      width: 360,
      height: 800,
      colorScheme: "dark",
      reuse: true,
    });
    await page.goto(`${live.url}/roles/by-title/?title=${encodeURIComponent("platform  engineer")}`);
    await page.waitForURL(/\/frameworks\/engineering\/roles\/site-reliability-engineer\/$/);
    for (const path of [
      "/equivalence/",
      "/frameworks/engineering/roles/site-reliability-engineer/?level=senior",
      "/compare-across/levels/engineering/senior/product-matrix/l3/",
      "/occupations/soc-2018/15-1252/",
    ]) {
      await page.goto(`${live.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe("architecture pages on paper", () => {
  // printable width at 96 px per inch: A4 less 2 × 12 mm margins (base.css @page)
  const MM = 96 / 25.4;
  const pages: [string, boolean][] = [
    ["/frameworks/engineering/roles/site-reliability-engineer/?level=staff", false],
    ["/equivalence/", true],
    ["/compare-across/levels/engineering/senior/product-matrix/l3/", false],
    [
      "/compare-across/role-levels/engineering/backend-engineer/senior/engineering/site-reliability-engineer/staff/",
      false,
    ],
    ["/occupations/", false],
    ["/occupations/soc-2018/15-1252/", false],
  ];
  it("each fits the printable width of A4 (the equivalence table in landscape)", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    for (const [path, landscape] of pages) {
      await page.goto(`${live.url}${path}`);
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: Math.floor(((landscape ? 297 : 210) - 24) * MM), height: 1000 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(1);
      await page.emulateMedia({ media: "screen" });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(problems).toEqual([]);
  });
});

describe("adjacent roles in a static site", () => {
  let dir = "";
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("?level= picks that level's panel without a server", async () => {
    const { registry } = await exampleApp();
    const app = createApp({ registry, staticSite: true });
    dir = mkdtempSync(join(tmpdir(), "rungs-adjacent-"));
    cpSync(join(root, "dist/web/assets"), join(dir, "assets"), { recursive: true });
    const path = paths.role("engineering", "backend-engineer");
    const file = join(dir, outputFile(path));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, await (await app.request(path)).text());

    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${pathToFileURL(file).href}?level=lead`);
    await page.waitForLoadState("load");
    expect(await page.locator("#adjacent-lead").isVisible()).toBe(true);
    expect(await page.locator("#adjacent-intern").isVisible()).toBe(false);
    expect(await page.locator("#adjacent-level").inputValue()).toBe("lead");
    await page.goto(pathToFileURL(file).href);
    expect(await page.locator("#adjacent-intern").isVisible()).toBe(true);
    expect(await page.locator("#adjacent-lead").isVisible()).toBe(false);
    // links of the static page are relative (the built comparison pages are siblings on disk)
    const href = await page.locator("#adjacent-intern a.compare-link").first().getAttribute("href");
    expect(href).toMatch(/^\.\.\/\.\.\/\.\.\/\.\.\/compare-across\/role-levels\/.+\/index\.html$/);
    expect(problems).toEqual([]);
  });
});
