/**
 * `rungs fmt`: one canonical layout for framework files. Keys are put in the order the schema declares them
 * (src/core/schema.ts: id and name first, then what the docs list), keys the schema does not know stay after
 * them in their order, and quotes are dropped wherever a plain scalar reads the same (`"Senior"` → `Senior`,
 * while `"2026.1"` stays quoted). Comments move with the key they sit on (YAML Document API). Texts longer than a
 * line are wrapped at 110 columns (folded `>` blocks re-flowed; literal `|` blocks kept line for line). Formatting
 * formatted text changes nothing.
 */
import type { Document, Node } from "yaml";
import type * as z from "zod";
import { extendingFile } from "../core/extends.js";
import { FragmentFile, FrameworkFile } from "../core/schema.js";
import { yamlLibrary } from "./yaml-library.js";
import { parseSource, SourceMap } from "./yaml-source.js";

type AnySchema = z.core.$ZodType;

/** The schema under wrappers (optional, default, nullable, readonly, lazy, pipe). */
function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 20; depth++) {
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (["optional", "default", "nullable", "readonly", "prefault", "nonoptional"].includes(def.type))
      current = def.innerType as AnySchema;
    else if (def.type === "lazy") current = (def.getter as () => AnySchema)();
    else if (def.type === "pipe") current = def.in as AnySchema;
    else return current;
  }
  return current;
}

/** The object schema a mapping most likely is: itself, or the union member that knows most of its keys. */
function objectFor(schema: AnySchema | undefined, keys: string[]): Record<string, AnySchema> | undefined {
  const s = unwrap(schema);
  if (!s) return undefined;
  const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === "object") return def.shape as Record<string, AnySchema>;
  if (def.type !== "union") return undefined;
  let best: Record<string, AnySchema> | undefined;
  let bestScore = -1;
  for (const option of def.options as AnySchema[]) {
    const shape = objectFor(option, keys);
    if (!shape) continue;
    const score = keys.filter((k) => Object.hasOwn(shape, k)).length;
    if (score > bestScore) [best, bestScore] = [shape, score];
  }
  return best;
}

/** What the items of a list (or the values of a record) are, from the list's schema. */
function inner(schema: AnySchema | undefined, kind: "array" | "record"): AnySchema | undefined {
  const s = unwrap(schema);
  if (!s) return undefined;
  const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === "union")
    for (const option of def.options as AnySchema[]) {
      const found = inner(option, kind);
      if (found) return found;
    }
  if (def.type === kind) return (kind === "array" ? def.element : def.valueType) as AnySchema;
  return undefined;
}

function canonicalize(node: Node | null | undefined, schema: AnySchema | undefined): void {
  const { isMap, isScalar, isSeq, Scalar } = yamlLibrary();
  if (isScalar(node)) {
    if (
      typeof node.value === "string" &&
      (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)
    )
      node.type = undefined;
    return;
  }
  if (isSeq(node)) {
    const item = inner(schema, "array");
    for (const child of node.items) canonicalize(child as Node, item);
    return;
  }
  if (!isMap(node)) return;
  const keys = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ""));
  const shape = objectFor(schema, keys);
  if (shape) {
    const order = Object.keys(shape);
    const rank = (key: string) => (Object.hasOwn(shape, key) ? order.indexOf(key) : order.length);
    const ranked = node.items.map((pair, i) => ({ pair, i, r: rank(keys[i] as string) }));
    ranked.sort((a, b) => a.r - b.r || a.i - b.i);
    // A comment above the first key belongs to the mapping, not to the key that happened to be first.
    const lead = (node.items[0]?.key as Node | undefined)?.commentBefore;
    const first = node.items[0]?.key as Node | undefined;
    node.items = ranked.map((r) => r.pair);
    const head = node.items[0]?.key as Node | undefined;
    if (lead && first && head && first !== head) {
      first.commentBefore = undefined;
      head.commentBefore = lead;
    }
  }
  const record = shape ? undefined : inner(schema, "record");
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const child = shape ? (Object.hasOwn(shape, key) ? shape[key] : undefined) : record;
    canonicalize(pair.value as Node, child);
  }
}

export type FormatResult =
  | { ok: true; text: string }
  | { ok: false; line: number; column: number; message: string };

/** The canonical text of one framework file (a root file when it has `rungs:`, else a fragment). */
export function formatFrameworkText(text: string): FormatResult {
  // The loader's own parse finds syntax errors, duplicate keys and oversized input, with its messages.
  const problem = parseSource("fmt.yaml", text, new SourceMap()).diagnostics.find(
    (d) => d.severity === "error",
  );
  if (problem) return { ok: false, line: problem.line, column: problem.column, message: problem.message };
  const doc: Document = yamlLibrary().parseDocument(text);
  const contents = doc.contents;
  const root = yamlLibrary().isMap(contents) && contents.has("rungs");
  const schema = !root ? FragmentFile : contents.has("extends") ? extendingFile() : FrameworkFile;
  canonicalize(doc.contents as Node, schema as unknown as AnySchema);
  return { ok: true, text: doc.toString({ lineWidth: 110, flowCollectionPadding: false }) };
}
