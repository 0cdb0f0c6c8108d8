import { expect, it } from "vitest";
import { ORIGIN, signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { teamOrg } from "../../../../test/support/team-org.js";

describeEachDatabase("team views: cycles", (ctx) => {
  const org = () => teamOrg(ctx);

  it("opens cycles with field-by-field problems, and closes them with a version check", async () => {
    const { app, store, c2 } = await org();
    const ada = await signedIn(app, "ada@example.com");
    const list = await ada.get("/admin/cycles/");
    expect(list.status).toBe(200);
    expect(list.body).toContain("Spring 2030");
    expect(list.body).toContain("Autumn 2029");

    const bad = await ada.post("/admin/cycles/", { name: "", startsOn: "2030-02-30", endsOn: "soon" });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain("The cycle was not opened");
    expect(bad.body).toContain('href="#cycle-name"');
    expect(bad.body).toContain('href="#cycle-startsOn"');
    expect(bad.body).toContain('href="#cycle-endsOn"');
    expect(bad.body).toContain('value="soon"'); // what was typed stays
    // a date typed as a long sentence still comes back to the form, at its field
    const rambling = await ada.post("/admin/cycles/", {
      name: "Summer",
      startsOn: "the first Monday after the team offsite, probably in June".repeat(3),
      endsOn: "2030-09-30",
    });
    expect(rambling.status).toBe(422);
    expect(rambling.body).toContain('href="#cycle-startsOn"');
    const backwards = await ada.post("/admin/cycles/", {
      name: "Backwards",
      startsOn: "2030-06-30",
      endsOn: "2030-06-01",
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body).toMatch(/id="cycle-endsOn-problem">[^<]*before it starts/);

    const opened = await ada.post("/admin/cycles/", {
      name: "Summer 2030",
      startsOn: "2030-06-01",
      endsOn: "2030-06-30",
    });
    expect(opened.status).toBe(303);
    expect(opened.location).toBe("/admin/cycles/?done=opened");
    expect((await store.cycles.current())?.name).toBe("Summer 2030");

    // a close carrying another version than the stored one: the page was shown before the cycle changed
    const stale = await ada.post(`/admin/cycles/${c2.id}/close`, { version: String(c2.version - 1) });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain("was changed by someone else");
    expect((await store.cycles.get(c2.id))?.status).toBe("open");
    const closed = await ada.post(`/admin/cycles/${c2.id}/close`, { version: String(c2.version) });
    expect(closed.status).toBe(303);
    expect((await store.cycles.get(c2.id))?.status).toBe("closed");
    const unknown = await ada.post("/admin/cycles/00000000-0000-4000-8000-000000000000/close", {
      version: "1",
    });
    expect(unknown.status).toBe(404);
    // a version that is not a number, or a field sent twice, is a located 422, never a 500; nothing changes
    const open = await store.cycles.current();
    const garbled = await ada.post(`/admin/cycles/${open?.id}/close`, { version: "two" });
    expect(garbled.status).toBe(422);
    expect(garbled.body).toContain("version must be a whole number");
    const asJson = await ada.request("POST", "/admin/cycles/", {
      body: new URLSearchParams([
        ["_csrf", ada.csrf ?? ""],
        ["name", "Twice"],
        ["name", "Twice again"],
        ["startsOn", "2031-01-01"],
        ["endsOn", "2031-01-31"],
      ]).toString(),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: ORIGIN,
        Accept: "application/json",
      },
    });
    expect(asJson.status).toBe(422);
    expect(JSON.parse(asJson.body)).toMatchObject({ errors: [{ field: "name" }] });
    const long = await ada.post("/admin/cycles/", { name: "x".repeat(2_000), startsOn: "", endsOn: "" });
    expect(long.status).toBe(422);
    expect(long.body).toContain("name must be at most");
    expect((await store.cycles.current())?.id).toBe(open?.id);
  });
});
