/**
 * The API described by its routes: each feature declares its `/api` operations beside its routes (api.ts,
 * gathered in src/web/api-operations.ts), with the zod schemas of their path parameters, query, body and
 * answer (the request schemas are the ones `validate` parses with, from the feature's requests.ts), and the
 * OpenAPI 3.1 document is generated from them (served at /api/openapi.json). Zod 4 writes JSON
 * Schema itself (`z.toJSONSchema`), the dialect OpenAPI 3.1 speaks, so no other library is needed.
 * The answers' schemas are registered in `apiSchemas` under a name, and appear once, as components.
 *
 * The document must say everything the app serves: a test lists the app's own routes (`app.routes`) and
 * fails for any `/api` route no operation describes, and for any operation no route serves.
 */
import * as z from "zod";
import type { ProblemStatus } from "./errors.js";

/** The named schemas of API answers: `.register(apiSchemas, { id: "Level" })` makes it a component. */
export const apiSchemas = z.registry<{ id: string }>();

/** A problem found in a framework's files, located. */
export const Diagnostic = z
  .looseObject({
    code: z.string(),
    severity: z.enum(["error", "warning", "info"]),
    message: z.string(),
    file: z.string(),
    line: z.int().min(0),
    column: z.int().min(0),
    path: z.string().optional(),
    hint: z.string().optional(),
  })
  .register(apiSchemas, { id: "Diagnostic" });

/** The body of every 4xx and 5xx answer (RFC 9457), with the members rungs adds. */
export const Problem = z
  .looseObject({
    type: z.string().describe("A URI naming the kind of problem; about:blank when the status says it all."),
    title: z.string().describe("The kind of problem, in a few words."),
    status: z.int().min(400).max(599),
    detail: z.string().describe("What went wrong, in a sentence."),
    error: z.string().describe("The same sentence: the member the API answered with before problem+json."),
    errors: z
      .array(z.looseObject({ field: z.string(), message: z.string() }))
      .optional()
      .describe("422: each field of the request that failed its rule (a dotted path), and why."),
    diagnostics: z
      .array(Diagnostic)
      .optional()
      .describe("503: the problems in the framework's files that keep it from being shown."),
  })
  .describe("A problem: RFC 9457 problem details, with more members where they help (unknown ids, limits).")
  .register(apiSchemas, { id: "Problem" });

export type Access = "public" | "signed-in";

export interface ApiOperation {
  method: "get" | "put" | "post" | "delete";
  /** The path as the route is registered (`/api/frameworks/:fw`). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: [string, ...string[]];
  /**
   * public: anyone may read it (unless the server requires sign-in); signed-in: the session cookie, and for
   * a write the X-CSRF-Token header as well.
   */
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The 200 answer; its schema must be registered in `apiSchemas`. */
  response: { description: string; schema: z.ZodType };
  /** Each problem status the operation answers (besides 401 and 500, which every one may), and when. */
  problems: Partial<Record<ProblemStatus, string>>;
}

/** `/api/frameworks/:fw` → `/api/frameworks/{fw}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

type Json = Record<string, unknown>;

/** A parameter's or a request body's schema, inline. */
function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
  return rest;
}

function refTo(schema: z.ZodType): Json {
  const id = apiSchemas.get(schema)?.id;
  if (!id) throw new Error("an API answer's schema must be registered in apiSchemas");
  return { $ref: `#/components/schemas/${id}` };
}

function parameters(where: "path" | "query", shape: z.ZodObject | undefined): Json[] {
  if (!shape) return [];
  return Object.entries(shape.shape).map(([name, field]) => {
    const { description, examples, ...schema } = jsonSchema(field as z.ZodType);
    const optional = (field as z.ZodType).safeParse(undefined).success;
    return {
      name,
      in: where,
      required: where === "path" || !optional,
      ...(description ? { description } : {}),
      schema,
      ...(Array.isArray(examples) && examples.length ? { example: examples[0] } : {}),
    };
  });
}

const problemContent = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };

function operationObject(op: ApiOperation): Json {
  const read = op.method === "get";
  // a bearer token stands for its person on /api/ (web/auth/api-token.ts), with no CSRF token needed
  const security =
    op.access === "public"
      ? [{}, { session: [] }, { bearer: [] }]
      : read
        ? [{ session: [] }, { bearer: [] }]
        : [{ session: [], csrf: [] }, { bearer: [] }];
  const responses: Json = {
    "200": {
      description: op.response.description,
      ...(read && op.access === "public"
        ? {
            headers: {
              ETag: {
                description: "This answer's entity tag; send it back in If-None-Match.",
                schema: { type: "string" },
              },
            },
          }
        : {}),
      content: { "application/json": { schema: refTo(op.response.schema) } },
    },
  };
  if (read && op.access === "public") {
    responses["304"] = { description: "Not modified: If-None-Match named the current entity tag." };
  }
  const problems: Partial<Record<number, string>> = {
    401:
      op.access === "public"
        ? "The server requires everyone to sign in (RUNGS_REQUIRE_LOGIN) and there is no session."
        : "No session or API token: sign in first, or send `Authorization: Bearer <token>`. A wrong token is answered 401 too.",
    ...(op.access === "signed-in" && !read
      ? { 403: "The CSRF token is missing or wrong, or the request came from another site." }
      : {}),
    // every JSON body is refused the same way when it is sent as another type (middleware/validate.ts)
    ...(op.body ? { 415: "The body is not sent as JSON (`Content-Type: application/json`)." } : {}),
    ...op.problems,
  };
  for (const [status, description] of Object.entries(problems).sort()) {
    responses[status] = { description, content: problemContent };
  }
  return {
    tags: op.tags,
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security,
    ...((op.params ?? op.query)
      ? { parameters: [...parameters("path", op.params), ...parameters("query", op.query)] }
      : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body) } } } }
      : {}),
    responses,
  };
}

/** The component names a part of the document refers to. */
function refsIn(value: unknown): string[] {
  const text = JSON.stringify(value);
  return [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] as string);
}

export interface ApiInfo {
  info: Json;
  tags: { name: string; description: string }[];
  servers: { url: string; description: string }[];
}

/** The OpenAPI 3.1 document of these operations: the same bytes for the same operations. */
export function openApiDocument(operations: readonly ApiOperation[], about: ApiInfo): Json {
  const paths: Record<string, Json> = {};
  for (const op of operations) {
    const path = openApiPath(op.path);
    paths[path] = { ...paths[path], [op.method]: operationObject(op) };
  }
  const { schemas } = z.toJSONSchema(apiSchemas, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  }) as { schemas: Record<string, Json> };
  // only the schemas this document's operations use (an app without people serves none of theirs)
  const components: Record<string, Json> = {};
  const pending = refsIn(paths);
  for (let id = pending.shift(); id !== undefined; id = pending.shift()) {
    const schema = schemas[id];
    if (!schema || id in components) continue;
    const { $schema: _, $id: __, ...rest } = schema;
    components[id] = rest;
    pending.push(...refsIn(rest));
  }
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .filter((id) => id in components)
      .map((id) => [id, components[id]]),
  );
  return {
    openapi: "3.1.0",
    ...about,
    paths,
    components: {
      schemas: sorted,
      securitySchemes: {
        ...(operations.some((op) => op.access === "signed-in" && op.method !== "get")
          ? {
              csrf: {
                type: "apiKey",
                in: "header",
                name: "X-CSRF-Token",
                description:
                  "Every write also carries the session's CSRF token, as GET /api/account gives it.",
              },
            }
          : {}),
        session: {
          type: "apiKey",
          in: "cookie",
          name: "rungs_session",
          description: "The session cookie the sign-in page sets (HttpOnly: a browser sends it itself).",
        },
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "A personal API token (`rungs_…`), made on /account/tokens/ or with `rungs token create`: it acts as its person, with what they may see, on /api/ only.",
        },
      },
    },
  };
}
