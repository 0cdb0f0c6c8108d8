/**
 * Admins import a framework in the browser: upload → preview (the framework's counts, the bend report and
 * its files) → download as a zip, or write it under RUNGS_IMPORT_DIR. The same importers and checks as
 * `rungs import` (src/import/run.ts), in a worker thread bounded in memory and time (import-thread.ts);
 * uploads have the app's upload limit. A preview is kept for its admin
 * for 15 minutes under an unguessable token, so the next step needs no second upload.
 *
 * The importers, the checks and the zip writer are imported when a request first needs them: they are most
 * of this feature's code, and every server would otherwise load them before its first answer.
 */

import { randomBytes } from "node:crypto";
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { importFormat } from "../../../import/formats.js";
import type { ImportRun } from "../../../import/run.js";
import { ImportError, type ImportInput } from "../../../import/types.js";
import { attachment } from "../../attachment.js";
import { adminOnly } from "../../auth/admin-only.js";
import { Notice } from "../../components/page.js";
import { type App, type AppContext, type RouteDeps, type Viewer, whileWorking } from "../../context.js";
import { acceptsUpload } from "../../middleware/body-limit.js";
import { readsForm } from "../../middleware/validate.js";
import { frameworkImportPage, ImportPreview, ProblemList } from "./import.page.js";

const KEEP_MS = 15 * 60 * 1000;
const KEEP_AT_MOST = 20;

/** The folder imports may be written under, when the operator set one. */
function importDir(): string | undefined {
  const dir = process.env.RUNGS_IMPORT_DIR;
  return dir ? resolve(dir) : undefined;
}

/** Previews kept for their admin under an unguessable token, for KEEP_MS, at most KEEP_AT_MOST at once. */
class KeptPreviews {
  private readonly kept = new Map<string, { viewer: string; until: number; run: ImportRun }>();

  keep(viewer: string, run: ImportRun): string {
    const now = Date.now();
    for (const [token, entry] of this.kept) if (entry.until < now) this.kept.delete(token);
    while (this.kept.size >= KEEP_AT_MOST) this.kept.delete(this.kept.keys().next().value as string);
    const token = randomBytes(18).toString("base64url");
    this.kept.set(token, { viewer, until: now + KEEP_MS, run });
    return token;
  }

  /** The run kept under the request's token for this viewer, if it has not expired. */
  find(c: AppContext, viewer: Viewer): ImportRun | undefined {
    const entry = this.kept.get(c.req.param("token") ?? "");
    return entry && entry.viewer === viewer.person.id && entry.until >= Date.now() ? entry.run : undefined;
  }
}

const gone = (c: AppContext, viewer: Viewer) =>
  frameworkImportPage(c, viewer, <p role="alert">This preview has expired; upload the files again.</p>, 404);

export function frameworkImportRoutes(app: App, deps: RouteDeps): void {
  if (!deps.auth) return;
  const kept = new KeptPreviews();

  app.get("/admin/frameworks/import/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return frameworkImportPage(c, viewer, null);
  });

  app.get("/admin/frameworks/import/template/:format", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return template(c, viewer);
  });

  app.post("/admin/frameworks/import/", acceptsUpload, readsForm, async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return preview(c, viewer, kept);
  });

  app.post("/admin/frameworks/import/:token/zip", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const run = kept.find(c, viewer);
    return run ? zipOf(c, run) : gone(c, viewer);
  });

  app.post("/admin/frameworks/import/:token/write", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const run = kept.find(c, viewer);
    return run ? write(c, viewer, run) : gone(c, viewer);
  });
}

/** The CSV or XLSX template a framework can be written in. */
async function template(c: AppContext, viewer: Viewer) {
  const ext = c.req.param("format");
  const importer = ext === "csv" || ext === "xlsx" ? await importFormat(ext)?.load() : undefined;
  const template = await importer?.template?.();
  if (!template) return frameworkImportPage(c, viewer, <p role="alert">No such template.</p>, 404);
  c.header("Content-Disposition", attachment(template.name));
  return c.body(new Uint8Array(template.bytes), 200, {
    "Content-Type":
      ext === "csv"
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}

/** Imports the uploaded files and shows the preview, kept for the next step; or the located problems. */
async function preview(c: AppContext, viewer: Viewer, kept: KeptPreviews) {
  const body = await c.req.parseBody({ all: true });
  const format = typeof body.format === "string" ? body.format : "";
  const files = [body.files].flat().filter((f): f is File => f instanceof File && f.size > 0);
  const inputs: ImportInput[] = [];
  for (const file of files)
    inputs.push({ name: file.name || "upload", bytes: new Uint8Array(await file.arrayBuffer()) });
  try {
    // in a thread of its own: a large or hostile upload must not hold every other request
    const [{ runImportInThread }, { IMPORT_LIMITS }] = await Promise.all([
      import("../../../import/import-thread.js"),
      import("../../../import/run.js"),
    ]);
    // the thread may work up to its time bound without a byte sent: the connection must outlast it
    const run = await whileWorking(c, IMPORT_LIMITS.seconds * 1000 + 5_000, () =>
      runImportInThread({ format, inputs, options: { strict: body.strict === "1" } }),
    );
    const token = kept.keep(viewer.person.id, run);
    return frameworkImportPage(
      c,
      viewer,
      <ImportPreview run={run} token={token} csrf={viewer.csrfToken} canWrite={importDir() !== undefined} />,
      200,
      "Import preview",
    );
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return frameworkImportPage(
      c,
      viewer,
      <ProblemList problems={error.problems} />,
      422,
      "Nothing was imported",
    );
  }
}

/** The imported files as a zip (fixed timestamps, so the same import gives the same bytes). */
async function zipOf(c: AppContext, run: ImportRun) {
  const { zipSync } = await import("fflate");
  const mtime = new Date(Date.UTC(2000, 0, 1));
  const zip = zipSync(
    Object.fromEntries(
      run.files.map((f) => [
        run.folders.length ? f.path : `${run.id}/${f.path}`,
        [new TextEncoder().encode(f.text), { mtime }],
      ]),
    ),
  );
  c.header("Content-Disposition", attachment(`${run.id}.zip`));
  return c.body(zip, 200, { "Content-Type": "application/zip" });
}

/** Writes the imported files under RUNGS_IMPORT_DIR, never over a folder that exists. */
async function write(c: AppContext, viewer: Viewer, run: ImportRun) {
  const dir = importDir();
  if (!dir) return frameworkImportPage(c, viewer, <p role="alert">RUNGS_IMPORT_DIR is not set.</p>, 409);
  // A framework with its base (monzo's generic) writes both folders side by side.
  const targets = run.folders.length ? run.folders.map((f) => join(dir, f)) : [join(dir, run.id)];
  for (const target of targets)
    if (await stat(target).catch(() => undefined))
      return frameworkImportPage(
        c,
        viewer,
        <p role="alert">{`${target} already exists; nothing was written.`}</p>,
        409,
      );
  const target = run.folders.length ? dir : join(dir, run.id);
  const { writeFrameworkFiles } = await import("../../../import/write.js");
  await writeFrameworkFiles(target, run.files);
  return frameworkImportPage(
    c,
    viewer,
    <Notice text={`Written to ${targets.join(", ")}.`} />,
    200,
    "Import done",
  );
}
