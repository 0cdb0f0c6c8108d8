/**
 * Full-text search over every loaded framework: one document per place a reader can land on (a level and
 * each of its sections, an area, a competency, every expectation cell, a role and its responsibilities per
 * level), indexed with MiniSearch. The same options, ranking and snippets run on the server and, from the
 * serialized index, in the browser of a static site, so both show the same results.
 */
import MiniSearch, { type AsPlainObject, type SearchResult as MiniResult, type Options } from "minisearch";
import { criteriaOf, criterionAnchor, stepText } from "./cells.js";
import { competencySpan, displayName, entryOf, expectationDetail, type FrameworkIndex } from "./model.js";
import type { GuidanceSection, Level } from "./schema.js";
import { schemeName } from "./views/role.js";

/** What a document is; drives the label and where its link goes. */
export type SearchDocumentType =
  | "framework"
  | "framework-guidance"
  | "level"
  | "level-section"
  | "area"
  | "competency"
  | "expectation"
  | "criterion"
  | "role"
  | "role-level";

export interface SearchDocument {
  /** Position in the document list: stable for the same frameworks, and the tie-breaker of equal scores. */
  id: number;
  type: SearchDocumentType;
  framework: string;
  frameworkName: string;
  /** "Expectation", "Level", "Role"… */
  kind: string;
  /** Where the document sits: "Technical craft › Code & design quality · Senior". */
  context: string;
  /** The link text of the result. */
  title: string;
  /** Site-absolute path of the exact place, e.g. /frameworks/engineering/matrix/#cell-code-quality--senior. */
  url: string;
  /** A second place showing the same text (an expectation on its level page). */
  also?: { label: string; url: string };
  /** Names, titles and aliases: ranked above body text. */
  names: string;
  /** Level codes, role codes, classification codes. */
  codes: string;
  /** Everything else, as plain text; snippets are cut from it. */
  body: string;
}

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

/**
 * The ids of the sections of a level page that results link to (`/frameworks/<fw>/levels/<level>/#<id>`),
 * in one place so the level page uses the same ones. Guidance sections are `guidance-<n>`, 1-based; an
 * expectation on the level page is `exp-<competency>`.
 */
export const LEVEL_SECTION_IDS = {
  summary: "summary",
  dimensions: "dimensions",
  responsibilities: "responsibilities",
  narrative: "narrative",
  reachNext: "next",
} as const;

/** Section id of a guidance section on a level or overview page (1-based). */
export const guidanceSectionId = (n: number): string => `guidance-${n}`;
/** Id of an expectation on its level page. */
export const levelExpectationId = (competency: string): string => `exp-${competency}`;
/** Id of a competency's row on the competency matrix. */
export const matrixRowId = (competency: string): string => `competency-${competency}`;

// Site paths (the same contract as src/web/links.ts `paths`, which core may not import).
const sitePath = {
  framework: (fw: string) => `/frameworks/${fw}/`,
  level: (fw: string, level: string) => `/frameworks/${fw}/levels/${level}/`,
  matrix: (fw: string) => `/frameworks/${fw}/matrix/`,
  matrixCell: (fw: string, competency: string, level: string) =>
    `/frameworks/${fw}/matrix/#cell-${competency}--${level}`,
  area: (fw: string, area: string) => `/frameworks/${fw}/areas/${area}/`,
  role: (fw: string, role: string, level?: string) =>
    `/frameworks/${fw}/roles/${role}/${level ? `?level=${encodeURIComponent(level)}#level-${level}` : ""}`,
};

// ---------------------------------------------------------------------------------------------- text

const WORD = /[\p{L}\p{N}]+(?:['’.\-_][\p{L}\p{N}]+)*/gu;
const JOINERS = /['’.\-_]/;

/**
 * Splits text into terms. A joined word (cross-team, 15-1252.00, team's) is kept whole and also split into
 * its parts, so "15-1252" finds the code and "cross team" finds "cross-team".
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    terms.push(word);
    if (JOINERS.test(word)) for (const part of word.split(JOINERS)) if (part) terms.push(part);
  }
  return terms;
}

// Words so common that matching them says nothing; a query of only these finds nothing.
const STOP_WORDS = new Set(
  (
    "a an and are as at be but by for from has have in into is it its of on or s so such that the their them " +
    "they this to was were what when which who will with"
  ).split(" "),
);

/** Lower case without accents; stop words dropped. */
export function processTerm(term: string): string | null {
  const folded = normalizeWord(term);
  return folded && !STOP_WORDS.has(folded) ? folded : null;
}

function normalizeWord(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** Plain text from light Markdown: link targets, emphasis marks and list bullets removed. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)(.+?)(?<=\S)\*(?![\p{L}\p{N}])/gu, "$1$2")
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}])/gu, "$1$2")
    .replace(/^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)/gm, "")
    .replace(/\s+/g, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------------- options

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

type Draft = Omit<SearchDocument, "id" | "framework" | "frameworkName" | "names" | "codes"> & {
  names?: string;
  codes?: string;
};

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
      });
    }
  }
  return docs;
}

const join = (parts: (string | undefined)[], separator = " "): string =>
  parts
    .filter((p): p is string => Boolean(p?.trim()))
    .map(plainText)
    .join(separator);

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

  const bands = new Map((framework.ratingScale ?? []).map((b) => [b.id, plainText(b.name)]));
  for (const area of framework.areas ?? []) {
    const areaName = plainText(displayName(area));
    yield {
      type: "area",
      kind: "Area",
      context: plainText(framework.name),
      title: areaName,
      url: sitePath.area(fw, area.id),
      names: areaName,
      body: join([
        area.summary,
        area.description,
        ...Object.entries(area.takeaways ?? {}).map(([level, text]) => `${levelName(index, level)}: ${text}`),
        area.note,
      ]),
    };
    for (const competency of area.competencies) {
      const competencyName = plainText(displayName(competency));
      yield {
        type: "competency",
        kind: "Competency",
        context: areaName,
        title: competencyName,
        url: `${sitePath.matrix(fw)}#${matrixRowId(competency.id)}`,
        names: competencyName,
        body: join([competency.description]),
      };
      const span = new Set(competencySpan(index, competency, area));
      for (const levelId of index.levelOrder) {
        const detail = expectationDetail(entryOf(competency.expectations, levelId));
        if (!detail || !span.has(levelId)) continue;
        const name = levelName(index, levelId);
        yield {
          type: "expectation",
          kind: "Expectation",
          context: `${areaName} › ${competencyName} · ${name}`,
          title: `${competencyName} at ${name}`,
          url: sitePath.matrixCell(fw, competency.id, levelId),
          also: {
            label: `On the ${name} level page`,
            url: `${sitePath.level(fw, levelId)}#${levelExpectationId(competency.id)}`,
          },
          names: competencyName,
          body: join([
            detail.statement,
            detail.elaboration,
            ...(detail.examples ?? []),
            ...Object.entries(detail.ratings ?? {}).map(
              ([band, text]) => `${bands.get(band) ?? band}: ${text}`,
            ),
            detail.note,
            stepText(index, competency, detail.step),
            ...Object.values(detail.roles ?? {}).flatMap((own) => [own.statement, ...(own.examples ?? [])]),
          ]),
        };
        // each criterion is a result of its own (format 2), linked to its place on the level page
        for (const criterion of criteriaOf(detail.criteria, levelId)) {
          yield {
            type: "criterion",
            kind: "Criterion",
            context: `${areaName} › ${competencyName} · ${name}`,
            title: `${competencyName} at ${name}: ${plainText(criterion.text)}`,
            url: `${sitePath.level(fw, levelId)}#${criterionAnchor(competency.id, criterion.key)}`,
            names: competencyName,
            body: join([criterion.text, ...criterion.examples, ...Object.values(criterion.ratings)]),
          };
        }
      }
    }
  }

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
        body: join(items),
      };
    }
  }
}

function levelName(index: FrameworkIndex, id: string): string {
  const level = index.levels.get(id);
  return level ? plainText(level.name) : id;
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
  const q = query.trim();
  if (!q || q.length > MAX_QUERY_LENGTH) return { total: 0, results: [] };
  let hits: MiniResult[];
  try {
    // Documents with every word first, then those with some: "incident review" puts the incident reviews
    // above the many mentions of review alone.
    const boostDocument = (id: unknown) => TYPE_BOOST[index.docs[id as number]?.type ?? "level"] ?? 1;
    const byRank = (a: MiniResult, b: MiniResult) => b.score - a.score || (a.id as number) - (b.id as number);
    const all = index.mini.search(q, { boostDocument, combineWith: "AND" }).sort(byRank);
    const seen = new Set(all.map((h) => h.id));
    const some = index.mini.search(q, { boostDocument, combineWith: "OR" }).filter((h) => !seen.has(h.id));
    hits = [...all, ...some.sort(byRank)];
  } catch {
    return { total: 0, results: [] };
  }
  const results: SearchResult[] = [];
  for (const hit of hits.slice(0, Math.max(0, limit))) {
    const doc = index.docs[hit.id as number];
    if (!doc) continue;
    results.push({
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
    });
  }
  return { total: hits.length, results };
}

// ---------------------------------------------------------------------------------------------- snippets

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);
}

function markable(terms: readonly string[]): Set<string> {
  return new Set(terms.map(normalizeWord));
}

/** Text as HTML: escaped, then every word that is one of `terms` wrapped in <mark> (a joined word whole, else its parts). */
export function highlight(text: string, terms: readonly string[]): string {
  const set = markable(terms);
  let out = "";
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const at = match.index;
    out += escapeHtml(text.slice(last, at));
    const word = match[0];
    if (set.has(normalizeWord(word))) out += `<mark>${escapeHtml(word)}</mark>`;
    else {
      out += word.replace(/[^'’.\-_]+|['’.\-_]/g, (part) =>
        set.has(normalizeWord(part)) ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part),
      );
    }
    last = at + word.length;
  }
  return out + escapeHtml(text.slice(last));
}

/** The snippet of a result: from its body, or its names and codes where it has no body. */
function snippetOf(doc: SearchDocument, terms: readonly string[]): string {
  return snippet(doc.body || [doc.names, doc.codes].filter(Boolean).join(" · "), terms);
}

/**
 * About `width` characters of `text` as highlighted HTML: the window showing the most different matched
 * words (the earliest of equals), so "incident review" shows where both words are, not just the first.
 */
export function snippet(text: string, terms: readonly string[], width = 220): string {
  const set = markable(terms);
  const hits: { at: number; word: string }[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = normalizeWord(match[0]);
    const found = set.has(word) ? [word] : word.split(JOINERS).filter((part) => set.has(part));
    for (const w of found) hits.push({ at: match.index, word: w });
    if (hits.length >= 500) break;
  }
  let first = hits[0]?.at ?? -1;
  let best = 0;
  const span = Math.floor(width * 0.7);
  for (const [i, hit] of hits.entries()) {
    const words = new Set<string>();
    for (let j = i; j < hits.length && (hits[j]?.at ?? 0) - hit.at <= span; j++)
      words.add(hits[j]?.word ?? "");
    if (words.size > best) {
      best = words.size;
      first = hit.at;
    }
  }
  let start = 0;
  if (first > width / 3) {
    const space = text.lastIndexOf(" ", first - Math.floor(width / 4));
    start = space < 0 ? 0 : space + 1;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > start) end = space;
  }
  const piece = text.slice(start, end);
  return `${start > 0 ? "…" : ""}${highlight(piece, terms)}${end < text.length ? "…" : ""}`;
}
