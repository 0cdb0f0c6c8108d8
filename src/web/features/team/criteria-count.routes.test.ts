/**
 * The heatmap by team says how many criteria were shown at the picked levels, of how many those levels
 * write (issue 14 item 3), for a framework written as criteria (the criteria-lists shape), ticked through
 * the assessment form, on both databases: from the sums per subtree, in a drill-down (a node less its
 * reports) and for a cycle's records (worked out from the picks); and per person, in the table of people,
 * the team's JSON and its CSV.
 */
import { expect, it } from "vitest";
import { pathsApp } from "../../../../test/support/app.js";
import { addPerson, signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase, manualClock } from "../../../../test/support/databases.js";
import { createStore } from "../../../store/store.js";
import { createApp } from "../../app.js";

describeEachDatabase("team heatmap: criteria shown", (ctx) => {
  it("counts the ticks at each picked level, of the criteria that level writes, per team", async () => {
    const { registry } = await pathsApp(["test/fixtures/shapes/criteria-lists"]);
    const clock = manualClock();
    const store = createStore(ctx.database, { clock });
    const app = createApp({ registry, store, clock });
    const person = (name: string, level: string, managerId?: string) =>
      addPerson(store, {
        name,
        email: `${name.toLowerCase()}@example.com`,
        framework: "criteria-lists",
        level,
        ...(managerId ? { managerId } : {}),
      });
    const bo = await person("Bo", "l3b");
    const mia = await person("Mia", "l3b", bo.id);
    const pat = await person("Pat", "l2", mia.id);
    const submit = async (who: { id: string }, email: string, form: Record<string, string>) => {
      const browser = await signedIn(app, email);
      const path = `/people/${who.id}/assessments/self/`;
      expect((await browser.post(path, { version: "0", action: "submit", ...form })).status).toBe(303);
    };
    // Pat at l2 in both: code quality's l2 writes two criteria (one ticked there; one at l3a, not
    // counted), shipping's l2 one (ticked)
    await submit(pat, "pat@example.com", {
      "pick.code-quality": "l2",
      "pick.shipping": "l2",
      "shown.code-quality.l2.readable": "shown",
      "shown.code-quality.l3a.standards": "shown",
      "shown.shipping.l2.l2-1": "shown",
    });
    // Mia at l3b: code quality's two there both ticked, shipping's one not
    await submit(mia, "mia@example.com", {
      "pick.code-quality": "l3b",
      "pick.shipping": "l3b",
      "shown.code-quality.l3b.standards": "shown",
      "shown.code-quality.l3b.mentoring": "shown",
    });

    const boB = await signedIn(app, "bo@example.com");
    const cell = (body: string, team: string, competency: string) =>
      new RegExp(`<tr id="team-${team}">.*?<td data-label="${competency}"[^>]*>(.*?)</td>`).exec(body)?.[1];
    const count = (shown: number, of: number) =>
      `<span class="criteria-count" title="criteria shown at the picked levels: ${shown} of the ${of} they write">${shown} of ${of} shown</span>`;
    const page = await boB.get("/team/by-team/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("how many of them the picks ticked as shown");
    expect(cell(page.body, mia.id, "Code quality")).toBe(`0.0 ${count(3, 4)}`);
    expect(cell(page.body, mia.id, "Shipping")).toBe(`0.0 ${count(1, 2)}`);
    // a drill-down into Mia: her own row (her node less Pat's) and Pat's
    const drill = await boB.get(`/team/by-team/?team=${mia.id}`);
    expect(cell(drill.body, mia.id, "Code quality")).toBe(`0.0 ${count(2, 2)}`);
    expect(cell(drill.body, pat.id, "Code quality")).toBe(`0.0 ${count(1, 2)}`);
    expect(cell(drill.body, mia.id, "Shipping")).toBe(`0.0 ${count(0, 1)}`);
    // the same counts worked out from the picks (any other filter: here the level)
    const atL2 = await boB.get("/team/by-team/?framework=criteria-lists&level=l2");
    expect(cell(atL2.body, mia.id, "Code quality")).toBe(`0.0 ${count(1, 2)}`);

    // per person: the table of people, one count beside each pick whose level writes criteria
    const table = await boB.get("/team/?framework=criteria-lists");
    expect(table.status).toBe(200);
    expect(table.body).toContain("Where the picked level writes criteria");
    const personCell = (who: string, competency: string) =>
      new RegExp(`<tr id="row-${who}">.*?<td data-label="${competency}"[^>]*>(.*?)</td>`).exec(
        table.body,
      )?.[1];
    const one = (shown: number, of: number) =>
      `<span class="criteria-count" title="criteria shown at the picked level: ${shown} of the ${of} it writes">${shown} of ${of} shown</span>`;
    expect(personCell(pat.id, "Code quality")).toBe(`0 ${one(1, 2)}`);
    expect(personCell(pat.id, "Shipping")).toBe(`0 ${one(1, 1)}`);
    expect(personCell(mia.id, "Code quality")).toBe(`0 ${one(2, 2)}`);
    expect(personCell(mia.id, "Shipping")).toBe(`0 ${one(0, 1)}`);
    // the team's JSON, per competency in the framework's order
    const json = await boB.get("/api/team");
    expect(json.status).toBe(200);
    const group = JSON.parse(json.body).frameworks[0];
    const ids = group.competencies.map((c: { id: string }) => c.id);
    const of = (id: string) => {
      const person = group.people.find((p: { id: string }) => p.id === id);
      return Object.fromEntries(ids.map((c: string, i: number) => [c, person.criteria[i]]));
    };
    expect(of(pat.id)).toMatchObject({ "code-quality": { shown: 1, of: 2 }, shipping: { shown: 1, of: 1 } });
    expect(of(mia.id)).toMatchObject({ "code-quality": { shown: 2, of: 2 }, shipping: { shown: 0, of: 1 } });
    // the CSV: two more columns for each competency that writes criteria
    const csv = (await boB.get("/team/export.csv")).body.trim().split("\r\n");
    const head = csv[0]?.split(",") ?? [];
    const row = (name: string) => csv.find((l) => l.startsWith(`${name},`))?.split(",") ?? [];
    const at = (column: string) => head.indexOf(column);
    expect(at("code-quality criteria shown")).toBe(at("code-quality level") + 1);
    expect(at("code-quality criteria written")).toBe(at("code-quality level") + 2);
    expect(row("Pat")[at("code-quality criteria shown")]).toBe("1");
    expect(row("Pat")[at("code-quality criteria written")]).toBe("2");
    expect(row("Mia")[at("shipping criteria shown")]).toBe("0");
    expect(row("Mia")[at("shipping criteria written")]).toBe("1");
    expect(row("Mia").length).toBe(head.length);
    // and the generated OpenAPI describes the JSON's new field
    const spec = JSON.parse((await boB.get("/api/openapi.json")).body);
    const item = spec.components.schemas.TeamView.properties.frameworks.items.properties.people.items;
    expect(item.properties.criteria.description).toContain("ticked as shown");
  });
});
