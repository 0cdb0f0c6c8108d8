/**
 * Schema validation of one file's values, turned into located diagnostics. Invalid parts are then cut away
 * (unknown fields dropped, broken entries removed) so the rest of the framework can still be linted in the
 * same run: the author sees every problem at once.
 */
import * as z from "zod";
import type { Diagnostic } from "../core/diagnostics.js";
import { extendingFile, extendingFragment } from "../core/extends.js";
import { FragmentFile, FrameworkFile } from "../core/schema.js";
import { closest, didYouMean, quoted, SUGGESTION_BUDGET, SuggestionBudget } from "../core/text.js";
import { locatePath, type SourceFile, type SourceMap } from "./yaml-source.js";

type Issue = z.core.$ZodIssue;
type Path = PropertyKey[];

/** The schema of a framework's root file or of a fragment file; of a framework extending another, patched. */
export function schemaFor(kind: "framework" | "fragment", extending: boolean): z.ZodType {
  if (kind === "framework") return extending ? extendingFile() : FrameworkFile;
  return extending ? extendingFragment() : FragmentFile;
}

/**
 * The diagnostics for a file, its value with every invalid part removed (undefined if nothing is left), and
 * the entries of the framework's collections removed whole, as `level:junior`: a reference to one is not
 * reported again (the entry's own error says what is wrong).
 */
export function validateFile(
  schema: z.ZodType,
  source: SourceFile,
  map: SourceMap,
): { diagnostics: Diagnostic[]; value: unknown; dropped?: string[] } {
  const value = source.value;
  const first = schema.safeParse(value);
  if (first.success) return { diagnostics: [], value };
  const file: FileContext = {
    schema,
    source,
    root: value,
    suggestions: new SuggestionBudget(SUGGESTION_BUDGET),
  };
  const diagnostics = first.error.issues.flatMap((issue) => describe(issue, issue.path, file));
  let issues = first.error.issues;
  const dropped: string[] = [];
  // Round 0 removes what is wrong; round 1 fills required fields that are now missing with a visible
  // placeholder (so an entry with a bad name still counts, and nothing refers to it in vain); later rounds
  // remove the whole entry that still fails.
  for (let round = 0; round < 6; round++) {
    const mode = round === 0 ? "delete" : round === 1 ? "fill" : "entry";
    for (const issue of issues) prune(value, issue, mode, dropped);
    compact(value, map);
    const next = schema.safeParse(value);
    if (next.success) return { diagnostics, value, dropped };
    issues = next.error.issues;
  }
  return { diagnostics, value: undefined, dropped };
}

/** What describing an issue needs to know of its file. */
interface FileContext {
  schema: z.ZodType;
  source: SourceFile;
  root: unknown;
  /** Shared by every did-you-mean of the file. */
  suggestions: SuggestionBudget;
}

type At = (p: Path, on?: "key" | "value") => ReturnType<typeof locatePath>;

function describe(issue: Issue, path: Path, file: FileContext): Diagnostic[] {
  const at: At = (p, on = "value") => locatePath(file.source, p, on);
  const actual = valueAt(file.root, path);
  switch (issue.code) {
    case "unrecognized_keys":
      return unknownFields(issue.keys, path, file, at);
    case "invalid_type": {
      if (actual !== undefined) return [typeMismatch(expectedName(issue.expected), actual, at(path))];
      const field = String(path[path.length - 1]);
      // `expectatons:` where `expectations:` is missing: the unknown field's hint says both at once
      if (misspeltAs(field, path.slice(0, -1), file)) return [];
      return [
        {
          code: "missing-field",
          severity: "error",
          message: `missing required field "${field}"`,
          ...at(path.slice(0, -1)),
          hint: `add "${field}:" here`,
        },
      ];
    }
    case "invalid_union": {
      // Choose the alternative whose type matched (e.g. a mapping for an expectation) and report its issues.
      const matched = issue.errors.find(
        (branch) => !branch.some((i) => i.code === "invalid_type" && i.path.length === 0),
      );
      if (matched) return matched.flatMap((i) => describe(i, [...path, ...i.path], file));
      const expected = issue.errors
        .map((branch) => branch[0])
        .map((i) => (i?.code === "invalid_type" ? expectedName(i.expected) : "?"));
      return [typeMismatch(expected.join(" or "), actual, at(path))];
    }
    case "invalid_value":
      return [notAllowed(issue.values, actual, file, at(path))];
    case "invalid_key": {
      const key = String(path[path.length - 1]);
      const reason = issue.issues[0]?.message ?? "invalid key";
      const message = `key "${key}" ${reason.startsWith("must") ? reason : `is invalid: ${reason}`}`;
      return [{ code: "invalid-value", severity: "error", message, ...at(path, "key") }];
    }
    case "invalid_format": {
      const reason = issue.message.startsWith("must") ? issue.message : `is invalid: ${issue.message}`;
      return [
        {
          code: "invalid-value",
          severity: "error",
          message: `${JSON.stringify(actual)} ${reason}`,
          ...at(path),
        },
      ];
    }
    case "too_small":
    case "too_big":
      return [{ code: "invalid-value", severity: "error", message: outOfBounds(issue), ...at(path) }];
    default:
      return [{ code: "invalid-value", severity: "error", message: issue.message, ...at(path) }];
  }
}

/**
 * One diagnostic per key the schema does not know, with the closest known field or the list of them. A key
 * that is a typo of a required field missing from the mapping says so, and stands for that field's
 * missing-field error (one mistake, one message).
 */
function unknownFields(keys: readonly string[], path: Path, file: FileContext, at: At): Diagnostic[] {
  const shape = objectShapeAt(file.schema, path) ?? {};
  const known = Object.keys(shape);
  return keys.map((key) => {
    const near = closest(key, known, file.suggestions);
    const missing = near !== undefined && requiredAndMissing(near, path, file);
    return {
      code: "unknown-field",
      severity: "error" as const,
      message: `unknown field "${key}"`,
      ...at([...path, key], "key"),
      hint: missing
        ? `did you mean "${near}"? It is required here and missing: rename "${key}" to "${near}"`
        : near !== undefined
          ? `did you mean "${near}"?`
          : known.length
            ? `known fields: ${known.join(", ")}`
            : undefined,
    };
  });
}

/** Whether the mapping at `path` lacks `field` and the schema requires it there. */
function requiredAndMissing(field: string, path: Path, file: FileContext): boolean {
  const type = objectShapeAt(file.schema, path)?.[field] as z.ZodType | undefined;
  return valueAt(file.root, [...path, field]) === undefined && type?.safeParse(undefined).success === false;
}

/** Whether a key of the mapping at `path` that the schema does not know is a typo of `field`. */
function misspeltAs(field: string, path: Path, file: FileContext): boolean {
  const mapping = valueAt(file.root, path);
  if (mapping === null || typeof mapping !== "object" || Array.isArray(mapping)) return false;
  const known = Object.keys(objectShapeAt(file.schema, path) ?? {});
  return Object.keys(mapping).some(
    (key) => !known.includes(key) && closest(key, known, file.suggestions) === field,
  );
}

/** A value outside the schema's list of allowed ones. */
function notAllowed(
  values: readonly unknown[],
  actual: unknown,
  file: FileContext,
  location: ReturnType<typeof locatePath>,
): Diagnostic {
  const options = values.map((v) => JSON.stringify(v));
  // `rungs: "1"` is the text "1" where the number 1 is meant: the same text back would be no hint
  const unquoted =
    typeof actual === "string"
      ? values.find((v) => typeof v !== "string" && String(v) === actual)
      : undefined;
  const hint =
    unquoted !== undefined
      ? `write it without quotes: ${String(unquoted)} is a ${typeof unquoted}, ${JSON.stringify(actual)} is text`
      : typeof actual === "string"
        ? didYouMean(actual, values.map(String), file.suggestions)
        : undefined;
  return {
    code: "invalid-value",
    severity: "error",
    message:
      options.length === 1
        ? `${JSON.stringify(actual)} is not allowed here: expected ${options[0]}`
        : `${JSON.stringify(actual)} is not one of ${options.join(", ")}`,
    ...location,
    ...(hint ? { hint } : {}),
  };
}

function outOfBounds(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const bound = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
  const what = issue.origin === "string" ? "characters" : issue.origin === "array" ? "entries" : "";
  return issue.origin === "string" && issue.code === "too_small" && issue.minimum === 1
    ? "must not be empty"
    : `must be ${bound}${what ? ` ${what}` : ""}`;
}

function typeMismatch(
  expected: string,
  actual: unknown,
  location: ReturnType<typeof locatePath>,
): Diagnostic {
  const got = describeValue(actual);
  const hint = mismatchHint(expected, actual);
  return {
    code: "invalid-type",
    severity: "error",
    message: `expected ${expected}, got ${got}`,
    ...location,
    ...(hint ? { hint } : {}),
  };
}

/** How to write what was meant, for the shapes a newcomer writes by mistake. */
function mismatchHint(expected: string, actual: unknown): string | undefined {
  if (expected === "text" && (typeof actual === "number" || typeof actual === "boolean"))
    return `put the value in quotes to make it text: "${String(actual)}"`;
  // one id: the list it meant, in brackets, which a `{ … }` line can hold and "- item" lines cannot
  if (expected.includes("list") && typeof actual === "string")
    return `write a list: ${/^[\w.-]{1,64}$/.test(actual) ? `[${actual}], or ` : ""}one "- item" per line`;
  // `senior: { name: Senior }` entries where `- { id: senior, name: Senior }` entries are meant
  if (expected.includes("list") && actual !== null && typeof actual === "object" && !Array.isArray(actual)) {
    const first = Object.keys(actual)[0];
    return first === undefined
      ? 'write a list: one "- item" per line, or [] for none'
      : `write a list, one "- " entry per item, the key as its id: ${quoted(`${first}: { … }`)} becomes ${quoted(`- { id: ${first}, … }`)}`;
  }
  // `- senior: Leads.` lines where `senior: Leads.` lines are meant
  if (expected === "a mapping" && Array.isArray(actual))
    return 'write one "key: value" per line without the leading "- " (a list), each key once';
  return undefined;
}

function expectedName(expected: string): string {
  switch (expected) {
    case "string":
      return "text";
    case "array":
      return "a list";
    case "object":
    case "record":
      return "a mapping";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return "nothing (an empty value)";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case "number":
      return `the number ${value}`;
    case "boolean":
      return `${value}`;
    case "object":
      return "a mapping";
    default:
      return typeof value;
  }
}

/** The value at `path`; own entries only, since the keys on a path are the file's own text. */
function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const seg of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, seg)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[seg];
  }
  return current;
}

/** The object shape the schema expects at `path`, for listing known field names. */
function objectShapeAt(schema: z.ZodType, path: Path): Record<string, unknown> | undefined {
  let current: z.ZodType | undefined = schema;
  for (const seg of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject)
      current = Object.hasOwn(current.shape, seg) ? (current.shape[seg as string] as z.ZodType) : undefined;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return undefined;
  }
  current = unwrap(current);
  return current instanceof z.ZodObject ? current.shape : undefined;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodUnion) {
      current =
        (current.options as z.ZodType[]).find((o) => unwrap(o) instanceof z.ZodObject) ??
        (current.options[0] as z.ZodType | undefined);
    } else return current;
  }
}

/** The collections whose entries are referenced by id, and what a reference calls one (lint.ts). */
const REFERENCED: Record<string, string> = {
  tracks: "track",
  levels: "level",
  roles: "role",
  families: "family",
  dimensions: "dimension",
};

/**
 * Removes what an issue points at: unknown keys, the bad value, or the list entry that holds it. A
 * competency's `expectations` wrong or missing as a whole is noted as `expectations:<id>`, so lint adds no
 * missing-expectation per level to the one error that says what is wrong.
 */
function prune(root: unknown, issue: Issue, mode: "delete" | "fill" | "entry", dropped: string[]): void {
  if (issue.code === "unrecognized_keys") {
    const target = valueAt(root, issue.path) as Record<string, unknown> | undefined;
    if (target && typeof target === "object") for (const key of issue.keys) delete target[key];
    return;
  }
  let path = issue.path;
  const key = path[path.length - 1];
  const parent = valueAt(root, path.slice(0, -1));
  // `levels:` written as a mapping of id → entry: its keys are the ids meant, not reported again where named
  if (mode === "delete" && path.length === 1 && Object.hasOwn(REFERENCED, key as string)) {
    const written = valueAt(root, path);
    if (written !== null && typeof written === "object" && !Array.isArray(written))
      for (const id of Object.keys(written)) dropped.push(`${REFERENCED[key as string]}:${id}`);
  }
  if (mode === "delete" && key === "expectations" && path[path.length - 3] === "competencies") {
    const id = (parent as { id?: unknown } | undefined)?.id;
    if (typeof id === "string") dropped.push(`expectations:${id}`);
  }
  if (
    mode === "fill" &&
    issue.code === "invalid_type" &&
    key !== "id" &&
    parent &&
    typeof parent === "object"
  ) {
    const placeholder = { string: `(missing ${String(key)})`, array: [], object: {}, record: {} }[
      issue.expected as string
    ];
    if (placeholder !== undefined && valueAt(root, path) === undefined) {
      (parent as Record<PropertyKey, unknown>)[key as PropertyKey] = placeholder;
      return;
    }
  }
  if (mode !== "delete") {
    const lastIndex = path.findLastIndex((seg) => typeof seg === "number");
    if (lastIndex < 0) return;
    path = path.slice(0, lastIndex + 1);
  }
  if (path.length === 0) return;
  const holder = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1] as PropertyKey;
  if (Array.isArray(holder) && typeof last === "number") {
    const id = (holder[last] as { id?: unknown } | undefined)?.id;
    const kind =
      path.length === 2 && Object.hasOwn(REFERENCED, path[0] as string) && REFERENCED[path[0] as string];
    if (mode === "entry" && kind && typeof id === "string") dropped.push(`${kind}:${id}`);
    holder[last] = PRUNED;
  } else if (holder && typeof holder === "object") {
    delete (holder as Record<PropertyKey, unknown>)[last];
  }
}

const PRUNED = Symbol("pruned");

/**
 * Drops pruned list entries (marked first, so that several issues in one list keep their indexes), and
 * tells the source map which entries are left, so that what is found later in the list is still located
 * at its own line in the file.
 */
function compact(value: unknown, map: SourceMap): void {
  if (Array.isArray(value)) {
    const kept: number[] = [];
    for (let i = 0; i < value.length; i++) if (value[i] !== PRUNED) kept.push(i);
    if (kept.length < value.length) {
      map.renumber(value, kept);
      const left = kept.map((i) => value[i]);
      value.splice(0, value.length, ...left);
    }
    for (const item of value) compact(item, map);
  } else if (value && typeof value === "object") {
    for (const child of Object.values(value)) compact(child, map);
  }
}
