/**
 * Goal templates: a role at a level (/frameworks/:fw/roles/:role/goals/:level/), a level alone
 * (/frameworks/:fw/levels/:level/goals/) and personal goals from mirror picks
 * (/frameworks/:fw/goals/personal/?pick=<competency>:<level>,…&target=<level>), each as a page, as plain text
 * (goals.txt), as Markdown (goals.md) and as JSON under /api/. The goals come from src/core/goals.ts and quote
 * the framework line by line; this module only parses the query and presents.
 *
 * Placeholders (⟨baseline⟩, ⟨target⟩, ⟨date⟩) are filled from GET parameters on the server, so the fill-in
 * form works without JavaScript; the goals island fills them live, turns the four kinds into tabs and adds
 * the copy buttons.
 */
import type { Context } from "hono";
import type { FC } from "hono/jsx";
import {
  type GoalDocument,
  goalsForLevel,
  goalsForRoleLevel,
  goalsFromAssessment,
} from "../../../core/goals.js";
import { goalsJson, goalsMarkdown, goalsText } from "../../../core/goals-render.js";
import type { FrameworkIndex } from "../../../core/model.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { html } from "../../components/html.js";
import { type Crumb, Page } from "../../components/page.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { frameworkOr } from "../../middleware/framework.js";
import {
  GoalPage,
  goalHeading,
  LevelList,
  PicksForm,
  Problems,
  RoleLevelList,
  RoleList,
} from "./goal.page.js";
import { goalQuery, options, type ParsedPicks, parsePicks } from "./requests.js";

export { goalFiles } from "./goal.page.js";

type Ctx = Context<AppEnv>;
type Format = "html" | "txt" | "md" | "json";

function respond(c: Ctx, format: Exclude<Format, "html">, doc: GoalDocument): Response {
  if (format === "json")
    return c.body(goalsJson(doc), 200, { "Content-Type": "application/json; charset=utf-8" });
  if (format === "md")
    return c.body(goalsMarkdown(doc), 200, { "Content-Type": "text/markdown; charset=utf-8" });
  return c.body(goalsText(doc), 200, { "Content-Type": "text/plain; charset=utf-8" });
}

/** An error in the asked format: JSON `{error}`, a line of text, or (html) the given page. */
function fail(
  c: Ctx,
  format: Format,
  status: 400 | 404,
  message: string,
  page: () => Response,
  extra: Record<string, unknown> = {},
): Response {
  if (format === "json") return c.json({ error: message, ...extra }, status);
  if (format === "html") return page();
  return c.text(`${message}\n`, status);
}

/** A friendly error page with a way on. */
function errorPage(
  c: Ctx,
  status: 400 | 404,
  title: string,
  message: string,
  body: FC,
  crumbs: Crumb[] = [],
): Response {
  const links = c.get("links");
  const Body = body;
  return html(
    c,
    <Page title={title} links={links} crumbs={crumbs}>
      <h1>{title}</h1>
      <p>{message}</p>
      <Body />
    </Page>,
    status,
  );
}

export function goalRoutes(app: App, { registry }: RouteDeps): void {
  app.get("/api/frameworks/:fw/roles/:role/goals/:level", (c) => roleLevel(registry, c, "json"));
  app.get("/frameworks/:fw/roles/:role/goals/:level/goals.txt", (c) => roleLevel(registry, c, "txt"));
  app.get("/frameworks/:fw/roles/:role/goals/:level/goals.md", (c) => roleLevel(registry, c, "md"));
  app.get("/frameworks/:fw/roles/:role/goals/:level/", (c) => roleLevel(registry, c, "html"));

  app.get("/api/frameworks/:fw/levels/:level/goals", (c) => levelAlone(registry, c, "json"));
  app.get("/frameworks/:fw/levels/:level/goals/goals.txt", (c) => levelAlone(registry, c, "txt"));
  app.get("/frameworks/:fw/levels/:level/goals/goals.md", (c) => levelAlone(registry, c, "md"));
  app.get("/frameworks/:fw/levels/:level/goals/", (c) => levelAlone(registry, c, "html"));

  app.get("/api/frameworks/:fw/goals/personal", (c) => personal(registry, c, "json"));
  app.get("/frameworks/:fw/goals/personal/", (c) => personal(registry, c, "html"));
}

/** A role at a level, in any format. */
function roleLevel(registry: FrameworkRegistry, c: Ctx, format: Format): Response {
  const found = frameworkOr(c, registry);
  if (found instanceof Response) return found;
  const { index } = found;
  const fw = index.framework.id;
  const roleId = c.req.param("role") ?? "";
  const levelId = c.req.param("level") ?? "";
  const role = index.roles.get(roleId);
  const crumbs = [
    { label: "Frameworks", href: c.get("links").to(paths.home()) },
    { label: index.framework.name, href: c.get("links").to(paths.framework(fw)) },
  ];
  if (!role) {
    const message = `There is no role "${roleId}" in ${index.framework.name}.`;
    return fail(c, format, 404, `no role "${roleId}"`, () =>
      errorPage(c, 404, "Not found", message, () => <RoleList index={index} />, crumbs),
    );
  }
  const spans = role.levels.filter((l) => index.levels.has(l));
  if (!spans.includes(levelId)) {
    const known = index.levels.has(levelId);
    const message = known
      ? `${role.name} does not span level "${levelId}". Goal templates exist for the levels it spans.`
      : `There is no level "${levelId}" in ${index.framework.name}. Goal templates exist for the levels ${role.name} spans.`;
    return fail(
      c,
      format,
      404,
      known ? `role "${roleId}" does not span level "${levelId}"` : `no level "${levelId}"`,
      () =>
        errorPage(c, 404, "Not found", message, () => <RoleLevelList index={index} role={roleId} />, [
          ...crumbs,
          { label: role.name, href: c.get("links").to(paths.role(fw, roleId)) },
        ]),
      { levels: spans },
    );
  }
  const query = goalQuery(c, false);
  if (query.problems.length && format !== "html") {
    return fail(c, format, 400, query.problems.join("; "), () => new Response());
  }
  const doc = goalsForRoleLevel(index, roleId, levelId, options(query));
  if (format !== "html") return respond(c, format, doc);
  return goalPage(c, index, doc, paths.roleGoals(fw, roleId, levelId), query.problems, [
    ...crumbs,
    { label: role.name, href: c.get("links").to(paths.role(fw, roleId, levelId)) },
    { label: `Goals at ${index.levels.get(levelId)?.name ?? levelId}` },
  ]);
}

/** A level alone, in any format. */
function levelAlone(registry: FrameworkRegistry, c: Ctx, format: Format): Response {
  const found = frameworkOr(c, registry);
  if (found instanceof Response) return found;
  const { index } = found;
  const fw = index.framework.id;
  const levelId = c.req.param("level") ?? "";
  const level = index.levels.get(levelId);
  const crumbs = [
    { label: "Frameworks", href: c.get("links").to(paths.home()) },
    { label: index.framework.name, href: c.get("links").to(paths.framework(fw)) },
  ];
  if (!level) {
    const message = `There is no level "${levelId}" in ${index.framework.name}.`;
    return fail(c, format, 404, `no level "${levelId}"`, () =>
      errorPage(c, 404, "Not found", message, () => <LevelList index={index} />, crumbs),
    );
  }
  const query = goalQuery(c, false);
  if (query.problems.length && format !== "html") {
    return fail(c, format, 400, query.problems.join("; "), () => new Response());
  }
  const doc = goalsForLevel(index, levelId, options(query));
  if (format !== "html") return respond(c, format, doc);
  return goalPage(c, index, doc, paths.levelGoals(fw, levelId), query.problems, [
    ...crumbs,
    { label: level.title ?? level.name, href: c.get("links").to(paths.level(fw, levelId)) },
    { label: "Goal templates" },
  ]);
}

/** Personal goals from picks, as a page (with the picking form) or JSON. */
function personal(registry: FrameworkRegistry, c: Ctx, format: "html" | "json"): Response {
  const found = frameworkOr(c, registry);
  if (found instanceof Response) return found;
  const { index } = found;
  const fw = index.framework.id;
  const links = c.get("links");
  const crumbs = [
    { label: "Frameworks", href: links.to(paths.home()) },
    { label: index.framework.name, href: links.to(paths.framework(fw)) },
    { label: "Personal goals" },
  ];
  const picks = parsePicks(index, c.req.queries("pick") ?? [], c.req.query("target"));
  const query = goalQuery(c, true);
  const problems = [...picks.problems, ...query.problems];
  if (format === "json") {
    if (problems.length) return c.json({ error: problems.join("; ") }, 400);
    if (!picks.input) return c.json({ error: "pick is required: ?pick=<competency>:<level>,…" }, 400);
    return respond(c, "json", goalsFromAssessment(index, picks.input, options(query)));
  }
  if (!picks.input || picks.problems.length) {
    return html(
      c,
      <Page
        title={`Personal goals · ${index.framework.name}`}
        links={links}
        crumbs={crumbs}
        scripts={["goals.js"]}
      >
        <h1>Personal goals</h1>
        <p class="goals-lead">
          Pick, for each competency, the level whose expectation describes you today, and the level you are
          aiming for. The goals quote what that level asks where your picks fall short of it. To read each
          level's expectation while you pick, use the mirror on the{" "}
          <a href={links.to(paths.matrix(fw))}>competency matrix</a>: it links back here with your picks.
        </p>
        {problems.length ? <Problems problems={problems} /> : null}
        <PicksForm index={index} picks={picks.given} target={picks.target} open />
      </Page>,
      problems.length ? 400 : 200,
    );
  }
  const doc = goalsFromAssessment(index, picks.input, options(query));
  return goalPage(c, index, doc, paths.personalGoals(fw), query.problems, crumbs, picks);
}

/** A goal document as its page (400 when the request had problems). */
function goalPage(
  c: Ctx,
  index: FrameworkIndex,
  doc: GoalDocument,
  pagePath: string,
  problems: string[],
  crumbs: Crumb[],
  picks?: ParsedPicks,
): Response {
  const links = c.get("links");
  const heading = goalHeading(doc);
  return html(
    c,
    <Page
      title={`${heading.title} · ${doc.framework.name}`}
      links={links}
      crumbs={crumbs}
      scripts={["goals.js"]}
      kind="goals"
      description={heading.title}
    >
      <GoalPage
        index={index}
        doc={doc}
        pagePath={pagePath}
        problems={problems}
        picks={picks}
        wantedKind={c.req.query("kind")}
      />
    </Page>,
    problems.length ? 400 : 200,
  );
}
