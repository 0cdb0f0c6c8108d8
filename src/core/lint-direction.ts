/**
 * The `direction-control` lint rule: a name or title (of the framework, a level, track, area, competency,
 * role, and so of every goal built from them) holds no explicit text-direction control. Such a character
 * reorders the text shown after it on the same line (a list, a goal's sentence, a page title), so a name
 * could make what follows read as something else. People's names refuse the same characters (BIDI_CONTROL).
 * Right-to-left letters need no control, and the marks U+200E and U+200F are allowed.
 */
import { BIDI_CONTROL } from "./fields.js";

/** The fields that name things: every `name` and `title` of the framework. */
export function namesThing(key: string | number): boolean {
  return key === "name" || key === "title";
}

const CONTROLS: Record<string, string> = {
  "\u202a": "left-to-right embedding",
  "\u202b": "right-to-left embedding",
  "\u202c": "pop directional formatting",
  "\u202d": "left-to-right override",
  "\u202e": "right-to-left override",
  "\u2066": "left-to-right isolate",
  "\u2067": "right-to-left isolate",
  "\u2068": "first strong isolate",
  "\u2069": "pop directional isolate",
};

export const DIRECTION_HINT =
  "remove it: right-to-left letters need no control characters (the marks U+200E and U+200F are allowed)";

/** What is wrong with the name in field `key`, or undefined: the first control, by code point and place. */
export function directionControlIn(key: string, text: string): string | undefined {
  const found = BIDI_CONTROL.exec(text);
  if (!found) return undefined;
  const control = found[0];
  const code = (control.codePointAt(0) ?? 0).toString(16).toUpperCase();
  // counted in characters as a person counts them, not UTF-16 units
  const at = [...text.slice(0, found.index)].length + 1;
  return `"${key}" holds a text-direction control (U+${code}, ${CONTROLS[control]}) at character ${at}: it would reorder the text shown after it`;
}
