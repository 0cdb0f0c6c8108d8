import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { PeopleRepository } from "./people.repository.js";
import { hashSecretToken } from "./secret-token.js";
import { SessionsRepository } from "./sessions.repository.js";
import { ORGANIZATION_KEY, SettingsRepository } from "./settings.repository.js";
import type { Person } from "./types.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const policy = { idleMs: 2 * HOUR, absoluteMs: 24 * HOUR };

describeEachDatabase("sessions repository", (ctx) => {
  const clock = manualClock();
  const sessions = () => new SessionsRepository(ctx.database, clock);
  const people = () => new PeopleRepository(ctx.database, clock);
  async function person(email = "ada@example.com"): Promise<Person> {
    const outcome = await people().create({ name: "Ada", email });
    if (!outcome.ok) throw new Error("setup");
    return outcome.value;
  }

  it("hands out a random token once and stores only its SHA-256", async () => {
    const ada = await person();
    const { token, session } = await sessions().create(
      ada.id,
      { userAgent: "Firefox", ip: "203.0.113.9" },
      policy,
    );
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.id).toBe(hashSecretToken(token));
    expect(session).toMatchObject({
      personId: ada.id,
      userAgent: "Firefox",
      ip: "203.0.113.9",
      revokedAt: null,
    });
    const stored = await ctx.db.selectFrom("sessions").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);
    const other = await sessions().create(ada.id, {}, policy);
    expect(other.token).not.toBe(token);
  });

  it("looks up the session and its person by token", async () => {
    const ada = await person();
    const { token } = await sessions().create(ada.id, {}, policy);
    const found = await sessions().lookup(token);
    expect(found?.person).toEqual(ada);
    expect(found?.organization).toBeUndefined();
    expect(found?.session.expiresAt).toEqual(new Date(clock.now().getTime() + policy.absoluteMs));
    expect(await sessions().lookup(`${token}x`)).toBeUndefined();
    expect(await sessions().lookup("")).toBeUndefined();
    expect(await sessions().lookup("' OR 1=1 --")).toBeUndefined();
  });

  it("reads the organization's name with the session, in the same query", async () => {
    const ada = await person();
    const { token } = await sessions().create(ada.id, {}, policy);
    await new SettingsRepository(ctx.database).set(ORGANIZATION_KEY, "Acme");
    await new SettingsRepository(ctx.database).set("other.key", "not this");
    expect((await sessions().lookup(token))?.organization).toBe("Acme");
  });

  it("lapses after the idle time, and activity keeps it alive (touched at most once a minute)", async () => {
    const ada = await person();
    const { token, session } = await sessions().create(ada.id, {}, policy);
    clock.advance(30_000);
    expect((await sessions().lookup(token))?.session.lastSeenAt).toEqual(session.lastSeenAt); // no write yet
    clock.advance(HOUR);
    const touched = await sessions().lookup(token);
    expect(touched?.session.lastSeenAt).toEqual(clock.now());
    clock.advance(2 * HOUR - 1);
    expect(await sessions().lookup(token)).toBeDefined();
    clock.advance(2 * HOUR);
    expect(await sessions().lookup(token)).toBeUndefined();
  });

  it("lapses at the absolute expiry however active it is", async () => {
    const ada = await person();
    const { token } = await sessions().create(ada.id, {}, policy);
    for (let hours = 1; hours < 24; hours++) {
      clock.advance(HOUR);
      expect(await sessions().lookup(token)).toBeDefined();
    }
    clock.advance(HOUR);
    expect(await sessions().lookup(token)).toBeUndefined();
  });

  it("honours an explicit now", async () => {
    const ada = await person();
    const { token } = await sessions().create(ada.id, {}, policy);
    expect(await sessions().lookup(token, new Date(clock.now().getTime() + 25 * HOUR))).toBeUndefined();
    expect(await sessions().lookup(token, new Date(clock.now().getTime() + HOUR))).toBeDefined();
  });

  it("stops working when revoked, when signed out everywhere, or when the person is deactivated", async () => {
    const ada = await person();
    const bob = await person("bob@example.com");
    const one = await sessions().create(ada.id, {}, policy);
    const two = await sessions().create(ada.id, {}, policy);
    const three = await sessions().create(ada.id, {}, policy);
    const bobs = await sessions().create(bob.id, {}, policy);

    expect(await sessions().revoke(one.session.id, bob.id)).toBe(false); // not Bob's to revoke
    expect(await sessions().revoke(one.session.id, ada.id)).toBe(true);
    expect(await sessions().revoke(one.session.id)).toBe(false);
    expect(await sessions().lookup(one.token)).toBeUndefined();

    expect(await sessions().revokeAllFor(ada.id, two.session.id)).toBe(1);
    expect(await sessions().lookup(three.token)).toBeUndefined();
    expect(await sessions().lookup(two.token)).toBeDefined();
    expect(await sessions().lookup(bobs.token)).toBeDefined();

    await people().deactivate(ada.id);
    expect(await sessions().lookup(two.token)).toBeUndefined();
  });

  it("rotates: the new token works, the old one never again, and the absolute expiry carries over", async () => {
    const ada = await person();
    const first = await sessions().create(ada.id, { userAgent: "Old" }, policy);
    clock.advance(HOUR);
    const rotated = await sessions().rotate(first.token, { userAgent: "New", ip: "198.51.100.1" });
    expect(rotated).toBeDefined();
    if (!rotated) return;
    expect(rotated.token).not.toBe(first.token);
    expect(rotated.session).toMatchObject({
      userAgent: "New",
      ip: "198.51.100.1",
      expiresAt: first.session.expiresAt,
    });
    expect(await sessions().lookup(first.token)).toBeUndefined();
    expect((await sessions().lookup(rotated.token))?.person.id).toBe(ada.id);
    expect(await sessions().rotate(first.token)).toBeUndefined();
  });

  it("rotates a given session only once, even when asked twice at the same moment", async () => {
    const ada = await person();
    const { token } = await sessions().create(ada.id, {}, policy);
    const results = await Promise.all([sessions().rotate(token), sessions().rotate(token)]);
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    expect(await sessions().listFor(ada.id)).toHaveLength(1);
  });

  it("does not rotate an expired session", async () => {
    const ada = await person();
    const { token } = await sessions().create(ada.id, {}, policy);
    clock.advance(3 * HOUR);
    expect(await sessions().rotate(token)).toBeUndefined();
  });

  it("lists a person's live sessions, most recent first, and prunes dead ones", async () => {
    const ada = await person();
    const old = await sessions().create(ada.id, { userAgent: "Old" }, policy);
    clock.advance(MINUTE);
    const recent = await sessions().create(ada.id, { userAgent: "Recent" }, policy);
    const revoked = await sessions().create(ada.id, {}, policy);
    await sessions().revoke(revoked.session.id);
    expect((await sessions().listFor(ada.id)).map((s) => s.userAgent)).toEqual(["Recent", "Old"]);
    expect(await sessions().listFor("garbage")).toEqual([]);

    clock.advance(2 * HOUR - MINUTE); // Old is now idle too long, Recent is not
    await sessions().lookup(recent.token);
    expect((await sessions().listFor(ada.id)).map((s) => s.userAgent)).toEqual(["Recent"]);
    expect(await sessions().prune()).toBe(2);
    expect(await sessions().lookup(old.token)).toBeUndefined();
    expect((await ctx.db.selectFrom("sessions").select("id").execute()).map((r) => r.id)).toEqual([
      recent.session.id,
    ]);
    clock.advance(24 * HOUR);
    expect(await sessions().prune()).toBe(1);
  });

  it("keeps hostile header values as inert, single-line text", async () => {
    const ada = await person();
    const ua = "Mozilla'); DROP TABLE sessions;--\u0000\n<script>x</script>";
    const { token } = await sessions().create(ada.id, { userAgent: ua, ip: "x".repeat(500) }, policy);
    const found = await sessions().lookup(token);
    expect(found?.session.userAgent).toBe("Mozilla'); DROP TABLE sessions;--<script>x</script>");
    expect(found?.session.ip).toHaveLength(64);
  });

  it("deletes a person's sessions with the person", async () => {
    const ada = await person();
    await sessions().create(ada.id, {}, policy);
    await ctx.db.deleteFrom("people").execute();
    expect(await ctx.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
  });
});
