import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { createStore } from "./store.js";

/*
 * Several app processes behind a load balancer share one database: whatever one of them writes (a sign-in,
 * a rate-limit hit, a lock) the others must see. Each `openDatabase` here is a separate connection pool,
 * as in a separate process.
 */
describeEachDatabase("several app instances on one database", (ctx) => {
  const clock = manualClock();
  const policy = { idleMs: 3_600_000, absoluteMs: 86_400_000 };

  it("share sessions: signed in on one, known on the other; signed out on one, gone on both", async () => {
    const one = createStore(ctx.database, { clock });
    const two = createStore(ctx.openAnother(), { clock });
    const created = await one.people.create({ name: "Ada", email: "ada@example.com" });
    if (!created.ok) throw new Error("setup");
    const { token, session } = await one.sessions.create(created.value.id, {}, policy);
    expect((await two.sessions.lookup(token))?.person.email).toBe("ada@example.com");
    expect(await two.sessions.revoke(session.id)).toBe(true);
    expect(await one.sessions.lookup(token)).toBeUndefined();
  });

  it("share rate limits: hits on either count against one limit", async () => {
    const one = createStore(ctx.database, { clock });
    const two = createStore(ctx.openAnother(), { clock });
    const decisions = [];
    for (let i = 0; i < 3; i++) {
      decisions.push((await one.rateLimits.hit("signin:ada", 4, 60_000)).allowed);
      decisions.push((await two.rateLimits.hit("signin:ada", 4, 60_000)).allowed);
    }
    expect(decisions).toEqual([true, true, true, true, false, false]);
  });

  it("share locks and one-time tokens", async () => {
    const one = createStore(ctx.database, { clock });
    const two = createStore(ctx.openAnother(), { clock });
    expect(await one.locks.tryAcquire("prune", "one", 60_000)).toBe(true);
    expect(await two.locks.tryAcquire("prune", "two", 60_000)).toBe(false);
    const token = await one.tokens.issue("setup", { ttlMs: 60_000 });
    expect(await two.tokens.consume("setup", token)).toBeDefined();
    expect(await one.tokens.consume("setup", token)).toBeUndefined();
  });
});
