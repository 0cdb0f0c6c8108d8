import { expect, it } from "vitest";
import { describeEachDatabase, manualClock } from "../../test/support/databases.js";
import { type FrameworkIndex, indexFramework } from "../core/model.js";
import {
  type PeopleCsv,
  type PeopleCsvColumn,
  type PeopleCsvRow,
  readPeopleCsv,
} from "../core/people-csv.js";
import type { Framework } from "../core/schema.js";
import { formatLocation } from "../core/source-location.js";
import { PeopleRepository } from "../store/people.repository.js";
import { SessionsRepository } from "../store/sessions.repository.js";
import type { Outcome, Person } from "../store/types.js";
import { type ImportLineProblem, PeopleImportService } from "./people-import.js";

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.problems)}`);
  return outcome.value;
}

/** Rows as the CSV reader produces them, numbered from line 2 (line 1 is the header). */
function rows(...entries: Array<[name: string, email: string, manager?: string]>): PeopleCsv {
  return csvOf(
    entries.map(([name, email, managerEmail], i) => ({
      line: i + 2,
      name,
      email,
      managerEmail: managerEmail ?? "",
    })),
  );
}

function csvOf(input: PeopleCsvRow[]): PeopleCsv {
  const columns: PeopleCsvColumn[] = ["name", "email", "manager_email"];
  const fieldOf: PeopleCsv["fieldOf"] = { name: 0, email: 1, manager_email: 2 };
  return {
    file: "people.csv",
    header: { line: 1, fields: columns },
    rows: input,
    problems: [],
    columns,
    fieldOf,
    ignored: [],
  };
}

const engineering = indexFramework({
  id: "engineering",
  name: "Engineering",
  tracks: [
    { id: "ic", name: "IC" },
    { id: "management", name: "Management" },
  ],
  levels: [
    { id: "junior", name: "Junior", track: "ic" },
    { id: "senior", name: "Senior", track: "ic", follows: ["junior"] },
    { id: "manager", name: "Manager", track: "management", follows: ["senior"] },
  ],
  roles: [
    { id: "engineer", name: "Engineer", levels: ["junior", "senior"], aliases: ["Software Developer"] },
    { id: "lead", name: "Lead", levels: ["senior"] },
  ],
} as unknown as Framework);

describeEachDatabase("people import", (ctx) => {
  const clock = manualClock();
  const people = () => new PeopleRepository(ctx.database, clock);
  let frameworksAsked = 0;
  const service = () =>
    new PeopleImportService({
      people: people(),
      frameworks: () => {
        frameworksAsked++;
        return new Map<string, FrameworkIndex>([["engineering", engineering]]);
      },
    });
  const count = async () => (await people().list()).total;
  /** Each problem where the CLI and the admin page show it, and its kind. */
  const codes = (problems: readonly ImportLineProblem[]) =>
    problems.map((p) => [formatLocation(p.at), p.code]);

  it("previews every bad row by line, and writes nothing either way", async () => {
    const input = rows(
      ["Ada", "ada@example.com", "bob@example.com"], // 2: fine, manager defined further down
      ["", "nameless@example.com"], // 3
      ["Bob", "bob@example.com"], // 4: fine
      ["Eve", "eve at example"], // 5
      ["Ada Again", "ADA@example.com"], // 6: duplicate of line 2
      ["Gus", "gus@example.com", "ghost@example.com"], // 7
      ["Hal", "hal@example.com", "HAL@example.com"], // 8
      ["Cy", "cy@example.com", "di@example.com"], // 9: loop with 10
      ["Di", "di@example.com", "cy@example.com"], // 10
    );
    const preview = await service().preview(input);
    // each at the cell it is about: the row's name or email, or the manager that cannot be
    expect(codes(preview.problems)).toEqual([
      ['people.csv:3:1 (column "name")', "required"],
      ['people.csv:5:2 (column "email")', "invalid-email"],
      ['people.csv:6:2 (column "email")', "duplicate-email"],
      ['people.csv:7:3 (column "manager_email")', "manager-not-found"],
      ['people.csv:8:3 (column "manager_email")', "manager-cycle"],
      ['people.csv:9:3 (column "manager_email")', "manager-cycle"],
      ['people.csv:10:3 (column "manager_email")', "manager-cycle"],
    ]);
    expect(preview.problems.find((p) => p.line === 6)?.message).toContain("line 2");
    expect(preview.problems.find((p) => p.line === 9)?.message).toContain("cy@example.com → di@example.com");
    expect(await count()).toBe(0);

    const result = await service().run(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual(preview.problems);
    expect(await count()).toBe(0);
  });

  it("imports all rows in one go, with managers named before they appear", async () => {
    const input = rows(
      ["Dev", "dev@example.com", "lead@example.com"],
      ["Lead", "lead@example.com", "CEO@example.com"],
      ["Ceo", "ceo@example.com"],
    );
    const preview = await service().preview(input);
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.action])).toEqual([
      [2, "create"],
      [3, "create"],
      [4, "create"],
    ]);
    expect(await count()).toBe(0);

    const result = await service().run(input);
    expect(result).toMatchObject({ ok: true, created: 3, updated: 0, unchanged: 0 });
    const dev = (await people().getByEmail("dev@example.com")) as Person;
    expect((await people().chain(dev.id)).map((p) => p.name)).toEqual(["Lead", "Ceo"]);
  });

  it("updates people it already has (by email), keeps absent fields and leaves unchanged rows alone", async () => {
    const boss = value(await people().create({ name: "Boss", email: "boss@example.com" }));
    const ada = value(
      await people().create({
        name: "Ada",
        email: "ada@example.com",
        framework: "engineering",
        level: "junior",
        role: "engineer",
        managerId: boss.id,
      }),
    );
    const cy = value(
      await people().create({ name: "Cy", email: "cy@example.com", framework: "engineering" }),
    );
    const input = csvOf([
      {
        line: 2,
        name: "Ada King",
        email: "ADA@example.com",
        managerEmail: "new@example.com",
        level: "senior",
      },
      { line: 3, name: "Cy", email: "cy@example.com", managerEmail: "" },
      {
        line: 4,
        name: "New Manager",
        email: "new@example.com",
        managerEmail: "boss@example.com",
        framework: "engineering",
        role: "lead",
      },
    ]);
    const preview = await service().preview(input);
    expect(preview.rows.map((r) => [r.line, r.action, r.personId, r.changes])).toEqual([
      [2, "update", ada.id, ["name", "email", "manager", "level"]],
      [3, "unchanged", cy.id, undefined],
      [4, "create", undefined, undefined],
    ]);
    expect(await service().run(input)).toMatchObject({
      ok: true,
      created: 1,
      updated: 1,
      unchanged: 1,
    });

    const newManager = (await people().getByEmail("new@example.com")) as Person;
    expect(newManager).toMatchObject({ managerId: boss.id, role: "lead", level: null });
    const after = (await people().get(ada.id)) as Person;
    expect(after).toMatchObject({
      name: "Ada King",
      email: "ADA@example.com",
      level: "senior",
      role: "engineer", // not in the row: kept
      managerId: newManager.id,
      version: ada.version + 1,
    });
    expect((await people().get(cy.id))?.version).toBe(cy.version);
  });

  it("marks people who left from an active column, signs them out, and never the last active admin", async () => {
    const boss = value(await people().create({ name: "Boss", email: "boss@example.com", admin: true }));
    const ada = value(await people().create({ name: "Ada", email: "ada@example.com" }));
    const sessions = new SessionsRepository(ctx.database, clock);
    const policy = { idleMs: 3_600_000, absoluteMs: 86_400_000 };
    await sessions.create(ada.id, {}, policy);
    await sessions.create(boss.id, {}, policy);
    const file = (entries: Array<[name: string, email: string, active: string]>) => {
      const input = csvOf(entries.map(([name, email, active], i) => ({ line: i + 2, name, email, active })));
      input.columns.push("active");
      input.fieldOf.active = 3;
      return input;
    };

    const refused = await service().run(
      file([
        ["Boss", "boss@example.com", "No"],
        ["Ada", "ada@example.com", "retiring"],
      ]),
    );
    expect(refused.ok ? [] : codes(refused.problems)).toEqual([
      ['people.csv:2:4 (column "active")', "last-admin"],
      ['people.csv:3:4 (column "active")', "invalid-active"],
    ]);

    const input = file([
      ["Boss", "boss@example.com", "yes"],
      ["Ada", "ada@example.com", " FALSE "],
      ["Cy", "cy@example.com", ""],
      ["Di", "di@example.com", "0"],
    ]);
    const leaving = await service().run(input);
    expect(leaving).toMatchObject({ ok: true, created: 2, updated: 1, unchanged: 1 });
    expect(leaving.ok && leaving.rows[1]?.changes).toEqual(["left"]);
    const active = async (email: string) => (await people().getByEmail(email))?.active;
    expect(await Promise.all(["ada", "cy", "di"].map((n) => active(`${n}@example.com`)))).toEqual([
      false,
      true,
      false,
    ]);
    expect(await sessions.listFor(ada.id)).toEqual([]);
    expect(await sessions.listFor(boss.id)).toHaveLength(1);
    // back again: a rehire is the same person, active once more; an unchanged leaver is unchanged
    expect(
      await service().run(
        file([
          ["Ada", "ada@example.com", "active"],
          ["Di", "di@example.com", "no"],
        ]),
      ),
    ).toMatchObject({ ok: true, updated: 1, unchanged: 1 });
    expect(await active("ada@example.com")).toBe(true);
  });

  it("refuses a loop that runs through people already stored", async () => {
    const x = value(await people().create({ name: "X", email: "x@example.com" }));
    value(await people().create({ name: "Y", email: "y@example.com", managerId: x.id }));
    const preview = await service().preview(rows(["X", "x@example.com", "y@example.com"]));
    expect(codes(preview.problems)).toEqual([['people.csv:2:3 (column "manager_email")', "manager-cycle"]]);
    expect(await service().run(rows(["X", "x@example.com", "y@example.com"]))).toMatchObject({
      ok: false,
    });
    expect((await people().get(x.id))?.managerId).toBeNull();
  });

  it("checks again when importing: a manager removed after the preview fails the whole import", async () => {
    const boss = value(await people().create({ name: "Boss", email: "boss@example.com" }));
    const input = rows(["Ada", "ada@example.com", "boss@example.com"], ["Bob", "bob@example.com"]);
    expect((await service().preview(input)).problems).toEqual([]);
    await ctx.db.deleteFrom("people").where("id", "=", boss.id).execute();
    const result = await service().run(input);
    expect(result.ok ? [] : codes(result.problems)).toEqual([
      ['people.csv:2:3 (column "manager_email")', "manager-not-found"],
    ]);
    expect(await count()).toBe(0);
  });

  it("imports an empty file as nothing", async () => {
    expect(await service().run(csvOf([]))).toEqual({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 0,
      rows: [],
      warnings: [],
      ignored: [],
    });
  });

  it("imports more rows than fit one statement, every manager listed after their reports", async () => {
    const input: PeopleCsvRow[] = [];
    const managerOf = (i: number) => Math.floor(i / 2) - 1; // two roots, then a binary tree
    for (let i = 0; i < 1_200; i++) {
      const manager = i < 2 ? "" : `p${managerOf(i)}@example.com`;
      input.unshift({ line: 0, name: `Person ${i}`, email: `p${i}@example.com`, managerEmail: manager });
    }
    input.forEach((row, i) => {
      row.line = i + 2;
    });
    expect(await service().run(csvOf(input))).toMatchObject({ ok: true, created: 1_200 });
    const deepest = (await people().getByEmail("p1199@example.com")) as Person;
    let depth = 0;
    for (let i = 1199; i >= 2; i = managerOf(i)) depth++;
    expect((await people().chain(deepest.id)).length).toBe(depth);
    expect((await people().list({ limit: 1 })).total).toBe(1_200);
  });

  it("checks placements against the frameworks, reading them only when a row places someone", async () => {
    value(await people().create({ name: "Ada", email: "ada@example.com", framework: "engineering" }));
    frameworksAsked = 0;
    const plain = readPeopleCsv("name,email\nBo,bo@example.com\n", "plain.csv");
    expect((await service().preview(plain)).problems).toEqual([]);
    expect(frameworksAsked).toBe(0);

    // without a framework column, Ada's level is read against her stored framework
    const placed = readPeopleCsv(
      "name,email,Level\nAda,ada@example.com,senoir\nBo,bo@example.com,junior\n",
      "placed.csv",
    );
    const preview = await service().preview(placed);
    expect(frameworksAsked).toBe(1);
    expect(codes(preview.problems)).toEqual([
      ['placed.csv:2:3 (column "Level")', "unknown-level"],
      ['placed.csv:3:3 (column "Level")', "framework-required"],
    ]);
    expect(preview.problems[0]?.message).toMatch(/^no level "senoir" in engineering; did you mean/);
    const result = await service().run(placed);
    expect(result.ok ? [] : codes(result.problems)).toEqual(codes(preview.problems));
    expect(await count()).toBe(1);
  });

  it("refuses a row whose level is not on its track, at the track's cell, naming the level's tracks", async () => {
    const csv = readPeopleCsv(
      "name,email,framework,track,level\nBo,bo@example.com,engineering,ic,manager\nCy,cy@example.com,engineering,ic,senior\n",
      "tracks.csv",
    );
    const preview = await service().preview(csv);
    expect(codes(preview.problems)).toEqual([['tracks.csv:2:4 (column "track")', "level-off-track"]]);
    expect(preview.problems[0]?.message).toBe(
      'the level "manager" is not on the track "ic"; it is on the track management (Management)',
    );
    expect((await service().run(csv)).ok).toBe(false);
    expect(await count()).toBe(0);
  });

  it("lists the CSV's own problems with the plan's, by line, and a file without a header reads nothing", async () => {
    const csv = readPeopleCsv(
      'name,email\nAda,ada@example.com,extra\nBo,bo at example\n"Cy,cy@example.com\n',
      "mixed.csv",
    );
    const preview = await service().preview(csv);
    expect(codes(preview.problems)).toEqual([
      ["mixed.csv:2:3", "field-count"],
      ['mixed.csv:3:2 (column "email")', "invalid-email"],
      ['mixed.csv:4:1 (column "name")', "csv-syntax"],
    ]);
    expect(preview.problems[1]?.message).toBe('"bo at example" is not an email address (name@domain)');
    expect((await service().run(csv)).ok).toBe(false);
    expect(await count()).toBe(0);
    const headless = readPeopleCsv("", "empty.csv");
    expect(headless.columns).toEqual([]);
    expect(await service().run(headless)).toMatchObject({ ok: false, problems: [{ line: 1 }] });
  });

  it("reads an HRIS export: managers by employee id, placements by name or title alias", async () => {
    const csv = readPeopleCsv(
      "Employee ID,Full Name,Email Address,Manager Employee ID,Department,Job Title,Level,Location\n" +
        "100,Ada,ada@example.com,,Engineering,Lead,SENIOR,Leeds\n" +
        "101,Bo,bo@example.com,100,engineering,software developer,Junior,York\n" +
        "102,Cy,cy@example.com,,Engineering,Engineer,,York\n",
      "hris.csv",
    );
    const preview = await service().preview(csv);
    expect([preview.problems, preview.warnings, preview.ignored]).toEqual([[], [], ["Location"]]);
    expect(await service().run(csv)).toMatchObject({ ok: true, created: 3, ignored: ["Location"] });
    const ada = (await people().getByEmail("ada@example.com")) as Person;
    const bo = (await people().getByEmail("bo@example.com")) as Person;
    expect([bo.managerId, bo.framework, bo.role, bo.level]).toEqual([
      ada.id,
      "engineering",
      "engineer",
      "junior",
    ]);
    expect([ada.role, ada.level]).toEqual(["lead", "senior"]);
  });

  it("locates employee-id problems in their column: repeated ids, unknown managers, two managers named", async () => {
    const csv = readPeopleCsv(
      "employee_id,name,email,manager_email,manager_employee_id\n" +
        "7,Ada,ada@example.com,,\n" +
        "7,Bo,bo@example.com,,\n" +
        "8,Cy,cy@example.com,,99\n" +
        "9,Di,di@example.com,bo@example.com,7\n",
      "ids.csv",
    );
    const preview = await service().preview(csv);
    expect(codes(preview.problems)).toEqual([
      ['ids.csv:3:1 (column "employee_id")', "duplicate-employee-id"],
      ['ids.csv:4:5 (column "manager_employee_id")', "manager-not-found"],
      ['ids.csv:5:5 (column "manager_employee_id")', "manager-mismatch"],
    ]);
    expect(preview.problems[1]?.message).toMatch(/^No row of this file has the employee id "99"/);
  });

  it("warns of a manager who has left anywhere up a person's chain, in the preview and the result", async () => {
    value(await people().create({ name: "Vi", email: "vi@example.com", active: false }));
    const csv = readPeopleCsv(
      "name,email,manager_email,active\n" +
        "Ada,ada@example.com,vi@example.com,yes\n" +
        "Bo,bo@example.com,ada@example.com,yes\n" +
        "Cy,cy@example.com,,no\n" +
        "Di,di@example.com,cy@example.com,no\n",
      "chain.csv",
    );
    const preview = await service().preview(csv);
    expect(preview.problems).toEqual([]);
    expect(codes(preview.warnings)).toEqual([
      ['chain.csv:2:3 (column "manager_email")', "inactive-manager"],
      ['chain.csv:3:3 (column "manager_email")', "inactive-manager"],
    ]);
    expect(preview.warnings[1]?.message).toBe(
      "This person reports to vi@example.com (through ada@example.com), who has left (active: no); give the team a new manager",
    );
    const result = await service().run(csv);
    expect(result.ok && codes(result.warnings)).toEqual(codes(preview.warnings));
  });
});
