/**
 * The API document, generated from the operations every feature declares (middleware/openapi.ts), at
 * /api/openapi.json, and the same document as a page to read at /api-docs/. Both load the operations and
 * their schemas when first asked for (described.ts), not when the app is made.
 */

import { html } from "../../components/html.js";
import type { App, RouteDeps } from "../../context.js";

export function apiDocsRoutes(app: App, deps: Pick<RouteDeps, "auth">): void {
  const people = deps.auth !== undefined;
  let described: ReturnType<typeof describe> | undefined;
  const describe = () =>
    import("./described.js").then((code) => ({ ...code.describedApi(people), Page: code.ReferencePage }));
  const current = () => {
    described ??= describe();
    return described;
  };
  app.get("/api/openapi.json", async (c) => c.json((await current()).document));
  app.get("/api-docs/", async (c) => {
    const { operations, Page } = await current();
    return html(c, <Page links={c.get("links")} operations={operations} />);
  });
}
