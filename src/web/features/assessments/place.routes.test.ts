import { expect, it } from "vitest";
import { exampleApp } from "../../../../test/support/app.js";
import { addPerson, authApp, signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import type { FrameworkIndex } from "../../../core/model.js";

const OFF_TRACK = ["people-management", "org-design"];

/** Every competency but those off the IC track picked where it has an expectation, as form fields. */
function onTrackForm(index: FrameworkIndex, version: number) {
  const fields: Record<string, string> = { version: String(version), action: "submit" };
  for (const { competency } of index.competencies.values()) {
    if (OFF_TRACK.includes(competency.id)) continue;
    const levels = Object.keys(competency.expectations);
    fields[`pick.${competency.id}`] = levels.includes("senior") ? "senior" : (levels[0] ?? "");
  }
  return fields;
}

describeEachDatabase("assessments fit the person's place", (ctx) => {
  async function org() {
    const made = await authApp(ctx);
    const mia = await addPerson(made.store, {
      name: "Mia Manager",
      email: "mia@example.com",
      framework: "engineering",
      level: "manager",
      track: "management",
    });
    const sam = await addPerson(made.store, {
      name: "Sam Senior",
      email: "sam@example.com",
      managerId: mia.id,
      framework: "engineering",
      level: "senior",
      track: "ic",
    });
    const { registry } = await exampleApp();
    const index = registry.get("engineering")?.index as FrameworkIndex;
    return { ...made, sam, index };
  }

  it("a senior on the IC track submits without picks on managing people; they are shown apart, optional", async () => {
    const { app, store, sam, index } = await org();
    const total = index.competencies.size - OFF_TRACK.length;
    for (const [email, kind] of [
      ["sam@example.com", "self"],
      ["mia@example.com", "manager"],
    ] as const) {
      const browser = await signedIn(app, email);
      const path = `/people/${sam.id}/assessments/${kind}/`;
      const form = await browser.get(path);
      expect(form.status).toBe(200);
      expect(form.body).toContain(` of ${total} answered`);
      const apart = form.body.slice(form.body.indexOf('<section class="assess-area assess-optional"'));
      expect(apart).toContain(
        kind === "self" ? "Not part of your track (optional)" : "Not part of their track",
      );
      for (const id of OFF_TRACK) expect(apart).toContain(`id="assess-pick-${id}"`);
      // what the track asks is still required
      const short = await browser.post(path, { ...onTrackForm(index, 0), "pick.hiring": "" });
      expect(short.status).toBe(422);
      expect(short.body).toContain("\u2068Hiring &amp; team building\u2069: pick a level before submitting.");
      expect(short.body).not.toContain("Managing people: pick a level");
      // the refused submit saved the draft before checking it
      const draft = await store.assessments.draft(sam.id, kind, null);
      const done = await browser.post(path, onTrackForm(index, draft?.version ?? 0));
      expect(done.status).toBe(303);
      expect(done.location).toMatch(/\?done=submitted$/);
    }
    // the profile counts no gap and nothing unpicked off the track
    const browser = await signedIn(app, "sam@example.com");
    const profile = await browser.get(`/people/${sam.id}/profile/`);
    expect(profile.status).toBe(200);
    expect(profile.body).not.toContain('id="gap-people-management"');
    expect(profile.body).toContain("Not part of this level’s track (optional, never a gap): Managing people");
  });
});
