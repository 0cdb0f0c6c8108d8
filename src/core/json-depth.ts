/**
 * How deep the JSON that people hand rungs may nest (an API body, a CASE package, a backup to restore), in
 * one place for every reader. `JSON.parse` has no depth bound of its own: 10 MB of `[` parse to millions of
 * nested arrays, about 5 s of CPU and 650 MB, before anything looks at the shape. Counting first costs one
 * pass over the text.
 */

/**
 * Arrays and objects inside each other (`[]` is 1 deep). Real documents nest under ten; a backup holds
 * framework snapshots, which the loader lets nest 64 deep, a few levels down its tables: 100 leaves room.
 */
export const JSON_MAX_DEPTH = 100;

/**
 * The line (from 1) where `text` nests deeper than `max` arrays and objects, or undefined when it never
 * does. Brackets inside strings are text; the text need not be valid JSON (the parser says what else is
 * wrong).
 */
export function jsonTooDeepAt(text: string, max = JSON_MAX_DEPTH): number | undefined {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (inString) {
      if (c === 92)
        i++; // a backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return line;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

/** The words for a text refused by `jsonTooDeepAt`. */
export const JSON_TOO_DEEP = `nested deeper than ${JSON_MAX_DEPTH} levels of arrays and objects; not read further`;
