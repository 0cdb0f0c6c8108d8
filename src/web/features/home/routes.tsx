/** Home: the loaded frameworks and a search box. */
import { frameworkStats, statsLine } from "../../../core/text-view.js";
import { html } from "../../components/html.js";
import { Md, Page } from "../../components/page.js";
import type { App, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";

export function homeRoutes(app: App, { registry }: RouteDeps): void {
  const list = () =>
    registry.list().map((fw) => ({
      id: fw.id,
      name: fw.index?.framework.name ?? fw.id,
      ok: fw.ok,
      version: fw.index?.framework.version,
      description: fw.index?.framework.description,
      stats: fw.index ? frameworkStats(fw.index) : undefined,
      errors: fw.diagnostics.filter((d) => d.severity === "error").length,
    }));

  app.get("/api/frameworks", (c) => c.json({ frameworks: list() }));

  app.get("/", (c) => {
    const links = c.get("links");
    const frameworks = list();
    return html(
      c,
      <Page title="Career frameworks" links={links}>
        <h1>Career frameworks</h1>
        {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too new to rely on */}
        <form class="search-hero" role="search" action={links.to(paths.search())} method="get">
          <label for="home-search">Search every level, competency, expectation and role</label>
          <div>
            <input
              id="home-search"
              type="search"
              name="q"
              placeholder="e.g. incident review, staff engineer, 15-1252"
            />
            <button type="submit">Search</button>
          </div>
        </form>
        <ul class="cards">
          {frameworks.map((fw) => (
            <li>
              <h2>
                <a href={links.to(fw.ok ? paths.framework(fw.id) : paths.diagnostics(fw.id))}>{fw.name}</a>
              </h2>
              {fw.ok ? (
                <p class="meta">
                  {fw.version ? `version ${fw.version} · ` : ""}
                  {fw.stats ? statsLine(fw.stats) : ""}
                </p>
              ) : (
                <p class="meta error">{`${fw.errors} error${fw.errors === 1 ? "" : "s"}: see the problems`}</p>
              )}
              <Md text={fw.description} />
            </li>
          ))}
        </ul>
        {frameworks.some((fw) => fw.ok) ? (
          <nav class="actions" aria-label="Across frameworks">
            <a href={links.to(paths.equivalence())}>Level equivalence across frameworks</a>
            <a href={links.to(paths.occupations())}>Occupation codes</a>
          </nav>
        ) : null}
        {frameworks.length === 0 ? (
          <p>No framework is loaded. Start rungs with the path of a framework.</p>
        ) : null}
      </Page>,
    );
  });
}
