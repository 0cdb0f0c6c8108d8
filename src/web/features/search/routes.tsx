import { checkOccupationCode } from "../../../core/occupations.js";
import {
  buildSearchDocuments,
  checkQuery,
  createSearchIndex,
  type SearchIndex,
  serializeSearchIndex,
} from "../../../core/search.js";
import { searchFaceted } from "../../../core/search-facets.js";
import { type SearchIndexParts, SHARD_ABOVE_DOCS, splitSearchIndex } from "../../../core/search-shards.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { html } from "../../components/html.js";
import type { App, RouteDeps } from "../../context.js";
import { notFound } from "../../middleware/framework.js";
import { validate } from "../../middleware/validate.js";
import { apiSearchQuery, searchPageQuery, searchPartParam } from "./requests.js";
import {
  PAGE_LIMIT,
  SEARCH_GLOBAL,
  SEARCH_INDEX_PATH,
  SEARCH_PARTS_GLOBAL,
  SEARCH_PARTS_PATH,
  SearchPage,
  StaticSearchPage,
} from "./search.page.js";

type SearchIndexCache = ReturnType<typeof newSearchIndexCache>;
const caches = new WeakMap<FrameworkRegistry, SearchIndexCache>();

/** The index of everything loaded, built once per registry version (and shared by the app and the build). */
export function searchIndexCache(registry: FrameworkRegistry): SearchIndexCache {
  let cache = caches.get(registry);
  if (!cache) {
    cache = newSearchIndexCache(registry);
    caches.set(registry, cache);
  }
  return cache;
}

/** The static site's index parts (`/search-index/<part>.js`) beside `/search-index.js`, when it is split. */
export function searchIndexPartPaths(registry: FrameworkRegistry): string[] {
  const split = searchIndexCache(registry).split();
  return split ? [...split.parts.keys()].map((name) => `${SEARCH_PARTS_PATH}${name}.js`) : [];
}

function newSearchIndexCache(registry: FrameworkRegistry) {
  let cached:
    | { version: string; index: SearchIndex; script?: string; split?: SearchIndexParts | undefined }
    | undefined;
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
  /** The index in parts when it is large (core/search-shards.ts), else undefined. */
  const split = () => {
    const entry = current();
    if (!("split" in entry)) {
      entry.split = entry.index.docs.length > SHARD_ABOVE_DOCS ? splitSearchIndex(entry.index) : undefined;
    }
    return entry.split;
  };
  return {
    index: () => current().index,
    split,
    /**
     * The static site's index: `globalThis.RUNGS_SEARCH = {format: 1, index, docs};`, or for a large one
     * the head of its parts (`{format: 2, …}`).
     */
    script: () => {
      const entry = current();
      const payload = split()?.head ?? serializeSearchIndex(entry.index);
      entry.script ??= `globalThis.${SEARCH_GLOBAL} = ${JSON.stringify(payload)};\n`;
      return entry.script;
    },
    /** One part as a script that files it under its name, or undefined when there is no such part. */
    partScript: (name: string) => {
      const parts = split()?.parts;
      if (!parts?.has(name)) return undefined;
      const global = `(globalThis.${SEARCH_PARTS_GLOBAL} ??= {})`;
      return `${global}[${JSON.stringify(name)}] = ${JSON.stringify(parts.get(name))};\n`;
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

  app.get(`${SEARCH_PARTS_PATH}:part`, validate("param", searchPartParam), (c) => {
    const script = cache.partScript(c.req.valid("param").part.replace(/\.js$/, ""));
    if (script === undefined) return notFound(c, "such part of the search index");
    return c.body(script, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });

  app.get("/search/", (c) => {
    const links = c.get("links");
    if (staticSite) return html(c, <StaticSearchPage links={links} />);
    const raw = c.req.query("q");
    const checked = checkQuery(raw);
    if (!checked.ok) {
      return html(c, <SearchPage links={links} query="" error={checked.error} />, 400);
    }
    const filters = searchPageQuery().safeParse(c.req.query());
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
