/**
 * The static site's search index in parts, for frameworks too large for one script (issue 18: the large
 * generated framework's index was 26 MB). A head (every term without its postings, the field lengths and
 * each document's type) loads with the search page; the terms are split by their first two letters and the documents into chunks
 * of `DOCS_PER_CHUNK`, each part a script of its own, so a search loads only the term parts its words can
 * match and the document chunks of the results it shows. Which terms a word matches (exactly, by its start,
 * with a typo, even in its first letters) is found in the head's term list by MiniSearch's own rules before
 * any part loads; the scores are then MiniSearch's from the same numbers (document count, field lengths,
 * each term's postings), so the results are the server's.
 */
import MiniSearch, { type AsPlainObject } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import {
  MINISEARCH_OPTIONS,
  rankedHits,
  resultOf,
  type SearchDocument,
  type SearchDocumentType,
  type SearchIndex,
  type SearchOutcome,
} from "./search.js";
import { processTerm, tokenize } from "./search-text.js";

/** Indexes of more documents than this are split into parts; smaller ones stay one script (one request). */
export const SHARD_ABOVE_DOCS = 1000;
/** Documents per chunk: a page of 50 results loads at most 50 chunks of about 35 KB. */
export const DOCS_PER_CHUNK = 64;

/** What `/search-index.js` assigns when the index is in parts. */
export interface SearchIndexHead {
  format: 2;
  /** MiniSearch's serialized index without its terms and document ids (the ids are 0…n−1). */
  index: Omit<AsPlainObject, "index" | "documentIds">;
  /** The document types, and each document's type as a position in that list (ranking boosts by type). */
  typeNames: SearchDocumentType[];
  types: number[];
  /** Every term, without its postings: which terms a word matches, typos and word starts included. */
  terms: string[];
  /** How documents are chunked. */
  chunkSize: number;
  chunks: number;
}

export interface SearchIndexParts {
  head: SearchIndexHead;
  /** Part name (`t-<key>`, `d-<n>`) → its content: term entries, or a chunk of documents. */
  parts: Map<string, unknown>;
}

type TermEntry = AsPlainObject["index"][number];

/** The part a term is in: its first two letters, spelled safely for a file name. */
export function termShardKey(term: string): string {
  const start = [...term].slice(0, 2).join("");
  if (/^[a-z0-9]+$/.test(start)) return start;
  return `u${[...start].map((ch) => (ch.codePointAt(0) ?? 0).toString(16)).join("-")}`;
}

export const termPartName = (key: string): string => `t-${key}`;
export const docPartName = (chunk: number): string => `d-${chunk}`;

/** The terms of an index, as MiniSearch looks them up (exactly, by their start, within an edit distance). */
export type Vocabulary = SearchableMap<true>;

export function vocabularyOf(head: SearchIndexHead): Vocabulary {
  return SearchableMap.from<true>(head.terms.map((term) => [term, true]));
}

/**
 * The term parts a query needs: those holding each term its words match, as MiniSearch splits and folds
 * the words and matches them (the same prefix and typo rules as MINISEARCH_OPTIONS).
 */
export function queryTermParts(query: string, vocabulary: Vocabulary): string[] {
  const { prefix, fuzzy } = MINISEARCH_OPTIONS.searchOptions ?? {};
  const keys = new Set<string>();
  const words = tokenize(query);
  for (const [i, word] of words.entries()) {
    const term = processTerm(word);
    if (!term) continue;
    const matched = [...(vocabulary.has(term) ? [term] : [])];
    if (typeof prefix === "function" ? prefix(term, i, words) : prefix) {
      matched.push(...vocabulary.atPrefix(term).keys());
    }
    const f = typeof fuzzy === "function" ? fuzzy(term, i, words) : fuzzy;
    if (typeof f === "number" && f > 0) {
      const distance = f < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * f)) : f;
      matched.push(...vocabulary.fuzzyGet(term, distance).keys());
    }
    for (const t of matched) keys.add(termShardKey(t));
  }
  return [...keys].map(termPartName);
}

/** MiniSearch's default cap on the edit distance of a fuzzy match (MINISEARCH_OPTIONS keeps it). */
const MAX_FUZZY = 6;

/** The document chunks holding these documents. */
export function docParts(ids: readonly number[], head: SearchIndexHead): string[] {
  return [...new Set(ids.map((id) => Math.floor(id / head.chunkSize)))].map(docPartName);
}

/** The index in parts: the head, the term parts and the document chunks. */
export function splitSearchIndex(index: SearchIndex, chunkSize = DOCS_PER_CHUNK): SearchIndexParts {
  const { index: terms, documentIds, ...rest } = index.mini.toJSON();
  for (const [shortId, id] of Object.entries(documentIds)) {
    if (String(id) !== shortId) throw new Error(`search document ${String(id)} has the short id ${shortId}`);
  }
  const byKey = new Map<string, TermEntry[]>();
  for (const entry of terms) {
    const key = termShardKey(entry[0]);
    const list = byKey.get(key);
    if (list) list.push(entry);
    else byKey.set(key, [entry]);
  }
  const parts = new Map<string, unknown>();
  for (const [key, entries] of byKey) parts.set(termPartName(key), entries);
  const chunks = Math.ceil(index.docs.length / chunkSize);
  for (let n = 0; n < chunks; n++) {
    parts.set(docPartName(n), index.docs.slice(n * chunkSize, (n + 1) * chunkSize));
  }
  const typeNames = [...new Set(index.docs.map((d) => d.type))];
  const position = new Map(typeNames.map((t, i) => [t, i]));
  const head: SearchIndexHead = {
    format: 2,
    index: rest,
    typeNames,
    types: index.docs.map((d) => position.get(d.type) ?? 0),
    terms: terms.map((entry) => entry[0]),
    chunkSize,
    chunks,
  };
  return { head, parts };
}

/**
 * An index from the head and the parts loaded so far: it finds what the loaded term parts hold, and knows
 * the documents of the loaded chunks (`resultOf` needs a hit's document: load its chunk first).
 */
export function loadIndexParts(head: SearchIndexHead, parts: ReadonlyMap<string, unknown>): SearchIndex {
  const documentIds: Record<string, number> = {};
  for (let id = 0; id < head.types.length; id++) documentIds[id] = id;
  const terms: TermEntry[] = [];
  const index: SearchIndex = {
    mini: new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS),
    docs: [],
    typeOf: (id) => head.typeNames[head.types[id] ?? -1],
  };
  for (const [name, content] of parts) {
    if (name.startsWith("t-")) terms.push(...(content as TermEntry[]));
    else addDocs(index, content);
  }
  index.mini = MiniSearch.loadJS<SearchDocument>(
    { ...head.index, documentIds, index: terms } as AsPlainObject,
    MINISEARCH_OPTIONS,
  );
  return index;
}

/** The documents of a loaded chunk, added to an index loaded from parts. */
export function addDocs(index: SearchIndex, chunk: unknown): void {
  for (const doc of chunk as SearchDocument[]) index.docs[doc.id] = doc;
}

/**
 * A search of an index in parts, as the static site's browser runs it: load the term parts the query needs,
 * rank, then load the chunks of the `limit` shown results. `load` fetches a part by name; `loaded` keeps the
 * parts between searches. The outcome is `searchIndex`'s on the whole index.
 */
export async function searchInParts(
  head: SearchIndexHead,
  query: string,
  limit: number,
  load: (name: string) => Promise<unknown>,
  loaded: Map<string, unknown> = new Map(),
  vocabulary: Vocabulary = vocabularyOf(head),
): Promise<SearchOutcome> {
  const fetchAll = (names: string[]) =>
    Promise.all(
      names
        .filter((name) => !loaded.has(name))
        .map(async (name) => {
          loaded.set(name, await load(name));
        }),
    );
  await fetchAll(queryTermParts(query, vocabulary));
  const index = loadIndexParts(head, loaded);
  const hits = rankedHits(index, query);
  const shown = hits.slice(0, Math.max(0, limit));
  const chunks = docParts(
    shown.map((hit) => hit.id as number),
    head,
  ).filter((name) => !loaded.has(name));
  await fetchAll(chunks);
  for (const name of chunks) addDocs(index, loaded.get(name));
  return { total: hits.length, results: shown.flatMap((hit) => resultOf(index, hit)) };
}
