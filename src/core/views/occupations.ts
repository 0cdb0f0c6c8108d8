/**
 * Roles placed among the occupation catalogues: every classification code a loaded role is mapped to, one
 * code with its hierarchy and roles, and the roles a job title names (by name or alias). The architecture
 * pages' occupation and title views, split from views/architecture.ts, whose `Indexes` they take.
 */
import type { FrameworkIndex } from "../model.js";
import { checkOccupationCode, type OccupationCatalog, type SocGroup } from "../occupations.js";
import { type FrameworkName, frameworkName, type Indexes } from "./architecture.js";
import { schemeName } from "./role.js";
import { sourceViews } from "./sources.js";

// ---------------------------------------------------------------------------------------------------------
// Occupation codes

/** The SOC code a classification resolves to in the catalog, for the schemes built on SOC. */
function socCode(scheme: string, code: string): string | undefined {
  if (scheme === "soc-2018" && /^\d{2}-\d{4}$/.test(code)) return code;
  if (scheme === "onet-soc-2019" && /^\d{2}-\d{4}\.\d{2}$/.test(code)) return code.slice(0, 7);
  return undefined;
}

/** Display order of schemes: the ones rungs knows, then the rest by id. */
const SCHEME_ORDER = ["soc-2018", "onet-soc-2019", "isco-08", "esco"];
const schemeRank = (s: string) => {
  const i = SCHEME_ORDER.indexOf(s);
  return i < 0 ? SCHEME_ORDER.length : i;
};

export interface OccupationEntry {
  scheme: string;
  schemeName: string;
  code: string;
  title?: string;
  /** How many roles (across frameworks) are mapped to the code. */
  roles: number;
}

export interface OccupationsData {
  schemes: { scheme: string; schemeName: string; codes: OccupationEntry[] }[];
}

export interface OccupationRole {
  framework: FrameworkName;
  role: { id: string; name: string; code?: string };
  family: { id: string; name: string };
  match: string;
  note?: string;
  /** The sources the mapping cites (on the role page, each under its id). */
  sources?: { id: string; title: string }[];
}

export interface OccupationData {
  scheme: string;
  schemeName: string;
  code: string;
  title?: string;
  /**
   * The groups above the code, broadest first: for SOC-based codes those of SOC 2018 (and, for O*NET-SOC, the
   * SOC occupation itself); for a scheme with a code list, its chain of parents.
   */
  hierarchy: { group?: SocGroup; code: string; title: string }[];
  roles: OccupationRole[];
}

/** Whether any role of the framework has an occupation code: else the occupation pages list nothing of it. */
export function codesOccupations(index: FrameworkIndex): boolean {
  for (const role of index.roles.values()) if (role.classifications?.length) return true;
  return false;
}

function uses(indexes: Indexes): { scheme: string; code: string; use: OccupationRole }[] {
  const out: { scheme: string; code: string; use: OccupationRole }[] = [];
  for (const [fw, index] of indexes) {
    const families = new Map((index.framework.families ?? []).map((f) => [f.id, f.name]));
    for (const role of index.roles.values()) {
      const seen = new Set<string>();
      for (const c of role.classifications ?? []) {
        const key = `${c.scheme} ${c.code}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          scheme: c.scheme,
          code: c.code,
          use: {
            framework: frameworkName(fw, index),
            role: { id: role.id, name: role.name, ...(role.code ? { code: role.code } : {}) },
            family: { id: role.family, name: families.get(role.family) ?? role.family },
            match: c.match ?? "unknown",
            ...(c.note ? { note: c.note } : {}),
            ...(c.sources?.length
              ? { sources: sourceViews(index, c.sources).map((v) => ({ id: v.id, title: v.title })) }
              : {}),
          },
        });
      }
    }
  }
  return out;
}

function occupationTitle(catalog: OccupationCatalog, scheme: string, code: string): string | undefined {
  return checkOccupationCode(scheme, code, catalog).title;
}

/** Every occupation code any role is mapped to, grouped by scheme, codes in order. */
export function occupationsData(indexes: Indexes, catalog: OccupationCatalog): OccupationsData {
  const counts = new Map<string, { scheme: string; code: string; roles: number }>();
  for (const { scheme, code } of uses(indexes)) {
    const key = `${scheme} ${code}`;
    const entry = counts.get(key) ?? { scheme, code, roles: 0 };
    entry.roles++;
    counts.set(key, entry);
  }
  const schemes = [...new Set([...counts.values()].map((e) => e.scheme))].sort(
    (x, y) => schemeRank(x) - schemeRank(y) || (x < y ? -1 : x > y ? 1 : 0),
  );
  return {
    schemes: schemes.map((scheme) => ({
      scheme,
      schemeName: schemeName(scheme),
      codes: [...counts.values()]
        .filter((e) => e.scheme === scheme)
        .sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))
        .map((e) => {
          const title = occupationTitle(catalog, scheme, e.code);
          return {
            scheme,
            schemeName: schemeName(scheme),
            code: e.code,
            ...(title ? { title } : {}),
            roles: e.roles,
          };
        }),
    })),
  };
}

/** One code with its place in SOC and the roles mapped to it, or undefined when no role uses it. */
export function occupationData(
  indexes: Indexes,
  catalog: OccupationCatalog,
  scheme: string,
  code: string,
): OccupationData | undefined {
  const roles = uses(indexes)
    .filter((u) => u.scheme === scheme && u.code === code)
    .map((u) => u.use);
  if (roles.length === 0) return undefined;
  const hierarchy: OccupationData["hierarchy"] = [];
  const soc = socCode(scheme, code);
  const list = catalog.schemes?.get(scheme);
  if (soc) {
    let node = catalog.get(soc);
    // the occupation itself is the page's title for SOC; for O*NET-SOC it is one step of the path
    if (node && scheme === "soc-2018") node = node.parent ? catalog.get(node.parent) : undefined;
    for (let guard = 0; node && guard < 8; guard++) {
      hierarchy.unshift({ group: node.group, code: node.code, title: node.title });
      node = node.parent ? catalog.get(node.parent) : undefined;
    }
  } else if (list) {
    const seen = new Set([code]);
    let parent = list.get(code)?.parent;
    while (parent !== undefined && !seen.has(parent)) {
      seen.add(parent);
      const entry = list.get(parent);
      if (!entry) break;
      hierarchy.unshift({ code: entry.code, title: entry.title });
      parent = entry.parent;
    }
  }
  const title = occupationTitle(catalog, scheme, code);
  return { scheme, schemeName: schemeName(scheme), code, ...(title ? { title } : {}), hierarchy, roles };
}

// ---------------------------------------------------------------------------------------------------------
// Roles by title

export interface TitleMatch {
  framework: FrameworkName;
  role: { id: string; name: string };
  family: { id: string; name: string };
  /** The name or alias that matched, as written. */
  matched: string;
  via: "name" | "alias";
}

/** A title for matching: case, width and every kind of space ignored. */
export function titleKey(title: string): string {
  return title.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

/** The roles whose name or one of whose aliases is the title (case- and space-insensitive). */
export function rolesByTitle(indexes: Indexes, title: string): TitleMatch[] {
  const key = titleKey(title);
  if (!key) return [];
  const out: TitleMatch[] = [];
  for (const [fw, index] of indexes) {
    const families = new Map((index.framework.families ?? []).map((f) => [f.id, f.name]));
    for (const role of index.roles.values()) {
      const byName = titleKey(role.name) === key;
      const alias = byName ? undefined : (role.aliases ?? []).find((a) => titleKey(a) === key);
      if (!byName && alias === undefined) continue;
      out.push({
        framework: frameworkName(fw, index),
        role: { id: role.id, name: role.name },
        family: { id: role.family, name: families.get(role.family) ?? role.family },
        matched: byName ? role.name : (alias as string),
        via: byName ? "name" : "alias",
      });
    }
  }
  return out;
}
