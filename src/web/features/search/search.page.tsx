/** The search page: the form, ranked results with their places, and the static site's version. */
import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import type { SearchResult } from "../../../core/search.js";
import {
  countLine,
  type FacetedOutcome,
  facetGroups,
  type SearchFilters,
  searchQueryString,
} from "../../../core/search-facets.js";
import { Page } from "../../components/page.js";
import { Pager } from "../../components/pager.js";
import { type Links, paths } from "../../links.js";

/** Where the serialized index is served (a script, so a static site opened from disk can load it). */
export const SEARCH_INDEX_PATH = "/search-index.js";

/** The global the index script assigns. */
export const SEARCH_GLOBAL = "RUNGS_SEARCH";

/** Where the parts of a large index are (`<part>.js`, core/search-shards.ts), and the global they fill. */
export const SEARCH_PARTS_PATH = "/search-index/";
export const SEARCH_PARTS_GLOBAL = "RUNGS_SEARCH_PARTS";

/** Results shown on the page; the API takes `limit` up to MAX_API_LIMIT. */
export const PAGE_LIMIT = 50;

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

export const SearchPage: FC<{
  links: Links;
  query: string;
  error?: string;
  outcome?: FacetedOutcome;
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
          {countLine(query, outcome)}
        </p>
        <SearchFilterBar links={links} query={query} outcome={outcome} />
        {outcome.results.length ? (
          <>
            <SearchResults links={links} results={outcome.results} />
            <Pager
              page={outcome.page}
              pages={outcome.pages}
              href={(n) => searchHref(links, query, outcome.filters, n)}
              label="Pages of results"
              class="search-pager"
            />
          </>
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

/** The search page's address with these filters and page (the defaults left out). */
function searchHref(links: Links, query: string, filters: SearchFilters, page = 1): string {
  return `${links.to(paths.search())}?${searchQueryString(query, filters, page)}`;
}

/** Each filter's values with their counts: a link sets the filter (or, on the current one, removes it). */
const SearchFilterBar: FC<{ links: Links; query: string; outcome: FacetedOutcome }> = ({
  links,
  query,
  outcome,
}) => {
  const groups = facetGroups(outcome);
  if (!groups.length) return null;
  return (
    <nav class="search-filters" aria-label="Filter the results">
      {groups.map((group) => (
        <div class="search-facet">
          <h2 class="search-facet-h">{group.title}</h2>
          <ul>
            {group.links.map((link) => (
              <li>
                <a
                  href={searchHref(links, query, link.filters)}
                  aria-current={link.current ? "true" : undefined}
                >
                  {link.label}
                  {link.count === undefined ? null : (
                    <span class="search-facet-count">{` (${link.count})`}</span>
                  )}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
};

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
export const StaticSearchPage: FC<{ links: Links }> = ({ links }) => (
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
