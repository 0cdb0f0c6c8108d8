import { isolated, quoted } from "../../../core/text.js";
import { levelText } from "../../../core/text-view.js";
import { levelData } from "../../../core/views/level.js";
import { Downloads } from "../../components/downloads.js";
import { equivalentsFor } from "../../components/equivalent-levels.js";
import { html } from "../../components/html.js";
import { Page } from "../../components/page.js";
import type { App, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { frameworkOr, notFound } from "../../middleware/framework.js";
import { LevelPage } from "./level.page.js";

export function levelRoutes(app: App, { registry }: RouteDeps): void {
  app.get("/api/frameworks/:fw/levels/:level", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const id = c.req.param("level");
    const data = levelData(found.index, id);
    return data ? c.json(data) : notFound(c, `level ${quoted(id)}`);
  });

  app.get("/frameworks/:fw/levels/:level/text.txt", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const id = c.req.param("level");
    if (!found.index.levels.has(id)) {
      return c.text(`There is no level ${quoted(id)} in ${isolated(found.index.framework.name)}.\n`, 404);
    }
    return c.body(levelText(found.index, id), 200, { "Content-Type": "text/plain; charset=utf-8" });
  });

  app.get("/frameworks/:fw/levels/:level/", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const id = c.req.param("level");
    const data = levelData(found.index, id);
    if (!data) return notFound(c, `level ${quoted(id)} in ${found.index.framework.name}`);
    const links = c.get("links");
    const fw = data.framework.id;
    return html(
      c,
      <Page
        title={`${isolated(data.heading)} · ${isolated(data.framework.name)}`}
        links={links}
        description={data.summary}
        textHref={links.to(paths.levelText(fw, data.id))}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: data.framework.name, href: links.to(paths.framework(fw)) },
          { label: data.heading },
        ]}
      >
        <LevelPage data={data} equivalents={equivalentsFor(registry, found.index, data.id)} />
        <Downloads links={links} fw={fw} index={found.index} page={{ kind: "level", id: data.id }} />
      </Page>,
    );
  });
}
