/**
 * Downloads of a framework in the formats a page links to (components/downloads.tsx): the schema.org JSON-LD
 * of the whole framework, and the Markdown files of `rungs export markdown`, one at a time, their relative
 * links working between these URLs as between the files. All static: the site build writes them too.
 */
import type { FrameworkIndex } from "../../../core/model.js";
import { frameworkJsonLd } from "../../../export/jsonld.js";
import { frameworkMarkdown, markdownFiles } from "../../../export/markdown.js";
import { exportPaths } from "../../components/framework-exports.js";
import type { App, AppContext, RouteDeps } from "../../context.js";
import { frameworkOr, notFound } from "../../middleware/framework.js";

/** The Markdown files of a framework version, built once. */
const markdown = new WeakMap<FrameworkIndex, Map<string, string>>();

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

/** `senior.md` → `senior`; anything else (the route's pattern lets only `[a-z0-9._-]+.md` through) as is. */
const stem = (file: string) => file.replace(/\.md$/, "");

export function exportRoutes(app: App, { registry }: RouteDeps): void {
  app.get(exportPaths.jsonld(":fw"), (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    return c.body(JSON.stringify(frameworkJsonLd(found.index), null, 2), 200, {
      "Content-Type": "application/ld+json; charset=utf-8",
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
