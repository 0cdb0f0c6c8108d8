/*
 * The people pages as a manager and an engineer meet them in Chromium (issue 14's review): a submitted
 * assessment whose evidence holds web addresses (one 4,666 characters long, one hostile) and what each picked
 * level asks; the team pages of a manager whose people are on two frameworks and on none.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { submittedOn } from "../support/versions.js";
import { axeViolations, screenshot, seededServer, signedInPage } from "./harness.js";

const PASSWORD = "kites over the salt marsh";
const LONG_URL = `https://example.com/notes/${"a1b2c3d4".repeat(580)}`;
const EVIDENCE = `Wrote the plan (https://example.com/plan). Not a link: javascript:alert(1) or data:text/html,x.\nOdd one: https://example.com/?q="'><b>x</b>\n${LONG_URL}`;
const ids = { assessment: "", pat: "" };

const server = seededServer({
  name: "people-review",
  password: PASSWORD,
  seed: async ({ store, add }) => {
    const mia = await add({
      name: "Mia Manager",
      email: "mia@example.com",
      framework: "engineering",
      track: "trunk",
      level: "manager",
    });
    const pat = await add({
      name: "Pat Person",
      email: "pat@example.com",
      managerId: mia.id,
      framework: "engineering",
      track: "trunk",
      level: "senior",
    });
    await add({
      name: "Lin Product",
      email: "lin@example.com",
      managerId: mia.id,
      framework: "product-matrix",
      level: "l3",
    });
    await add({ name: "Sam Someone", email: "sam@example.com", managerId: mia.id });
    const submitted = await submittedOn(store, {
      personId: pat.id,
      authorId: pat.id,
      kind: "self",
      version: "v1",
      framework: "engineering",
      level: "senior",
      picks: [
        { competency: "planning", level: "senior", evidence: EVIDENCE },
        { competency: "execution", level: "mid" },
      ],
    });
    ids.assessment = submitted.id;
    ids.pat = pat.id;
  },
});

const as = (email: string, next: string, width: number) =>
  signedInPage(server.browser, server.origin, { email, password: PASSWORD }, next, {
    width,
    height: width === 360 ? 800 : 900,
  });

/** How far the page scrolls sideways (0 when it fits the screen). */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("people pages for issue 14's review, in Chromium", () => {
  it("an assessment links the web addresses of its evidence, never another scheme, and wraps a long one", async () => {
    for (const width of [1280, 360]) {
      const { page, problems } = await as("pat@example.com", `/assessments/${ids.assessment}/`, width);
      const evidence = page.locator("#pick-planning p.evidence");
      const links = evidence.locator("a");
      await expect(links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).resolves.toEqual([
        "https://example.com/plan",
        "https://example.com/?q=",
        LONG_URL,
      ]);
      await expect(links.first().getAttribute("rel")).resolves.toBe("noopener noreferrer nofollow ugc");
      // the hostile part is text, whole: nothing of it became markup
      await expect(evidence.locator("b").count()).resolves.toBe(0);
      await expect(evidence.innerText()).resolves.toContain(`"'><b>x</b>`);
      await expect(evidence.innerText()).resolves.toContain("javascript:alert(1)");
      // the long address wraps inside its cell
      expect(await sideways(page)).toBe(0);
      const box = await links.last().boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(width);
      // beside the pick, what its level asks for
      await expect(page.locator("#pick-planning .pick-asks").innerText()).resolves.not.toBe("");
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `people-review-assessment-${width}`);
      expect(problems).toEqual([]);
    }
  });

  it("a manager's team on two frameworks: the page says so and switches, keeping the other filters", async () => {
    for (const view of ["/team/", "/team/by-team/"]) {
      const { page, problems } = await as("mia@example.com", `${view}?status=unassessed&sort=level`, 1280);
      const note = page.locator("#team-frameworks");
      await expect(note.innerText()).resolves.toContain("1 person is on no framework served here");
      await note.getByRole("link", { name: /Larkspur Product Engineering Matrix \(1 person\)/ }).click();
      await page.waitForURL(/framework=product-matrix/);
      const asked = new URL(page.url()).searchParams;
      expect([asked.get("status"), asked.get("sort")]).toEqual(["unassessed", "level"]);
      await expect(page.locator("#team-framework").inputValue()).resolves.toBe("product-matrix");
      await expect(page.locator("#team-status").inputValue()).resolves.toBe("unassessed");
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 360, height: 800 });
      expect(await sideways(page)).toBe(0);
      await screenshot(page, `people-review${view.replace(/\W+/g, "-")}360`);
      expect(problems).toEqual([]);
    }
  });

  it("prints within the narrower of A4 and Letter: team pages landscape, the rest portrait, the form with its picks", async () => {
    // printable widths at 96 px per inch, less base.css's 12 mm margins (as print.test.ts measures)
    const mm = 96 / 25.4;
    const widths = { portrait: (210 - 24) * mm, landscape: (279.4 - 24) * mm };
    const pages: [string, string, keyof typeof widths][] = [
      ["mia@example.com", "/team/", "landscape"],
      ["mia@example.com", "/team/by-team/", "landscape"],
      ["mia@example.com", `/assessments/${ids.assessment}/`, "portrait"],
      ["pat@example.com", `/people/${ids.pat}/assessments/self/`, "portrait"],
      ["pat@example.com", `/people/${ids.pat}/history/`, "portrait"],
    ];
    for (const [email, path, orientation] of pages) {
      const { page, problems } = await as(email, path, 1280);
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: Math.floor(widths[orientation]), height: 1000 });
      expect(await sideways(page), path).toBeLessThanOrEqual(1);
      if (path.endsWith("/self/")) {
        // the form is the page: its competencies print with what was picked
        await expect(page.locator("fieldset.competency-pick").first().isVisible()).resolves.toBe(true);
      }
      await screenshot(page, `people-review-print-${path.split("/").filter(Boolean).pop()}`);
      expect(problems).toEqual([]);
    }
  });
});
