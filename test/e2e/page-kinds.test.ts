/*
 * Every public page kind at 1280 and 360 px, with axe-core and the sideways check: ladder, level, matrix,
 * mirror, role, compare, compare roles and search. The first screen of each is kept as a picture
 * (test-results/screenshots/<kind>-<width>-top.png, kept by CI) from which scripts/readme-screenshots.ts
 * updates the README's. The signed-in kinds (assessment form, review, profile, team, home, admin) are
 * checked the same way where their data is made: assessments.test.ts and charts.test.ts.
 */
import { describe, expect, it } from "vitest";
import { checkPageKind, liveApp, watchedPage } from "./harness.js";

const live = liveApp();

const KINDS: [name: string, path: string][] = [
  ["ladder", "/frameworks/engineering/"],
  ["level", "/frameworks/engineering/levels/senior/"],
  ["matrix", "/frameworks/engineering/matrix/"],
  [
    "mirror",
    "/frameworks/engineering/matrix/#pick=code-quality:senior,testing-reliability:mid,system-design:senior,problem-framing:mid&target=lead",
  ],
  ["role", "/frameworks/engineering/roles/backend-engineer/?level=senior"],
  ["compare", "/frameworks/engineering/compare/senior/lead/"],
  ["compare-roles", "/frameworks/engineering/compare-roles/backend-engineer/frontend-engineer/"],
  ["search", "/search/?q=review"],
];

describe("every public page kind at 1280 and 360 px", () => {
  for (const [name, path] of KINDS)
    it(`${name}: no serious axe violations at either width`, async () => {
      const { page, problems } = await watchedPage(live.browser, { reuse: true });
      // goto waits for the load event, so the islands (deferred scripts) have run; on the app they fetch nothing
      await page.goto(`${live.url}${path}`);
      await expect(page.locator("h1").count()).resolves.toBe(1);
      expect(await checkPageKind(page, name)).toEqual([]);
      expect(problems).toEqual([]);
    }, 90_000);
});
