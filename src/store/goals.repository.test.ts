import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import type { SourceRef } from "../core/goals.js";
import { createStore, type Store } from "./store.js";
import type { NewGoal, Outcome, Person } from "./types.js";

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.problems)}`);
  return outcome.value;
}

function codes<T>(outcome: Outcome<T>): string[] {
  return outcome.ok ? [] : outcome.problems.map((p) => `${p.field ?? ""}:${p.code}`);
}

const SOURCES: SourceRef[] = [
  { kind: "expectation", competency: "delivery", level: "l2" },
  { kind: "level-responsibility", level: "l2", index: 0 },
];

describeEachDatabase("goals repository", (ctx) => {
  const clock = manualClock();
  const store = (): Store => createStore(ctx.database, { clock });
  let n = 0;
  const person = async (): Promise<Person> =>
    value(await store().people.create({ name: `Person ${++n}`, email: `g${n}-${randomUUID()}@example.com` }));
  const goal = (text: string, extra: Partial<NewGoal> = {}): NewGoal => ({
    framework: "eng",
    target: "l2",
    text,
    sources: SOURCES,
    ...extra,
  });

  it("saves goals with their sources and lists them in the order they were set", async () => {
    const ada = await person();
    const boss = await person();
    const draft = value(
      await store().assessments.startDraft({
        personId: ada.id,
        authorId: ada.id,
        kind: "self",
        cycleId: null,
        framework: "eng",
        frameworkVersion: "v1",
        level: "l1",
      }),
    );
    const first = value(
      await store().goals.save(ada.id, ada.id, goal("Ship alone", { assessmentId: draft.id })),
    );
    expect(first).toMatchObject({
      personId: ada.id,
      authorId: ada.id,
      assessmentId: draft.id,
      framework: "eng",
      target: "l2",
      text: "Ship alone",
      sources: SOURCES,
      original: "Ship alone",
      targetValue: null,
      due: null,
      status: "not-started",
    });
    expect(first.createdAt).toEqual(clock.now());
    clock.advance(1_000);
    const second = value(
      await store().goals.save(ada.id, boss.id, goal("Review '; DROP TABLE goals; -- <script>x</script>")),
    );
    expect(second.text).toBe("Review '; DROP TABLE goals; -- <script>x</script>");
    expect(await store().goals.list(ada.id)).toEqual([first, second]);
    expect(await store().goals.get(first.id)).toEqual(first);
    expect(await store().goals.list(boss.id)).toEqual([]);
    expect(await store().goals.list("nobody")).toEqual([]);
  });

  it("saving the same active goal twice keeps one", async () => {
    const ada = await person();
    const a = value(await store().goals.save(ada.id, ada.id, goal("Lead a project")));
    const b = value(await store().goals.save(ada.id, ada.id, goal(" Lead a project ")));
    expect(b).toEqual(a);
    value(await store().goals.setStatus(a.id, ada.id, "done"));
    // once done, the same text is a new goal
    expect(value(await store().goals.save(ada.id, ada.id, goal("Lead a project"))).id).not.toBe(a.id);
    expect(await store().goals.list(ada.id)).toHaveLength(2);
  });

  it("refuses bad goals with located problems", async () => {
    const ada = await person();
    const bob = await person();
    const bobs = value(
      await store().assessments.startDraft({
        personId: bob.id,
        authorId: bob.id,
        kind: "self",
        cycleId: null,
        framework: "eng",
        frameworkVersion: "v1",
        level: null,
      }),
    );
    expect(codes(await store().goals.save(randomUUID(), null, goal("x")))).toEqual(["personId:not-found"]);
    expect(
      codes(
        await store().goals.save(ada.id, randomUUID(), {
          framework: "",
          target: "t".repeat(201),
          text: "x".repeat(4_001),
          sources: [{ kind: "expectation", competency: { nested: true } }] as never,
          assessmentId: bobs.id,
        }),
      ),
    ).toEqual([
      "framework:required",
      "target:too-long",
      "text:too-long",
      "sources:invalid-sources",
      "authorId:person-not-found",
      "assessmentId:assessment-not-found",
    ]);
    expect(codes(await store().goals.save(ada.id, null, goal("  ", { sources: "none" as never })))).toEqual([
      "text:required",
      "sources:invalid-sources",
    ]);
    expect(await store().goals.list(ada.id)).toEqual([]);
  });

  it("edits a goal's wording, target and date only for its own person; what it quoted stays", async () => {
    const ada = await person();
    const bob = await person();
    const g = value(await store().goals.save(ada.id, ada.id, goal("Cut incidents to ⟨target⟩ by ⟨date⟩")));
    clock.advance(1_000);
    const edited = value(
      await store().goals.edit(g.id, ada.id, {
        text: " Cut paging incidents to ⟨target⟩ by ⟨date⟩ ",
        targetValue: "2 a month",
        due: "2030-09-30",
      }),
    );
    expect(edited).toMatchObject({
      text: "Cut paging incidents to ⟨target⟩ by ⟨date⟩",
      original: "Cut incidents to ⟨target⟩ by ⟨date⟩",
      targetValue: "2 a month",
      due: "2030-09-30",
      sources: SOURCES,
      status: "not-started",
    });
    expect(edited.updatedAt).toEqual(clock.now());
    const cleared = value(
      await store().goals.edit(g.id, ada.id, { text: edited.text, targetValue: "", due: null }),
    );
    expect([cleared.targetValue, cleared.due]).toEqual([null, null]);
    expect(
      codes(await store().goals.edit(g.id, bob.id, { text: "Mine", targetValue: null, due: null })),
    ).toEqual([":not-found"]);
    expect(
      codes(
        await store().goals.edit(g.id, ada.id, {
          text: " ",
          targetValue: "x".repeat(201),
          due: "2030-02-30",
        }),
      ),
    ).toEqual(["text:required", "targetValue:too-long", "due:invalid-date"]);
    expect((await store().goals.get(g.id))?.text).toBe(edited.text);
  });

  it("changes a goal's status only for its own person", async () => {
    const ada = await person();
    const bob = await person();
    const g = value(await store().goals.save(ada.id, ada.id, goal("Mentor someone")));
    clock.advance(1_000);
    const done = value(await store().goals.setStatus(g.id, ada.id, "done"));
    expect(done).toMatchObject({ status: "done" });
    expect(done.updatedAt).toEqual(clock.now());
    expect(codes(await store().goals.setStatus(g.id, bob.id, "dropped"))).toEqual([":not-found"]);
    expect(codes(await store().goals.setStatus(g.id, ada.id, "finished" as never))).toEqual([
      "status:invalid-choice",
    ]);
    expect(codes(await store().goals.setStatus("x", ada.id, "done"))).toEqual([":not-found"]);
    expect((await store().goals.get(g.id))?.status).toBe("done");
  });

  it("deleting the person deletes their goals; deleting the author or assessment keeps the goal", async () => {
    const ada = await person();
    const boss = await person();
    const draft = value(
      await store().assessments.startDraft({
        personId: ada.id,
        authorId: ada.id,
        kind: "self",
        cycleId: null,
        framework: "eng",
        frameworkVersion: "v1",
        level: null,
      }),
    );
    const g = value(await store().goals.save(ada.id, boss.id, goal("Grow", { assessmentId: draft.id })));
    await ctx.db.deleteFrom("people").where("id", "=", boss.id).execute();
    await ctx.db.deleteFrom("assessments").where("id", "=", draft.id).execute();
    expect(await store().goals.get(g.id)).toMatchObject({ authorId: null, assessmentId: null, text: "Grow" });
    await ctx.db.deleteFrom("people").where("id", "=", ada.id).execute();
    expect(await store().goals.get(g.id)).toBeUndefined();
  });
});
