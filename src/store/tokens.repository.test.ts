import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { PeopleRepository } from "./people.repository.js";
import { TokensRepository } from "./tokens.repository.js";

const MINUTE = 60_000;

describeEachDatabase("one-time tokens repository", (ctx) => {
  const clock = manualClock();
  const tokens = () => new TokensRepository(ctx.database, clock);

  it("returns a token's content once, for its purpose only", async () => {
    const token = await tokens().issue("setup", { payload: '{"next":"/admin"}', ttlMs: 30 * MINUTE });
    expect(await tokens().consume("reset", token)).toBeUndefined();
    const used = await tokens().consume("setup", token);
    expect(used).toEqual({
      purpose: "setup",
      personId: null,
      payload: '{"next":"/admin"}',
      expiresAt: new Date(clock.now().getTime() + 30 * MINUTE),
      usedAt: clock.now(),
    });
    expect(await tokens().consume("setup", token)).toBeUndefined();
    const stored = await ctx.db.selectFrom("one_time_tokens").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("find tells a usable token without using it up", async () => {
    const token = await tokens().issue("setup", { payload: "p", ttlMs: 30 * MINUTE });
    expect(await tokens().find("reset", token)).toBeUndefined();
    expect(await tokens().find("setup", token)).toEqual({
      personId: null,
      payload: "p",
      expiresAt: new Date(clock.now().getTime() + 30 * MINUTE),
    });
    expect(await tokens().find("setup", token)).toBeDefined();
    expect(await tokens().consume("setup", token)).toBeDefined();
    expect(await tokens().find("setup", token)).toBeUndefined();
    const later = await tokens().issue("setup", { ttlMs: MINUTE });
    expect(await tokens().find("setup", later, new Date(clock.now().getTime() + MINUTE))).toBeUndefined();
    expect(await tokens().find("setup", "x".repeat(500))).toBeUndefined();
  });

  it("expires", async () => {
    const token = await tokens().issue("setup", { ttlMs: 30 * MINUTE });
    clock.advance(30 * MINUTE);
    expect(await tokens().consume("setup", token)).toBeUndefined();
    expect(await tokens().consume("setup", token, new Date(clock.now().getTime() - MINUTE))).toBeDefined();
  });

  it("lets exactly one of two simultaneous consumptions win", async () => {
    // PostgreSQL: two pools (two app processes) racing on one row
    const other = ctx.dialect === "postgres" ? new TokensRepository(ctx.openAnother(), clock) : tokens();
    for (let round = 0; round < 10; round++) {
      const token = await tokens().issue("oidc-state", { payload: `state ${round}`, ttlMs: MINUTE });
      const results = await Promise.all([
        tokens().consume("oidc-state", token),
        other.consume("oidc-state", token),
      ]);
      expect(results.filter((r) => r !== undefined).map((r) => r?.payload)).toEqual([`state ${round}`]);
    }
  });

  it("ties reset tokens to a person, voids older ones and goes with the person", async () => {
    const created = await new PeopleRepository(ctx.database, clock).create({
      name: "Ada",
      email: "ada@example.com",
    });
    if (!created.ok) throw new Error("setup");
    const ada = created.value;
    const first = await tokens().issue("reset", { personId: ada.id, ttlMs: MINUTE });
    expect(await tokens().revokeFor(ada.id, "reset")).toBe(1);
    const second = await tokens().issue("reset", { personId: ada.id, ttlMs: MINUTE });
    expect(await tokens().consume("reset", first)).toBeUndefined();
    expect((await tokens().consume("reset", second))?.personId).toBe(ada.id);
    await tokens().issue("reset", { personId: ada.id, ttlMs: MINUTE });
    await ctx.db.deleteFrom("people").execute();
    expect(await ctx.db.selectFrom("one_time_tokens").selectAll().execute()).toHaveLength(0);
  });

  it("prunes used and expired tokens", async () => {
    const used = await tokens().issue("setup", { ttlMs: MINUTE });
    await tokens().consume("setup", used);
    await tokens().issue("setup", { ttlMs: MINUTE });
    const live = await tokens().issue("setup", { ttlMs: 10 * MINUTE });
    clock.advance(2 * MINUTE);
    expect(await tokens().prune()).toBe(2);
    expect(await tokens().consume("setup", live)).toBeDefined();
  });

  it("refuses nonsense from the program as a fault", async () => {
    await expect(tokens().issue("setup", { ttlMs: 0 })).rejects.toThrow(RangeError);
    await expect(tokens().issue("login" as never, { ttlMs: 1 })).rejects.toThrow(RangeError);
  });
});
