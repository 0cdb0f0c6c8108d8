/**
 * The competency matrix, the area matrix and the mirror in Chromium: sticky headers (also with 16 levels),
 * folded elaborations, the track filter (server and static), and picking cells by keyboard only, with the
 * picks kept in the URL hash and nothing sent to the server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFramework } from "../../bench/generate.js";
import { nodeFileSystem } from "../../src/load/fs-port.js";
import { loadOccupations } from "../../src/load/occupations.js";
import { FrameworkRegistry } from "../../src/load/registry.js";
import { createApp } from "../../src/web/app.js";
import type { App } from "../../src/web/context.js";
import { exampleApp } from "../support/app.js";
import { axeViolations, launchBrowser, screenshot, startServer, watchedPage } from "./harness.js";

type Server = { url: string; close: () => Promise<void> };

function serveApp(app: App): Promise<Server> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

let browser: Browser;
let server: Server;
let staticServer: Server;
let largeServer: Server;
let largeDir: string;

beforeAll(async () => {
  server = await startServer();
  const { registry } = await exampleApp();
  // The same pages as a static build renders them: no server reads the query, the island filters.
  staticServer = await serveApp(createApp({ registry, staticSite: true }));
  largeDir = mkdtempSync(join(tmpdir(), "rungs-matrix-large-"));
  generateFramework(largeDir, { levels: 16, areas: 2, perArea: 3 });
  const large = new FrameworkRegistry([largeDir], {
    fs: nodeFileSystem,
    occupations: await loadOccupations(nodeFileSystem),
  });
  await large.load();
  largeServer = await serveApp(createApp({ registry: large }));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await staticServer?.close();
  await largeServer?.close();
  rmSync(largeDir, { recursive: true, force: true });
});

const MATRIX = "/frameworks/engineering/matrix/";
const AREA = "/frameworks/engineering/areas/craft/";

/** Where an element is on screen. */
function box(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, left: r.left, bottom: r.bottom, right: r.right };
    });
}

/** Scrolls the matrix inside its wrapper and checks the header row and the first column stayed in view. */
async function expectStickyHeaders(page: Page, headSelector: string, rowHeadSelector: string) {
  const wrapper = ".matrix-scroll";
  await page.locator(wrapper).evaluate((el) => el.scrollIntoView({ block: "start" }));
  const before = await box(page, wrapper);
  const scrolled = await page.locator(wrapper).evaluate((el) => {
    el.scrollTop = 800;
    el.scrollLeft = el.scrollWidth;
    return { top: el.scrollTop, left: el.scrollLeft };
  });
  expect(scrolled.top).toBeGreaterThan(100);
  expect(scrolled.left).toBeGreaterThan(100);
  const wrap = await box(page, wrapper);
  expect(wrap.top).toBeCloseTo(before.top, 0);
  const head = await box(page, headSelector);
  // the header row sits at the top edge of the scrolled wrapper (inside its border), not scrolled away
  expect(head.top).toBeGreaterThanOrEqual(wrap.top - 1);
  expect(head.top).toBeLessThanOrEqual(wrap.top + 3);
  const rowHead = await box(page, rowHeadSelector);
  expect(rowHead.left).toBeGreaterThanOrEqual(wrap.left - 1);
  expect(rowHead.left).toBeLessThanOrEqual(wrap.left + 3);
  // what is at the header's place on screen is the header itself
  const onTop = await page.evaluate(
    ([x, y, sel]) => document.elementFromPoint(x as number, y as number)?.closest(sel as string) !== null,
    [head.left + 5, head.top + 5, headSelector] as const,
  );
  expect(onTop).toBe(true);
  await page.locator(wrapper).evaluate((el) => {
    el.scrollTop = 0;
    el.scrollLeft = 0;
  });
}

/** Presses Tab until the focused element is a mirror radio of `competency` (keyboard only). */
async function tabToGroup(page: Page, competency: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? "");
    if (name === `mirror-${competency}`) return;
  }
  throw new Error(`Tab never reached the radio group of ${competency}`);
}

const AREA_ROWS = ["intern", "junior", "mid", "senior", "lead", "staff", "principal", "architect", "cto"];

/** Tab into a competency's radio group, Space to pick where focus landed, then arrow keys to `level`. */
async function pickByKeyboard(page: Page, competency: string, level: string): Promise<void> {
  await tabToGroup(page, competency);
  await page.keyboard.press("Space");
  for (let i = 0; i < AREA_ROWS.length; i++) {
    const at = (await focused(page)).value;
    if (at === level) return;
    await page.keyboard.press(AREA_ROWS.indexOf(at) < AREA_ROWS.indexOf(level) ? "ArrowDown" : "ArrowUp");
  }
  throw new Error(`arrow keys never reached ${competency} at ${level}`);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement;
    return { name: el.name, value: el.value, checked: el.checked, type: el.type };
  });

describe("competency matrix in Chromium", () => {
  it("header row and first column stay in view while the table scrolls; an elaboration expands", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(`${server.url}${MATRIX}`);
    await expectStickyHeaders(page, "#level-cto", "#competency-code-quality");
    const details = page.locator("#cell-code-quality--senior details.apart");
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    const elaboration = details.getByText("What separates a senior engineer");
    expect(await elaboration.isVisible()).toBe(false);
    await details.locator("summary").click();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await elaboration.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // the matrix's pictures: page-kinds.test.ts (its "matrix" kind)
    expect(problems).toEqual([]);
  });

  it("keeps sticky headers with 16 levels", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(`${largeServer.url}/frameworks/large/matrix/`);
    expect(await page.locator("thead th[data-level]").count()).toBe(16);
    await expectStickyHeaders(page, "#level-l16", "#competency-c-0-0");
    expect(problems).toEqual([]);
  });

  it("filters to a track with the form, keeping the mirror's picks in the hash", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(`${server.url}${MATRIX}#pick=code-quality:senior`);
    // the island carries the hash into the filtered URL: wait until it has run (it restores the pick)
    await page.locator("input[name=mirror-code-quality]:checked").waitFor();
    await page.locator("#filter-track").selectOption("ic");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/\?track=ic#pick=code-quality:senior$/);
    const levels = await page
      .locator("thead th[data-level]")
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.level));
    expect(levels).toEqual([
      "intern",
      "junior",
      "mid",
      "senior",
      "lead",
      "staff",
      "principal",
      "architect",
      "cto",
    ]);
    expect(await page.locator("input[name=mirror-code-quality]:checked").inputValue()).toBe("senior");
    expect(problems).toEqual([]);
  });

  it("a bad filter shows the form with the reason (400), without a stack trace", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    const res = await page.goto(`${server.url}${MATRIX}?from=staff&to=junior`);
    expect(res?.status()).toBe(400);
    expect(await page.getByRole("alert").textContent()).toContain("comes after");
    expect(await axeViolations(page)).toEqual([]);
    // the 400 itself is the expected answer; nothing else may fail
    expect(problems.filter((p) => !/HTTP 400|status of 400/.test(p))).toEqual([]);
  });

  it("on a static site the island applies the same filter from the query string", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(`${staticServer.url}${MATRIX}?track=management&from=lead`);
    const shown = await page
      .locator("thead th[data-level]:visible")
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.level));
    expect(shown).toEqual(["lead", "manager", "director", "vp", "cto"]);
    expect(await page.locator("#cell-code-quality--staff").isVisible()).toBe(false);
    expect(await page.locator("#filter-track").inputValue()).toBe("management");
    const targets = await page
      .locator("#mirror-target option:not([disabled])")
      .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(targets).toEqual(["lead", "manager", "director", "vp", "cto"]);
    await page.goto(`${staticServer.url}${MATRIX}?track=nope`);
    expect(await page.locator("[data-filter-problems]").textContent()).toContain('There is no track "nope"');
    expect(await page.locator("thead th[data-level]:visible").count()).toBe(12);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("mirror: picks by keyboard only, kept in the hash, restored on reload, gaps quoted, line drawn", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    const sent: string[] = [];
    await page.goto(`${server.url}${MATRIX}`);
    page.on("request", (r) => sent.push(`${r.resourceType()} ${r.url()}`));
    await page.locator("#competency-code-quality a").focus();

    await tabToGroup(page, "code-quality");
    expect(await focused(page)).toMatchObject({ value: "intern", checked: false });
    await page.keyboard.press("Space");
    expect(await focused(page)).toMatchObject({ value: "intern", checked: true });
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toMatchObject({
      name: "mirror-code-quality",
      value: "senior",
      checked: true,
    });

    await tabToGroup(page, "testing-reliability");
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toMatchObject({ value: "mid", checked: true });

    expect(new URL(page.url()).hash).toBe("#pick=code-quality:senior,testing-reliability:mid");
    expect(new URL(page.url()).search).toBe("");

    // default target: the level after the most common pick (a tie goes to the higher: Senior → Lead)
    expect(await page.locator("#mirror-target").inputValue()).toBe("lead");
    const summary = page.locator("#mirror-summary");
    expect(await summary.getAttribute("aria-live")).toBe("polite");
    const gaps = summary.locator("ol.mirror-gaps > li");
    expect(await gaps.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.competency))).toEqual([
      "testing-reliability",
      "code-quality",
    ]);
    expect(await gaps.first().textContent()).toContain("you picked P3 Mid, 2 levels below P5 Lead");
    expect(await gaps.first().locator("blockquote").textContent()).toBe(
      "Agrees reliability targets for the team's services with product and holds to them, trading feature work for stability when the targets are missed.",
    );

    const line = page.locator("svg.mirror-line");
    expect(await line.getAttribute("aria-hidden")).toBe("true");
    const points = (await line.locator("polyline").getAttribute("points"))?.split(" ") ?? [];
    expect(points).toHaveLength(2);
    const [a, b] = points.map((p) => p.split(",").map(Number)) as [number[], number[]];
    expect(b[0]).toBeLessThan(a[0] as number); // Mid is left of Senior
    expect(b[1]).toBeGreaterThan(a[1] as number); // the next row is below

    await page.locator("#mirror-target").selectOption("staff");
    expect(new URL(page.url()).hash).toBe("#pick=code-quality:senior,testing-reliability:mid&target=staff");
    // the mirror's pictures: page-kinds.test.ts (its "mirror" kind)

    await page.reload();
    expect(await page.locator("input[name=mirror-code-quality]:checked").inputValue()).toBe("senior");
    expect(await page.locator("input[name=mirror-testing-reliability]:checked").inputValue()).toBe("mid");
    expect(await page.locator("#mirror-target").inputValue()).toBe("staff");
    expect(await page.locator("#mirror-summary ol.mirror-gaps > li").count()).toBe(2);
    expect(await page.locator("#cell-code-quality--senior").getAttribute("class")).toContain("is-picked");

    // a shared link opened in the same tab (hashchange) is applied too
    await page.evaluate(() => {
      location.hash = "#pick=code-quality:staff&target=lead";
    });
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLInputElement>("input[name=mirror-code-quality]:checked")?.value ===
        "staff",
    );
    expect(await page.locator("input[name=mirror-testing-reliability]:checked").count()).toBe(0);
    expect(await page.locator("#mirror-summary .mirror-strengths").textContent()).toContain(
      "1 level above it",
    );

    await page.getByRole("button", { name: "Copy link" }).click();
    await page.waitForFunction(
      () => (document.querySelector("[data-mirror-status]")?.textContent ?? "") !== "",
    );
    await page.getByRole("button", { name: "Clear" }).click();
    expect(new URL(page.url()).hash).toBe("");
    expect(await page.locator("#mirror-summary").textContent()).toContain("Nothing picked yet");

    // nothing about the picks ever reached the server: the only requests are the reload's page and assets
    expect(sent.filter((s) => /^(fetch|xhr)/.test(s) || /pick|target=/.test(s))).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe("area matrix in Chromium", () => {
  it("levels as rows, competencies as columns; picks by keyboard down a column; axe clean", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(`${server.url}${AREA}`);
    expect(await page.locator("tbody th[data-level]").count()).toBe(9);
    // three competencies fit 1280 px; narrower, the table scrolls sideways and the level column must stick
    await page.setViewportSize({ width: 760, height: 900 });
    await expectStickyHeaders(page, "#col-system-design", "#level-cto");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator("#col-code-quality a").focus();

    // A column's radios sit in different rows, so Tab enters a group at the row it reaches first; from
    // there Space picks and the arrow keys walk up or down the column.
    await pickByKeyboard(page, "code-quality", "mid");
    expect(await focused(page)).toMatchObject({ name: "mirror-code-quality", value: "mid", checked: true });
    await pickByKeyboard(page, "testing-reliability", "junior");
    await pickByKeyboard(page, "system-design", "lead");
    expect(await focused(page)).toMatchObject({ name: "mirror-system-design", value: "lead", checked: true });

    expect(new URL(page.url()).hash).toBe(
      "#pick=code-quality:mid,testing-reliability:junior,system-design:lead",
    );
    expect(await page.locator("svg.mirror-line polyline").count()).toBe(1);
    expect(await page.locator("svg.mirror-line circle").count()).toBe(3);
    const gaps = page.locator("#mirror-summary ol.mirror-gaps > li");
    // three different picks: the tie goes to the highest (Lead), so the target is the next level, Staff
    expect(await page.locator("#mirror-target").inputValue()).toBe("staff");
    expect(await gaps.first().getAttribute("data-competency")).toBe("testing-reliability");
    expect(await gaps.first().textContent()).toContain("4 levels below P6 Staff");

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "area-matrix");
    await page.reload();
    expect(await page.locator("input[name=mirror-system-design]:checked").inputValue()).toBe("lead");
    expect(problems).toEqual([]);
  });

  it("both matrices at 360 px wide in dark mode scroll inside their wrapper, never the page", async () => {
    const { page, problems } = await watchedPage(browser, {
      reuse: true,
      width: 360,
      height: 800,
      colorScheme: "dark",
    });
    for (const path of [MATRIX, AREA]) {
      await page.goto(`${server.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
    }
    await screenshot(page, "area-matrix-mobile-dark");
    expect(problems).toEqual([]);
  });
});
