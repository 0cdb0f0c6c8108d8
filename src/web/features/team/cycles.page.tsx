/** The admin page of assessment cycles: the cycles so far (each open one with its close button) and the form that opens one. */

import { isolated } from "../../../core/text.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { Cycle } from "../../../store/types.js";
import { CsrfField, Field, type FieldProblem, ProblemSummary } from "../../components/forms.js";
import { Notice, Page, Section, useLinks } from "../../components/page.js";
import { When } from "../../components/when.js";
import type { Links } from "../../links.js";
import { paths } from "../../links.js";

export interface CycleForm {
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface CyclesPageProps {
  links: Links;
  cycles: Cycle[];
  csrfToken: string;
  form: CycleForm;
  problems: FieldProblem[];
  notice: string | undefined;
  closeProblem: { cycleId: string; message: string } | undefined;
}

export function CyclesPage({
  links,
  cycles,
  csrfToken,
  form,
  problems,
  notice,
  closeProblem,
}: CyclesPageProps) {
  return (
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
      {closeProblem ? (
        <div class="problems" role="alert" id="close-problem">
          <p>{closeProblem.message}</p>
        </div>
      ) : null}
      <p>
        While a cycle is open, everyone is asked to assess themselves and managers to assess their reports (on{" "}
        <a href={links.to(paths.assessments())}>their assessments page</a>). Team views list who has no
        assessment in it.
      </p>
      <Section id="cycles" title="Cycles">
        {cycles.length ? (
          <CyclesTable cycles={cycles} csrfToken={csrfToken} />
        ) : (
          <p>No cycle yet. Open the first one below.</p>
        )}
      </Section>
      <Section id="open" title="Open a cycle">
        <OpenCycleForm csrfToken={csrfToken} form={form} problems={problems} />
      </Section>
    </Page>
  );
}

/** Every cycle, latest start first, with a link to the organization in it and a close button while open. */
function CyclesTable({ cycles, csrfToken }: { cycles: Cycle[]; csrfToken: string }) {
  const links = useLinks();
  return (
    <div class="table-scroll">
      <table class="cycles stack-on-phone" id="cycles-table">
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
              <td data-label="Starts">{cycle.startsOn}</td>
              <td data-label="Ends">{cycle.endsOn}</td>
              <td data-label="Status">
                {cycle.status === "open" ? (
                  "open"
                ) : cycle.closedAt ? (
                  <>
                    closed <When at={cycle.closedAt} show="relative" label="Closed" />
                  </>
                ) : (
                  "closed"
                )}
              </td>
              <td>
                <a href={links.to(paths.adminTeam(cycle.id))}>Organization in this cycle</a>
              </td>
              <td>
                {cycle.status === "open" ? (
                  <form method="post" action={links.to(paths.adminCycleClose(cycle.id))}>
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="version" value={String(cycle.version)} />
                    <button type="submit" class="secondary" aria-label={`Close ${isolated(cycle.name)}`}>
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
  );
}

/** The form that opens a cycle, with what was typed and its problems at each field. */
function OpenCycleForm({
  csrfToken,
  form,
  problems,
}: {
  csrfToken: string;
  form: CycleForm;
  problems: FieldProblem[];
}) {
  const links = useLinks();
  return (
    <>
      <ProblemSummary problems={problems} form="cycle" title="The cycle was not opened" />
      <form method="post" action={links.to(paths.adminCycles())} class="stacked" novalidate>
        <CsrfField token={csrfToken} />
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
    </>
  );
}
