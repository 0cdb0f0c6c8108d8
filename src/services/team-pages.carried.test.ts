/**
 * The team views computed in SQL carry records made on earlier versions as the person's own page does
 * (issue 16 item 4), in both databases: the bakery ladder's 2028.1 served, 2026.1 and 2027.1 stored. The
 * heatmap by team and the "ready" filter read the picks through the carry tables; each number is held to
 * what the same records give when carried in code (carriedRecords and core's teamHeatmap, the table's rule).
 */
import { expect, it } from "vitest";
import { addPerson } from "../../test/support/auth.js";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { bakeryChain, submittedOn } from "../../test/support/versions.js";
import { createStore } from "../store/store.js";
import { TeamPagesService } from "./team-pages.js";

describeEachDatabase("team views carry records of earlier versions in SQL", (ctx) => {
  async function setUp() {
    const clock = manualClock();
    const store = createStore(ctx.database, { clock });
    const { registry, v2026, v2027 } = await bakeryChain(store, clock);
    const person = (name: string, level: string, managerId?: string) =>
      addPerson(store, {
        name,
        email: `${name.toLowerCase()}@example.com`,
        framework: "bakery",
        level,
        ...(managerId ? { managerId } : {}),
      });
    const ada = await person("Ada", "master-baker");
    const on = async (who: { id: string }, version: string, picks: Record<string, string | null>) => {
      clock.advance(60_000);
      await submittedOn(store, {
        personId: who.id,
        authorId: who.id,
        kind: "self",
        version,
        picks: Object.entries(picks).map(([competency, level]) => ({ competency, level })),
      });
    };
    // Tia: 2026. dough → doughs → mixing and shaping; ovens → firing → baking, and oven-care; hygiene and
    // ordering merged into kitchen-care (the lower: baker, not the head baker, now master baker, of ordering);
    // teaching retired. No customers (new in 2027): not ready for baker.
    const tia = await person("Tia", "trainee", ada.id);
    await on(tia, v2026.version, {
      dough: "baker",
      ovens: "baker",
      hygiene: "baker",
      ordering: "head-baker",
      teaching: "head-baker",
    });
    // Uma: 2027, every competency at baker once carried (doughs split, firing renamed): ready for baker
    const uma = await person("Uma", "trainee", ada.id);
    const ready2027 = {
      doughs: "baker",
      firing: "baker",
      "oven-care": "baker",
      "kitchen-care": "baker",
      customers: "baker",
    };
    await on(uma, v2027.version, ready2027);
    // Vic: the same but firing at trainee: not ready; Wes: head-baker (master baker now) everywhere on 2027
    const vic = await person("Vic", "trainee", ada.id);
    await on(vic, v2027.version, { ...ready2027, firing: "trainee" });
    const wes = await person("Wes", "baker", ada.id);
    await on(wes, v2027.version, {
      doughs: "head-baker",
      firing: "head-baker",
      "oven-care": "head-baker",
      "kitchen-care": "head-baker",
      customers: "head-baker",
    });
    // Xia: on the served version itself, as before
    const xia = await person("Xia", "trainee", ada.id);
    const served = registry.get("bakery")?.version ?? "";
    await on(xia, served, { mixing: "baker", shaping: "baker", baking: "baker", "oven-care": "trainee" });
    return { store, registry, ada, pages: new TeamPagesService(store, registry) };
  }

  it("counts carried picks in the heatmap by team and the ready filter, as the table carries them in code", async () => {
    const { ada, pages } = await setUp();
    const root = { below: ada.id };
    const filter = { framework: "bakery" };
    const byTeam = await pages.byTeam(root, filter, undefined, []);
    const table = await pages.table(root, {
      filter,
      sort: "name",
      descending: false,
      page: 1,
      cycle: undefined,
      cycles: [],
    });
    const competencies = table.snapshot?.competencies.map((c) => c.id) ?? [];
    expect(competencies).toEqual(["mixing", "shaping", "baking", "oven-care", "kitchen-care", "customers"]);
    // each branch is one person: its cells are that person's deltas, as carried in code for the table
    expect(byTeam.branches.map((b) => b.person.name)).toEqual(["Tia", "Uma", "Vic", "Wes", "Xia"]);
    for (const branch of byTeam.branches) {
      const row = table.rows.find((r) => r.person.id === branch.person.id);
      const inCode = Object.fromEntries(
        (row?.heat?.cells ?? []).flatMap((c) => (c.delta === null ? [] : [[c.competency, c.delta]])),
      );
      const inSql = Object.fromEntries([...branch.cells].map(([id, cell]) => [id, cell.mean]));
      expect({ who: branch.person.name, cells: inSql }).toEqual({ who: branch.person.name, cells: inCode });
      expect(branch.ready).toBe(row?.heat?.meetsNext ? 1 : 0);
    }
    const tia = byTeam.branches[0];
    // the merge gives one value (baker, +1), not the mean of baker and master baker; nothing of teaching
    expect(Object.fromEntries(tia?.cells ?? [])).toEqual({
      mixing: { mean: 1, picks: 1 },
      shaping: { mean: 1, picks: 1 },
      baking: { mean: 1, picks: 1 },
      "oven-care": { mean: 1, picks: 1 },
      "kitchen-care": { mean: 1, picks: 1 },
    });
    // Wes's head-baker picks reach master baker through the renamed level: +1 everywhere
    expect(byTeam.branches[3]?.cells.get("customers")).toEqual({ mean: 1, picks: 1 });
    expect(byTeam.branches.map((b) => b.ready)).toEqual([0, 1, 0, 1, 0]);

    const ready = await pages.table(root, {
      filter: { ...filter, status: "ready" },
      sort: "name",
      descending: false,
      page: 1,
      cycle: undefined,
      cycles: [],
    });
    expect(ready.rows.map((r) => r.person.name)).toEqual(["Uma", "Wes"]);
    expect(table.rows.filter((r) => r.heat?.meetsNext).map((r) => r.person.name)).toEqual(["Uma", "Wes"]);
    // the retired competency's pick is said on the row, with the map's note
    const tiaRow = table.rows.find((r) => r.person.name === "Tia");
    expect(tiaRow?.dropped).toEqual([
      { competency: "teaching", name: "Teaching", note: expect.stringMatching(/^retired: Every baker/) },
    ]);
  });
});
