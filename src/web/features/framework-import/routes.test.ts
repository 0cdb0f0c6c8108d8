import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { expect, it } from "vitest";
import { addPerson, authApp, ORIGIN, signedIn } from "../../../../test/support/auth.js";
import { describeEachDatabase } from "../../../../test/support/databases.js";
import { hostileFt } from "../../../../test/support/hostile-ft.js";
import { TEMPLATE_ROWS } from "../../../import/csv.js";

describeEachDatabase("framework import page", (ctx) => {
  it("previews an upload with its bend report, downloads it as a zip, and shows bad input by location", async () => {
    const made = await authApp(ctx);
    await addPerson(made.store, { name: "Ada Admin", email: "ada@example.com", admin: true });
    const browser = await signedIn(made.app, "ada@example.com");
    const page = await browser.get("/admin/frameworks/import/");
    expect(page.status).toBe(200);
    expect(page.body).toContain('<option value="snowflake">');
    const template = await made.app.request("/admin/frameworks/import/template/xlsx", {
      headers: { Cookie: browser.cookieHeader() },
    });
    expect(template.status).toBe(200);
    expect(new Uint8Array(await template.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const upload = (name: string, text: string) => {
      const form = new FormData();
      form.set("_csrf", browser.csrf ?? "");
      form.set("format", "csv");
      form.append("files", new File([text], name, { type: "text/csv" }));
      return browser.request("POST", "/admin/frameworks/import/", {
        body: form,
        headers: { Origin: ORIGIN },
      });
    };
    const csv = `${TEMPLATE_ROWS.map((r) => r.join(","))
      .join("\n")
      .replace("framework,", "framework,colour,")
      .replace(/\nmy-team,/g, "\nmy-team,blue,")}\n`;
    const preview = await upload("team.csv", csv);
    expect(preview.status).toBe(200);
    expect(preview.body).toContain("Preview: <bdi>My team</bdi>");
    // counted as rungs import counts them, one track in the singular
    expect(preview.body).toMatch(
      /my-team: \d+ levels, 1 track, \d+ areas?, \d+ competenc(y|ies), \d+ expectations?, \d+ roles?\. Nothing/,
    );
    expect(preview.body).toContain(
      "dropped  team.csv:1:2: column &quot;colour&quot; is not part of the layout; ignored",
    );
    expect(preview.body).toContain("Set RUNGS_IMPORT_DIR");
    const zipPath = /action="([^"]+\/zip)"/.exec(preview.body)?.[1] as string;
    const zip = await made.app.request(zipPath, {
      method: "POST",
      headers: {
        Cookie: browser.cookieHeader(),
        Origin: ORIGIN,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ _csrf: browser.csrf ?? "" }).toString(),
    });
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(["my-team/areas/1-craft.yaml", "my-team/framework.yaml"]);
    const write = await browser.post(zipPath.replace(/zip$/, "write"));
    expect(write.status).toBe(409);
    const into = mkdtempSync(join(tmpdir(), "rungs-import-"));
    process.env.RUNGS_IMPORT_DIR = into;
    try {
      const written = await browser.post(zipPath.replace(/zip$/, "write"));
      expect(written.status).toBe(200);
      expect(written.body).toContain(`Written to ${join(into, "my-team")}.`);
      expect(readFileSync(join(into, "my-team", "framework.yaml"), "utf8")).toContain("My team");
      const again = await browser.post(zipPath.replace(/zip$/, "write"));
      expect(again.status).toBe(409);
      expect(again.body).toContain("already exists; nothing was written.");
    } finally {
      delete process.env.RUNGS_IMPORT_DIR;
      rmSync(into, { recursive: true, force: true });
    }

    // the upload as a raw body is refused for its type, as every form route refuses it
    const raw = await browser.request("POST", "/admin/frameworks/import/", {
      headers: { Origin: ORIGIN, "Content-Type": "text/csv", "X-CSRF-Token": browser.csrf ?? "" },
      body: csv,
    });
    expect(raw.status).toBe(415);
    expect(raw.body).toContain("the body must be a form");
    expect(raw.body).toContain("not &quot;text/csv&quot;");

    const bad = await upload("bad.csv", "framework,level,competency,expectation\nfw,,testing,Writes tests\n");
    expect(bad.status).toBe(422);
    expect(bad.body).toContain(
      "bad.csv:2:2 (column &quot;level&quot;): an expectation without a level (missing level)",
    );
    expect(bad.body).toContain("nothing was written");
  });

  it("hostile: a costly upload is read off the serving thread, which answers other requests meanwhile", async (test) => {
    if (ctx.dialect === "postgres") {
      // Run on SQLite alone: the upload is read and refused before anything is stored, so the dialect changes
      // nothing this proves, and SQLite (a synchronous driver on the serving thread) is the stricter of the two
      test.skip("the database plays no part in reading an upload");
      return;
    }
    const made = await authApp(ctx);
    await addPerson(made.store, { name: "Ada Admin", email: "ada@example.com", admin: true });
    const browser = await signedIn(made.app, "ada@example.com");
    const form = new FormData();
    form.set("_csrf", browser.csrf ?? "");
    form.set("format", "ft");
    // ~14,000 competencies (85,000 entries, under the import's bound of 100,000): over a second of the yaml
    // library's time, and an import then refused for a cell of too many criteria
    form.append("files", new File([hostileFt(1_000_000)], "hostile.yml", { type: "application/yaml" }));
    const done: string[] = [];
    const importing = browser
      .request("POST", "/admin/frameworks/import/", { body: form, headers: { Origin: ORIGIN } })
      .then((answer) => {
        done.push("import");
        return answer;
      });
    // requests one after another while the import runs: on the serving thread, it would hold them all
    let answered = 0;
    while (!done.length && answered < 20) {
      const page = await browser.get("/admin/frameworks/import/");
      expect(page.status).toBe(200);
      answered++;
    }
    done.push("others");
    expect(done).toEqual(["others"]);
    const refused = await importing;
    expect(refused.status).toBe(422);
    expect(refused.body).toContain("criteria, more than the 100 a cell may hold");
    expect(refused.body).toContain("nothing was written");
    // seconds of CPU in the import's thread, and more on a busy machine
  }, 120_000);
});
