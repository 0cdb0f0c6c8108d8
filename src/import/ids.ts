/**
 * Ids from names, for importers: a sheet says "Technical Skills", the framework needs `technical-skills`.
 * Ids depend only on the set of names, never on the order rows come in, so reordering rows or changing an
 * unrelated row keeps every id; names that make the same slug are told apart by a suffix given in the
 * names' sorted order (`delivery`, `delivery-2`).
 */
import { createHash } from "node:crypto";

const MAX_ID = 80;

/**
 * A name as an id: lowercase ASCII letters and digits, words joined by single `-` (accents dropped:
 * "Qualité" → `qualite`). A name with no such letters at all gets `x-` and a short hash of the name.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_ID)
    .replace(/-+$/, "");
  return slug || `x-${createHash("sha256").update(name).digest("hex").slice(0, 8)}`;
}

/** True when `text` is already an id as the format spells it (kept as written). */
export function isId(text: string): boolean {
  return /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/.test(text);
}

/**
 * Gives each distinct name an id, stably: the ids depend on the set of names only. `taken` holds ids that
 * are already spoken for (given explicitly in the input). Returns name → id.
 */
export function allocateIds(names: Iterable<string>, taken: Iterable<string> = []): Map<string, string> {
  const distinct = [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const used = new Set(taken);
  const bySlug = new Map<string, string[]>();
  for (const name of distinct) {
    const slug = isId(name) ? name : slugify(name);
    const group = bySlug.get(slug);
    if (group) group.push(name);
    else bySlug.set(slug, [name]);
  }
  const ids = new Map<string, string>();
  // Every slug claims its plain form first, so `a-2` written as a name keeps `a-2` whatever else collides.
  for (const [slug, group] of bySlug) {
    if (used.has(slug)) continue;
    used.add(slug);
    ids.set(group[0] as string, slug);
  }
  // One counter per slug, never reset: a suffix below it is already used, and no other slug's suffixed id
  // can be `<slug>-<n>` (that would put a `-` inside n), so each group is suffixed in one pass.
  for (const [slug, group] of bySlug) {
    let n = 2;
    for (const name of group) {
      if (ids.has(name)) continue;
      while (used.has(`${slug}-${n}`)) n++;
      used.add(`${slug}-${n}`);
      ids.set(name, `${slug}-${n}`);
    }
  }
  return ids;
}
