/**
 * Downloads of a framework in the formats a page links to (components/downloads.tsx): the schema.org JSON-LD
 * of the whole framework, its canonical CSV and XLSX (`rungs export csv|xlsx`), and the Markdown files of `rungs export markdown`, one at a time, their relative
 * links working between these URLs as between the files. All static: the site build writes them too.
 * The JSON-LD and spreadsheet writers (with the table layout and the zip guard they share with the importers)
 * are imported on a format's first download, not before a server's first answer.
 */

import type { FrameworkIndex } from "../../../core/model.js";
import { frameworkMarkdown, markdownFiles } from "../../../export/markdown.js";
import { attachment } from "../../attachment.js";
import { exportPaths } from "../../components/framework-exports.js";
import type { App, AppContext, RouteDeps } from "../../context.js";
import { frameworkOr, notFound } from "../../middleware/framework.js";
import { releasedWith } from "../../version-caches.js";

/** The Markdown files of a framework version, built once. */
let markdown = new WeakMap<FrameworkIndex, Map<string, string>>();

function markdownOf(index: FrameworkIndex): Map<string, string> {
  let files = markdown.get(index);
  if (!files) {
    files = frameworkMarkdown(index);
    markdown.set(index, files);
  }
  return files;
}

function sendMarkdown(c: AppContext, index: FrameworkIndex, file: string, what: string): Response {
  const text = markdownOf(index).get(file);
  if (text === undefined) return notFound(c, what);
  return c.body(text, 200, { "Content-Type": "text/markdown; charset=utf-8" });
}

/** The spreadsheets of a framework version, built once (a workbook is costly to write). */
let sheets = new WeakMap<FrameworkIndex, { csv?: string; xlsx?: Promise<Uint8Array> }>();
releasedWith(() => {
  markdown = new WeakMap();
  sheets = new WeakMap();
});

function sheetsOf(index: FrameworkIndex) {
  let found = sheets.get(index);
  if (!found) {
    found = {};
    sheets.set(index, found);
  }
  return found;
}

/** `senior.md` → `senior`; anything else (the route's pattern lets only `[a-z0-9._-]+.md` through) as is. */
const stem = (file: string) => file.replace(/\.md$/, "");

export function exportRoutes(app: App, { registry }: RouteDeps): void {
  app.get(exportPaths.jsonld(":fw"), async (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const { frameworkJsonLd } = await import("../../../export/jsonld.js");
    return c.body(JSON.stringify(frameworkJsonLd(found.index), null, 2), 200, {
      "Content-Type": "application/ld+json; charset=utf-8",
    });
  });

  app.get(exportPaths.csv(":fw"), async (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const cached = sheetsOf(found.index);
    cached.csv ??= (await import("../../../import/csv.js")).layoutCsv(found.index).text;
    return c.body(cached.csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment(`${found.index.framework.id}.csv`),
    });
  });

  app.get(exportPaths.xlsx(":fw"), async (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const cached = sheetsOf(found.index);
    cached.xlsx ??= import("../../../import/xlsx.js")
      .then(({ layoutXlsx }) => layoutXlsx(found.index))
      .then((x) => x.bytes);
    return c.body((await cached.xlsx) as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachment(`${found.index.framework.id}.xlsx`),
    });
  });

  app.get(exportPaths.markdownIndex(":fw"), (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    return sendMarkdown(c, found.index, markdownFiles.index(), "index");
  });

  app.get("/frameworks/:fw/export/levels/:file{[a-z0-9._-]+\\.md}", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const id = stem(c.req.param("file"));
    return sendMarkdown(c, found.index, markdownFiles.level(id), `level "${id}"`);
  });

  app.get("/frameworks/:fw/export/roles/:file{[a-z0-9._-]+\\.md}", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const id = stem(c.req.param("file"));
    return sendMarkdown(c, found.index, markdownFiles.role(id), `role "${id}"`);
  });
}
