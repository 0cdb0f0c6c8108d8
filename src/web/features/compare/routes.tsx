/**
 * Comparing two levels (word-level diff per competency and dimension) and two roles, the choosers that lead
 * there, and their JSON. The choosers are GET forms: the server redirects ?a=&b= to the path form; in a static
 * site the compare-form island builds the path in the browser.
 */

import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { FrameworkIndex } from "../../../core/model.js";
import { isolated } from "../../../core/text.js";
import { compareLevelsData, compareRolesData, levelCompareHalf } from "../../../core/views/compare.js";
import { html } from "../../components/html.js";
import { occupationTitles } from "../../components/occupation-titles.js";
import { Page } from "../../components/page.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { HttpProblem, problem } from "../../middleware/errors.js";
import { frameworkOr } from "../../middleware/framework.js";
import { validate } from "../../middleware/validate.js";
import { ChooserPage, type ChooserState } from "./chooser.page.js";
import { CompareLevelsPage } from "./compare-levels.page.js";
import { CompareRolesPage } from "./compare-roles.page.js";
import { halfScript } from "./halves.js";
import { chooserQuery } from "./requests.js";

export function compareRoutes(app: App, { registry }: RouteDeps): void {
  compareApiRoutes(app, registry);
  for (const pair of pairKinds(registry)) pairCompareRoutes(app, registry, pair);
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

/** What differs between comparing two levels and comparing two roles. */
interface PairKind {
  kind: "levels" | "roles";
  one: "level" | "role";
  chooserPath: string;
  crumb: string;
  has(index: FrameworkIndex, id: string): boolean;
  /** Why there is nothing to choose from, when there is not. */
  none?(index: FrameworkIndex): string | undefined;
  /** The two compared ("A and B") and their page, or the ids the framework lacks. */
  page(index: FrameworkIndex, a: string, b: string): { pair: string; body: Child } | { unknown: string[] };
  pairPath(fw: string, a: string, b: string): string;
  chooserHref(fw: string): string;
}

function pairKinds(registry: Registry): PairKind[] {
  return [
    {
      kind: "levels",
      one: "level",
      chooserPath: "/frameworks/:fw/compare/",
      crumb: "Compare levels",
      has: (index, id) => index.levels.has(id),
      page(index, a, b) {
        const data = compareLevelsData(index, a, b);
        if ("unknown" in data) return data;
        return {
          pair: `${isolated(data.a.name)} and ${isolated(data.b.name)}`,
          body: <CompareLevelsPage data={data} index={index} />,
        };
      },
      pairPath: paths.compareLevels,
      chooserHref: paths.compare,
    },
    {
      kind: "roles",
      one: "role",
      chooserPath: "/frameworks/:fw/compare-roles/",
      crumb: "Compare roles",
      has: (index, id) => index.roles.has(id),
      none: (index) => (index.roles.size === 0 ? "This framework has no roles." : undefined),
      page(index, a, b) {
        const data = compareRolesData(index, a, b, occupationTitles(registry));
        if ("unknown" in data) return data;
        return {
          pair: `${isolated(data.a.name)} and ${isolated(data.b.name)}`,
          body: <CompareRolesPage data={data} index={index} />,
        };
      },
      pairPath: paths.compareRoles,
      chooserHref: paths.compareRolesChooser,
    },
  ];
}

/**
 * A chooser and two things compared. The chooser: ?a=&b= redirects to the comparison, no query shows the
 * form, a bad choice shows the form again with what was wrong.
 */
function pairCompareRoutes(app: App, registry: Registry, pair: PairKind): void {
  app.get(
    pair.chooserPath,
    validate("query", chooserQuery, { page: chooserProblem(registry, pair.kind) }),
    (c) => {
      const found = frameworkOr(c, registry);
      if (found instanceof Response) return found;
      const { index } = found;
      const none = pair.none?.(index);
      if (none) return chooserPage(c, index, pair.kind, 404, { message: none });
      const { a = "", b = "" } = c.req.valid("query");
      const asked = c.req.query("a") !== undefined || c.req.query("b") !== undefined;
      if (!asked) return chooserPage(c, index, pair.kind, 200, {});
      if (!a || !b)
        return chooserPage(c, index, pair.kind, 400, {
          a,
          b,
          message: `Choose two ${pair.kind} to compare.`,
        });
      const unknown = [a, b].filter((id) => !pair.has(index, id));
      if (unknown.length)
        return chooserPage(c, index, pair.kind, 404, {
          a,
          b,
          message: unknownMessage(pair.one, unknown, index),
        });
      if (a === b)
        return chooserPage(c, index, pair.kind, 400, { a, b, message: sameMessage(pair.one, a, index) });
      return c.redirect(pair.pairPath(index.framework.id, a, b), 302);
    },
  );

  app.get(`${pair.chooserPath}:a/:b/`, (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const { index } = found;
    // the route is built from the kind's path, so Hono cannot type its params: both are always there
    const a = c.req.param("a") ?? "";
    const b = c.req.param("b") ?? "";
    const page = pair.page(index, a, b);
    if ("unknown" in page)
      return chooserPage(c, index, pair.kind, 404, {
        a,
        b,
        message: unknownMessage(pair.one, page.unknown, index),
      });
    if (a === b)
      return chooserPage(c, index, pair.kind, 400, { a, b, message: sameMessage(pair.one, a, index) });
    const links = c.get("links");
    const fw = index.framework;
    return html(
      c,
      <Page
        title={`${page.pair} compared · ${isolated(fw.name)}`}
        links={links}
        scripts={["compare-form.js"]}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: fw.name, href: links.to(paths.framework(fw.id)) },
          { label: pair.crumb, href: links.to(pair.chooserHref(fw.id)) },
          { label: page.pair },
        ]}
      >
        {page.body}
      </Page>,
      200,
    );
  });
}

function sameMessage(kind: "level" | "role", id: string, index: FrameworkIndex): string {
  const name = kind === "level" ? index.levels.get(id)?.name : index.roles.get(id)?.name;
  return `Both sides are ${isolated(name ?? id)}. Choose two different ${kind}s to compare.`;
}

function unknownMessage(kind: "level" | "role", ids: string[], index: FrameworkIndex): string {
  const list = ids.map((id) => `"${id}"`).join(" or ");
  return `There is no ${kind} ${list} in ${isolated(index.framework.name)}. Choose from the lists below.`;
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
