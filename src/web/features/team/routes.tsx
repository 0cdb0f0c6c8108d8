/**
 * Team views: a manager's whole subtree (/team/) and, for admins, the whole organization (/admin/team/),
 * each as a paged table of people and as a heatmap by team with drill-down (?team=), sorted and filtered
 * in SQL (services/team-pages.ts); calibration of managers' ratings (/admin/team/calibration/); every row
 * as CSV and JSON; and the admin side of assessment cycles (/admin/cycles/). See docs/assessments.md.
 *
 * Who is shown: the team of the signed-in person is everyone below them in the org tree, which is exactly
 * whose assessments they may read (policy `assessment:read`: anyone up a person's chain); a team drilled
 * into must be one of them. The organization view and cycles are `person:admin`. Deactivated people are
 * left out of both; drafts are never read (only submitted assessments count).
 */

import type { Context } from "hono";
import { TeamService, type TeamView } from "../../../services/team.js";
import { TeamPagesService, type TeamPlacement } from "../../../services/team-pages.js";
import type { Store } from "../../../store/store.js";
import type { TeamRoot } from "../../../store/team-pages.repository.js";
import type { Cycle, Person } from "../../../store/types.js";
import { attachment } from "../../attachment.js";
import { denied, NoticePage } from "../../auth/pages.js";
import { can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { html } from "../../components/html.js";
import { Page } from "../../components/page.js";
import type { App, AppEnv, RouteDeps, Viewer } from "../../context.js";
import { paths } from "../../links.js";
import { HttpProblem } from "../../middleware/errors.js";
import { validate } from "../../middleware/validate.js";
import { cycleRoutes } from "./cycles.routes.js";
import { type TeamParams, teamExportQuery, teamPageQuery } from "./requests.js";
import { CalibrationTable } from "./team.page.js";
import { commitsOf, csvOf, viewJson } from "./team-export.js";
import { TeamByTeamPage, type TeamPageProps, TeamTablePage } from "./team-table.page.js";

export { csvCell } from "../../../core/csv.js";

export function teamRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const deps: Deps = {
    store: auth.store,
    teams: new TeamService(auth.store, registry),
    pages: new TeamPagesService(auth.store, registry),
  };
  myTeamRoutes(app, deps);
  organizationRoutes(app, deps);
  cycleRoutes(app, auth.store, adminOnly);
}

interface Deps {
  store: Store;
  teams: TeamService;
  pages: TeamPagesService;
}

/** Whose page: the root of the tree walk, the team drilled into, and how the page names itself. */
interface Scope {
  viewer: Viewer;
  root: TeamRoot;
  cycle: Cycle | undefined;
  props: Omit<TeamPageProps, "params" | "placement">;
}

type Scoped = (c: Context<AppEnv>, params: TeamParams) => Promise<Scope | Response>;

/** The table and the heatmap by team of one scope, with the parameters as validated. */
function pageRoutes(app: App, deps: Deps, base: { table: string; byTeam: string }, scoped: Scoped): void {
  app.get(base.table, validate("query", teamPageQuery), async (c) => {
    const params = c.req.valid("query");
    const scope = await scoped(c, params);
    if (scope instanceof Response) return scope;
    const placement = await deps.pages.placement(scope.root);
    if (isOwnTeam(scope.root) && !hasFilter(params) && isEmpty(placement)) return noTeam(c, scope.viewer);
    const framework = params.framework ?? deps.pages.defaultFramework(scope.viewer.person, placement);
    const table = await deps.pages.table(scope.root, {
      filter: { framework, level: params.level, track: params.track, status: params.status },
      sort: params.sort,
      descending: params.dir === "desc",
      page: params.page,
      cycle: scope.cycle,
      cycles: scope.props.cycles,
    });
    const props = { ...scope.props, params: { ...params, framework }, placement };
    return html(c, <TeamTablePage {...props} table={table} />);
  });

  app.get(base.byTeam, validate("query", teamPageQuery), async (c) => {
    const params = c.req.valid("query");
    const scope = await scoped(c, params);
    if (scope instanceof Response) return scope;
    const placement = await deps.pages.placement(scope.root);
    const framework = params.framework ?? deps.pages.defaultFramework(scope.viewer.person, placement);
    const filter = { framework, level: params.level, track: params.track, status: params.status };
    const view = await deps.pages.byTeam(scope.root, filter, scope.cycle, scope.props.cycles);
    const props = { ...scope.props, params: { ...params, framework }, placement };
    return html(c, <TeamByTeamPage {...props} view={view} />);
  });
}

/** Nobody at all in the scope, on any framework or none. */
function isEmpty(placement: TeamPlacement): boolean {
  return placement.elsewhere === 0 && placement.frameworks.length === 0;
}

function isOwnTeam(root: TeamRoot): boolean {
  return root !== "everyone" && "below" in root;
}

function hasFilter(params: TeamParams): boolean {
  return [params.framework, params.level, params.track, params.status, params.team].some(
    (v) => v !== undefined,
  );
}

/** /team/: the signed-in person's team, as pages, CSV and JSON. */
function myTeamRoutes(app: App, deps: Deps): void {
  pageRoutes(app, deps, { table: "/team/", byTeam: "/team/by-team/" }, async (c, params) => {
    const viewer = await signedIn(c);
    if (viewer instanceof Response) return viewer;
    // the cycles are read once: the page lists them, and the chosen and the current one are among them
    const cycles = await deps.teams.cycles();
    const cycle = await chosenCycle(deps.teams, params.cycle, cycles);
    if (cycle instanceof Response) return cycle;
    let team: Person | undefined;
    if (params.team !== undefined) {
      // a team drilled into is one of the viewer's people, and the policy lets them read it
      const decision = await can(actorOf(c), "assessment:read", { id: params.team });
      team = await deps.pages.person(params.team);
      if (!decision.allowed || !team || !(await deps.pages.manages(viewer.person.id, team.id)))
        throw new HttpProblem(404, { detail: "no such team among your people" });
    }
    const links = c.get("links");
    return {
      viewer,
      cycle,
      root: team ? { subtree: team.id } : { below: viewer.person.id },
      props: {
        links,
        title: "Your team",
        crumbs: [{ label: "Home", href: links.to(paths.home()) }, { label: "Your team" }],
        intro: team ? (
          <>
            <bdi>{team.name}</bdi> and everyone who reports to them, directly or further down.
          </>
        ) : (
          "Everyone who reports to you, directly or further down."
        ),
        base: { table: paths.team(), byTeam: paths.teamByTeam(), csv: paths.teamCsv(cycle?.id) },
        cycles,
        team,
        more: viewer.person.admin ? [{ href: links.to(paths.adminTeam()), label: "Whole organization" }] : [],
      },
    };
  });

  app.get("/team/export.csv", validate("query", teamExportQuery), async (c) => {
    const mine = await myTeam(c, deps.teams);
    if (mine instanceof Response) return mine;
    const cycle = await chosenCycle(deps.teams, c.req.valid("query").cycle);
    if (cycle instanceof Response) return cycle;
    return csvResponse(c, await deps.teams.view("team", mine.people, cycle), "rungs-team");
  });

  app.get("/api/team", validate("query", teamExportQuery), async (c) => {
    const mine = await myTeam(c, deps.teams);
    if (mine instanceof Response) return mine;
    const cycle = await chosenCycle(deps.teams, c.req.valid("query").cycle);
    if (cycle instanceof Response) return cycle;
    const view = await deps.teams.view("team", mine.people, cycle);
    return c.json(viewJson(view, await commitsOf(deps.store, view)), 200);
  });
}

/** /admin/team/: the whole organization, as pages, calibration, CSV (without it) and JSON. */
function organizationRoutes(app: App, deps: Deps): void {
  pageRoutes(app, deps, { table: "/admin/team/", byTeam: "/admin/team/by-team/" }, async (c, params) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    // the cycles are read once: the page lists them, and the chosen and the current one are among them
    const cycles = await deps.teams.cycles();
    const cycle = await chosenCycle(deps.teams, params.cycle, cycles);
    if (cycle instanceof Response) return cycle;
    const team = params.team === undefined ? undefined : await deps.pages.person(params.team);
    if (params.team !== undefined && !team) throw new HttpProblem(404, { detail: "no such team" });
    const links = c.get("links");
    return {
      viewer,
      cycle,
      root: team ? { subtree: team.id } : "everyone",
      props: {
        links,
        title: "Organization",
        crumbs: [
          { label: "Home", href: links.to(paths.home()) },
          { label: "Admin: people", href: links.to(paths.adminPeople()) },
          { label: "Organization" },
        ],
        intro: team ? (
          <>
            <bdi>{team.name}</bdi> and everyone below them.
          </>
        ) : (
          "Everyone active in the organization."
        ),
        base: {
          table: paths.adminTeam(),
          byTeam: paths.adminTeamByTeam(),
          csv: paths.adminTeamCsv(cycle?.id),
        },
        cycles,
        team,
        more: [
          { href: links.to(paths.adminTeamCalibration(cycle?.id)), label: "Calibration" },
          { href: links.to(paths.adminCycles()), label: "Assessment cycles" },
        ],
      },
    };
  });

  calibrationRoute(app, deps);
  organizationExports(app, deps);
}

/** The calibration of managers against self-assessments, organization-wide (admins). */
function calibrationRoute(app: App, deps: Deps): void {
  app.get("/admin/team/calibration/", validate("query", teamExportQuery), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const cycle = await chosenCycle(deps.teams, c.req.valid("query").cycle);
    if (cycle instanceof Response) return cycle;
    const rows = await deps.teams.calibration(cycle);
    const links = c.get("links");
    return html(
      c,
      <Page
        title="Calibration"
        links={links}
        kind="team"
        crumbs={[
          { label: "Home", href: links.to(paths.home()) },
          { label: "Organization", href: links.to(paths.adminTeam(cycle?.id)) },
          { label: "Calibration" },
        ]}
      >
        <h1>Calibration</h1>
        {cycle ? (
          <p>
            In <bdi>{cycle.name}</bdi> only.
          </p>
        ) : null}
        <CalibrationTable rows={rows} links={links} />
      </Page>,
    );
  });
}

/** The organization as CSV and JSON (admins). */
function organizationExports(app: App, deps: Deps): void {
  app.get("/admin/team/export.csv", validate("query", teamExportQuery), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const cycle = await chosenCycle(deps.teams, c.req.valid("query").cycle);
    if (cycle instanceof Response) return cycle;
    return csvResponse(c, await deps.teams.organization(cycle, false), "rungs-organization");
  });

  app.get("/api/admin/team", validate("query", teamExportQuery), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const cycle = await chosenCycle(deps.teams, c.req.valid("query").cycle);
    if (cycle instanceof Response) return cycle;
    const view = await deps.teams.organization(cycle);
    return c.json(viewJson(view, await commitsOf(deps.store, view)), 200);
  });
}

/** The ?cycle= asked for: none, a stored cycle (among `listed` when the page read them all), or a problem saying there is no such cycle. */
async function chosenCycle(
  teams: TeamService,
  id: string | undefined,
  listed?: readonly Cycle[],
): Promise<Cycle | undefined> {
  if (id === undefined) return undefined;
  const cycle = listed ? listed.find((c) => c.id === id) : await teams.cycle(id);
  if (cycle) return cycle;
  const page = (c: Context<AppEnv>) =>
    html(
      c,
      <NoticePage links={c.get("links")} title="No such cycle">
        <p>{`The cycle “${id}” asked for in the address (?cycle=) does not exist.`}</p>
        <p>
          <a href={c.get("links").to(c.req.path)}>Show everyone's latest assessments</a>
        </p>
      </NoticePage>,
      404,
    );
  throw new HttpProblem(404, {
    detail: `no assessment cycle "${id}"`,
    extra: { parameter: "cycle" },
    page,
  });
}

/** The signed-in viewer (anyone signed in has a team page, if an empty one); else the policy's answer. */
async function signedIn(c: Context<AppEnv>): Promise<Viewer | Response> {
  const decision = await can(actorOf(c), "person:read-directory", { id: "" });
  if (!decision.allowed) return denied(c, decision);
  const viewer = c.get("viewer");
  if (!viewer) throw new Error("policy allowed an anonymous request");
  return viewer;
}

/** The signed-in person's team, everyone active below them, for the full exports. */
async function myTeam(
  c: Context<AppEnv>,
  teams: TeamService,
): Promise<{ viewer: Viewer; people: Person[] } | Response> {
  const viewer = await signedIn(c);
  if (viewer instanceof Response) return viewer;
  return { viewer, people: await teams.teamOf(viewer.person.id) };
}

/** The viewer when they are an admin, else the policy's answer. */
async function adminOnly(c: Context<AppEnv>): Promise<Viewer | Response> {
  const decision = await can(actorOf(c), "person:admin", { id: "" });
  if (!decision.allowed) return denied(c, decision);
  const viewer = c.get("viewer");
  if (!viewer) throw new Error("policy allowed an anonymous request");
  return viewer;
}

/** Someone nobody reports to: a friendly page, not an error. */
function noTeam(c: Context<AppEnv>, viewer: Viewer): Response | Promise<Response> {
  const links = c.get("links");
  return html(
    c,
    <Page
      title="Your team"
      links={links}
      kind="team"
      crumbs={[{ label: "Home", href: links.to(paths.home()) }, { label: "Your team" }]}
    >
      <h1>Your team</h1>
      <p id="no-team">
        Nobody reports to you, so there is no team to show here. Your own assessments are on{" "}
        <a href={links.to(paths.assessments())}>your assessments page</a>.
      </p>
      {viewer.person.admin ? (
        <p>
          As an admin you can see <a href={links.to(paths.adminTeam())}>the whole organization</a>.
        </p>
      ) : null}
    </Page>,
  );
}

function csvResponse(c: Context<AppEnv>, view: TeamView, name: string): Response {
  return c.body(`\ufeff${csvOf(view)}`, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": attachment(`${name}${view.cycle ? `-${view.cycle.startsOn}` : ""}.csv`),
  });
}
