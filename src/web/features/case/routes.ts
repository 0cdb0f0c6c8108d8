/**
 * The CASE 1.1 service, read-only (docs/api.md, "CASE"): every framework served is a CFDocument, its package,
 * items, associations and rubric are found by their stable UUIDs. Public like the framework pages. And the
 * package as a download from the framework's pages (`case.json`, in the static site too).
 */

import { quoted } from "../../../core/text.js";
import { caseJsonChunks } from "../../../export/case-export.js";
import { attachment } from "../../attachment.js";
import {
  type CaseCollection,
  caseDocuments,
  caseObject,
  casePackage,
  exportPaths,
} from "../../components/framework-exports.js";
import type { App, AppContext, RouteDeps } from "../../context.js";
import { answersJson } from "../../middleware/errors.js";
import { frameworkOr, notFound } from "../../middleware/framework.js";
import { validate } from "../../middleware/validate.js";
import { caseIdParam } from "./requests.js";

/** Where the answers' URIs point: this server, or nowhere for a static site (`urn:uuid:` URIs). */
function baseUri(c: AppContext): string | undefined {
  return c.get("links").staticSite ? undefined : new URL(c.req.url).origin;
}

const KINDS: [CaseCollection, string][] = [
  ["CFPackages", "CASE package"],
  ["CFItems", "CASE item"],
  ["CFAssociations", "CASE association"],
  ["CFRubrics", "CASE rubric"],
];

export function caseRoutes(app: App, { registry }: RouteDeps): void {
  app.use("/ims/*", answersJson);

  app.get("/ims/case/v1p1/CFDocuments", (c) => c.json({ CFDocuments: caseDocuments(registry, baseUri(c)) }));

  for (const [collection, what] of KINDS) {
    app.get(`/ims/case/v1p1/${collection}/:id`, validate("param", caseIdParam), (c) => {
      const { id } = c.req.valid("param");
      const found = caseObject(registry, collection, id, baseUri(c));
      return found === undefined ? notFound(c, `${what} ${quoted(id)}`) : c.json(found);
    });
  }

  app.get(exportPaths.casePackage(":fw"), (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const { pkg } = casePackage(found.index, baseUri(c), found.fw.modified);
    // in pieces: a large framework's package is hundreds of MB of JSON (the static build streams it to disk)
    const chunks = caseJsonChunks(pkg);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    return c.body(body, 200, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": attachment(`${found.index.framework.id}-case.json`),
    });
  });
}
