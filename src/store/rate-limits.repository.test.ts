import { expect, it } from "vitest";
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
});
