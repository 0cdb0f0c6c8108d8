import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { InvitationsRepository } from "./invitations.repository.js";
import { PeopleRepository } from "./people.repository.js";
import { SessionsRepository } from "./sessions.repository.js";

const DAY = 24 * 3_600_000;

describeEachDatabase("invitations repository", (ctx) => {
  const clock = manualClock();
  const invitations = () => new InvitationsRepository(ctx.database, clock);
  async function person(name: string, passwordHash: string | null = null) {
    const made = await new PeopleRepository(ctx.database, clock).create({
      name,
      email: `${name.toLowerCase()}@example.com`,
      passwordHash,
    });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    return made.value;
  }

  it("keeps the latest invitation per person, and its acceptance", async () => {
    const ada = await person("Ada");
    await invitations().record(ada.id, new Date(clock.now().getTime() + DAY), "link");
    clock.advance(1_000);
    const until = new Date(clock.now().getTime() + 7 * DAY);
    await invitations().record(ada.id, until, "mail");
    expect((await invitations().of([ada.id])).get(ada.id)).toEqual({
      personId: ada.id,
      invitedAt: clock.now(),
      expiresAt: until,
      delivery: "mail",
      acceptedAt: null,
    });
    await invitations().accept(ada.id);
    expect((await invitations().of([ada.id, "not-an-id"])).get(ada.id)?.acceptedAt).toEqual(clock.now());
  });

  it("finds the uninvited: active, no password, no open invitation; by name", async () => {
    const zed = await person("Zed");
    const ada = await person("Ada");
    const bo = await person("Bo");
    await person("Cy", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA");
    const off = await person("Off");
    await new PeopleRepository(ctx.database, clock).deactivate(off.id);
    await invitations().record(bo.id, new Date(clock.now().getTime() + DAY), "mail");
    expect(await invitations().uninvited()).toEqual([ada.id, zed.id]);
    clock.advance(DAY);
    // Bo's invitation lapsed
    expect(await invitations().uninvited()).toEqual([ada.id, bo.id, zed.id]);
    expect(await invitations().uninvited(1)).toEqual([ada.id]);
  });

  it("tells who has signed in from the sessions kept", async () => {
    const ada = await person("Ada");
    const bo = await person("Bo");
    await new SessionsRepository(ctx.database, clock).create(ada.id, {}, { idleMs: DAY, absoluteMs: DAY });
    expect(await invitations().signedIn([ada.id, bo.id])).toEqual(new Set([ada.id]));
    expect(await invitations().signedIn([])).toEqual(new Set());
  });
});
