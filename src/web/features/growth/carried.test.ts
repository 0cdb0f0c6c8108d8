/**
 * Carried assessments on the pages (issue 16 item 4), in both databases: an assessment made on the bakery
 * ladder's 2026 version shown on the 2027 one on the growth profile and its API, the assessment's page, the
 * history (continuous, the version change marked) and a manager's team table, each carried value marked.
 */
import { expect, it } from "vitest";
import { addPerson, signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase, manualClock } from "../../../../test/support/databases.js";
import {
  bakery,
  bakeryTeam,
  PICKS_2026,
  PICKS_2027,
  submittedOn,
} from "../../../../test/support/versions.js";
import { createStore } from "../../../store/store.js";
import { createApp } from "../../app.js";

describeEachDatabase("carried assessments on the pages", (ctx) => {
  async function setUp() {
    const clock = manualClock();
    const store = createStore(ctx.database, { clock });
    const { registry, old, current } = await bakery(store);
    const app = createApp({ registry, store, clock });
    const { morgan, robin } = await bakeryTeam(store);
    const sky = await addPerson(store, {
      name: "Sky",
      email: "sky@example.com",
      framework: "bakery",
      level: "baker",
      managerId: morgan.id,
    });
    const on = (personId: string, version: string, picks: typeof PICKS_2026) =>
      submittedOn(store, { personId, authorId: personId, kind: "self", version, picks });
    const before = await on(robin.id, old.version, PICKS_2026);
    await on(sky.id, old.version, PICKS_2026);
    clock.advance(90 * 24 * 3600 * 1000);
    await on(robin.id, current.version, PICKS_2027);
    return { app, robin, sky, before };
  }

  it("shows the profile of an earlier version's assessment on today's competencies, carried values marked", async () => {
    const { app, robin, before } = await setUp();
    const browser = await signedIn(app, "robin@example.com");
    const page = await browser.get(`/people/${robin.id}/profile/?assessment=${before.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Made on version 2026.1, shown on the current version 2027.1");
    expect(page.body).toContain("Not carried: <bdi>Teaching</bdi> (retired: Every baker now teaches");
    // a split competency is on both parts, each marked with where it came from, for eyes and for ears
    for (const part of ["firing", "oven-care"])
      expect(page.body).toMatch(
        new RegExp(
          `id="profile-${part}"[\\s\\S]*?Baker<span class="carried-mark" title="carried from version 2026.1: picked as “ovens”, split since">`,
        ),
      );
    expect(page.body).toContain(
      '<span class="visually-hidden"> (carried from version 2026.1: picked as “dough”, renamed since)</span>',
    );
    expect(page.body).toContain("<circle cx=");
    expect(page.body).toMatch(
      /<circle[^>]*class="carried"><title>\u2068Kitchen care\u2069: \u2068Baker\u2069 \(carried from version 2026\.1: picked as “(hygiene|ordering)” and/,
    );
    // the one of record (made on 2027) reads as it is: nothing carried
    const latest = await browser.get(`/people/${robin.id}/profile/`);
    expect(latest.body).not.toContain("carried-mark");

    const api = JSON.parse(
      (await browser.get(`/api/people/${robin.id}/profile?assessment=${before.id}`)).body,
    );
    expect(api.framework.version).not.toBe(before.frameworkVersion);
    expect(api.carried.from).toBe("2026.1");
    expect(api.carried.picks).toContainEqual({ competency: "firing", from: ["ovens"], fate: "split" });
    expect(api.carried.dropped).toEqual([expect.objectContaining({ competency: "teaching" })]);
    expect(api.rows.find((r: { competency: string }) => r.competency === "doughs").pick).toBe("trainee");
  });

  it("shows the assessment's page on today's version, and as it was made underneath", async () => {
    const { app, robin, before } = await setUp();
    const page = await (await signedIn(app, "robin@example.com")).get(`/assessments/${before.id}/`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/id="pick-doughs"[\s\S]*?Trainee<span class="carried-mark"/);
    expect(page.body).toMatch(/id="pick-doughs"[\s\S]*?Mixed the rye dough every morning in May\./);
    expect(page.body).toContain("As made on version 2026.1");
    expect(page.body).toMatch(/id="made-dough"[\s\S]*?Apprentice/);
    expect(robin.level).toBe("baker");
  });

  it("keeps the history continuous across the change and marks it on the chart and in the table", async () => {
    const { app, robin } = await setUp();
    const page = await (await signedIn(app, "robin@example.com")).get(`/people/${robin.id}/history/`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(
      /<g class="version-mark"><line [^>]*><\/line><text[^>]*>Version 2027\.1<\/text>/,
    );
    expect(page.body).toContain("The framework changed from version 2026.1 to 2027.1 before");
    expect(page.body).toContain("Version 2027.1 from here (was 2026.1)");
    // one line for Doughs through both rounds, the first dot hollow (carried)
    expect(page.body).toMatch(
      /<g class="history-line" data-competency="doughs"><path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+"/,
    );
    expect(page.body).toMatch(
      /data-competency="doughs">[\s\S]*?<circle[^>]*class="carried"><title>\u2068Doughs\u2069,/,
    );
    // what changed reads across the version: Doughs went up one level
    expect(page.body).toMatch(/<strong>Doughs<\/strong>: Trainee → Baker \(\+1\)/);
    expect(page.body).toMatch(/Teaching<span class="meta"> \(retired: /);
    expect(page.body).toContain(
      "Followed through the framework&#39;s migration map: Dough → Doughs (renamed); Ovens → Firing and Oven care (split); Hygiene and Ordering → Kitchen care (merged).",
    );
    expect(page.body).toContain("No longer in the framework: <bdi>Teaching</bdi>.");
    expect(page.body).toContain("New in the framework: <bdi>Customers</bdi>.");
  });

  it("marks carried picks in a manager's team table", async () => {
    const { app, sky } = await setUp();
    const page = await (await signedIn(app, "morgan@example.com")).get("/team/");
    expect(page.status).toBe(200);
    const row = new RegExp(`<tr id="row-${sky.id}">[\\s\\S]*?</tr>`).exec(page.body)?.[0] ?? "";
    expect(row).toContain('<span class="carried-mark">carried from 2026.1</span>');
    expect(row).toContain("picked as “ovens”, split since");
    expect(row).not.toContain("teaching");
  });
});
