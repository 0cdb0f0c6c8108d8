/**
 * Search in a static site: there is no server to answer /search/?q=, so this reads ?q= from the address,
 * searches the index that /search-index.js assigned to globalThis.RUNGS_SEARCH (a classic script, because
 * a site opened from disk can neither fetch() nor load module scripts), and renders the same markup as the
 * server's results page (features/search/routes.tsx). On a server the results are already on the page; nothing to do.
 *
 * Loaded as a classic script (see features/search/routes.tsx), so everything stays inside this function's scope.
 */
import {
  checkQuery,
  loadSearchIndex,
  type SearchOutcome,
  type SearchPayload,
  type SearchResult,
  searchIndex,
} from "../../core/search.js";
import { type SearchIndexHead, searchInParts } from "../../core/search-shards.js";

(() => {
  const output = document.getElementById("search-output");
  if (!output || document.body.dataset.static !== "true") return;

  const run = () => {
    const query = new URLSearchParams(location.search).get("q") ?? "";
    const input = document.getElementById("search-q");
    if (input instanceof HTMLInputElement) input.value = query;
    if (!query.trim()) return;
    const checked = checkQuery(query);
    if (!checked.ok) {
      show(paragraph("search-error error", checked.error, "alert"));
      return;
    }
    const payload = (globalThis as { RUNGS_SEARCH?: SearchPayload | SearchIndexHead }).RUNGS_SEARCH;
    if (!payload) {
      show(paragraph("search-error error", "The search index did not load; search is unavailable.", "alert"));
      return;
    }
    document.title = `Search: ${checked.query} · rungs`;
    const limit = Number(output.dataset.limit) || 50;
    if (payload.format === 1) {
      showOutcome(checked.query, searchIndex(loadSearchIndex(payload), checked.query, limit));
      return;
    }
    searchInParts(payload, checked.query, limit, loadPart).then(
      (outcome) => showOutcome(checked.query, outcome),
      () => show(paragraph("search-error error", "A part of the search index did not load.", "alert")),
    );
  };

  /** One part of a large index, by a classic script beside it (a page opened from disk cannot fetch()). */
  function loadPart(name: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      const root = (output?.dataset.base ?? "/").replace(/index\.html$/, "");
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

  function showOutcome(query: string, outcome: SearchOutcome): void {
    const nodes: Node[] = [
      paragraph("search-count", countLine(query, outcome.total, outcome.results.length), "status"),
    ];
    if (outcome.results.length) nodes.push(resultList(outcome.results));
    else {
      nodes.push(
        paragraph(
          "search-hint",
          "Try fewer words, another spelling, or a broader term; or browse all frameworks from the home page.",
        ),
      );
    }
    show(...nodes);
  }

  function show(...nodes: Node[]): void {
    output?.replaceChildren(...nodes);
  }

  function paragraph(className: string, text: string, role?: string): HTMLElement {
    const p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    if (role) p.setAttribute("role", role);
    return p;
  }

  function countLine(query: string, total: number, shown: number): string {
    if (total === 0) return `Nothing matches “${query}”.`;
    const what = `${total} result${total === 1 ? "" : "s"} for “${query}”`;
    return shown < total ? `${what}; the best ${shown} are shown.` : `${what}.`;
  }

  /** A site path as a link from this page: relative to the site root, directories as index.html. */
  function href(path: string): string {
    const base = output?.dataset.base ?? "/";
    const root = base.replace(/index\.html$/, "");
    const at = path.search(/[?#]/);
    const pathPart = at < 0 ? path : path.slice(0, at);
    const suffix = at < 0 ? "" : path.slice(at);
    const file = pathPart.endsWith("/") ? `${pathPart}index.html` : pathPart;
    return `${root}${file.replace(/^\//, "")}${suffix}`;
  }

  function link(url: string, text: string): HTMLAnchorElement {
    const a = document.createElement("a");
    a.href = href(url);
    a.textContent = text;
    return a;
  }

  function resultList(results: SearchResult[]): HTMLOListElement {
    const list = document.createElement("ol");
    list.className = "search-results";
    for (const r of results) {
      const item = document.createElement("li");
      item.className = `search-result type-${r.type}`;
      const kind = document.createElement("p");
      kind.className = "search-kind";
      const fw = document.createElement("span");
      fw.className = "search-framework";
      fw.textContent = r.frameworkName;
      kind.append(fw, ` · ${r.kind}${r.context ? ` · ${r.context}` : ""}`);
      const title = document.createElement("h2");
      title.className = "search-title";
      title.append(link(r.url, r.title));
      const snippet = document.createElement("p");
      snippet.className = "search-snippet";
      // the snippet is escaped text with <mark> around matched words (core/search.ts `highlight`)
      snippet.innerHTML = r.snippet;
      item.append(kind, title, snippet);
      if (r.also) {
        const also = document.createElement("p");
        also.className = "search-also";
        also.append(link(r.also.url, r.also.label));
        item.append(also);
      }
      list.append(item);
    }
    return list;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
