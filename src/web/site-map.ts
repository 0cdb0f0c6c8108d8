/**
 * Every page of the site, for the static build: the same URLs the server answers, so a published site and
 * a running server show the same thing.
 */

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
  const out = [
    paths.home(),
    paths.search(),
    ...(searchIndex ? searchIndexPaths(registry) : []),
    ...assets.map((a) => `/assets/${a}`),
  ];
  for (const { fw, index } of servedFrameworks(registry)) {
    const id = fw.id;
    out.push(paths.framework(id), paths.matrix(id), paths.compare(id));
    const levels = index.levelOrder;
    for (const level of levels) out.push(paths.level(id, level), paths.levelText(id, level));
    for (const area of index.areas.keys()) out.push(paths.area(id, area));
    const roles = [...index.roles.keys()];
    for (const role of roles) out.push(paths.role(id, role), paths.roleText(id, role));
    if (roles.length) out.push(paths.compareRolesChooser(id));
    for (const level of levels) {
      const page = paths.levelGoals(id, level);
      out.push(...goalPages(page), ...goalPartPaths(index, { level }, page));
    }
    for (const role of roles) {
      for (const level of index.roles.get(role)?.levels ?? []) {
        if (!index.levels.has(level)) continue;
        const page = paths.roleGoals(id, role, level);
        out.push(...goalPages(page), ...goalPartPaths(index, { level, role }, page));
      }
    }
    out.push(...exportFiles(id, levels, roles));
    // the pairs a reader reaches from a page: each level with the levels it leads to and comes from (the level
    // page's "compare with next", and its swap); the compare form renders any other pair in the browser
    // from the levels' halves
    for (const a of levels) {
      out.push(paths.levelCompareHalf(id, a));
      const near = [...(index.successors.get(a) ?? []), ...(index.predecessors.get(a) ?? [])];
      for (const b of new Set(near)) if (a !== b) out.push(paths.compareLevels(id, a, b));
    }
    for (const a of roles) for (const b of roles) if (a !== b) out.push(paths.compareRoles(id, a, b));
  }
  // across frameworks: equivalence, occupation codes, and only the comparisons pages link to
  out.push(...architecturePaths(registry));
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
