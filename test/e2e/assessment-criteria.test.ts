/*
 * Criteria in an assessment, in Chromium against the built `rungs serve` over a framework whose cells are
 * criteria lists: the criteria of the picked level and the next come first and follow the pick, a tick with
 * its evidence and a comment are saved as the person goes and survive a reload; with axe, and fitting 360 px.
 * And over a framework whose disciplines write criteria of their own (stepped-roles): a mobile engineer ticks
 * the mobile criteria, and they read back on the submitted assessment and on the manager's review.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  axeViolations,
  draftSavedWith,
  SCREENSHOTS,
  seededServer,
  signInAs,
  watchedPage,
} from "./harness.js";

const PASSWORD = "copper kettle over the hill";
const FIXTURE = new URL("../fixtures/shapes/criteria-lists", import.meta.url).pathname;
const ROLES_FIXTURE = new URL("../fixtures/shapes/stepped-roles", import.meta.url).pathname;

let patId = "";
let moId = "";

const server = seededServer({
  name: "criteria",
  password: PASSWORD,
  seed: async ({ add }) => {
    patId = (
      await add({ name: "Pat Person", email: "pat@example.com", framework: "criteria-lists", level: "l2" })
    ).id;
    const mia = await add({
      name: "Mia Manager",
      email: "mia@example.com",
      framework: "stepped-roles",
      level: "e3",
    });
    moId = (
      await add({
        name: "Mo Mobile",
        email: "mo@example.com",
        managerId: mia.id,
        framework: "stepped-roles",
        level: "e2",
        role: "mobile",
      })
    ).id;
  },
  paths: () => [FIXTURE, ROLES_FIXTURE],
});

const signIn = (page: Page, origin: string, next: string, email = "pat@example.com") =>
  signInAs(page, origin, { email, password: PASSWORD }, next);

/** The levels whose criteria are shown first for a competency. */
const nearLevels = (page: Page, competency: string) =>
  page
    .locator(`#assess-pick-${competency} .criteria-near fieldset.criteria-group`)
    .evaluateAll((groups) => groups.map((g) => (g as HTMLElement).dataset.level));

describe("criteria in an assessment in Chromium", () => {
  it("ticks follow the pick, are saved with evidence and a comment, and pass axe, and fit 360 px", async () => {
    const origin = server.origin;
    const path = `/people/${patId}/assessments/self/`;
    const { page, problems } = await watchedPage(server.browser);
    await signIn(page, origin, path);
    // before any pick: Pat's own level (l2) and the next (l3a)
    await expect(nearLevels(page, "code-quality")).resolves.toEqual(["l2", "l3a"]);
    await page.locator("#assess-code-quality--l1").check();
    await expect(nearLevels(page, "code-quality")).resolves.toEqual(["l1", "l2"]);
    await page.locator("#assess-code-quality--l2").check();
    await expect(nearLevels(page, "code-quality")).resolves.toEqual(["l2", "l3a"]);

    await page.locator("#assess-crit-code-quality--l2--readable").check();
    await page
      .locator("#assess-crit-code-quality--l2--readable-evidence")
      .fill("Renamed the parser helpers.");
    const saved = draftSavedWith(page, "Can we talk about test kinds?");
    await page.locator("#assess-comment-code-quality").fill("Can we talk about test kinds?");
    await page.locator("#assess-comment-code-quality").blur();
    await saved;
    await page.getByText(/Draft saved at/).waitFor();

    await page.reload();
    await expect(page.locator("#assess-crit-code-quality--l2--readable").isChecked()).resolves.toBe(true);
    await expect(page.locator("#assess-crit-code-quality--l2--readable-evidence").inputValue()).resolves.toBe(
      "Renamed the parser helpers.",
    );
    await expect(page.locator("#assess-comment-code-quality").inputValue()).resolves.toBe(
      "Can we talk about test kinds?",
    );
    // a ticked group stays in front even when the pick moves away from it
    await page.locator("#assess-pick-code-quality details.more-levels > summary").click();
    await page.locator("#assess-code-quality--l3b").check();
    await expect(nearLevels(page, "code-quality")).resolves.toEqual(["l2", "l3b"]);

    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page
      .locator("#assess-pick-code-quality")
      .screenshot({ path: join(SCREENSHOTS, "assessment-criteria-phone.png") });
    expect(problems).toEqual([]);
  }, 120_000);

  it("a mobile engineer ticks the mobile criteria; the assessment and the manager's review read them back", async () => {
    const origin = server.origin;
    const path = `/people/${moId}/assessments/self/`;
    const { page, problems } = await watchedPage(server.browser);
    await signIn(page, origin, path, "mo@example.com");
    const mine = page.locator("#assess-crit-systems--e2--old-clients");
    await expect(mine.locator("xpath=..").locator(".badge").innerText()).resolves.toBe("for Mobile engineer");
    // the web discipline's criterion at Senior is not Mo's
    expect(await page.locator("#assess-crit-systems--e3--web-e3-1").count()).toBe(0);
    await page.locator("#assess-systems--e2").check();
    await page.locator("#assess-operations--e2").check();
    await mine.check();
    await page
      .locator("#assess-crit-systems--e2--old-clients-evidence")
      .fill("Kept sync v1 alive for six weeks.");
    await page.locator("#assess-crit-systems--e2--mobile-e2-2").check();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Submit" }).click();
    await page.waitForURL(/\/assessments\/[^/]+\/\?done=submitted$/);
    const shown = page.locator("#pick-systems .criteria-shown");
    await expect(shown.innerText()).resolves.toContain(
      "Keeps the service answering the app versions still installed.",
    );
    await expect(shown.innerText()).resolves.toContain("Engineer II · Mobile engineer");
    await expect(shown.innerText()).resolves.toContain("Kept sync v1 alive for six weeks.");
    expect(await axeViolations(page)).toEqual([]);
    await page
      .locator("#pick-systems")
      .screenshot({ path: join(SCREENSHOTS, "assessment-role-criteria.png") });
    // on a phone each competency is a card: the evidence and criteria are read without scrolling sideways
    await page.setViewportSize({ width: 360, height: 800 });
    const squeezed = await page
      .locator("table.assessment-picks")
      .evaluate((t) => (t.parentElement?.scrollWidth ?? 0) - (t.parentElement?.clientWidth ?? 0));
    expect(squeezed).toBeLessThanOrEqual(0);
    await expect(shown.evaluate((el) => el.getBoundingClientRect().right)).resolves.toBeLessThanOrEqual(360);
    await page
      .locator("#pick-systems")
      .screenshot({ path: join(SCREENSHOTS, "assessment-role-criteria-phone.png") });

    const manager = await watchedPage(server.browser);
    await signIn(manager.page, origin, `/people/${moId}/review/`, "mia@example.com");
    const row = manager.page.locator("#review-systems");
    await expect(row.innerText()).resolves.toContain(
      "Plans a change around the time an app store takes to review a release.",
    );
    await expect(row.innerText()).resolves.toContain("Kept sync v1 alive for six weeks.");
    expect(problems).toEqual([]);
    expect(manager.problems).toEqual([]);
  }, 120_000);
});
