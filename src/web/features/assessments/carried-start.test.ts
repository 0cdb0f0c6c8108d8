/**
 * A new self-assessment after the framework changed starts from the last one, carried to the loaded version
 * (issue 16): the form comes with its picks checked, in the real database; one made on the loaded version
 * leaves the next draft empty, as before.
 */
import { expect, it } from "vitest";
import { addPerson, authApp, signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { currentEngineering, selfAssessedOn } from "../../../../test/support/example-versions.js";
import { bakeryChainApp, PICKS_2026, submittedOn } from "../../../../test/support/versions.js";

/** The level checked for a competency in the form, if any. */
const checked = (body: string, competency: string) =>
  new RegExp(`<input[^>]*name="pick.${competency}"[^>]*value="([^"]+)"[^>]*checked`).exec(body)?.[1] ??
  new RegExp(`<input[^>]*checked[^>]*name="pick.${competency}"[^>]*value="([^"]+)"`).exec(body)?.[1];

describeEachDatabase("a new draft after a framework change", (ctx) => {
  it("starts from the picks of the last assessment, carried to the loaded version", async () => {
    const { app, store } = await authApp(ctx);
    const current = await currentEngineering();
    await store.snapshots.save({ ...current, version: "0123456789abcdef", label: "2025.2" });
    await store.snapshots.save(current);
    const pat = await addPerson(store, {
      name: "Pat",
      email: "pat@example.com",
      framework: "engineering",
      level: "mid",
    });
    const sam = await addPerson(store, {
      name: "Sam",
      email: "sam@example.com",
      framework: "engineering",
      level: "mid",
    });
    await selfAssessedOn(store, pat.id, "0123456789abcdef", { pick: "senior" });
    await selfAssessedOn(store, sam.id, current.version, { pick: "senior" });

    const form = (await (await signedIn(app, "pat@example.com")).get(`/people/${pat.id}/assessments/self/`))
      .body;
    expect(checked(form, "planning")).toBe("senior");
    const fresh = (await (await signedIn(app, "sam@example.com")).get(`/people/${sam.id}/assessments/self/`))
      .body;
    expect(fresh).toContain(`name="pick.planning"`);
    expect(checked(fresh, "planning")).toBeUndefined();
  });

  it("starts from an assessment two versions old, carried through both maps", async () => {
    const { app, store, v2026 } = await bakeryChainApp(ctx.database);
    const robin = await addPerson(store, {
      name: "Robin",
      email: "robin@example.com",
      framework: "bakery",
      level: "baker",
    });
    await submittedOn(store, {
      personId: robin.id,
      authorId: robin.id,
      kind: "self",
      version: v2026.version,
      picks: PICKS_2026,
    });
    const form = (
      await (await signedIn(app, "robin@example.com")).get(`/people/${robin.id}/assessments/self/`)
    ).body;
    // "dough" (apprentice) became "doughs" (trainee) in 2027, split into mixing and shaping in 2028
    expect(checked(form, "mixing")).toBe("trainee");
    expect(checked(form, "shaping")).toBe("trainee");
    // "ovens" split into "firing" in 2027, renamed "baking" in 2028
    expect(checked(form, "baking")).toBe("baker");
    expect(checked(form, "kitchen-care")).toBe("baker");
    expect(checked(form, "customers")).toBeUndefined();
  });
});
