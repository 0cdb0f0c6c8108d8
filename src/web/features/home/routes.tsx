/** Home: the loaded frameworks and a search box; GET /api/frameworks lists the same. */
import { frameworkStats } from "../../../core/text-view.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { acrossPages, frameworkIndexes } from "../../../services/frameworks.js";
import { html } from "../../components/html.js";
import type { App, RouteDeps } from "../../context.js";
import { type FrameworkSummary, HomePage } from "./home.page.js";

function summaries(registry: FrameworkRegistry): FrameworkSummary[] {
  return registry.list().map((fw) => ({
    id: fw.id,
    name: fw.index?.framework.name ?? fw.id,
    ok: fw.ok,
    version: fw.index?.framework.version,
    identity: fw.identity,
    description: fw.index?.framework.description,
    stats: fw.index ? frameworkStats(fw.index) : undefined,
    errors: fw.diagnostics.filter((d) => d.severity === "error").length,
  }));
}

/** The public home page and GET /api/frameworks (the signed-in home is me.routes.tsx's, registered apart). */
export function homeRoutes(app: App, { registry }: RouteDeps): void {
  app.get("/api/frameworks", (c) => c.json({ frameworks: summaries(registry) }));
  app.get("/", (c) =>
    html(
      c,
      <HomePage
        frameworks={summaries(registry)}
        across={acrossPages(frameworkIndexes(registry).values())}
        links={c.get("links")}
      />,
    ),
  );
}
