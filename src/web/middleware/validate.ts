/**
 * Requests parsed by schema at the edge: `validate("query", schema)` before a handler, and the handler reads
 * `c.req.valid("query")`, typed by the schema. What fails its schema is answered once, here: a 422 problem
 * listing each field and what is wrong with it (problem+json for the API), or, for a form, the page the
 * route gives to show the form again with those messages. A body of another type than the route reads (JSON,
 * a form) is a 415 before any of that, the same way for every route.
 */

import type { Context, Env, MiddlewareHandler, ValidationTargets } from "hono";
import { HTTPException } from "hono/http-exception";
import { validator } from "hono/validator";
import type * as z from "zod";
import { JSON_TOO_DEEP, jsonTooDeepAt } from "../../core/json-depth.js";
import { type FieldError, HttpProblem } from "./errors.js";

type Target = keyof Pick<ValidationTargets, "query" | "form" | "json" | "param">;

/** The field errors of a failed parse, each with its dotted path (`limit`, `picks.3.level`). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join("."), message: issue.message }));
}

/** One sentence listing what is wrong, for `detail` and for pages. */
export function describeFieldErrors(errors: FieldError[]): string {
  return errors.map((e) => (e.field ? `${e.field} ${e.message}` : e.message)).join("; ");
}

/**
 * The media types hono reads a body of each kind from; any other body it reads as `{}`, which would fail
 * the schema as a 422 naming fields the client did send: the body's type is what is wrong (415).
 */
const BODY_TYPES = {
  json: { type: /^application\/([\w.-]+\+)?json$/i, words: "JSON (Content-Type: application/json)" },
  form: {
    type: /^(application\/x-www-form-urlencoded|multipart\/form-data)$/i,
    words: "a form (Content-Type: application/x-www-form-urlencoded or multipart/form-data)",
  },
};

/** Whether a Content-Type header names a body of this kind (its parameters aside). */
export function isBodyOf(kind: keyof typeof BODY_TYPES, contentType: string | undefined): boolean {
  return BODY_TYPES[kind].type.test(contentType?.split(";")[0]?.trim() ?? "");
}

/** Throws the 415 for a body that is not of the kind the route reads (a page for people, as any problem). */
function requireBodyOf(kind: keyof typeof BODY_TYPES, c: Context): void {
  const type = c.req.header("Content-Type");
  if (isBodyOf(kind, type)) return;
  throw new HttpProblem(415, {
    detail: `the body must be ${BODY_TYPES[kind].words}, not ${type ? `"${type.slice(0, 100)}"` : "untyped"}`,
  });
}

/** Before a route that reads its form itself (`c.req.parseBody`) rather than through `validate("form")`. */
export const readsForm: MiddlewareHandler = async (c, next) => {
  requireBodyOf("form", c);
  await next();
};

export interface ValidateOptions<E extends Env> {
  /** The page for people when their form fails: typically the form again, with `errors` next to fields. */
  page?: (c: Context<E>, errors: FieldError[]) => Response;
}

/**
 * Parses one part of the request with the schema `schema` gives (a `lazySchema`, built on the first request
 * that reaches it), or answers 422 with the fields that failed.
 */
export function validate<
  T extends Target,
  S extends z.ZodType,
  E extends Env = Env,
  P extends string = string,
>(
  target: T,
  schema: () => S,
  options: ValidateOptions<E> = {},
): MiddlewareHandler<E, P, { in: { [K in T]: z.input<S> }; out: { [K in T]: z.output<S> } }> {
  const handler: MiddlewareHandler = validator(target, (value) => {
    const parsed = schema().safeParse(value);
    if (parsed.success) return parsed.data;
    const errors = fieldErrors(parsed.error);
    const page = options.page;
    throw new HttpProblem(422, {
      detail: describeFieldErrors(errors),
      errors,
      ...(page ? { page: (c) => page(c as unknown as Context<E>, errors) } : {}),
    });
  }) as unknown as MiddlewareHandler;
  // a body hono cannot read (malformed JSON or form data) is a 400 problem like any other, not a 500
  const guarded: MiddlewareHandler = async (c, next) => {
    if (target === "json" || target === "form") requireBodyOf(target, c);
    if (target === "json") {
      // JSON.parse has no depth bound: the body is counted first (read once; hono's json() reuses the text)
      const deep = jsonTooDeepAt(await c.req.text());
      if (deep !== undefined)
        throw new HttpProblem(400, { detail: `the json cannot be read: line ${deep}: ${JSON_TOO_DEEP}` });
    }
    let reached = false;
    try {
      return await handler(c, () => {
        reached = true;
        return next();
      });
    } catch (error) {
      if (reached || !(error instanceof HTTPException) || error.status !== 400) throw error;
      throw new HttpProblem(400, { detail: `the ${target} cannot be read: ${error.message}` });
    }
  };
  // hono's validator types its output from the callback's return (here unknown): the schema's types instead
  return guarded as unknown as MiddlewareHandler<
    E,
    P,
    { in: { [K in T]: z.input<S> }; out: { [K in T]: z.output<S> } }
  >;
}
