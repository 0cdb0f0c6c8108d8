/**
 * Every page of the site, for the static build: the same URLs the server answers, so a published site and
 * a running server show the same thing.
 */

import type { FrameworkIndex } from "../core/model.js";
import type { FrameworkRegistry } from "../load/registry.js";
import { servedFrameworks } from "../services/frameworks.js";
import { exportPaths } from "./components/framework-exports.js";
import { architecturePaths } from "./features/architecture/routes.js";
import { goalFiles, goalPartPaths } from "./features/goals/routes.js";
import { searchIndexPartPaths } from "./features/search/routes.js";
import { paths } from "./links.js";

/**
 * Site paths of every page and asset, in a stable order; without the search index's files when
 * `searchIndex` is false (listing its parts means building the index: `rungs build` has another thread do it).
 */
export function sitePaths(registry: FrameworkRegistry, assets: string[], searchIndex = true): string[] {
  return siteSections(registry, assets, searchIndex).flat();
}

/**
 * The same paths in sections, each the pages that use the same caches of a framework version (rendered
 * Markdown and matrix cells; goal documents; the CASE package and the export files; compare sides): a
 * static build lets the caches go between sections (web/version-caches.ts).
 */
export function siteSections(registry: FrameworkRegistry, assets: string[], searchIndex = true): string[][] {
  const sections = [
    [
      paths.home(),
      paths.search(),
      ...(searchIndex ? searchIndexPaths(registry) : []),
      ...assets.map((a) => `/assets/${a}`),
    ],
  ];
  for (const { fw, index } of servedFrameworks(registry)) {
    const id = fw.id;
    const levels = index.levelOrder;
    const roles = [...index.roles.keys()];
    const pages = [paths.framework(id), paths.matrix(id), paths.compare(id)];
    for (const level of levels) pages.push(paths.level(id, level), paths.levelText(id, level));
    for (const area of index.areas.keys()) pages.push(paths.area(id, area));
    for (const role of roles) pages.push(paths.role(id, role), paths.roleText(id, role));
    if (roles.length) pages.push(paths.compareRolesChooser(id));
    sections.push(pages, goalSection(id, index), exportFiles(id, levels, roles));
    // the pairs a reader reaches from a page: each level with the levels it leads to and comes from (the level
    // page's "compare with next", and its swap); the compare form renders any other pair in the browser
    // from the levels' halves
    const compare: string[] = [];
    for (const a of levels) {
      compare.push(paths.levelCompareHalf(id, a));
      const near = [...(index.successors.get(a) ?? []), ...(index.predecessors.get(a) ?? [])];
      for (const b of new Set(near)) if (a !== b) compare.push(paths.compareLevels(id, a, b));
    }
    for (const a of roles) for (const b of roles) if (a !== b) compare.push(paths.compareRoles(id, a, b));
    sections.push(compare);
  }
  // across frameworks: equivalence, occupation codes, and only the comparisons pages link to
  sections.push(architecturePaths(registry));
  return sections;
}

/** A framework's goal pages, of each level and of each role at each of its levels, with their parts. */
function goalSection(id: string, index: FrameworkIndex): string[] {
  const out: string[] = [];
  for (const level of index.levelOrder) {
    const page = paths.levelGoals(id, level);
    out.push(...goalPages(page), ...goalPartPaths(index, { level }, page));
  }
  for (const [role, { levels }] of index.roles) {
    for (const level of levels) {
      if (!index.levels.has(level)) continue;
      const page = paths.roleGoals(id, role, level);
      out.push(...goalPages(page), ...goalPartPaths(index, { level, role }, page));
    }
  }
  return out;
}

/** The static search index's files: its head, and its parts when it is split. */
export function searchIndexPaths(registry: FrameworkRegistry): string[] {
  return ["/search-index.js", ...searchIndexPartPaths(registry)];
}

/** A goal page with its text and Markdown files (personal goals need a server: they are not built). */
function goalPages(page: string): string[] {
  return [page, goalFiles.text(page), goalFiles.markdown(page)];
}

/** The downloads the pages link to (components/downloads.tsx): every one is a static file. */
function exportFiles(fw: string, levels: string[], roles: string[]): string[] {
  return [
    exportPaths.casePackage(fw),
    exportPaths.jsonld(fw),
    exportPaths.csv(fw),
    exportPaths.xlsx(fw),
    exportPaths.markdownIndex(fw),
    ...levels.map((level) => exportPaths.markdownLevel(fw, level)),
    ...roles.map((role) => exportPaths.markdownRole(fw, role)),
  ];
}

/** Where a site path is written in the output folder: directories get index.html. */
export function outputFile(path: string): string {
  const clean = path.split(/[?#]/)[0] as string;
  return clean.endsWith("/") ? `${clean}index.html` : clean;
}
