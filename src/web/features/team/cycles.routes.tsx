/** The admin side of assessment cycles (/admin/cycles/): list, open with field-by-field problems, close with a version check. */
import type { Context } from "hono";
import type { Store } from "../../../store/store.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { Problem } from "../../../store/types.js";
import { formatTime } from "../../auth/pages.js";
import { CsrfField, Field, type FieldProblem, formText, ProblemSummary } from "../../components/forms.js";
import { html } from "../../components/html.js";
import { Notice, Page, Section } from "../../components/page.js";
import type { App, AppEnv, Viewer } from "../../context.js";
import { paths } from "../../links.js";

export const cycleProblems = (problems: Problem[]): FieldProblem[] =>
  problems.map((p) => ({ field: p.field ?? "", message: p.message }));

// a Map: `done` comes from the query string, and "constructor" is no notice
const CYCLE_NOTICES = new Map<string, string>(
  Object.entries({
    opened: "The cycle was opened. People now see it as due.",
    closed: "The cycle was closed.",
  }),
);

export interface CycleForm {
  name: string;
  startsOn: string;
  endsOn: string;
}

export function cycleRoutes(
  app: App,
  store: Store,
  adminOnly: (c: Context<AppEnv>) => Promise<Viewer | Response>,
): void {
  const page = async (
    c: Context<AppEnv>,
    viewer: Viewer,
    options: {
      form?: CycleForm;
      problems?: FieldProblem[];
      closeProblem?: { cycleId: string; message: string };
      status?: 200 | 404 | 409 | 422;
    } = {},
  ) => {
    const links = c.get("links");
    const cycles = await store.cycles.list();
    const form = options.form ?? { name: "", startsOn: "", endsOn: "" };
    const problems = options.problems ?? [];
    const done = c.req.query("done");
    const notice = done !== undefined ? CYCLE_NOTICES.get(done) : undefined;
    c.header("Cache-Control", "private, no-store");
    return html(
      c,
      <Page
        title="Assessment cycles"
        links={links}
        kind="admin"
        crumbs={[
          { label: "Home", href: links.to(paths.home()) },
          { label: "Admin: people", href: links.to(paths.adminPeople()) },
          { label: "Assessment cycles" },
        ]}
      >
        <h1>Assessment cycles</h1>
        <Notice text={notice} />
        {options.closeProblem ? (
          <div class="problems" role="alert" id="close-problem">
            <p>{options.closeProblem.message}</p>
          </div>
        ) : null}
        <p>
          While a cycle is open, everyone is asked to assess themselves and managers to assess their reports
          (on <a href={links.to(paths.assessments())}>their assessments page</a>). Team views list who has no
          assessment in it.
        </p>
        <Section id="cycles" title="Cycles">
          {cycles.length ? (
            <div class="table-scroll">
              <table class="cycles" id="cycles-table">
                <caption>{`${cycles.length} ${cycles.length === 1 ? "cycle" : "cycles"}, latest start first`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Starts</th>
                    <th scope="col">Ends</th>
                    <th scope="col">Status</th>
                    <th scope="col">Team view</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {cycles.map((cycle) => (
                    <tr id={`cycle-${cycle.id}`}>
                      <th scope="row">{cycle.name}</th>
                      <td>{cycle.startsOn}</td>
                      <td>{cycle.endsOn}</td>
                      <td>
                        {cycle.status === "open"
                          ? "open"
                          : `closed ${cycle.closedAt ? formatTime(cycle.closedAt) : ""}`}
                      </td>
                      <td>
                        <a href={links.to(paths.adminTeam(cycle.id))}>Organization in this cycle</a>
                      </td>
                      <td>
                        {cycle.status === "open" ? (
                          <form method="post" action={links.to(paths.adminCycleClose(cycle.id))}>
                            <CsrfField token={viewer.csrfToken} />
                            <input type="hidden" name="version" value={String(cycle.version)} />
                            <button type="submit" class="secondary" aria-label={`Close ${cycle.name}`}>
                              Close
                            </button>
                          </form>
                        ) : (
                          "—"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>No cycle yet. Open the first one below.</p>
          )}
        </Section>
        <Section id="open" title="Open a cycle">
          <ProblemSummary problems={problems} form="cycle" title="The cycle was not opened" />
          <form method="post" action={links.to(paths.adminCycles())} class="stacked" novalidate>
            <CsrfField token={viewer.csrfToken} />
            <Field
              form="cycle"
              name="name"
              label="Name"
              value={form.name}
              autocomplete="off"
              maxlength={TEXT_LIMITS.cycleName}
              problems={problems}
            />
            <Field
              form="cycle"
              name="startsOn"
              label="Starts on"
              hint="A date written YYYY-MM-DD, for example 2030-03-01."
              value={form.startsOn}
              autocomplete="off"
              problems={problems}
            />
            <Field
              form="cycle"
              name="endsOn"
              label="Ends on"
              hint="A date written YYYY-MM-DD, on or after the start."
              value={form.endsOn}
              autocomplete="off"
              problems={problems}
            />
            <button type="submit">Open the cycle</button>
          </form>
        </Section>
      </Page>,
      options.status ?? 200,
    );
  };

  app.get("/admin/cycles/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return page(c, viewer);
  });

  app.post("/admin/cycles/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const body = await c.req.parseBody();
    const form: CycleForm = {
      name: formText(body, "name"),
      startsOn: formText(body, "startsOn"),
      endsOn: formText(body, "endsOn"),
    };
    const created = await store.cycles.create(form);
    if (!created.ok) return page(c, viewer, { form, problems: cycleProblems(created.problems), status: 422 });
    return c.redirect(`${paths.adminCycles()}?done=opened`, 303);
  });

  app.post("/admin/cycles/:id/close", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const id = c.req.param("id");
    const version = Number(formText(await c.req.parseBody(), "version"));
    const closed = await store.cycles.close(id, Number.isSafeInteger(version) ? version : -1);
    if (closed.ok) return c.redirect(`${paths.adminCycles()}?done=closed`, 303);
    const conflict = closed.problems.find((p) => p.kind === "conflict");
    if (!conflict) return c.notFound();
    const current = closed.current;
    return page(c, viewer, {
      status: 409,
      closeProblem: {
        cycleId: id,
        message: `${current ? `“${current.name}” was changed by someone else since this page was shown` : conflict.message}; nothing was closed. The list below is as it is now: check it and close again if you still mean to.`,
      },
    });
  });
}
