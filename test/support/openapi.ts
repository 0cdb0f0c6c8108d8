/**
 * Whether the API document describes an answer field by field. The schemas are loose objects (a client
 * may meet fields added later), so validating an answer against them lets an undescribed field through;
 * this names every field the schema leaves out instead.
 */
interface JsonSchema {
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface OpenApiDocument {
  components: { schemas: Record<string, JsonSchema> };
}

/**
 * The paths of the fields of `value` that `schema` does not name (`$.area.sources`; array positions as
 * `[]`), each once, following `$ref`s into the document's components.
 */
export function undescribedFields(value: unknown, schema: JsonSchema, doc: OpenApiDocument): string[] {
  const found = new Set<string>();
  walk(value, schema, doc, "$", found);
  return [...found].sort();
}

function walk(
  value: unknown,
  schema: JsonSchema,
  doc: OpenApiDocument,
  at: string,
  found: Set<string>,
): void {
  if (schema.$ref) {
    const target = doc.components.schemas[schema.$ref.split("/").at(-1) ?? ""];
    if (!target) found.add(`${at} (${schema.$ref} is missing)`);
    else walk(value, target, doc, at, found);
    return;
  }
  const branches = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (branches?.length) {
    const misses = branches.map((branch) => {
      const own = new Set<string>();
      walk(value, branch, doc, at, own);
      return [...own];
    });
    // allOf: a field is described when any part names it; anyOf/oneOf: by the branch that describes the most
    const left = schema.allOf
      ? misses.reduce((a, b) => a.filter((path) => b.includes(path)))
      : misses.reduce((a, b) => (b.length < a.length ? b : a));
    for (const path of left) found.add(path);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) walk(item, schema.items ?? {}, doc, `${at}[]`, found);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, field] of Object.entries(value)) {
    const described = schema.properties?.[key];
    if (described) walk(field, described, doc, `${at}.${key}`, found);
    else found.add(`${at}.${key}`);
  }
}
