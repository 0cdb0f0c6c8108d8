/** The history page: every round of record, oldest first, and what changed between the last two. */
import type { Context } from "hono";
import type { AssessmentChanges } from "../../../core/assessment.js";
import { type Assessed, type HistoryRound, KIND_NAMES } from "../../../services/assessments.js";
import { html } from "../../components/html.js";
import { Page, Section } from "../../components/page.js";
import { type AppEnv, viewerOf } from "../../context.js";
import { paths } from "../../links.js";

export function historyPage(
  c: Context<AppEnv>,
  subject: Assessed,
  rounds: HistoryRound[],
  changes: AssessmentChanges | undefined,
): Response {
  const links = c.get("links");
  const viewer = viewerOf(c);
  const { person } = subject;
  const mine = viewer.person.id === person.id;
  const title = mine ? "My history" : `History of ${person.name}`;
  const latest = rounds.at(-1);
  // every competency any round had, in the latest framework's order first: none is dropped
  const competencies = new Map<string, string>();
  for (const r of [...rounds].reverse())
    for (const comp of r.snapshot.competencies)
      if (!competencies.has(comp.id)) competencies.set(comp.id, comp.name);
  const name = (round: (typeof rounds)[number], level: string | null | undefined) =>
    level ? (round.snapshot.levels.find((l) => l.id === level)?.name ?? level) : "";
  const levelAfter = (id: string | null) =>
    id && latest ? (latest.snapshot.levels.find((l) => l.id === id)?.name ?? id) : "not picked";
  c.header("Cache-Control", "private, no-store");
  return html(
    c,
    <Page
      title={title}
      links={links}
      kind="growth"
      crumbs={[
        { label: "Home", href: links.to(paths.home()) },
        { label: "Assessments", href: links.to(paths.assessments()) },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      {rounds.length === 0 ? (
        <p>No submitted assessments yet.</p>
      ) : (
        <>
          <Section id="changes" title="What changed since last time">
            {!changes ? (
              <p>This is the first assessment: nothing to compare with yet.</p>
            ) : (
              <>
                {changes.changed.length ? (
                  <ul class="changes">
                    {changes.changed.map((ch) => (
                      <li class={ch.delta === null ? "moved" : ch.delta > 0 ? "up" : "down"}>
                        <strong>{ch.name}</strong>
                        {`: ${ch.from ? levelAfter(ch.from) : "not picked"} → ${levelAfter(ch.to)}`}
                        {ch.delta !== null ? ` (${ch.delta > 0 ? "+" : ""}${ch.delta})` : ""}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>No pick changed.</p>
                )}
                {changes.framework ? (
                  <div class="framework-changes">
                    <h3>The framework changed in between</h3>
                    {changes.framework.removed.length ? (
                      <p>{`No longer in the framework: ${changes.framework.removed.map((r) => r.name).join(", ")}.`}</p>
                    ) : null}
                    {changes.framework.added.length ? (
                      <p>{`New in the framework: ${changes.framework.added.map((r) => r.name).join(", ")}.`}</p>
                    ) : null}
                    {changes.framework.changedExpectations.length ? (
                      <details>
                        <summary>{`${changes.framework.changedExpectations.length} expectation${changes.framework.changedExpectations.length === 1 ? "" : "s"} reworded`}</summary>
                        <ul>
                          {changes.framework.changedExpectations.map((e) => (
                            <li>
                              <strong>{`${e.name} · ${levelAfter(e.level)}`}</strong>
                              <p class="before">{`Before: ${e.before ?? "(none)"}`}</p>
                              <p class="after">{`Now: ${e.after ?? "(none)"}`}</p>
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </div>
                ) : null}
              </>
            )}
          </Section>
          <Section id="timeline" title="Timeline per competency">
            <div class="table-scroll">
              <table class="timeline">
                <thead>
                  <tr>
                    <th scope="col">Competency</th>
                    {rounds.map((r) => (
                      <th scope="col">
                        <a href={links.to(paths.assessment(r.assessment.id))}>
                          {r.cycleName ?? KIND_NAMES[r.assessment.kind]}
                        </a>
                        <br />
                        <span class="meta">{r.assessment.submittedAt?.toISOString().slice(0, 10) ?? ""}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {[...competencies].map(([id, compName]) => (
                    <tr>
                      <th scope="row">{compName}</th>
                      {rounds.map((r) => {
                        const had = r.snapshot.competencies.some((comp) => comp.id === id);
                        const pick = r.assessment.picks.find((p) => p.competency === id)?.level;
                        return (
                          <td class={had ? undefined : "absent"}>
                            {had ? name(r, pick) || "—" : "not in the framework then"}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
        </>
      )}
    </Page>,
  );
}
