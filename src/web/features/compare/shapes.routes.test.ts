/**
 * Comparing two levels of the format 2 shapes (test/fixtures/shapes/stepped-roles): the step each level
 * asks for, and what each role (or role family) writes of its own in a cell, compared row by row like the
 * shared cell: its text diffed, its criteria one by one, and "the shared expectation alone" on a level where
 * it writes nothing. The static site's in-browser compare reads the same halves (compare.js).
 */
import { describe, expect, it } from "vitest";
import { get, pathsApp } from "../../../../test/support/app.js";
import { elementById } from "../../../../test/support/html.js";
import { compareLevelHalves, type LevelCompareHalf } from "../../../core/views/compare.js";
import { HALVES_GLOBAL } from "./halves.js";

const { app } = await pathsApp(["test/fixtures/shapes/stepped-roles"]);
const PAIR = "/frameworks/stepped-roles/compare/e2/e3/";
const ROW = "area-craft-systems";

describe("compare two levels with steps and role cells", () => {
  it("the page has a row per role's own cell under the shared one, each side saying what it has", async () => {
    const res = await get(app, PAIR);
    expect(res.status).toBe(200);
    const table = elementById(res.body, "area-craft");
    const order = [ROW, `${ROW}--step`, `${ROW}--role-mobile`, `${ROW}--role-web`].map((id) =>
      table.indexOf(`id="${id}"`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const mobile = elementById(res.body, `${ROW}--role-mobile`);
    expect(mobile).toContain('<span class="cmp-role">For Mobile engineer</span>');
    expect(mobile).toContain("Accounts for releases that users install days later.");
    expect(mobile).toContain("Nothing of its own at Senior engineer: the shared expectation alone.");
    // its criteria, one by one: dropped at Senior engineer, where the role writes none
    const dropped = elementById(res.body, `${ROW}--role-mobile--crit-old-clients`);
    expect(dropped).toContain("(dropped)");
    // named as the level page numbers it and goals quote it ("criterion 1"), not by the file's id
    expect(dropped).toContain('<span class="cmp-criterion-label">Criterion 1</span>');

    const web = elementById(res.body, `${ROW}--role-web`);
    expect(web).toContain("Nothing of its own at Engineer II: the shared expectation alone.");
    expect(web).toContain("In place of the shared expectation: ");
    expect(web).toContain("Designs how the site degrades when a service is down.");
    expect(elementById(res.body, `${ROW}--role-web--step`)).toContain("<bdi>Leading</bdi> (step 3 of 4)");
    expect(elementById(res.body, `${ROW}--role-web--crit-1`)).toContain("(new)");
    expect(elementById(res.body, `${ROW}--step`)).toMatch(
      /Doing<\/bdi> \(step 2 of 4\)[\s\S]*Leading<\/bdi> \(step 3 of 4\)/,
    );
  });

  it("the JSON and the static site's halves give the same comparison", async () => {
    const data = JSON.parse((await get(app, "/api/frameworks/stepped-roles/compare/e2/e3")).body);
    const systems = data.areas[0].competencies.find((c: { id: string }) => c.id === "systems");
    expect(systems.roles.map((r: { role: { id: string } }) => r.role.id)).toEqual(["mobile", "web"]);
    expect(systems.roles[1]).toMatchObject({
      replace: { a: false, b: true },
      a: { spans: true, shared: true },
      b: { spans: true, text: "Designs how the site degrades when a service is down." },
    });

    const halves = new Map<string, LevelCompareHalf>();
    for (const level of ["e2", "e3"]) {
      const script = (await get(app, `/frameworks/stepped-roles/levels/${level}/compare.js`)).body;
      const globals = { [HALVES_GLOBAL]: undefined as Map<string, LevelCompareHalf> | undefined };
      new Function("globalThis", script)(globals);
      const half = globals[HALVES_GLOBAL]?.get(`stepped-roles/${level}`);
      if (half) halves.set(level, half);
    }
    const [ha, hb] = [halves.get("e2"), halves.get("e3")];
    if (!ha || !hb) throw new Error("no halves");
    expect(JSON.parse(JSON.stringify(compareLevelHalves(ha, hb)))).toEqual(data);
  });

  it("two roles: each cell where either has its own, as each reads it, level by level", async () => {
    const res = await get(app, "/frameworks/stepped-roles/compare-roles/mobile/web/");
    expect(res.status).toBe(200);
    const e2 = elementById(res.body, "own-e2-systems");
    // Mobile's own words are only on its side; Web reads the shared expectation alone there
    expect(e2).toMatch(
      /<del><span class="visually-hidden">\[only in Mobile engineer: <\/span>Accounts for releases/,
    );
    expect(elementById(res.body, "own-e2-systems--crit-old-clients")).toContain("(dropped)");
    const e3 = elementById(res.body, "own-e3-systems");
    expect(e3).toContain("site degrades");
    expect(res.body).not.toContain('id="own-e1');
    const data = JSON.parse(
      (await get(app, "/api/frameworks/stepped-roles/compare-roles/mobile/backend")).body,
    );
    expect(data.levels.map((l: { own?: unknown[] }) => l.own?.length ?? 0)).toEqual([0, 1, 0]);
  });
});
