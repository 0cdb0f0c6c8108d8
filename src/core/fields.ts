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
