import { beforeAll, expect, it } from "vitest";
import { exampleApp } from "../../test/support/app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import type { FrameworkRegistry, LoadedFramework } from "../load/registry.js";
import { createStore, type Store } from "../store/store.js";
import type { Assessment, AssessmentKind, Person } from "../store/types.js";
import { AssessmentsService, type DraftAccess } from "./assessments.js";
import { TeamService } from "./team.js";

const authorOnly = (authorId: string): DraftAccess => ({
  mayRead: async (a) => a.status === "submitted" || a.authorId === authorId,
  stillTheirs: async () => true,
});

describeEachDatabase("team service", (ctx) => {
  let registry: FrameworkRegistry;
  beforeAll(async () => {
    registry = (await exampleApp()).registry;
  });

  async function org(): Promise<{ store: Store; teams: TeamService; boss: Person; people: Person[] }> {
    const store = createStore(ctx.database);
    const add = async (name: string, managerId: string | null, framework: string | null = "engineering") => {
      const made = await store.people.create({
        name,
        email: `${name}@example.com`,
        managerId,
        framework,
        level: "mid",
      });
      if (!made.ok) throw new Error(JSON.stringify(made.problems));
      return made.value;
    };
    const boss = await add("boss", null);
    const people = [await add("ada", boss.id), await add("bo", boss.id), await add("cy", boss.id, null)];
    return { store, teams: new TeamService(store, registry), boss, people };
  }

  async function submit(store: Store, person: Person, kind: AssessmentKind, authorId: string, level: string) {
    const fw = registry.get("engineering") as LoadedFramework;
    const index = fw.index;
    if (!index) throw new Error("the example framework has no index");
    const picks = [...index.competencies.keys()].map((competency) => ({ competency, level }));
    const service = new AssessmentsService(store);
    const saved = await service.saveDraft(
      { person, fw, index },
      kind,
      authorId,
      0,
      picks,
      authorOnly(authorId),
    );
    if (saved.kind !== "saved") throw new Error(`could not save: ${saved.kind}`);
    const done = await service.submit(saved.draft as Assessment);
    if (!done.ok) throw new Error("could not submit");
  }

  it("groups a manager's team by framework with each person's assessment of record", async () => {
    const { store, teams, boss, people } = await org();
    const [ada, bo, cy] = people as [Person, Person, Person];
    await submit(store, ada, "self", ada.id, "senior");
    await submit(store, ada, "manager", boss.id, "senior");
    const team = await teams.teamOf(boss.id);
    expect(team.map((p) => p.name)).toEqual(["ada", "bo", "cy"]);

    const view = await teams.view("team", team, undefined);
    expect(view.total).toBe(3);
    expect(view.withoutFramework.map((p) => p.id)).toEqual([cy.id]);
    expect(view.groups.map((g) => [g.framework, g.people.map((p) => p.name)])).toEqual([
      ["engineering", ["ada", "bo"]],
    ]);
    const group = view.groups[0];
    expect(group?.records[0]?.kind).toBe("manager"); // the manager's beats the self-assessment
    expect(group?.records[1]).toBeUndefined();
    expect(view.unassessed.map((p) => p.id)).toEqual([bo.id, cy.id]);
    expect(view.ready).toMatchObject([{ person: { id: ada.id }, level: "mid", next: "senior" }]);
    expect(view.calibration).toBeUndefined();

    // deactivated people leave the team
    await store.people.deactivate(bo.id);
    expect((await teams.teamOf(boss.id)).map((p) => p.name)).toEqual(["ada", "cy"]);
  });

  it("shows the organization with calibration per manager, and only a stored cycle is one", async () => {
    const { store, teams, boss, people } = await org();
    const [ada] = people as [Person];
    // calibration pairs a self and a manager assessment of the same cycle
    const cycle = await store.cycles.create({ name: "Autumn", startsOn: "2026-09-01", endsOn: "2026-12-31" });
    if (!cycle.ok) throw new Error("could not open a cycle");
    await submit(store, ada, "self", ada.id, "senior");
    await submit(store, ada, "manager", boss.id, "mid");
    const view = await teams.organization(undefined);
    expect(view.scope).toBe("organization");
    expect(view.total).toBe(4);
    expect(view.due?.id).toBe(cycle.value.id);
    expect(view.unassessed.map((p) => p.name)).toEqual(["bo", "boss", "cy"]);
    expect(view.calibration).toMatchObject([{ managerId: boss.id, higher: 0 }]);
    expect((view.calibration?.[0]?.lower ?? 0) > 0).toBe(true);
    // a mid on the trunk is not assessed on organisation design: those two picks are no pair to compare
    const competencies = registry.get("engineering")?.index?.competencies.size ?? 0;
    expect(view.calibration?.[0]?.pairs).toBe(competencies - 1);
    expect((await teams.organization(undefined, false)).calibration).toBeUndefined();
    expect(await teams.cycle("not-an-id")).toBeUndefined();
    expect(await teams.cycle("00000000-0000-4000-8000-000000000000")).toBeUndefined();
    expect((await teams.cycle(cycle.value.id))?.name).toBe("Autumn");
  });
});
