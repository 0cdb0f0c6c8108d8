/**
 * Rendered fragments by what they are made of. A framework change leaves most of its texts alone, so the
 * first render after a change need not render them again: a fragment is kept under a key that spells out
 * everything it is made of (its view data as JSON) within a context (what it reads besides, such as the
 * level names), so a hit is exact. Bounded twice: a few contexts, each emptied when full (a large
 * framework's cells fit several times over).
 */
import { raw } from "hono/html";
import type { JSX } from "hono/jsx/jsx-runtime";
import type { HtmlEscapedString } from "hono/utils/html";

const CONTEXTS = 4;
const PER_CONTEXT = 100_000;

/**
 * `text` as one flat string. Rendering builds a page by appending (a rope of thousands of pieces); flattening
 * the page copies the rope but leaves a fragment's own rope as it was, so a fragment kept unflattened
 * would be walked piece by piece again in every page that uses it.
 */
function flat(text: string): string {
  // a search flattens the string in place (V8, as any engine with ropes must, to search it)
  text.indexOf("\0");
  return text;
}

export type Fragment = (key: string, element: () => JSX.Element) => HtmlEscapedString;

export class Fragments {
  readonly #contexts = new Map<string, Map<string, HtmlEscapedString>>();

  /** Fragments rendered within `context`: `element` is rendered once per key, then its HTML is reused. */
  within(context: string): Fragment {
    let kept = this.#contexts.get(context);
    if (!kept) {
      if (this.#contexts.size >= CONTEXTS) this.#contexts.clear();
      kept = new Map();
      this.#contexts.set(context, kept);
    }
    const fragments = kept;
    return (key, element) => {
      let html = fragments.get(key);
      if (html === undefined) {
        const text = element().toString();
        if (typeof text !== "string") throw new Error("fragments must render synchronously");
        if (fragments.size >= PER_CONTEXT) fragments.clear();
        html = raw(flat(text));
        fragments.set(key, html);
      }
      return html;
    };
  }
}
