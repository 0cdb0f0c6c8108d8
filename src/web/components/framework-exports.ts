/**
 * The exports of a loaded framework as the web app serves them (CASE endpoints, downloads, the JSON-LD in
 * pages): built once per framework version and origin, and looked up by CASE identifier.
 */
import type { FrameworkIndex } from "../../core/model.js";
import { changedAt, frameworkToCase } from "../../export/case-export.js";
import type { CfPackage } from "../../export/case-types.js";
import { forgetUuids } from "../../export/uuid.js";
import type { FrameworkRegistry } from "../../load/registry.js";
import { servedFrameworks } from "../../services/frameworks.js";
import { releasedWith } from "../version-caches.js";

/** Where each download is, per framework (`:fw` gives the route pattern); the static site writes them too. */
export const exportPaths = {
  casePackage: (fw: string) => `/frameworks/${fw}/export/case.json`,
  jsonld: (fw: string) => `/frameworks/${fw}/export/framework.jsonld`,
  csv: (fw: string) => `/frameworks/${fw}/export/framework.csv`,
  xlsx: (fw: string) => `/frameworks/${fw}/export/framework.xlsx`,
  markdownIndex: (fw: string) => `/frameworks/${fw}/export/index.md`,
  markdownLevel: (fw: string, level: string) => `/frameworks/${fw}/export/levels/${level}.md`,
  markdownRole: (fw: string, role: string) => `/frameworks/${fw}/export/roles/${role}.md`,
};

export const CASE_COLLECTIONS = ["CFPackages", "CFItems", "CFAssociations", "CFRubrics"] as const;
export type CaseCollection = (typeof CASE_COLLECTIONS)[number];

interface Packaged {
  pkg: CfPackage;
  /** `<collection>/<identifier>` → the object the endpoint answers with. */
  objects: Map<string, unknown>;
}

/** Per framework version (its index object), per origin: the package and its objects by identifier. */
let packages = new WeakMap<FrameworkIndex, Map<string, Packaged>>();
// the UUIDs export/ makes (CASE here, JSON-LD on pages) are memoized there; export/ imports nothing of web/,
// so they are let go from here, beside the CASE package made from them
releasedWith(forgetUuids);
releasedWith(() => {
  packages = new WeakMap();
});
/** Each framework version's lastChangeDateTime, fixed the first time it is served. */
const firstSeen = new WeakMap<FrameworkIndex, string>();

/**
 * The CASE package of a framework, its URIs under `baseUri` (none: `urn:uuid:`); `modified` is when its
 * files last changed (the registry's), the objects' lastChangeDateTime.
 */
export function casePackage(index: FrameworkIndex, baseUri?: string, modified?: string): Packaged {
  let byOrigin = packages.get(index);
  if (!byOrigin) {
    byOrigin = new Map();
    packages.set(index, byOrigin);
  }
  const key = baseUri ?? "";
  const found = byOrigin.get(key);
  if (found) return found;
  let changed = firstSeen.get(index);
  if (!changed) {
    changed = changedAt(modified);
    firstSeen.set(index, changed);
  }
  const pkg = frameworkToCase(index.framework, {
    changed,
    ...(baseUri ? { baseUri } : {}),
    ...(index.servedAs ? { scope: index.servedAs } : {}),
  });
  const objects = new Map<string, unknown>([[`CFPackages/${pkg.CFDocument.identifier}`, pkg]]);
  for (const item of pkg.CFItems) objects.set(`CFItems/${item.identifier}`, item);
  for (const a of pkg.CFAssociations) objects.set(`CFAssociations/${a.identifier}`, a);
  for (const r of pkg.CFRubrics ?? []) objects.set(`CFRubrics/${r.identifier}`, r);
  const packaged = { pkg, objects };
  byOrigin.set(key, packaged);
  return packaged;
}

/** The CASE object with this identifier in any framework that is served (it has no errors). */
export function caseObject(
  registry: FrameworkRegistry,
  collection: CaseCollection,
  identifier: string,
  baseUri?: string,
): unknown {
  const key = `${collection}/${identifier.toLowerCase()}`;
  for (const { fw, index } of servedFrameworks(registry)) {
    const found = casePackage(index, baseUri, fw.modified).objects.get(key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The CFDocument of every framework that is served. */
export function caseDocuments(registry: FrameworkRegistry, baseUri?: string): CfPackage["CFDocument"][] {
  return servedFrameworks(registry).map(
    ({ fw, index }) => casePackage(index, baseUri, fw.modified).pkg.CFDocument,
  );
}
