/*
 * The team pages in Chromium against the built `rungs serve` (SQLite): the paged table of people and the
 * heatmap by team, at 1,280 px and on a 360 px phone (where both become a list), with axe-core.
 */
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot, seededServer, signedInPage } from "./harness.js";

const PASSWORD = "lanterns along the quay";
const LONG_NAME = "Bartholomew Maximilian Fitzgerald-Okonkwo-Vandersteen";

const server = seededServer({
  name: "team",
  password: PASSWORD,
  seed: async ({ store, add }) => {
    const person = (p: Parameters<typeof add>[0]) => add({ ...p, framework: "engineering", track: "trunk" });
    const mia = await person({ name: "Mia Manager", email: "mia@example.com", level: "manager" });
    const long = await person({
      name: LONG_NAME,
      email: "bart@example.com",
      managerId: mia.id,
      level: "senior",
    });
    await person({ name: "Pete Peer", email: "pete@example.com", managerId: long.id, level: "mid" });
    const draft = await store.assessments.startDraft({
      personId: long.id,
      authorId: long.id,
      kind: "self",
      cycleId: null,
      framework: "engineering",
      frameworkVersion: "v1",
      level: "senior",
    });
    if (!draft.ok) throw new Error(JSON.stringify(draft.problems));
    const picks = [
      { competency: "planning", level: "staff" },
      { competency: "execution", level: "mid" },
    ];
    const saved = await store.assessments.saveDraft(draft.value.id, draft.value.version, { picks });
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    await store.assessments.submit(saved.value.id, saved.value.version);
  },
});

/** Mia's page on `next`: signed in by the first test, still signed in for the next. */
const asMia = (next: string, size: { width: number; height: number }) =>
  signedInPage(server.browser, server.origin, { email: "mia@example.com", password: PASSWORD }, next, size);

describe("team pages in Chromium", () => {
  it("at 1,280 px: the table and the heatmap by team, names whole to readers and on hover", async () => {
    const { page, problems } = await asMia("/team/", { width: 1280, height: 900 });
    const table = page.locator("table#heatmap-engineering");
    await expect(table.locator("tbody tr").count()).resolves.toBe(2);
    // a long competency name is cut on screen; its header is named in full (hover and assistive tech)
    const header = page.getByRole("columnheader", { name: "Customer & product understanding" });
    await expect(header.getAttribute("title")).resolves.toBe("Customer & product understanding");
    await expect(page.getByRole("cell", { name: "+2" }).count()).resolves.toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "team-table");

    await page.getByRole("link", { name: "Heatmap by team" }).click();
    await page.waitForURL(/\/team\/by-team\//);
    const row = page.locator("table.by-team tbody tr");
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator("th").innerText()).resolves.toContain(LONG_NAME);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "team-by-team");
    // drill down into the team
    await row.locator("th a").click();
    await page.waitForURL(/team=/);
    await expect(page.locator("h1").innerText()).resolves.toContain(LONG_NAME);
    expect(problems).toEqual([]);
  });

  it("at 360 px: the rows become a list, nothing scrolls sideways, each number says its competency", async () => {
    const { page, problems } = await asMia("/team/", { width: 360, height: 800 });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map(
          (e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`,
        )
        .slice(0, 8),
    );
    // what sticks out names itself when this fails
    expect(wide).toEqual([]);
    const table = page.locator("table#heatmap-engineering");
    await expect(table.locator("thead").isVisible()).resolves.toBe(false);
    const cell = table.locator('td[data-label="Planning & estimation"]').first();
    const label = await cell.evaluate((td) => getComputedStyle(td, "::before").content);
    expect(label).toBe('"Planning & estimation"');
    // the long name wraps inside the screen instead of being cut
    const name = table.locator("tbody th").filter({ hasText: LONG_NAME });
    const box = await name.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "team-table-mobile");
    await page.goto(`${server.origin}/team/by-team/`);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
