import { describe, expect, it } from "vitest";
import { readPeopleCsv } from "./people-csv.js";

describe("readPeopleCsv", () => {
  it("maps the documented columns to rows numbered by line; blank cells are empty strings", () => {
    const csv = readPeopleCsv(
      "name,email,manager_email,framework,track,level,role\n" +
        "Ada,ada@x.org,,engineering,trunk,senior,backend-engineer\n" +
        "Bob,bob@x.org,ada@x.org,,,,\n",
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
    const csv = readPeopleCsv("Email,Manager Email,NAME\nada@x.org,,Ada\n");
    expect(csv.columns).toEqual(["email", "manager_email", "name"]);
    expect(csv.rows).toEqual([{ line: 2, name: "Ada", email: "ada@x.org", managerEmail: "" }]);
    expect(csv.rows[0]).not.toHaveProperty("level");
  });

  it("refuses a header with unknown, duplicate or missing columns, and reads no rows", () => {
    const csv = readPeopleCsv("nmae,email,email,boss\nAda,ada@x.org,,\n");
    expect(csv.rows).toEqual([]);
    expect(csv.problems.map((p) => [p.line, p.code])).toEqual([
      [1, "unknown-column"],
      [1, "duplicate-column"],
      [1, "unknown-column"],
      [1, "missing-column"],
    ]);
    expect(csv.problems[0]?.message).toContain('did you mean "name"?');
  });

  it("says so when the file uses semicolons", () => {
    const csv = readPeopleCsv("name;email\nAda;ada@x.org\n");
    expect(csv.problems).toHaveLength(1);
    expect(csv.problems[0]?.message).toContain("; between fields");
  });

  it("reports rows with too few or too many fields by line, but tolerates empty padding and blank rows", () => {
    const csv = readPeopleCsv("name,email\nAda\nBob,bob@x.org,,\nCy,cy@x.org,extra\n,\nDi,di@x.org\n");
    expect(csv.problems.map((p) => [p.line, p.code])).toEqual([
      [2, "field-count"],
      [4, "field-count"],
    ]);
    expect(csv.rows.map((r) => [r.line, r.name])).toEqual([
      [3, "Bob"],
      [6, "Di"],
    ]);
  });

  it("passes CSV syntax problems on with their line, and an empty file asks for the header", () => {
    expect(readPeopleCsv('name,email\n"Ada,ada@x.org\n').problems).toEqual([
      { line: 2, code: "csv-syntax", message: expect.stringContaining("never closed") },
    ]);
    expect(readPeopleCsv("").problems).toEqual([
      { line: 1, code: "missing-column", message: expect.stringContaining("name,email,manager_email") },
    ]);
  });
});
