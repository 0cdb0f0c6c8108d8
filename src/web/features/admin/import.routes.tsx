/**
 * The people import (/admin/import/): a CSV pasted or uploaded, previewed with every problem by line, then
 * imported all or nothing by the people-import service.
 */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { readPeopleCsv } from "../../../core/people-csv.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { type ImportLineProblem, PeopleImportService } from "../../../services/people-import.js";
import type { Store } from "../../../store/store.js";
import { CsrfField, formText } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Notice, Page, Section } from "../../components/page.js";
import type { App, AppEnv, Viewer } from "../../context.js";
import { paths } from "../../links.js";
import { acceptsUpload } from "../../middleware/body-limit.js";
import { adminOnly, crumbsFor, frameworksOf } from "./admin-parts.js";

/**
 * The largest CSV an import reads, pasted or uploaded, in UTF-8 bytes: far more than any organization's
 * people list (100,000 people take about 6 MB only with every column filled), and small enough to check
 * in one request. Larger is refused whole, never cut: a cut file would import only its first part.
 */
export const CSV_MAX_BYTES = 5 * 1024 * 1024;

export function importService(store: Store, registry: FrameworkRegistry): PeopleImportService {
  return new PeopleImportService({ people: store.people, frameworks: () => frameworksOf(registry) });
}

/** The CSV of an import form (the file when one is chosen, else the pasted text), or why it cannot be read. */
export async function csvFrom(
  body: Record<string, unknown>,
): Promise<{ text: string } | { tooLarge: string }> {
  const file = body.file;
  const upload = file instanceof File && file.size > 0;
  const bytes = upload ? file.size : Buffer.byteLength(formText(body, "csv"), "utf8");
  if (bytes > CSV_MAX_BYTES) {
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    return {
      tooLarge: `The ${upload ? "uploaded" : "pasted"} CSV is ${mib(bytes)} (${bytes} bytes); at most ${mib(CSV_MAX_BYTES)} can be imported at once. Nothing was imported: split the file and import the parts one after the other.`,
    };
  }
  return { text: upload ? await file.text() : formText(body, "csv") };
}

export function importRoutes(app: App, store: Store, registry: FrameworkRegistry): void {
  const page = (
    c: Context<AppEnv>,
    viewer: Viewer,
    content: Child,
    status: 200 | 422 | 409 = 200,
    title = "Import people",
    /** The CSV to offer again for fixing in place (after a preview found problems). */
    csv = "",
  ) => {
    const links = c.get("links");
    c.header("Cache-Control", "private, no-store");
    return html(
      c,
      <Page title={title} links={links} kind="admin" crumbs={crumbsFor(links, "Import")}>
        <h1>{title}</h1>
        {content}
        <Section id="upload" title="Upload a CSV">
          <p>
            Columns: <code>name,email,manager_email,framework,track,level,role</code> (name and email
            required). Nothing is written until you confirm the preview.
          </p>
          <form
            method="post"
            action={links.to(paths.adminImport())}
            enctype="multipart/form-data"
            class="stacked"
          >
            <CsrfField token={viewer.csrfToken} />
            <div class="field">
              <label for="import-file">CSV file</label>
              <input id="import-file" name="file" type="file" accept=".csv,text/csv" />
            </div>
            <div class="field">
              <label for="import-csv">{csv ? "Or fix the CSV here" : "Or paste the CSV"}</label>
              <textarea
                id="import-csv"
                name="csv"
                wrap="off"
                rows={csv ? Math.min(20, csv.split("\n").length + 1) : 8}
              >
                {csv}
              </textarea>
            </div>
            <button type="submit">Preview</button>
          </form>
        </Section>
      </Page>,
      status,
    );
  };

  app.get("/admin/import/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return page(c, viewer, null);
  });

  app.post("/admin/import/", acceptsUpload, async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const csv = await csvFrom(await c.req.parseBody());
    const links = c.get("links");
    if ("tooLarge" in csv || !csv.text.trim())
      return page(
        c,
        viewer,
        <p class="problems" role="alert">
          {"tooLarge" in csv ? csv.tooLarge : "No CSV was given."}
        </p>,
        422,
      );
    const text = csv.text;
    const checked = await importService(store, registry).preview(readPeopleCsv(text));
    if (checked.problems.length) {
      const lines = new Set(checked.problems.map((p) => p.line)).size;
      return page(
        c,
        viewer,
        <Section id="preview" title="Preview: problems">
          <p role="alert">{`${checked.problems.length} problem${checked.problems.length === 1 ? "" : "s"} on ${lines} line${lines === 1 ? "" : "s"}; nothing was written. Fix them in the CSV below (or in your file) and preview again.`}</p>
          <div class="table-scroll">
            <table class="import-problems">
              <caption>Problems by line</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {checked.problems.map((p) => (
                  <tr id={`line-${p.line}`}>
                    <th scope="row">{String(p.line)}</th>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>,
        422,
        "Import preview",
        text,
      );
    }
    return page(
      c,
      viewer,
      <Section id="preview" title="Preview">
        <p>{`${checked.rows.length} row${checked.rows.length === 1 ? "" : "s"}, no problems. Nothing has been written yet.`}</p>
        <div class="table-scroll">
          <table class="import-plan">
            <caption>What the import will do</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Email</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {checked.rows.map((r) => (
                <tr>
                  <th scope="row">{String(r.line)}</th>
                  <td>{r.email}</td>
                  <td>{r.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form method="post" action={links.to(paths.adminImportConfirm())}>
          <CsrfField token={viewer.csrfToken} />
          <input type="hidden" name="csv" value={text} />
          <button type="submit">Import these people</button>
        </form>
      </Section>,
      200,
      "Import preview",
    );
  });

  app.post("/admin/import/confirm", acceptsUpload, async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const csv = await csvFrom(await c.req.parseBody());
    const fail = (problems: readonly ImportLineProblem[] | string) =>
      page(
        c,
        viewer,
        <ul class="problems" role="alert">
          {typeof problems === "string" ? (
            <li>{problems}</li>
          ) : (
            problems.map((p) => <li>{`Line ${p.line}: ${p.message}`}</li>)
          )}
        </ul>,
        422,
        "Nothing was imported",
      );
    if ("tooLarge" in csv) return fail(csv.tooLarge);
    if (!csv.text.trim()) return fail("No CSV was given.");
    const result = await importService(store, registry).run(readPeopleCsv(csv.text));
    if (!result.ok) return fail(result.problems);
    return page(
      c,
      viewer,
      <Notice
        text={`Imported: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`}
      />,
      200,
      "Import done",
    );
  });
}
