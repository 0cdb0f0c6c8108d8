/*
 * Charts and heatmaps with 60 competencies, in Chromium at 1280 and 360 px: Pat (on a 60-competency
 * framework) assesses themselves; the profile's radar and strip are sized to their content with readable
 * labels, cut labels carry their full text, and a phone gets a list instead of charts; the manager's team
 * heatmap names every person and competency in full somewhere a person can read it.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { writeWideFramework } from "../support/wide-framework.js";
import { axeViolations, checkPageKind, screenshot, seededServer, signInAs, watchedPage } from "./harness.js";

const PASSWORD = "a ladder of sixty rungs";

let patId = "";
let competencies: string[] = [];

const server = seededServer({
  name: "charts",
  password: PASSWORD,
  seed: async ({ store, add }, folder) => {
    competencies = writeWideFramework(join(folder, "wide")).competencies;
    await add({ name: "Ada Admin", email: "ada@example.com", admin: true });
    const mia = await add({
      name: "Mia Manager",
      email: "mia@example.com",
      framework: "wide",
      level: "guide",
    });
    const pat = await add({
      name: "Patricia Alexandra Montgomery-Villanueva",
      email: "pat@example.com",
      managerId: mia.id,
      framework: "wide",
      level: "builder",
    });
    patId = pat.id;
    const cycle = await store.cycles.create({ name: "Spring", startsOn: "2026-03-01", endsOn: "2026-12-31" });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.problems));
  },
  paths: (folder) => [join(folder, "wide")],
});

const signIn = (page: Page, email: string, next: string) =>
  signInAs(page, server.origin, { email, password: PASSWORD }, next);

/** The page does not scroll sideways (a chart or a table wider than the screen would make it). */
function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** A jagged set of picks: the level cycles with the competency, so the line goes up and down. */
const LEVELS = ["starter", "builder", "owner", "builder", "guide"];

describe("charts with 60 competencies", () => {
  it("profile and team heatmap at 1280 and 360 px", async () => {
    const { page: pat, problems } = await watchedPage(server.browser);
    await signIn(pat, "pat@example.com", `/people/${patId}/assessments/self/`);
    // the levels far from Pat's own are folded away: set the picks as the form would send them
    await pat.evaluate(
      ({ ids, levels }) => {
        ids.forEach((id, i) => {
          const radio = document.getElementById(`assess-${id}--${levels[i % levels.length]}`);
          if (radio instanceof HTMLInputElement) radio.checked = true;
        });
      },
      { ids: competencies, levels: LEVELS },
    );
    expect(await checkPageKind(pat, "assessment-form")).toEqual([]);
    await pat.getByRole("button", { name: "Submit" }).click();
    await pat.waitForURL(/\?done=submitted$/);
    await pat.goto(`${server.origin}/people/${patId}/profile/`);

    // a laptop: both charts drawn at (nearly) one unit per pixel, so 13-unit labels stay 11 px or more
    const scales = await pat
      .locator(".profile-chart svg")
      .evaluateAll((svgs) =>
        svgs.map((svg) => svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width),
      );
    expect(scales).toHaveLength(2);
    for (const scale of scales) expect(scale * 13).toBeGreaterThanOrEqual(11);
    await expect(noSidewaysScroll(pat)).resolves.toBe(true);
    // the radar names its six areas; every cut strip label carries the competency's whole name
    await expect(pat.locator(".radar text.area").allTextContents()).resolves.toHaveLength(6);
    const cut = await pat
      .locator(".strip text.competency")
      .evaluateAll((texts) =>
        texts
          .filter((t) => (t.textContent ?? "").includes("…"))
          .map((t) => t.querySelector("title")?.textContent ?? "(none)"),
      );
    expect(cut.length).toBeGreaterThan(0);
    expect(cut).toContain("Handling ambiguity when requirements shift mid-project (growth of others)");
    await expect(pat.locator(".profile-list").isVisible()).resolves.toBe(false);
    expect(await axeViolations(pat)).toEqual([]);
    await screenshot(pat, "profile-60-competencies");

    // a phone: the list instead of the charts, every competency by its whole name
    await pat.setViewportSize({ width: 360, height: 800 });
    await expect(pat.locator(".profile-charts").isVisible()).resolves.toBe(false);
    const names = await pat.locator(".profile-list li li .name").allTextContents();
    expect(names).toHaveLength(60);
    expect(names).toContain("Writing design proposals that others can build on (operations)");
    await expect(pat.locator(".profile-list li.gap-below").count()).resolves.toBeGreaterThan(0);
    await expect(noSidewaysScroll(pat)).resolves.toBe(true);
    await screenshot(pat, "profile-60-competencies-phone");

    // the manager's heatmap: a long name and the competency names are whole, or whole on hover
    const { page: mia, problems: miaProblems } = await watchedPage(server.browser);
    await signIn(mia, "mia@example.com", "/team/");
    const row = mia.locator(`#row-${patId} th[scope=row] a`);
    await expect(row.getAttribute("title")).resolves.toBe("Patricia Alexandra Montgomery-Villanueva");
    const headers = await mia
      .locator(".heatmap th.competency")
      .evaluateAll((ths) => ths.map((th) => th.getAttribute("title") ?? ""));
    expect(headers).toContain("Handling ambiguity when requirements shift mid-project (delivery)");
    expect(await axeViolations(mia)).toEqual([]);
    await screenshot(mia, "team-60-competencies");
    await mia.setViewportSize({ width: 360, height: 800 });
    // on a phone each row is a block: the name in full, on its own line
    await expect(row.evaluate((a) => a.scrollWidth <= a.clientWidth + 1)).resolves.toBe(true);
    await expect(row.isVisible()).resolves.toBe(true);
    await expect(noSidewaysScroll(mia)).resolves.toBe(true);
    await screenshot(mia, "team-60-competencies-phone");

    // the signed-in homes of a person and a manager, and the admin pages, as page kinds
    await pat.setViewportSize({ width: 1280, height: 900 });
    await pat.goto(`${server.origin}/home/`);
    // the home lists the largest gaps and leads to all of them
    await pat.getByRole("link", { name: /^All 36 gaps, and where to push next/ }).waitFor();
    expect(await checkPageKind(pat, "home")).toEqual([]);
    await mia.goto(`${server.origin}/home/`);
    await expect(mia.locator("body").textContent()).resolves.toContain("Patricia Alexandra");
    expect(await checkPageKind(mia, "home-manager")).toEqual([]);
    const { page: ada, problems: adaProblems } = await watchedPage(server.browser);
    await signIn(ada, "ada@example.com", "/admin/people/");
    expect(await checkPageKind(ada, "admin")).toEqual([]);
    expect(problems).toEqual([]);
    expect(miaProblems).toEqual([]);
    expect(adaProblems).toEqual([]);
  }, 400_000);
});
