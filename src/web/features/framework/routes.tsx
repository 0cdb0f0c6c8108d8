/** Framework overview (ladder, levels, areas, roles) and the diagnostics page of a framework with errors. */
import { overviewData } from "../../../core/views/overview.js";
import { acrossPages } from "../../../services/frameworks.js";
import { html } from "../../components/html.js";
import type { App, RouteDeps } from "../../context.js";
import { frameworkOr } from "../../middleware/framework.js";
import { DiagnosticsPage, OverviewPage } from "./framework.page.js";

export function frameworkRoutes(app: App, { registry }: RouteDeps): void {
  app.get("/api/frameworks/:fw", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    return c.json({
      ...overviewData(found.index),
      ...(found.fw.identity ? { identity: found.fw.identity } : {}),
    });
  });

  app.get("/frameworks/:fw/", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const links = c.get("links");
    const data = overviewData(found.index);
    return html(c, <OverviewPage data={data} across={acrossPages([found.index])} links={links} />);
  });

  app.get("/frameworks/:fw/diagnostics/", (c) => {
    const id = c.req.param("fw");
    const fw = registry.get(id);
    const links = c.get("links");
    if (!fw) return frameworkOr(c, registry) as Response;
    return html(c, <DiagnosticsPage fw={fw} links={links} />, fw.ok ? 200 : 503);
  });
}
