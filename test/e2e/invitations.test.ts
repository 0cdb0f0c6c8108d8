/*
 * Invitations in Chromium against the built `rungs serve`, with its mail settings from the environment and a
 * real SMTP server: the admin picks an imported person in the list and invites them; the mail arrives; the
 * person opens its link on a 360 px phone and chooses a password. Then the polish the first users asked
 * for: a copy button that copies the whole link, times in the viewer's locale and zone, an aligned
 * checkbox, and the admin list as cards on a phone. axe-core once on each state a page is brought to.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyOf, startSmtpServer, type TestSmtpServer } from "../support/smtp-server.js";
import { axeViolations, screenshot, seededServer, signedInPage, signInAs, watchedPage } from "./harness.js";

const PASSWORD = "lantern orchard beneath snow";
const CHOSEN = "marble heron crossing tides";

let smtp: TestSmtpServer;
const ids = { ada: "", bo: "" };

// before the server: its mail settings name this SMTP server
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});

const server = seededServer({
  name: "invite",
  password: PASSWORD,
  seed: async ({ store, add }) => {
    await add({ name: "Root Admin", email: "root@example.com", admin: true });
    // imported people: no password yet
    for (const [key, name, email, level] of [
      ["ada", "Ada Imported", "ada@example.com", "senior"],
      ["bo", "Bo Imported", "bo@example.com", "mid"],
    ] as const) {
      const made = await store.people.create({
        name,
        email,
        framework: "engineering",
        level,
        role: "backend-engineer",
      });
      if (!made.ok) throw new Error(JSON.stringify(made.problems));
      ids[key] = made.value.id;
    }
  },
  env: () => ({ RUNGS_SMTP_URL: smtp.url, RUNGS_MAIL_FROM: "rungs@example.com" }),
});

const ROOT = { email: "root@example.com", password: PASSWORD };
const signIn = (page: Page, next: string) => signInAs(page, server.origin, ROOT, next);
/** The admin's page on `next`: signed in by the first test, still signed in for the later ones. */
const asRoot = (next: string, size?: { width: number; height: number }) =>
  signedInPage(server.browser, server.origin, ROOT, next, size);

/** How far the page sticks out sideways (0 when it fits its viewport). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("invitations in Chromium", () => {
  it("the admin invites a picked person by mail; they set their password on a phone", async () => {
    const { page, problems } = await asRoot("/admin/people/");
    const ada = page.locator(`#person-${ids.ada}`);
    await expect(ada.textContent()).resolves.toContain("Never signed in");
    // names, not ids: the level and role as the framework calls them
    await expect(ada.textContent()).resolves.toContain("Backend Engineer");
    await expect(ada.textContent()).resolves.not.toContain("backend-engineer");
    // axe-core on the people list as loaded: charts.test.ts (its "admin" kind), and as cards people-pages.test.ts
    await screenshot(page, "admin-people-1280");

    await page.getByLabel("Pick \u2068Ada Imported\u2069 to invite").check();
    await page.getByRole("button", { name: "Invite the people picked" }).click();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Invitations");
    await expect(page.locator("main").textContent()).resolves.toContain("1 invitation sent by mail");
    expect(await axeViolations(page)).toEqual([]);
    expect(smtp.mails.map((m) => m.to)).toEqual([["ada@example.com"]]);
    const link = /http:\/\/127\.0\.0\.1:\d+\/welcome\/[\w-]{43}/.exec(bodyOf(smtp.mails[0]?.raw ?? ""))?.[0];
    expect(link).toBeTruthy();

    const phone = await watchedPage(server.browser, { width: 360, height: 740 });
    await phone.page.goto(link ?? "");
    await expect(phone.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Welcome, Ada Imported",
    );
    expect(await axeViolations(phone.page)).toEqual([]);
    expect(await overflow(phone.page)).toBeLessThanOrEqual(0);
    await phone.page.getByLabel("New password", { exact: true }).fill(CHOSEN);
    await phone.page.getByLabel("New password again").fill(CHOSEN);
    await phone.page.getByRole("button", { name: "Save my password" }).click();
    await phone.page.waitForURL(`${server.origin}/home/`);

    await page.goto(`${server.origin}/admin/people/`);
    await expect(page.locator(`#person-${ids.ada}`).textContent()).resolves.toContain("Active");
    expect(problems).toEqual([]);
    expect(phone.problems).toEqual([]);
  }, 120_000);

  it("on a phone the people list is cards that fit, and a resend shows invited with local times", async () => {
    const context = await server.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: "de-DE",
      timezoneId: "Asia/Tokyo",
      bypassCSP: true,
    });
    const page = await context.newPage();
    await signIn(page, `/admin/people/${ids.bo}/`);
    await page.getByRole("button", { name: "Invite" }).click();
    await page.goto(`${server.origin}/admin/people/`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const row = page.locator(`#person-${ids.bo}`);
    await expect(row.textContent()).resolves.toContain("Invited");
    // the <time> says it in German and Tokyo time, relative, with the exact moment on hover
    const time = row.locator("time").first();
    const text = (await time.textContent()) ?? "";
    expect(text).not.toContain("UTC");
    expect(text).toMatch(/jetzt|Minute|Sekunde|vor|heute/);
    const title = (await time.getAttribute("title")) ?? "";
    const expected = await time.evaluate((el) =>
      new Intl.DateTimeFormat("de-DE", {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: "Asia/Tokyo",
      }).format(new Date((el as HTMLTimeElement).dateTime)),
    );
    expect(title).toContain(expected);
    await screenshot(page, "admin-people-360");
    // the person's sign-in buttons keep apart (they were stacked touching, 1px between them)
    await page.goto(`${server.origin}/admin/people/${ids.bo}/`);
    const box = async (name: string) => {
      const found = await page.getByRole("button", { name }).boundingBox();
      if (!found) throw new Error(`no ${name} button`);
      return found;
    };
    const [invite, deactivate] = [await box("Invite again (new link)"), await box("Deactivate")];
    const apart = Math.max(
      deactivate.x - (invite.x + invite.width),
      deactivate.y - (invite.y + invite.height),
    );
    expect(apart).toBeGreaterThanOrEqual(8);
    await context.close();
  }, 120_000);

  it("a reset link is shown whole and its button copies all of it; the admin checkbox sits by its label", async () => {
    const { page, problems } = await asRoot(`/admin/people/${ids.bo}/reset-link`, {
      width: 360,
      height: 740,
    });
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    await page.getByRole("button", { name: "Create a reset link" }).click();
    const shown = ((await page.locator("#reset-link").textContent()) ?? "").trim();
    expect(shown).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/reset\/[\w-]{43}$/);
    const box = await page.locator("#reset-link").boundingBox();
    expect(box?.width ?? 999).toBeLessThanOrEqual(360);
    await page.getByRole("button", { name: "Copy link" }).click();
    // the island says so once the clipboard has answered: wait for it, a busy machine takes a while
    await expect.poll(() => page.getByRole("status").last().textContent()).toBe("Copied.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    expect(await axeViolations(page)).toEqual([]);

    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${server.origin}/admin/people/${ids.bo}/`);
      const checkbox = await page.getByLabel("Admin", { exact: true }).boundingBox();
      const label = await page.locator('label[for="edit-admin"]').boundingBox();
      if (!checkbox || !label) throw new Error("no admin checkbox");
      expect(checkbox.width, `${width}px`).toBeLessThan(32);
      // on the label's line, before it
      expect(
        Math.abs(checkbox.y + checkbox.height / 2 - (label.y + label.height / 2)),
        `${width}px`,
      ).toBeLessThan(6);
      expect(checkbox.x + checkbox.width, `${width}px`).toBeLessThanOrEqual(label.x);
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
