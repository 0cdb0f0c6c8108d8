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
  type AssessmentInput,
  GOAL_KINDS,
  type GoalDocument,
  type GoalKind,
  type GoalOptions,
  type GoalSection,
  goalsForLevel,
  goalsForRoleLevel,
  goalsFromAssessment,
  PLACEHOLDERS,
  type PlaceholderName,
} from "../../../core/goals.js";
import { goalsJson, goalsMarkdown, goalsText } from "../../../core/goals-render.js";
import { defaultTarget, mirrorData } from "../../../core/mirror.js";
import { competencySpan, expectationDetail, type FrameworkIndex, levelLabel } from "../../../core/model.js";
import { GoalBlock } from "../../components/goal-block.js";
import { html } from "../../components/html.js";
import { type Crumb, Page, useLinks } from "../../components/page.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { frameworkOr } from "../../middleware/framework.js";

type Ctx = Context<AppEnv>;
type Format = "html" | "txt" | "md" | "json";

/** The plain-text and Markdown files of a goal page live in the page's folder (so a static site has them). */
export const goalFiles = {
  text: (pagePath: string) => `${pagePath}goals.txt`,
  markdown: (pagePath: string) => `${pagePath}goals.md`,
};

/** Longest placeholder value accepted: a goal's baseline, target or date is a phrase, not a document. */
const MAX_FILL = 200;
/** Most picks a personal query may carry (far more than any framework has competencies). */
const MAX_PICKS = 500;
const ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

const KIND_LABEL: Record<GoalKind, string> = {
  smart: "SMART",
  okr: "OKRs",
  mbo: "MBO",
  scorecard: "Scorecard",
};

const PLACEHOLDER_LABEL: Record<PlaceholderName, string> = {
  baseline: "Baseline",
  target: "Target",
  date: "Date",
};

const PLACEHOLDER_HINT: Record<PlaceholderName, string> = {
  baseline: "where things stand today, e.g. a number or a short description",
  target: "where they should be, in the same terms as the baseline",
  date: "when the goal is due",
};

/**
 * The GET parameter that fills a placeholder. On the personal page `target` already names the target level
 * (the mirror's own parameter), so the ⟨target⟩ placeholder is filled by `target-value` there.
 */
export function fillParam(name: PlaceholderName, personal: boolean): string {
  return personal && name === "target" ? "target-value" : name;
}

interface GoalQuery {
  kinds?: GoalKind[];
  fill: Partial<Record<PlaceholderName, string>>;
  problems: string[];
}

/** Reads ?kind= (one or more, comma-separated) and the placeholder values; never throws. */
function goalQuery(c: Ctx, personal: boolean): GoalQuery {
  const problems: string[] = [];
  const asked = (c.req.queries("kind") ?? [])
    .flatMap((k) => k.split(","))
    .map((k) => k.trim())
    .filter(Boolean);
  let kinds: GoalKind[] | undefined;
  if (asked.length) {
    const bad = asked.filter((k) => !(GOAL_KINDS as readonly string[]).includes(k));
    if (bad.length) {
      problems.push(
        `kind must be one of ${GOAL_KINDS.join(", ")} (or several, comma-separated); got ${bad
          .map((k) => `"${k.slice(0, 40)}"`)
          .join(", ")}`,
      );
    } else {
      kinds = GOAL_KINDS.filter((k) => asked.includes(k));
    }
  }
  const fill: Partial<Record<PlaceholderName, string>> = {};
  for (const name of PLACEHOLDERS) {
    const param = fillParam(name, personal);
    const value = (c.req.query(param) ?? "").trim();
    if (!value) continue;
    if (value.length > MAX_FILL) problems.push(`${param} must be at most ${MAX_FILL} characters`);
    else if (CONTROL.test(value)) problems.push(`${param} must not contain control characters`);
    else fill[name] = value;
  }
  return { ...(kinds ? { kinds } : {}), fill, problems };
}

/** The query string that carries placeholder values (for links to the text, Markdown and JSON forms). */
function fillQuery(fill: GoalDocument["filled"], personal: boolean, extra: [string, string][] = []): string {
  const params = new URLSearchParams(extra);
  for (const name of PLACEHOLDERS) {
    const value = fill[name];
    if (value) params.set(fillParam(name, personal), value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

function options(query: GoalQuery): GoalOptions {
  return { ...(query.kinds ? { kinds: query.kinds } : {}), fill: query.fill };
}

/** A document in the asked format. */
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
  /** A role at a level, in any format. */
  function roleLevel(c: Ctx, format: Format): Response {
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
  function levelAlone(c: Ctx, format: Format): Response {
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
  function personal(c: Ctx, format: "html" | "json"): Response {
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

  app.get("/api/frameworks/:fw/roles/:role/goals/:level", (c) => roleLevel(c, "json"));
  app.get("/frameworks/:fw/roles/:role/goals/:level/goals.txt", (c) => roleLevel(c, "txt"));
  app.get("/frameworks/:fw/roles/:role/goals/:level/goals.md", (c) => roleLevel(c, "md"));
  app.get("/frameworks/:fw/roles/:role/goals/:level/", (c) => roleLevel(c, "html"));

  app.get("/api/frameworks/:fw/levels/:level/goals", (c) => levelAlone(c, "json"));
  app.get("/frameworks/:fw/levels/:level/goals/goals.txt", (c) => levelAlone(c, "txt"));
  app.get("/frameworks/:fw/levels/:level/goals/goals.md", (c) => levelAlone(c, "md"));
  app.get("/frameworks/:fw/levels/:level/goals/", (c) => levelAlone(c, "html"));

  app.get("/api/frameworks/:fw/goals/personal", (c) => personal(c, "json"));
  app.get("/frameworks/:fw/goals/personal/", (c) => personal(c, "html"));
}

interface ParsedPicks {
  /** The picks as given, valid or not, for refilling the form. */
  given: Map<string, string>;
  target?: string;
  input?: AssessmentInput;
  problems: string[];
}

/**
 * Reads `pick=<competency>:<level>,…` (one or more `pick` parameters, as the form sends them) and `target`.
 * Empty entries are skipped (the form's "not picked"); anything else that is not a known competency and a
 * known level is a problem, as is a competency picked twice at different levels.
 */
export function parsePicks(index: FrameworkIndex, raw: string[], target: string | undefined): ParsedPicks {
  const given = new Map<string, string>();
  const problems: string[] = [];
  const parts = raw
    .flatMap((p) => p.split(","))
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > MAX_PICKS) problems.push(`at most ${MAX_PICKS} picks`);
  for (const part of parts.slice(0, MAX_PICKS)) {
    const colon = part.indexOf(":");
    const competency = colon < 0 ? part : part.slice(0, colon);
    const level = colon < 0 ? "" : part.slice(colon + 1);
    const shown = part.length > 60 ? `${part.slice(0, 60)}…` : part;
    if (colon < 0 || !ID.test(competency) || !ID.test(level)) {
      problems.push(`"${shown}" is not a pick: write <competency>:<level>, e.g. code-quality:senior`);
    } else if (!index.competencies.has(competency)) {
      problems.push(`there is no competency "${competency}"`);
    } else if (!index.levels.has(level)) {
      problems.push(`there is no level "${level}" (picked for ${competency})`);
    } else if (given.has(competency) && given.get(competency) !== level) {
      problems.push(`${competency} is picked twice`);
    } else {
      given.set(competency, level);
    }
  }
  let chosen: string | undefined;
  if (target !== undefined && target.trim() !== "") {
    const t = target.trim();
    if (index.levels.has(t)) chosen = t;
    else problems.push(`there is no level "${t.length > 60 ? `${t.slice(0, 60)}…` : t}" to aim for`);
  }
  if (problems.length || given.size === 0) {
    return { given, ...(chosen ? { target: chosen } : {}), problems };
  }
  const aim = chosen ?? defaultTarget(mirrorData(index), given);
  if (!aim) return { given, problems: ["this framework has no levels"] };
  return { given, target: aim, input: { picks: Object.fromEntries(given), target: aim }, problems };
}

function goalHeading(doc: GoalDocument): { kicker: string; title: string } {
  const s = doc.subject;
  if (s.type === "role-level")
    return {
      kicker: `${s.familyName} · ${s.roleName} · ${s.levelName}`,
      title: `Goals for ${s.roleName} at ${s.levelName}`,
    };
  if (s.type === "level")
    return { kicker: `${doc.framework.name} · ${s.levelName}`, title: `Goals at ${s.levelName}` };
  return { kicker: `${doc.framework.name} · your picks`, title: `Personal goals toward ${s.targetName}` };
}

const KindSection: FC<{ index: FrameworkIndex; doc: GoalDocument; section: GoalSection }> = ({
  index,
  doc,
  section,
}) => {
  const count = section.groups.reduce((n, g) => n + g.goals.length, 0);
  let n = 0;
  return (
    <section
      id={section.kind}
      class="goals-kind"
      data-goals-panel={section.kind}
      data-label={KIND_LABEL[section.kind]}
      aria-labelledby={`${section.kind}-h`}
    >
      <div class="goals-kind-head">
        <h2 id={`${section.kind}-h`} class="goals-kind-title">
          {section.title}
        </h2>
        {count ? (
          <button type="button" class="copy no-print" data-copy="kind" hidden>
            {`Copy all ${count}`}
            <span class="visually-hidden">{` ${KIND_LABEL[section.kind]}`}</span>
          </button>
        ) : null}
      </div>
      <p class="goals-kind-intro">{section.intro}</p>
      {count === 0 ? (
        <p class="meta">The framework has nothing to quote for this kind here, so there are no rows.</p>
      ) : null}
      {section.groups.map((group) =>
        group.goals.length ? (
          <div class="goal-group" data-goal-group>
            {group.title ? <h3 class="goal-group-title">{group.title}</h3> : null}
            {group.goals.map((goal, i) => {
              n++;
              return (
                <GoalBlock
                  index={index}
                  kind={section.kind}
                  n={i + 1}
                  goal={goal}
                  filled={doc.filled}
                  heading={group.title ? 4 : 3}
                  position={`${KIND_LABEL[section.kind]} ${n} of ${count}`}
                />
              );
            })}
          </div>
        ) : null,
      )}
    </section>
  );
};

const FillForm: FC<{ doc: GoalDocument; pagePath: string; picks?: ParsedPicks | undefined }> = ({
  doc,
  pagePath,
  picks,
}) => {
  const links = useLinks();
  const personal = doc.subject.type === "assessment";
  const used = new Set(
    doc.sections.flatMap((s) =>
      s.groups.flatMap((g) =>
        g.goals.flatMap((goal) =>
          [goal.title, ...goal.lines.map((l) => l.segments)].flatMap((segs) =>
            segs.flatMap((seg) => (seg.type === "placeholder" ? [seg.name] : [])),
          ),
        ),
      ),
    ),
  );
  const names = PLACEHOLDERS.filter((p) => used.has(p));
  if (!names.length) return null;
  return (
    <form class="goals-fill" method="get" action={links.to(pagePath)} data-goals-fill>
      <fieldset>
        <legend>Fill in the placeholders</legend>
        {picks?.input ? (
          <>
            <input
              type="hidden"
              name="pick"
              value={[...picks.given].map(([c, l]) => `${c}:${l}`).join(",")}
            />
            <input type="hidden" name="target" value={picks.input.target} />
          </>
        ) : null}
        <div class="goals-fields">
          {names.map((name) => {
            const value = doc.filled[name] ?? "";
            const id = `fill-${name}`;
            const dateLike = name === "date" && (value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value));
            return (
              <div class="goals-field">
                <label for={id}>{PLACEHOLDER_LABEL[name]}</label>
                <input
                  id={id}
                  name={fillParam(name, personal)}
                  type={dateLike ? "date" : "text"}
                  value={value}
                  maxlength={MAX_FILL}
                  data-fill={name}
                  aria-describedby={`${id}-hint`}
                />
                <span class="meta goals-hint" id={`${id}-hint`}>
                  {PLACEHOLDER_HINT[name]}
                </span>
              </div>
            );
          })}
        </div>
        <button type="submit" data-fill-submit>
          Fill in
        </button>
      </fieldset>
    </form>
  );
};

const GoalPage: FC<{
  index: FrameworkIndex;
  doc: GoalDocument;
  pagePath: string;
  problems: string[];
  picks?: ParsedPicks | undefined;
  wantedKind?: string | undefined;
}> = ({ index, doc, pagePath, problems, picks, wantedKind }) => {
  const links = useLinks();
  const fw = doc.framework.id;
  const heading = goalHeading(doc);
  const s = doc.subject;
  const personal = s.type === "assessment";
  const extra: [string, string][] =
    personal && picks?.input
      ? [
          ["pick", [...picks.given].map(([c, l]) => `${c}:${l}`).join(",")],
          ["target", picks.input.target],
        ]
      : [];
  // the text and Markdown files are static in a published site: no query there
  const query = links.staticSite ? "" : fillQuery(doc.filled, personal, extra);
  const textHref = personal ? undefined : links.to(goalFiles.text(pagePath)) + query;
  const mdHref = personal ? undefined : links.to(goalFiles.markdown(pagePath)) + query;
  const apiPath =
    s.type === "role-level"
      ? `/api/frameworks/${fw}/roles/${s.role}/goals/${s.level}`
      : s.type === "level"
        ? `/api/frameworks/${fw}/levels/${s.level}/goals`
        : `/api/frameworks/${fw}/goals/personal`;
  const sections = doc.sections;
  return (
    <article
      class="goals-page"
      data-goals
      data-kind={wantedKind && sections.some((x) => x.kind === wantedKind) ? wantedKind : undefined}
    >
      <header class="goals-head">
        <p class="goals-kicker">{heading.kicker}</p>
        <h1>{heading.title}</h1>
        <div class="goals-intro">
          <p>
            Goal templates drawn from {doc.framework.name}
            {doc.framework.version ? ` (version ${doc.framework.version})` : ""}. Every line quotes the
            framework and names its source; where the framework has nothing to quote, the row is left out
            rather than invented. <mark class="placeholder sample">⟨…⟩</mark> marks a placeholder for you to
            fill in.
          </p>
        </div>
        <nav class="actions no-print" aria-label="Related pages">
          {s.type === "role-level" ? (
            <>
              <a href={links.to(paths.role(fw, s.role, s.level))}>{`${s.roleName} at ${s.levelName}`}</a>
              <a href={links.to(paths.level(fw, s.level))}>{`The ${s.levelName} level`}</a>
              <a
                href={links.to(paths.levelGoals(fw, s.level))}
              >{`Goals for the ${s.levelName} level alone`}</a>
            </>
          ) : s.type === "level" ? (
            <>
              <a href={links.to(paths.level(fw, s.level))}>{`The ${s.levelName} level`}</a>
              <a href={links.to(paths.matrix(fw))}>Competency matrix</a>
            </>
          ) : (
            <>
              <a href={links.to(paths.level(fw, s.target))}>{`The ${s.targetName} level`}</a>
              <a href={links.to(paths.matrix(fw))}>Competency matrix</a>
            </>
          )}
        </nav>
      </header>
      {problems.length ? <Problems problems={problems} /> : null}
      {s.type === "role-level" ? <OtherLevels index={index} role={s.role} level={s.level} /> : null}
      {s.type === "level" ? <RolesAtLevel index={index} level={s.level} /> : null}
      {personal && picks ? <PicksSummary index={index} picks={picks} /> : null}
      <FillForm doc={doc} pagePath={pagePath} picks={picks} />
      {sections.length > 1 ? (
        <nav class="goals-nav no-print" aria-label="Goal kinds" data-goals-nav>
          <ul>
            {sections.map((section) => (
              <li>
                <a href={`#${section.kind}`}>{section.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div class="goals-kinds" data-goals-kinds>
        {sections.map((section) => (
          <KindSection index={index} doc={doc} section={section} />
        ))}
      </div>
      <p class="goals-status" role="status" aria-live="polite" data-goals-status></p>
      <section id="formats" class="goals-formats no-print" aria-labelledby="formats-h">
        <h2 id="formats-h">Copy, print or reuse</h2>
        <ul>
          {textHref ? (
            <li>
              <a href={textHref} data-fill-link>
                Copy / print as text
              </a>
            </li>
          ) : null}
          {mdHref ? (
            <li>
              <a href={mdHref} data-fill-link>
                Markdown
              </a>
            </li>
          ) : null}
          {links.staticSite ? null : (
            <li>
              <a href={apiPath + fillQuery(doc.filled, personal, extra)} data-fill-link>
                JSON (API)
              </a>
            </li>
          )}
        </ul>
        {personal ? (
          <p class="meta">
            This page is made from your picks in its link; nothing is stored. Bookmark or share the link to
            come back to it.
          </p>
        ) : null}
      </section>
      {personal && picks ? (
        <details class="goals-repick no-print">
          <summary>Change your picks</summary>
          <PicksForm index={index} picks={picks.given} target={picks.target} />
        </details>
      ) : null}
    </article>
  );
};

const Problems: FC<{ problems: string[] }> = ({ problems }) => (
  <div class="notice" role="alert" id="problems">
    <p>
      <strong>
        {problems.length === 1
          ? "One thing in the link is not right:"
          : "Some things in the link are not right:"}
      </strong>
    </p>
    <ul>
      {problems.map((p) => (
        <li>{p}</li>
      ))}
    </ul>
  </div>
);

/** The same role's other levels, so a reader can step along the role. */
const OtherLevels: FC<{ index: FrameworkIndex; role: string; level: string }> = ({ index, role, level }) => {
  const links = useLinks();
  const fw = index.framework.id;
  const spans = (index.roles.get(role)?.levels ?? []).filter((l) => index.levels.has(l));
  if (spans.length < 2) return null;
  return (
    <nav class="goals-levels no-print" aria-label="Goals at the role's other levels">
      <span class="meta">Levels of this role: </span>
      <ul>
        {spans.map((id) => {
          const l = index.levels.get(id);
          const name = l?.name ?? id;
          return (
            <li>
              {id === level ? (
                <span aria-current="page">{name}</span>
              ) : (
                <a href={links.to(paths.roleGoals(fw, role, id))}>{name}</a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
};

/** Roles that span this level: their goals quote responsibilities as well. */
const RolesAtLevel: FC<{ index: FrameworkIndex; level: string }> = ({ index, level }) => {
  const links = useLinks();
  const fw = index.framework.id;
  const roles = [...index.roles.values()].filter((r) => r.levels.includes(level));
  if (!roles.length) return null;
  return (
    <nav class="goals-levels no-print" aria-label="Goals for a role at this level">
      <span class="meta">For a role at this level: </span>
      <ul>
        {roles.map((r) => (
          <li>
            <a href={links.to(paths.roleGoals(fw, r.id, level))}>{r.name}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
};

function levelName(index: FrameworkIndex, id: string): string {
  const level = index.levels.get(id);
  if (!level) return id;
  const code = levelLabel(level);
  return code !== level.name ? `${code} ${level.name}` : level.name;
}

const PicksSummary: FC<{ index: FrameworkIndex; picks: ParsedPicks }> = ({ index, picks }) => {
  const names = [...picks.given].map(
    ([c, l]) => `${index.competencies.get(c)?.competency.name ?? c}: ${levelName(index, l)}`,
  );
  return (
    <details class="goals-picks">
      <summary>{`Your ${picks.given.size} ${picks.given.size === 1 ? "pick" : "picks"}, aiming for ${levelName(index, picks.target ?? "")}`}</summary>
      <ul>
        {names.map((n) => (
          <li>{n}</li>
        ))}
      </ul>
    </details>
  );
};

/** A select per competency (grouped by area) and a target select; sends pick=<competency>:<level> per select. */
const PicksForm: FC<{
  index: FrameworkIndex;
  picks: Map<string, string>;
  target?: string | undefined;
  open?: boolean;
}> = ({ index, picks, target, open }) => {
  const links = useLinks();
  const fw = index.framework.id;
  const areas = index.framework.areas ?? [];
  return (
    <form class="goals-picks-form" method="get" action={links.to(paths.personalGoals(fw))}>
      {open ? null : <p class="meta">Change a pick or the target and show the goals again.</p>}
      {areas.map((area) => (
        <fieldset class="goals-area" id={`pick-area-${area.id}`}>
          <legend>{area.name}</legend>
          {area.competencies.map((comp) => {
            const span = competencySpan(index, comp, area).filter((l) => {
              const detail = expectationDetail(comp.expectations[l]);
              return index.levels.has(l) && detail !== undefined && !detail.notApplicable;
            });
            const id = `pick-${comp.id}`;
            return (
              <div class="goals-field">
                <label for={id}>{comp.name}</label>
                <select id={id} name="pick">
                  <option value="">Not picked</option>
                  {span.map((l) => (
                    <option value={`${comp.id}:${l}`} selected={picks.get(comp.id) === l}>
                      {levelName(index, l)}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </fieldset>
      ))}
      <div class="goals-field goals-target">
        <label for="pick-target">Level you are aiming for</label>
        <select id="pick-target" name="target">
          <option value="">The level after your most common pick</option>
          {index.levelOrder.map((l) => (
            <option value={l} selected={l === target}>
              {levelName(index, l)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">Show my goals</button>
    </form>
  );
};

const RoleList: FC<{ index: FrameworkIndex }> = ({ index }) => {
  const links = useLinks();
  const fw = index.framework.id;
  return (
    <ul>
      {[...index.roles.values()].map((r) => (
        <li>
          <a href={links.to(paths.role(fw, r.id))}>{r.name}</a>
        </li>
      ))}
    </ul>
  );
};

const LevelList: FC<{ index: FrameworkIndex }> = ({ index }) => {
  const links = useLinks();
  const fw = index.framework.id;
  return (
    <ul>
      {index.levelOrder.map((id) => (
        <li>
          <a href={links.to(paths.levelGoals(fw, id))}>{`Goals at ${levelName(index, id)}`}</a>
        </li>
      ))}
    </ul>
  );
};

const RoleLevelList: FC<{ index: FrameworkIndex; role: string }> = ({ index, role }) => {
  const links = useLinks();
  const fw = index.framework.id;
  const r = index.roles.get(role);
  if (!r) return null;
  return (
    <>
      <p>
        <a href={links.to(paths.role(fw, role))}>{`${r.name}: every level it spans`}</a>
      </p>
      <ul>
        {r.levels
          .filter((l) => index.levels.has(l))
          .map((l) => (
            <li>
              <a
                href={links.to(paths.roleGoals(fw, role, l))}
              >{`Goals for ${r.name} at ${levelName(index, l)}`}</a>
            </li>
          ))}
      </ul>
    </>
  );
};
