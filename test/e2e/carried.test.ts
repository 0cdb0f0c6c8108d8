/*
 * Carried assessments in Chromium at 1280 and 360 px (issue 16 item 4): Robin was assessed on the bakery
 * ladder's 2026 version and again on 2027. Their history draws one line per competency through both rounds
 * with a labelled mark where the version changed; the earlier assessment's profile shows today's
 * competencies with every carried value marked "carried" and where it came from on hover and for a screen
 * reader. axe-core finds nothing serious, and neither page scrolls sideways on a phone.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BAKERY_2027, bakery, PICKS_2026, PICKS_2027, submittedOn } from "../support/versions.js";
import { checkPageKind, seededServer, signInAs, watchedPage } from "./harness.js";

const PASSWORD = "two versions of one ladder";

let robinId = "";
let earlierId = "";

const server = seededServer({
  name: "carried",
  password: PASSWORD,
  seed: async ({ store, add }) => {
    const { old, current } = await bakery(store);
    const robin = await add({
      name: "Robin Baker",
      email: "robin@example.com",
      framework: "bakery",
      level: "baker",
    });
    robinId = robin.id;
    const on = (version: string, picks: typeof PICKS_2026) =>
      submittedOn(store, { personId: robin.id, authorId: robin.id, kind: "self", version, picks });
    earlierId = (await on(old.version, PICKS_2026)).id;
    await on(current.version, PICKS_2027);
  },
  paths: () => [BAKERY_2027],
});

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("assessments carried across a framework change", () => {
  it("history chart with the version change marked, and carried marks on the profile", async () => {
    const { page, problems } = await watchedPage(server.browser);
    await signInAs(
      page,
      server.origin,
      { email: "robin@example.com", password: PASSWORD },
      `/people/${robinId}/history/`,
    );

    const mark = page.locator(".history-chart .version-mark");
    await expect.poll(() => mark.count()).toBe(1);
    expect(await mark.locator("text").textContent()).toBe("Version 2027.1");
    const box = await mark.locator("line").boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(40);
    // Doughs is one line through both rounds, its first point hollow (carried)
    const doughs = page.locator('.history-chart [data-competency="doughs"]');
    expect(await doughs.locator("path").getAttribute("d")).toMatch(/^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
    expect(await doughs.locator("circle.carried").count()).toBe(1);
    expect(await page.getByRole("img", { name: "Level per competency, round by round" }).count()).toBe(1);
    expect(await page.locator("table.timeline th.version-change").textContent()).toContain(
      "Version 2027.1 from here (was 2026.1)",
    );
    expect(await checkPageKind(page, "history-carried")).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${server.origin}/people/${robinId}/profile/?assessment=${earlierId}`);
    await page.locator("summary", { hasText: "The profile as a table" }).click();
    const firing = page.locator("#profile-firing .carried-mark");
    await expect.poll(() => firing.isVisible()).toBe(true);
    expect(await firing.getAttribute("title")).toBe(
      "carried from version 2026.1: picked as “ovens”, split since",
    );
    expect(await page.locator("#profile-oven-care .carried-mark").isVisible()).toBe(true);
    expect(await page.locator(".carried-note").textContent()).toContain("Not carried: Teaching");
    expect(await page.locator(".profile-chart circle.carried").count()).toBeGreaterThan(0);
    expect(await checkPageKind(page, "profile-carried")).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await noSidewaysScroll(page)).toBe(true);
    expect(problems).toEqual([]);
  }, 120_000);
});
