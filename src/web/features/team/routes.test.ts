import { sql } from "kysely";
import { expect, it } from "vitest";
import { addPerson, authApp, ORIGIN, signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { parseCsv } from "../../../core/csv.js";
import type { AssessmentKind, Cycle, Person } from "../../../store/types.js";
import { can, personActor } from "../../auth/policy.js";
import { csvCell } from "./routes.js";

/** The competencies of examples/engineering that have an expectation at "senior" (Pete's next level). */
const SENIOR_COMPETENCIES = [
  "code-quality",
  "testing-reliability",
  "system-design",
  "problem-framing",
  "customer-insight",
  "decision-making",
  "planning",
  "execution",
  "ownership",
  "communication",
  "cross-functional",
  "feedback",
  "mentoring",
  "hiring",
  "technical-direction",
  "business-impact",
  "influence",
];

interface TeamJson {
  scope: string;
  cycle: { id: string; name: string } | null;
  due: { id: string; name: string } | null;
  people: number;
  frameworks: {
    id: string;
    competencies: { id: string; name: string }[];
    people: {
      id: string;
      name: string;
      level: string | null;
      assessment: { kind: AssessmentKind; cycleId: string | null } | null;
      deltas: (number | null)[];
      picks: (string | null)[];
      meetsNext: boolean;
    }[];
    distribution: { competency: string; counts: Record<string, number> }[];
  }[];
  meetsNext: { id: string; name: string; next: string }[];
  unassessed: { id: string; name: string }[];
  withoutFramework: { id: string; name: string }[];
  calibration?: {
    managerId: string;
    managerName: string;
    pairs: number;
    meanDelta: number;
    higher: number;
    lower: number;
    same: number;
    tooFew: boolean;
  }[];
}

describeEachDatabase("team views, CSV, JSON and cycles", (ctx) => {
  /**
   * Gus ── Mia ─┬─ Pat (engineering, senior) ── Quinn (engineering, junior; a name that is a formula)
   *             ├─ Pete (engineering, mid)
   *             ├─ Lin (product-matrix, l3)
   *             └─ Sam (no framework)
   * Uma ── Ursula (engineering, senior)
   * Ada (admin)
   *
   * Cycle 1 (closed): Pat self; Lin self. Cycle 2 (open): Pat self, manager (Mia), agreed; Pete self,
   * manager (Mia); Ursula self, manager (Uma).
   */
  async function org() {
    const made = await authApp(ctx);
    const { store, clock } = made;
    const gus = await addPerson(store, { name: "Gus Director", email: "gus@example.com" });
    const mia = await addPerson(store, {
      name: "Mia Manager",
      email: "mia@example.com",
      managerId: gus.id,
      framework: "engineering",
      level: "manager",
    });
    const eng = (level: string) => ({ framework: "engineering", track: "trunk", level });
    const pat = await addPerson(store, {
      name: "Pat Person",
      email: "pat@example.com",
      managerId: mia.id,
      ...eng("senior"),
    });
    const quinn = await addPerson(store, {
      name: '=HYPERLINK("x")',
      email: "quinn@example.com",
      managerId: pat.id,
      ...eng("junior"),
    });
    const pete = await addPerson(store, {
      name: "Pete Peer",
      email: "pete@example.com",
      managerId: mia.id,
      ...eng("mid"),
    });
    const lin = await addPerson(store, {
      name: "Lin Product",
      email: "lin@example.com",
      managerId: mia.id,
      framework: "product-matrix",
      level: "l3",
    });
    const sam = await addPerson(store, { name: "Sam Someone", email: "sam@example.com", managerId: mia.id });
    const uma = await addPerson(store, { name: "Uma Other", email: "uma@example.com" });
    const ursula = await addPerson(store, {
      name: "Ursula Else",
      email: "ursula@example.com",
      managerId: uma.id,
      ...eng("senior"),
    });
    const ada = await addPerson(store, { name: "Ada Admin", email: "ada@example.com", admin: true });

    const assess = async (
      person: Person,
      author: Person,
      kind: AssessmentKind,
      cycle: Cycle,
      picks: Record<string, string>,
    ) => {
      clock.advance(60_000);
      const draft = await store.assessments.startDraft({
        personId: person.id,
        authorId: author.id,
        kind,
        cycleId: cycle.id,
        framework: person.framework ?? "",
        frameworkVersion: "test",
        level: person.level,
      });
      if (!draft.ok) throw new Error(JSON.stringify(draft.problems));
      const saved = await store.assessments.saveDraft(draft.value.id, draft.value.version, {
        picks: Object.entries(picks).map(([competency, level]) => ({ competency, level })),
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
      const submitted = await store.assessments.submit(saved.value.id, saved.value.version);
      if (!submitted.ok) throw new Error(JSON.stringify(submitted.problems));
      return submitted.value;
    };
    const cycle = async (name: string, startsOn: string, endsOn: string) => {
      const made = await store.cycles.create({ name, startsOn, endsOn });
      if (!made.ok) throw new Error(JSON.stringify(made.problems));
      return made.value;
    };

    const c1 = await cycle("Autumn 2029", "2029-09-01", "2029-10-31");
    await assess(pat, pat, "self", c1, { "code-quality": "intern" });
    await assess(lin, lin, "self", c1, { writing: "l4", scoping: "l1" });
    const closed = await store.cycles.close(c1.id);
    if (!closed.ok) throw new Error("could not close");
    const c2 = await cycle("Spring 2030", "2030-01-01", "2030-02-28");
    // Pat (senior, rank 3): three assessments; the agreed one is of record
    await assess(pat, pat, "self", c2, {
      "code-quality": "lead",
      "testing-reliability": "mid",
      "system-design": "senior",
      planning: "principal",
      execution: "junior",
    });
    await assess(pat, mia, "manager", c2, {
      "code-quality": "senior",
      "testing-reliability": "senior",
      "system-design": "lead",
      planning: "staff",
      execution: "mid",
    });
    await assess(pat, mia, "agreed", c2, {
      "code-quality": "lead",
      "testing-reliability": "senior",
      "system-design": "senior",
      planning: "staff",
      execution: "intern",
      // a pick on the management track, compared by rank (manager = 5)
      communication: "manager",
    });
    // Pete (mid, rank 2): his own picks at his level, his manager's a level up everywhere senior expects
    await assess(pete, pete, "self", c2, Object.fromEntries(SENIOR_COMPETENCIES.map((c) => [c, "mid"])));
    await assess(pete, mia, "manager", c2, Object.fromEntries(SENIOR_COMPETENCIES.map((c) => [c, "senior"])));
    await assess(ursula, ursula, "self", c2, { "code-quality": "senior", planning: "lead" });
    await assess(ursula, uma, "manager", c2, { "code-quality": "mid", planning: "senior" });
    return { ...made, gus, mia, pat, quinn, pete, lin, sam, uma, ursula, ada, c1, c2 };
  }

  async function teamJson(browser: Awaited<ReturnType<typeof signedIn>>, path = "/api/team") {
    const answer = await browser.get(path);
    expect(answer.status, answer.body.slice(0, 300)).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    return JSON.parse(answer.body) as TeamJson;
  }

  /** The competency cells of a person's heatmap row: [class, text] each. */
  function rowCells(body: string, personId: string): [string, string][] {
    const row = new RegExp(`<tr id="row-${personId}">(.*?)</tr>`).exec(body)?.[1];
    if (row === undefined) throw new Error(`no heatmap row for ${personId}`);
    return [...row.matchAll(/<td data-label="[^"]*" class="(d-?\d|dn)">([^<]*)<\/td>/g)].map((m) => [
      m[1] ?? "",
      m[2] ?? "",
    ]);
  }

  it("shows each competency relative to the person's own level, from the agreed assessment first", async () => {
    const { app, pat, pete, lin } = await org();
    const mia = await signedIn(app, "mia@example.com");
    const json = await teamJson(mia);
    const eng = json.frameworks.find((f) => f.id === "engineering");
    if (!eng) throw new Error("no engineering group");
    const ids = eng.competencies.map((c) => c.id);
    const patRow = eng.people.find((p) => p.id === pat.id);
    expect(patRow?.assessment?.kind).toBe("agreed");
    const delta = (row: typeof patRow, competency: string) => row?.deltas[ids.indexOf(competency)];
    expect(delta(patRow, "code-quality")).toBe(1); // lead (4) − senior (3)
    expect(delta(patRow, "testing-reliability")).toBe(0);
    expect(delta(patRow, "planning")).toBe(2); // staff (5)
    expect(delta(patRow, "execution")).toBe(-3); // intern (0)
    expect(delta(patRow, "communication")).toBe(2); // manager (5), another track
    expect(delta(patRow, "feedback")).toBeNull(); // not picked
    expect(patRow?.picks[ids.indexOf("planning")]).toBe("staff");
    // Pete: a manager assessment beats his own
    const peteRow = eng.people.find((p) => p.id === pete.id);
    expect(peteRow?.assessment?.kind).toBe("manager");
    expect(delta(peteRow, "hiring")).toBe(1);
    // Lin: only a self-assessment, in the closed cycle, on another framework
    const product = json.frameworks.find((f) => f.id === "product-matrix");
    const linRow = product?.people.find((p) => p.id === lin.id);
    expect(linRow?.assessment?.kind).toBe("self");
    expect(linRow?.deltas[product?.competencies.findIndex((c) => c.id === "writing") ?? -1]).toBe(1);
    expect(linRow?.deltas[product?.competencies.findIndex((c) => c.id === "scoping") ?? -1]).toBe(-2);

    // the page says the same, each number in text and its colour as a class
    const page = await mia.get("/team/");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    const cells = rowCells(page.body, pat.id);
    expect(cells).toHaveLength(ids.length);
    expect(cells[ids.indexOf("code-quality")]).toEqual(["d1", "+1"]);
    expect(cells[ids.indexOf("testing-reliability")]).toEqual(["d0", "0"]);
    expect(cells[ids.indexOf("execution")]).toEqual(["d-2", "\u22123"]);
    expect(cells[ids.indexOf("planning")]).toEqual(["d2", "+2"]);
    expect(cells[ids.indexOf("feedback")]).toEqual(["dn", "\u2014"]);
    const source = (id: string, kind: string) =>
      new RegExp(`<tr id="row-${id}">.*?<td data-label="Assessment" class="source">${kind} <time`);
    expect(page.body).toMatch(source(pat.id, "agreed"));
    expect(page.body).toMatch(source(pete.id, "manager"));
    // the table is of one framework (the viewer's by default); another is a choice away
    expect(page.body).toContain('id="heatmap-engineering"');
    expect(page.body).not.toContain(`id="row-${lin.id}"`);
    const productPage = await mia.get("/team/?framework=product-matrix");
    expect(productPage.body).toContain('id="heatmap-product-matrix"');
    expect(productPage.body).toMatch(source(lin.id, "self"));
    // competency names as column headers, cut when long: the full name on hover and as the header's name
    expect(page.body).toContain(
      '<th scope="col" class="competency" id="col-engineering-testing-reliability" title="Testing &amp; reliability" aria-label="Testing &amp; reliability"><span aria-hidden="true">Testing &amp; reliabi\u2026</span></th>',
    );
    expect(page.body).toContain(`href="/people/${pat.id}/profile/"`);
    // no inline styles anywhere in the heatmap
    expect(page.body).not.toMatch(/<t[dh][^>]* style=/);
  });

  it("counts the distribution per competency and lists who is ready for their next level", async () => {
    const { app, pat, pete } = await org();
    const mia = await signedIn(app, "mia@example.com");
    const json = await teamJson(mia);
    const eng = json.frameworks.find((f) => f.id === "engineering");
    const planning = eng?.distribution.find((d) => d.competency === "planning");
    // Pat +2 (staff), Pete +1 (senior); Quinn is not assessed
    expect(planning?.counts).toEqual({ "-2-": 0, "-1": 0, "0": 0, "+1": 1, "+2+": 1 });
    const execution = eng?.distribution.find((d) => d.competency === "execution");
    expect(execution?.counts).toEqual({ "-2-": 1, "-1": 0, "0": 0, "+1": 1, "+2+": 0 });
    // Pete's manager picked senior everywhere senior expects something: ready for senior
    expect(json.meetsNext).toEqual([
      { id: pete.id, name: "Pete Peer", framework: "engineering", level: "mid", next: "senior" },
    ]);
    expect(eng?.people.find((p) => p.id === pat.id)?.meetsNext).toBe(false);
    // the database finds the same people ready (the status filter), and counts them by team
    const ready = await mia.get("/team/?status=ready");
    expect([...ready.body.matchAll(/<tr id="row-([^"]+)">/g)].map((m) => m[1])).toEqual([pete.id]);
    const byTeam = await mia.get("/team/by-team/");
    expect(byTeam.status).toBe(200);
    const teamRow = (id: string) => new RegExp(`<tr id="team-${id}">(.*?)</tr>`).exec(byTeam.body)?.[1] ?? "";
    // Pat's team is Pat and Quinn; each team's cell is its mean: planning Pat +2, Quinn not assessed
    expect(teamRow(pat.id)).toContain(
      `framework=engineering&amp;team=${pat.id}" title="Pat Person: drill down"`,
    );
    expect(teamRow(pat.id)).toContain(
      `&amp;team=${pat.id}">2</a></td><td data-label="Assessed">1</td><td data-label="Ready">0</td>`,
    );
    expect(teamRow(pat.id)).toContain('<td data-label="Planning &amp; estimation" class="d2">+2.0</td>');
    expect(teamRow(pete.id)).toContain('<td data-label="Ready">1</td>');
  });

  it("lists who has no assessment in the open cycle, and in a past cycle when asked", async () => {
    const { app, store, lin, sam, quinn, pat, c1, c2 } = await org();
    const mia = await signedIn(app, "mia@example.com");
    const json = await teamJson(mia);
    expect(json.due?.id).toBe(c2.id);
    expect(json.unassessed.map((p) => p.name).sort()).toEqual([lin.name, sam.name, quinn.name].sort());
    expect(json.withoutFramework).toEqual([{ id: sam.id, name: "Sam Someone", framework: null }]);
    const page = await mia.get("/team/?status=unassessed");
    expect(page.body).toContain("Assessed means a submitted assessment in Spring 2030");
    // on the engineering table: Quinn (Lin is on another framework, Sam on none)
    expect([...page.body.matchAll(/<tr id="row-([^"]+)">/g)].map((m) => m[1])).toEqual([quinn.id]);

    // a past cycle: only its assessments count
    const past = await teamJson(mia, `/api/team?cycle=${c1.id}`);
    expect(past.cycle?.id).toBe(c1.id);
    const eng = past.frameworks.find((f) => f.id === "engineering");
    const patRow = eng?.people.find((p) => p.id === pat.id);
    expect(patRow?.assessment).toMatchObject({ kind: "self", cycleId: c1.id });
    expect(patRow?.deltas[eng?.competencies.findIndex((c) => c.id === "code-quality") ?? -1]).toBe(-3);
    expect(past.unassessed.map((p) => p.name)).not.toContain("Pat Person");
    expect(past.unassessed.map((p) => p.name)).toContain("Pete Peer");

    // no cycle open: "no assessment yet" means never
    await store.cycles.close(c2.id);
    const none = await teamJson(mia);
    expect(none.due).toBeNull();
    expect(none.unassessed.map((p) => p.name).sort()).toEqual([sam.name, quinn.name].sort());
    expect((await mia.get("/team/")).body).toContain("No cycle is open");

    // a cycle id that is not one is refused by the schema; one that does not exist is a clear 404
    const malformed = await mia.get("/team/?cycle=nope");
    expect(malformed.status).toBe(422);
    expect(malformed.body).toContain("cycle");
    const missing = await mia.get("/team/?cycle=00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body).toContain("does not exist");
    const missingApi = await mia.get("/api/team?cycle=00000000-0000-4000-8000-000000000000");
    expect(missingApi.status).toBe(404);
    expect(JSON.parse(missingApi.body)).toMatchObject({ parameter: "cycle" });
  });

  it("shows a manager their whole subtree and nobody else, each of them readable under the policy", async () => {
    const { app, store, mia, gus, uma, ursula, pat } = await org();
    const ids = (json: TeamJson) => [
      ...json.frameworks.flatMap((f) => f.people.map((p) => p.id)),
      ...json.withoutFramework.map((p) => p.id),
    ];
    const asMia = await teamJson(await signedIn(app, "mia@example.com"));
    expect(asMia.people).toBe(5);
    expect(ids(asMia)).not.toContain(ursula.id);
    expect(ids(asMia)).not.toContain(mia.id);
    const asGus = await teamJson(await signedIn(app, "gus@example.com"));
    expect(ids(asGus)).toContain(mia.id);
    expect(ids(asGus)).toContain(pat.id);
    expect(ids(asGus)).not.toContain(ursula.id);
    const asUma = await teamJson(await signedIn(app, "uma@example.com"));
    expect(ids(asUma)).toEqual([ursula.id]);
    // the subtree is exactly whose assessments they may read
    for (const [manager, json] of [
      [mia, asMia],
      [gus, asGus],
      [uma, asUma],
    ] as const) {
      const actor = personActor(manager, (m, p) => store.people.manages(m, p));
      for (const id of ids(json)) expect((await can(actor, "assessment:read", { id })).allowed).toBe(true);
    }
    // the CSV too
    const csv = await (await signedIn(app, "uma@example.com")).get("/team/export.csv");
    expect(csv.body).toContain("Ursula Else");
    expect(csv.body).not.toContain("Pat Person");
    // deactivated people drop out of team views
    await store.people.deactivate(ursula.id);
    expect((await teamJson(await signedIn(app, "uma@example.com"))).people).toBe(0);
  });

  it("pages, drills down only into the viewer's own people, and refuses parameters it cannot read", async () => {
    const { app, mia, pat, quinn, pete, ursula } = await org();
    const gus = await signedIn(app, "gus@example.com");
    const rows = (body: string) => [...body.matchAll(/<tr id="row-([^"]+)">/g)].map((m) => m[1]);
    // Gus drills into Mia's team: Mia and everyone below her, nobody else
    const drill = await gus.get(`/team/?team=${mia.id}&sort=level&dir=desc`);
    expect(drill.status).toBe(200);
    expect(drill.body).toContain("Your team: Mia Manager&#39;s team");
    expect(rows(drill.body)).toEqual([mia.id, pat.id, pete.id, quinn.id]);
    const byTeam = await gus.get(`/team/by-team/?team=${mia.id}`);
    expect(byTeam.body).toContain(`id="team-${pat.id}"`);
    expect(byTeam.body).not.toContain(`id="team-${ursula.id}"`);
    // a team that is not theirs is answered as if there were none, on both views
    const asMia = await signedIn(app, "mia@example.com");
    for (const path of ["/team/", "/team/by-team/"]) {
      const other = await asMia.get(`${path}?team=${ursula.id}`);
      expect(other.status).toBe(404);
      expect(other.body).not.toContain("Ursula");
    }
    expect((await asMia.get(`/team/?team=${mia.id}`)).status).toBe(404);
    // the last page, and the filters' blank choices mean "any"
    const page = await asMia.get("/team/?page=1&level=&status=&track=&cycle=");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Page 1 of 1");
    // each parameter through its schema: a located 422, never a 500
    for (const bad of [
      "page=0",
      "page=abc",
      "sort=salary",
      "dir=up",
      "status=fired",
      "team=nope",
      "level=%00",
    ]) {
      const answer = await asMia.get(`/team/?${bad}`);
      expect(answer.status, bad).toBe(422);
      expect(answer.body, bad).toContain(bad.split("=")[0] as string);
    }
  });

  it("gives someone without reports a friendly page, not an error", async () => {
    const { app } = await org();
    const pete = await signedIn(app, "pete@example.com");
    const page = await pete.get("/team/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Nobody reports to you");
    const json = await teamJson(pete);
    expect(json.people).toBe(0);
    expect(json.frameworks).toEqual([]);
  });

  it("exports the rows as CSV: an attachment, quoted, numbers as numbers, formulas inert", async () => {
    const { app, store, pat, quinn, c1 } = await org();
    // Pat's assessments were made in a role (kept on each assessment since migration 0010)
    await sql`update assessments set role = 'backend-engineer' where person_id = ${pat.id}`.execute(
      store.database.db,
    );
    const mia = await signedIn(app, "mia@example.com");
    const answer = await mia.get("/team/export.csv");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(answer.headers.get("content-disposition")).toBe('attachment; filename="rungs-team.csv"');
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    const { records, problems } = parseCsv(answer.body);
    expect(problems).toEqual([]);
    const [head, ...rows] = records.map((r) => r.fields);
    // two frameworks: columns are named framework:competency
    expect(head?.slice(0, 9)).toEqual([
      "name",
      "email",
      "framework",
      "level",
      "assessment",
      "assessment role",
      "submitted",
      "meets next level",
      "engineering:code-quality delta",
    ]);
    const byName = new Map(rows.map((r) => [r[0], r]));
    const patRow = byName.get("Pat Person") ?? [];
    const at = (column: string) => head?.indexOf(column) ?? -1;
    expect(patRow[at("email")]).toBe(pat.email);
    expect(patRow[at("assessment")]).toBe("agreed");
    expect(patRow[at("assessment role")]).toBe("backend-engineer");
    expect(byName.get("Pete Peer")?.[at("assessment role")]).toBe("");
    expect(patRow[at("submitted")]).toBe("2030-01-01");
    expect(patRow[at("engineering:execution delta")]).toBe("-3");
    expect(patRow[at("engineering:execution level")]).toBe("intern");
    expect(patRow[at("product-matrix:writing delta")]).toBe("");
    // the formula name comes out as text, and the raw line shows the quoting
    expect(byName.get(`'=HYPERLINK("x")`)?.[at("email")]).toBe(quinn.email);
    expect(answer.body).toContain(`"'=HYPERLINK(""x"")",quinn@example.com`);
    expect(answer.body).toMatch(/,-3,intern,/);
    expect(rows.every((r) => r.length === head?.length)).toBe(true);
    // a past cycle's export says which in its name
    const past = await mia.get(`/team/export.csv?cycle=${c1.id}`);
    expect(past.headers.get("content-disposition")).toBe('attachment; filename="rungs-team-2029-09-01.csv"');
  });

  it("quotes and neutralizes CSV cells", () => {
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(null)).toBe("");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("plain")).toBe("plain");
    for (const text of ["=1+1", 'a,"b"\r\nc', " padded ", "ok"]) {
      const { records } = parseCsv(`${csvCell(text)},${csvCell(2)}\r\n`);
      expect(records[0]?.fields).toEqual([/^[=+\-@\t\r]/.test(text) ? `'${text}` : text, "2"]);
    }
  });

  it("shows admins the whole organization with calibration of managers against self-assessments", async () => {
    const { app, mia, uma, ursula } = await org();
    const ada = await signedIn(app, "ada@example.com");
    const json = await teamJson(ada, "/api/admin/team");
    expect(json.scope).toBe("organization");
    expect(json.people).toBe(10);
    const ids = json.frameworks.flatMap((f) => f.people.map((p) => p.id));
    expect(ids).toContain(ursula.id);
    // Mia: Pat's five pairs (−1, +1, +1, −1, +1) and Pete's seventeen (+1 each) in the latest cycle with both
    // Uma: Ursula's two (−1, −1): too few to tell
    expect(json.calibration).toEqual([
      {
        managerId: uma.id,
        managerName: "Uma Other",
        pairs: 2,
        meanDelta: -1,
        higher: 0,
        lower: 2,
        same: 0,
        tooFew: true,
      },
      {
        managerId: mia.id,
        managerName: "Mia Manager",
        pairs: 22,
        meanDelta: 18 / 22,
        higher: 20,
        lower: 2,
        same: 0,
        tooFew: false,
      },
    ]);
    const page = await ada.get("/admin/team/calibration/");
    expect(page.status).toBe(200);
    const row = (id: string) =>
      new RegExp(`<tr id="calibration-${id}"[^>]*>(.*?)</tr>`).exec(page.body)?.[1] ?? "";
    expect(row(mia.id)).toContain("rates higher than self-assessments (by 0.82 levels on average)");
    expect(row(mia.id)).toContain("+0.82");
    expect(row(uma.id)).toContain("too few to tell");
    const organization = await ada.get("/admin/team/?framework=engineering");
    expect(organization.body).toContain(`id="heatmap-engineering"`);
    expect(organization.body).toContain(`id="row-${ursula.id}"`);
    const csv = await ada.get("/admin/team/export.csv");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="rungs-organization.csv"');
    expect(csv.body).toContain("Ursula Else");
    // managers and others are refused openly
    expect((await (await signedIn(app, "mia@example.com")).get("/api/admin/team")).status).toBe(403);
  });

  it("opens cycles with field-by-field problems, and closes them with a version check", async () => {
    const { app, store, c2 } = await org();
    const ada = await signedIn(app, "ada@example.com");
    const list = await ada.get("/admin/cycles/");
    expect(list.status).toBe(200);
    expect(list.body).toContain("Spring 2030");
    expect(list.body).toContain("Autumn 2029");

    const bad = await ada.post("/admin/cycles/", { name: "", startsOn: "2030-02-30", endsOn: "soon" });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain("The cycle was not opened");
    expect(bad.body).toContain('href="#cycle-name"');
    expect(bad.body).toContain('href="#cycle-startsOn"');
    expect(bad.body).toContain('href="#cycle-endsOn"');
    expect(bad.body).toContain('value="soon"'); // what was typed stays
    // a date typed as a long sentence still comes back to the form, at its field
    const rambling = await ada.post("/admin/cycles/", {
      name: "Summer",
      startsOn: "the first Monday after the team offsite, probably in June".repeat(3),
      endsOn: "2030-09-30",
    });
    expect(rambling.status).toBe(422);
    expect(rambling.body).toContain('href="#cycle-startsOn"');
    const backwards = await ada.post("/admin/cycles/", {
      name: "Backwards",
      startsOn: "2030-06-30",
      endsOn: "2030-06-01",
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body).toMatch(/id="cycle-endsOn-problem">[^<]*before it starts/);

    const opened = await ada.post("/admin/cycles/", {
      name: "Summer 2030",
      startsOn: "2030-06-01",
      endsOn: "2030-06-30",
    });
    expect(opened.status).toBe(303);
    expect(opened.location).toBe("/admin/cycles/?done=opened");
    expect((await store.cycles.current())?.name).toBe("Summer 2030");

    // a close carrying another version than the stored one: the page was shown before the cycle changed
    const stale = await ada.post(`/admin/cycles/${c2.id}/close`, { version: String(c2.version - 1) });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain("was changed by someone else");
    expect((await store.cycles.get(c2.id))?.status).toBe("open");
    const closed = await ada.post(`/admin/cycles/${c2.id}/close`, { version: String(c2.version) });
    expect(closed.status).toBe(303);
    expect((await store.cycles.get(c2.id))?.status).toBe("closed");
    const unknown = await ada.post("/admin/cycles/00000000-0000-4000-8000-000000000000/close", {
      version: "1",
    });
    expect(unknown.status).toBe(404);
    // a version that is not a number, or a field sent twice, is a located 422, never a 500; nothing changes
    const open = await store.cycles.current();
    const garbled = await ada.post(`/admin/cycles/${open?.id}/close`, { version: "two" });
    expect(garbled.status).toBe(422);
    expect(garbled.body).toContain("version must be a whole number");
    const asJson = await ada.request("POST", "/admin/cycles/", {
      body: new URLSearchParams([
        ["_csrf", ada.csrf ?? ""],
        ["name", "Twice"],
        ["name", "Twice again"],
        ["startsOn", "2031-01-01"],
        ["endsOn", "2031-01-31"],
      ]).toString(),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: ORIGIN,
        Accept: "application/json",
      },
    });
    expect(asJson.status).toBe(422);
    expect(JSON.parse(asJson.body)).toMatchObject({ errors: [{ field: "name" }] });
    const long = await ada.post("/admin/cycles/", { name: "x".repeat(2_000), startsOn: "", endsOn: "" });
    expect(long.status).toBe(422);
    expect(long.body).toContain("name must be at most");
    expect((await store.cycles.current())?.id).toBe(open?.id);
  });
});
