import { describe, expect, it } from "vitest";
import { type PeopleCsv, peopleCsvCell, readPeopleCsv } from "./people-csv.js";
import { formatLocation } from "./source-location.js";

/** Each problem as the CLI and the admin page show it: where, what kind. */
const located = (csv: PeopleCsv) => csv.problems.map((p) => [formatLocation(p.at), p.code]);

describe("readPeopleCsv", () => {
  it("maps the documented columns to rows numbered by line; blank cells are empty strings", () => {
    const csv = readPeopleCsv(
      "name,email,manager_email,framework,track,level,role\n" +
        "Ada,ada@x.org,,engineering,trunk,senior,backend-engineer\n" +
        "Bob,bob@x.org,ada@x.org,,,,\n",
      "p.csv",
    );
    expect(csv.problems).toEqual([]);
    expect(csv.rows).toEqual([
      {
        line: 2,
        name: "Ada",
        email: "ada@x.org",
        managerEmail: "",
        framework: "engineering",
        track: "trunk",
        level: "senior",
        role: "backend-engineer",
      },
      {
        line: 3,
        name: "Bob",
        email: "bob@x.org",
        managerEmail: "ada@x.org",
        framework: "",
        track: "",
        level: "",
        role: "",
      },
    ]);
  });

  it("takes the columns in any order and case; a column left out stays absent (keep what is stored)", () => {
    const csv = readPeopleCsv("Email,Manager Email,NAME\nada@x.org,,Ada\n", "p.csv");
    expect(csv.columns).toEqual(["email", "manager_email", "name"]);
    expect(csv.rows).toEqual([{ line: 2, name: "Ada", email: "ada@x.org", managerEmail: "" }]);
    expect(csv.rows[0]).not.toHaveProperty("level");
  });

  it("refuses a header with duplicate or missing columns, each at its column, and reads no rows", () => {
    const csv = readPeopleCsv("nmae,email,E-mail Address,boss\nAda,ada@x.org,,\n", "p.csv");
    expect(csv.rows).toEqual([]);
    // the header row's own cells are located by position: the header is what is wrong there
    expect(located(csv)).toEqual([
      ["p.csv:1:3", "duplicate-column"],
      ["p.csv:1", "missing-column"],
    ]);
    expect(csv.problems[0]?.message).toBe('"email" and "E-mail Address" both name the column email');
    // an ignored column close to the missing one is named
    expect(csv.problems[1]?.message).toMatch(/^the header has no "name" column; did you mean "name"\?/);
  });

  it("reads an HRIS export: other spellings of the columns, first and last name, other columns ignored", () => {
    const csv = readPeopleCsv(
      "Employee ID,First Name,Last Name,Email Address,Office,Manager Employee ID,Job Title,Department,Level\n" +
        "E1,Ada,Lovelace,ada@x.org,Leeds,,Engineer,Engineering,Senior\n" +
        "E2,Bob,,bob@x.org,York,E1,,,\n",
      "hris.csv",
    );
    expect([csv.problems, csv.ignored]).toEqual([[], ["Office"]]);
    expect(csv.rows).toEqual([
      {
        line: 2,
        employeeId: "E1",
        name: "Ada Lovelace",
        email: "ada@x.org",
        managerEmployeeId: "",
        role: "Engineer",
        framework: "Engineering",
        level: "Senior",
      },
      {
        line: 3,
        employeeId: "E2",
        name: "Bob",
        email: "bob@x.org",
        managerEmployeeId: "E1",
        role: "",
        framework: "",
        level: "",
      },
    ]);
    expect(formatLocation(peopleCsvCell(csv, 3, "manager_employee_id"))).toBe(
      'hris.csv:3:6 (column "Manager Employee ID")',
    );
    expect(formatLocation(peopleCsvCell(csv, 3, "name"))).toBe('hris.csv:3:2 (column "First Name")');
  });

  it("says so when the file uses semicolons", () => {
    const csv = readPeopleCsv("name;email\nAda;ada@x.org\n", "p.csv");
    expect(located(csv)).toEqual([["p.csv:1", "missing-column"]]);
    expect(csv.problems[0]?.message).toContain("; between fields");
  });

  it("locates a row with too few fields at the first empty column, too many at the first value past the header", () => {
    const csv = readPeopleCsv(
      "name,email,level\nAda\nBob,bob@x.org,,,\nCy,cy@x.org,senior,,extra\n,\nDi,di@x.org,\n",
      "p.csv",
    );
    expect(located(csv)).toEqual([
      ['p.csv:2:2 (column "email")', "field-count"],
      ["p.csv:4:5", "field-count"],
    ]);
    expect(csv.problems[0]?.message).toBe(
      "1 field where the header has 3 (name,email,level); a value with a comma must be in double quotes",
    );
    // empty padding and blank rows are not problems
    expect(csv.rows.map((r) => [r.line, r.name])).toEqual([
      [3, "Bob"],
      [6, "Di"],
    ]);
  });

  it("locates CSV syntax problems at the field they are in, with its column's header", () => {
    const csv = readPeopleCsv('name,email\n"Ada,ada@x.org\n', "p.csv");
    expect(located(csv)).toEqual([['p.csv:2:1 (column "name")', "csv-syntax"]]);
    expect(csv.problems[0]?.message).toContain("never closed");
    const after = readPeopleCsv('Name,Email,Manager-Email\nAda,ada@x.org,"b@x.org"x\n', "p.csv");
    // the header as the file writes it, not as it is read
    expect(located(after)).toEqual([['p.csv:2:3 (column "Manager-Email")', "csv-syntax"]]);
  });

  it("refuses bytes that are not UTF-8 at the cell they are in, and a UTF-16 file as such, reading no rows", () => {
    const latin1 = new TextDecoder().decode(
      Buffer.from("name,email\nAda,ada@x.org\nJos\xe9,jose@x.org\n", "latin1"),
    );
    const csv = readPeopleCsv(latin1, "p.csv");
    expect([located(csv), csv.rows]).toEqual([[['p.csv:3:1 (column "name")', "csv-syntax"]], []]);
    expect(csv.problems[0]?.message).toContain("not valid UTF-8");
    const utf16 = new TextDecoder().decode(Buffer.from("\ufeffname,email\nAda,ada@x.org\n", "utf16le"));
    const wide = readPeopleCsv(utf16, "w.csv");
    const [first] = wide.problems;
    expect([wide.problems.length, first?.at.line, first?.at.column, first?.code, first?.message]).toEqual([
      1,
      1,
      1,
      "csv-syntax",
      "the file is UTF-16, not UTF-8: save it as CSV UTF-8",
    ]);
  });

  it("asks an empty file for its header, at line 1", () => {
    const csv = readPeopleCsv("", "empty.csv");
    expect(located(csv)).toEqual([["empty.csv:1", "missing-column"]]);
    expect(csv.problems[0]?.message).toContain("name,email,manager_email");
  });

  it("locates a row's cell by column, and by line alone for a column the file leaves out", () => {
    const csv = readPeopleCsv("Email,Manager Email,NAME\nada@x.org,,Ada\n", "team.csv");
    expect(formatLocation(peopleCsvCell(csv, 2, "manager_email"))).toBe(
      'team.csv:2:2 (column "Manager Email")',
    );
    expect(formatLocation(peopleCsvCell(csv, 2, "level"))).toBe("team.csv:2");
    expect(formatLocation(peopleCsvCell(csv, 2))).toBe("team.csv:2");
  });

  it("hostile: refuses the first person past the bound on rows, and reads no further", () => {
    const text = `name,email\n${Array.from({ length: 6 }, (_, i) => `P${i},p${i}@example.com`).join("\n")}\n,\n`;
    const csv = readPeopleCsv(text, "p.csv", 3);
    expect(csv.rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(csv.problems.map((p) => [formatLocation(p.at), p.code, p.message])).toEqual([
      ["p.csv:5", "too-many-rows", "more than 3 people in one file: import it in parts"],
    ]);
    // blank lines are no people: exactly the bound is read whole
    expect(readPeopleCsv("name,email\nA,a@example.com\n\n,\nB,b@example.com\n", "p.csv", 2).problems).toEqual(
      [],
    );
  });
});
