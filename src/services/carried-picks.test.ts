/**
 * Assessments carried across framework versions (issue 16 item 4), in both databases: an assessment made on
 * the bakery ladder's 2026 version read on the 2027 one (a renamed level and competency, a split, a merge,
 * a retirement), a person's history followed across the change, and the team views' records.
 */
import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { bakery, PICKS_2026, PICKS_2027, submittedOn } from "../../test/support/versions.js";
import { createStore } from "../store/store.js";
import { type Assessed, AssessmentsService } from "./assessments.js";
import { carriedReading, carriedRecords } from "./carried-picks.js";
import { continuousHistory } from "./history.js";

describeEachDatabase("carried assessments", (ctx) => {
  async function setUp() {
    const clock = manualClock();
    const store = createStore(ctx.database, { clock });
    const { registry, old, current } = await bakery(store);
    const made = await store.people.create({
      name: "Robin",
      email: "robin@example.com",
      framework: "bakery",
      level: "baker",
    });
    if (!made.ok) throw new Error("person");
    const person = made.value;
    const fw = registry.get("bakery");
    if (!fw?.index) throw new Error("bakery");
    const subject: Assessed = { person, fw, index: fw.index };
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
