/**
 * The framework a URL names (`:fw`), and the answers when it or something inside it is not there: shared by
 * every route under /frameworks/:fw/ and /api/frameworks/:fw/.
 */
import type { FrameworkIndex } from "../../core/model.js";
import type { FrameworkRegistry, LoadedFramework } from "../../load/registry.js";
import { ErrorPage } from "../components/error-page.js";
import { html } from "../components/html.js";
import type { AppContext } from "../context.js";

/** The framework named in the URL, or a response to send instead (404 for unknown ids, diagnostics for broken ones). */
export function frameworkOr(
  c: AppContext,
  registry: FrameworkRegistry,
): { fw: LoadedFramework; index: FrameworkIndex } | Response {
  const id = c.req.param("fw") ?? "";
  const fw = registry.get(id);
  const api = c.req.path.startsWith("/api/");
  if (!fw) {
    if (api) return c.json({ error: `no framework "${id}"` }, 404);
    return html(
      c,
      <ErrorPage links={c.get("links")} status={404} registry={registry} what={`framework "${id}"`} />,
      404,
    );
  }
  if (!fw.ok || !fw.index) {
    if (api) return c.json({ error: `framework "${id}" has errors`, diagnostics: fw.diagnostics }, 503);
    return c.redirect(`/frameworks/${fw.id}/diagnostics/`, 302);
  }
  return { fw, index: fw.index };
}

/** A 404 for an unknown id inside a known framework (a level, an area, a role…). */
export function notFound(c: AppContext, registry: FrameworkRegistry, what: string): Response {
  if (c.req.path.startsWith("/api/")) return c.json({ error: `no ${what}` }, 404);
  return html(c, <ErrorPage links={c.get("links")} status={404} registry={registry} what={what} />, 404);
}
