/**
 * Personal goals for a role (test/fixtures/shapes/stepped-roles): the mobile discipline adds its own text and
 * criteria to Systems thinking at Engineer II, and the web discipline replaces the shared expectation at
 * Senior engineer. A role chosen on the page or in the API quotes the role's own cells; an unknown one is a
 * located problem that lists the roles there are.
 */
import { describe, expect, it } from "vitest";
import { get, pathsApp } from "../../../../test/support/app.js";
import { elementById } from "../../../../test/support/html.js";

const { app } = await pathsApp(["test/fixtures/shapes/stepped-roles"]);
const PAGE = "/frameworks/stepped-roles/goals/personal/";
const API = "/api/frameworks/stepped-roles/goals/personal";
const MOBILE_OWN = "Accounts for releases that users install days later.";
const WEB_OWN = "Designs how the site degrades when a service is down.";
const SHARED_E3 = "Designs how a group of services fail and recover.";

describe("personal goals for a role", () => {
  it("the page quotes the chosen role's own expectation and criteria after the shared one, and says whose", async () => {
    const res = await get(app, `${PAGE}?pick=systems:e1&target=e2&role=mobile`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(
      "<h1>Personal goals toward <bdi>Engineer II</bdi> as <bdi>Mobile engineer</bdi></h1>",
    );
    const goal = elementById(res.body, "smart-1");
    expect(goal).toContain("Traces a request end to end before changing its path.");
    expect(goal).toContain(MOBILE_OWN);
    expect(goal).toContain("Keeps the service answering the app versions still installed.");
    // the role chooser keeps the choice, and the other formats carry it
    expect(res.body).toMatch(
      /<select id="pick-role" name="role"[^>]*>[\s\S]*?<option value="mobile" selected="">/,
    );
    expect(res.body).toContain(`href="${API}?pick=systems%3Ae1&amp;target=e2&amp;role=mobile"`);
    // an explicit role makes the page the same for everyone: it may be kept
    expect(res.headers.get("cache-control")).not.toContain("private");
  });

  it("a role whose own cell replaces the shared one is quoted in its place; no role quotes the shared one alone", async () => {
    const web = JSON.parse((await get(app, `${API}?pick=systems:e1&target=e3&role=web`)).body);
    expect(web.subject).toEqual({
      type: "assessment",
      target: "e3",
      targetName: "Senior engineer",
      role: "web",
      roleName: "Web engineer",
    });
    const text = JSON.stringify(web.sections);
    expect(text).toContain(WEB_OWN);
    expect(text).not.toContain(SHARED_E3);
    expect(text).toContain('"kind":"role-expectation"');

    const none = await get(app, `${API}?pick=systems:e1&target=e3&role=`);
    expect(none.status).toBe(200);
    const shared = JSON.parse(none.body);
    expect(shared.subject.role).toBeUndefined();
    expect(JSON.stringify(shared.sections)).toContain(SHARED_E3);
    expect(JSON.stringify(shared.sections)).not.toContain(WEB_OWN);
  });

  it("without a role, nobody signed in: the shared expectations, and the answer is not kept for others", async () => {
    const res = await get(app, `${PAGE}?pick=systems:e1&target=e2`);
    expect(res.status).toBe(200);
    expect(res.body).toContain("<h1>Personal goals toward <bdi>Engineer II</bdi></h1>");
    expect(res.body).not.toContain(MOBILE_OWN);
    expect(res.body).toMatch(
      /<option value="" selected="">No role: the shared expectations only<\/option>|<option value="">No role: the shared expectations only<\/option>/,
    );
    // it would follow a signed-in person's role: neither the page cache nor a shared cache may keep it
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("a cell with a statement and a step quotes both, each with its source", async () => {
    const res = await get(app, "/frameworks/stepped-roles/levels/e2/goals/");
    expect(res.status).toBe(200);
    const goal = elementById(res.body, "smart-1");
    expect(goal).toContain("Traces a request end to end before changing its path.");
    expect(goal).toContain("Proficiency: Doing");
    expect(goal).toContain("Systems thinking step Doing (Engineer II)");
  });

  it("an unknown role is a problem that lists the roles there are: on the page, in the API", async () => {
    const page = await get(app, `${PAGE}?pick=systems:e1&target=e2&role=mobil`);
    expect(page.status).toBe(400);
    expect(elementById(page.body, "problems")).toContain(
      "there is no role &quot;mobil&quot;; roles: backend, web, mobile",
    );
    // the form is there again, to choose from
    expect(page.body).toContain('<select id="pick-role" name="role"');
    const api = await get(app, `${API}?pick=systems:e1&target=e2&role=mobil`);
    expect(api.status).toBe(400);
    expect(api.type).toContain("application/problem+json");
    expect(JSON.parse(api.body).detail).toBe('there is no role "mobil"; roles: backend, web, mobile');
    const bad = await get(app, `${API}?pick=systems:e1&role=${"x".repeat(300)}`);
    expect(bad.status).toBe(422);
  });

  it("a role's goal page offers the other roles at its level", async () => {
    const res = await get(app, "/frameworks/stepped-roles/roles/web/goals/e2/");
    const nav = elementById(res.body, "main").match(
      /<nav class="goals-levels no-print" aria-label="Goals for a role at this level">[\s\S]*?<\/nav>/,
    )?.[0];
    expect(nav).toContain("Other roles at this level: ");
    expect(nav).toContain('<span aria-current="page">Web engineer</span>');
    for (const role of ["backend", "mobile"])
      expect(nav).toContain(`href="/frameworks/stepped-roles/roles/${role}/goals/e2/"`);
  });

  it("the level's goal page offers each role at the level", async () => {
    const res = await get(app, "/frameworks/stepped-roles/levels/e2/goals/");
    const nav = res.body.match(
      /<nav class="goals-levels no-print" aria-label="Goals for a role at this level">[\s\S]*?<\/nav>/,
    )?.[0];
    for (const role of ["backend", "web", "mobile"])
      expect(nav).toContain(`href="/frameworks/stepped-roles/roles/${role}/goals/e2/"`);
  });

  it("the API document describes the role, and every kind of source a goal cites", async () => {
    const doc = JSON.parse((await get(app, "/api/openapi.json")).body);
    const personal = doc.paths["/api/frameworks/{fw}/goals/personal"].get;
    const role = personal.parameters.find((p: { name: string }) => p.name === "role");
    expect(role).toMatchObject({ in: "query", required: false });
    expect(role.description).toContain("signed-in person's role");
    expect(doc.components.schemas.SourceRef.properties.kind.enum).toEqual(
      expect.arrayContaining(["role-expectation", "criterion", "step"]),
    );
  });
});
