/**
 * What the search documents are made of, shared by the modules that make them (search.ts, search-cells.ts):
 * the document's shape, the ids and paths of the places results link to, and small text helpers.
 */
import type { FrameworkIndex } from "./model.js";
import { plainText } from "./search-text.js";

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
  /** The level and the area the document is about, where it is about one (search filters by them). */
  level?: string;
  area?: string;
}

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
export const sitePath = {
  framework: (fw: string) => `/frameworks/${fw}/`,
  level: (fw: string, level: string) => `/frameworks/${fw}/levels/${level}/`,
  matrix: (fw: string) => `/frameworks/${fw}/matrix/`,
  matrixCell: (fw: string, competency: string, level: string) =>
    `/frameworks/${fw}/matrix/#cell-${competency}--${level}`,
  area: (fw: string, area: string) => `/frameworks/${fw}/areas/${area}/`,
  role: (fw: string, role: string, level?: string) =>
    `/frameworks/${fw}/roles/${role}/${level ? `?level=${encodeURIComponent(level)}#level-${level}` : ""}`,
};

/** A document before its framework and position are known. */
export type Draft = Omit<SearchDocument, "id" | "framework" | "frameworkName" | "names" | "codes"> & {
  names?: string;
  codes?: string;
};

/** Plain texts joined, blanks left out. */
export const join = (parts: (string | undefined)[], separator = " "): string =>
  parts
    .filter((p): p is string => Boolean(p?.trim()))
    .map(plainText)
    .join(separator);

/** A level's name as plain text (its id where there is no such level). */
export function levelName(index: FrameworkIndex, id: string): string {
  const level = index.levels.get(id);
  return level ? plainText(level.name) : id;
}
