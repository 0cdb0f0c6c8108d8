/**
 * The plain shape most fragment files are written in: only `areas`, each with its texts, its level ids and its
 * competencies, whose expectations are texts or `{ statement, elaboration, note }`. Every value of that shape
 * is valid by FragmentFile (src/core/schema.ts): nothing in it can fail the schema, so the loader takes such a
 * file as it is read, without the schema's walk. That walk was most of the CPU of loading the files a diff
 * keeps (src/load/diff-sides.ts), as it is for `rungs check` of a large framework. Anything else (another
 * collection or field, a value of another type, an id not written as ids are) answers false, and the file is
 * validated by the schema, which reports what is wrong where it is. The shape here may only ever be narrower
 * than the schema's: test/plain-fragment.test.ts holds it to the schema, value by value.
 */
import { ID_PATTERN } from "../core/schema.js";

type Check = (value: unknown) => boolean;

/** A mapping as the readers make it: an object of Object's own prototype (or none), not a list. */
function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const isText: Check = (value) => typeof value === "string";
const isId: Check = (value) => typeof value === "string" && ID_PATTERN.test(value);

/** A list whose every item passes `item`. */
const listOf =
  (item: Check): Check =>
  (value) => {
    if (!Array.isArray(value)) return false;
    for (const entry of value) if (!item(entry)) return false;
    return true;
  };

/** A mapping of only the `fields` given (each value passing its check), with every one of `required`. */
function mappingOf(fields: Record<string, Check>, required: readonly string[] = []): Check {
  const known = new Map(Object.entries(fields));
  return (value) => {
    if (!isMapping(value)) return false;
    for (const key of required) if (!Object.hasOwn(value, key)) return false;
    for (const key of Object.keys(value)) {
      const check = known.get(key);
      if (check === undefined || !check(value[key])) return false;
    }
    return true;
  };
}

const isDetail = mappingOf({ statement: isText, elaboration: isText, note: isText });
const isExpectation: Check = (value) => typeof value === "string" || isDetail(value);

/** `expectations:`: level ids to expectations. */
const isExpectations: Check = (value) => {
  if (!isMapping(value)) return false;
  for (const key of Object.keys(value)) if (!isId(key) || !isExpectation(value[key])) return false;
  return true;
};

const isCompetency = mappingOf(
  { id: isId, name: isText, description: isText, levels: listOf(isId), expectations: isExpectations },
  ["id", "expectations"],
);

const isArea = mappingOf(
  {
    id: isId,
    name: isText,
    summary: isText,
    description: isText,
    note: isText,
    levels: listOf(isId),
    competencies: listOf(isCompetency),
  },
  ["id", "competencies"],
);

/** Whether a fragment file's value is of the plain shape, which FragmentFile accepts as it is. */
export const isPlainFragment: Check = mappingOf({ areas: listOf(isArea) });
