import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  type Action,
  type Actor,
  ANONYMOUS,
  assessmentVisibleTo,
  can,
  directorySetting,
  directoryView,
  personActor,
  personReadScope,
} from "./policy.js";

/*
 * The policy alone, with plain values: an org tree as a map of manager ids, and every actor against every
 * action on one subject. The route-level matrix (authorization-matrix.test.ts) checks the routes obey it.
 *
 *   grand ── manager ─┬─ subject
 *                     └─ peer
 *   unrelated ── their-report
 *   admin
 */
const managerOf: Record<string, string | null> = {
  grand: null,
  manager: "grand",
  subject: "manager",
  peer: "manager",
  unrelated: null,
  "their-report": "unrelated",
  admin: null,
};

function manages(managerId: string, personId: string): Promise<boolean> {
  let at = managerOf[personId] ?? null;
  while (at !== null) {
    if (at === managerId) return Promise.resolve(true);
    at = managerOf[at] ?? null;
  }
  return Promise.resolve(false);
}

const actors: Record<string, Actor> = {
  anonymous: ANONYMOUS,
  self: personActor({ id: "subject", admin: false }, manages),
  peer: personActor({ id: "peer", admin: false }, manages),
  manager: personActor({ id: "manager", admin: false }, manages),
  "manager's manager": personActor({ id: "grand", admin: false }, manages),
  "unrelated manager": personActor({ id: "unrelated", admin: false }, manages),
  admin: personActor({ id: "admin", admin: true }, manages),
};

type Expected = "allow" | 401 | 403 | 404;

/** action → actor → decision, for the data of "subject". */
const MATRIX: Record<Action, Record<keyof typeof actors, Expected>> = {
  "person:read-directory": {
    anonymous: 401,
    self: "allow",
    peer: "allow",
    manager: "allow",
    "manager's manager": "allow",
    "unrelated manager": "allow",
    admin: "allow",
  },
  "person:read": {
    anonymous: 401,
    self: "allow",
    peer: 404,
    manager: "allow",
    "manager's manager": "allow",
    "unrelated manager": 404,
    admin: "allow",
  },
  "person:edit": {
    anonymous: 401,
    self: "allow",
    peer: 404,
    manager: 403,
    "manager's manager": 403,
    "unrelated manager": 404,
    admin: "allow",
  },
  "person:admin": {
    anonymous: 401,
    self: 403,
    peer: 403,
    manager: 403,
    "manager's manager": 403,
    "unrelated manager": 403,
    admin: "allow",
  },
  "assessment:read": {
    anonymous: 401,
    self: "allow",
    peer: 404,
    manager: "allow",
    "manager's manager": "allow",
    "unrelated manager": 404,
    admin: "allow",
  },
  "assessment:self": {
    anonymous: 401,
    self: "allow",
    peer: 404,
    manager: 403,
    "manager's manager": 403,
    "unrelated manager": 404,
    admin: 403,
  },
  "assessment:manager": {
    anonymous: 401,
    self: 403,
    peer: 404,
    manager: "allow",
    "manager's manager": "allow",
    "unrelated manager": 404,
    admin: 403,
  },
};

describe("the privacy policy", () => {
  it("covers every action", () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const [who, actor] of Object.entries(actors)) {
      const expected = MATRIX[action][who];
      it(`${action} × ${who} → ${expected}`, async () => {
        const decision = await can(actor, action, { id: "subject" });
        expect(decision.allowed ? "allow" : decision.status).toBe(expected);
      });
    }
  }

  it("a report is not their manager's manager: managing goes down the tree only", async () => {
    const subject = personActor({ id: "subject", admin: false }, manages);
    for (const action of ["person:read", "assessment:read"] as const) {
      expect(await can(subject, action, { id: "manager" })).toMatchObject({ allowed: false, status: 404 });
      expect(await can(subject, action, { id: "grand" })).toMatchObject({ allowed: false, status: 404 });
    }
  });

  it("an unknown subject is refused exactly like an unrelated one, so refusals reveal nothing", async () => {
    const peer = actors.peer as Actor;
    expect(await can(peer, "person:read", { id: "does-not-exist" })).toEqual(
      await can(peer, "person:read", { id: "subject" }),
    );
    expect(await can(peer, "person:admin", { id: "does-not-exist" })).toEqual(
      await can(peer, "person:admin", { id: "subject" }),
    );
  });

  it("asks about the org tree only when the answer depends on it", async () => {
    let asked = 0;
    const counting = (managerId: string, personId: string) => {
      asked++;
      return manages(managerId, personId);
    };
    await can(personActor({ id: "admin", admin: true }, counting), "person:read", { id: "subject" });
    await can(personActor({ id: "subject", admin: false }, counting), "person:edit", { id: "subject" });
    await can(personActor({ id: "peer", admin: false }, counting), "person:admin", { id: "subject" });
    await can(personActor({ id: "peer", admin: false }, counting), "person:read-directory", {
      id: "subject",
    });
    expect(asked).toBe(0);
    await can(personActor({ id: "manager", admin: false }, counting), "person:read", { id: "subject" });
    expect(asked).toBe(1);
  });

  describe("a draft is its author's alone until submitted", () => {
    const authors = ["subject", "manager", "grand", null] as const;
    for (const author of authors) {
      for (const [who, actor] of Object.entries(actors)) {
        const own = actor.kind === "person" && author !== null && actor.id === author;
        const expected = who === "anonymous" ? 401 : own ? "allow" : 404;
        it(`a draft by ${author ?? "someone gone"} × ${who} → ${expected}`, async () => {
          const draft = { status: "draft", authorId: author } as const;
          const decision = await can(actor, "assessment:read", { id: "subject", assessment: draft });
          expect(decision.allowed ? "allow" : decision.status).toBe(expected);
          expect(assessmentVisibleTo(actor, draft)).toBe(own);
        });
      }
    }

    it("a submitted assessment follows the person's rule, whoever wrote it", async () => {
      const submitted = { status: "submitted", authorId: "manager" } as const;
      for (const [who, actor] of Object.entries(actors)) {
        const decision = await can(actor, "assessment:read", { id: "subject", assessment: submitted });
        expect(decision.allowed ? "allow" : decision.status, who).toBe(MATRIX["assessment:read"][who]);
        expect(assessmentVisibleTo(actor, submitted)).toBe(true);
      }
    });
  });

  it("personReadScope is person:read for everyone at once", async () => {
    const inScope = (actor: Actor, id: string): Promise<boolean> => {
      const scope = personReadScope(actor);
      if (scope === "everyone") return Promise.resolve(true);
      if (scope === "nobody") return Promise.resolve(false);
      return scope.selfAndBelow === id ? Promise.resolve(true) : manages(scope.selfAndBelow, id);
    };
    for (const [who, actor] of Object.entries(actors)) {
      for (const id of Object.keys(managerOf)) {
        const decision = await can(actor, "person:read", { id });
        expect(await inScope(actor, id), `${who} reading ${id}`).toBe(decision.allowed);
      }
    }
  });
});

describe("the directory setting (what colleagues see of one another)", () => {
  const all = ["level", "manager", "role"];
  const view = async (who: keyof typeof actors, stored: string | undefined) => {
    const actor = actors[who] as Actor;
    const managed = actor.kind === "person" ? await actor.manages("subject") : false;
    return [...directoryView(actor, "subject", managed, directorySetting(stored))].sort();
  };

  it("shows role and level to colleagues when never set, as the directory always did", async () => {
    expect(await view("peer", undefined)).toEqual(["level", "role"]);
    expect(await view("unrelated manager", undefined)).toEqual(["level", "role"]);
  });

  it("hides from colleagues what the admins untick, never from the person, their managers or admins", async () => {
    for (const stored of ["", "role", "manager,level", "role,level,manager"]) {
      const allowed = stored.split(",").filter(Boolean).sort();
      expect(await view("peer", stored), stored).toEqual(allowed);
      expect(await view("unrelated manager", stored), stored).toEqual(allowed);
      for (const who of ["self", "manager", "manager's manager", "admin"] as const) {
        expect(await view(who, stored), `${who} ${stored}`).toEqual(all);
      }
      expect(await view("anonymous", stored)).toEqual([]);
    }
  });

  it("reads the stored words leniently: unknown ones (and property names) are ignored", () => {
    expect([...directorySetting("level, constructor,__proto__,email")]).toEqual(["level"]);
  });
});
