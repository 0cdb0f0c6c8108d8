import fc from "fast-check";
import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { PeopleRepository } from "./people.repository.js";
import { isConflict, type NewPerson, type Outcome, type Person, type PersonScope } from "./types.js";

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.problems)}`);
  return outcome.value;
}

function codes<T>(outcome: Outcome<T>): string[] {
  return outcome.ok ? [] : outcome.problems.map((p) => p.code);
}

describeEachDatabase("people repository", (ctx) => {
  const clock = manualClock();
  const people = () => new PeopleRepository(ctx.database, clock);
  const add = async (name: string, extra: Partial<NewPerson> = {}): Promise<Person> =>
    value(
      await people().create({
        name,
        email: `${name.toLowerCase().replace(/\W+/g, ".")}@example.com`,
        ...extra,
      }),
    );

  it("creates a person and finds them by id and by email in any case", async () => {
    const ada = value(
      await people().create({ name: " Ada Lovelace ", email: "Ada@Example.com", level: "L5", admin: true }),
    );
    expect(ada).toMatchObject({
      name: "Ada Lovelace",
      email: "Ada@Example.com",
      managerId: null,
      level: "L5",
      framework: null,
      active: true,
      admin: true,
      hasPassword: false,
      version: 1,
    });
    expect(ada.createdAt).toEqual(clock.now());
    expect(await people().get(ada.id)).toEqual(ada);
    expect(await people().getByEmail("  ADA@example.COM ")).toEqual(ada);
    expect(await people().get("not-a-uuid")).toBeUndefined();
    expect(await people().get("00000000-0000-4000-8000-000000000000")).toBeUndefined();
  });

  it("refuses a second person with the same email ignoring case, as a conflict", async () => {
    await people().create({ name: "Ada", email: "ada@example.com" });
    const again = await people().create({ name: "Other Ada", email: "  ADA@EXAMPLE.COM" });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.problems).toHaveLength(1);
    expect(again.problems[0]).toMatchObject({ kind: "conflict", code: "email-taken", field: "email" });
    expect(isConflict(again.problems[0] as never)).toBe(true);
    expect((await people().list()).total).toBe(1);
  });

  it("lists every input problem at once, without storing anything", async () => {
    const outcome = await people().create({
      name: "  ",
      email: "not an email",
      role: "x".repeat(201),
      track: "bad\u0000byte",
      managerId: "00000000-0000-4000-8000-000000000000",
    });
    expect(codes(outcome).sort()).toEqual([
      "invalid-email",
      "invalid-text",
      "manager-not-found",
      "required",
      "too-long",
    ]);
    expect(outcome.ok ? [] : outcome.problems.map((p) => p.field).sort()).toEqual([
      "email",
      "managerId",
      "name",
      "role",
      "track",
    ]);
    expect((await people().list()).total).toBe(0);
  });

  it("refuses a name holding a text-direction override or isolate, which would reorder the text around it", async () => {
    for (const name of ["Ann \u202eeiD", "Ann\u202a B", "\u2066Ann\u2069", "Ann\u2067 B"]) {
      const outcome = await people().create({ name, email: "ann@example.com" });
      expect(outcome.ok ? [] : outcome.problems).toEqual([
        expect.objectContaining({
          code: "invalid-text",
          field: "name",
          message: expect.stringContaining("text-direction"),
        }),
      ]);
    }
    // right-to-left names and the direction marks that change no order but their own are names
    const created = await people().create({
      name: "\u05d3\u05d5\u05d3 Levi\u200f",
      email: "dud@example.com",
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const renamed = await people().update(created.value.id, created.value.version, { name: "Dud \u202e" });
    expect(renamed.ok ? [] : renamed.problems.map((p) => p.code)).toEqual(["invalid-text"]);
  });

  it("stores SQL-looking and script-looking input as inert text and returns it unchanged", async () => {
    const hostile = {
      name: "Robert'); DROP TABLE people;--",
      email: 'o\'brien+"x"--@example.com',
      framework: "1; DELETE FROM sessions",
      track: "' OR '1'='1",
      level: "<script>alert(1)</script>",
      role: "%_\\ \u00e9\u0301 😀",
    };
    const stored = value(await people().create(hostile));
    expect(await people().get(stored.id)).toMatchObject({ ...hostile, role: hostile.role.normalize("NFC") });
    expect((await people().list({ query: "'); DROP" })).people.map((p) => p.id)).toEqual([stored.id]);
    expect((await people().list({ query: "' OR '1'='1" })).total).toBe(0);
    expect((await people().list()).total).toBe(1);
  });

  it("updates when the version matches and reports a stale version otherwise", async () => {
    const ada = await add("Ada");
    clock.advance(1000);
    const updated = value(await people().update(ada.id, ada.version, { name: "Ada King", role: "Engineer" }));
    expect(updated).toMatchObject({ name: "Ada King", role: "Engineer", version: ada.version + 1 });
    expect(updated.updatedAt.getTime()).toBe(ada.updatedAt.getTime() + 1000);

    const stale = await people().update(ada.id, ada.version, { name: "Lost update" });
    expect(stale.ok ? undefined : stale.problems[0]).toMatchObject({
      kind: "conflict",
      code: "stale-version",
    });
    expect((await people().get(ada.id))?.name).toBe("Ada King");

    expect(codes(await people().update("00000000-0000-4000-8000-000000000000", 1, { name: "x" }))).toEqual([
      "not-found",
    ]);
    expect(codes(await people().update(ada.id, updated.version, { name: "" }))).toEqual(["required"]);
  });

  it("lets a person change the case of their own email but not take someone else's", async () => {
    const ada = await add("Ada");
    const bob = await add("Bob");
    const recased = value(await people().update(ada.id, ada.version, { email: "ADA@example.com" }));
    expect(recased.email).toBe("ADA@example.com");
    expect(codes(await people().update(bob.id, bob.version, { email: "ada@EXAMPLE.com" }))).toEqual([
      "email-taken",
    ]);
  });

  it("clears optional fields given as null or blank and keeps absent ones", async () => {
    const ada = await add("Ada", { framework: "eng", track: "ic", level: "L3", role: "Engineer" });
    const changed = value(await people().update(ada.id, ada.version, { framework: null, track: "  " }));
    expect(changed).toMatchObject({ framework: null, track: null, level: "L3", role: "Engineer" });
  });

  it("deactivates and reactivates, and counts only active admins", async () => {
    const ada = await add("Ada", { admin: true });
    await add("Bob", { admin: true });
    await add("Cy");
    expect(await people().countAdmins()).toBe(2);
    const off = value(await people().deactivate(ada.id));
    expect(off.active).toBe(false);
    expect(await people().countAdmins()).toBe(1);
    expect(codes(await people().reactivate(ada.id, ada.version))).toEqual(["stale-version"]);
    expect(value(await people().reactivate(ada.id, off.version)).active).toBe(true);
    expect(await people().countAdmins()).toBe(2);
  });

  it("keeps the password hash off Person and hands it out only as credentials", async () => {
    const ada = await add("Ada");
    expect(await people().setPasswordHash(ada.id, "$argon2id$v=19$fake")).toBe(true);
    const after = await people().get(ada.id);
    expect(after?.hasPassword).toBe(true);
    expect(after?.version).toBe(ada.version);
    expect(JSON.stringify(after)).not.toContain("argon2");
    expect(await people().credentials("ADA@example.com")).toMatchObject({
      person: { id: ada.id },
      passwordHash: "$argon2id$v=19$fake",
    });
    expect(await people().credentials("nobody@example.com")).toBeUndefined();
    expect(await people().setPasswordHash("00000000-0000-4000-8000-000000000000", "x")).toBe(false);
  });

  it("searches name and email ignoring case, literally, with paging and a stable order", async () => {
    for (const name of ["Émile Zola", "ada lovelace", "Bob 100%", "Bob_underscore", "Carla"]) await add(name);
    const all = await people().list();
    expect(all.people.map((p) => p.name)).toEqual([
      "ada lovelace",
      "Bob 100%",
      "Bob_underscore",
      "Carla",
      "Émile Zola",
    ]);
    expect((await people().list({ query: "ÉMILE" })).people.map((p) => p.name)).toEqual(["Émile Zola"]);
    expect(
      (await people().list({ query: "LOVELACE@EXAMPLE", emailsOf: "everyone" })).people.map((p) => p.name),
    ).toEqual(["ada lovelace"]);
    expect((await people().list({ query: "%" })).people.map((p) => p.name)).toEqual(["Bob 100%"]);
    expect((await people().list({ query: "b_u" })).people.map((p) => p.name)).toEqual(["Bob_underscore"]);
    const page = await people().list({ limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 5 });
    expect(page.people.map((p) => p.name)).toEqual(["Bob_underscore", "Carla"]);
    expect(page.people[0]).not.toHaveProperty("n"); // the count rides on the rows but stays off the people
    // the total of a filtered page, and of a page past the end (no row to carry the count)
    expect(await people().list({ query: "bob", limit: 1 })).toMatchObject({ total: 2 });
    expect(await people().list({ limit: 2, offset: 9 })).toMatchObject({ people: [], total: 5 });
    expect(await people().list({ query: "nobody" })).toMatchObject({ people: [], total: 0 });
    expect((await people().list({ limit: -5, offset: -1 })).people).toHaveLength(1);
  });

  it("matches emails only of the people in scope: everyone, a person and those below them, or nobody", async () => {
    const boss = await add("Boss");
    const mid = await add("Mid", { managerId: boss.id });
    const low = await add("Low", { managerId: mid.id });
    const other = await add("Other");
    const found = async (emailsOf?: PersonScope) =>
      (await people().list({ query: "@example.com", ...(emailsOf ? { emailsOf } : {}) })).people
        .map((p) => p.name)
        .sort();
    expect(await found()).toEqual([]);
    expect(await found("nobody")).toEqual([]);
    expect(await found("everyone")).toEqual(["Boss", "Low", "Mid", "Other"]);
    expect(await found({ selfAndBelow: mid.id })).toEqual(["Low", "Mid"]);
    expect(await found({ selfAndBelow: low.id })).toEqual(["Low"]);
    expect(await found({ selfAndBelow: "not-an-id" })).toEqual([]);
    // names match whatever the scope, and the total counts the same people as the page
    const page = await people().list({ query: "o", emailsOf: { selfAndBelow: other.id } });
    expect(page.people.map((p) => p.name)).toEqual(["Boss", "Low", "Other"]);
    expect(page.total).toBe(3);
  });

  it("filters by active state", async () => {
    const ada = await add("Ada");
    await add("Bob");
    await people().deactivate(ada.id);
    expect((await people().list({ active: true })).people.map((p) => p.name)).toEqual(["Bob"]);
    expect((await people().list({ active: false })).people.map((p) => p.name)).toEqual(["Ada"]);
  });

  it("walks the tree: reports, subtree with depth, chain to the top, manages", async () => {
    const ceo = await add("Ceo");
    const vp = await add("Vp", { managerId: ceo.id });
    const lead = await add("Lead", { managerId: vp.id });
    const dev = await add("Dev", { managerId: lead.id });
    const ops = await add("Ops", { managerId: vp.id });
    expect((await people().reports(vp.id)).map((p) => p.name)).toEqual(["Lead", "Ops"]);
    expect((await people().subtree(ceo.id)).map((e) => [e.person.name, e.depth])).toEqual([
      ["Vp", 1],
      ["Lead", 2],
      ["Ops", 2],
      ["Dev", 3],
    ]);
    expect((await people().chain(dev.id)).map((p) => p.name)).toEqual(["Lead", "Vp", "Ceo"]);
    expect(await people().chain(ceo.id)).toEqual([]);
    expect(await people().manages(ceo.id, dev.id)).toBe(true);
    expect(await people().manages(ops.id, dev.id)).toBe(false);
    expect(await people().manages(dev.id, dev.id)).toBe(false);
  });

  it("refuses a manager who is the person or anyone below them", async () => {
    const ceo = await add("Ceo");
    const vp = await add("Vp", { managerId: ceo.id });
    const dev = await add("Dev", { managerId: vp.id });
    expect(codes(await people().setManager(ceo.id, ceo.id))).toEqual(["manager-cycle"]);
    expect(codes(await people().setManager(ceo.id, vp.id))).toEqual(["manager-cycle"]);
    expect(codes(await people().setManager(ceo.id, dev.id))).toEqual(["manager-cycle"]);
    expect((await people().get(ceo.id))?.managerId).toBeNull();

    const moved = value(await people().setManager(dev.id, ceo.id));
    expect(moved.managerId).toBe(ceo.id);
    expect(codes(await people().setManager(dev.id, null, dev.version))).toEqual(["stale-version"]);
    expect(value(await people().setManager(dev.id, null, moved.version)).managerId).toBeNull();
    expect(codes(await people().setManager(dev.id, "00000000-0000-4000-8000-000000000000"))).toEqual([
      "manager-not-found",
    ]);
    expect(codes(await people().setManager("nope", ceo.id))).toEqual(["not-found"]);
  });

  it("two concurrent opposite manager changes cannot make a cycle", async () => {
    // PostgreSQL: two pools, as two app processes. SQLite: the one connection per process (see openDatabase).
    const other = new PeopleRepository(ctx.dialect === "postgres" ? ctx.openAnother() : ctx.database, clock);
    for (let round = 0; round < 5; round++) {
      const a = await add(`A${round}`);
      const b = await add(`B${round}`);
      const results = await Promise.all([people().setManager(a.id, b.id), other.setManager(b.id, a.id)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.flatMap(codes)).toEqual(["manager-cycle"]);
    }
  });

  it("never lets the tree get a cycle, whatever managers are set (property)", async () => {
    const forest = fc
      .integer({ min: 2, max: 9 })
      .chain((n) =>
        fc.tuple(
          fc.tuple(
            ...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(null) : fc.option(fc.nat(i - 1)))),
          ),
          fc.array(fc.tuple(fc.nat(n - 1), fc.option(fc.nat(n - 1))), { minLength: 1, maxLength: 12 }),
        ),
      );
    await fc.assert(
      fc.asyncProperty(forest, async ([parents, moves]) => {
        await ctx.db.deleteFrom("people").execute();
        const model = [...parents];
        const ids: string[] = [];
        for (const [i, parent] of parents.entries()) {
          ids.push((await add(`P${i}`, { managerId: parent === null ? null : ids[parent] })).id);
        }
        const below = (root: number, x: number): boolean => {
          for (let p = model[x]; p !== null && p !== undefined; p = model[p]) if (p === root) return true;
          return false;
        };
        for (const [who, manager] of moves) {
          const outcome = await people().setManager(
            ids[who] as string,
            manager === null ? null : (ids[manager] as string),
          );
          const refused = manager !== null && (manager === who || below(who, manager));
          expect(codes(outcome)).toEqual(refused ? ["manager-cycle"] : []);
          if (!refused) model[who] = manager;
        }
        for (const [i, id] of ids.entries()) {
          const stored = await people().get(id);
          const parent = model[i];
          expect(stored?.managerId).toBe(parent === null || parent === undefined ? null : ids[parent]);
          const depth = (await people().chain(id)).length;
          let expected = 0;
          for (let p = model[i]; p !== null && p !== undefined; p = model[p]) expected++;
          expect(depth).toBe(expected);
        }
      }),
      { numRuns: 25 },
    );
    // each person added and moved also recomputes the team views' sums up the tree (team-sums.ts): some
    // 500 writes, past the default timeout on PostgreSQL on a busy machine
  }, 90_000);
});
