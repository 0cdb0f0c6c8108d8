/**
 * What a role or role family writes of its own in a cell (format 2 `roles:`) on the competency matrix, the
 * area matrix and /api/frameworks/:fw/matrix (test/fixtures/shapes/stepped-roles): the mobile discipline
 * adds to Systems thinking at Engineer II, the web discipline replaces it at Senior engineer. Without a role
 * every role's own text is shown under the shared one, as on the level page; ?role= narrows each cell to
 * what that role reads, and the mirror's link to goals carries the role.
 */
import { describe, expect, it } from "vitest";
import { get, pathsApp } from "../../../../test/support/app.js";
import { elementById } from "../../../../test/support/html.js";

const { app } = await pathsApp(["test/fixtures/shapes/stepped-roles"]);
const PAGE = "/frameworks/stepped-roles/matrix/";
const API = "/api/frameworks/stepped-roles/matrix";
const MOBILE_OWN = "Accounts for releases that users install days later.";
const MOBILE_CRITERION = "Keeps the service answering the app versions still installed.";
const WEB_OWN = "Designs how the site degrades when a service is down.";
const SHARED_E2 = "Traces a request end to end before changing its path.";
const SHARED_E3 = "Designs how a group of services fail and recover.";

describe("role-specific cells in the matrices", () => {
  it("the competency matrix shows each role's own text in its cell, saying whose and whether it replaces", async () => {
    const { body } = await get(app, PAGE);
    const e2 = elementById(body, "cell-systems--e2");
    expect(e2).toContain(SHARED_E2);
    expect(e2).toContain("For <bdi>Mobile engineer</bdi>, also:");
    expect(e2).toContain(MOBILE_OWN);
    expect(e2).toContain(MOBILE_CRITERION);
    const e3 = elementById(body, "cell-systems--e3");
    expect(e3).toContain(SHARED_E3);
    expect(e3).toContain("For <bdi>Web engineer</bdi>, instead:");
    expect(e3).toContain(WEB_OWN);
    // beside every role's text, a role's criteria are read, not ticked: the mirror ticks only data-criterion
    expect(e2).not.toContain("data-criterion");
  });

  it("the area matrix and the matrix JSON carry them too", async () => {
    const area = await get(app, "/frameworks/stepped-roles/areas/craft/");
    expect(elementById(area.body, "acell-systems--e2")).toContain(MOBILE_OWN);
    const json = await get(app, API);
    expect(json.body).toContain(MOBILE_OWN);
    expect(json.body).toContain(WEB_OWN);
    const data = JSON.parse(json.body);
    expect(data.roles.map((r: { id: string }) => r.id)).toEqual(["backend", "web", "mobile"]);
    const e3 = data.areas[0].competencies[0].cells[2];
    expect(e3.roles).toEqual([expect.objectContaining({ id: "web", name: "Web engineer", replace: true })]);
  });

  it("?role= narrows each cell to what that role reads: the shared text and its own, nothing of other roles", async () => {
    const res = await get(app, `${PAGE}?role=mobile`);
    expect(res.status).toBe(200);
    expect(res.body).toContain("Competencies by level, as \u2068Mobile engineer\u2069</caption>");
    expect(res.body).toMatch(
      /<select id="filter-role" name="role"[^>]*>[\s\S]*?<option value="mobile" selected="">/,
    );
    const e2 = elementById(res.body, "cell-systems--e2");
    expect(e2).toContain(SHARED_E2);
    expect(e2).toContain("For <bdi>Mobile engineer</bdi>, also:");
    // the role's own criteria are part of what the mirror ticks for that role
    expect(e2).toMatch(/data-criterion="old-clients"[^>]*>Keeps the service answering/);
    const e3 = elementById(res.body, "cell-systems--e3");
    expect(e3).toContain(SHARED_E3);
    expect(e3).not.toContain(WEB_OWN);
    // the mirror's way to goals asks for the goals of that role
    expect(res.body).toContain('href="/frameworks/stepped-roles/goals/personal/?role=mobile"');
    expect(res.body).toContain('data-mirror-role="mobile"');
  });

  it("a role whose own cell replaces the shared one shows it in its place, saying so", async () => {
    const { body } = await get(app, `${PAGE}?role=web`);
    const e3 = elementById(body, "cell-systems--e3");
    expect(e3).toContain("For Web engineer, in place of the shared expectation:");
    expect(e3).toContain(WEB_OWN);
    expect(e3).toContain("Sets how slow a page may get before it shows a fallback.");
    expect(e3).not.toContain(SHARED_E3);
    expect(elementById(body, "cell-systems--e2")).not.toContain(MOBILE_OWN);
    const api = JSON.parse((await get(app, `${API}?role=web`)).body);
    expect(api.filter).toEqual({ role: "web" });
    const cell = api.areas[0].competencies[0].cells[2];
    expect(cell).toMatchObject({ replacedBy: "web", statement: WEB_OWN });
    expect(cell.roles).toBeUndefined();
  });

  it("an unknown role is a located problem on the page and in the API, never a 500", async () => {
    const page = await get(app, `${PAGE}?role=designer`);
    expect(page.status).toBe(400);
    expect(page.body).toContain(
      '<li id="filter-role-error">There is no role &quot;designer&quot; in this framework.</li>',
    );
    expect(page.body).toMatch(
      /<select id="filter-role" name="role" aria-invalid="true" aria-describedby="filter-role-error"/,
    );
    const api = await get(app, `${API}?role=designer`);
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body).problems).toEqual([
      { param: "role", message: 'There is no role "designer" in this framework.' },
    ]);
    expect((await get(app, `${API}?role=${"x".repeat(500)}`)).status).toBe(422);
  });
});
