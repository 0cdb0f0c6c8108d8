/**
 * Comparing two levels (word-level diff per competency and dimension) and two roles, the choosers that lead
 * there, and their JSON. The choosers are GET forms: the server redirects ?a=&b= to the path form; in a static
 * site the compare-form island builds the path in the browser.
 */
import type { Context } from "hono";
import type { FrameworkIndex } from "../../../core/model.js";
import { compareLevelsData, compareRolesData, levelCompareHalf } from "../../../core/views/compare.js";
import { html } from "../../components/html.js";
import { occupationTitles } from "../../components/occupation-titles.js";
import { Page } from "../../components/page.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { HttpProblem, problem } from "../../middleware/errors.js";
import { frameworkOr } from "../../middleware/framework.js";
import { validate } from "../../middleware/validate.js";
import { chooserQuery } from "./api.js";
import { ChooserPage, type ChooserState } from "./chooser.page.js";
import { CompareLevelsPage } from "./compare-levels.page.js";
import { CompareRolesPage } from "./compare-roles.page.js";
import { halfScript } from "./halves.js";

export function compareRoutes(app: App, { registry }: RouteDeps): void {
  compareApiRoutes(app, registry);
  levelCompareRoutes(app, registry);
  roleCompareRoutes(app, registry);
}

type Registry = RouteDeps["registry"];

/** The comparisons as JSON, and one level's half of a comparison as a script for the static site. */
function compareApiRoutes(app: App, registry: Registry): void {
  app.get("/api/frameworks/:fw/compare/:a/:b", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const data = compareLevelsData(found.index, c.req.param("a"), c.req.param("b"));
    if ("unknown" in data) return unknownIds(c, "level", data.unknown);
    return c.json(data);
  });

  app.get("/api/frameworks/:fw/compare-roles/:a/:b", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const data = compareRolesData(
      found.index,
      c.req.param("a"),
      c.req.param("b"),
      occupationTitles(registry),
    );
    if ("unknown" in data) return unknownIds(c, "role", data.unknown);
    return c.json(data);
  });

  // One level's half of a comparison, as a classic script: a static site's compare form loads two of them
  // and compares the levels in the browser (pairs its pages do not link to are not pre-rendered).
  app.get("/frameworks/:fw/levels/:level/compare.js", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const half = levelCompareHalf(found.index, c.req.param("level"));
    if (!half) return unknownIds(c, "level", [c.req.param("level")]);
    return c.body(halfScript(half), 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });
}

/** The level chooser and two levels compared. */
function levelCompareRoutes(app: App, registry: Registry): void {
  // The level chooser: ?a=&b= redirects to the comparison, no query shows the form.
  app.get(
    "/frameworks/:fw/compare/",
    validate("query", chooserQuery, { page: chooserProblem(registry, "levels") }),
    (c) => {
      const found = frameworkOr(c, registry);
      if (found instanceof Response) return found;
      const { index } = found;
      const { a = "", b = "" } = c.req.valid("query");
      const asked = c.req.query("a") !== undefined || c.req.query("b") !== undefined;
      if (!asked) return chooserPage(c, index, "levels", 200, {});
      if (!a || !b)
        return chooserPage(c, index, "levels", 400, { a, b, message: "Choose two levels to compare." });
      const unknown = [a, b].filter((id) => !index.levels.has(id));
      if (unknown.length)
        return chooserPage(c, index, "levels", 404, {
          a,
          b,
          message: unknownMessage("level", unknown, index),
        });
      if (a === b)
        return chooserPage(c, index, "levels", 400, { a, b, message: sameMessage("level", a, index) });
      return c.redirect(paths.compareLevels(index.framework.id, a, b), 302);
    },
  );

  app.get("/frameworks/:fw/compare/:a/:b/", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const { index } = found;
    const a = c.req.param("a");
    const b = c.req.param("b");
    const data = compareLevelsData(index, a, b);
    if ("unknown" in data)
      return chooserPage(c, index, "levels", 404, {
        a,
        b,
        message: unknownMessage("level", data.unknown, index),
      });
    if (a === b)
      return chooserPage(c, index, "levels", 400, { a, b, message: sameMessage("level", a, index) });
    const links = c.get("links");
    return html(
      c,
      <Page
        title={`${data.a.name} and ${data.b.name} compared · ${data.framework.name}`}
        links={links}
        scripts={["compare-form.js"]}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: data.framework.name, href: links.to(paths.framework(data.framework.id)) },
          { label: "Compare levels", href: links.to(paths.compare(data.framework.id)) },
          { label: `${data.a.name} and ${data.b.name}` },
        ]}
      >
        <CompareLevelsPage data={data} index={index} />
      </Page>,
      200,
    );
  });
}

/** The role chooser and two roles compared. */
function roleCompareRoutes(app: App, registry: Registry): void {
  // The role chooser, like the level chooser.
  app.get(
    "/frameworks/:fw/compare-roles/",
    validate("query", chooserQuery, { page: chooserProblem(registry, "roles") }),
    (c) => {
      const found = frameworkOr(c, registry);
      if (found instanceof Response) return found;
      const { index } = found;
      if (index.roles.size === 0)
        return chooserPage(c, index, "roles", 404, { message: "This framework has no roles." });
      const { a = "", b = "" } = c.req.valid("query");
      const asked = c.req.query("a") !== undefined || c.req.query("b") !== undefined;
      if (!asked) return chooserPage(c, index, "roles", 200, {});
      if (!a || !b)
        return chooserPage(c, index, "roles", 400, { a, b, message: "Choose two roles to compare." });
      const unknown = [a, b].filter((id) => !index.roles.has(id));
      if (unknown.length)
        return chooserPage(c, index, "roles", 404, { a, b, message: unknownMessage("role", unknown, index) });
      if (a === b)
        return chooserPage(c, index, "roles", 400, { a, b, message: sameMessage("role", a, index) });
      return c.redirect(paths.compareRoles(index.framework.id, a, b), 302);
    },
  );

  app.get("/frameworks/:fw/compare-roles/:a/:b/", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const { index } = found;
    const a = c.req.param("a");
    const b = c.req.param("b");
    const data = compareRolesData(index, a, b, occupationTitles(registry));
    if ("unknown" in data)
      return chooserPage(c, index, "roles", 404, {
        a,
        b,
        message: unknownMessage("role", data.unknown, index),
      });
    if (a === b) return chooserPage(c, index, "roles", 400, { a, b, message: sameMessage("role", a, index) });
    const links = c.get("links");
    return html(
      c,
      <Page
        title={`${data.a.name} and ${data.b.name} compared · ${data.framework.name}`}
        links={links}
        scripts={["compare-form.js"]}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: data.framework.name, href: links.to(paths.framework(data.framework.id)) },
          { label: "Compare roles", href: links.to(paths.compareRolesChooser(data.framework.id)) },
          { label: `${data.a.name} and ${data.b.name}` },
        ]}
      >
        <CompareRolesPage data={data} index={index} />
      </Page>,
      200,
    );
  });
}

function sameMessage(kind: "level" | "role", id: string, index: FrameworkIndex): string {
  const name = kind === "level" ? index.levels.get(id)?.name : index.roles.get(id)?.name;
  return `Both sides are ${name ?? id}. Choose two different ${kind}s to compare.`;
}

function unknownMessage(kind: "level" | "role", ids: string[], index: FrameworkIndex): string {
  const list = ids.map((id) => `"${id}"`).join(" or ");
  return `There is no ${kind} ${list} in ${index.framework.name}. Choose from the lists below.`;
}

/** The chooser on its own page (also the answer to a bad or unknown choice, with the message on top). */
function chooserPage(
  c: Context<AppEnv>,
  index: FrameworkIndex,
  kind: "levels" | "roles",
  status: 200 | 400 | 404 | 422,
  state: ChooserState,
): Response {
  return html(c, <ChooserPage links={c.get("links")} index={index} kind={kind} state={state} />, status);
}

/** 404 for ids a comparison does not know: which ones, in `unknown`. */
function unknownIds(c: Context<AppEnv>, kind: "level" | "role", unknown: string[]): Response {
  const detail = `no ${kind} ${unknown.map((id) => `"${id}"`).join(" or ")}`;
  return problem(c, new HttpProblem(404, { detail, extra: { unknown } }));
}

/** A chooser query that fails its schema: the chooser again, saying what was wrong. */
function chooserProblem(registry: Registry, kind: "levels" | "roles") {
  return (c: Context<AppEnv>, errors: { field: string; message: string }[]): Response => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const message = errors.map((e) => `${e.field === "a" ? "The first" : "The second"} choice ${e.message}.`);
    return chooserPage(c, found.index, kind, 422, { message: message.join(" ") });
  };
}
