/**
 * Assessments carried across framework versions (issue 16 item 4), in both databases: an assessment made on
 * the bakery ladder's 2026 version read on the 2027 one (a renamed level and competency, a split, a merge,
 * a retirement), a person's history followed across the change, and the team views' records.
 */
import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { bakery, bakeryChain, PICKS_2026, PICKS_2027, submittedOn } from "../../test/support/versions.js";
import type { FrameworkRegistry } from "../load/registry.js";
import { createStore, type Store } from "../store/store.js";
import { type Assessed, AssessmentsService } from "./assessments.js";
import { carriedReading, carriedRecords } from "./carried-picks.js";
import { continuousHistory } from "./history.js";

/** Robin, a baker on the served bakery ladder, as the services take a person assessed on it. */
async function robinOn(store: Store, registry: FrameworkRegistry): Promise<Assessed> {
  const made = await store.people.create({
    name: "Robin",
    email: "robin@example.com",
    framework: "bakery",
    level: "baker",
  });
  if (!made.ok) throw new Error("person");
  const fw = registry.get("bakery");
  if (!fw?.index) throw new Error("bakery");
  return { person: made.value, fw, index: fw.index };
}

describeEachDatabase("carried assessments", (ctx) => {
  async function setUp() {
    const clock = manualClock();
    const store = createStore(ctx.database, { clock });
    const { registry, old, current } = await bakery(store);
    const subject = await robinOn(store, registry);
    const { person } = subject;
    const before = await submittedOn(store, {
      personId: person.id,
      authorId: person.id,
      kind: "self",
      version: old.version,
      picks: PICKS_2026,
    });
    clock.advance(90 * 24 * 3600 * 1000);
    const after = await submittedOn(store, {
      personId: person.id,
      authorId: person.id,
      kind: "self",
      version: current.version,
      picks: PICKS_2027,
    });
    return { store, registry, subject, before, after, old, current };
  }

  it("reads an assessment of the earlier version on the loaded one, every moved value marked", async () => {
    const { store, subject, before, after } = await setUp();
    const reading = await carriedReading(store, subject.fw, subject.index, before);
    if (!reading) throw new Error("an assessment of 2026 should be carried");
    expect(reading.from).toBe("2026.1");
    expect(reading.snapshot.label).toBe("2027.1");
    const level = (id: string) => reading.picks.get(id)?.level;
    // renamed competency and level: followed, evidence and all
    expect(level("doughs")).toBe("trainee");
    expect(reading.picks.get("doughs")?.evidence).toBe("Mixed the rye dough every morning in May.");
    expect(reading.marks.get("doughs")).toEqual({ from: ["dough"], fate: "renamed", version: "2026.1" });
    // a split: shown on both parts
    expect([level("firing"), level("oven-care")]).toEqual(["baker", "baker"]);
    expect(reading.marks.get("oven-care")).toMatchObject({ from: ["ovens"], fate: "split" });
    // a merge: the lower of the two picks, both old ids named
    expect(level("kitchen-care")).toBe("baker");
    expect(reading.marks.get("kitchen-care")).toMatchObject({ fate: "merged" });
    expect(reading.marks.get("kitchen-care")?.from.sort()).toEqual(["hygiene", "ordering"]);
    // a retirement: not carried, said with the map's note and the old name
    expect(reading.dropped).toEqual([
      expect.objectContaining({
        competency: "teaching",
        name: "Teaching",
        note: expect.stringContaining("retired"),
      }),
    ]);
    expect(reading.picks.has("customers")).toBe(false);
    // made on the loaded version: nothing to carry
    expect(await carriedReading(store, subject.fw, subject.index, after)).toBeUndefined();
  });

  it("follows each competency through the history, the version change at the round it happened", async () => {
    const { store, subject } = await setUp();
    const { rounds, changes } = await new AssessmentsService(store).history(subject);
    const history = await continuousHistory(store, subject, rounds, changes);
    const line = (id: string) => history.lines.find((l) => l.competency === id);
    expect(history.changes).toEqual([{ at: 1, from: "2026.1", to: "2027.1" }]);
    expect(line("doughs")?.cells.map((c) => c?.levelName)).toEqual(["Trainee", "Baker"]);
    expect(line("doughs")?.cells.map((c) => c?.mark?.from)).toEqual([["dough"], undefined]);
    expect(line("oven-care")?.cells.map((c) => c?.level)).toEqual(["baker", "baker"]);
    // new in 2027: not there in the first round
    expect(line("customers")?.cells.map((c) => c?.level)).toEqual([undefined, "trainee"]);
    // retired: a line of its own while it lasted
    expect(line("teaching")).toMatchObject({ name: "Teaching", retired: expect.any(String) });
    expect(line("teaching")?.cells.map((c) => c?.levelName)).toEqual(["Baker", undefined]);
    // what changed last time reads across the change: Doughs went up a level, not "removed and added"
    expect(history.latest?.changed).toContainEqual(
      expect.objectContaining({ competency: "doughs", from: "trainee", to: "baker", delta: 1 }),
    );
    expect(history.latest?.changed.map((c) => c.competency)).not.toContain("dough");
    expect(history.latest?.framework?.removed.map((r) => r.id)).toContain("teaching");
  });

  it("carries the team views' records of the earlier version, and leaves the loaded version's alone", async () => {
    const { store, registry, before, after } = await setUp();
    const record = (a: typeof before) => ({
      framework: a.framework,
      frameworkVersion: a.frameworkVersion,
      picks: new Map(a.picks.flatMap((p) => (p.level ? [[p.competency, p.level] as const] : []))),
    });
    const { records, marks } = await carriedRecords(
      store,
      registry,
      new Map([
        ["old", record(before)],
        ["new", record(after)],
      ]),
    );
    expect(Object.fromEntries(records.get("old")?.picks ?? [])).toEqual({
      doughs: "trainee",
      firing: "baker",
      "oven-care": "baker",
      "kitchen-care": "baker",
    });
    expect(marks.get("old")?.get("firing")).toMatchObject({
      from: ["ovens"],
      fate: "split",
      version: "2026.1",
    });
    expect(records.get("new")?.picks.get("customers")).toBe("trainee");
    expect(marks.has("new")).toBe(false);
  });
});

describeEachDatabase("carried through a chain of versions", (ctx) => {
  // 2026.1 → 2027.1 renames "dough" to "doughs" and splits "ovens" into "firing" and "oven-care";
  // 2027.1 → 2028.1 splits "doughs" into "mixing" and "shaping", renames "firing" to "baking" and the
  // level "head-baker" to "master-baker"
  async function setUp() {
    const clock = manualClock();
    const store = createStore(ctx.database, { clock });
    const { registry, v2026, v2027 } = await bakeryChain(store, clock);
    const subject = await robinOn(store, registry);
    const on = (version: string, picks: typeof PICKS_2026) =>
      submittedOn(store, {
        personId: subject.person.id,
        authorId: subject.person.id,
        kind: "self",
        version,
        picks,
      });
    const first = await on(v2026.version, PICKS_2026);
    clock.advance(1000);
    const second = await on(v2027.version, PICKS_2027);
    return { store, registry, subject, first, second };
  }

  it("carries a pick made two versions back through both maps, marked with the id it was made on", async () => {
    const { store, subject, first } = await setUp();
    const reading = await carriedReading(store, subject.fw, subject.index, first);
    if (!reading) throw new Error("an assessment of 2026 should be carried");
    const level = (id: string) => reading.picks.get(id)?.level;
    // renamed, then split: on both parts, with its evidence
    expect([level("mixing"), level("shaping")]).toEqual(["trainee", "trainee"]);
    expect(reading.picks.get("shaping")?.evidence).toBe("Mixed the rye dough every morning in May.");
    expect(reading.marks.get("mixing")).toEqual({ from: ["dough"], fate: "split", version: "2026.1" });
    // split, then renamed: still the split, under today's name
    expect(level("baking")).toBe("baker");
    expect(reading.marks.get("baking")).toEqual({ from: ["ovens"], fate: "split", version: "2026.1" });
    // merged in 2027, the merged one's level renamed in 2028 (the lower pick, "baker", wins)
    expect(level("kitchen-care")).toBe("baker");
    expect(reading.marks.get("kitchen-care")?.from.sort()).toEqual(["hygiene", "ordering"]);
    expect(reading.dropped.map((d) => d.competency)).toEqual(["teaching"]);
    expect(reading.picks.has("doughs")).toBe(false);
    expect(reading.picks.has("firing")).toBe(false);
  });

  it("carries the 2027 assessment one step, and the levels renamed since", async () => {
    const { store, subject, second } = await setUp();
    const reading = await carriedReading(store, subject.fw, subject.index, second);
    expect(reading?.picks.get("baking")?.level).toBe("master-baker");
    expect(reading?.marks.get("baking")).toEqual({ from: ["firing"], fate: "renamed", version: "2027.1" });
    expect(reading?.picks.get("mixing")?.level).toBe("baker");
  });

  it("keeps the history continuous across both changes", async () => {
    const { store, subject } = await setUp();
    const { rounds, changes } = await new AssessmentsService(store).history(subject);
    const history = await continuousHistory(store, subject, rounds, changes);
    const line = (id: string) => history.lines.find((l) => l.competency === id);
    expect(line("mixing")?.cells.map((c) => c?.levelName)).toEqual(["Trainee", "Baker"]);
    expect(line("baking")?.cells.map((c) => c?.levelName)).toEqual(["Baker", "Master baker"]);
    // only a competency the maps lead nowhere is a retired line: not the renamed and split ones
    expect(history.lines.filter((l) => l.retired !== undefined).map((l) => l.competency)).toEqual([
      "teaching",
    ]);
  });
});
