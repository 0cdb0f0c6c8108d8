/** A goal page with more goals than one page should hold is in parts, one per area (areas.tsx). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleApp, get, pathsApp } from "../../../../test/support/app.js";
import { writeWideFramework } from "../../../../test/support/wide-framework.js";
import { goalsForLevel } from "../../../core/goals.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import type { App } from "../../context.js";
import { sitePaths } from "../../site-map.js";
import { GOALS_PER_PAGE } from "./areas.js";

const PAGE = "/frameworks/wide/levels/builder/goals/";
const goalIds = (body: string) => [...body.matchAll(/<article class="goal" id="([^"]+)"/g)].map((m) => m[1]);

describe("a goal page in parts", () => {
  let dir: string;
  let app: App;
  let registry: FrameworkRegistry;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rungs-goal-parts-"));
    // 6 areas × 20 competencies: 120 goals of each of the four kinds, over GOALS_PER_PAGE
    writeWideFramework(join(dir, "wide"), 6, 20);
    ({ app, registry } = await pathsApp([join(dir, "wide")]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists its areas and holds every goal once across their pages, numbered as in the whole", async () => {
    const index = registry.get("wide")?.index;
    if (!index) throw new Error("wide not loaded");
    const whole = goalsForLevel(index, "builder");
    const all = whole.sections.flatMap((s) => s.groups.flatMap((g) => g.goals.map((goal) => goal.id)));
    expect(all.length).toBeGreaterThan(GOALS_PER_PAGE);

    const page = await get(app, PAGE);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h2 id="goals-areas-h">Goals by area</h2>');
    // every goal of the generated framework is about a competency: none stays on the page itself
    expect(goalIds(page.body)).toEqual([]);
    // the text file stays whole
    expect(page.body).toContain('href="/frameworks/wide/levels/builder/goals/goals.txt"');
    const areaLinks = [
      ...page.body.matchAll(/href="(\/frameworks\/wide\/levels\/builder\/goals\/areas\/[^"]+)"/g),
    ];
    expect(areaLinks.map((m) => m[1])).toEqual(
      index.areas.size ? [...index.areas.keys()].map((a) => `${PAGE}areas/${a}/`) : [],
    );

    const seen: string[] = [];
    for (const [, href = ""] of areaLinks) {
      const part = await get(app, href);
      expect(part.status).toBe(200);
      expect(part.body).toMatch(/<h1>Goals at <bdi>Builder<\/bdi>: <bdi>[^<]+<\/bdi><\/h1>/);
      expect(part.body).toContain('<span aria-current="page">');
      // each part is a fraction of the whole: 20 competencies × 4 kinds
      expect(goalIds(part.body)).toHaveLength(80);
      seen.push(...goalIds(part.body).map((id) => id ?? ""));
    }
    expect(seen.sort()).toEqual([...all].sort());
  });

  it("answers 404 for an area it has no part for, and a whole page has no parts", async () => {
    const unknown = await get(app, `${PAGE}areas/no-such-area/`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain("There is no area &quot;no-such-area&quot; among these goals.");
    const small = await exampleApp();
    const engineering = await get(small.app, "/frameworks/engineering/levels/senior/goals/");
    expect(engineering.body).not.toContain("Goals by area");
    const none = await get(small.app, "/frameworks/engineering/levels/senior/goals/areas/delivery/");
    expect(none.status).toBe(404);
    expect(none.body).toContain("These goals are all on one page.");
  });

  it("is built: the static site lists each part's page", () => {
    const paths = sitePaths(registry, []);
    for (const area of ["area-1", "area-6"]) expect(paths).toContain(`${PAGE}areas/${area}/`);
  });
});
