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
import type { GoalDocument } from "../../../core/goals.js";
import { goalsJson, goalsMarkdown, goalsText } from "../../../core/goals-render.js";
import type { FrameworkIndex } from "../../../core/model.js";
import { isolated, quoted } from "../../../core/text.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { personalGoals } from "../../../services/goals.js";
import { html } from "../../components/html.js";
import { type Crumb, Page } from "../../components/page.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { type FieldError, HttpProblem } from "../../middleware/errors.js";
import { frameworkOr } from "../../middleware/framework.js";
import { describeFieldErrors, fieldErrors } from "../../middleware/validate.js";
import { areaGoalsPath, type GoalParts, goalAreas, goalDocument, goalsOfArea } from "./areas.js";
import { LevelList, PicksForm, RoleLevelList, RoleList } from "./choosers.js";
import { GoalPage, goalHeading, Problems } from "./goal.page.js";
import {
  goalQuery,
  options,
  type ParsedPicks,
  parsePicks,
  personalQuerySchema,
  queryValues,
  readGoalQuery,
} from "./requests.js";

export { goalPartPaths } from "./areas.js";
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

/**
 * Something asked for is not there (404) or the picks are wrong (400): a problem, answered as problem+json
 * for the API, a line of text for goals.txt and goals.md, and the given page for people.
 */
function failure(
  format: Format,
  status: 400 | 404,
  detail: string,
  page: (c: Ctx) => Response,
  extra: Record<string, unknown> = {},
): HttpProblem {
  return new HttpProblem(status, {
    detail,
    extra,
    page: format === "html" ? page : (c) => c.text(`${detail}\n`, status),
  });
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
  app.get("/frameworks/:fw/roles/:role/goals/:level/areas/:area/", (c) => roleLevel(registry, c, "html"));

  app.get("/api/frameworks/:fw/levels/:level/goals", (c) => levelAlone(registry, c, "json"));
  app.get("/frameworks/:fw/levels/:level/goals/goals.txt", (c) => levelAlone(registry, c, "txt"));
  app.get("/frameworks/:fw/levels/:level/goals/goals.md", (c) => levelAlone(registry, c, "md"));
  app.get("/frameworks/:fw/levels/:level/goals/", (c) => levelAlone(registry, c, "html"));
  app.get("/frameworks/:fw/levels/:level/goals/areas/:area/", (c) => levelAlone(registry, c, "html"));

  app.get("/api/frameworks/:fw/goals/personal", (c) => personal(registry, c, "json"));
  app.get("/frameworks/:fw/goals/personal/", (c) => personal(registry, c, "html"));
}

const crumbsOf = (c: Ctx, index: FrameworkIndex): Crumb[] => [
  { label: "Frameworks", href: c.get("links").to(paths.home()) },
  { label: index.framework.name, href: c.get("links").to(paths.framework(index.framework.id)) },
];

/** A role at a level, in any format. */
function roleLevel(registry: FrameworkRegistry, c: Ctx, format: Format): Response {
  const found = frameworkOr(c, registry);
  if (found instanceof Response) return found;
  const { index } = found;
  const fw = index.framework.id;
  const roleId = c.req.param("role") ?? "";
  const levelId = c.req.param("level") ?? "";
  const { query, errors } = readGoalQuery(c, format === "html");
  const doc = goalDocument(index, { role: roleId, level: levelId }, options(query));
  const crumbs = crumbsOf(c, index);
  if ("problem" in doc) {
    const role = index.roles.get(roleId);
    if (!role) {
      const message = `There is no role ${quoted(roleId)} in ${isolated(index.framework.name)}.`;
      throw failure(format, 404, `no role ${quoted(roleId)}`, (c) =>
        errorPage(c, 404, "Not found", message, () => <RoleList index={index} />, crumbs),
      );
    }
    const known = index.levels.has(levelId);
    const message = known
      ? `${isolated(role.name)} does not span level ${quoted(levelId)}. Goal templates exist for the levels it spans.`
      : `There is no level ${quoted(levelId)} in ${isolated(index.framework.name)}. Goal templates exist for the levels ${isolated(role.name)} spans.`;
    throw failure(
      format,
      404,
      known ? `role ${quoted(roleId)} does not span level ${quoted(levelId)}` : `no level ${quoted(levelId)}`,
      (c) =>
        errorPage(c, 404, "Not found", message, () => <RoleLevelList index={index} role={roleId} />, [
          ...crumbs,
          { label: role.name, href: c.get("links").to(paths.role(fw, roleId)) },
        ]),
      { levels: role.levels.filter((l) => index.levels.has(l)) },
    );
  }
  if (format !== "html") return respond(c, format, doc);
  const role = doc.subject.type === "role-level" ? doc.subject.roleName : roleId;
  return goalPage(c, index, doc, paths.roleGoals(fw, roleId, levelId), problemLines(errors), [
    ...crumbs,
    { label: role, href: c.get("links").to(paths.role(fw, roleId, levelId)) },
    { label: `Goals at ${isolated(index.levels.get(levelId)?.name ?? levelId)}` },
  ]);
}

/** A level alone, in any format. */
function levelAlone(registry: FrameworkRegistry, c: Ctx, format: Format): Response {
  const found = frameworkOr(c, registry);
  if (found instanceof Response) return found;
  const { index } = found;
  const fw = index.framework.id;
  const levelId = c.req.param("level") ?? "";
  const { query, errors } = readGoalQuery(c, format === "html");
  const doc = goalDocument(index, { level: levelId }, options(query));
  const crumbs = crumbsOf(c, index);
  if ("problem" in doc) {
    const message = `There is no level ${quoted(levelId)} in ${isolated(index.framework.name)}.`;
    throw failure(format, 404, `no level ${quoted(levelId)}`, (c) =>
      errorPage(c, 404, "Not found", message, () => <LevelList index={index} />, crumbs),
    );
  }
  const level = index.levels.get(levelId);
  return format !== "html"
    ? respond(c, format, doc)
    : goalPage(c, index, doc, paths.levelGoals(fw, levelId), problemLines(errors), [
        ...crumbs,
        { label: level?.title ?? level?.name ?? levelId, href: c.get("links").to(paths.level(fw, levelId)) },
        { label: "Goal templates" },
      ]);
}

/** Field errors as the lines a page's notice lists. */
const problemLines = (errors: FieldError[]) => errors.map((e) => describeFieldErrors([e]));

/**
 * The role personal goals are for: the one asked for ("" for none), else the signed-in person's where this
 * framework has it. An answer that may follow the person is theirs alone: it is marked private, so neither
 * the page cache nor a shared cache hands it (or an anonymous one) to someone else.
 */
function roleOf(c: Ctx, index: FrameworkIndex, asked: string | undefined): string | undefined {
  if (asked !== undefined || index.roles.size === 0) return asked;
  c.header("Cache-Control", "private, no-store");
  const person = c.get("viewer")?.person;
  const mine = person?.framework === c.req.param("fw") ? person?.role : undefined;
  return mine && index.roles.has(mine) ? mine : undefined;
}

/** Personal goals from picks, as a page (with the picking form) or JSON. */
function personal(registry: FrameworkRegistry, c: Ctx, format: "html" | "json"): Response {
  const found = frameworkOr(c, registry);
  if (found instanceof Response) return found;
  const { index } = found;
  const fw = index.framework.id;
  const links = c.get("links");
  const crumbs = [...crumbsOf(c, index), { label: "Personal goals" }];
  const parsed = personalQuerySchema().safeParse(queryValues(c));
  const errors = parsed.success ? [] : fieldErrors(parsed.error);
  if (format === "json" && errors.length) {
    throw new HttpProblem(422, { detail: describeFieldErrors(errors), errors });
  }
  const asked = parsed.success ? parsed.data : {};
  const picks = parsePicks(index, asked.pick ?? [], asked.target || undefined, roleOf(c, index, asked.role));
  const query = parsed.success ? goalQuery(parsed.data, true) : { fill: {} };
  const problems = [...picks.problems, ...problemLines(errors)];
  if (format === "json") {
    if (problems.length) throw new HttpProblem(400, { detail: problems.join("; ") });
    if (!picks.input)
      throw new HttpProblem(400, { detail: "pick is required: ?pick=<competency>:<level>,…" });
    return respond(c, "json", personalGoals(index, picks.input, options(query)));
  }
  if (!picks.input || picks.problems.length) {
    return html(
      c,
      <Page
        title={`Personal goals · ${isolated(index.framework.name)}`}
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
        <PicksForm index={index} picks={picks.given} target={picks.target} role={picks.role} open />
      </Page>,
      problems.length ? 400 : 200,
    );
  }
  const doc = personalGoals(index, picks.input, options(query));
  return goalPage(c, index, doc, paths.personalGoals(fw), problemLines(errors), crumbs, picks);
}

/**
 * The share of a goal document its page shows: all of it, or for a page in parts (areas.tsx) the goals of
 * no area on the page itself and an area's goals on that area's page (`:area`; 404 when there is no such part).
 */
function pageShare(
  c: Ctx,
  index: FrameworkIndex,
  doc: GoalDocument,
  pagePath: string,
  crumbs: Crumb[],
): { doc: GoalDocument; parts?: GoalParts; crumbs: Crumb[] } {
  const areas = goalAreas(index, doc);
  const area = c.req.param("area");
  if (area === undefined)
    return areas.length
      ? { doc: goalsOfArea(index, doc, undefined), parts: { areas, wholePath: pagePath }, crumbs }
      : { doc, crumbs };
  const current = areas.find((a) => a.id === area);
  const whole = { label: goalHeading(doc).title, href: c.get("links").to(pagePath) };
  if (!current) {
    const message = areas.length
      ? `There is no area ${quoted(area)} among these goals.`
      : "These goals are all on one page.";
    throw failure("html", 404, `no part ${quoted(area)}`, (c) =>
      errorPage(c, 404, "Not found", message, () => <a href={whole.href}>{whole.label}</a>, crumbs),
    );
  }
  const parts = { areas, current, wholePath: pagePath };
  return {
    doc: goalsOfArea(index, doc, area),
    parts,
    crumbs: [...crumbs.slice(0, -1), whole, { label: current.name }],
  };
}

/** A goal document as its page (422 when the query had problems: the page shows every kind instead). */
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
  const share = picks ? { doc, crumbs } : pageShare(c, index, doc, pagePath, crumbs);
  const part = share.parts?.current ? `: ${isolated(share.parts.current.name)}` : "";
  return html(
    c,
    <Page
      title={`${heading.title}${part} · ${isolated(doc.framework.name)}`}
      links={links}
      crumbs={share.crumbs}
      scripts={["goals.js"]}
      kind="goals"
      description={heading.title}
    >
      <GoalPage
        index={index}
        doc={share.doc}
        pagePath={share.parts?.current ? areaGoalsPath(pagePath, share.parts.current.id) : pagePath}
        problems={problems}
        picks={picks}
        wantedKind={c.req.query("kind")}
        parts={share.parts}
      />
    </Page>,
    problems.length ? 422 : 200,
  );
}
