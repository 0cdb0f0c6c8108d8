/**
 * Goal template pages in Chromium: the kinds as keyboard tabs, placeholders filled live from the fields, the
 * copy buttons (read back from the clipboard), the page without JavaScript and in print, personal goals
 * from the picking form, and the mirror's link to them.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchBrowser, screenshot, startServer, watchedPage } from "./harness.js";

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ROLE_PAGE = "/frameworks/engineering/roles/backend-engineer/goals/senior/";

async function selectedTab(page: Page): Promise<string | null> {
  return page.locator('[role="tab"][aria-selected="true"]').textContent();
}

async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

describe("goal templates in Chromium", () => {
  it("role goals: tabs by keyboard, placeholders filled live, a goal and a kind copied to the clipboard", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await page.goto(`${server.url}${ROLE_PAGE}`);

    // tabs: the in-page nav becomes a tablist, one panel shown at a time
    const tabs = page.getByRole("tab");
    expect(await tabs.count()).toBe(4);
    expect(await page.locator("nav.goals-nav").isVisible()).toBe(false);
    expect(await selectedTab(page)).toBe("SMART");
    expect(await page.locator("#smart").isVisible()).toBe(true);
    expect(await page.locator("#okr").isVisible()).toBe(false);
    await tabs.first().focus();
    await page.keyboard.press("ArrowRight");
    expect(await selectedTab(page)).toBe("OKRs");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-okr");
    expect(await page.locator("#okr").isVisible()).toBe(true);
    expect(await page.locator("#smart").isVisible()).toBe(false);
    expect(await page.getByRole("tabpanel").count()).toBe(1);
    await page.keyboard.press("End");
    expect(await selectedTab(page)).toBe("Scorecard");
    await page.keyboard.press("ArrowRight");
    expect(await selectedTab(page)).toBe("SMART");
    await page.keyboard.press("ArrowLeft");
    expect(await selectedTab(page)).toBe("Scorecard");
    await page.keyboard.press("Home");
    expect(await selectedTab(page)).toBe("SMART");
    expect(new URL(page.url()).hash).toBe("#smart");

    // fields fill the placeholders as they are typed, and the URL keeps the values
    const firstGoal = page.locator("#smart-1");
    expect(await firstGoal.textContent()).toContain("⟨date⟩");
    await page.getByLabel("Date", { exact: true }).fill("2026-09-30");
    await page.getByLabel("Target", { exact: true }).fill("two designs reviewed");
    const measurable = firstGoal.locator(".goal-line").filter({ hasText: "Measurable" });
    await expect
      .poll(() => measurable.locator("dd").textContent())
      .toBe(
        "Take the measure you agree for it from ⟨baseline⟩(placeholder: baseline) to two designs reviewed by 2026-09-30.",
      );
    expect(await firstGoal.locator("mark.placeholder.filled").count()).toBeGreaterThan(1);
    expect(new URL(page.url()).searchParams.get("date")).toBe("2026-09-30");
    expect(await page.getByRole("link", { name: "Copy / print as text" }).getAttribute("href")).toBe(
      `${ROLE_PAGE}goals.txt?date=2026-09-30&target=two+designs+reviewed`,
    );

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "goals");

    // copy one goal: its plain text, filled in, with its sources
    await firstGoal.getByRole("button", { name: /^Copy/ }).click();
    await expect
      .poll(() => page.locator("[data-goals-status]").textContent())
      .toMatch(/^Copied “1\. Leads the design/);
    const goal = await clipboard(page);
    expect(goal).toContain("1. Leads the design of a new service");
    expect(goal).toContain("2026-09-30");
    expect(goal).toContain("from ⟨baseline⟩ to two designs reviewed by 2026-09-30.");
    expect(goal).not.toContain("placeholder: baseline");
    expect(goal).toContain("[source: role backend-engineer · level senior · responsibility 1]");
    expect(goal.split("\n")[1]).toMatch(/^ {3}Specific: +Deliver: "Leads the design/);

    // copy a whole kind from its tab
    await page.getByRole("tab", { name: "OKRs" }).click();
    await page
      .locator("#okr")
      .getByRole("button", { name: /^Copy all/ })
      .click();
    await expect.poll(() => clipboard(page)).toMatch(/^OKRs\n----\n/);
    const kind = await clipboard(page);
    expect(kind).toContain("Objective 1: Leads the design");
    expect(kind).toContain("Objective 4: ");
    expect(kind).toContain("by 2026-09-30");
    expect(problems).toEqual([]);
  });

  it("a link to one goal opens its tab; reloading keeps the filled values", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(`${server.url}${ROLE_PAGE}?date=2027-01-15#mbo-2`);
    expect(await selectedTab(page)).toBe("MBO");
    expect(await page.locator("#mbo-2").isVisible()).toBe(true);
    expect(await page.getByLabel("Date", { exact: true }).inputValue()).toBe("2027-01-15");
    expect(await page.locator("#mbo-2").textContent()).toContain("2027-01-15");
    expect(problems).toEqual([]);
  });

  it("without JavaScript every kind is shown one after the other, with the nav and no copy buttons; the form fills on the server", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}${ROLE_PAGE}`);
    for (const id of ["smart", "okr", "mbo", "scorecard"])
      expect(await page.locator(`#${id}`).isVisible()).toBe(true);
    expect(await page.locator("nav.goals-nav").isVisible()).toBe(true);
    expect(await page.getByRole("tab").count()).toBe(0);
    expect(await page.locator("button.copy").first().isVisible()).toBe(false);
    await page.getByLabel("Baseline", { exact: true }).fill("one a quarter");
    await page.getByRole("button", { name: "Fill in" }).click();
    await page.waitForURL(/baseline=one\+a\+quarter/);
    expect(await page.locator("#okr-1").textContent()).toContain("From one a quarter to ⟨target⟩");
    await context.close();
  });

  it("prints every kind one after the other without buttons or fields", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(`${server.url}${ROLE_PAGE}?date=2026-09-30`);
    await page.emulateMedia({ media: "print" });
    for (const id of ["smart", "okr", "mbo", "scorecard"])
      expect(await page.locator(`#${id}`).isVisible()).toBe(true);
    expect(await page.locator(".goals-tabs").isVisible()).toBe(false);
    expect(await page.locator("form.goals-fill").isVisible()).toBe(false);
    expect(await page.locator("button.copy").first().isVisible()).toBe(false);
    expect(await page.locator("#smart-1").textContent()).toContain("⟨baseline⟩");
    expect(problems).toEqual([]);
  });

  it("fits a 360 px screen in dark mode", async () => {
    const { page, problems } = await watchedPage(browser, {
      reuse: true,
      width: 360,
      height: 800,
      colorScheme: "dark",
    });
    await page.goto(`${server.url}${ROLE_PAGE}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "goals-mobile-dark");
    expect(problems).toEqual([]);
  });

  it("level goals page: tabs, goals per expectation, axe clean", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(`${server.url}/frameworks/engineering/levels/senior/goals/`);
    expect(await page.getByRole("tab").count()).toBe(4);
    expect(await page.locator("#smart [data-goal]").count()).toBeGreaterThan(10);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("personal goals: picks from the form, goals largest gap first, axe clean", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(`${server.url}/frameworks/engineering/goals/personal/`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Code & design quality").selectOption("code-quality:mid");
    await page.getByLabel("Testing & reliability").selectOption("testing-reliability:junior");
    await page.getByLabel("Communication", { exact: true }).selectOption("communication:senior");
    await page.getByLabel("Level you are aiming for").selectOption("senior");
    await page.getByRole("button", { name: "Show my goals" }).click();
    await page.waitForURL(/goals\/personal\/\?pick=/);
    expect(await page.locator("h1").textContent()).toBe("Personal goals toward Senior");
    const goals = page.locator("#smart [data-goal]");
    expect(await goals.count()).toBe(2);
    expect(await goals.first().locator(".goal-title").textContent()).toContain("Testing & reliability");
    // one kind only: no tabs
    expect(await page.getByRole("tab").count()).toBe(0);
    await page.getByLabel("Date", { exact: true }).fill("2026-12-31");
    expect(await goals.first().textContent()).toContain("By 2026-12-31.");
    expect(new URL(page.url()).searchParams.get("target")).toBe("senior");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "goals-personal");
    expect(problems).toEqual([]);
  });

  it("the mirror's summary links the picks to personal goals, updated as picks change", async () => {
    const { page, problems } = await watchedPage(browser, { reuse: true });
    await page.goto(
      `${server.url}/frameworks/engineering/matrix/#pick=code-quality:mid,testing-reliability:junior&target=senior`,
    );
    const link = page.getByRole("link", { name: "Turn these gaps into goals" });
    // the island writes the link once it has read the hash: a busy machine may take seconds
    await expect
      .poll(() => link.getAttribute("href"))
      .toBe(
        "/frameworks/engineering/goals/personal/?pick=code-quality%3Amid%2Ctesting-reliability%3Ajunior&target=senior",
      );
    await page.locator("#mirror-target").selectOption("lead");
    await expect.poll(() => link.getAttribute("href")).toMatch(/&target=lead$/);
    await link.click();
    await page.waitForURL(/goals\/personal\/\?pick=/);
    expect(await page.locator("h1").textContent()).toBe("Personal goals toward Lead");
    expect(problems).toEqual([]);
  });
});
