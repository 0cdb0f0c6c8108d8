/** The people import page: the upload form, the preview of a clean file, and a file's located problems. */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { formatLocation } from "../../../core/source-location.js";
import type { ImportLineProblem, ImportRowPlan } from "../../../services/people-import.js";
import { CsrfField } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Page, Section, useLinks } from "../../components/page.js";
import type { AppEnv, Viewer } from "../../context.js";
import { paths } from "../../links.js";
import { crumbsFor } from "./admin-parts.js";

/** The import page around `content` (a preview, problems or the result), with the upload form below. */
export function importPage(
  c: Context<AppEnv>,
  viewer: Viewer,
  content: Child,
  status: 200 | 422 | 409 = 200,
  title = "Import people",
  /** The CSV to offer again for fixing in place (after a preview found problems), and the file it came from. */
  csv = "",
  fileName = "",
): Response {
  const links = c.get("links");
  return html(
    c,
    <Page title={title} links={links} kind="admin" crumbs={crumbsFor(links, "Import")}>
      <h1>{title}</h1>
      <p>
        <a href={links.to(paths.frameworkImport())}>
          Import a framework (spreadsheet, FT, snowflake…) instead
        </a>
      </p>
      {content}
      <Section id="upload" title="Upload a CSV">
        <p>
          Columns: <code>name,email,manager_email,framework,track,level,role,active</code> (name and email
          required; <code>active</code> no marks people who left). Nothing is written until you confirm the
          preview.
        </p>
        <form
          method="post"
          action={links.to(paths.adminImport())}
          enctype="multipart/form-data"
          class="stacked"
        >
          <CsrfField token={viewer.csrfToken} />
          {fileName ? <input type="hidden" name="file_name" value={fileName} /> : null}
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
}

/**
 * Every problem of a previewed CSV, located as `rungs user import` prints it (`people.csv:4:2 (column
 * "email")`). The first problem of each line can be linked to as #line-N.
 */
export function ProblemsPreview({ problems }: { problems: readonly ImportLineProblem[] }) {
  const lines = new Set(problems.map((p) => p.line)).size;
  return (
    <Section id="preview" title="Preview: problems">
      <p role="alert">{`${problems.length} problem${problems.length === 1 ? "" : "s"} on ${lines} line${lines === 1 ? "" : "s"}; nothing was written. Fix them in the CSV below (or in your file) and preview again.`}</p>
      <div class="table-scroll">
        <table class="import-problems">
          <caption>Problems, where they are in the file</caption>
          <thead>
            <tr>
              <th scope="col">Where</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr id={problems[i - 1]?.line === p.line ? undefined : `line-${p.line}`}>
                <th scope="row">{formatLocation(p.at)}</th>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

/** What a clean import will do, row by row, and the form that confirms it (the CSV travels along). */
export function PlanPreview({
  rows,
  csv,
  fileName,
  csrf,
}: {
  rows: readonly ImportRowPlan[];
  csv: string;
  fileName: string;
  csrf: string;
}) {
  const links = useLinks();
  return (
    <Section id="preview" title="Preview">
      <p>{`${rows.length} row${rows.length === 1 ? "" : "s"}, no problems. Nothing has been written yet.`}</p>
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
            {rows.map((r) => (
              <tr>
                <th scope="row">{String(r.line)}</th>
                <td>{r.email}</td>
                <td>{r.changes ? `${r.action}: ${r.changes.join(", ")}` : r.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action={links.to(paths.adminImportConfirm())}>
        <CsrfField token={csrf} />
        <input type="hidden" name="csv" value={csv} />
        <input type="hidden" name="file_name" value={fileName} />
        <button type="submit">Import these people</button>
      </form>
    </Section>
  );
}
