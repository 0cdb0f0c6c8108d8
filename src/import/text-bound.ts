/**
 * One bound on the length of a text, shared by every import and by the spreadsheet exports: Excel's limit
 * on a cell (32,767 characters), the tightest place rungs writes a text to. An import refuses a longer text
 * at the entity it was read for, and the csv and xlsx exports refuse to write a longer cell, so whatever one
 * import reads exports to a spreadsheet that imports back (a CASE statement of 30,000 characters included).
 */
import type { SourceLocation } from "../core/source-location.js";
import { firstUnprintable } from "../load/yaml-syntax.js";

export const TEXT_LIMIT = 32_767;

/** The words every refusal of a long text ends with. */
export function tooLong(length: number): string {
  return `${length.toLocaleString("en")} characters, more than the ${TEXT_LIMIT.toLocaleString("en")} one text may hold (a spreadsheet cell's limit)`;
}

/**
 * What is wrong with a text a framework file is to hold: longer than the bound, or holding a character
 * a YAML file may not (a control character, a lone surrogate, or U+FFFD, which a reader leaves for bytes
 * that are not text in the file's encoding). Undefined when it may be written.
 */
export function textProblem(text: string, length = text.length): string | undefined {
  if (length > TEXT_LIMIT) return tooLong(length);
  const ch = firstUnprintable(text);
  if (ch === undefined) return undefined;
  if (ch === "\ufffd")
    return "holds U+FFFD, the replacement character a reader leaves for bytes that are not text in the file's encoding: save the input as UTF-8";
  const code = `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`;
  return `holds ${/[\ud800-\udfff]/.test(ch) ? "a lone surrogate" : "the control character"} ${code}, which a framework file may not hold`;
}

export interface BadText {
  /** Where the text is: keys, and the id of a list entry that has one (`areas.craft.competencies.…`). */
  path: string[];
  message: string;
}

/**
 * The first text in `value` that a framework file may not hold (textProblem), or undefined. A list of
 * texts counts as one text of its lines for its length (as the spreadsheet layout writes examples, one per
 * line, in one cell).
 */
export function firstBadText(value: unknown, path: string[] = []): BadText | undefined {
  if (typeof value === "string") {
    const message = textProblem(value);
    return message ? { path, message } : undefined;
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === "string")) {
      const message = textProblem(value.join("\n"));
      return message ? { path, message } : undefined;
    }
    for (const [i, entry] of value.entries()) {
      const id = (entry as { id?: unknown } | null)?.id;
      const found = firstBadText(entry, [...path, typeof id === "string" ? id : String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object")
    for (const [key, entry] of Object.entries(value)) {
      const found = firstBadText(entry, [...path, key]);
      if (found) return found;
    }
  return undefined;
}

/** Where the importer read the entity nearest the text (the longest prefix of its path it knows). */
export function badTextAt(
  found: BadText,
  provenance: Map<string, SourceLocation>,
  fallback: SourceLocation,
): SourceLocation {
  for (let n = found.path.length; n > 0; n--) {
    const at = provenance.get(found.path.slice(0, n).join("."));
    if (at) return at;
  }
  return fallback;
}
