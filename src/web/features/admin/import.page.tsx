/** The people import page: the upload form, the preview of a clean file, and a file's located problems. */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { ignoredColumns } from "../../../core/people-csv.js";
import { formatLocation } from "../../../core/source-location.js";
import type { ImportLineProblem, PeopleImportPreview } from "../../../services/people-import.js";
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
      <Section id="upload" title="Upload a CSV or workbook">
        <p>
          A CSV or an .xlsx workbook (its first sheet). Columns:{" "}
          <code>name,email,manager_email,framework,track,level,role,active</code> (name and email required;{" "}
          <code>active</code> no marks people who left), or an HRIS export's own (Employee ID, Email Address,
          Manager Employee ID, Job Title, Department, Level…); other columns are ignored. Nothing is written
          until you confirm the preview.
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
            <label for="import-file">CSV or .xlsx file</label>
            <input
              id="import-file"
              name="file"
              type="file"
              accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            />
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

/** The columns an import reads past and the warnings it gives (a manager who has left), when there are any. */
export function ImportNotes({
  ignored,
  warnings,
}: {
  ignored: readonly string[];
  warnings: readonly ImportLineProblem[];
}) {
  return (
    <>
      {ignored.length > 0 ? (
        <p class="import-ignored">{`Ignored (not read): ${ignoredColumns(ignored)}.`}</p>
      ) : null}
      {warnings.length > 0 ? (
        <ul class="import-warnings" aria-label="Warnings">
          {warnings.map((w) => (
            <li>{`${formatLocation(w.at)}: ${w.message}`}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** What a clean import will do, row by row, and the form that confirms it (the file travels along). */
export function PlanPreview({
  checked,
  upload,
  csrf,
}: {
  checked: PeopleImportPreview;
  upload: { text: string; workbook: string; name: string };
  csrf: string;
}) {
  const links = useLinks();
  const rows = checked.rows;
  return (
    <Section id="preview" title="Preview">
      <p>{`${rows.length} row${rows.length === 1 ? "" : "s"}, no problems. Nothing has been written yet.`}</p>
      <ImportNotes ignored={checked.ignored} warnings={checked.warnings} />
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
        {upload.workbook ? (
          <input type="hidden" name="workbook" value={upload.workbook} />
        ) : (
          <input type="hidden" name="csv" value={upload.text} />
        )}
        <input type="hidden" name="file_name" value={upload.name} />
        <button type="submit">Import these people</button>
      </form>
    </Section>
  );
}
