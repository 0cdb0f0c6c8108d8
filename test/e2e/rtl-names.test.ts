/*
 * A name in right-to-left script keeps to its own place on a left-to-right page: every inline element that
 * shows one is isolated, its direction read from its own text as `<bdi>` would (base.css), so the punctuation
 * and numbers around it are not drawn into its run. Two Hebrew and Arabic level titles listed "A, B" with a
 * level number beside each still read left to right as A then B, each with its number on its own side.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { liveApp, watchedPage } from "./harness.js";

const ARCHITECT = "ארכיטקט 5";
const VP = "نائب 6";
const dir = mkdtempSync(join(tmpdir(), "rungs-rtl-names-"));
const framework = join(dir, "engineering");
cpSync(join(import.meta.dirname, "../../examples/engineering"), framework, { recursive: true });
const retitle = (file: string, from: string, to: string) => {
  const path = join(framework, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  writeFileSync(path, text.replace(from, to));
};
retitle("levels/ic.yaml", "title: Chief Architect", `title: "${ARCHITECT}"`);
retitle("levels/management.yaml", "title: VP of Engineering", `title: "${VP}"`);
const live = liveApp([framework]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("right-to-left names beside numbers and punctuation", () => {
  it("a list of two keeps its order, each name's number beside it", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    await page.goto(`${live.url}/frameworks/engineering/levels/cto/`);
    const follows = page.locator("dt:text-is('Follows') + dd");
    const boxes = await follows.locator("a").evaluateAll((links) =>
      links.map((a) => {
        const r = a.getBoundingClientRect();
        return { text: a.textContent, left: r.left, right: r.right };
      }),
    );
    expect(boxes.map((b) => b.text)).toEqual([ARCHITECT, VP]);
    const [first, second] = boxes as [(typeof boxes)[0], (typeof boxes)[0]];
    // the comma between them stays between them: the first listed is drawn first, to the left
    expect(first.right).toBeLessThanOrEqual(second.left);
    // each name is one right-to-left run with its number: the number is drawn at the name's left end, inside
    // the name's own box, never beyond the comma
    const digitLeft = await follows.locator("a").evaluateAll((links) =>
      links.map((a) => {
        const text = a.firstChild as Text;
        const range = document.createRange();
        const at = text.data.length - 1;
        range.setStart(text, at);
        range.setEnd(text, at + 1);
        const digit = range.getBoundingClientRect();
        const box = a.getBoundingClientRect();
        return digit.left - box.left;
      }),
    );
    for (const offset of digitLeft) expect(offset).toBeLessThan(2);
    expect(problems).toEqual([]);
  }, 60_000);
});
