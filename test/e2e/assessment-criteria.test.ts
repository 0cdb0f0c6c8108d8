/*
 * Criteria in an assessment, in Chromium against the built `rungs serve` over a framework whose cells are
 * criteria lists: the criteria of the picked level and the next come first and follow the pick, a tick with
 * its evidence and a comment are saved as the person goes and survive a reload; at 1,280 and 360 px, with axe.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrations.js";
import { createStore } from "../../src/store/store.js";
import { hashPassword } from "../../src/web/auth/passwords.js";
import { axeViolations, launchBrowser, SCREENSHOTS, serveRungs, watchedPage } from "./harness.js";

const PASSWORD = "copper kettle over the hill";
const FIXTURE = new URL("../fixtures/shapes/criteria-lists", import.meta.url).pathname;

let browser: Browser;
let folder: string;
let server: Awaited<ReturnType<typeof serveRungs>>;
let patId = "";

beforeAll(async () => {
  browser = await launchBrowser();
  folder = mkdtempSync(join(tmpdir(), "rungs-e2e-criteria-"));
  mkdirSync(join(folder, "rungs-data"), { recursive: true });
  const database = openDatabase({ file: join(folder, "rungs-data/rungs.db") });
  await migrate(database);
  const store = createStore(database);
  const passwordHash = await hashPassword(PASSWORD);
  const made = await store.people.create({
    name: "Pat Person",
    email: "pat@example.com",
    framework: "criteria-lists",
    level: "l2",
    passwordHash,
  });
  if (!made.ok) throw new Error(JSON.stringify(made.problems));
  patId = made.value.id;
  await database.close();
  const env = { ...process.env };
  delete env.RUNGS_REQUIRE_LOGIN;
  delete env.DATABASE_URL;
  server = await serveRungs({ cwd: folder, env, paths: [FIXTURE] });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await browser?.close();
  rmSync(folder, { recursive: true, force: true });
});

async function signIn(page: Page, origin: string, next: string) {
  await page.goto(`${origin}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill("pat@example.com");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${origin}${next}`);
}

/** The levels whose criteria are shown first for a competency. */
const nearLevels = (page: Page, competency: string) =>
  page
    .locator(`#assess-pick-${competency} .criteria-near fieldset.criteria-group`)
    .evaluateAll((groups) => groups.map((g) => (g as HTMLElement).dataset.level));

describe("criteria in an assessment in Chromium", () => {
  it("ticks follow the pick, are saved with evidence and a comment, and pass axe at 1280 and 360 px", async () => {
    const origin = server.origin;
    const path = `/people/${patId}/assessments/self/`;
    const { page, problems } = await watchedPage(browser);
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
    await page.locator("#assess-comment-code-quality").fill("Can we talk about test kinds?");
    await page.locator("#assess-comment-code-quality").blur();
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
});
