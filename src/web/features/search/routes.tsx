import { checkOccupationCode } from "../../../core/occupations.js";
import {
  buildSearchDocuments,
  checkQuery,
  createSearchIndex,
  type SearchIndex,
  serializeSearchIndex,
} from "../../../core/search.js";
import { searchFaceted } from "../../../core/search-facets.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { html } from "../../components/html.js";
import type { App, RouteDeps } from "../../context.js";
import { validate } from "../../middleware/validate.js";
import { apiSearchQuery, searchPageQuery } from "./api.js";
import { PAGE_LIMIT, SEARCH_GLOBAL, SEARCH_INDEX_PATH, SearchPage, StaticSearchPage } from "./search.page.js";

/** The index of everything loaded, built once per registry version. */
export function searchIndexCache(registry: FrameworkRegistry) {
  let cached: { version: string; index: SearchIndex; script?: string } | undefined;
  const current = () => {
    if (cached?.version !== registry.version) {
      const frameworks = registry
        .list()
        .flatMap((fw) => (fw.ok && fw.index ? [{ id: fw.id, index: fw.index }] : []));
      const catalog = registry.occupations;
      const docs = buildSearchDocuments(frameworks, {
        occupationTitle: (scheme, code) => checkOccupationCode(scheme, code, catalog).title,
      });
      cached = { version: registry.version, index: createSearchIndex(docs) };
    }
    return cached;
  };
  return {
    index: () => current().index,
    /** The static site's index: `globalThis.RUNGS_SEARCH = {format, index, docs};` */
    script: () => {
      const entry = current();
      entry.script ??= `globalThis.${SEARCH_GLOBAL} = ${JSON.stringify(serializeSearchIndex(entry.index))};\n`;
      return entry.script;
    },
  };
}

export function searchRoutes(app: App, { registry, staticSite }: RouteDeps): void {
  const cache = searchIndexCache(registry);

  app.get("/api/search", validate("query", apiSearchQuery), (c) => {
    const { q, limit, fw, level, area, kind, page } = c.req.valid("query");
    const outcome = searchFaceted(cache.index(), q, {
      filters: { framework: fw, level, area, kind },
      page,
      pageSize: limit,
    });
    return c.json({ query: q.trim(), ...outcome });
  });

  app.get(SEARCH_INDEX_PATH, (c) =>
    c.body(cache.script(), 200, { "Content-Type": "text/javascript; charset=utf-8" }),
  );

  app.get("/search/", (c) => {
    const links = c.get("links");
    if (staticSite) return html(c, <StaticSearchPage links={links} />);
    const raw = c.req.query("q");
    const checked = checkQuery(raw);
    if (!checked.ok) {
      return html(c, <SearchPage links={links} query="" error={checked.error} />, 400);
    }
    const filters = searchPageQuery.safeParse(c.req.query());
    if (!filters.success) {
      const error = `The search filters cannot be read: ${filters.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}.`;
      return html(c, <SearchPage links={links} query={checked.query} error={error} />, 400);
    }
    if (!checked.query) return html(c, <SearchPage links={links} query="" />);
    const { fw, level, area, kind, page } = filters.data;
    const outcome = searchFaceted(cache.index(), checked.query, {
      filters: { framework: fw, level, area, kind },
      page,
      pageSize: PAGE_LIMIT,
    });
    return html(c, <SearchPage links={links} query={checked.query} outcome={outcome} />);
  });
}
