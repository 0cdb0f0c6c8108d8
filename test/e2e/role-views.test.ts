/**
 * Steps and role-specific cells (test/fixtures/shapes/stepped-roles) in the views that read them across
 * levels, in Chromium: the server's compare (a row per role's own cell, kept by "Changes only" where it
 * changes), the static site's compare of a pair it did not pre-render (made in the browser from the levels'
 * halves), search (a role's own text labelled with the role) and personal goals for a role chosen on the page.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, buildStaticSite, liveApp, watchedPage } from "./harness.js";

const SHAPE = "test/fixtures/shapes/stepped-roles";
const live = liveApp([SHAPE]);
const ROW = "#area-craft-systems";

let out = "";
beforeAll(async () => {
  const built = await buildStaticSite([SHAPE]);
  expect(built.status, built.log).toBe(0);
  out = built.out;
}, 180_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("steps and role cells across levels, in Chromium", () => {
  it("compare on the server: a row per role's own cell, its step and criteria; 'Changes only' keeps them", {
    timeout: 90_000,
  }, async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/stepped-roles/compare/e2/e3/`);
    await expect(page.locator(`${ROW}--role-mobile th`).innerText()).resolves.toBe("For Mobile engineer");
    await expect(page.locator(`${ROW}--role-web`).innerText()).resolves.toContain(
      "In place of the shared expectation: Designs how the site degrades",
    );
    await expect(page.locator(`${ROW}--role-web--step`).innerText()).resolves.toContain(
      "Leading (step 3 of 4)",
    );
    await page.getByLabel("Changes only").check();
    expect(await page.locator(`${ROW}--role-mobile--crit-old-clients`).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("compare on the static site, in the browser: the same role rows as the server", {
    timeout: 90_000,
  }, async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    const chooser = pathToFileURL(join(out, "frameworks/stepped-roles/compare/index.html")).href;
    // e1 and e3 are not neighbours: the build has no page for them, the browser makes it from the halves
    await page.goto(`${chooser}?a=e1&b=e3`);
    const web = page.locator(`${ROW}--role-web`);
    await expect(web.innerText()).resolves.toContain("Nothing of its own at Engineer I");
    await expect(web.innerText()).resolves.toContain("Designs how the site degrades");
    await expect(page.locator(`${ROW}--role-web--crit-1`).innerText()).resolves.toContain("(new)");
    await expect(page.locator(`${ROW}--step`).innerText()).resolves.toMatch(/Learning \(step 1 of 4\)/);
    expect(problems).toEqual([]);
  });

  it("search finds a role's own words under the role; personal goals quote the role chosen on the page", {
    timeout: 90_000,
  }, async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/search/?q=${encodeURIComponent("users install days later")}`);
    const first = page.locator(".search-results li").first();
    await expect(first.innerText()).resolves.toContain(
      "Systems thinking at Engineer II, for Mobile engineer",
    );
    await first.getByRole("link").first().click();
    await page.waitForURL(/\/roles\/mobile\/\?level=e2#level-e2$/);
    await expect(page.locator("#level-e2").innerText()).resolves.toContain("install days later");

    await page.goto(`${live.url}/frameworks/stepped-roles/goals/personal/`);
    await page.getByLabel("Systems thinking").selectOption("systems:e1");
    await page.getByLabel("Level you are aiming for").selectOption("e3");
    await page.getByLabel("Your role").selectOption("web");
    await page.getByRole("button", { name: "Show my goals" }).click();
    await page.waitForURL(/goals\/personal\/\?pick=/);
    await expect(page.locator("h1").innerText()).resolves.toBe(
      "Personal goals toward Senior engineer as Web engineer",
    );
    const goal = page.locator("#smart [data-goal]").first();
    await expect(goal.innerText()).resolves.toContain(
      "Designs how the site degrades when a service is down.",
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("the matrix for a role: the filter keeps the mirror's picks, cells say the role's, goals ask for the role", {
    timeout: 90_000,
  }, async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    // the competencies here have a scale: a reader picks a step, which places them at its level
    await page.goto(`${live.url}/frameworks/stepped-roles/matrix/#step=systems:learning`);
    await page.locator("[data-mirror-panel]:not([hidden])").waitFor();
    await page.locator("#filter-role").selectOption("web");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/\/matrix\/\?role=web#step=systems:learning$/);
    await expect(page.locator("#cell-systems--e3").innerText()).resolves.toContain(
      "For Web engineer, in place of the shared expectation:",
    );
    const goals = page.getByRole("link", { name: "Turn these gaps into goals" });
    await expect(goals.getAttribute("href")).resolves.toMatch(/\?pick=systems%3Ae1&.*role=web$/);
    await goals.click();
    await expect(page.locator("h1").innerText()).resolves.toContain("as Web engineer");
    expect(problems).toEqual([]);
  });
});
