/**
 * The API document, generated from the operations every feature declares (middleware/openapi.ts), at
 * /api/openapi.json, and the same document as a page to read at /api-docs/.
 */

import { html } from "../../components/html.js";
import type { App } from "../../context.js";
import { apiOperations, openApiDocument } from "../../middleware/openapi.js";
import { API_INFO } from "./api.js";
import { ReferencePage } from "./reference.page.js";

export function apiDocsRoutes(app: App): void {
  // the operations are declared once, when the app is made: the document is made once, on first ask
  let document: Record<string, unknown> | undefined;
  const current = () => {
    document ??= openApiDocument(apiOperations(app), API_INFO);
    return document;
  };
  app.get("/api/openapi.json", (c) => c.json(current()));
  app.get("/api-docs/", (c) =>
    html(c, <ReferencePage links={c.get("links")} operations={apiOperations(app)} />),
  );
}
