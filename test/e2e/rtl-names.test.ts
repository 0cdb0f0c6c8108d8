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
import { liveApp, seededServer, signInAs, watchedPage } from "./harness.js";

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

/*
 * A name that holds a right-to-left override (U+202E) keeps it to itself: the name is in <bdi> (or between
 * U+2068 and U+2069 where the context is plain text), so the sentence after it is drawn in its own order.
 * Cycle names take any printable text, so an override can reach a page through one.
 */
const OVERRIDDEN = "\u202eReview round";
const seeded = seededServer({
  name: "bidi-override",
  password: "isolated names stay put",
  seed: async ({ store, add }) => {
    await add({ name: "Ola Owner", email: "ola@example.com", framework: "engineering", level: "senior" });
    const cycle = await store.cycles.create({
      name: OVERRIDDEN,
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
    });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.problems));
  },
});

describe("a name with a right-to-left override", () => {
  it("is isolated: the words after it on the same line keep their order", async () => {
    const context = await seeded.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInAs(
      page,
      seeded.origin,
      { email: "ola@example.com", password: "isolated names stay put" },
      "/home/",
    );
    const line = page.locator("#next p").first();
    expect(await line.locator("bdi").textContent()).toBe(OVERRIDDEN);
    // where each word of the sentence after the name is drawn: left to right, in the order it is written
    const lefts = await line.evaluate((p) => {
      const text = p.textContent ?? "";
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if (!node.parentElement?.closest("bdi")) nodes.push(node as Text);
      const at = (word: string) => {
        for (const node of nodes) {
          const i = node.data.indexOf(word);
          if (i < 0) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + word.length);
          return range.getBoundingClientRect().left;
        }
        throw new Error(`no "${word}" in ${text}`);
      };
      return ["The", "cycle", "is", "open."].map(at);
    });
    expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
    await context.close();
  }, 60_000);
});
