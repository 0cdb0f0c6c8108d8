/**
 * People CSVs that between them raise every problem `rungs user import` and the admin import page can
 * report, each with where it is reported (`file:line:column (column "header")`, as the framework CSV
 * importer locates). The CLI test and the admin page's test both read these, against the bundled examples
 * (whose `engineering` framework has the `trunk` track, the `senior` level and the `backend-engineer` role),
 * with `ada@example.com` stored as the only active admin.
 */

export interface ProblemFile {
  /** What the file shows. */
  about: string;
  csv: string;
  /** Every problem in the order they are listed: where (`@` stands for the file's name), and its code. */
  problems: Array<[where: string, code: string]>;
}

const HEADER = "name,email,manager_email,framework,track,level,role";

export const PROBLEM_FILES: ProblemFile[] = [
  {
    about: "a header naming one column twice (in two spellings) and missing a required one",
    csv: "nmae,email,Email Address,boss\nAda,ada@example.com,,\n",
    problems: [
      ["@:1:3", "duplicate-column"],
      ["@:1", "missing-column"],
    ],
  },
  {
    about: "a file saved with semicolons",
    csv: "name;email\nAda;ada@example.com\n",
    problems: [["@:1", "missing-column"]],
  },
  {
    about: "rows with every problem of the file's shape, a person's fields and their placement",
    csv: [
      HEADER,
      "Ada", // 2
      "Bob,bob@example.com,,,,,,surplus", // 3
      '"Cy"x,cy@example.com,,,,,', // 4
      ",nameless@example.com,,,,,", // 5
      `${"N".repeat(201)},long@example.com,,,,,`, // 6
      "Bel\u0007,bel@example.com,,,,,", // 7
      "Eve,eve at example,,,,,", // 8
      "Fay,fay@example.com,,,,,", // 9
      "Fay Again,FAY@example.com,,,,,", // 10
      "Gus,gus@example.com,ghost@example.com,,,,", // 11
      "Hal,hal@example.com,HAL@example.com,,,,", // 12
      "Ivy,ivy@example.com,,enginering,,,", // 13
      "Jo,jo@example.com,,engineering,trunc,,", // 14
      "Kim,kim@example.com,,engineering,,senoir,", // 15
      "Lu,lu@example.com,,engineering,,,backend", // 16
      "Mo,mo@example.com,,,,senior,", // 17
      "Ned,ned@example.com,not an email,,,,", // 18
      '"Pat,pat@example.com,,,,,', // 19: the quote is never closed
      "",
    ].join("\n"),
    problems: [
      ['@:2:2 (column "email")', "field-count"],
      ["@:3:8", "field-count"],
      ['@:4:1 (column "name")', "csv-syntax"],
      ['@:5:1 (column "name")', "required"],
      ['@:6:1 (column "name")', "too-long"],
      ['@:7:1 (column "name")', "invalid-text"],
      ['@:8:2 (column "email")', "invalid-email"],
      ['@:10:2 (column "email")', "duplicate-email"],
      ['@:11:3 (column "manager_email")', "manager-not-found"],
      ['@:12:3 (column "manager_email")', "manager-cycle"],
      ['@:13:4 (column "framework")', "unknown-framework"],
      ['@:14:5 (column "track")', "unknown-track"],
      ['@:15:6 (column "level")', "unknown-level"],
      ['@:16:7 (column "role")', "unknown-role"],
      ['@:17:6 (column "level")', "framework-required"],
      ['@:18:3 (column "manager_email")', "invalid-email"],
      ['@:19:1 (column "name")', "csv-syntax"],
    ],
  },
  {
    about: "a level that is not on the row's track (a manager on the IC track)",
    csv: "name,email,framework,track,level\nBo,bo@example.com,engineering,ic,manager\n",
    problems: [['@:2:4 (column "track")', "level-off-track"]],
  },
  {
    about:
      "leavers: an active cell that is not yes or no (one of 100,000 bytes), and the only admin marked as left",
    csv: [
      "name,email,active",
      "Ada,ada@example.com,no", // 2
      "Bo,bo@example.com,retiring", // 3
      `Cy,cy@example.com,${"n".repeat(100_000)}`, // 4
      "",
    ].join("\n"),
    problems: [
      ['@:2:3 (column "active")', "last-admin"],
      ['@:3:3 (column "active")', "invalid-active"],
      ['@:4:3 (column "active")', "invalid-active"],
    ],
  },
  {
    about: "an HRIS export: an employee id twice, a manager's id no row has, two managers named at once",
    csv: [
      "Employee ID,Full Name,Email Address,Manager Email,Manager Employee ID,Cost Centre",
      "E1,Bo,bo@example.com,,,CC1", // 2
      "E1,Cy,cy@example.com,,,CC1", // 3
      "E3,Di,di@example.com,,E404,CC2", // 4
      "E4,Ed,ed@example.com,cy@example.com,E1,CC2", // 5
      "",
    ].join("\n"),
    problems: [
      ['@:3:1 (column "Employee ID")', "duplicate-employee-id"],
      ['@:4:5 (column "Manager Employee ID")', "manager-not-found"],
      ['@:5:5 (column "Manager Employee ID")', "manager-mismatch"],
    ],
  },
];
