/**
 * Occupation classifications: the SOC 2018 list (data/soc2018.csv), the format rules for the code schemes
 * rungs knows, and code lists of any scheme added as data (`<scheme-id>.csv` files, see
 * docs/job-architecture.md#adding-a-classification-scheme). Codes of a scheme with neither rules nor a list
 * are kept as written and not checked.
 */
import { closest, type SuggestionBudget } from "./text.js";

export type SocGroup = "major" | "minor" | "broad" | "detailed";

export interface Occupation {
  code: string;
  title: string;
  group: SocGroup;
  parent: string | undefined;
}

/** One code of a scheme's list: `code,title[,parent]`. */
export interface SchemeEntry {
  code: string;
  title: string;
  parent?: string;
}

/** A scheme's codes, by code, in file order. */
export type SchemeList = Map<string, SchemeEntry>;

/**
 * SOC 2018 occupations by code (`15-1252`), and the code lists of other schemes loaded as data. A plain
 * `Map` of SOC occupations is a catalog without other schemes.
 */
export interface OccupationCatalog extends Map<string, Occupation> {
  /** Code lists by scheme id (`isco-08` → its codes), from `data/schemes/` and `RUNGS_SCHEMES_DIR`. */
  schemes?: ReadonlyMap<string, SchemeList>;
}

const GROUPS = new Map<string, SocGroup>([
  ["Major", "major"],
  ["Minor", "minor"],
  ["Broad", "broad"],
  ["Detailed", "detailed"],
]);

/** Parses the normalized SOC CSV (code,title,Level,Hierarchical_structure,parent,…). */
export function parseSocCsv(text: string): OccupationCatalog {
  const catalog: OccupationCatalog = new Map();
  const lines = text.split(/\r?\n/).slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    const [code, title, , structure, parent] = splitCsvLine(line);
    const group = GROUPS.get(structure ?? "");
    if (!code || !title || !group) continue;
    catalog.set(code, { code, title, group, parent: parent && parent !== "NA" ? parent : undefined });
  }
  return catalog;
}

/** A problem in a scheme's CSV file, by 1-based line. */
export interface SchemeProblem {
  line: number;
  message: string;
}

/**
 * Parses a scheme list: one `code,title[,parent]` row per line, an optional header row (`code,title…`),
 * and `#` comment lines (for attribution and licence notes). Fields may be double-quoted. Rows without a
 * code or title, and repeated codes (the first is kept), are reported and skipped.
 */
export function parseSchemeCsv(text: string): { list: SchemeList; problems: SchemeProblem[] } {
  const list: SchemeList = new Map();
  const problems: SchemeProblem[] = [];
  let first = true;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, "");
    if (!line.trim() || line.trimStart().startsWith("#")) return;
    const [code = "", title = "", parent = ""] = splitCsvLine(line).map((f) => f.trim());
    const header = first && code.toLowerCase() === "code";
    first = false;
    if (header) return;
    if (!code || !title) {
      problems.push({ line: i + 1, message: `a row needs a code and a title: "${line}"` });
      return;
    }
    if (list.has(code)) {
      problems.push({ line: i + 1, message: `code "${code}" is listed twice; the first row is used` });
      return;
    }
    list.set(code, { code, title, ...(parent ? { parent } : {}) });
  });
  return { list, problems };
}

function splitCsvLine(line: string): string[] {
  // most rows quote nothing: split whole, not a character at a time (the first parse of the SOC list, which
  // `serve`'s framework thread does before its frameworks, took 16-20 ms of CPU, now 8-13)
  if (!line.includes('"')) return line.split(",");
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

export interface CodeCheck {
  ok: boolean;
  /** The occupation's title where the code resolves to one. */
  title?: string;
  problem?: string;
  hint?: string;
}

// A Map, not an object: the scheme is the framework's text, and `scheme: constructor` must find nothing.
const SCHEMES = new Map<string, { pattern: RegExp; example: string; soc?: (code: string) => string }>([
  ["soc-2018", { pattern: /^\d{2}-\d{4}$/, example: "15-1252", soc: (code) => code }],
  [
    "onet-soc-2019",
    { pattern: /^\d{2}-\d{4}\.\d{2}$/, example: "15-1252.00", soc: (code) => code.slice(0, 7) },
  ],
  ["isco-08", { pattern: /^\d{1,4}$/, example: "2512" }],
  [
    "esco",
    {
      pattern:
        /^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      example: "http://data.europa.eu/esco/occupation/<uuid>",
    },
  ],
]);

/** The scheme ids whose codes rungs validates. */
export const KNOWN_SCHEMES = [...SCHEMES.keys()];

/**
 * Checks a classification code: its format where rungs knows the scheme's rules; for SOC and O*NET-SOC that
 * it names a detailed occupation; and, where the catalog holds a list for the scheme, that the code is in it.
 * The title comes from the scheme's list, else from SOC 2018.
 */
export function checkOccupationCode(
  scheme: string,
  code: string,
  catalog: OccupationCatalog,
  budget?: SuggestionBudget,
): CodeCheck {
  const rules = SCHEMES.get(scheme);
  const list = catalog.schemes?.get(scheme);
  if (rules && !rules.pattern.test(code)) {
    return {
      ok: false,
      problem: `"${code}" is not a well-formed ${scheme} code`,
      hint: (list && titleSuggestion(code, list, budget)) ?? `write it like ${rules.example}`,
    };
  }
  let title: string | undefined;
  if (rules?.soc) {
    const soc = checkSoc(rules.soc(code), code, catalog);
    if (!soc.ok) return soc;
    title = soc.title;
  }
  if (list) {
    const entry = list.get(code);
    if (!entry) {
      return {
        ok: false,
        problem: `"${code}" is not a code of ${scheme}`,
        hint: listSuggestion(code, list, budget) ?? `look the code up in the ${scheme} list`,
      };
    }
    title = entry.title;
  }
  return title === undefined ? { ok: true } : { ok: true, title };
}

function checkSoc(soc: string, code: string, catalog: OccupationCatalog): CodeCheck {
  const occupation = catalog.get(soc);
  const quoted = soc === code ? `"${code}"` : `"${code}" (SOC ${soc})`;
  if (!occupation) {
    return {
      ok: false,
      problem: `${quoted} is not an occupation in SOC 2018`,
      hint: "look the code up in the SOC 2018 list (data/soc2018.csv)",
    };
  }
  if (occupation.group !== "detailed") {
    const children = [...catalog.values()].filter(
      (o) => o.group === "detailed" && o.code.startsWith(prefixOf(occupation)),
    );
    const some = children.slice(0, 4).map((o) => `${o.code} ${o.title}`);
    return {
      ok: false,
      problem: `${quoted} is a ${occupation.group} group (${occupation.title}), not a detailed occupation`,
      hint: some.length ? `choose a detailed occupation, e.g. ${some.join("; ")}` : undefined,
    };
  }
  return { ok: true, title: occupation.title };
}

const suggest = (entry: SchemeEntry) => `did you mean "${entry.code}" (${entry.title})?`;

/** A title was written where the code belongs: the entry whose title it is, or nearly is. */
function titleSuggestion(written: string, list: SchemeList, budget?: SuggestionBudget): string | undefined {
  // Paid for before the titles are even gathered: that too takes a pass over the list.
  if (budget && !budget.take(list.size)) return undefined;
  const byTitle = new Map([...list.values()].map((e) => [e.title, e]));
  const title = closest(written, byTitle.keys());
  return title === undefined ? undefined : suggest(byTitle.get(title) as SchemeEntry);
}

/**
 * For a code not in the list: the entry it is a typo of (by title, then by code, codes of the same length
 * first), else up to four codes that share its longest prefix of two characters or more (its neighbours in
 * a hierarchical scheme), codes of the same length first.
 */
function listSuggestion(code: string, list: SchemeList, budget?: SuggestionBudget): string | undefined {
  const byTitle = titleSuggestion(code, list, budget);
  if (byTitle) return byTitle;
  // Codes as long as the one written first: in a hierarchical scheme they are of the same kind of group.
  const codes = [...list.keys()];
  const sameLength = codes.filter((c) => c.length === code.length);
  if (budget && !budget.take(list.size * 2)) return undefined;
  const near = closest(code, sameLength) ?? closest(code, codes);
  if (near !== undefined) return suggest(list.get(near) as SchemeEntry);
  const entries = [
    ...[...list.values()].filter((e) => e.code.length === code.length),
    ...[...list.values()].filter((e) => e.code.length !== code.length),
  ];
  for (let length = code.length - 1; length >= 2; length--) {
    const prefix = code.slice(0, length);
    const neighbours = entries.filter((e) => e.code.startsWith(prefix) && e.code !== prefix);
    if (neighbours.length) {
      const some = neighbours.slice(0, 4).map((e) => `${e.code} ${e.title}`);
      return `codes under "${prefix}": ${some.join("; ")}`;
    }
  }
  return undefined;
}

/** The code prefix shared by everything under a group: 15-0000 → "15-", 15-1200 → "15-12", 15-1250 → "15-125". */
function prefixOf(group: Occupation): string {
  const digits = group.code.replace("-", "");
  const significant = { major: 2, minor: 4, broad: 5, detailed: 6 }[group.group];
  const kept = digits.slice(0, significant);
  return `${kept.slice(0, 2)}-${kept.slice(2)}`;
}
