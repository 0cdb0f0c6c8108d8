/**
 * The job architecture across every loaded framework: the adjacent-roles panel of a role profile, two levels
 * or two role-levels of (possibly) different frameworks side by side, the level equivalence table, the
 * occupation codes roles are mapped to, and roles found by title. Each page's data is one function of
 * src/core/views/architecture.ts, also served as JSON under /api/.
 */

import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { isolated } from "../../../core/text.js";
import {
  ADJACENT_LIMIT,
  adjacentData,
  compareAcrossLevelsData,
  compareRoleLevelsData,
  equivalenceData,
  equivalentLevels,
  spannedLevels,
} from "../../../core/views/architecture.js";
import { occupationData, occupationsData, rolesByTitle } from "../../../core/views/occupations.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { frameworkIndexes } from "../../../services/frameworks.js";
import { html } from "../../components/html.js";
import { occupationTitles } from "../../components/occupation-titles.js";
import { Page } from "../../components/page.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { HttpProblem, problem } from "../../middleware/errors.js";
import { frameworkOr } from "../../middleware/framework.js";
import { validate } from "../../middleware/validate.js";
import { CompareAcrossLevelsPage } from "./compare-levels.page.js";
import { CompareRoleLevelsPage } from "./compare-role-levels.page.js";
import { AcrossChooser, ChooserSection, EquivalencePage, rowPairs } from "./equivalence.page.js";
import { codeForSlug, OccupationPage, OccupationsPage } from "./occupations.page.js";
import { adjacentQuery, chooserQuery, describeUnknown, quoteList, titleQuery } from "./requests.js";
import { TitleForm, TitleMatches } from "./roles-by-title.page.js";

/** A 404 for something unknown: JSON with `error` (and `extra`), or the friendly not-found page. */
function unknownThing(
  c: Context<AppEnv>,
  _registry: FrameworkRegistry,
  what: string,
  extra: Record<string, unknown> = {},
): Response {
  return problem(c, new HttpProblem(404, { detail: `no ${what}`, what, extra }));
}

/** A 400: JSON with `error`, or a page saying what to do instead. */
function badRequest(c: Context<AppEnv>, message: string): Response {
  return problem(c, new HttpProblem(400, { detail: message, page: (c) => badRequestPage(c, message) }));
}

function badRequestPage(c: Context<AppEnv>, message: string): Response {
  const links = c.get("links");
  return html(
    c,
    <Page title="Bad request" links={links}>
      <h1>That request cannot be answered</h1>
      <p class="notice" role="alert">
        {message}
      </p>
      <p>
        <a href={links.to(paths.equivalence())}>Level equivalence</a> ·{" "}
        <a href={links.to(paths.occupations())}>Occupation codes</a> ·{" "}
        <a href={links.to(paths.home())}>All frameworks</a>
      </p>
    </Page>,
    400,
  );
}

export function architectureRoutes(app: App, { registry }: RouteDeps): void {
  adjacentRoutes(app, registry);
  acrossLevelRoutes(app, registry);
  levelChooserRoute(app, registry);
  roleLevelRoutes(app, registry);
  equivalenceRoutes(app, registry);
  occupationRoutes(app, registry);
  titleRoutes(app, registry);
}

/** The adjacent roles of a role-level, as JSON (the panel itself is part of the role page). */
function adjacentRoutes(app: App, registry: FrameworkRegistry): void {
  const indexes = () => frameworkIndexes(registry);
  app.get("/api/frameworks/:fw/roles/:role/adjacent", validate("query", adjacentQuery), (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const { level, limit = ADJACENT_LIMIT } = c.req.valid("query");
    const data = adjacentData(indexes(), found.index.framework.id, c.req.param("role"), level, limit);
    if ("problem" in data) {
      if (data.problem === "role") return unknownThing(c, registry, `role "${data.role}"`);
      if (data.problem === "framework") return unknownThing(c, registry, `framework "${data.framework}"`);
      throw new HttpProblem(400, {
        detail: `the role has no level "${data.level}"; level must be one of the levels it spans`,
        extra: { levels: data.levels },
      });
    }
    return c.json(data);
  });
}

/** Two levels of (possibly) different frameworks side by side, as a page and as JSON. */
function acrossLevelRoutes(app: App, registry: FrameworkRegistry): void {
  const indexes = () => frameworkIndexes(registry);
  const acrossLevels = (c: Context<AppEnv>) => {
    const [fwA, a, fwB, b] = ["fwA", "a", "fwB", "b"].map((k) => c.req.param(k) ?? "") as [
      string,
      string,
      string,
      string,
    ];
    const data = compareAcrossLevelsData(indexes(), fwA, a, fwB, b);
    if ("unknown" in data)
      return { error: unknownThing(c, registry, describeUnknown(data.unknown), { unknown: data.unknown }) };
    if (fwA === fwB && a === b)
      return { error: badRequest(c, "Both sides are the same level. Choose two different levels.") };
    return { data };
  };
  app.get("/api/compare-across/levels/:fwA/:a/:fwB/:b", (c) => {
    const r = acrossLevels(c);
    return r.error ?? c.json(r.data);
  });
  app.get("/compare-across/levels/:fwA/:a/:fwB/:b/", (c) => {
    const r = acrossLevels(c);
    if (r.error) return r.error;
    const data = r.data;
    const links = c.get("links");
    const title = `${isolated(data.a.level.name)} (${isolated(data.a.framework.name)}) and ${isolated(data.b.level.name)} (${isolated(data.b.framework.name)})`;
    return html(
      c,
      <Page
        title={`${title} compared`}
        links={links}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: "Level equivalence", href: links.to(paths.equivalence()) },
          { label: title },
        ]}
      >
        <CompareAcrossLevelsPage data={data} />
      </Page>,
    );
  });
}

/** The chooser's GET form: ?a=fw:level&b=fw:level → the comparison's own path. */
function levelChooserRoute(app: App, registry: FrameworkRegistry): void {
  const indexes = () => frameworkIndexes(registry);
  app.get("/compare-across/levels/", (c) => {
    const data = equivalenceData(indexes());
    const ra = c.req.query("a");
    const rb = c.req.query("b");
    const page = (status: 200 | 400 | 404 | 422, message?: string) => {
      const links = c.get("links");
      return html(
        c,
        <Page
          title="Compare two levels across frameworks"
          links={links}
          crumbs={[
            { label: "Frameworks", href: links.to(paths.home()) },
            { label: "Level equivalence", href: links.to(paths.equivalence()) },
            { label: "Compare two levels" },
          ]}
        >
          <h1>Compare two levels across frameworks</h1>
          {message ? (
            <p class="notice" role="alert">
              {message}
            </p>
          ) : null}
          <AcrossChooser data={data} a={ra} b={rb} />
          <p>
            <a href={links.to(paths.equivalence())}>The level equivalence table</a>
          </p>
        </Page>,
        status,
      );
    };
    if (ra === undefined && rb === undefined) return page(200);
    const chosen = chooserQuery().safeParse({ a: ra ?? "", b: rb ?? "" });
    if (!chosen.success) return page(422, "Choose two levels to compare (each as framework:level).");
    const { a, b } = chosen.data;
    const all = indexes();
    const unknown = [a, b]
      .filter((x) => !all.get(x.fw)?.levels.has(x.level))
      .map((x) => `${x.fw}:${x.level}`);
    if (unknown.length)
      return page(404, `There is no level ${quoteList(unknown)}. Choose from the lists below.`);
    if (a.fw === b.fw && a.level === b.level)
      return page(400, "Both sides are the same level. Choose two different levels.");
    if (a.fw === b.fw) return c.redirect(paths.compareLevels(a.fw, a.level, b.level), 302);
    return c.redirect(paths.compareAcrossLevels(a.fw, a.level, b.fw, b.level), 302);
  });
}

/** Two role-levels of (possibly) different frameworks side by side, as a page and as JSON. */
function roleLevelRoutes(app: App, registry: FrameworkRegistry): void {
  const indexes = () => frameworkIndexes(registry);
  const roleLevels = (c: Context<AppEnv>) => {
    const p = (k: string) => c.req.param(k) ?? "";
    const a = { framework: p("fwA"), role: p("roleA"), level: p("levelA") };
    const b = { framework: p("fwB"), role: p("roleB"), level: p("levelB") };
    const data = compareRoleLevelsData(indexes(), a, b, occupationTitles(registry));
    if ("unknown" in data)
      return { error: unknownThing(c, registry, describeUnknown(data.unknown), { unknown: data.unknown }) };
    if (a.framework === b.framework && a.role === b.role && a.level === b.level)
      return { error: badRequest(c, "Both sides are the same role-level. Choose two different ones.") };
    return { data };
  };
  app.get("/api/compare-across/role-levels/:fwA/:roleA/:levelA/:fwB/:roleB/:levelB", (c) => {
    const r = roleLevels(c);
    return r.error ?? c.json(r.data);
  });
  app.get("/compare-across/role-levels/:fwA/:roleA/:levelA/:fwB/:roleB/:levelB/", (c) => {
    const r = roleLevels(c);
    if (r.error) return r.error;
    const data = r.data;
    const links = c.get("links");
    const label = `${isolated(data.a.role.name)} at ${isolated(data.a.level.name)} and ${isolated(data.b.role.name)} at ${isolated(data.b.level.name)}`;
    return html(
      c,
      <Page
        title={`${label} compared`}
        links={links}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: data.a.framework.name, href: links.to(paths.framework(data.a.framework.id)) },
          {
            label: data.a.role.name,
            href: links.to(paths.role(data.a.framework.id, data.a.role.id, data.a.level.id)),
          },
          { label: `Compared with ${isolated(data.b.role.name)} at ${isolated(data.b.level.name)}` },
        ]}
      >
        <CompareRoleLevelsPage data={data} />
      </Page>,
    );
  });
}

/** The level equivalence table, as a page and as JSON. */
function equivalenceRoutes(app: App, registry: FrameworkRegistry): void {
  const indexes = () => frameworkIndexes(registry);
  app.get("/api/equivalence", (c) => c.json(equivalenceData(indexes())));
  app.get("/equivalence/", (c) => {
    const data = equivalenceData(indexes());
    const links = c.get("links");
    return html(
      c,
      <Page
        title="Level equivalence"
        links={links}
        kind="landscape"
        crumbs={[{ label: "Frameworks", href: links.to(paths.home()) }, { label: "Level equivalence" }]}
      >
        <EquivalencePage data={data} form={<ChooserSection data={data} />} />
      </Page>,
    );
  });
}

/** The occupation codes roles are mapped to, and one code's roles, as pages and as JSON. */
function occupationRoutes(app: App, registry: FrameworkRegistry): void {
  const indexes = () => frameworkIndexes(registry);
  app.get("/api/occupations", (c) => c.json(occupationsData(indexes(), registry.occupations)));
  const occupation = (c: Context<AppEnv>) => {
    const scheme = c.req.param("scheme") ?? "";
    const slug = c.req.param("slug") ?? "";
    const all = occupationsData(indexes(), registry.occupations);
    const code = codeForSlug(all, scheme, slug);
    const data =
      code === undefined ? undefined : occupationData(indexes(), registry.occupations, scheme, code);
    if (!data) return { error: unknownThing(c, registry, `${scheme} code "${slug}" mapped to any role`) };
    return { data };
  };
  app.get("/api/occupations/:scheme/:slug", (c) => {
    const r = occupation(c);
    return r.error ?? c.json(r.data);
  });
  app.get("/occupations/", (c) => {
    const data = occupationsData(indexes(), registry.occupations);
    const links = c.get("links");
    return html(
      c,
      <Page
        title="Occupation codes"
        links={links}
        crumbs={[{ label: "Frameworks", href: links.to(paths.home()) }, { label: "Occupation codes" }]}
      >
        <OccupationsPage data={data} />
      </Page>,
    );
  });
  app.get("/occupations/:scheme/:slug/", (c) => {
    const r = occupation(c);
    if (r.error) return r.error;
    const data = r.data;
    const links = c.get("links");
    return html(
      c,
      <Page
        title={`${isolated(data.title ?? data.code)} · ${data.schemeName}`}
        links={links}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: "Occupation codes", href: links.to(`${paths.occupations()}#scheme-${data.scheme}`) },
          { label: `${data.schemeName} ${data.code}` },
        ]}
      >
        <OccupationPage data={data} />
      </Page>,
    );
  });
}

/** Roles found by a job title, as a page and as JSON. */
function titleRoutes(app: App, registry: FrameworkRegistry): void {
  const indexes = () => frameworkIndexes(registry);
  app.get("/api/roles", validate("query", titleQuery), (c) => {
    const { title } = c.req.valid("query");
    return c.json({ title, matches: rolesByTitle(indexes(), title) });
  });
  app.get("/roles/by-title/", (c) => {
    const links = c.get("links");
    const raw = c.req.query("title");
    const parsed = raw === undefined ? undefined : titleQuery().safeParse({ title: raw });
    const title = parsed?.success ? parsed.data.title : undefined;
    const page = (status: 200 | 404 | 422, body: Child) =>
      html(
        c,
        <Page
          title={title ? `Roles called “${title}”` : "Find a role by title"}
          links={links}
          crumbs={[{ label: "Frameworks", href: links.to(paths.home()) }, { label: "Find a role by title" }]}
        >
          {body}
        </Page>,
        status,
      );
    if (raw === undefined)
      return page(
        200,
        <>
          <h1>Find a role by title</h1>
          <p>Type a job title people use; rungs finds the role with that name or alias in every framework.</p>
          <TitleForm />
        </>,
      );
    if (title === undefined)
      return page(
        422,
        <>
          <h1>Find a role by title</h1>
          <p class="notice" role="alert">
            {(raw ?? "").trim() === ""
              ? "Type a job title to look for."
              : "The title is too long or has control characters. Type a job title of at most 200 characters."}
          </p>
          <TitleForm />
        </>,
      );
    const matches = rolesByTitle(indexes(), title);
    const only = matches[0];
    if (matches.length === 1 && only) return c.redirect(paths.role(only.framework.id, only.role.id), 302);
    if (matches.length > 1) return page(200, <TitleMatches title={title} matches={matches} />);
    return page(
      404,
      <>
        <h1>{`No role is called “${title}”`}</h1>
        <p>
          No role of a loaded framework has this name or alias.{" "}
          <a href={links.to(paths.search(title))}>{`Search for “${title}”`}</a> to find it in role summaries,
          levels and expectations.
        </p>
        <TitleForm title={title} />
      </>,
    );
  });
}

/** Site paths of the architecture pages a static build writes (see site-map.ts). */
export function architecturePaths(registry: FrameworkRegistry): string[] {
  const all = frameworkIndexes(registry);
  const out = new Set<string>([paths.equivalence(), paths.occupations()]);
  const occupations = occupationsData(all, registry.occupations);
  for (const s of occupations.schemes)
    for (const code of s.codes) out.add(paths.occupation(s.scheme, code.code));
  // role-level pairs linked from every level's adjacent-roles panel
  for (const [fw, index] of all) {
    for (const role of index.roles.values()) {
      for (const level of spannedLevels(index, role)) {
        const panel = adjacentData(all, fw, role.id, level);
        if (!("adjacent" in panel)) continue;
        // the panel compares with each other role at its nearest level
        for (const a of panel.roles.flatMap((g) => g.levels.slice(0, 1)))
          out.add(
            paths.compareRoleLevels(fw, role.id, level, a.target.framework, a.target.role, a.target.level),
          );
      }
    }
  }
  // level pairs linked from level pages and from the equivalence table
  for (const [fw, index] of all) {
    for (const level of index.levelOrder)
      for (const cell of equivalentLevels(all, fw, level))
        out.add(paths.compareAcrossLevels(fw, level, cell.framework, cell.level));
  }
  const table = equivalenceData(all);
  for (const row of table.rows)
    for (const [x, y] of rowPairs(table, row))
      out.add(paths.compareAcrossLevels(x.framework, x.level, y.framework, y.level));
  return [...out];
}
