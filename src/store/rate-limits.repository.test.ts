import { describe, expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { RateLimitsRepository } from "./rate-limits.repository.js";

const MINUTE = 60_000;

describeEachDatabase("rate limits repository", (ctx) => {
  const clock = manualClock("2030-01-01T00:00:10.000Z");
  const limits = () => new RateLimitsRepository(ctx.database, clock);

  it("allows up to the limit per window, then says how long to wait", async () => {
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limits().hit("signin:ada@example.com", 3, MINUTE));
    expect(decisions).toEqual([
      { allowed: true, remaining: 2, retryAfterMs: 0 },
      { allowed: true, remaining: 1, retryAfterMs: 0 },
      { allowed: true, remaining: 0, retryAfterMs: 0 },
      { allowed: false, remaining: 0, retryAfterMs: 50_000 },
    ]);
    expect((await limits().hit("signin:bob@example.com", 3, MINUTE)).allowed).toBe(true);
    clock.advance(50_000);
    expect(await limits().hit("signin:ada@example.com", 3, MINUTE)).toEqual({
      allowed: true,
      remaining: 2,
      retryAfterMs: 0,
    });
  });

  it("counts every one of many simultaneous hits", async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, () => limits().hit("ip:203.0.113.9", 10, MINUTE)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    const rows = await ctx.db.selectFrom("rate_limits").select("count").execute();
    expect(rows.map((r) => Number(r.count))).toEqual([25]);
  });

  it("clears a key and prunes ended windows", async () => {
    await limits().hit("a", 1, MINUTE);
    await limits().hit("a", 1, MINUTE);
    await limits().hit("b", 1, 10 * MINUTE);
    await limits().clear("a");
    expect((await limits().hit("a", 1, MINUTE)).allowed).toBe(true);
    clock.advance(MINUTE);
    expect(await limits().prune()).toBe(1);
    expect(await ctx.db.selectFrom("rate_limits").select("key").execute()).toEqual([{ key: "b" }]);
  });

  it("treats SQL-looking keys as plain keys", async () => {
    const key = "ip:1'); DELETE FROM rate_limits; --";
    await limits().hit("other", 5, MINUTE);
    expect((await limits().hit(key, 1, MINUTE)).allowed).toBe(true);
    expect((await limits().hit(key, 1, MINUTE)).allowed).toBe(false);
    expect((await ctx.db.selectFrom("rate_limits").select("key").orderBy("key").execute()).length).toBe(2);
  });

  it("peeks at a window without counting", async () => {
    await limits().hit("account:ada", 2, MINUTE);
    expect(await limits().peek("account:ada", 2, MINUTE)).toEqual({
      allowed: true,
      remaining: 1,
      retryAfterMs: 0,
    });
    await limits().hit("account:ada", 2, MINUTE);
    const refused = await limits().peek("account:ada", 2, MINUTE);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    // the same wait a hit would have been told
    expect(refused.retryAfterMs).toBe((await limits().hit("account:ada", 2, MINUTE)).retryAfterMs);
    expect(await limits().peek("account:nobody", 2, MINUTE)).toEqual({
      allowed: true,
      remaining: 2,
      retryAfterMs: 0,
    });
    // three hits, and the peeks counted nothing
    expect(
      (await ctx.db.selectFrom("rate_limits").select("count").execute()).map((r) => Number(r.count)),
    ).toEqual([3]);
  });

  describe("runs of attempts with growing waits", () => {
    // two free, then 1 s doubling; forgotten an hour after the last attempt
    const waitAfter = (attempts: number) => (attempts < 2 ? 0 : 1_000 * 2 ** (attempts - 2));
    const attempt = (key = "pair") => limits().attempt(key, waitAfter, 60 * MINUTE);

    it("lets the free attempts through, then makes each wait longer, counted from the last attempt", async () => {
      expect(await attempt()).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0, attempts: 1 });
      expect(await attempt()).toMatchObject({ allowed: true, attempts: 2 });
      expect(await attempt()).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1_000, attempts: 2 });
      clock.advance(400);
      expect(await attempt()).toMatchObject({ allowed: false, retryAfterMs: 600 });
      clock.advance(600);
      expect(await attempt()).toMatchObject({ allowed: true, attempts: 3 });
      expect(await attempt()).toMatchObject({ allowed: false, retryAfterMs: 2_000 });
      clock.advance(2_000);
      expect(await attempt()).toMatchObject({ allowed: true, attempts: 4 });
      // another key has its own run
      expect(await attempt("other")).toMatchObject({ allowed: true, attempts: 1 });
    });

    it("lets only one of many simultaneous attempts through each gap", async () => {
      const first = await Promise.all(Array.from({ length: 20 }, () => attempt()));
      expect(first.filter((d) => d.allowed)).toHaveLength(2);
      clock.advance(1_000);
      const next = await Promise.all(Array.from({ length: 20 }, () => attempt()));
      expect(next.filter((d) => d.allowed)).toHaveLength(1);
      const rows = await ctx.db.selectFrom("rate_limits").select("count").execute();
      expect(rows.map((r) => Number(r.count))).toEqual([3]);
    });

    it("forgets a run when cleared, and once it has been quiet long enough (pruned then)", async () => {
      for (let i = 0; i < 2; i++) await attempt();
      await limits().clear("pair");
      expect(await attempt()).toMatchObject({ allowed: true, attempts: 1 });
      await attempt();
      expect(await attempt()).toMatchObject({ allowed: false });
      clock.advance(60 * MINUTE);
      expect(await attempt()).toMatchObject({ allowed: true, attempts: 1 });
      clock.advance(60 * MINUTE);
      expect(await limits().prune()).toBe(1);
      expect(await ctx.db.selectFrom("rate_limits").select("key").execute()).toEqual([]);
    });
  });
});
