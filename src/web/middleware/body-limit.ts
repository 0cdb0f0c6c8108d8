/**
 * Request bodies are bounded while they are read, before any route or check sees them: a 400 MB form posted
 * by anyone once held the server for half a minute at 1.8 GB, because the CSRF check parsed it whole.
 *
 * Every body may be at most 64 KiB (every form and JSON body rungs itself sends fits with room to spare),
 * except on routes that declare `acceptsUpload` where they are registered: those take up to the upload
 * limit (10 MiB unless configured), and only from someone signed in. Anonymous visitors never need more
 * than a sign-in form, so nobody can make the server hold megabytes before it knows who is asking.
 *
 * Hono's bodyLimit refuses a declared Content-Length over the limit without reading a byte, and counts the
 * bytes of a body without one (chunked) as they arrive, stopping at the limit. A body longer than its
 * Content-Length cannot reach a route: Node's parser reads exactly the declared length and refuses what
 * follows as a malformed next request.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { matchedRoutes } from "hono/route";
import type { App, AppEnv } from "../context.js";

/** The most any ordinary form or JSON body may be. */
export const FORM_LIMIT_BYTES = 64 * 1024;
/** The upload limit unless the operator sets another (`--upload-limit`, `RUNGS_UPLOAD_LIMIT_MIB`). */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
/** The range an operator may set the upload limit in: no less than a form, no more than memory can bear. */
export const UPLOAD_LIMIT_RANGE_MIB = { min: 1, max: 256 } as const;

/**
 * Put this before the handler of a route whose body may be larger than a form (a file, long texts):
 * `app.post("/admin/import/", acceptsUpload, handler)`. It does nothing itself; the body limit, which runs
 * before every check that could read the body, looks for it among the handlers the request matched.
 */
export const acceptsUpload: MiddlewareHandler = async (_c, next) => {
  await next();
};

/** What to answer when a body is over its limit (413), given the limit that applied. */
export type TooLarge = (c: Context<AppEnv>, limitBytes: number) => Response;

/** Bounds every request body from here on (install it before anything that may read one). */
export function limitBodies(app: App, options: { uploadLimitBytes: number; tooLarge: TooLarge }): void {
  const { uploadLimitBytes, tooLarge } = options;
  // the 413 closes the connection: Node then stops reading the rest of the body instead of draining it
  const refuse = (limit: number) => (c: Context<AppEnv>) => {
    const response = tooLarge(c, limit);
    response.headers.set("Connection", "close");
    return response;
  };
  const form = bodyLimit({ maxSize: FORM_LIMIT_BYTES, onError: refuse(FORM_LIMIT_BYTES) });
  const upload = bodyLimit({ maxSize: uploadLimitBytes, onError: refuse(uploadLimitBytes) });
  app.use(async (c, next) => {
    const large = c.get("viewer") !== undefined && matchedRoutes(c).some((r) => r.handler === acceptsUpload);
    return (large ? upload : form)(c, next);
  });
}

/** How a limit reads in messages: "64 KiB", "10 MiB". */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
