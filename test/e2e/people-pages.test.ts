/*
 * The people-facing tables on a 360 px phone and a 1,280 px laptop, with axe-core at both: the directory,
 * a person's page, my account, the assessments list and the home of a manager, and the admin's people,
 * cycles and calibration pages. On a phone each table is a list of cards (no sideways scrolling), and every
 * moment is shown in the viewer's locale and time zone (`<When>`), never as raw UTC.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot, seededServer, signInAs } from "./harness.js";

const PASSWORD = "cards on a small screen";

const ids = { pat: "", mia: "" };

const server = seededServer({
  name: "people",
  password: PASSWORD,
  seed: async ({ store, add }) => {
    await add({ name: "Ada Admin", email: "ada@example.com", admin: true });
    const mia = await add({
      name: "Mia Manager",
      email: "mia@example.com",
      framework: "engineering",
      level: "lead",
    });
    const pat = await add({
      name: "Pat Person-With-A-Rather-Long-Double-Barrelled-Name",
      email: "pat.with.a.long.address@engineering.example.com",
      managerId: mia.id,
      framework: "engineering",
      level: "senior",
      role: "backend-engineer",
    });
    await add({ name: "Kim Keen", email: "kim@example.com", managerId: mia.id, framework: "engineering" });
    ids.pat = pat.id;
    ids.mia = mia.id;
    const spring = await store.cycles.create({
      name: "Spring",
      startsOn: "2026-03-01",
      endsOn: "2026-06-30",
    });
    if (!spring.ok) throw new Error(JSON.stringify(spring.problems));
    await store.cycles.close(spring.value.id);
    const autumn = await store.cycles.create({
      name: "Autumn",
      startsOn: "2026-09-01",
      endsOn: "2026-12-31",
    });
    if (!autumn.ok) throw new Error(JSON.stringify(autumn.problems));
  },
});

/** A page signed in as `email`, in German on Tokyo time, so a time left in UTC would show. */
async function signedIn(email: string, next: string): Promise<{ page: Page; problems: string[] }> {
  const context = await server.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: "de-DE",
    timezoneId: "Asia/Tokyo",
    bypassCSP: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await signInAs(page, server.origin, { email, password: PASSWORD }, next);
  return { page, problems };
}

/** What sticks out to the right of a 360 px screen (empty when nothing does). */
function sticksOut(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}.${e.className}`)
      .slice(0, 6),
  );
}

/**
 * Opens `path`, checks it with axe at both widths (a table turns into cards at 360 px), and at 360 px: nothing
 * sticks out, each table marked to stack is cards (its header row hidden), no <time> still reads UTC; keeps a
 * picture of the phone view.
 */
async function checkTables(page: Page, path: string, name: string, tables: string[]): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.origin}${path}`);
  expect(await axeViolations(page), path).toEqual([]);
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await axeViolations(page), path).toEqual([]);
  expect(await sticksOut(page), path).toEqual([]);
  for (const table of tables) {
    await expect(page.locator(`${table} thead`).isVisible(), table).resolves.toBe(false);
    const row = page.locator(`${table} tbody tr`).first();
    await expect(
      row.evaluate((tr) => getComputedStyle(tr).display),
      table,
    ).resolves.toBe("block");
  }
  const times = await page.locator("main time").allTextContents();
  for (const text of times) expect(text, path).not.toContain("UTC");
  await screenshot(page, `${name}-360`);
}

describe("people-facing tables at 360 px", () => {
  it("an engineer: the directory, a person's page and my account are cards that fit", async () => {
    const { page, problems } = await signedIn("pat.with.a.long.address@engineering.example.com", "/people/");
    await checkTables(page, "/people/", "people-directory", ["#directory"]);
    // each card names its columns: the level reads "Level: Senior"
    const level = page.locator(`#person-${ids.pat} td[data-label="Level"]`);
    await expect(level.evaluate((td) => getComputedStyle(td, "::before").content)).resolves.toBe('"Level: "');
    // a manager the policy hides is said to be hidden, not left blank
    const managers = await page.locator('#directory td[data-label="Manager"]').allTextContents();
    expect(managers.filter((m) => m.trim() === "")).toEqual([]);
    await checkTables(page, `/people/${ids.pat}/`, "person", []);
    await checkTables(page, "/account/", "account", ["table.sessions"]);
    // the session's times are in German now ("vor 1 Minute", "3. Dez. 2026, …")
    const seen = (await page.locator("table.sessions time").last().textContent()) ?? "";
    expect(seen).toMatch(/jetzt|Minute|Sekunde|vor/);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 180_000);

  it("a manager: the assessments list and the home list their reports as cards", async () => {
    const { page, problems } = await signedIn("mia@example.com", "/assessments/");
    await checkTables(page, "/assessments/", "assessments-list", ["table.standings"]);
    await expect(page.locator(`#report-${ids.pat} td[data-label="Next step"]`).textContent()).resolves.toBe(
      "Assess",
    );
    await checkTables(page, "/home/", "home-manager-cards", ["table.home-reports"]);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 180_000);

  it("an admin: people, cycles (a closed one's time in local words) and calibration fit the phone", async () => {
    const { page, problems } = await signedIn("ada@example.com", "/admin/people/");
    await checkTables(page, "/admin/people/", "admin-people-cards", ["#people"]);
    await checkTables(page, "/admin/cycles/", "admin-cycles", ["#cycles-table"]);
    const closed = page.locator("#cycles-table tbody tr", { hasText: "Spring" }).locator("time");
    await expect(closed.getAttribute("data-local")).resolves.toBe("relative");
    await expect(closed.getAttribute("title")).resolves.toMatch(/^Closed \d\d\.\d\d\.\d{4}, \d\d:\d\d$/);
    await checkTables(page, "/admin/team/calibration/", "admin-calibration", []);
    // a long variable name in the settings and the CSV header on the import page wrap instead of widening it
    await checkTables(page, "/admin/settings/", "admin-settings", []);
    await checkTables(page, "/admin/import/", "admin-import", []);
    // and the framework's changes (public): each change a card
    await checkTables(page, "/frameworks/engineering/changes/", "changes", ["table.changes-table"]);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 180_000);
});
