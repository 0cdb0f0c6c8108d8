/**
 * Which characters never belong in text people type, once for every layer that checks it: request schemas
 * (src/web/middleware/fields.ts), the store's input checks, the sign-in settings.
 */

/** C0 and C1 control characters and DEL: never in one line of text a person typed. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The same, but tab and line breaks, which several lines of text may hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
export const CONTROL_BUT_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Unicode's explicit text-direction controls: embeddings and overrides (U+202A-U+202E) and isolates
 * (U+2066-U+2069). In a name one of them reorders the text shown after it on the same line (a list, a
 * sentence naming the person), so people's names refuse them; the marks U+200E and U+200F, which change no
 * order but their own, are allowed.
 */
export const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
