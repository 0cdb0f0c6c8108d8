/**
 * Search with filters and pages (issue 17, item 13): the matches of a query narrowed to a framework, a
 * level, an area and a kind (level, competency, expectation, criterion, role…), each filter offered with how many
 * matches it keeps, and the results one page at a time. The server page, the API and the static site's
 * browser search all run this, so they agree. Level and area filters apply within one framework: they are
 * offered once a framework is chosen (or when every match is in one).
 */
import type { SearchResult as MiniResult } from "minisearch";
import {
  rankedHits,
  resultOf,
  type SearchDocument,
  type SearchDocumentType,
  type SearchIndex,
  type SearchResult,
} from "./search.js";

/**
 * The kinds a reader filters by, and the document types each holds: each label begins the kind every one
 * of its results shows ("Expectation", "Expectation for Mobile engineer"), so a filter's count is what it lists.
 */
export const SEARCH_KINDS = {
  framework: { label: "Framework", types: ["framework", "framework-guidance"] },
  level: { label: "Level", types: ["level", "level-section"] },
  area: { label: "Area", types: ["area"] },
  competency: { label: "Competency", types: ["competency"] },
  expectation: { label: "Expectation", types: ["expectation"] },
  criterion: { label: "Criterion", types: ["criterion"] },
  role: { label: "Role", types: ["role", "role-level"] },
} as const satisfies Record<string, { label: string; types: readonly SearchDocumentType[] }>;

export type SearchKind = keyof typeof SEARCH_KINDS;
export const SEARCH_KIND_IDS = Object.keys(SEARCH_KINDS) as SearchKind[];

export interface SearchFilters {
  framework?: string | undefined;
  level?: string | undefined;
  area?: string | undefined;
  kind?: SearchKind | undefined;
}

export interface Facet {
  value: string;
  label: string;
  /** Matches the filter keeps, given the other filters. */
  count: number;
}

export interface FacetedOutcome {
  /** Matches after the filters. */
  total: number;
  /** This page of them. */
  results: SearchResult[];
  /** 1-based page shown, of `pages` (at least 1). */
  page: number;
  pages: number;
  pageSize: number;
  /** The filters applied: those that name nothing here are dropped, never an error. */
  filters: SearchFilters;
  facets: { framework: Facet[]; kind: Facet[]; level: Facet[]; area: Facet[] };
}

const kindOf = (type: SearchDocumentType): SearchKind | undefined =>
  SEARCH_KIND_IDS.find((k) => (SEARCH_KINDS[k].types as readonly string[]).includes(type));

type Dimension = keyof SearchFilters;

function keeps(doc: SearchDocument, filters: SearchFilters, except?: Dimension): boolean {
  if (except !== "framework" && filters.framework !== undefined && doc.framework !== filters.framework)
    return false;
  if (except !== "kind" && filters.kind !== undefined && kindOf(doc.type) !== filters.kind) return false;
  if (except !== "level" && filters.level !== undefined && doc.level !== filters.level) return false;
  if (except !== "area" && filters.area !== undefined && doc.area !== filters.area) return false;
  return true;
}

/** Counts per value of one dimension over the matches the other filters keep, in first-seen order. */
function count(
  docs: SearchDocument[],
  filters: SearchFilters,
  dimension: Dimension,
  read: (doc: SearchDocument) => string | undefined,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const doc of docs) {
    if (!keeps(doc, filters, dimension)) continue;
    const value = read(doc);
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/** Names of frameworks, levels and areas, from the documents about them. */
function names(index: SearchIndex) {
  const frameworks = new Map<string, string>();
  const levels = new Map<string, string>();
  const areas = new Map<string, string>();
  for (const doc of index.docs) {
    frameworks.set(doc.framework, doc.frameworkName);
    if (doc.type === "level" && doc.level !== undefined)
      levels.set(`${doc.framework}\n${doc.level}`, doc.title);
    if (doc.type === "area" && doc.area !== undefined) areas.set(`${doc.framework}\n${doc.area}`, doc.title);
  }
  return { frameworks, levels, areas };
}

/** The filters that name something in the index: a level or an area only within a chosen framework. */
function known(index: SearchIndex, filters: SearchFilters, fw: string | undefined): SearchFilters {
  const { frameworks, levels, areas } = names(index);
  const framework =
    filters.framework !== undefined && frameworks.has(filters.framework) ? filters.framework : undefined;
  const scope = framework ?? fw;
  return {
    ...(framework !== undefined ? { framework } : {}),
    ...(filters.kind !== undefined && Object.hasOwn(SEARCH_KINDS, filters.kind)
      ? { kind: filters.kind }
      : {}),
    ...(scope !== undefined && filters.level !== undefined && levels.has(`${scope}\n${filters.level}`)
      ? { level: filters.level }
      : {}),
    ...(scope !== undefined && filters.area !== undefined && areas.has(`${scope}\n${filters.area}`)
      ? { area: filters.area }
      : {}),
  };
}

/** The matches of `query`, filtered, counted per filter value, and cut to page `page` of `pageSize`. */
export function searchFaceted(
  index: SearchIndex,
  query: string,
  options: { filters?: SearchFilters; page?: number; pageSize: number },
): FacetedOutcome {
  const hits = rankedHits(index, query);
  const docOf = (hit: MiniResult) => index.docs[hit.id as number];
  const matched = hits.map(docOf).filter((d): d is SearchDocument => d !== undefined);
  const only = new Set(matched.map((d) => d.framework));
  const filters = known(index, options.filters ?? {}, only.size === 1 ? [...only][0] : undefined);
  const kept = hits.filter((hit) => {
    const doc = docOf(hit);
    return doc !== undefined && keeps(doc, filters);
  });
  const pageSize = Math.max(1, options.pageSize);
  const pages = Math.max(1, Math.ceil(kept.length / pageSize));
  const page = Math.min(pages, Math.max(1, Math.floor(options.page ?? 1)));
  const { frameworks, levels, areas } = names(index);
  const scope = filters.framework ?? (only.size === 1 ? [...only][0] : undefined);
  const facet = (counts: Map<string, number>, label: (v: string) => string): Facet[] =>
    [...counts].map(([value, n]) => ({ value, label: label(value), count: n }));
  const inScope = (d: SearchDocument) => scope !== undefined && d.framework === scope;
  return {
    total: kept.length,
    results: kept.slice((page - 1) * pageSize, page * pageSize).flatMap((hit) => resultOf(index, hit)),
    page,
    pages,
    pageSize,
    filters,
    facets: {
      framework: facet(
        count(matched, filters, "framework", (d) => d.framework),
        (v) => frameworks.get(v) ?? v,
      ),
      kind: facet(
        count(matched, filters, "kind", (d) => kindOf(d.type)),
        (v) => (Object.hasOwn(SEARCH_KINDS, v) ? SEARCH_KINDS[v as SearchKind].label : v),
      ),
      level: facet(
        count(matched, filters, "level", (d) => (inScope(d) ? d.level : undefined)),
        (v) => levels.get(`${scope}\n${v}`) ?? v,
      ),
      area: facet(
        count(matched, filters, "area", (d) => (inScope(d) ? d.area : undefined)),
        (v) => areas.get(`${scope}\n${v}`) ?? v,
      ),
    },
  };
}

/** The filters a reader can set, each with its heading on the filter bar. */
export const FACETS = [
  { key: "framework", title: "Framework" },
  { key: "kind", title: "Kind" },
  { key: "level", title: "Level" },
  { key: "area", title: "Area" },
] as const;

/** One link of the filter bar: the filters it applies, and whether it is the one applied now. */
export interface FacetLink {
  label: string;
  /** Matches it keeps; absent on the "Any …" link that removes the filter. */
  count?: number;
  filters: SearchFilters;
  current: boolean;
}

/**
 * The filter bar as data, the same for the server's page and the static site's island: each filter with
 * more than one value to offer (or one applied), a link per value and, on an applied one, a link that
 * removes it. Choosing another framework drops the level and area filters, which name things in one.
 */
export function facetGroups(
  outcome: FacetedOutcome,
): { key: Dimension; title: string; links: FacetLink[] }[] {
  return FACETS.filter((f) => outcome.facets[f.key].length > 1 || outcome.filters[f.key]).map((f) => {
    const current = outcome.filters[f.key];
    const without: SearchFilters = {
      ...outcome.filters,
      [f.key]: undefined,
      ...(f.key === "framework" ? { level: undefined, area: undefined } : {}),
    };
    const links: FacetLink[] = current
      ? [{ label: `Any ${f.title.toLowerCase()}`, filters: without, current: false }]
      : [];
    for (const v of outcome.facets[f.key])
      links.push({
        label: v.label,
        count: v.count,
        filters: { ...without, [f.key]: v.value },
        current: current === v.value,
      });
    return { key: f.key, title: f.title, links };
  });
}

/** The search page's query string for a query, filters and page (the defaults left out). */
export function searchQueryString(query: string, filters: SearchFilters, page = 1): string {
  const params = new URLSearchParams({ q: query });
  if (filters.framework) params.set("fw", filters.framework);
  if (filters.level) params.set("level", filters.level);
  if (filters.area) params.set("area", filters.area);
  if (filters.kind) params.set("kind", filters.kind);
  if (page > 1) params.set("page", String(page));
  return params.toString();
}

/** "12 results for “x”.", or with pages "…; 51–100 are shown (page 2 of 3)." */
export function countLine(query: string, o: FacetedOutcome): string {
  if (o.total === 0) return `Nothing matches “${query}”.`;
  const what = `${o.total} result${o.total === 1 ? "" : "s"} for “${query}”`;
  if (o.pages <= 1)
    return o.results.length < o.total ? `${what}; the best ${o.results.length} are shown.` : `${what}.`;
  const first = (o.page - 1) * o.pageSize + 1;
  return `${what}; ${first}–${first + o.results.length - 1} are shown (page ${o.page} of ${o.pages}).`;
}
