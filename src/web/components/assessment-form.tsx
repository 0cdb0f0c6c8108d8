/**
 * The assessment form: per competency, the levels whose expectations could describe the person (full text),
 * an optional rating band, and evidence. A plain form that works without JavaScript; the assessment island
 * saves it as a draft while it is filled in.
 */

import type { FC } from "hono/jsx";
import type { CriterionShown, Pick } from "../../core/assessment.js";
import { type CellExtras, cellExtras, roleCellOwner } from "../../core/cells.js";
import { levelRanks } from "../../core/ladder-layout.js";
import { competencySpan, displayName, expectationDetail, type FrameworkIndex } from "../../core/model.js";
import { isolated, quoted } from "../../core/text.js";
import { checkCriteriaShown, checkLinks, checkMultiline } from "../../store/assessment-input.js";
import { TEXT_LIMITS } from "../../store/text-limits.js";
import { CriteriaTicks, criteriaByLevel } from "./assessment-criteria.js";
import { StepBadge } from "./cell.js";
import { CsrfField, type FieldProblem, ProblemSummary } from "./forms.js";
import { Md } from "./page.js";

/** A level a competency can be picked at: one with an applicable statement or step. */
export interface PickOption {
  level: string;
  name: string;
  track: string | undefined;
  /** Undefined where the step alone stands for the cell: the step says it. */
  statement: string | undefined;
  /** The step of the competency's scale the level asks for (format 2), shown beside the statement. */
  step: CellExtras["step"];
  elaboration: string | undefined;
  examples: string[];
}

/**
 * The levels offered for a competency, in level order, each with the expectation `role` reads there: where
 * the role (or its family) has its own cell, the shared one with it added, or it in the shared one's place.
 */
export function pickOptions(index: FrameworkIndex, competencyId: string, role?: string | null): PickOption[] {
  const ref = index.competencies.get(competencyId);
  if (!ref) return [];
  const span = new Set(competencySpan(index, ref.competency, ref.area));
  const options: PickOption[] = [];
  for (const level of index.levelOrder) {
    if (!span.has(level)) continue;
    const detail = expectationDetail(ref.competency.expectations[level]);
    if (!detail || detail.notApplicable) continue;
    // a cell written only as criteria (format 2) is offered by the text that stands for it
    const own = role ? roleCellOwner(index, detail, role) : undefined;
    const resolved = cellExtras(index, competencyId, level, own ? (role ?? undefined) : undefined);
    const statement = (own ? resolved.statement : undefined) || detail.statement || resolved.text;
    if (!statement) continue;
    const found = index.levels.get(level);
    const stepOnly = resolved.step && !resolved.criteria?.length && statement === resolved.text;
    options.push({
      level,
      name: found?.name ?? level,
      track: found?.track,
      statement: stepOnly ? undefined : statement,
      step: resolved.step,
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
  /** The criteria ticked as shown, `{ criterion, evidence }` each. */
  criteria?: unknown;
  comment?: unknown;
}

/** The picks checked against the framework as `role` (the person's) reads it: its own criteria are theirs to tick. */
export function checkPicks(
  index: FrameworkIndex,
  raw: RawPick[],
  role: string | null,
): { picks: Pick[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const picks: Pick[] = [];
  const bands = new Set((index.framework.ratingScale ?? []).map((b) => b.id));
  const seen = new Set<string>();
  for (const r of raw) {
    const ref = typeof r.competency === "string" ? index.competencies.get(r.competency) : undefined;
    if (!ref || seen.has(r.competency)) {
      const id = quoted(
        typeof r.competency === "string" ? r.competency : String(JSON.stringify(r.competency)),
      );
      problems.push({
        field: "",
        message: ref
          ? `Competency ${id} is picked twice.`
          : `This framework has no competency ${id} (it may have changed since the page was loaded): nothing was saved; save again without it.`,
      });
      continue;
    }
    seen.add(r.competency);
    const name = ref.competency.name;
    const id = r.competency;
    const level = typeof r.level === "string" && r.level !== "" ? r.level : null;
    if (r.level !== undefined && r.level !== null && typeof r.level !== "string") {
      problems.push({ field: `pick-${id}`, message: `${name}: the level must be a level id.` });
    } else if (level !== null && !pickOptions(index, id, role).some((o) => o.level === level)) {
      problems.push({
        field: `pick-${id}`,
        message: `${name}: ${quoted(level)} is not one of this competency's levels.`,
      });
    }
    const band = typeof r.band === "string" && r.band !== "" ? r.band : null;
    if (band !== null && !bands.has(band)) {
      problems.push({
        field: `band-${id}`,
        message: `${name}: ${quoted(band)} is not a rating band of this framework.`,
      });
    }
    // the same checks (and limits) as the store's, located at this competency's fields; what was typed
    // stays in the picks either way, so a form shown again with its problems loses nothing
    const evidence = typeof r.evidence === "string" ? r.evidence.replace(/\r\n/g, "\n") : "";
    const links = linksOf(r.links);
    const evidenceChecked = checkMultiline(evidence, `evidence-${id}`, "Evidence", TEXT_LIMITS.evidence);
    const linksChecked = checkLinks(links, `links-${id}`);
    const criteria = checkCriteriaShown(r.criteria, `criteria-${id}`);
    const keys = new Set(
      criteriaByLevel(index, id, role).flatMap((g) => g.criteria.map((c) => `${g.level}\u0000${c.key}`)),
    );
    const unknown = criteria.value.filter((c) => !keys.has(`${c.level}\u0000${c.criterion}`));
    const comment = typeof r.comment === "string" ? r.comment.replace(/\r\n/g, "\n") : "";
    const commentChecked = checkMultiline(comment, `comment-${id}`, "The comment", TEXT_LIMITS.comment);
    for (const problem of [
      ...(evidenceChecked.problem ? [evidenceChecked.problem] : []),
      ...linksChecked.problems,
      ...(commentChecked.problem ? [commentChecked.problem] : []),
    ]) {
      problems.push({
        field: problem.field?.replace(/\[\d+\]$/, "") ?? "",
        message: `${name}: ${problem.message}`,
      });
    }
    for (const problem of criteria.problems)
      problems.push({ field: `criteria-${id}`, message: `${name}: ${problem.message}` });
    for (const c of unknown) {
      problems.push({
        field: `criteria-${id}`,
        message: `${name}: ${quoted(c.criterion)} is not one of this competency's criteria at ${quoted(c.level)}.`,
      });
    }
    picks.push({ competency: id, level, band, evidence, links, criteria: criteria.value, comment });
  }
  return { picks, problems };
}

function linksOf(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/\r?\n/) : [];
  return list
    .filter((l): l is string => typeof l === "string")
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * The picks of a posted form (`pick.<id>`, `band.<id>`, `evidence.<id>`, `links.<id>`), every competency; a
 * level picked for a competency the framework does not have (changed since the page was loaded) is a pick
 * too, for checkPicks to name rather than drop unsaid.
 */
export function picksFromForm(
  index: FrameworkIndex,
  body: Readonly<Record<string, unknown>>,
  role: string | null,
): RawPick[] {
  const text = (name: string) => {
    const value = Object.hasOwn(body, name) ? body[name] : undefined;
    return typeof value === "string" ? value : "";
  };
  const unknown = Object.keys(body)
    .filter((name) => name.startsWith("pick.") && text(name) !== "")
    .map((name) => name.slice("pick.".length))
    .filter((id) => !index.competencies.has(id))
    // bounded: a form of 100,000 such fields is answered with the first few
    .slice(0, 10)
    .map((id) => ({ competency: id, level: text(`pick.${id}`) }));
  const known = [...index.competencies.keys()].map((id) => {
    const criteria: CriterionShown[] = criteriaByLevel(index, id, role).flatMap((g) =>
      g.criteria
        .filter((c) => text(`shown.${id}.${g.level}.${c.key}`) !== "")
        .map((c) => ({
          level: g.level,
          criterion: c.key,
          evidence: text(`criterion-evidence.${id}.${g.level}.${c.key}`),
        })),
    );
    return {
      competency: id,
      level: text(`pick.${id}`),
      band: text(`band.${id}`),
      evidence: text(`evidence.${id}`),
      links: text(`links.${id}`),
      criteria,
      comment: text(`comment.${id}`),
    };
  });
  return [...known, ...unknown];
}

/**
 * Competencies the person's place is assessed on (`required`, core/place.ts) with no pick: what stops a
 * submission. The others are optional.
 */
export function unpickedProblems(
  index: FrameworkIndex,
  picks: Pick[],
  required: ReadonlySet<string>,
): FieldProblem[] {
  const picked = new Set(picks.filter((p) => p.level).map((p) => p.competency));
  return [...index.competencies.values()]
    .filter(({ competency }) => required.has(competency.id) && !picked.has(competency.id))
    .map(({ competency }) => ({
      field: `pick-${competency.id}`,
      message: `${isolated(competency.name ?? competency.id)}: pick a level before submitting.`,
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
  /** The person's role: where the framework writes its own expectations and criteria, they are offered. */
  role: string | null;
  /** "your" for a self-assessment, "their" for a manager's. */
  whose: "your" | "their";
  problems: FieldProblem[];
  /** Offer a comment per competency for the review (the person's own form; a manager comments when agreeing). */
  comments?: boolean;
  /** What the person's place is assessed on (core/place.ts): the others are shown apart, as optional. */
  required: ReadonlySet<string>;
}

/** How far (in ranks) from the person's own level the levels shown first may be; the rest are one click away. */
const NEAR = 1;

/**
 * The assessment form: section navigation and progress at the top ("12 of 27 answered", kept current by the
 * island), then per area its competencies. Each competency shows first the levels around the person's own
 * (the others behind "Other levels"), so a Senior engineer is not asked to read the CTO's expectations.
 */
export const AssessmentForm: FC<AssessmentFormProps> = (props) => {
  const { index, problems, picks, required } = props;
  const form = "assess";
  const ranks = levelRanks(index);
  const answered = (ids: string[]) => ids.filter((id) => picks.get(id)?.level).length;
  // each area with what the place is assessed on; the rest gathered at the end, apart and optional
  const areas = (index.framework.areas ?? [])
    .map((area) => ({ ...area, competencies: area.competencies.filter((c) => required.has(c.id)) }))
    .filter((area) => area.competencies.length > 0);
  const optional = (index.framework.areas ?? []).flatMap((a) =>
    a.competencies.filter((c) => !required.has(c.id)),
  );
  const all = areas.flatMap((a) => a.competencies.map((c) => c.id));
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
      <div class="assess-bar">
        <p class="assess-progress">
          <progress max={all.length} value={answered(all)} aria-hidden="true" />{" "}
          <span data-answered>{answered(all)}</span>
          {` of ${all.length} answered`}
        </p>
        <p class="autosave-status" role="status" aria-live="polite" hidden>
          {""}
        </p>
      </div>
      <nav class="assess-sections" aria-label="Sections of the assessment">
        <ol>
          {areas.map((area) => {
            const ids = area.competencies.map((c) => c.id);
            return (
              <li>
                <a href={`#area-${area.id}`}>{area.name}</a>{" "}
                <span class="area-count" data-area={area.id}>{`${answered(ids)} of ${ids.length}`}</span>
              </li>
            );
          })}
          {optional.length ? (
            <li>
              <a href="#area-optional">Not part of {props.whose} track</a>{" "}
              <span class="area-count">{`optional, ${optional.length}`}</span>
            </li>
          ) : null}
        </ol>
      </nav>
      {areas.map((area) => (
        <section class="assess-area" aria-labelledby={`area-${area.id}`} data-area={area.id}>
          <h2 id={`area-${area.id}`} tabindex={-1}>
            {area.name}
          </h2>
          {area.competencies.map((competency) => (
            <CompetencyPick {...props} competency={competency} ranks={ranks} />
          ))}
        </section>
      ))}
      {optional.length ? <OptionalPicks {...props} competencies={optional} ranks={ranks} /> : null}
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

/** What the person's level and track ask nothing of, apart at the end: a pick is welcome, never needed. */
const OptionalPicks: FC<
  AssessmentFormProps & {
    competencies: CompetencyPickProps["competency"][];
    ranks: ReadonlyMap<string, number>;
  }
> = (props) => (
  <section class="assess-area assess-optional" aria-labelledby="area-optional" data-optional="">
    <h2 id="area-optional" tabindex={-1}>
      {`Not part of ${props.whose} track (optional)`}
    </h2>
    <p class="hint">
      {`${props.whose === "your" ? "Your" : "Their"} level and track ask nothing of these. A pick is welcome but not needed to submit, and none counts as a gap.`}
    </p>
    {props.competencies.map((competency) => (
      <CompetencyPick {...props} competency={competency} ranks={props.ranks} />
    ))}
  </section>
);

/** The levels shown first (around `current`, by rank) and the others; all first when there is no level. */
function nearAndOthers(
  options: PickOption[],
  ranks: ReadonlyMap<string, number>,
  current: string | null,
): { near: PickOption[]; others: PickOption[] } {
  const own = current === null ? undefined : ranks.get(current);
  if (own === undefined) return { near: options, others: [] };
  const isNear = (o: PickOption) => Math.abs((ranks.get(o.level) ?? Number.POSITIVE_INFINITY) - own) <= NEAR;
  const near = options.filter(isNear);
  if (!near.length) return { near: options, others: [] };
  return { near, others: options.filter((o) => !isNear(o)) };
}

type CompetencyPickProps = AssessmentFormProps & {
  competency: { id: string; name?: string | undefined; description?: string | undefined };
  ranks: ReadonlyMap<string, number>;
};

/** One competency: its levels (those around the person's own first), the rating band, evidence and links. */
const CompetencyPick: FC<CompetencyPickProps> = (props) => {
  const { index, problems, picks, competency, ranks } = props;
  const form = "assess";
  const id = competency.id;
  const pick = picks.get(id);
  const problemFor = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message);
  const pickProblems = problemFor(`pick-${id}`);
  const { near, others } = nearAndOthers(pickOptions(index, id, props.role), ranks, props.current);
  const option = (o: PickOption) => (
    <PickOptionItem
      option={o}
      name={`pick.${id}`}
      inputId={`${form}-${id}--${o.level}`}
      checked={pick?.level === o.level}
      rank={ranks.get(o.level)}
      current={o.level === props.current}
      whose={props.whose}
    />
  );
  return (
    <fieldset
      class={pickProblems.length ? "competency-pick invalid" : "competency-pick"}
      id={`${form}-pick-${id}`}
      aria-describedby={pickProblems.length ? `${form}-pick-${id}-problem` : undefined}
    >
      <legend>{displayName(competency)}</legend>
      {competency.description ? <Md text={competency.description} /> : null}
      {pickProblems.length ? (
        <p class="field-problem" id={`${form}-pick-${id}-problem`}>
          {pickProblems.join(" ")}
        </p>
      ) : null}
      <ol class="pick-options">
        {near.map(option)}
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
      {others.length ? (
        <details class="more-levels" open={others.some((o) => o.level === pick?.level)}>
          <summary>{`Other levels (${others.length})`}</summary>
          <ol class="pick-options">{others.map(option)}</ol>
        </details>
      ) : null}
      <CriteriaTicks
        index={index}
        competency={id}
        pick={pick}
        current={props.current}
        role={props.role}
        problems={problemFor(`criteria-${id}`)}
      />
      <PickExtras {...props} />
    </fieldset>
  );
};

/**
 * An option's text as a label can hold it: a cell written as criteria stands as a list ("- a\n- b"), which
 * inline markdown would run into one line of dashes; each criterion gets a line of its own instead.
 */
const PickStatement: FC<{ text: string }> = ({ text }) => {
  const lines = text.split("\n");
  if (lines.length < 2 || !lines.every((l) => l.startsWith("- "))) return <Md text={text} inline />;
  return (
    <>
      {lines.map((l, i) => (
        <>
          {i > 0 ? <br /> : null}
          {"• "}
          <Md text={l.slice(2)} inline />
        </>
      ))}
    </>
  );
};

/** What a level asks of a competency: its statement and the step of the competency's scale, either or both. */
export const PickAsks: FC<{ statement: PickOption["statement"]; step: PickOption["step"] }> = ({
  statement,
  step,
}) => (
  <>
    {statement ? (
      <span class="pick-statement">
        <PickStatement text={statement} />
      </span>
    ) : null}
    {step ? <StepBadge step={step} tag="span" /> : null}
  </>
);

/** One level to pick: its name (marked when it is the person's own) and statement, more in a disclosure. */
const PickOptionItem: FC<{
  option: PickOption;
  name: string;
  inputId: string;
  checked: boolean;
  /** The level's rank: the island opens the criteria of this rank and the next when it is picked. */
  rank: number | undefined;
  current: boolean;
  whose: "your" | "their";
}> = ({ option: o, name, inputId, checked, rank, current, whose }) => (
  <li class={current ? "current" : undefined}>
    <input
      type="radio"
      id={inputId}
      name={name}
      value={o.level}
      checked={checked}
      data-rank={rank === undefined ? undefined : String(rank)}
    />
    <label for={inputId}>
      <span class="pick-level">
        {o.name}
        {current ? <span class="badge">{`${whose} level`}</span> : null}
      </span>
      <PickAsks statement={o.statement} step={o.step} />
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

/** The rating band (where the framework rates), evidence and links of one competency, with their problems. */
const PickExtras: FC<CompetencyPickProps> = (props) => {
  const { index, problems, picks, competency } = props;
  const form = "assess";
  const id = competency.id;
  const pick = picks.get(id);
  const scale = index.framework.ratingScale ?? [];
  const problemFor = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message);
  const bandProblems = problemFor(`band-${id}`);
  const evidenceProblems = problemFor(`evidence-${id}`);
  const linkProblems = problemFor(`links-${id}`);
  const commentProblems = problemFor(`comment-${id}`);
  return (
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
        {evidenceProblems.length ? <p class="field-problem">{evidenceProblems.join(" ")}</p> : null}
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
      {props.comments ? (
        <div class={commentProblems.length ? "field invalid" : "field"}>
          <label for={`${form}-comment-${id}`}>Comment for the review (optional)</label>
          <p class="hint" id={`${form}-comment-${id}-hint`}>
            Your manager sees it beside your pick once you submit.
          </p>
          {commentProblems.length ? <p class="field-problem">{commentProblems.join(" ")}</p> : null}
          <textarea
            id={`${form}-comment-${id}`}
            name={`comment.${id}`}
            rows={2}
            maxlength={TEXT_LIMITS.comment}
            aria-describedby={`${form}-comment-${id}-hint`}
          >
            {pick?.comment ?? ""}
          </textarea>
        </div>
      ) : null}
    </div>
  );
};
