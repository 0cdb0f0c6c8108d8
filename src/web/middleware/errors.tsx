/**
 * What the app answers when no route matched (404), a body was too large (413) or a route failed (500):
 * a page for people, JSON under /api/.
 */
import type { FrameworkRegistry } from "../../load/registry.js";
import { ErrorPage } from "../components/error-page.js";
import { html } from "../components/html.js";
import type { App, AppContext } from "../context.js";
import { makeLinks } from "../links.js";
import { describeBytes } from "./body-limit.js";

/** Installs the app's 404 and 500 answers. */
export function handleErrors(app: App, registry: FrameworkRegistry, staticSite: boolean): void {
  app.notFound((c) => {
    if (c.req.path.startsWith("/api/")) return c.json({ error: "not found", path: c.req.path }, 404);
    return html(
      c,
      <ErrorPage
        links={c.get("links") ?? makeLinks(c.req.path, staticSite)}
        status={404}
        registry={registry}
      />,
      404,
    );
  });
  app.onError((error, c) => {
    console.error(`rungs: error serving ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    if (c.req.path.startsWith("/api/")) return c.json({ error: "internal error" }, 500);
    return html(
      c,
      <ErrorPage
        links={c.get("links") ?? makeLinks(c.req.path, staticSite)}
        status={500}
        registry={registry}
      />,
      500,
    );
  });
}

/** 413: the body was over `limitBytes` (and was not read past it). */
export function tooLarge(
  c: AppContext,
  registry: FrameworkRegistry,
  staticSite: boolean,
  limitBytes: number,
): Response {
  const limit = describeBytes(limitBytes);
  if (c.req.path.startsWith("/api/"))
    return c.json({ error: `the request body is larger than ${limit}`, limitBytes }, 413);
  return html(
    c,
    <ErrorPage
      links={c.get("links") ?? makeLinks(c.req.path, staticSite)}
      status={413}
      registry={registry}
      what={limit}
    />,
    413,
  );
}
