/**
 * Team views: a manager's whole subtree (/team/) and, for admins, the whole organization (/admin/team/)
 * with calibration of managers' ratings; the same rows as CSV and JSON; and the admin side of assessment
 * cycles (/admin/cycles/: open, close). See docs/assessments.md.
 *
 * Who is shown: the team of the signed-in person is everyone below them in the org tree, which is exactly
 * whose assessments they may read (policy `assessment:read`: anyone up a person's chain); the organization
 * view and cycles are `person:admin`. Deactivated people are left out of both.
 *
 * Each person is shown by their assessment of record (TeamRepository.recordsOf: the agreed one of their
 * latest round, else the manager's, else their own), each competency as the picked level's rank minus the
 * rank of the person's own level (src/core/assessment.ts `teamHeatmap`), against the framework as it is
 * loaded now. The heatmap of 10,000 people is one table: its body is written as one string with classes
 * only (no per-cell styles or titles), which keeps the page within twice the time of the bare SQL
 * (bench/team.ts).
 */
import type { Context } from "hono";
import { TeamService, type TeamView } from "../../../services/team.js";
import type { Cycle, Person } from "../../../store/types.js";
import { denied, NoticePage, PRIVATE } from "../../auth/pages.js";
import { can } from "../../auth/policy.js";
import { actorOf } from "../../auth/session.js";
import { html } from "../../components/html.js";
import { Page } from "../../components/page.js";
import type { App, AppEnv, RouteDeps, Viewer } from "../../context.js";
import { paths } from "../../links.js";
import { HttpProblem, problem } from "../../middleware/errors.js";
import { cycleRoutes } from "./cycles.routes.js";
import { TeamPage } from "./team.page.js";
import { csvOf, viewJson } from "./team-export.js";

export { csvCell } from "../../../core/csv.js";

export function teamRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const teams = new TeamService(auth.store, registry);
  myTeamRoutes(app, teams);
  organizationRoutes(app, teams);
  cycleRoutes(app, auth.store, adminOnly);
}

/** /team/: the signed-in person's team, as a page, CSV and JSON. */
function myTeamRoutes(app: App, teams: TeamService): void {
  app.get("/team/", async (c) => {
    const mine = await myTeam(c, teams);
    if (mine instanceof Response) return mine;
    const cycle = await chosenCycle(c, teams);
    if (cycle instanceof Response) return cycle;
    const links = c.get("links");
    c.header("Cache-Control", "private, no-store");
    if (!mine.people.length) {
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
          {mine.viewer.person.admin ? (
            <p>
              As an admin you can see <a href={links.to(paths.adminTeam())}>the whole organization</a>.
            </p>
          ) : null}
        </Page>,
      );
    }
    const [view, cycles] = await Promise.all([teams.view("team", mine.people, cycle), teams.cycles()]);
    return html(
      c,
      <TeamPage
        c={c}
        view={view}
        cycles={cycles}
        title="Your team"
        crumbs={[{ label: "Home", href: links.to(paths.home()) }, { label: "Your team" }]}
        action={links.to(paths.team())}
        csvHref={links.to(paths.teamCsv(cycle?.id))}
        intro={`Everyone who reports to you, directly or further down: ${view.total} ${view.total === 1 ? "person" : "people"}.`}
      />,
    );
  });

  app.get("/team/export.csv", async (c) => {
    const mine = await myTeam(c, teams);
    if (mine instanceof Response) return mine;
    const cycle = await chosenCycle(c, teams);
    if (cycle instanceof Response) return cycle;
    return csvResponse(c, await teams.view("team", mine.people, cycle), "rungs-team");
  });

  app.get("/api/team", async (c) => {
    const mine = await myTeam(c, teams);
    if (mine instanceof Response) return mine;
    const cycle = await chosenCycle(c, teams);
    if (cycle instanceof Response) return cycle;
    return c.json(viewJson(await teams.view("team", mine.people, cycle)), 200, PRIVATE);
  });
}

/** /admin/team/: the whole organization with calibration, as a page, CSV (without it) and JSON. */
function organizationRoutes(app: App, teams: TeamService): void {
  const organization = async (c: Context<AppEnv>, withCalibration = true) => {
    const cycle = await chosenCycle(c, teams);
    if (cycle instanceof Response) return cycle;
    return teams.organization(cycle, withCalibration);
  };

  app.get("/admin/team/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const view = await organization(c);
    if (view instanceof Response) return view;
    const links = c.get("links");
    const cycles = await teams.cycles();
    c.header("Cache-Control", "private, no-store");
    return html(
      c,
      <TeamPage
        c={c}
        view={view}
        cycles={cycles}
        title="Organization"
        crumbs={[
          { label: "Home", href: links.to(paths.home()) },
          { label: "Admin: people", href: links.to(paths.adminPeople()) },
          { label: "Organization" },
        ]}
        action={links.to(paths.adminTeam())}
        csvHref={links.to(paths.adminTeamCsv(view.cycle?.id))}
        intro={`Everyone active in the organization: ${view.total} ${view.total === 1 ? "person" : "people"}.`}
      />,
    );
  });

  app.get("/admin/team/export.csv", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const view = await organization(c, false);
    if (view instanceof Response) return view;
    return csvResponse(c, view, "rungs-organization");
  });

  app.get("/api/admin/team", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const view = await organization(c);
    if (view instanceof Response) return view;
    return c.json(viewJson(view), 200, PRIVATE);
  });
}

/** The ?cycle= asked for: none, a stored cycle, or a response saying there is no such cycle. */
async function chosenCycle(c: Context<AppEnv>, teams: TeamService): Promise<Cycle | undefined | Response> {
  const id = c.req.query("cycle") ?? "";
  if (!id) return undefined;
  const cycle = await teams.cycle(id);
  if (cycle) return cycle;
  const shown = id.slice(0, 80);
  const page = (c: Context<AppEnv>) =>
    html(
      c,
      <NoticePage links={c.get("links")} title="No such cycle">
        <p>{`The cycle “${shown}” asked for in the address (?cycle=) does not exist.`}</p>
        <p>
          <a href={c.get("links").to(c.req.path)}>Show everyone's latest assessments</a>
        </p>
      </NoticePage>,
      404,
    );
  const detail = `no assessment cycle "${shown}"`;
  return problem(c, new HttpProblem(404, { detail, extra: { parameter: "cycle" }, headers: PRIVATE, page }));
}

/** The signed-in person's team: everyone active below them. Anonymous visitors get the policy's answer. */
async function myTeam(
  c: Context<AppEnv>,
  teams: TeamService,
): Promise<{ viewer: Viewer; people: Person[] } | Response> {
  const decision = await can(actorOf(c), "person:read-directory", { id: "" });
  if (!decision.allowed) return denied(c, decision);
  const viewer = c.get("viewer");
  if (!viewer) throw new Error("policy allowed an anonymous request");
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

function csvResponse(c: Context<AppEnv>, view: TeamView, name: string): Response {
  return c.body(`\ufeff${csvOf(view)}`, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}${view.cycle ? `-${view.cycle.startsOn}` : ""}.csv"`,
    ...PRIVATE,
  });
}
