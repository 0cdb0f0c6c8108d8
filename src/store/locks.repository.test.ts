import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { LocksRepository } from "./locks.repository.js";

describeEachDatabase("locks repository", (ctx) => {
  const clock = manualClock();
  const locks = () => new LocksRepository(ctx.database, clock);

  it("gives a lock to one owner until it is released or its lease runs out", async () => {
    expect(await locks().tryAcquire("prune", "process-a", 30_000)).toBe(true);
    expect(await locks().tryAcquire("prune", "process-b", 30_000)).toBe(false);
    expect(await locks().holder("prune")).toBe("process-a");
    expect(await locks().tryAcquire("other-job", "process-b", 30_000)).toBe(true);

    expect(await locks().release("prune", "process-b")).toBe(false);
    expect(await locks().release("prune", "process-a")).toBe(true);
    expect(await locks().tryAcquire("prune", "process-b", 30_000)).toBe(true);

    clock.advance(29_999);
    expect(await locks().tryAcquire("prune", "process-a", 30_000)).toBe(false);
    clock.advance(1);
    expect(await locks().holder("prune")).toBeUndefined();
    expect(await locks().tryAcquire("prune", "process-a", 30_000)).toBe(true);
  });

  it("lets the holder renew its lease", async () => {
    await locks().tryAcquire("export", "a", 10_000);
    clock.advance(9_000);
    expect(await locks().tryAcquire("export", "a", 10_000)).toBe(true);
    clock.advance(9_000);
    expect(await locks().tryAcquire("export", "b", 10_000)).toBe(false);
  });

  it("grants a free lock to exactly one of several processes asking at once", async () => {
    const other = ctx.dialect === "postgres" ? new LocksRepository(ctx.openAnother(), clock) : locks();
    const results = await Promise.all(
      ["a", "b", "c", "d"].map((owner, i) => (i % 2 ? other : locks()).tryAcquire("job", owner, 10_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
