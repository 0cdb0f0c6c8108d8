/**
 * The framework a URL names (`:fw`), and the answers when it or something inside it is not there: shared by
 * every route under /frameworks/:fw/ and /api/frameworks/:fw/.
 */
import { quoted } from "../../core/text.js";
import type { FrameworkRegistry } from "../../load/registry.js";
import { findFramework, isUnknown, type Served } from "../../services/frameworks.js";
import type { AppContext } from "../context.js";
import { HttpProblem, problem } from "./errors.js";

/**
 * The framework named in the URL, or a response to send instead (404 for unknown ids; a broken framework's
 * diagnostics: 503 with them as JSON, a redirect to them for people).
 */
export function frameworkOr(c: AppContext, registry: FrameworkRegistry): Served | Response {
  const id = c.req.param("fw") ?? "";
  const found = findFramework(registry, id);
  if (isUnknown(found))
    return problem(
      c,
      new HttpProblem(404, { detail: `no framework ${quoted(id)}`, what: `framework ${quoted(id)}` }),
    );
  if ("problem" in found) {
    const { fw } = found;
    const diagnostics = `/frameworks/${fw.id}/diagnostics/`;
    return problem(
      c,
      new HttpProblem(503, {
        detail: `framework ${quoted(id)} has errors`,
        extra: { diagnostics: fw.diagnostics },
        page: (c) => c.redirect(diagnostics, 302),
      }),
    );
  }
  const { fw } = found;
  if (fw.identity) {
    c.set("frameworkVersion", fw.identity);
    c.header(VERSION_HEADER, fw.identity.hash);
  }
  return found;
}

/** The header every answer about one framework carries: the content hash of the version it was made from. */
export const VERSION_HEADER = "Rungs-Framework-Version";

/** A 404 for an unknown id inside a known framework (a level, an area, a role…). */
export function notFound(c: AppContext, what: string): Response {
  return problem(c, new HttpProblem(404, { detail: `no ${what}`, what }));
}
