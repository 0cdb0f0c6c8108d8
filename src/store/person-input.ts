// C0 and C1 controls and DEL: names and emails are one line, and PostgreSQL cannot store NUL at all.
import { BIDI_CONTROL, CONTROL } from "../core/fields.js";
import { quoted } from "../core/text.js";
import { TEXT_LIMITS, textLength } from "./text-limits.js";
import type { NewPerson, PersonChanges, Problem } from "./types.js";

/*
 * The checks every way of writing a person goes through (form, API, CSV import, backup), so a bad value is
 * refused with the same message wherever it comes from.
 */

/** The optional free-text fields of a person. */
export const OPTIONAL_FIELDS = ["framework", "track", "level", "role"] as const;
export type OptionalField = (typeof OPTIONAL_FIELDS)[number];

/** The key that makes emails unique regardless of case and surrounding spaces: lower(trim(email)). */
export function emailKey(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}

/** The key people are searched and ordered by (the same on both databases, unlike their collations). */
export function nameKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

// With the u flag a proper surrogate pair is one code point, so this only finds lone halves, which would
// be silently replaced on the way into either database.
const LONE_SURROGATE = /[\ud800-\udfff]/u;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export type Checked<T> = { value: T; problem?: undefined } | { value?: undefined; problem: Problem };

function invalid(code: Problem["code"], field: string, message: string): Problem {
  return { kind: "invalid", code, field, message };
}

/** The one message for text over its limit (TEXT_LIMITS), wherever it is written. */
export function tooLong(field: string, label: string, max: number): Problem {
  return invalid("too-long", field, `${label} is too long (at most ${max} characters)`);
}

/** Trims and checks one line of text; `undefined` result value means blank. */
export function checkText(
  raw: unknown,
  field: string,
  label: string,
  max: number,
): Checked<string | undefined> {
  if (raw === undefined || raw === null) return { value: undefined };
  if (typeof raw !== "string") return { problem: invalid("invalid-text", field, `${label} must be text`) };
  const text = raw.trim().normalize("NFC");
  if (text === "") return { value: undefined };
  if (LONE_SURROGATE.test(text) || CONTROL.test(text)) {
    return { problem: invalid("invalid-text", field, `${label} contains characters that cannot be stored`) };
  }
  if (textLength(text, max) > max) return { problem: tooLong(field, label, max) };
  return { value: text };
}

export function checkName(raw: unknown): Checked<string> {
  const checked = checkText(raw, "name", "Name", TEXT_LIMITS.personName);
  if (checked.problem) return checked;
  if (checked.value === undefined) return { problem: invalid("required", "name", "Name is required") };
  if (BIDI_CONTROL.test(checked.value))
    return {
      problem: invalid(
        "invalid-text",
        "name",
        "Name contains a text-direction control character (U+202A to U+202E or U+2066 to U+2069), which would reorder the text shown around it",
      ),
    };
  return { value: checked.value };
}

export function checkEmail(raw: unknown, field = "email"): Checked<string> {
  const checked = checkText(raw, field, "Email", TEXT_LIMITS.email);
  if (checked.problem) return checked;
  if (checked.value === undefined) return { problem: invalid("required", field, "Email is required") };
  if (!EMAIL.test(checked.value)) {
    return {
      problem: invalid("invalid-email", field, `"${checked.value}" is not an email address (name@domain)`),
    };
  }
  return { value: checked.value };
}

/** An optional field: blank becomes null. */
export function checkOptional(raw: unknown, field: OptionalField): Checked<string | null> {
  const label = field[0]?.toUpperCase() + field.slice(1);
  const checked = checkText(raw, field, label, TEXT_LIMITS.id);
  if (checked.problem) return checked;
  return { value: checked.value ?? null };
}

/** An optional manager email (import): blank means no manager. */
export function checkManagerEmail(raw: unknown): Checked<string | null> {
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
    return { value: null };
  }
  return checkEmail(raw, "managerEmail");
}

/** The spellings an `active` cell may take, as HRIS exports and spreadsheets write them (any case). */
const ACTIVE_VALUES = new Map([
  ["yes", true],
  ["true", true],
  ["1", true],
  ["active", true],
  // an HRIS's employment status: on leave is still employed; terminated is gone
  ["on leave", true],
  ["no", false],
  ["false", false],
  ["0", false],
  ["inactive", false],
  ["terminated", false],
  ["left", false],
]);

/** Whether someone is active (import): blank means active, as a new person is. */
export function checkActive(raw: unknown): Checked<boolean> {
  const text = typeof raw === "string" ? raw.trim() : "";
  if (text === "") return { value: true };
  const value = ACTIVE_VALUES.get(text.toLowerCase());
  if (value !== undefined) return { value };
  return {
    problem: invalid(
      "invalid-active",
      "active",
      `${quoted(text, 40)} is not yes or no (active: yes, true, 1, active or on leave; left: no, false, 0, inactive, terminated or left)`,
    ),
  };
}

/** A new person's fields, checked: every problem at once, or the values to store (blank optional = null). */
export function checkNewPerson(input: NewPerson): {
  problems: Problem[];
  value?: { name: string; email: string; optional: Record<OptionalField, string | null> };
} {
  const problems: Problem[] = [];
  const name = checkName(input.name);
  if (name.problem) problems.push(name.problem);
  const email = checkEmail(input.email);
  if (email.problem) problems.push(email.problem);
  const optional = {} as Record<OptionalField, string | null>;
  for (const field of OPTIONAL_FIELDS) {
    const checked = checkOptional(input[field], field);
    if (checked.problem) problems.push(checked.problem);
    else optional[field] = checked.value;
  }
  if (name.value === undefined || email.value === undefined || problems.length > 0) return { problems };
  return { problems, value: { name: name.value, email: email.value, optional } };
}

/** The changed fields of a person, checked: absent stays absent (left as is); every problem at once. */
export function checkPersonChanges(changes: PersonChanges): {
  problems: Problem[];
  value: { name?: string; email?: string; admin?: boolean } & Partial<Record<OptionalField, string | null>>;
} {
  const problems: Problem[] = [];
  const value: ReturnType<typeof checkPersonChanges>["value"] = {};
  if (changes.name !== undefined) {
    const name = checkName(changes.name);
    if (name.problem) problems.push(name.problem);
    else value.name = name.value;
  }
  if (changes.email !== undefined) {
    const email = checkEmail(changes.email);
    if (email.problem) problems.push(email.problem);
    else value.email = email.value;
  }
  for (const field of OPTIONAL_FIELDS) {
    if (changes[field] === undefined) continue;
    const checked = checkOptional(changes[field], field);
    if (checked.problem) problems.push(checked.problem);
    else value[field] = checked.value;
  }
  if (changes.admin !== undefined) value.admin = changes.admin;
  return { problems, value };
}
