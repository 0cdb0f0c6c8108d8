/** The framework import page: the upload form, and the preview of an import (or its located problems). */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { formatLocation } from "../../../core/source-location.js";
import { statsLine } from "../../../core/text-view.js";
import { IMPORT_FORMATS } from "../../../import/formats.js";
import type { ImportRun } from "../../../import/run.js";
import { formatBends, type ImportProblem } from "../../../import/types.js";
import { CsrfField } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Page, Section, useLinks } from "../../components/page.js";
import type { AppEnv, Viewer } from "../../context.js";
import { paths } from "../../links.js";

export function frameworkImportPage(
  c: Context<AppEnv>,
  viewer: Viewer,
  content: Child,
  status: 200 | 404 | 409 | 422 = 200,
  title = "Import a framework",
): Response {
  const links = c.get("links");
  return html(
    c,
    <Page
      title={title}
      links={links}
      kind="admin"
      crumbs={[{ label: "Home", href: links.to(paths.home()) }, { label: "Import a framework" }]}
    >
      <h1>{title}</h1>
      {content}
      <Section id="upload" title="Upload">
        <p>
          A spreadsheet in the canonical layout (templates:{" "}
          <a href={links.to(paths.frameworkImportTemplate("csv"))}>csv</a>,{" "}
          <a href={links.to(paths.frameworkImportTemplate("xlsx"))}>xlsx</a>) or another framework's files.
          Nothing is written until you choose to after the preview.
        </p>
        <form
          method="post"
          action={links.to(paths.frameworkImport())}
          enctype="multipart/form-data"
          class="stacked"
        >
          <CsrfField token={viewer.csrfToken} />
          <div class="field">
            <label for="import-format">Format</label>
            <select id="import-format" name="format">
              {IMPORT_FORMATS.map((f) => (
                <option value={f.name}>{`${f.name}: ${f.description}`}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="import-files">Files</label>
            <input id="import-files" name="files" type="file" multiple />
          </div>
          <div class="field">
            <label>
              <input type="checkbox" name="strict" value="1" /> Strict: refuse anything that does not fit
              exactly
            </label>
          </div>
          <button type="submit">Preview</button>
        </form>
      </Section>
    </Page>,
    status,
  );
}

export function ProblemList({ problems }: { problems: readonly ImportProblem[] }) {
  return (
    <Section id="preview" title="Problems">
      <p role="alert">{`${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was written.`}</p>
      <ul class="problems">
        {problems.map((p) => (
          <li>{`${formatLocation(p.at)}: ${p.message}`}</li>
        ))}
      </ul>
    </Section>
  );
}

/** The framework an import made: its counts, the bend report, its files, and what to do with it. */
export function ImportPreview({
  run,
  token,
  csrf,
  canWrite,
}: {
  run: ImportRun;
  token: string;
  csrf: string;
  canWrite: boolean;
}) {
  const links = useLinks();
  const bends = formatBends(run.bends);
  return (
    <Section
      id="preview"
      title={
        <>
          Preview: <bdi>{run.name}</bdi>
        </>
      }
    >
      <p>{`${run.id}: ${statsLine(run.stats)}. Nothing has been written yet.`}</p>
      <h3>Bend report</h3>
      {bends.length ? (
        <ul class="bends">
          {bends.map((b) => (
            <li>
              <code>{b}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p>Everything fitted the model exactly.</p>
      )}
      <form method="post" action={links.to(paths.frameworkImportZip(token))}>
        <CsrfField token={csrf} />
        <button type="submit">Download as a zip</button>
      </form>
      {canWrite ? (
        <form method="post" action={links.to(paths.frameworkImportWrite(token))}>
          <CsrfField token={csrf} />
          <button type="submit">Write to the framework folder</button>
        </form>
      ) : (
        <p>Set RUNGS_IMPORT_DIR to let imports be written to the server's framework folder.</p>
      )}
      {run.files.map((f) => (
        <details>
          <summary>{f.path}</summary>
          <pre>{f.text}</pre>
        </details>
      ))}
    </Section>
  );
}
