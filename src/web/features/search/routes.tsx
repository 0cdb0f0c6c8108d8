import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import { checkOccupationCode } from "../../../core/occupations.js";
import {
  buildSearchDocuments,
  checkQuery,
  createSearchIndex,
  type SearchIndex,
  type SearchResult,
  searchIndex,
  serializeSearchIndex,
} from "../../../core/search.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { html } from "../../components/html.js";
import { Page } from "../../components/page.js";
import type { App, RouteDeps } from "../../context.js";
import { type Links, paths } from "../../links.js";
import { validate } from "../../middleware/validate.js";
import { apiSearchQuery } from "./api.js";

/** Where the serialized index is served (a script, so a static site opened from disk can load it). */
export const SEARCH_INDEX_PATH = "/search-index.js";
/** The global the index script assigns. */
export const SEARCH_GLOBAL = "RUNGS_SEARCH";

/** Results shown on the page; the API takes `limit` up to MAX_API_LIMIT. */
const PAGE_LIMIT = 50;

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
    const { q, limit } = c.req.valid("query");
    const outcome = searchIndex(cache.index(), q, limit);
    return c.json({ query: q, total: outcome.total, results: outcome.results });
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
    if (!checked.query) return html(c, <SearchPage links={links} query="" />);
    const outcome = searchIndex(cache.index(), checked.query, PAGE_LIMIT);
    return html(c, <SearchPage links={links} query={checked.query} outcome={outcome} />);
  });
}

const SearchForm: FC<{ links: Links; query: string }> = ({ links, query }) => (
  <form class="search-page-form" action={links.to(paths.search())} method="get">
    <label for="search-q">Search every framework</label>
    <div>
      <input
        id="search-q"
        type="search"
        name="q"
        value={query}
        maxlength={200}
        placeholder="e.g. incident review, staff engineer, 15-1252"
      />
      <button type="submit">Search</button>
    </div>
  </form>
);

const Hint: FC = () => (
  <p class="search-hint">
    Searches the levels, competencies, expectations and roles of every framework here: names and titles, codes
    such as a pay band or an occupation code, and all their text. Small typos are forgiven, and the start of a
    word is enough.
  </p>
);

function countLine(query: string, total: number, shown: number): string {
  if (total === 0) return `Nothing matches “${query}”.`;
  const what = `${total} result${total === 1 ? "" : "s"} for “${query}”`;
  return shown < total ? `${what}; the best ${shown} are shown.` : `${what}.`;
}

const SearchPage: FC<{
  links: Links;
  query: string;
  error?: string;
  outcome?: { total: number; results: SearchResult[] };
}> = ({ links, query, error, outcome }) => (
  <Page
    title={query ? `Search: ${query}` : "Search"}
    links={links}
    kind="search"
    crumbs={[{ label: "Frameworks", href: links.to(paths.home()) }, { label: "Search" }]}
  >
    <h1>Search</h1>
    <SearchForm links={links} query={query} />
    {error ? (
      <p class="search-error error" role="alert">
        {error}
      </p>
    ) : outcome ? (
      <>
        <p class="search-count" role="status">
          {countLine(query, outcome.total, outcome.results.length)}
        </p>
        {outcome.results.length ? (
          <SearchResults links={links} results={outcome.results} />
        ) : (
          <p class="search-hint">
            Try fewer words, another spelling, or a broader term; or browse{" "}
            <a href={links.to(paths.home())}>all frameworks</a>.
          </p>
        )}
      </>
    ) : (
      <Hint />
    )}
  </Page>
);

/** The result list. islands/search.ts builds the same markup in the browser of a static site. */
export const SearchResults: FC<{ links: Links; results: SearchResult[] }> = ({ links, results }) => (
  <ol class="search-results">
    {results.map((r) => (
      <li class={`search-result type-${r.type}`}>
        <p class="search-kind">
          <span class="search-framework">{r.frameworkName}</span>
          {` · ${r.kind}${r.context ? ` · ${r.context}` : ""}`}
        </p>
        <h2 class="search-title">
          <a href={links.to(r.url)}>{r.title}</a>
        </h2>
        <p class="search-snippet">{raw(r.snippet)}</p>
        {r.also ? (
          <p class="search-also">
            <a href={links.to(r.also.url)}>{r.also.label}</a>
          </p>
        ) : null}
      </li>
    ))}
  </ol>
);

/**
 * The static site's search page: no server to read ?q=, so the island loads the serialized index (a
 * classic script, which works from disk where module scripts and fetch() do not) and renders the results.
 */
const StaticSearchPage: FC<{ links: Links }> = ({ links }) => (
  <Page
    title="Search"
    links={links}
    kind="search"
    crumbs={[{ label: "Frameworks", href: links.to(paths.home()) }, { label: "Search" }]}
  >
    <h1>Search</h1>
    <SearchForm links={links} query="" />
    <div id="search-output" data-base={links.to(paths.home())} data-limit={String(PAGE_LIMIT)}>
      <Hint />
      <noscript>
        <p class="search-error error">
          Search in this published copy of the frameworks runs in the browser and needs JavaScript.
        </p>
      </noscript>
    </div>
    <script src={links.to(SEARCH_INDEX_PATH)} defer />
    <script src={links.asset("search.js")} defer />
  </Page>
);
