import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { CyclesRepository } from "./cycles.repository.js";
import type { Outcome } from "./types.js";

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.problems)}`);
  return outcome.value;
}

function codes<T>(outcome: Outcome<T>): string[] {
  return outcome.ok ? [] : outcome.problems.map((p) => `${p.field ?? ""}:${p.code}`);
}

describeEachDatabase("cycles repository", (ctx) => {
  const clock = manualClock();
  const cycles = () => new CyclesRepository(ctx.database, clock);

  it("opens a cycle and reads it back", async () => {
    const spring = value(
      await cycles().create({ name: " Spring 2030 ", startsOn: "2030-03-01", endsOn: "2030-04-30" }),
    );
    expect(spring).toMatchObject({
      name: "Spring 2030",
      startsOn: "2030-03-01",
      endsOn: "2030-04-30",
      status: "open",
      closedAt: null,
      version: 1,
    });
    expect(spring.createdAt).toEqual(clock.now());
    expect(await cycles().get(spring.id)).toEqual(spring);
    expect(await cycles().get("not-an-id")).toBeUndefined();
    expect(await cycles().get("00000000-0000-4000-8000-000000000000")).toBeUndefined();
  });

  it("refuses bad names and dates, listing every problem, and stores nothing", async () => {
    expect(codes(await cycles().create({ name: "", startsOn: "2030-02-30", endsOn: "tomorrow" }))).toEqual([
      "name:required",
      "startsOn:invalid-date",
      "endsOn:invalid-date",
    ]);
    expect(
      codes(await cycles().create({ name: "x".repeat(201), startsOn: "2030-01-01", endsOn: "2030-01-01" })),
    ).toEqual(["name:too-long"]);
    expect(
      codes(await cycles().create({ name: "Backwards", startsOn: "2030-05-01", endsOn: "2030-04-30" })),
    ).toEqual(["endsOn:dates-out-of-order"]);
    expect(
      codes(await cycles().create({ name: "Typed wrong", startsOn: 20300101 as never, endsOn: "" as never })),
    ).toEqual(["startsOn:invalid-date", "endsOn:required"]);
    expect(await cycles().list()).toEqual([]);
    // a one-day cycle is fine
    expect(
      (await cycles().create({ name: "One day", startsOn: "2032-02-29", endsOn: "2032-02-29" })).ok,
    ).toBe(true);
  });

  it("lists the latest start first; the current cycle is the open one that started last", async () => {
    const a = value(await cycles().create({ name: "A", startsOn: "2030-01-01", endsOn: "2030-02-01" }));
    const c = value(await cycles().create({ name: "C", startsOn: "2030-09-01", endsOn: "2030-10-01" }));
    const b = value(await cycles().create({ name: "B", startsOn: "2030-05-01", endsOn: "2030-06-01" }));
    expect((await cycles().list()).map((x) => x.name)).toEqual(["C", "B", "A"]);
    expect((await cycles().current())?.id).toBe(c.id);
    value(await cycles().close(c.id));
    expect((await cycles().current())?.id).toBe(b.id);
    value(await cycles().close(b.id));
    value(await cycles().close(a.id));
    expect(await cycles().current()).toBeUndefined();
  });

  it("closes with a version check; closing twice is harmless; a stale version gets the stored cycle", async () => {
    const cycle = value(await cycles().create({ name: "Q1", startsOn: "2030-01-01", endsOn: "2030-03-31" }));
    clock.advance(60_000);
    const closed = value(await cycles().close(cycle.id, cycle.version));
    expect(closed).toMatchObject({ status: "closed", version: 2 });
    expect(closed.closedAt).toEqual(clock.now());
    clock.advance(60_000);
    // already closed: the same record, not closed again
    expect(value(await cycles().close(cycle.id, cycle.version))).toEqual(closed);
    expect(value(await cycles().close(cycle.id))).toEqual(closed);

    const open = value(await cycles().create({ name: "Q2", startsOn: "2030-04-01", endsOn: "2030-06-30" }));
    const stale = await cycles().close(open.id, open.version + 5);
    expect(codes(stale)).toEqual([":stale-version"]);
    expect(stale.ok ? undefined : stale.current).toEqual(open);
    expect((await cycles().get(open.id))?.status).toBe("open");

    expect(codes(await cycles().close("00000000-0000-4000-8000-000000000000"))).toEqual([":not-found"]);
    expect(codes(await cycles().close("'; drop table cycles; --"))).toEqual([":not-found"]);
  });
});
