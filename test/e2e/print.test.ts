import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { liveApp, SCREENSHOTS, watchedPage } from "./harness.js";

const live = liveApp();

// Printable width at 96 px per inch: A4 is 210 mm and Letter 8.5 in, less 2 × 12 mm margins (base.css @page).
const MM = 96 / 25.4;
const PAPER = {
  A4: { portrait: (210 - 24) * MM, landscape: (297 - 24) * MM },
  Letter: { portrait: (215.9 - 24) * MM, landscape: (279.4 - 24) * MM },
};

const PAGES: [string, string, boolean][] = [
  ["home", "/", false],
  ["overview", "/frameworks/engineering/", false],
  ["level", "/frameworks/engineering/levels/senior/", false],
  ["matrix", "/frameworks/engineering/matrix/", true],
  ["area", "/frameworks/engineering/areas/craft/", true],
  ["role", "/frameworks/engineering/roles/backend-engineer/?level=senior", false],
  ["compare", "/frameworks/engineering/compare/senior/lead/", false],
  ["compare-roles", "/frameworks/engineering/compare-roles/backend-engineer/frontend-engineer/", false],
  ["search", "/search/?q=incident", false],
];

describe("print layout on A4 and Letter", () => {
  for (const [name, path, landscape] of PAGES) {
    it(`${name} fits the printable width ${landscape ? "in landscape" : "in portrait"} and prints to PDF`, async () => {
      const { page, problems } = await watchedPage(live.browser, { reuse: true });
      await page.goto(`${live.url}${path}`);
      await page.emulateMedia({ media: "print" });
      for (const [paper, sizes] of Object.entries(PAPER)) {
        const width = Math.floor(landscape ? sizes.landscape : sizes.portrait);
        await page.setViewportSize({ width, height: 1000 });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${paper} ${name}`).toBeLessThanOrEqual(1);
        const hidden = await page.evaluate(
          () => getComputedStyle(document.querySelector("header.site") as Element).display,
        );
        expect(hidden).toBe("none");
      }
      mkdirSync(join(SCREENSHOTS, "..", "print"), { recursive: true });
      const pdf = await page.pdf({
        path: join(SCREENSHOTS, "..", "print", `${name}.pdf`),
        format: "A4",
        preferCSSPageSize: true,
      });
      expect(pdf.length).toBeGreaterThan(1000);
      expect(problems).toEqual([]);
    });
  }
});
