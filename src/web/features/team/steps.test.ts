/**
 * The people table names the step a pick asks for where a competency has a step scale (issue 14 item 3),
 * in the role the assessment was made in: the stepped-roles shape, in both databases.
 */
import { expect, it } from "vitest";
import { addPerson } from "../../../../test/support/auth.js";
import { describeEachDatabase, manualClock } from "../../../../test/support/databases.js";
import { nodeFileSystem } from "../../../load/fs-port.js";
import { loadOccupations } from "../../../load/occupations.js";
import { FrameworkRegistry } from "../../../load/registry.js";
import { TeamPagesService } from "../../../services/team-pages.js";
import { createStore } from "../../../store/store.js";
import { makeLinks } from "../../links.js";
import { tableRows } from "./team-table.page.js";

const ROOT = new URL("../../../../", import.meta.url).pathname;

describeEachDatabase("the team table names the steps picked", (ctx) => {
  it("shows each pick's step where the competency has a step scale, in the assessment's role", async () => {
    const registry = new FrameworkRegistry([`${ROOT}test/fixtures/shapes/stepped-roles`], {
      fs: nodeFileSystem,
      occupations: await loadOccupations(nodeFileSystem),
    });
    await registry.load();
    const fw = registry.get("stepped-roles");
    if (!fw?.ok) throw new Error("stepped-roles did not load");
    const store = createStore(ctx.database, { clock: manualClock() });
    const lead = await addPerson(store, { name: "Lee", email: "lee@example.com" });
    const kai = await addPerson(store, {
      name: "Kai",
      email: "kai@example.com",
      framework: "stepped-roles",
      level: "e1",
      managerId: lead.id,
    });
    const draft = await store.assessments.startDraft({
      personId: kai.id,
      authorId: kai.id,
      kind: "self",
      cycleId: null,
      framework: "stepped-roles",
      frameworkVersion: fw.version,
      level: "e1",
    });
    if (!draft.ok) throw new Error("draft");
    const picks = [
      { competency: "systems", level: "e2" },
      { competency: "operations", level: "e3" },
    ];
    const saved = await store.assessments.saveDraft(draft.value.id, draft.value.version, { picks });
    if (!saved.ok) throw new Error("save");
    await store.assessments.submit(saved.value.id, saved.value.version);
    const table = await new TeamPagesService(store, registry).table(
      { below: lead.id },
      {
        filter: { framework: "stepped-roles" },
        sort: "name",
        descending: false,
        page: 1,
        cycle: undefined,
        cycles: [],
      },
    );
    const row = table.rows[0];
    expect(Object.fromEntries(row?.steps ?? [])).toEqual({ systems: "Doing", operations: "Leading" });
    const html = tableRows(table, makeLinks("/team/", false));
    expect(html).toContain('+1 <span class="step">Doing</span>');
    expect(html).toContain('+2 <span class="step">Leading</span>');
  });
});
