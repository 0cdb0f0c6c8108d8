import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { addPerson, authApp, ORIGIN, signedIn } from "../../../../test/support/auth.js";
import { countingQueries, describeEachDatabase } from "../../../../test/support/databases.js";
import { elementById } from "../../../../test/support/html.js";
import { PROBLEM_FILES } from "../../../../test/support/people-csv-problems.js";
import { parseCsv } from "../../../core/csv.js";
import { PEOPLE_CSV_MAX_BYTES, readPeopleCsv } from "../../../core/people-csv.js";
import { PeopleImportService } from "../../../services/people-import.js";

/** Text as the page's HTML escapes it, read back. */
const text = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The preview's problems as the page lists them: where, and the message. */
function listedProblems(body: string): Array<[where: string, message: string]> {
  const table = elementById(body, "preview");
  return [...table.matchAll(/<th scope="row">(.*?)<\/th><td>(.*?)<\/td>/g)].map((m) => [
    text(m[1] as string),
    text(m[2] as string),
  ]);
}

describeEachDatabase("admin people import", (ctx) => {
  async function withAdmin() {
    const made = await authApp(ctx);
    const ada = await addPerson(made.store, { name: "Ada Admin", email: "ada@example.com", admin: true });
    const browser = await signedIn(made.app, "ada@example.com");
    return { ...made, ada, browser };
  }

  it("previews an import with every bad row by line, writes nothing, then imports after the fix", async () => {
    const { browser, store } = await withAdmin();
    await browser.get("/admin/import/");
    const bad =
      "name,email,manager_email,level\nCy,cy@example.com,,\nDi,not-an-email,,\nEd,ed@example.com,nobody@example.com,\n";
    const preview = await browser.post("/admin/import/", { csv: bad });
    expect(preview.status).toBe(422);
    expect(preview.body).toContain('id="line-3"');
    expect(preview.body).toContain('id="line-4"');
    expect(preview.body).not.toContain('id="line-2"');
    expect(await store.people.getByEmail("cy@example.com")).toBeUndefined();
    const good = "name,email,manager_email\nCy,cy@example.com,\nDi,di@example.com,cy@example.com\n";
    // as an uploaded file (multipart)
    const form = new FormData();
    form.set("_csrf", browser.csrf ?? "");
    form.set("file", new File([good], "people.csv", { type: "text/csv" }));
    const ok = await browser.request("POST", "/admin/import/", { body: form, headers: { Origin: ORIGIN } });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain("Import these people");
    expect(await store.people.getByEmail("cy@example.com")).toBeUndefined();
    const done = await browser.post("/admin/import/confirm", { csv: good });
    expect(done.status).toBe(200);
    expect(done.body).toContain("2 created");
    const di = await store.people.getByEmail("di@example.com");
    expect(di?.managerId).toBe((await store.people.getByEmail("cy@example.com"))?.id);
  });

  it("previews an import of 200 people with as many queries as an import of one", async () => {
    const counted = countingQueries(ctx.database);
    const made = await authApp(ctx, { database: counted.database });
    await addPerson(made.store, { name: "Ada Admin", email: "ada@example.com", admin: true });
    const browser = await signedIn(made.app, "ada@example.com");
    // stored people, listed without a framework column: each is checked against their stored framework
    const csv = (n: number) =>
      `name,email,level\n${Array.from({ length: n }, (_, i) => `P${i},p${i}@example.com,senior`).join("\n")}\n`;
    const imported = await new PeopleImportService({
      people: made.store.people,
      frameworks: () => new Map(),
    }).run(
      readPeopleCsv(
        `name,email\n${Array.from({ length: 200 }, (_, i) => `P${i},p${i}@example.com`).join("\n")}\n`,
        "seed.csv",
      ),
    );
    expect(imported.ok).toBe(true);
    const cost = async (n: number) => {
      await browser.get("/admin/import/");
      counted.reset();
      const preview = await browser.post("/admin/import/", { csv: csv(n) });
      expect(preview.status).toBe(422); // no framework to place them at that level
      return counted.queries();
    };
    expect(await cost(200)).toBe(await cost(1));
  });

  it("refuses a CSV over the limit whole, pasted or uploaded, saying so: nothing of it is imported", async () => {
    const { browser, store } = await withAdmin();
    await browser.get("/admin/import/");
    // a valid person, then a blank line past the limit: a cut paste would import the person
    const head = "name,email\nCy,cy@example.com\n";
    const over = head + " ".repeat(PEOPLE_CSV_MAX_BYTES + 1 - head.length);
    // the import page's form is multipart (pasted or uploaded); its confirm form is a plain one
    const multipart = (field: "csv" | "file") => {
      const form = new FormData();
      form.set("_csrf", browser.csrf ?? "");
      form.set(field, field === "csv" ? over : new File([over], "people.csv", { type: "text/csv" }));
      return browser.request("POST", "/admin/import/", { body: form, headers: { Origin: ORIGIN } });
    };
    const answers = [
      await multipart("csv"),
      await multipart("file"),
      await browser.post("/admin/import/confirm", { csv: over }),
    ];
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, `answer ${i}`).toBe(422);
      expect(answer.body, `answer ${i}`).toMatch(
        /The (pasted CSV|uploaded file) is 5\.0 MiB \(\d+ bytes\); at most 5\.0 MiB can be imported at once\. Nothing was imported/,
      );
    }
    expect(await store.people.getByEmail("cy@example.com")).toBeUndefined();
    // at the limit exactly, it is read whole
    const at = await browser.post("/admin/import/confirm", { csv: over.slice(0, PEOPLE_CSV_MAX_BYTES) });
    expect(at.status).toBe(200);
    expect(at.body).toContain("1 created");
  });

  it("answers a malformed import form with a located 422, never a 500, and imports nothing", async () => {
    const { browser, store } = await withAdmin();
    await browser.get("/admin/import/");
    const csv = "name,email\nCy,cy@example.com\n";
    // the CSV field twice: which one was meant cannot be known
    const twice = new URLSearchParams([
      ["_csrf", browser.csrf ?? ""],
      ["csv", csv],
      ["csv", csv],
    ]);
    const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN };
    const repeated = await browser.request("POST", "/admin/import/confirm", {
      body: twice.toString(),
      headers: form,
    });
    expect(repeated.status).toBe(422);
    expect(repeated.body).toContain("csv must be text (once)");
    // text where the form has a file, asked for as JSON: the problem names the field
    const multipart = new FormData();
    multipart.set("_csrf", browser.csrf ?? "");
    multipart.set("file", "people.csv");
    const asJson = await browser.request("POST", "/admin/import/", {
      body: multipart,
      headers: { Origin: ORIGIN, Accept: "application/json" },
    });
    expect(asJson.status).toBe(422);
    expect(JSON.parse(asJson.body)).toMatchObject({ errors: [{ field: "file", message: "must be a file" }] });
    // a multipart body that is not one
    const broken = await browser.request("POST", "/admin/import/", {
      body: "--x\r\nnot a part",
      headers: {
        Origin: ORIGIN,
        "Content-Type": "multipart/form-data; boundary=x",
        "X-CSRF-Token": browser.csrf ?? "",
      },
    });
    expect(broken.status).toBe(400);
    // nothing at all: the page says so
    const empty = await browser.post("/admin/import/", {});
    expect(empty.status).toBe(422);
    expect(empty.body).toContain("No CSV was given.");
    expect(await store.people.getByEmail("cy@example.com")).toBeUndefined();
  });

  it("locates every problem a people CSV can have, pasted or uploaded, as the CLI does", async () => {
    const { browser, store } = await withAdmin();
    await browser.get("/admin/import/");
    for (const file of PROBLEM_FILES) {
      const pasted = await browser.post("/admin/import/", { csv: file.csv });
      expect(pasted.status, file.about).toBe(422);
      const where = (name: string) => file.problems.map(([at]) => at.replace("@", name));
      expect(
        listedProblems(pasted.body).map(([at]) => at),
        file.about,
      ).toEqual(where("pasted CSV"));

      const form = new FormData();
      form.set("_csrf", browser.csrf ?? "");
      form.set("file", new File([file.csv], "team.csv", { type: "text/csv" }));
      const uploaded = await browser.request("POST", "/admin/import/", {
        body: form,
        headers: { Origin: ORIGIN },
      });
      expect(uploaded.status, file.about).toBe(422);
      expect(
        listedProblems(uploaded.body).map(([at]) => at),
        file.about,
      ).toEqual(where("team.csv"));
      // the CSV is offered again for fixing, still named as the file it came from
      expect(uploaded.body).toContain('<input type="hidden" name="file_name" value="team.csv"/>');
      // each line's first problem can be linked to, and no id is repeated
      const ids = [...uploaded.body.matchAll(/ id="(line-\d+)"/g)].map((m) => m[1]);
      expect(ids).toEqual([...new Set(file.problems.map(([at]) => `line-${at.split(":")[1]}`))]);
    }
    const rows = listedProblems(
      (await browser.post("/admin/import/", { csv: (PROBLEM_FILES[2] as { csv: string }).csv })).body,
    );
    // the location names the column, so the message does not repeat it
    expect(rows).toContainEqual([
      'pasted CSV:15:6 (column "level")',
      'no level "senoir" in engineering; did you mean "senior"?',
    ]);
    expect(await store.people.list()).toMatchObject({ total: 1 });
  });

  it("locates the problems the confirm step finds in the file the preview named", async () => {
    const { browser, store } = await withAdmin();
    await browser.get("/admin/import/");
    const csv = "name,email,Manager Email\nCy,cy@example.com,gone@example.com\n";
    const failed = await browser.post("/admin/import/confirm", { csv, file_name: "team.csv" });
    expect(failed.status).toBe(422);
    expect(text(failed.body)).toContain(
      '<li>team.csv:2:3 (column "Manager Email"): The manager gone@example.com is neither in this file nor among existing people</li>',
    );
    expect(await store.people.getByEmail("cy@example.com")).toBeUndefined();
  });

  it("previews an HRIS workbook with its ignored columns and leavers' teams, and imports it on confirm", async () => {
    const { browser, store } = await withAdmin();
    await browser.get("/admin/import/");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("People");
    const fixture = readFileSync(
      new URL("../../../../test/fixtures/people/hris-export.csv", import.meta.url),
      "utf8",
    );
    for (const record of parseCsv(fixture).records) sheet.addRow(record.fields);
    const form = new FormData();
    form.set("_csrf", browser.csrf ?? "");
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    form.set("file", new File([bytes], "export.xlsx"));
    const preview = await browser.request("POST", "/admin/import/", {
      body: form,
      headers: { Origin: ORIGIN },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toContain("Ignored (not read): 3 columns: Location, Start Date, Cost Centre.");
    expect(text(preview.body)).toContain(
      '<li>export.xlsx:4:5 (column "Manager Employee ID"): This person reports to tomas.berg@northwind.example, who has left',
    );
    // the confirm form carries the workbook itself, not a CSV made of it
    const carried = /name="workbook" value="([^"]+)"/.exec(preview.body)?.[1] ?? "";
    expect(Buffer.from(carried, "base64").equals(Buffer.from(bytes))).toBe(true);
    expect(await store.people.getByEmail("iris.vance@northwind.example")).toBeUndefined();
    const done = await browser.post("/admin/import/confirm", { workbook: carried, file_name: "export.xlsx" });
    expect(done.status).toBe(200);
    expect(done.body).toContain("4 created");
    expect(text(done.body)).toContain("export.xlsx:5:5");
    const iris = await store.people.getByEmail("iris.vance@northwind.example");
    expect([iris?.role, iris?.level, iris?.managerId]).toEqual([
      "backend-engineer",
      "mid",
      (await store.people.getByEmail("lena.okafor@northwind.example"))?.id,
    ]);
  });
});
