import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { API_TOKEN_PREFIX, API_TOKENS_PER_PERSON, ApiTokensRepository } from "./api-tokens.repository.js";
import { PeopleRepository } from "./people.repository.js";
import type { Person } from "./types.js";

describeEachDatabase("API tokens repository", (ctx) => {
  const clock = manualClock();
  const tokens = () => new ApiTokensRepository(ctx.database, clock);
  const people = () => new PeopleRepository(ctx.database, clock);
  const person = async (email: string): Promise<Person> => {
    const made = await people().create({ name: email.split("@")[0] as string, email });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    return made.value;
  };

  it("shows the secret once, stores only its hash, and finds the active person it acts for", async () => {
    const ada = await person("ada@example.com");
    const made = await tokens().create(ada.id, "  nightly export  ");
    if (!made.ok) throw new Error(made.problem);
    expect(made.secret).toMatch(new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`));
    expect(made.token).toMatchObject({ personId: ada.id, email: "ada@example.com", name: "nightly export" });
    const stored = await ctx.db.selectFrom("api_tokens").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(made.secret.slice(API_TOKEN_PREFIX.length));

    const found = await tokens().lookup(made.secret);
    expect([found?.person.id, found?.token.name]).toEqual([ada.id, "nightly export"]);
    expect((await tokens().list({ personId: ada.id }))[0]?.lastUsedAt).toEqual(clock.now());
    for (const wrong of [
      "",
      made.secret.slice(API_TOKEN_PREFIX.length),
      `${made.secret}x`,
      "rungs_".repeat(100),
    ])
      expect(await tokens().lookup(wrong)).toBeUndefined();

    // a deactivated person's tokens sign nobody in
    expect((await people().deactivate(ada.id)).ok).toBe(true);
    expect(await tokens().lookup(made.secret)).toBeUndefined();
  });

  it("revokes a token for good, only its holder's when asked as the holder", async () => {
    const bo = await person("bo@example.com");
    const cy = await person("cy@example.com");
    const made = await tokens().create(bo.id, "ci");
    if (!made.ok) throw new Error(made.problem);
    expect(await tokens().revoke(made.token.id, cy.id)).toBe(false);
    expect(await tokens().lookup(made.secret)).toBeDefined();
    expect(await tokens().revoke(made.token.id, bo.id)).toBe(true);
    expect(await tokens().lookup(made.secret)).toBeUndefined();
    expect(await tokens().revoke(made.token.id)).toBe(false);
    // deleting a person deletes their tokens with them
    const kept = await tokens().create(cy.id, "kept until Cy goes");
    if (!kept.ok) throw new Error(kept.problem);
    await ctx.db.deleteFrom("people").where("id", "=", cy.id).execute();
    expect(await tokens().list()).toEqual([]);
  });

  it("refuses a blank, long or multi-line name and more than the tokens a person may hold", async () => {
    const di = await person("di@example.com");
    expect(await tokens().create(di.id, " ")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("needs a name"),
    });
    expect(await tokens().create(di.id, "x".repeat(101))).toMatchObject({ ok: false });
    expect(await tokens().create(di.id, "a\nb")).toMatchObject({ ok: false });
    for (let i = 0; i < API_TOKENS_PER_PERSON; i++)
      expect((await tokens().create(di.id, `t${i}`)).ok).toBe(true);
    expect(await tokens().create(di.id, "one more")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("at most 20"),
    });
    expect(await tokens().list({ personId: di.id })).toHaveLength(API_TOKENS_PER_PERSON);
  });
});
