/**
 * `extends` (format 2): a framework that inherits a base framework's content and overrides it by id. The
 * rules, documented in docs/format.md ("Extending a base framework"):
 *
 * - the extending file's own fields replace the base's (its id and name always do);
 * - a list of entries with ids (tracks, levels, areas, the competencies of an area, roles, families,
 *   sources, dimensions, code schemes, rating bands, scales) merges entry by entry: a new id is added at the
 *   end, a known id merges field by field by these same rules, `override: replace` puts the entry in
 *   wholesale, `override: remove` deletes it;
 * - a mapping (expectations, takeaways, codes, a level's dimension values, lint settings…) merges key by
 *   key, each value replaced whole;
 * - any other list or text replaces the base's.
 *
 * Pure: the loader reads the files; this only merges values and says which overrides name nothing.
 */
import * as z from "zod";
import { FragmentFile, FrameworkFile } from "./schema.js";

export const OVERRIDES = ["replace", "remove"] as const;
export type Override = (typeof OVERRIDES)[number];

/** An `override:` on an entry whose id the base framework does not have. */
export interface OverrideProblem {
  /** The entry that carries the override (locate its `override` key). */
  entry: object;
  id: string;
  override: Override;
  /** The ids the base has in that list, for a did-you-mean. */
  known: string[];
}

export interface MergeResult {
  value: Record<string, unknown>;
  problems: OverrideProblem[];
}

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => v !== null && typeof v === "object" && !Array.isArray(v);
const hasId = (v: unknown): v is Plain & { id: string } => isPlain(v) && typeof v.id === "string";
const isEntryList = (v: unknown): v is Plain[] => Array.isArray(v) && v.length > 0 && v.every(hasId);

/**
 * Merges `child` (an extending framework, already valid against `patchSchema`) over `base` (a complete
 * framework). `alias(copy, original)` is told of each new object so diagnostics about it point at the
 * extending file where it has the entry, else at the base.
 */
export function mergeFramework(
  base: Plain,
  child: Plain,
  alias: (copy: object, original: object) => void,
): MergeResult {
  const problems: OverrideProblem[] = [];
  const value = mergeEntry(base, child, alias, problems);
  delete value.override;
  return { value, problems };
}

function mergeEntry(
  base: Plain,
  child: Plain,
  alias: (copy: object, original: object) => void,
  problems: OverrideProblem[],
): Plain {
  const out: Plain = { ...base };
  alias(out, child);
  for (const [key, value] of Object.entries(child)) {
    if (key === "override") continue;
    const before = Object.hasOwn(base, key) ? base[key] : undefined;
    if (Array.isArray(value) && (isEntryList(before) || (isEntryList(value) && before === undefined))) {
      out[key] = mergeList((before as Plain[] | undefined) ?? [], value as Plain[], alias, problems);
    } else if (isPlain(value) && isPlain(before) && !hasId(value)) {
      const merged: Plain = { ...before, ...value };
      alias(merged, value);
      out[key] = merged;
    } else out[key] = value;
  }
  return out;
}

function mergeList(
  base: Plain[],
  child: Plain[],
  alias: (copy: object, original: object) => void,
  problems: OverrideProblem[],
): Plain[] {
  const out: (Plain | undefined)[] = [...base];
  const at = new Map<string, number>();
  base.forEach((entry, i) => {
    if (!at.has(entry.id as string)) at.set(entry.id as string, i);
  });
  for (const entry of child) {
    const id = entry.id as string;
    const override = entry.override as Override | undefined;
    const i = at.get(id);
    if (i === undefined) {
      if (override) problems.push({ entry, id, override, known: [...at.keys()] });
      if (override !== "remove") {
        at.set(id, out.length);
        out.push(withoutOverride(entry, alias));
      }
    } else if (override === "remove") {
      out[i] = undefined;
      at.delete(id);
    } else if (override === "replace") {
      out[i] = withoutOverride(entry, alias);
    } else {
      out[i] = mergeEntry(out[i] as Plain, entry, alias, problems);
    }
  }
  return out.filter((e): e is Plain => e !== undefined);
}

function withoutOverride(entry: Plain, alias: (copy: object, original: object) => void): Plain {
  if (!Object.hasOwn(entry, "override")) return entry;
  const { override: _, ...rest } = entry;
  alias(rest, entry);
  return rest;
}

/**
 * The schema an extending framework's files are checked with: like `schema`, but every field of an entry
 * with an id may be left out (the base has it), and each such entry may carry `override`. Nested lists of
 * entries (an area's competencies) are relaxed the same way; what sits inside an entry's field otherwise
 * (an expectation, a review) keeps its own rules.
 */
export function patchSchema<T extends z.ZodObject>(schema: T, keep: readonly string[] = []): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (keep.includes(key)) {
      shape[key] = field;
      continue;
    }
    const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
    const element = inner instanceof z.ZodArray ? (inner.element as z.ZodType) : undefined;
    shape[key] =
      element instanceof z.ZodObject && Object.hasOwn(element.shape, "id")
        ? z.array(patchSchema(element, ["id"])).optional()
        : inner.optional();
  }
  if (Object.hasOwn(schema.shape, "id") && !keep.includes("override") && keep.includes("id")) {
    shape.override = z.enum(OVERRIDES).optional().meta({
      description: "replace: this entry replaces the base's entry with its id; remove: deletes it.",
    });
  }
  return z.strictObject(shape);
}

/**
 * The root file of a framework that extends another: entries may be partial and carry `override`. Built on
 * first use, not when the module loads: most frameworks extend nothing, and deriving these schemas cost
 * every `rungs check` a tenth of its start-up.
 */
export function extendingFile(): z.ZodObject {
  extendingFileSchema ??= patchSchema(FrameworkFile, ["rungs", "id", "name"])
    .extend({ extends: z.string().min(1).max(1000).meta({ description: "Path of the base framework." }) })
    .meta({
      title: "rungs framework extending a base",
      description: "A framework that extends another (format 2).",
    });
  return extendingFileSchema;
}
let extendingFileSchema: z.ZodObject | undefined;

/** A fragment of such a framework (built on first use, as `extendingFile`). */
export function extendingFragment(): z.ZodObject {
  extendingFragmentSchema ??= patchSchema(FragmentFile);
  return extendingFragmentSchema;
}
let extendingFragmentSchema: z.ZodObject | undefined;
