/*
 * A name that is one long word (a framework's, a level's: a pasted identifier, a language written without
 * spaces) breaks where it must rather than widen the page: at 360 and 1280 px no page kind that shows it
 * scrolls sideways (base.css: the body's overflow-wrap).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { liveApp, sidewaysBy, watchedPage } from "./harness.js";

const LONG = "Unbreakablelongname".repeat(26); // 494 characters, no space
const dir = mkdtempSync(join(tmpdir(), "rungs-long-names-"));
const framework = join(dir, "engineering");
cpSync(join(import.meta.dirname, "../../examples/engineering"), framework, { recursive: true });
const rename = (file: string, from: RegExp) => {
  const path = join(framework, file);
  writeFileSync(
    path,
    readFileSync(path, "utf8").replace(from, (line) => line.replace(/name: .*/, `name: ${LONG}`)),
  );
};
rename("framework.yaml", /^name: .*$/m);
rename("levels/apex.yaml", /^ {4}name: .*$/m);
const live = liveApp([framework]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a name of one 494-character word", () => {
  it("widens no page at 360 or 1280 px", async () => {
    const { page, problems } = await watchedPage(live.browser, { reuse: true });
    const wide: string[] = [];
    for (const path of [
      "/",
      "/frameworks/engineering/",
      "/frameworks/engineering/levels/cto/",
      "/frameworks/engineering/matrix/",
    ]) {
      await page.goto(`${live.url}${path}`);
      await expect(page.getByText(LONG.slice(0, 40)).count()).resolves.toBeGreaterThan(0);
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        const sideways = await sidewaysBy(page);
        if (sideways > 0) wide.push(`${path} at ${width} px scrolls sideways by ${sideways} px`);
      }
    }
    expect(wide).toEqual([]);
    expect(problems).toEqual([]);
  }, 90_000);
});
