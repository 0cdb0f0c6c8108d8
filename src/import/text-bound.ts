/**
 * One bound on the length of a text, shared by every import and by the spreadsheet exports: Excel's limit
 * on a cell (32,767 characters), the tightest place rungs writes a text to. An import refuses a longer text
 * at the entity it was read for, and the csv and xlsx exports refuse to write a longer cell, so whatever one
 * import reads exports to a spreadsheet that imports back (a CASE statement of 30,000 characters included).
 */
import type { SourceLocation } from "../core/source-location.js";

export const TEXT_LIMIT = 32_767;

/** The words every refusal of a long text ends with. */
export function tooLong(length: number): string {
  return `${length.toLocaleString("en")} characters, more than the ${TEXT_LIMIT.toLocaleString("en")} one text may hold (a spreadsheet cell's limit)`;
}

export interface LongText {
  /** Where the text is: keys, and the id of a list entry that has one (`areas.craft.competencies.…`). */
  path: string[];
  length: number;
}

/**
 * The first text in `value` longer than TEXT_LIMIT, or undefined. A list of texts counts as one text of its
 * lines (as the spreadsheet layout writes examples, one per line, in one cell).
 */
export function firstLongText(value: unknown, path: string[] = []): LongText | undefined {
  if (typeof value === "string")
    return value.length > TEXT_LIMIT ? { path, length: value.length } : undefined;
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === "string")) {
      const length = value.reduce((sum: number, v: string) => sum + v.length, value.length - 1);
      return length > TEXT_LIMIT ? { path, length } : undefined;
    }
    for (const [i, entry] of value.entries()) {
      const id = (entry as { id?: unknown } | null)?.id;
      const found = firstLongText(entry, [...path, typeof id === "string" ? id : String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object")
    for (const [key, entry] of Object.entries(value)) {
      const found = firstLongText(entry, [...path, key]);
      if (found) return found;
    }
  return undefined;
}

/** Where the importer read the entity nearest the long text (the longest prefix of its path it knows). */
export function longTextAt(
  found: LongText,
  provenance: Map<string, SourceLocation>,
  fallback: SourceLocation,
): SourceLocation {
  for (let n = found.path.length; n > 0; n--) {
    const at = provenance.get(found.path.slice(0, n).join("."));
    if (at) return at;
  }
  return fallback;
}
