import { isolated } from "../../../core/text.js";
import { roleText } from "../../../core/text-view.js";
import { roleData } from "../../../core/views/role.js";
import { adjacentPanels } from "../../components/adjacent-roles.js";
import { Downloads } from "../../components/downloads.js";
import { html } from "../../components/html.js";
import { occupationTitles } from "../../components/occupation-titles.js";
import { Page } from "../../components/page.js";
import type { App, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { frameworkOr, notFound } from "../../middleware/framework.js";
import { RolePage } from "./role.page.js";

export function roleRoutes(app: App, { registry, staticSite }: RouteDeps): void {
  app.get("/api/frameworks/:fw/roles/:role", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const id = c.req.param("role");
    const data = roleData(found.index, id, occupationTitles(registry));
    return data ? c.json(data) : notFound(c, `role "${id}"`);
  });

  app.get("/frameworks/:fw/roles/:role/text.txt", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const id = c.req.param("role");
    if (!found.index.roles.has(id)) {
      return c.text(`There is no role "${id}" in ${isolated(found.index.framework.name)}.\n`, 404);
    }
    return c.body(roleText(found.index, id, occupationTitles(registry)), 200, {
      "Content-Type": "text/plain; charset=utf-8",
    });
  });

  app.get("/frameworks/:fw/roles/:role/", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const id = c.req.param("role");
    const data = roleData(found.index, id, occupationTitles(registry));
    if (!data) return notFound(c, `role "${id}" in ${found.index.framework.name}`);
    const asked = c.req.query("level");
    const chosen = asked !== undefined && data.levels.some((l) => l.id === asked) ? asked : undefined;
    // An unknown ?level= is a bad link, not a broken page: the whole profile, a notice, and status 400.
    const bad = asked !== undefined && chosen === undefined;
    const links = c.get("links");
    const fw = data.framework.id;
    const adjacent = adjacentPanels(registry, found.index, data.id, chosen, staticSite);
    return html(
      c,
      <Page
        title={`${isolated(data.name)} · ${isolated(data.framework.name)}`}
        links={links}
        description={data.summary}
        scripts={["role-level.js", "compare-form.js", ...(staticSite ? ["adjacent-roles.js"] : [])]}
        textHref={links.to(paths.roleText(fw, data.id))}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: data.framework.name, href: links.to(`${paths.framework(fw)}#roles`) },
          { label: data.name },
        ]}
      >
        <RolePage
          data={data}
          index={found.index}
          chosen={chosen}
          bad={bad ? asked : undefined}
          adjacent={adjacent}
        />
        <Downloads links={links} fw={fw} index={found.index} page={{ kind: "role", id: data.id }} />
      </Page>,
      bad ? 400 : 200,
    );
  });
}
