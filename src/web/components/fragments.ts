/**
 * Rendered fragments kept by id with what they were made of. A framework change leaves most of its texts
 * alone, so the first render after a change need not render them again: a fragment is kept under its id
 * (a matrix row's) within a context (what it reads besides, such as the level names), with the view data
 * it was rendered from; it is reused when the data it is now asked for is the same, field by field, so a hit
 * is exact. Comparing is cheaper than spelling the data out as a key (JSON.stringify of every cell, then
 * hashing that long key, was a fifth of a large matrix's render). Bounded twice: a few contexts, each
 * emptied when full (a large framework's rows fit many times over).
 */

const CONTEXTS = 4;
const PER_CONTEXT = 100_000;

/**
 * Whether two values of view data (strings, numbers, booleans, arrays and plain objects, as JSON holds) are
 * the same: equal primitives, and arrays and objects with the same members in the same order (the order of
 * an object's keys can show in what is rendered from it).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key !== others[i]) return false;
    if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * The fields of one kind of view data, every one of them: the compiler holds the list to the type, so a
 * field added to the type is added here too, and `sameFields` never misses one.
 */
export function fieldsOf<T>(fields: { [K in keyof T]-?: true }): readonly (keyof T)[] {
  return Object.keys(fields) as (keyof T)[];
}

/**
 * Whether two values of one known shape are the same for rendering: field by field of `fields`, each
 * equal or the same data (`sameData`). What renders them reads these fields by name, so neither the order
 * of their keys nor a field that is absent in one and undefined in the other can show. Nothing is
 * allocated: the generic comparison's lists of keys were a sixth of a large matrix's first render.
 */
export function sameFields<T>(a: T, b: T, fields: readonly (keyof T)[]): boolean {
  for (const field of fields) {
    const x = a[field];
    const y = b[field];
    if (x !== y && !sameData(x, y)) return false;
  }
  return true;
}

/**
 * `text` as one flat string. Rendering builds a string by appending (a rope of many pieces); a fragment kept
 * unflattened would be walked piece by piece again each time a page that uses it is written.
 */
function flat(text: string): string {
  // a search flattens the string in place (V8, as any engine with ropes must, to search it)
  text.indexOf("\0");
  return text;
}

/** The fragment `id` made of `data`: kept, or rendered (and kept) when it was kept with other data. */
export type Fragment<D, H> = (id: string, data: D, render: () => H) => H;

interface Kept<D, H> {
  data: D;
  html: H;
}

/** How a kind of fragment is compared and kept. */
export interface FragmentKind<D, H> {
  /** Whether two data are the same for rendering (default `sameData`). */
  same?: (a: D, b: D) => boolean;
  /** What is kept of what is rendered (default: the string, flattened). */
  keep?: (html: H) => H;
}

/**
 * Fragments of HTML kept per context: strings of HTML by default (escaped HTML: `markup()` one to use it as a
 * JSX child), or what `keep` makes of them (a page block's bytes).
 */
export class Fragments<D = unknown, H = string> {
  readonly #contexts = new Map<string, Map<string, Kept<D, H>>>();
  readonly #same: (a: D, b: D) => boolean;
  readonly #keep: (html: H) => H;

  constructor(kind: FragmentKind<D, H> = {}) {
    this.#same = kind.same ?? sameData;
    this.#keep = kind.keep ?? ((html) => (typeof html === "string" ? (flat(html) as H) : html));
  }

  /** Forgets every fragment. */
  clear(): void {
    this.#contexts.clear();
  }

  /** Fragments rendered within `context`: `render` runs only when `id` was kept with other data. */
  within(context: string): Fragment<D, H> {
    let kept = this.#contexts.get(context);
    if (!kept) {
      if (this.#contexts.size >= CONTEXTS) this.#contexts.clear();
      kept = new Map();
      this.#contexts.set(context, kept);
    }
    const fragments = kept;
    const same = this.#same;
    const keep = this.#keep;
    return (id, data, render) => {
      const hit = fragments.get(id);
      if (hit !== undefined && same(hit.data, data)) {
        // the newer data, so that what is kept holds on to the current version's, not an older one's
        hit.data = data;
        return hit.html;
      }
      const html = keep(render());
      if (hit === undefined && fragments.size >= PER_CONTEXT) fragments.clear();
      fragments.set(id, { data, html });
      return html;
    };
  }
}
