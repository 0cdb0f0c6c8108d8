import { beforeAll, expect, it } from "vitest";
import { exampleApp } from "../../test/support/app.js";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import type { Pick } from "../core/assessment.js";
import type { LoadedFramework } from "../load/registry.js";
import { createStore, type Store } from "../store/store.js";
import type { Assessment, Person } from "../store/types.js";
import { type Assessed, AssessmentsService, type DraftAccess } from "./assessments.js";

/** Drafts readable by their author only, as the policy has it; `gone` authors can no longer finish theirs. */
function accessOf(askerId: string, gone: ReadonlySet<string> = new Set()): DraftAccess {
  return {
    mayRead: async (a) => a.status === "submitted" || a.authorId === askerId,
    stillTheirs: async (draft) => draft.authorId !== null && !gone.has(draft.authorId),
  };
}

describeEachDatabase("assessments service", (ctx) => {
  let fw: LoadedFramework;
  const clock = manualClock();
  beforeAll(async () => {
    const { registry } = await exampleApp();
    fw = registry.get("engineering") as LoadedFramework;
  });

  async function setUp(): Promise<{
    store: Store;
    service: AssessmentsService;
    subject: Assessed;
    boss: Person;
  }> {
    const store = createStore(ctx.database, { clock });
    const added = async (name: string, managerId: string | null = null) => {
      const made = await store.people.create({
        name,
        email: `${name}@example.com`,
        framework: "engineering",
        level: "mid",
        managerId,
      });
      if (!made.ok) throw new Error(JSON.stringify(made.problems));
      return made.value;
    };
    const boss = await added("boss");
    const pete = await added("pete", boss.id);
    const index = fw.index;
    if (!index) throw new Error("the example framework has no index");
    return { store, service: new AssessmentsService(store), subject: { person: pete, fw, index }, boss };
  }

  const picks = (subject: Assessed, level: string): Pick[] =>
    [...subject.index.competencies.keys()].map((competency) => ({ competency, level }));

  it("starts a draft, saves it at its version, refuses a stale save with both versions, and submits", async () => {
    const { store, service, subject } = await setUp();
    const me = accessOf(subject.person.id);
    const first = await service.saveDraft(subject, "self", subject.person.id, 0, picks(subject, "mid"), me);
    expect(first.kind).toBe("saved");
    const draft = (first as { draft: Assessment }).draft;
    // pinned to the framework version it was made against, frozen in the store
    expect(await store.snapshots.get("engineering", draft.frameworkVersion)).toBeDefined();

    const second = await service.saveDraft(
      subject,
      "self",
      subject.person.id,
      draft.version,
      picks(subject, "senior"),
      me,
    );
    expect(second.kind).toBe("saved");
    const stale = await service.saveDraft(
      subject,
      "self",
      subject.person.id,
      draft.version,
      picks(subject, "junior"),
      me,
    );
    expect(stale).toMatchObject({ kind: "conflict", yours: picks(subject, "junior") });

    const opened = await service.openDraft(subject, "self", me);
    expect(opened).toMatchObject({ state: "open", draft: { id: draft.id } });
    const saved = (second as { draft: Assessment }).draft;
    expect((await service.submit(saved)).ok).toBe(true);
    // outside cycles the form opens anew after a submission; the history keeps it
    expect((await service.history(subject)).rounds.map((r) => r.assessment.id)).toEqual([draft.id]);
  });

  it("keeps someone else's draft theirs while they can finish it, and discards it when they cannot", async () => {
    const { store, service, subject, boss } = await setUp();
    const bossSaves = await service.saveDraft(
      subject,
      "manager",
      boss.id,
      0,
      picks(subject, "mid"),
      accessOf(boss.id),
    );
    expect(bossSaves.kind).toBe("saved");
    const made = await store.people.create({ name: "Other", email: "other@example.com" });
    if (!made.ok) throw new Error("could not add the other manager");
    const other = made.value.id;
    expect(await service.openDraft(subject, "manager", accessOf(other))).toEqual({ state: "taken" });
    const refused = await service.saveDraft(
      subject,
      "manager",
      other,
      0,
      picks(subject, "senior"),
      accessOf(other),
    );
    expect(refused.kind).toBe("refused");
    expect((refused as { message: string }).message).toContain("Another of \u2068pete\u2069’s managers");

    // the boss has gone: their draft no longer blocks anyone, and nothing of it is taken over
    const gone = accessOf(other, new Set([boss.id]));
    expect(await service.openDraft(subject, "manager", gone)).toMatchObject({
      state: "open",
      draft: undefined,
    });
    const fresh = await service.saveDraft(subject, "manager", other, 0, picks(subject, "senior"), gone);
    expect(fresh.kind).toBe("saved");
    expect((fresh as { draft: Assessment }).draft.authorId).toBe(other);
  });

  it("lists what is due for a person and their active reports, without drafts the asker may not see", async () => {
    const { store, service, subject, boss } = await setUp();
    await service.saveDraft(
      subject,
      "self",
      subject.person.id,
      0,
      picks(subject, "mid"),
      accessOf(subject.person.id),
    );
    const asBoss = (a: { authorId: string | null; status: string }) =>
      a.status === "submitted" || a.authorId === boss.id;
    const due = await service.due(boss, asBoss);
    expect(due.standings.map((s) => s.person.name)).toEqual(["boss", "pete"]);
    expect(due.standings[1]?.byKind).toEqual({});
    const asPete = await service.standings([subject.person], undefined, () => true);
    expect(asPete[0]?.byKind.self?.status).toBe("draft");
    await store.people.deactivate(subject.person.id);
    expect((await service.due(boss, asBoss)).standings.map((s) => s.person.name)).toEqual(["boss"]);
  });

  it("reviews the submitted self and manager assessments, and the profile reads the latest of record", async () => {
    const { service, subject, boss } = await setUp();
    const submit = async (kind: "self" | "manager", authorId: string, level: string) => {
      const saved = await service.saveDraft(
        subject,
        kind,
        authorId,
        0,
        picks(subject, level),
        accessOf(authorId),
      );
      await service.submit((saved as { draft: Assessment }).draft);
    };
    await submit("self", subject.person.id, "senior");
    clock.advance(60_000);
    await submit("manager", boss.id, "mid");
    const review = await service.review(subject, accessOf(boss.id));
    expect(review).toMatchObject({
      self: { kind: "self" },
      manager: { kind: "manager" },
      agreedTaken: false,
    });
    expect(review.agreed).toBeUndefined();

    const source = await service.profileSource(subject, undefined, boss.id, accessOf(boss.id));
    expect(source?.assessment?.kind).toBe("manager");
    expect(source?.basis).toBe("the manager assessment, the latest of record");
    expect(await service.profileSource(subject, "not-an-id", boss.id, accessOf(boss.id))).toBeUndefined();
  });
});
