/**
 * The five seed documents (../shared/seeds, issue 14): each bundled example in the shape of one seed, served
 * by the app, shows every section of its seed (the checks are in seed-sections.ts; static-seeds.test.ts runs
 * them on the static site), with axe-core on every page visited. One server over the five examples for the file.
 */
import { describe, expect, it } from "vitest";
import { axeViolations, liveApp, screenshot, watchedPage } from "./harness.js";
import { SEED_CHECKS, SEED_EXAMPLES } from "./seed-sections.js";

const live = liveApp(SEED_EXAMPLES);

describe("every section of every seed, rendered", () => {
  for (const seed of SEED_CHECKS) {
    it(seed.name, { timeout: 90_000 }, async () => {
      const { page, problems } = await watchedPage(live.browser, { reuse: true, width: seed.width ?? 1280 });
      // goto waits for the load event, so the islands (deferred scripts) have run; on the app they fetch nothing
      const go = async (path: string) => {
        await page.goto(`${live.url}${path}`);
      };
      await go(seed.path);
      await seed.check(
        page,
        go,
        async (name) => {
          await screenshot(page, name);
        },
        async () => expect(await axeViolations(page)).toEqual([]),
      );
      expect(problems).toEqual([]);
    });
  }
});
