/**
 * The chain of versions an old assessment is carried along follows the framework's order, not the order
 * the store happened to meet the versions (issue 18 item 4: several servers on one database). Two servers
 * on one database: one upgraded to 2028.1 before the other, still on 2027.1, ever stored its snapshot. The
 * 2028 server must still carry a 2026.1 assessment through 2027.1's map.
 */
import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import {
  BAKERY_2026,
  BAKERY_2027,
  BAKERY_2028,
  loaded,
  PICKS_2026,
  submittedOn,
} from "../../test/support/versions.js";
import { snapshotOf } from "../core/assessment.js";
import { createStore } from "../store/store.js";
import { carriedReading } from "./carried-picks.js";

describeEachDatabase("carrying across versions met out of order", (ctx) => {
  it("orders the versions by their labels when two servers stored them the other way round", async () => {
    const clock = manualClock();
    const [first, second, third] = await Promise.all([
      loaded(BAKERY_2026),
      loaded(BAKERY_2027),
      loaded(BAKERY_2028),
    ]);
    // each server has its own store (its own caches) on the one database
    const server = () => createStore(ctx.database, { clock });
    const setup = server();
    const fw2026 = first.fw;
    await setup.snapshots.save(snapshotOf(fw2026.index as NonNullable<typeof fw2026.index>, fw2026.version));
    const robin = await setup.people.create({
      name: "Robin",
      email: "robin@example.com",
      framework: "bakery",
      level: "baker",
    });
    if (!robin.ok) throw new Error("person");
    const made = await submittedOn(setup, {
      personId: robin.value.id,
      authorId: robin.value.id,
      kind: "self",
      version: fw2026.version,
      picks: PICKS_2026,
    });
    const read = (store: ReturnType<typeof server>, fw: typeof third.fw) =>
      carriedReading(store, fw, fw.index as NonNullable<typeof fw.index>, made);

    // the upgraded server reads it first: 2028.1 is stored now, 2027.1 not yet
    clock.advance(60_000);
    await read(server(), third.fw);
    // the server still on 2027.1 reads it next: 2027.1 is stored after 2028.1
    clock.advance(60_000);
    expect((await read(server(), second.fw))?.picks.get("doughs")?.level).toBe("trainee");
    expect(await setup.snapshots.versions("bakery")).toEqual([
      fw2026.version,
      third.fw.version,
      second.fw.version,
    ]);

    // the upgraded server, restarted: dough → doughs (2027.1's map) → mixing and shaping (2028.1's)
    const reading = await read(server(), third.fw);
    expect(reading?.picks.get("mixing")?.level).toBe("trainee");
    expect(reading?.marks.get("shaping")).toEqual({ from: ["dough"], fate: "split", version: "2026.1" });
    expect(reading?.picks.get("baking")?.level).toBe("baker");
    expect(reading?.dropped).toEqual([
      expect.objectContaining({ competency: "teaching", note: expect.stringMatching(/^retired: /) }),
    ]);
  });
});
