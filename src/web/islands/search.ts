/**
 * Search in a static site: there is no server to answer /search/?q=, so this reads ?q= and the filters (fw,
 * level, area, kind, page) from the address, searches the index that /search-index.js assigned to
 * globalThis.RUNGS_SEARCH (a classic script, because a site opened from disk can neither fetch() nor load
 * module scripts), and renders the same markup as the server's results page (features/search/search.page.tsx):
 * the count, the filter bar, the results and the pages. On a server the results are already on the page.
 *
 * A large framework's index comes in parts (core/search-shards.ts): a head, then the term parts a query needs
 * and the document chunks of the results shown, each a classic script beside it. Filters and pages need every
 * match's document, so an index in parts shows the best results without them.
 *
 * Bundled as a classic script (IIFE, scripts/build-assets.ts), so nothing here leaks into the page's globals.
 */

import { checkQuery, loadSearchIndex, type SearchPayload, type SearchResult } from "../../core/search.js";
import {
  countLine,
  type FacetedOutcome,
  facetGroups,
  type SearchFilters,
  type SearchKind,
  searchFaceted,
  searchQueryString,
} from "../../core/search-facets.js";
import { type SearchIndexHead, searchInParts } from "../../core/search-shards.js";

const output = document.getElementById("search-output");

/** Longest filter value read from the address; ids are far shorter, so anything longer names nothing. */
const MAX_PARAM = 200;

function param(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name) ?? undefined;
  return value && value.length <= MAX_PARAM ? value : undefined;
}

/** The filters in the address; unknown values are dropped by the search itself, as on the server. */
function filtersOf(params: URLSearchParams): { filters: SearchFilters; page: number } {
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    filters: {
      framework: param(params, "fw"),
      level: param(params, "level"),
      area: param(params, "area"),
      kind: param(params, "kind") as SearchKind | undefined,
    },
    page: Number.isFinite(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

function run(out: HTMLElement): void {
  const params = new URLSearchParams(location.search);
  const query = params.get("q") ?? "";
  const input = document.getElementById("search-q");
  if (input instanceof HTMLInputElement) input.value = query;
  if (!query.trim()) return;
  const checked = checkQuery(query);
  if (!checked.ok) {
    out.replaceChildren(paragraph("search-error error", checked.error, "alert"));
    return;
  }
  const payload = (globalThis as { RUNGS_SEARCH?: SearchPayload | SearchIndexHead }).RUNGS_SEARCH;
  if (!payload) {
    out.replaceChildren(
      paragraph("search-error error", "The search index did not load; search is unavailable.", "alert"),
    );
    return;
  }
  document.title = `Search: ${checked.query} · rungs`;
  const pageSize = Number(out.dataset.limit) || 50;
  if (payload.format === 1) {
    const { filters, page } = filtersOf(params);
    render(
      out,
      checked.query,
      searchFaceted(loadSearchIndex(payload), checked.query, { filters, page, pageSize }),
    );
    return;
  }
  searchInParts(payload, checked.query, pageSize, (name) => loadPart(out, name)).then(
    ({ total, results }) =>
      render(out, checked.query, {
        total,
        results,
        page: 1,
        pages: 1,
        pageSize,
        filters: {},
        facets: { framework: [], kind: [], level: [], area: [] },
      }),
    () =>
      out.replaceChildren(
        paragraph("search-error error", "A part of the search index did not load.", "alert"),
      ),
  );
}

/** The count, the filter bar, the results and the pages of an outcome. */
function render(out: HTMLElement, query: string, outcome: FacetedOutcome): void {
  const nodes: Node[] = [paragraph("search-count", countLine(query, outcome), "status")];
  const bar = filterBar(out, query, outcome);
  if (bar) nodes.push(bar);
  if (outcome.results.length) {
    nodes.push(resultList(out, outcome.results));
    const pages = pager(out, query, outcome);
    if (pages) nodes.push(pages);
  } else {
    nodes.push(
      paragraph(
        "search-hint",
        "Try fewer words, another spelling, or a broader term; or browse all frameworks from the home page.",
      ),
    );
  }
  out.replaceChildren(...nodes);
}

/** One part of a large index, by a classic script beside it (a page opened from disk cannot fetch()). */
function loadPart(out: HTMLElement, name: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    const root = (out.dataset.base ?? "/").replace(/index\.html$/, "");
    script.src = `${root}search-index/${name}.js`;
    script.onload = () => {
      const parts = (globalThis as { RUNGS_SEARCH_PARTS?: Record<string, unknown> }).RUNGS_SEARCH_PARTS;
      const part = parts && Object.hasOwn(parts, name) ? parts[name] : undefined;
      if (part === undefined) reject(new Error(`search part ${name} is empty`));
      else resolve(part);
    };
    script.onerror = () => reject(new Error(`search part ${name} did not load`));
    document.head.append(script);
  });
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function paragraph(className: string, text: string, role?: string): HTMLElement {
  const p = element("p", className, text);
  if (role) p.setAttribute("role", role);
  return p;
}

/** A site path as a link from this page: relative to the site root, directories as index.html. */
function href(out: HTMLElement, path: string): string {
  const root = (out.dataset.base ?? "/").replace(/index\.html$/, "");
  const at = path.search(/[?#]/);
  const pathPart = at < 0 ? path : path.slice(0, at);
  const suffix = at < 0 ? "" : path.slice(at);
  const file = pathPart.endsWith("/") ? `${pathPart}index.html` : pathPart;
  return `${root}${file.replace(/^\//, "")}${suffix}`;
}

function link(out: HTMLElement, url: string, text: string): HTMLAnchorElement {
  const a = element("a", undefined, text);
  a.href = href(out, url);
  return a;
}

const searchLink = (out: HTMLElement, query: string, filters: SearchFilters, page: number, text: string) =>
  link(out, `/search/?${searchQueryString(query, filters, page)}`, text);

/** The filter bar (see core `facetGroups`); none when there is nothing to choose between. */
function filterBar(out: HTMLElement, query: string, outcome: FacetedOutcome): HTMLElement | undefined {
  const groups = facetGroups(outcome);
  if (!groups.length) return undefined;
  const nav = element("nav", "search-filters");
  nav.setAttribute("aria-label", "Filter the results");
  for (const group of groups) {
    const list = element("ul");
    for (const facet of group.links) {
      const a = searchLink(out, query, facet.filters, 1, facet.label);
      if (facet.count !== undefined) a.append(element("span", "search-facet-count", ` (${facet.count})`));
      if (facet.current) a.setAttribute("aria-current", "true");
      const item = element("li");
      item.append(a);
      list.append(item);
    }
    const box = element("div", "search-facet");
    box.append(element("h2", "search-facet-h", group.title), list);
    nav.append(box);
  }
  return nav;
}

function pager(out: HTMLElement, query: string, outcome: FacetedOutcome): HTMLElement | undefined {
  if (outcome.pages <= 1) return undefined;
  const nav = element("nav", "search-pager");
  nav.setAttribute("aria-label", "Pages of results");
  if (outcome.page > 1) {
    const prev = searchLink(out, query, outcome.filters, outcome.page - 1, "Previous page");
    prev.rel = "prev";
    nav.append(prev);
  }
  nav.append(element("span", undefined, `Page ${outcome.page} of ${outcome.pages}`));
  if (outcome.page < outcome.pages) {
    const next = searchLink(out, query, outcome.filters, outcome.page + 1, "Next page");
    next.rel = "next";
    nav.append(next);
  }
  return nav;
}

function resultList(out: HTMLElement, results: SearchResult[]): HTMLOListElement {
  const list = element("ol", "search-results");
  for (const r of results) {
    const item = element("li", `search-result type-${r.type}`);
    const kind = element("p", "search-kind");
    kind.append(
      element("span", "search-framework", r.frameworkName),
      ` · ${r.kind}${r.context ? ` · ${r.context}` : ""}`,
    );
    const title = element("h2", "search-title");
    title.append(link(out, r.url, r.title));
    const snippet = element("p", "search-snippet");
    // the snippet is escaped text with <mark> around matched words (core/search.ts `highlight`)
    snippet.innerHTML = r.snippet;
    item.append(kind, title, snippet);
    if (r.also) {
      const also = element("p", "search-also");
      also.append(link(out, r.also.url, r.also.label));
      item.append(also);
    }
    list.append(item);
  }
  return list;
}

if (output && document.body.dataset.static === "true") {
  const start = () => run(output);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
