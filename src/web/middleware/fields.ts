/**
 * The field rules every request schema is built from, in one place: how long each kind of text may be
 * (src/store/text-limits.ts, counted in code points), which characters never belong in it, and the shape
 * of ids, emails, dates and numbers given as text. A feature's request schema combines these; it does not
 * write its own regular expressions or `typeof` checks.
 */
import * as z from "zod";
import { CONTROL, CONTROL_BUT_BREAKS } from "../../core/fields.js";
import { TEXT_LIMITS, type TextField, textLength } from "../../store/text-limits.js";

/**
 * A request schema, built when a request (or the API document) first needs it, then kept. Every schema a
 * route parses with is declared so: built as their modules loaded, the ~50 of them held up a server's first
 * answer (each zod schema is several objects, and a check with a message a closure).
 */
export function lazySchema<S extends z.ZodType>(build: () => S): () => S {
  let built: S | undefined;
  return () => {
    built ??= build();
    return built;
  };
}

/** A framework, level, role, competency or area id as framework files spell them. */
export const FRAMEWORK_ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

const limitOf = (limit: TextField | number) => (typeof limit === "number" ? limit : TEXT_LIMITS[limit]);

/** A lone UTF-16 surrogate (from JSON's "\ud800") is no character: PostgreSQL and UTF-8 files refuse it. */
const UNPAIRED = "must be valid Unicode text (it holds half of a character)";

/** One line of text: trimmed, no control characters, at most `limit` characters (code points). */
export function oneLine(limit: TextField | number) {
  const max = limitOf(limit);
  return z
    .string()
    .trim()
    .refine((s) => !CONTROL.test(s), { message: "must not contain control characters" })
    .refine((s) => s.isWellFormed(), { message: UNPAIRED })
    .refine((s) => textLength(s, max) <= max, { message: `must be at most ${max} characters` })
    .meta({ maxLength: max });
}

/** Several lines of text (tabs and line breaks allowed), at most `limit` characters. */
export function multiLine(limit: TextField | number) {
  const max = limitOf(limit);
  return z
    .string()
    .refine((s) => !CONTROL_BUT_BREAKS.test(s), { message: "must not contain control characters" })
    .refine((s) => s.isWellFormed(), { message: UNPAIRED })
    .refine((s) => textLength(s, max) <= max, { message: `must be at most ${max} characters` })
    .meta({ maxLength: max });
}

/** An id of something in a framework (`senior`, `backend-engineer`). */
export const frameworkId = lazySchema(() =>
  z
    .string()
    .max(TEXT_LIMITS.id)
    .regex(FRAMEWORK_ID, { message: "must be an id of lowercase letters, digits, and - _ . between them" }),
);

/** An id the database gave (a person, an assessment, a cycle): a UUID. */
export const recordId = lazySchema(() => z.uuid({ message: "must be an id as the API gives them (a UUID)" }));

/** A calendar date, `YYYY-MM-DD`. */
export const isoDate = lazySchema(() => z.iso.date({ message: "must be a date as YYYY-MM-DD" }));

/** A whole number from `min` to `max` given as text (a query parameter); at most 6 digits are read. */
export function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,6}$/, { message: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `must be a whole number from ${min} to ${max}` });
}

/** A record's version as a form carries it (a hidden field): a whole number, 0 when absent or empty. */
export const formVersion = lazySchema(() =>
  z
    .union([z.literal(""), wholeNumber(0, 999_999)])
    .optional()
    .transform((v) => (typeof v === "number" ? v : 0)),
);

/** Which button sent an assessment-like form: "Save draft" (the default) or "Submit". */
export const formAction = lazySchema(() =>
  z
    .enum(["save", "submit"], { message: "must be save or submit" })
    .optional()
    .transform((v) => v ?? "save"),
);

/**
 * The other fields of a form whose field names are made from framework ids (`pick.<competency>`): text, not
 * files nor repeated fields. Each value is checked by the rule of its kind where the form is read.
 */
export const textField = lazySchema(() => z.string({ message: "must be text (once)" }));

/**
 * One field of a form as typed (text, once; empty when absent), bounded at `maxUnits` UTF-16 units. Its own
 * rules (a name's, an email's, the password policy) are checked where it is read, so that what breaks them
 * is shown at the field, on the form, in the words of that rule.
 */
export function formField(maxUnits: number) {
  return textField()
    .max(maxUnits, { message: `must be at most ${maxUnits} characters` })
    .default("");
}

/** A password as typed into a form: bounded here, judged by the password policy (auth/password-strength.ts). */
export const formPassword = lazySchema(() => formField(4_000));
