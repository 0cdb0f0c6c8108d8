/**
 * The mirror on format 2 frameworks in Chromium (issue 14, item 3): where a competency's cells are criteria
 * lists, the reader ticks the criteria they have shown and a level counts as reached when all its criteria
 * are ticked (a carried criterion is one tick wherever it appears); where a competency has a scale, the
 * reader picks a step in its header. Keyboard only, kept in the hash, gaps to the target, at 1280 and 360 px.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, liveApp, screenshot, watchedPage } from "./harness.js";

const live = liveApp(["test/fixtures/shapes/criteria-lists", "test/fixtures/shapes/stepped-roles"]);

/** Presses Tab until the focused element matches `selector` (keyboard only). */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const tick = (key: string) => `input[data-mirror-tick="${key}"]`;
const hash = (page: Page) => decodeURIComponent(new URL(page.url()).hash);

async function noPageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe("mirror with criteria and steps in Chromium", () => {
  it("ticks criteria by keyboard: all of a level's criteria reach it, carried ones tick together", {
    timeout: 90_000,
  }, async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/criteria-lists/matrix/`);
    await page.locator(tick("code-quality/l1/readable")).first().waitFor();
    // criteria cells get checkboxes, not a radio to pick the whole cell
    expect(await page.locator("input[name=mirror-code-quality]").count()).toBe(0);
    await page.locator("#competency-code-quality a").focus();
    for (const key of ["l1/readable", "l1/tested", "l2/readable"]) {
      await tabTo(page, tick(`code-quality/${key}`));
      await page.keyboard.press("Space");
    }
    // Engineer 2 is not reached until its second criterion is ticked too
    expect(await page.locator("#cell-code-quality--l1").getAttribute("class")).toContain("is-picked");
    expect(await page.locator("#cell-code-quality--l2").getAttribute("class")).not.toContain("is-picked");
    await tabTo(page, tick("code-quality/l2/tested"));
    await page.keyboard.press("Space");
    expect(await page.locator("#cell-code-quality--l2").getAttribute("class")).toContain("is-picked");
    expect(await page.locator("#cell-code-quality--l1").getAttribute("class")).not.toContain("is-picked");

    // Senior 3a carries Engineer 2's criteria forward: they show as ticked there, its own one is not
    const carried = page.locator(`#cell-code-quality--l3a ${tick("code-quality/l2/readable")}`);
    expect(await carried.isChecked()).toBe(true);
    await expect(page.locator("#cell-code-quality--l3a .mirror-tally").textContent()).resolves.toBe(
      "2 of 3 shown",
    );
    // the hash follows the page's change handler, which may run after the key press has returned
    await expect
      .poll(() => hash(page))
      .toBe(
        "#tick=code-quality/l1/readable,code-quality/l1/tested,code-quality/l2/readable,code-quality/l2/tested",
      );

    // the target is the level after the place; the gap lists only what is still to show there
    expect(await page.locator("#mirror-target").inputValue()).toBe("l3a");
    const gap = page.locator("#mirror-summary ol.mirror-gaps > li");
    expect(await gap.count()).toBe(1);
    await expect(gap.textContent()).resolves.toContain(
      "the criteria you ticked reach Engineer 2, 1 level below Senior 3a",
    );
    expect(await gap.locator(".mirror-open-criteria li").allTextContents()).toEqual([
      "Proposes a team convention and writes it down.",
    ]);
    await expect(page.locator("#mirror-summary").textContent()).resolves.toContain(
      "Not picked yet: Shipping",
    );
    expect(await page.locator("svg.mirror-line circle").count()).toBe(1);

    // unticking a carried criterion where it is carried unticks it at its own level too
    await carried.uncheck();
    expect(await page.locator(`#cell-code-quality--l2 ${tick("code-quality/l2/readable")}`).isChecked()).toBe(
      false,
    );
    expect(await page.locator("#cell-code-quality--l1").getAttribute("class")).toContain("is-picked");
    await carried.check();

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "mirror-criteria");
    await page.reload();
    await page
      .locator(`${tick("code-quality/l2/tested")}:checked`)
      .first()
      .waitFor();
    expect(await page.locator("#cell-code-quality--l2").getAttribute("class")).toContain("is-picked");
    expect(problems).toEqual([]);
  });

  it("picks a step of a competency's scale by keyboard; the step places the reader at a level", {
    timeout: 90_000,
  }, async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/stepped-roles/matrix/`);
    const systems = page.locator("select[data-mirror-step=systems]");
    await systems.waitFor();
    expect(await systems.locator("option").allTextContents()).toEqual([
      "Your proficiency…",
      "Learning",
      "Doing",
      "Leading",
      "Shaping",
    ]);
    await page.locator("#competency-systems a").focus();
    await tabTo(page, "select[data-mirror-step=systems]");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await systems.inputValue()).toBe("doing");
    await tabTo(page, "select[data-mirror-step=operations]");
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown");
    // the hash follows the page's change handler, which may run after the key press has returned
    await expect.poll(() => hash(page)).toBe("#step=systems:doing,operations:shaping");

    // Doing is what Engineer II asks; Shaping is above every level's ask, so the highest one (Senior)
    expect(await page.locator("#cell-systems--e2").getAttribute("class")).toContain("is-picked");
    expect(await page.locator("#cell-operations--e3").getAttribute("class")).toContain("is-picked");
    expect(await page.locator("#mirror-target").inputValue()).toBe("e3");
    const gap = page.locator("#mirror-summary ol.mirror-gaps > li");
    await expect(gap.textContent()).resolves.toContain(
      "your step Doing places you at Engineer II, 1 level below Senior engineer",
    );
    await expect(gap.locator(".mirror-asks").textContent()).resolves.toBe(
      "Senior engineer asks for Leading.",
    );
    await expect(page.locator("#mirror-summary .mirror-strengths").textContent()).resolves.toContain(
      "Operations: Senior engineer (step Shaping), at the target",
    );
    expect(await page.locator("svg.mirror-line circle").count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    expect(await page.locator("select[data-mirror-step=operations]").inputValue()).toBe("shaping");
    await page.locator("select[data-mirror-step=systems]").selectOption("");
    // the hash follows the page's change handler, which may run after the key press has returned
    await expect.poll(() => hash(page)).toBe("#step=operations:shaping");
    expect(problems).toEqual([]);
  });

  it("both kinds work at 360 px: the controls fit, the page never scrolls sideways", {
    timeout: 90_000,
  }, async () => {
    const { page, problems } = await watchedPage(live.browser, { width: 360, height: 800, reuse: true });
    await page.goto(`${live.url}/frameworks/stepped-roles/matrix/#step=systems:leading`);
    const select = page.locator("select[data-mirror-step=systems]");
    expect(await select.inputValue()).toBe("leading");
    const [head, box] = await Promise.all([
      page.locator("#competency-systems").boundingBox(),
      select.boundingBox(),
    ]);
    // the select stays inside its header cell
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual((head?.x ?? 0) + (head?.width ?? 0) + 1);
    expect(await noPageOverflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${live.url}/frameworks/criteria-lists/matrix/#tick=shipping/l1/l1-1`);
    expect(await page.locator("#cell-shipping--l1").getAttribute("class")).toContain("is-picked");
    await page.locator(tick("shipping/l2/l2-1")).check();
    expect(await page.locator("#cell-shipping--l2").getAttribute("class")).toContain("is-picked");
    expect(await noPageOverflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "mirror-criteria-mobile");
    expect(problems).toEqual([]);
  });
});
