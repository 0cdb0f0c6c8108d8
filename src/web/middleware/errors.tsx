/**
 * The one error path. Anything that cannot give the answer asked for throws (or returns `problem(c, ...)`)
 * an `HttpProblem`; this module alone turns it into what the asker reads: an HTML page for people, RFC 9457
 * `application/problem+json` for API clients. Which of the two is decided once, by `wantsJson`, from the
 * kind of route (everything registered under /api/ is marked as JSON in app.ts) and the Accept header.
 *
 * JSON problems keep the `error` member (and the extra members) the API answered with before it spoke
 * problem+json, so existing clients keep working: `{ type, title, status, detail, error, ... }`.
 */

import type { MiddlewareHandler } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import { ErrorPage } from "../components/error-page.js";
import { html } from "../components/html.js";
import { Page } from "../components/page.js";
import type { App, AppContext } from "../context.js";
import { makeLinks, paths } from "../links.js";
import { describeBytes } from "./body-limit.js";

export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503;

/** One field of a request that failed its rule: `field` is the query, form or JSON name (dotted path). */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemInit {
  /** What went wrong, in a sentence for the person or program asking (JSON `detail` and `error`). */
  detail: string;
  /** A short summary of the kind of problem (default: the status's name). */
  title?: string;
  /** A URI naming the kind of problem (default `about:blank`, RFC 9457 §4.2.1). */
  type?: string;
  /** The fields that failed validation (422). */
  errors?: FieldError[];
  /** More JSON members (the unknown ids, the limit that applied, a framework's diagnostics...). */
  extra?: Record<string, unknown>;
  /** Headers of the answer either way (Cache-Control, Retry-After...). */
  headers?: Record<string, string>;
  /** The answer for people when it is not the standard error page (a form shown again, a redirect). */
  page?: (c: AppContext) => Response;
  /** The standard 404 page: what was not found (`level "x"`). */
  what?: string;
}

const TITLES: Record<ProblemStatus, string> = {
  400: "Bad request",
  401: "Sign in required",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  410: "Gone",
  413: "Content too large",
  415: "Unsupported media type",
  422: "Invalid input",
  429: "Too many requests",
  500: "Internal error",
  503: "Unavailable",
};

/** A request that cannot be answered as asked: thrown or passed to `problem()`, answered in one place. */
export class HttpProblem extends Error {
  readonly status: ProblemStatus;
  readonly init: ProblemInit;
  constructor(status: ProblemStatus, init: ProblemInit) {
    super(init.detail);
    this.name = "HttpProblem";
    this.status = status;
    this.init = init;
  }

  /** The RFC 9457 body. */
  json(): Record<string, unknown> {
    const { detail, title, type, errors, extra } = this.init;
    return {
      type: type ?? "about:blank",
      title: title ?? TITLES[this.status],
      status: this.status,
      detail,
      error: detail,
      ...(errors ? { errors } : {}),
      ...extra,
    };
  }
}

/** Marks the routes under it as answering JSON (install it on /api/* before anything can fail). */
export const answersJson: MiddlewareHandler = async (c, next) => {
  c.set("answers", "json");
  await next();
};

/**
 * The one place that decides between a page and JSON: routes marked by `answersJson`, and any request
 * whose Accept asks for JSON and not for HTML.
 */
export function wantsJson(c: AppContext): boolean {
  if (c.get("answers") === "json") return true;
  const accept = c.req.header("Accept") ?? "";
  return /application\/(problem\+)?json/.test(accept) && !accept.includes("text/html");
}

/** The answer to a problem: problem+json or its page. */
export function problem(c: AppContext, p: HttpProblem): Response {
  const headers = p.init.headers ?? {};
  if (wantsJson(c)) {
    return c.body(JSON.stringify(p.json()), p.status, {
      ...headers,
      "Content-Type": "application/problem+json",
    });
  }
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return p.init.page ? p.init.page(c) : html(c, standardPage(c, p), p.status);
}

/** The friendly error page with the way back; for statuses it has no words for, the problem's detail. */
function standardPage(c: AppContext, p: HttpProblem): JSX.Element {
  const links = c.get("links") ?? makeLinks(c.req.path, false);
  const status = p.status === 404 || p.status === 413 || p.status === 500 ? p.status : undefined;
  if (status) {
    return <ErrorPage links={links} status={status} registry={c.get("registry")} what={p.init.what} />;
  }
  const title = p.init.title ?? TITLES[p.status];
  return (
    <Page title={title} links={links}>
      <h1>{title}</h1>
      <p class="notice" role="alert">
        {p.init.detail}
      </p>
      <p>
        <a href={links.to(paths.home())}>All frameworks</a>
      </p>
    </Page>
  );
}

/** Installs the app's answers for no matching route (404) and for anything thrown (a problem, or a 500). */
export function handleErrors(app: App): void {
  app.notFound((c) => problem(c, new HttpProblem(404, { detail: "not found", extra: { path: c.req.path } })));
  app.onError((error, c) => {
    if (error instanceof HttpProblem) return problem(c, error);
    console.error(`rungs: error serving ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return problem(c, new HttpProblem(500, { detail: "internal error" }));
  });
}

/** 413: the body was over `limitBytes` (and was not read past it). */
export function tooLarge(c: AppContext, limitBytes: number): Response {
  const limit = describeBytes(limitBytes);
  return problem(
    c,
    new HttpProblem(413, {
      detail: `the request body is larger than ${limit}`,
      what: limit,
      extra: { limitBytes },
    }),
  );
}
