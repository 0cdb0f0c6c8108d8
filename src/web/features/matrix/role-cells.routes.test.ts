/**
 * KNOWN GAP (issue 14 item 3, found by the "views" helper's audit): the competency matrix, the area matrix and
 * /api/frameworks/:fw/matrix show only the shared cell; what a role or role family writes of its own there
 * (format 2 `roles:` in a cell) appears on none of them. The level page, the role page, compare, search and
 * goals show it. Skipped, not deleted: the matrix's HTML is being rewritten (helper "render"), and the change
 * belongs there; remove `.skip` once the matrix renders a cell's role texts (as the level page's "For Mobile
 * engineer, also: …" does).
 */
import { describe, expect, it } from "vitest";
import { get, pathsApp } from "../../../../test/support/app.js";
import { elementById } from "../../../../test/support/html.js";

const { app } = await pathsApp(["test/fixtures/shapes/stepped-roles"]);
const MOBILE_OWN = "Accounts for releases that users install days later.";
const WEB_OWN = "Designs how the site degrades when a service is down.";

describe("role-specific cells in the matrices", () => {
  it.skip("the competency matrix shows each role's own text in its cell, saying whose and whether it replaces", async () => {
    const { body } = await get(app, "/frameworks/stepped-roles/matrix/");
    const e2 = elementById(body, "cell-systems--e2");
    expect(e2).toContain("For Mobile engineer");
    expect(e2).toContain(MOBILE_OWN);
    expect(e2).toContain("Keeps the service answering the app versions still installed.");
    const e3 = elementById(body, "cell-systems--e3");
    expect(e3).toContain("For Web engineer");
    expect(e3).toContain(WEB_OWN);
  });

  it.skip("the area matrix and the matrix JSON carry them too", async () => {
    const area = await get(app, "/frameworks/stepped-roles/areas/craft/");
    expect(elementById(area.body, "acell-systems--e2")).toContain(MOBILE_OWN);
    const json = await get(app, "/api/frameworks/stepped-roles/matrix");
    expect(json.body).toContain(MOBILE_OWN);
    expect(json.body).toContain(WEB_OWN);
  });
});
