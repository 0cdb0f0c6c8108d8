/**
 * The assessment form: per competency, the levels whose expectations could describe the person (full text),
 * an optional rating band, and evidence. A plain form that works without JavaScript; the assessment island
 * saves it as a draft while it is filled in.
 */
import type { FC } from "hono/jsx";
import type { Pick } from "../../core/assessment.js";
import { competencySpan, expectationDetail, type FrameworkIndex } from "../../core/model.js";
import { checkLinks, checkMultiline } from "../../store/assessment-input.js";
import { TEXT_LIMITS } from "../../store/text-limits.js";
import { CsrfField, type FieldProblem, ProblemSummary } from "./forms.js";
import { Md } from "./page.js";

/** A level a competency can be picked at: one with an applicable statement. */
export interface PickOption {
  level: string;
  name: string;
  track: string | undefined;
  statement: string;
  elaboration: string | undefined;
  examples: string[];
}

/** The levels offered for a competency, in level order. */
export function pickOptions(index: FrameworkIndex, competencyId: string): PickOption[] {
  const ref = index.competencies.get(competencyId);
  if (!ref) return [];
  const span = new Set(competencySpan(index, ref.competency, ref.area));
  const options: PickOption[] = [];
  for (const level of index.levelOrder) {
    if (!span.has(level)) continue;
    const detail = expectationDetail(ref.competency.expectations[level]);
    if (!detail?.statement || detail.notApplicable) continue;
    const found = index.levels.get(level);
    options.push({
      level,
      name: found?.name ?? level,
      track: found?.track,
      statement: detail.statement,
      elaboration: detail.elaboration,
      examples: detail.examples ?? [],
    });
  }
  return options;
}

/** Whether any expectation of the competency carries text per rating band. */
function rated(index: FrameworkIndex, competencyId: string): boolean {
  const ref = index.competencies.get(competencyId);
  if (!ref || !index.framework.ratingScale?.length) return false;
  return Object.values(ref.competency.expectations).some((e) => {
    const detail = expectationDetail(e);
    return detail?.ratings !== undefined && Object.keys(detail.ratings).length > 0;
  });
}

/** What the form posts, per competency, checked against the framework. Located problems, never a throw. */
export interface RawPick {
  competency: string;
  level?: unknown;
  band?: unknown;
  evidence?: unknown;
  links?: unknown;
}

export function checkPicks(
  index: FrameworkIndex,
  raw: RawPick[],
): { picks: Pick[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const picks: Pick[] = [];
  const bands = new Set((index.framework.ratingScale ?? []).map((b) => b.id));
  const seen = new Set<string>();
  for (const r of raw) {
    const ref = typeof r.competency === "string" ? index.competencies.get(r.competency) : undefined;
    if (!ref || seen.has(r.competency)) {
      problems.push({
        field: "",
        message: `Unknown or repeated competency ${JSON.stringify(shown(r.competency))}.`,
      });
      continue;
    }
    seen.add(r.competency);
    const name = ref.competency.name;
    const id = r.competency;
    const level = typeof r.level === "string" && r.level !== "" ? r.level : null;
    if (r.level !== undefined && r.level !== null && typeof r.level !== "string") {
      problems.push({ field: `pick-${id}`, message: `${name}: the level must be a level id.` });
    } else if (level !== null && !pickOptions(index, id).some((o) => o.level === level)) {
      problems.push({
        field: `pick-${id}`,
        message: `${name}: "${shown(level)}" is not one of this competency's levels.`,
      });
    }
    const band = typeof r.band === "string" && r.band !== "" ? r.band : null;
    if (band !== null && !bands.has(band)) {
      problems.push({
        field: `band-${id}`,
        message: `${name}: "${shown(band)}" is not a rating band of this framework.`,
      });
    }
    // the same checks (and limits) as the store's, located at this competency's fields; what was typed
    // stays in the picks either way, so a form shown again with its problems loses nothing
    const evidence = typeof r.evidence === "string" ? r.evidence.replace(/\r\n/g, "\n") : "";
    const links = linksOf(r.links);
    const evidenceChecked = checkMultiline(evidence, `evidence-${id}`, "Evidence", TEXT_LIMITS.evidence);
    const linksChecked = checkLinks(links, `links-${id}`);
    for (const problem of [
      ...(evidenceChecked.problem ? [evidenceChecked.problem] : []),
      ...linksChecked.problems,
    ]) {
      problems.push({
        field: problem.field?.replace(/\[\d+\]$/, "") ?? "",
        message: `${name}: ${problem.message}`,
      });
    }
    picks.push({ competency: id, level, band, evidence, links });
  }
  return { picks, problems };
}

/** A value from the request as a message quotes it: never more than a line. */
function shown(value: unknown): unknown {
  return typeof value === "string" && value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

function linksOf(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/\r?\n/) : [];
  return list
    .filter((l): l is string => typeof l === "string")
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The picks of a posted form (`pick.<id>`, `band.<id>`, `evidence.<id>`, `links.<id>`), every competency. */
export function picksFromForm(index: FrameworkIndex, body: Readonly<Record<string, unknown>>): RawPick[] {
  const text = (name: string) => {
    const value = Object.hasOwn(body, name) ? body[name] : undefined;
    return typeof value === "string" ? value : "";
  };
  return [...index.competencies.keys()].map((id) => ({
    competency: id,
    level: text(`pick.${id}`),
    band: text(`band.${id}`),
    evidence: text(`evidence.${id}`),
    links: text(`links.${id}`),
  }));
}

/** Competencies with no pick: what stops a submission. */
export function unpickedProblems(index: FrameworkIndex, picks: Pick[]): FieldProblem[] {
  const picked = new Set(picks.filter((p) => p.level).map((p) => p.competency));
  return [...index.competencies.values()]
    .filter(({ competency }) => !picked.has(competency.id))
    .map(({ competency }) => ({
      field: `pick-${competency.id}`,
      message: `${competency.name}: pick a level before submitting.`,
    }));
}

export interface AssessmentFormProps {
  index: FrameworkIndex;
  /** Where the form posts. */
  action: string;
  /** The JSON endpoint the island saves drafts to. */
  api: string;
  csrf: string;
  version: number;
  picks: ReadonlyMap<string, Pick>;
  /** The person's current level (marked on every competency). */
  current: string | null;
  /** "your" for a self-assessment, "their" for a manager's. */
  whose: "your" | "their";
  problems: FieldProblem[];
}

export const AssessmentForm: FC<AssessmentFormProps> = (props) => {
  const { index, problems, picks } = props;
  const form = "assess";
  const areas = [...(index.framework.areas ?? [])];
  const scale = index.framework.ratingScale ?? [];
  const problemFor = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message);
  return (
    <form
      method="post"
      action={props.action}
      class="assessment"
      id="assessment-form"
      data-api={props.api}
      novalidate
    >
      <ProblemSummary problems={problems} form={form} title="Please check the assessment" />
      <CsrfField token={props.csrf} />
      <input type="hidden" name="version" value={String(props.version)} />
      <p class="autosave-status" role="status" aria-live="polite" hidden>
        {""}
      </p>
      {areas.map((area) => (
        <section class="assess-area" aria-labelledby={`area-${area.id}`}>
          <h2 id={`area-${area.id}`}>{area.name}</h2>
          {area.competencies.map((competency) => {
            const id = competency.id;
            const pick = picks.get(id);
            const options = pickOptions(index, id);
            const pickProblems = problemFor(`pick-${id}`);
            const bandProblems = problemFor(`band-${id}`);
            const evidenceProblems = problemFor(`evidence-${id}`);
            const linkProblems = problemFor(`links-${id}`);
            return (
              <fieldset
                class={pickProblems.length ? "competency-pick invalid" : "competency-pick"}
                id={`${form}-pick-${id}`}
                aria-describedby={pickProblems.length ? `${form}-pick-${id}-problem` : undefined}
              >
                <legend>{competency.name}</legend>
                {competency.description ? <Md text={competency.description} /> : null}
                {pickProblems.length ? (
                  <p class="field-problem" id={`${form}-pick-${id}-problem`}>
                    {pickProblems.join(" ")}
                  </p>
                ) : null}
                <ol class="pick-options">
                  {options.map((o) => {
                    const inputId = `${form}-${id}--${o.level}`;
                    const isCurrent = o.level === props.current;
                    return (
                      <li class={isCurrent ? "current" : undefined}>
                        <input
                          type="radio"
                          id={inputId}
                          name={`pick.${id}`}
                          value={o.level}
                          checked={pick?.level === o.level}
                        />
                        <label for={inputId}>
                          <span class="pick-level">
                            {o.name}
                            {isCurrent ? <span class="badge">{`${props.whose} level`}</span> : null}
                          </span>
                          <span class="pick-statement">
                            <Md text={o.statement} inline />
                          </span>
                        </label>
                        {o.elaboration || o.examples.length ? (
                          <details>
                            <summary>More on {o.name}</summary>
                            {o.elaboration ? <Md text={o.elaboration} /> : null}
                            {o.examples.length ? (
                              <ul>
                                {o.examples.map((e) => (
                                  <li>
                                    <Md text={e} inline />
                                  </li>
                                ))}
                              </ul>
                            ) : null}
                          </details>
                        ) : null}
                      </li>
                    );
                  })}
                  <li class="not-sure">
                    <input
                      type="radio"
                      id={`${form}-${id}--none`}
                      name={`pick.${id}`}
                      value=""
                      checked={!pick?.level}
                    />
                    <label for={`${form}-${id}--none`}>Not picked yet</label>
                  </li>
                </ol>
                <div class="pick-extras">
                  {scale.length && rated(index, id) ? (
                    <div class={bandProblems.length ? "field invalid" : "field"}>
                      <label for={`${form}-band-${id}`}>Rating band (optional)</label>
                      {bandProblems.length ? <p class="field-problem">{bandProblems.join(" ")}</p> : null}
                      <select id={`${form}-band-${id}`} name={`band.${id}`}>
                        <option value="" selected={!pick?.band}>
                          —
                        </option>
                        {scale.map((b) => (
                          <option value={b.id} selected={pick?.band === b.id}>
                            {b.name}
                          </option>
                        ))}
                      </select>
                    </div>
                  ) : null}
                  <div class={evidenceProblems.length ? "field invalid" : "field"}>
                    <label for={`${form}-evidence-${id}`}>Evidence</label>
                    {evidenceProblems.length ? (
                      <p class="field-problem">{evidenceProblems.join(" ")}</p>
                    ) : null}
                    <textarea
                      id={`${form}-evidence-${id}`}
                      name={`evidence.${id}`}
                      rows={3}
                      maxlength={TEXT_LIMITS.evidence}
                    >
                      {pick?.evidence ?? ""}
                    </textarea>
                  </div>
                  <div class={linkProblems.length ? "field invalid" : "field"}>
                    <label for={`${form}-links-${id}`}>Links (one per line)</label>
                    {linkProblems.length ? <p class="field-problem">{linkProblems.join(" ")}</p> : null}
                    <textarea id={`${form}-links-${id}`} name={`links.${id}`} rows={2} wrap="off">
                      {(pick?.links ?? []).join("\n")}
                    </textarea>
                  </div>
                </div>
              </fieldset>
            );
          })}
        </section>
      ))}
      <div class="form-actions">
        <button type="submit" name="action" value="save" class="secondary">
          Save draft
        </button>
        <button type="submit" name="action" value="submit">
          Submit
        </button>
      </div>
    </form>
  );
};
