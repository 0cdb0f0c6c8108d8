/**
 * Full-text search over every loaded framework: one document per place a reader can land on (a level and
 * each of its sections, an area, a competency, every expectation cell and each of its criteria, what a role
 * or role family has of its own in a cell (search-cells.ts), a role and its responsibilities per level),
 * indexed with MiniSearch. The same options, ranking and snippets run on the server and, from the serialized
 * index, in the browser of a static site, so both show the same results.
 */
import MiniSearch, { type AsPlainObject, type SearchResult as MiniResult, type Options } from "minisearch";
import { displayName, entryOf, type FrameworkIndex } from "./model.js";
import type { GuidanceSection, Level } from "./schema.js";
import { competencyDrafts } from "./search-cells.js";
import {
  type Draft,
  guidanceSectionId,
  join,
  LEVEL_SECTION_IDS,
  levelName,
  type SearchDocument,
  type SearchDocumentType,
  sitePath,
} from "./search-places.js";
import { plainText, processTerm, snippet, tokenize } from "./search-text.js";
import { schemeName } from "./views/role.js";

export {
  guidanceSectionId,
  LEVEL_SECTION_IDS,
  levelExpectationId,
  matrixRowId,
  type SearchDocument,
  type SearchDocumentType,
} from "./search-places.js";

export interface SearchResult {
  framework: string;
  frameworkName: string;
  type: SearchDocumentType;
  kind: string;
  title: string;
  context: string;
  url: string;
  also?: { label: string; url: string };
  score: number;
  /** HTML: the body around the first match, escaped, matched words in <mark>. */
  snippet: string;
}

export interface SearchOutcome {
  total: number;
  results: SearchResult[];
}

/** The frameworks to index: id (as in URLs) and the indexed model. */
export interface SearchableFramework {
  id: string;
  index: FrameworkIndex;
}

export interface SearchDocumentOptions {
  /** The occupation title of a classification code (e.g. SOC 15-1252 → Software Developers), when known. */
  occupationTitle?: (scheme: string, code: string) => string | undefined;
}

/** The longest query accepted; longer input is a mistake (a paste gone wrong), not a search. */
export const MAX_QUERY_LENGTH = 200;

// ---------------------------------------------------------------------------------------------- options

export { escapeHtml, highlight, plainText, processTerm, snippet, tokenize } from "./search-text.js";

/** MiniSearch options: the index built on the server and the one loaded in a static site must agree. */
export const MINISEARCH_OPTIONS: Options<SearchDocument> = {
  idField: "id",
  fields: ["names", "codes", "context", "body"],
  storeFields: [],
  tokenize,
  processTerm,
  searchOptions: {
    boost: { names: 4, codes: 3, context: 1.5, body: 1 },
    // typo tolerance: about one edit in five letters, not for short words or codes, where it only adds noise
    fuzzy: (term) => (term.length >= 5 && !/\d/.test(term) ? 0.2 : false),
    prefix: (term) => term.length >= 3,
    // a word's start (someone still typing) counts a little more than a word one typo away
    weights: { fuzzy: 0.3, prefix: 0.45 },
    combineWith: "OR",
  },
};

// ---------------------------------------------------------------------------------------------- documents

/** One search document per place a reader can land on, for every framework, in a stable order. */
export function buildSearchDocuments(
  frameworks: readonly SearchableFramework[],
  options: SearchDocumentOptions = {},
): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const { id, index } of frameworks) {
    const frameworkName = index.framework.name;
    for (const draft of frameworkDrafts(id, index, options)) {
      if (!draft.body && !draft.names && !draft.codes) continue;
      docs.push({
        id: docs.length,
        framework: id,
        frameworkName,
        type: draft.type,
        kind: draft.kind,
        context: draft.context,
        title: draft.title,
        url: draft.url,
        ...(draft.also ? { also: draft.also } : {}),
        names: draft.names ?? "",
        codes: draft.codes ?? "",
        body: draft.body,
        ...(draft.level !== undefined ? { level: draft.level } : {}),
        ...(draft.area !== undefined ? { area: draft.area } : {}),
      });
    }
  }
  return docs;
}

function guidanceText(section: GuidanceSection): string {
  return join(
    [
      section.text,
      ...(section.items ?? []),
      ...(section.sections ?? []).flatMap((s) => [s.title, s.text, ...(s.items ?? [])]),
    ],
    " ",
  );
}

function* frameworkDrafts(
  fw: string,
  index: FrameworkIndex,
  options: SearchDocumentOptions,
): Generator<Draft> {
  const framework = index.framework;
  yield {
    type: "framework",
    kind: "Framework",
    context: framework.organization ? plainText(framework.organization) : "",
    title: plainText(framework.name),
    url: sitePath.framework(fw),
    names: plainText(framework.name),
    body: join([framework.description, framework.organization]),
  };
  for (const [i, section] of (framework.guidance ?? []).entries()) {
    yield {
      type: "framework-guidance",
      kind: "Framework guidance",
      context: plainText(framework.name),
      title: plainText(section.title),
      url: `${sitePath.framework(fw)}#${guidanceSectionId(i + 1)}`,
      names: plainText(section.title),
      body: guidanceText(section),
    };
  }

  for (const levelId of index.levelOrder) {
    const level = index.levels.get(levelId);
    if (level) yield* levelDrafts(fw, index, level);
  }

  for (const area of framework.areas ?? []) {
    const areaName = plainText(displayName(area));
    yield {
      type: "area",
      kind: "Area",
      context: plainText(framework.name),
      title: areaName,
      url: sitePath.area(fw, area.id),
      area: area.id,
      names: areaName,
      body: join([
        area.summary,
        area.description,
        ...Object.entries(area.takeaways ?? {}).map(([level, text]) => `${levelName(index, level)}: ${text}`),
        area.note,
      ]),
    };
    for (const competency of area.competencies) yield* competencyDrafts(fw, index, area, competency);
  }
  yield* roleDrafts(fw, index, options);
}

/** Each role, and its responsibilities at each level it spans. */
function* roleDrafts(fw: string, index: FrameworkIndex, options: SearchDocumentOptions): Generator<Draft> {
  const framework = index.framework;
  const families = new Map((framework.families ?? []).map((f) => [f.id, plainText(f.name)]));
  for (const role of framework.roles ?? []) {
    const roleName = plainText(role.name);
    const family = families.get(role.family) ?? role.family;
    const classifications = (role.classifications ?? []).map((c) => {
      const title = options.occupationTitle?.(c.scheme, c.code);
      return join([`${schemeName(c.scheme)} ${c.code}`, title, `(${c.match ?? "unknown"} match).`, c.note]);
    });
    yield {
      type: "role",
      kind: "Role",
      context: role.code ? `${family} · ${role.code}` : family,
      title: roleName,
      url: sitePath.role(fw, role.id),
      names: join([role.name, ...(role.aliases ?? [])]),
      codes: join([role.code, ...(role.classifications ?? []).map((c) => `${c.scheme} ${c.code}`)]),
      body: join([
        role.summary,
        role.aliases?.length ? `Also called ${role.aliases.map(plainText).join(", ")}.` : undefined,
        ...(role.skills ?? []).map((s) => join([s.name, s.description], ": ")),
        ...classifications,
      ]),
    };
    for (const levelId of role.levels) {
      const items = entryOf(role.responsibilities, levelId);
      if (!items?.length) continue;
      const name = levelName(index, levelId);
      yield {
        type: "role-level",
        kind: "Role responsibilities",
        context: `${roleName} · ${name}`,
        title: `${roleName} at ${name}`,
        url: sitePath.role(fw, role.id, levelId),
        level: levelId,
        body: join(items),
      };
    }
  }
}

function* levelDrafts(fw: string, index: FrameworkIndex, level: Level): Generator<Draft> {
  const title = plainText(level.title ?? level.name);
  const track = index.tracks.get(level.track);
  const trackName = track ? plainText(track.name) : level.track;
  const codes = Object.values(level.codes ?? {});
  const schemes = new Map((index.framework.codeSchemes ?? []).map((s) => [s.id, plainText(s.name)]));
  const codeText = Object.entries(level.codes ?? {}).map(([scheme, code]) =>
    schemes.has(scheme) ? `${code} (${schemes.get(scheme)})` : code,
  );
  const page = sitePath.level(fw, level.id);
  yield {
    type: "level",
    kind: "Level",
    context: [trackName, ...codes].join(" · "),
    title,
    url: page,
    level: level.id,
    names: join([level.name, level.title]),
    codes: codes.join(" "),
    body: [
      `${title}${level.title && level.title !== level.name ? ` (${plainText(level.name)})` : ""}, ${trackName}${codeText.length ? `: ${codeText.join(", ")}` : ""}.`,
      level.leverage ? `Unit of leverage: ${plainText(level.leverage)}.` : "",
    ]
      .filter(Boolean)
      .join(" "),
  };
  const section = (id: string, label: string, body: string): Draft => ({
    type: "level-section",
    kind: "Level",
    context: `${title} › ${label}`,
    title: `${title}: ${label.toLowerCase()}`,
    url: `${page}#${id}`,
    level: level.id,
    body,
  });
  if (level.summary) yield section(LEVEL_SECTION_IDS.summary, "Summary", join([level.summary]));
  if (level.dimensions && Object.keys(level.dimensions).length) {
    const values = Object.entries(level.dimensions).map(
      ([id, text]) => `${plainText(index.dimensions.get(id)?.name ?? id)}: ${plainText(text)}`,
    );
    yield section(LEVEL_SECTION_IDS.dimensions, "Dimensions", values.join(" "));
  }
  if (level.responsibilities?.length) {
    yield section(LEVEL_SECTION_IDS.responsibilities, "Responsibilities", join(level.responsibilities));
  }
  if (level.narrative) yield section(LEVEL_SECTION_IDS.narrative, "Narrative", join([level.narrative]));
  if (level.reachNext) {
    const text =
      typeof level.reachNext === "string"
        ? plainText(level.reachNext)
        : Object.entries(level.reachNext)
            .map(([to, t]) => `To ${levelName(index, to)}: ${plainText(t)}`)
            .join(" ");
    yield section(LEVEL_SECTION_IDS.reachNext, "Reaching the next level", text);
  }
  for (const [i, guidance] of (level.guidance ?? []).entries()) {
    const label = plainText(guidance.title);
    yield {
      ...section(guidanceSectionId(i + 1), label, guidanceText(guidance)),
      title: `${title}: ${label}`,
      names: label,
    };
  }
}

// ---------------------------------------------------------------------------------------------- index

export interface SearchIndex {
  mini: MiniSearch<SearchDocument>;
  docs: SearchDocument[];
  /** A document's type where `docs` holds only some documents (the static site's index in parts). */
  typeOf?: (id: number) => SearchDocumentType | undefined;
}

/** The documents indexed for searching. */
export function createSearchIndex(docs: SearchDocument[]): SearchIndex {
  const mini = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS);
  mini.addAll(docs);
  return { mini, docs };
}

/** What a static site loads to search without a server: the serialized index and the documents. */
export interface SearchPayload {
  format: 1;
  index: AsPlainObject;
  docs: SearchDocument[];
}

export function serializeSearchIndex(index: SearchIndex): SearchPayload {
  return { format: 1, index: index.mini.toJSON(), docs: index.docs };
}

/** The index back from its serialized form (in the browser of a static site). */
export function loadSearchIndex(payload: SearchPayload): SearchIndex {
  return { mini: MiniSearch.loadJS<SearchDocument>(payload.index, MINISEARCH_OPTIONS), docs: payload.docs };
}

export type QueryCheck = { ok: true; query: string } | { ok: false; error: string };

/** A query as typed: trimmed; too long or with control characters is refused with a reason. */
export function checkQuery(raw: string | undefined | null): QueryCheck {
  const query = (raw ?? "").trim();
  if (query.length > MAX_QUERY_LENGTH) {
    return {
      ok: false,
      error: `The search is ${query.length} characters long; searches are limited to ${MAX_QUERY_LENGTH}. Try a few distinctive words.`,
    };
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f-\u009f]/.test(query)) {
    return { ok: false, error: "The search contains control characters. Type it again as plain text." };
  }
  return { ok: true, query };
}

// The page of a thing ranks a little above the many places that mention it.
const TYPE_BOOST: Partial<Record<SearchDocumentType, number>> = {
  framework: 1.3,
  level: 1.5,
  area: 1.3,
  competency: 1.3,
  role: 1.5,
};

/**
 * Ranked results for a query: best first, equal scores in document order so the order never depends on
 * hash iteration. Returns nothing (never throws) for empty or unmatched queries.
 */
export function searchIndex(index: SearchIndex, query: string, limit = 20): SearchOutcome {
  const hits = rankedHits(index, query);
  const results = hits.slice(0, Math.max(0, limit)).flatMap((hit) => resultOf(index, hit));
  return { total: hits.length, results };
}

/** Every match of a query, best first (see `searchIndex`); none for an empty, too long or unusable query. */
export function rankedHits(index: SearchIndex, query: string): MiniResult[] {
  const q = query.trim();
  if (!q || q.length > MAX_QUERY_LENGTH) return [];
  try {
    // Documents with every word first, then those with some: "incident review" puts the incident reviews
    // above the many mentions of review alone.
    const typeOf = (id: number) => index.docs[id]?.type ?? index.typeOf?.(id);
    const boostDocument = (id: unknown) => TYPE_BOOST[typeOf(id as number) ?? "level"] ?? 1;
    const byRank = (a: MiniResult, b: MiniResult) => b.score - a.score || (a.id as number) - (b.id as number);
    const all = index.mini.search(q, { boostDocument, combineWith: "AND" }).sort(byRank);
    const seen = new Set(all.map((h) => h.id));
    const some = index.mini.search(q, { boostDocument, combineWith: "OR" }).filter((h) => !seen.has(h.id));
    return [...all, ...some.sort(byRank)];
  } catch {
    return [];
  }
}

/** A match as a result: its document's place and a snippet around the matched words. */
export function resultOf(index: SearchIndex, hit: MiniResult): SearchResult[] {
  const doc = index.docs[hit.id as number];
  if (!doc) return [];
  return [
    {
      framework: doc.framework,
      frameworkName: doc.frameworkName,
      type: doc.type,
      kind: doc.kind,
      title: doc.title,
      context: doc.context,
      url: doc.url,
      ...(doc.also ? { also: doc.also } : {}),
      score: Math.round(hit.score * 1000) / 1000,
      snippet: snippetOf(doc, hit.terms),
    },
  ];
}

/** The snippet of a result: from its body, or its names and codes where it has no body. */
function snippetOf(doc: SearchDocument, terms: readonly string[]): string {
  return snippet(doc.body || [doc.names, doc.codes].filter(Boolean).join(" · "), terms);
}
