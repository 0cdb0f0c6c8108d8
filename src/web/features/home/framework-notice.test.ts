/**
 * The "framework changed since your last assessment" notice on /home/ and the growth profile: shown when the person's latest
 * assessment of record was made on another version of their framework (its snapshot stored in the real
 * database), listing the changes at their level and the next; absent when it was made on the loaded one.
 */
import { expect, it } from "vitest";
import { addPerson, authApp, signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { currentEngineering, selfAssessedOn } from "../../../../test/support/example-versions.js";
import type { FrameworkSnapshot } from "../../../core/assessment.js";

describeEachDatabase("the framework-changed notice on a person's pages", (ctx) => {
  it("lists what changed at my level and the next since the version I was assessed on", async () => {
    const { app, store } = await authApp(ctx);
    const current = await currentEngineering();
    // the version before: "planning" said something else at mid, and "ownership" was called "stewardship"
    const old: FrameworkSnapshot = {
      ...current,
      version: "0123456789abcdef",
      label: "2025.2",
      competencies: current.competencies.map((c) =>
        c.id === "planning"
          ? { ...c, expectations: { ...c.expectations, mid: "Plans their own work a sprint ahead." } }
          : c.id === "ownership"
            ? { ...c, id: "stewardship" }
            : c,
      ),
    };
    await store.snapshots.save(old);
    const lee = await addPerson(store, {
      name: "Lee Lead",
      email: "lee@example.com",
      framework: "engineering",
      level: "senior",
    });
    const pat = await addPerson(store, {
      name: "Pat Person",
      email: "pat@example.com",
      framework: "engineering",
      level: "mid",
      managerId: lee.id,
    });
    await selfAssessedOn(store, pat.id, old.version);

    const home = (await (await signedIn(app, "pat@example.com")).get("/home/")).body;
    expect(home).toContain("The framework changed since your last assessment");
    expect(home).toContain(
      "Changes at <bdi>Mid</bdi> <code>mid</code> and <bdi>Senior</bdi> <code>senior</code> since 2025.2:",
    );
    expect(home).toMatch(/reworded expectation <code>planning@mid<\/code>/);
    // a rename touches every level, not mine in particular: it is on the whole "what changed" page
    expect(home).not.toContain("stewardship");
    expect(home).toContain('href="/frameworks/engineering/changes/"');
    // and on the growth profile of that assessment
    const profile = (await (await signedIn(app, "pat@example.com")).get(`/people/${pat.id}/profile/`)).body;
    expect(profile).toMatch(/reworded expectation <code>planning@mid<\/code>/);
    expect(profile).toContain("since your last assessment");
    // their manager reads the same notice about Pat, not about themself
    const managers = (await (await signedIn(app, "lee@example.com")).get(`/people/${pat.id}/profile/`)).body;
    expect(managers).toContain("The framework changed since the last assessment of Pat Person");
    expect(managers).not.toContain("since your last assessment");
    expect(managers).toMatch(/reworded expectation <code>planning@mid<\/code>/);

    // assessed on the loaded version: nothing to say
    const sam = await addPerson(store, {
      name: "Sam Same",
      email: "sam@example.com",
      framework: "engineering",
      level: "mid",
    });
    await store.snapshots.save(current);
    await selfAssessedOn(store, sam.id, current.version);
    const same = (await (await signedIn(app, "sam@example.com")).get("/home/")).body;
    expect(same).toContain("Hello, <bdi>Sam Same</bdi>");
    expect(same).not.toContain("framework-changed");
  });
});
