import { sql } from "kysely";
import { expect, it } from "vitest";
import { signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { teamOrg } from "../../../../test/support/team-org.js";
import { parseCsv } from "../../../core/csv.js";
import { csvCell } from "./routes.js";

describeEachDatabase("team views: the CSV export", (ctx) => {
  const org = () => teamOrg(ctx);

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
    expect(answer.headers.get("content-disposition")).toBe(
      `attachment; filename="rungs-team.csv"; filename*=UTF-8''rungs-team.csv`,
    );
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
    expect(past.headers.get("content-disposition")).toBe(
      `attachment; filename="rungs-team-2029-09-01.csv"; filename*=UTF-8''rungs-team-2029-09-01.csv`,
    );
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
});
