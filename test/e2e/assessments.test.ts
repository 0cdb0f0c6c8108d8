/*
 * The assessment cycle in Chromium against the built `rungs serve`: Pat assesses themselves (a reload half-way
 * keeps the draft), submits; Mia, their manager, assesses them; they agree the final picks on the review page;
 * Pat's profile draws the jagged line and Pat keeps a goal. On SQLite only: the same steps through the routes
 * run on SQLite and PostgreSQL in src/web/features/assessments/assessments.routes.test.ts, and `rungs serve`
 * over DATABASE_URL in test/serve-cli.test.ts; what the browser adds (the islands, autosave, keyboard) does
 * not depend on the database, and repeating it on PostgreSQL doubled the file's time.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  axeViolations,
  draftSavedWith,
  SCREENSHOTS,
  screenshot,
  seededServer,
  signedInPage,
} from "./harness.js";

const PASSWORD = "copper kettle over the hill";
let patId = "";
let miaId = "";

const server = seededServer({
  name: "assess",
  password: PASSWORD,
  seed: async ({ store, add }) => {
    await add({ name: "Ada Admin", email: "ada@example.com", admin: true });
    const mia = await add({
      name: "Mia Manager",
      email: "mia@example.com",
      framework: "engineering",
      level: "manager",
    });
    miaId = mia.id;
    const pat = await add({
      name: "Pat Person",
      email: "pat@example.com",
      managerId: mia.id,
      framework: "engineering",
      level: "mid",
    });
    patId = pat.id;
    const cycle = await store.cycles.create({
      name: "Autumn 2026",
      startsOn: "2026-09-01",
      endsOn: "2026-12-31",
    });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.problems));
  },
});

/** `email`'s page on `next`: signed in by the first test that asks, still signed in for the next. */
const signedIn = (email: string, next: string) =>
  signedInPage(server.browser, server.origin, { email, password: PASSWORD }, next);

/**
 * Picks `level` in every competency that offers it (else its first level), as a person clicking would. The
 * page must have loaded (waitForURL): counted while it is still being parsed, the fieldsets are too few. Which
 * radio to pick is read from the page at once (asked for fieldset by fieldset, that was four round trips per
 * competency); each is then clicked as a person would.
 */
async function pickEverywhere(page: Page, level: string, except: Record<string, string> = {}) {
  const radios = await page.locator("fieldset.competency-pick").evaluateAll(
    (fieldsets, { level, except }) =>
      fieldsets.map((fieldset) => {
        const id = fieldset.id.replace("assess-pick-", "");
        const wanted = Object.hasOwn(except, id) ? except[id] : level;
        const radio =
          fieldset.querySelector(`input[type=radio][value="${wanted}"]`) ??
          fieldset.querySelector("input[type=radio]");
        return radio?.id ?? "";
      }),
    { level, except },
  );
  for (const id of radios) await page.locator(`[id="${id}"]`).check();
}

describe("assessments in Chromium", () => {
  it("self-assessment with a reload, manager assessment, agreement, profile, a kept goal", async () => {
    const origin = server.origin;
    // axe-core and the pictures: a state each, at 1,280 px; the review, a page kind no other test checks,
    // at 360 px too
    const { page: pat, problems: patProblems } = await signedIn("pat@example.com", "/assessments/");
    await expect(pat.getByRole("status").first().textContent()).resolves.toContain("Autumn 2026");
    await pat.getByRole("link", { name: "Start" }).click();
    await pat.waitForURL(`${origin}/people/${patId}/assessments/self/`);
    await expect(pat.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("My self-assessment");

    // progress and sections at the top; the levels around Pat's own first, the rest one click away; of the
    // 19 competencies, the trunk Pat is on asks nothing of organisation design: apart, optional, not counted
    const progress = pat.locator(".assess-progress");
    await expect(progress.textContent()).resolves.toMatch(/^\s*0 of 18 answered$/);
    await expect(pat.locator("section.assess-optional #assess-pick-org-design").count()).resolves.toBe(1);
    await expect(pat.locator("nav.assess-sections a").count()).resolves.toBeGreaterThan(2);
    await expect(pat.locator("#assess-code-quality--cto").isVisible()).resolves.toBe(false);
    await pat.locator("#assess-pick-code-quality details.more-levels > summary").focus();
    await pat.keyboard.press("Enter");
    await expect(pat.locator("#assess-code-quality--cto").isVisible()).resolves.toBe(true);
    // by keyboard: the first level of code quality, then arrow keys move the pick within the competency
    await pat.locator("#assess-code-quality--junior").focus();
    await pat.keyboard.press("ArrowDown");
    await expect(pat.locator("#assess-code-quality--mid").isChecked()).resolves.toBe(true);

    // two picks and some evidence, saved by the page itself; then a reload keeps them
    await pat.locator("#assess-code-quality--senior").check();
    await pat.locator("#assess-testing-reliability--mid").check();
    await expect(progress.textContent()).resolves.toMatch(/^\s*2 of 18 answered$/);
    await pat.locator("#assess-org-design--manager").check();
    await expect(progress.textContent()).resolves.toMatch(/^\s*2 of 18 answered$/);
    await pat.locator("#assess-org-design--none").check();
    const saved = draftSavedWith(pat, "Led the review guild this year.");
    await pat.locator("#assess-evidence-code-quality").fill("Led the review guild this year.");
    await saved;
    await pat.locator(".autosave-status", { hasText: "Draft saved" }).waitFor({ timeout: 10_000 });
    await pat.reload();
    await expect(pat.locator("#assess-code-quality--senior").isChecked()).resolves.toBe(true);
    await expect(pat.locator("#assess-testing-reliability--mid").isChecked()).resolves.toBe(true);
    await expect(pat.locator("#assess-evidence-code-quality").inputValue()).resolves.toBe(
      "Led the review guild this year.",
    );
    // a draft restored (the form as loaded, 60 competencies of it: charts.test.ts)
    expect(await axeViolations(pat)).toEqual([]);
    // the top of the form as a person first sees it (the whole form is very long)
    await pat.evaluate(() => window.scrollTo(0, 0));
    await pat.screenshot({ path: join(SCREENSHOTS, "assessment-form.png") });
    await pat.setViewportSize({ width: 360, height: 800 });
    await pat.screenshot({ path: join(SCREENSHOTS, "assessment-form-phone.png") });
    await pat.setViewportSize({ width: 1280, height: 900 });

    // nothing submitted yet: the profile says in plain words it reads the draft, and the empty history
    // offers the way to begin (it was a dead end)
    await pat.goto(`${origin}/people/${patId}/profile/`);
    await expect(
      pat.getByText(/^From your self-assessment draft \(not submitted yet\)\. Current level: Mid\./).count(),
    ).resolves.toBe(1);
    await pat.goto(`${origin}/people/${patId}/history/`);
    await expect(pat.getByText("No submitted assessments yet.").count()).resolves.toBe(1);
    await pat.getByRole("link", { name: "Assess yourself" }).click();
    await pat.waitForURL(`${origin}/people/${patId}/assessments/self/`);

    await pickEverywhere(pat, "mid", { "code-quality": "senior", "system-design": "junior" });
    await pat.getByRole("button", { name: "Submit" }).click();
    await pat.waitForURL(/\/assessments\/[\w-]+\/\?done=submitted$/);
    await expect(pat.getByRole("status").textContent()).resolves.toContain("Submitted");

    // the manager
    const { page: mia, problems: miaProblems } = await signedIn("mia@example.com", "/assessments/");
    await mia.locator(`#report-${patId}`).getByRole("link", { name: "Assess" }).click();
    // the whole form, not its first part: a long page is parsed in chunks, and picks made before the last
    // fieldset arrived left competencies unpicked, so Submit was refused and the page stayed (a CI flake)
    await mia.waitForURL(`${origin}/people/${patId}/assessments/manager/`);
    await expect(mia.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Assessing Pat Person");
    await expect(
      mia.locator("fieldset#assess-pick-code-quality li.current .badge").textContent(),
    ).resolves.toBe("their level");
    await pickEverywhere(mia, "mid", { "system-design": "junior" });
    await mia.getByRole("button", { name: "Submit" }).click();
    await mia.waitForURL(/\/assessments\/[\w-]+\/\?done=submitted$/);

    // side by side: one disagreement, agreed at Senior
    await mia.goto(`${origin}/people/${patId}/review/`);
    await expect(mia.locator(".lede").textContent()).resolves.toContain("They differ in 1 of");
    const row = mia.locator("tr#review-code-quality");
    await expect(row.getAttribute("class")).resolves.toBe("disagree");
    // the agreed choice offers only the levels code quality has: no Director, whose pick would be refused
    const agreed = mia.getByLabel("Agreed level for Code & design quality");
    const offered = await agreed
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toContain("senior");
    expect(offered).not.toContain("director");
    // Pat's evidence beside Pat's pick
    await expect(row.locator(".evidence-self").textContent()).resolves.toContain("Led the review guild");
    await agreed.selectOption("senior");
    expect(await axeViolations(mia)).toEqual([]);
    await screenshot(mia, "assessment-review");
    await mia.setViewportSize({ width: 360, height: 800 });
    expect(await axeViolations(mia)).toEqual([]);
    await screenshot(mia, "assessment-review-phone");
    await mia.setViewportSize({ width: 1280, height: 900 });
    await mia.getByRole("button", { name: "Record as agreed" }).click();
    await expect(mia.getByRole("status").textContent()).resolves.toContain("agreed assessment is recorded");

    // Pat's profile from the agreed assessment: the jagged line, gaps, and a goal kept
    await pat.goto(`${origin}/people/${patId}/profile/`);
    await expect(pat.locator("p.meta").first().textContent()).resolves.toContain(
      "From the agreed assessment, the latest of record",
    );
    await expect(pat.locator("svg path.series.pick").count()).resolves.toBeGreaterThan(0);
    await expect(pat.locator("#gap-system-design").textContent()).resolves.toContain(
      "Junior, 2 levels below",
    );
    await pat.getByRole("button", { name: "Keep this goal (goal 1)" }).click();
    // the form posts and is redirected back: the list is read from the page it lands on, loaded (read at
    // once after the click, it was the page before it under CI's load, and held no goal yet)
    await pat.waitForURL(/done=goal-saved#kept-goals$/);
    await expect(pat.locator("ul.kept-goals li").count()).resolves.toBe(1);
    await expect(pat.locator("ul.kept-goals").textContent()).resolves.toContain("System design");
    // a goal kept (the profile as loaded, at both widths: carried.test.ts)
    expect(await axeViolations(pat)).toEqual([]);
    await screenshot(pat, "profile-with-goal");

    // Pat's home: level, the agreed assessment's largest gaps to Senior, the goal just kept
    await pat.getByRole("link", { name: "My home" }).click();
    await expect(pat.locator("#standing").textContent()).resolves.toContain("Towards Senior");
    await expect(pat.locator("#goals ul.home-goals li").count()).resolves.toBe(1);
    // with a goal (the home as loaded, at both widths: charts.test.ts)
    expect(await axeViolations(pat)).toEqual([]);
    await screenshot(pat, "home-with-goal");
    await pat.setViewportSize({ width: 360, height: 800 });
    await screenshot(pat, "home-phone");

    // the manager's team view has Pat's row
    await mia.goto(`${origin}/team/`);
    await expect(mia.locator("body").textContent()).resolves.toContain("Pat Person");
    await screenshot(mia, "team-heatmap");

    expect(patProblems).toEqual([]);
    expect(miaProblems).toEqual([]);
  }, 180_000);

  it("Submit straight after a pick waits for the autosave in flight instead of meeting it as a conflict", async () => {
    const { page: mia, problems } = await signedIn("mia@example.com", `/people/${miaId}/assessments/self/`);
    // the autosave reaches the server at once, but its answer (the new version) comes back late
    let saves = 0;
    await mia.route("**/api/people/*/assessments/self/draft", async (route) => {
      const response = await route.fetch();
      saves++;
      await new Promise((r) => setTimeout(r, 1_500));
      await route.fulfill({ response });
    });
    await pickEverywhere(mia, "manager");
    // one more change, and the Submit while its save is on the way
    const put = mia.waitForRequest(
      (r) => r.method() === "PUT" && r.url().endsWith("/assessments/self/draft"),
    );
    await mia.locator("fieldset.competency-pick").first().locator("input[type=radio]").first().check();
    await put;
    await mia.getByRole("button", { name: "Submit" }).click();
    await mia.waitForURL(/\/assessments\/[\w-]+\/\?done=submitted$/);
    expect(saves).toBeGreaterThan(0);
    await expect(mia.getByRole("status").textContent()).resolves.toContain("Submitted");
    expect(problems).toEqual([]);
  }, 60_000);
});
