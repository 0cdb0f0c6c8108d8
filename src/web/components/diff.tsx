/** Word-diff rendering shared by every comparison page (levels, roles, across frameworks). */
import type { Child, FC } from "hono/jsx";
import { criterionLabel, type StepView } from "../../core/cells.js";
import type { DiffPart } from "../../core/diff.js";
import type {
  CompareCell,
  CompareLevelsData,
  CompareRow,
  CriterionDiff,
  RoleCompareRow,
} from "../../core/views/compare.js";

type Replace = RoleCompareRow["replace"];

import { paths } from "../links.js";
import { Md, useLinks } from "./page.js";

/** One side of a word diff: words only on this side marked (del for a, ins for b), with screen-reader text. */
export const DiffSide: FC<{ parts: DiffPart[]; side: "a" | "b"; name: string }> = ({ parts, side, name }) => (
  <span class="diff-text">
    {parts.map((p): Child => {
      if (p.op === "same") return p.text;
      if ((p.op === "remove") !== (side === "a")) return null;
      // spaces at the edges of a change stay outside the mark, so marks never show blank boxes
      // trim's white space is \s's; one pass from each end (a lazy pattern retried \s*$ at every character:
      // 14 s for a change of 100,000 spaces between two words)
      const core = p.text.trim();
      const lead = p.text.slice(0, p.text.length - p.text.trimStart().length);
      const trail = p.text.slice(p.text.trimEnd().length);
      if (!core) return p.text;
      const hidden = <span class="visually-hidden">{`[only in ${name}: `}</span>;
      const end = <span class="visually-hidden">]</span>;
      return (
        <>
          {lead}
          {p.op === "remove" ? (
            <del>
              {hidden}
              {core}
              {end}
            </del>
          ) : (
            <ins>
              {hidden}
              {core}
              {end}
            </ins>
          )}
          {trail}
        </>
      );
    })}
  </span>
);

/**
 * A cell of a comparison: the diffed text, the plain text, not applicable, or "not described"; for a role's
 * own row, whether it stands in place of the shared expectation (`instead`), or that there is none of its own.
 */
export const DiffCell: FC<{ row: CompareRow; side: "a" | "b"; name: string; instead?: boolean }> = ({
  row,
  side,
  name,
  instead,
}) => {
  const cell: CompareCell = row[side];
  if (cell.shared)
    return (
      <td class="cmp-none" data-side={name}>
        {`Nothing of its own at ${name}: the shared expectation alone.`}
      </td>
    );
  if (!cell.spans)
    return (
      <td class="cmp-none" data-side={name}>
        {`Not described at ${name}.`}
      </td>
    );
  if (cell.notApplicable)
    return (
      <td class="cmp-na" data-side={name}>
        <strong>Not applicable.</strong> {cell.note ? <Md text={cell.note} inline /> : null}
      </td>
    );
  if (cell.text === undefined)
    return (
      <td class="cmp-none" data-side={name}>
        No expectation written.
      </td>
    );
  return (
    <td data-side={name}>
      {instead ? <span class="cmp-status">In place of the shared expectation: </span> : null}
      {row.diff ? <DiffSide parts={row.diff} side={side} name={name} /> : <Md text={cell.text} inline />}
    </td>
  );
};

/** What the marks mean. */
export const DiffLegend: FC<{ a: string; b: string; id?: string }> = ({ a, b, id }) => (
  <p class="diff-legend" id={id}>
    <span>
      <del>Struck through</del>: words only in <bdi>{a}</bdi>
    </span>
    <span>
      <ins>Underlined</ins>: words only in <bdi>{b}</bdi>
    </span>
  </p>
);

/**
 * Two sides' rows as one table: a row header (its name, or `label` such as a link) and each side's words with
 * what changed marked. Used by every comparison of two levels, within a framework or across two.
 */
export const CompareTable: FC<{
  id: string;
  caption: string;
  first: string;
  rows: { row: CompareRow; label?: Child }[];
  a: string;
  b: string;
}> = ({ id, caption, first, rows, a, b }) => (
  <div class="table-scroll">
    <table class="cmp-table" id={id}>
      <caption>{caption}</caption>
      <colgroup>
        <col class="cmp-name" />
        <col />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">{a}</th>
          <th scope="col">{b}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ row, label }) => (
          <>
            <RowParts id={id} row={row} label={label} a={a} b={b} />
            {(row.roles ?? []).map((own) => (
              <RowParts
                id={id}
                row={own}
                label={<span class="cmp-role">{own.name}</span>}
                replace={own.replace}
                a={a}
                b={b}
              />
            ))}
          </>
        ))}
      </tbody>
    </table>
  </div>
);

/** One compared row with its step and its criteria, one row each (`replace`: a role's own row's). */
const RowParts: FC<{
  id: string;
  row: CompareRow;
  label?: Child;
  replace?: Replace;
  a: string;
  b: string;
}> = ({ id, row, label, replace, a, b }) => (
  <>
    <tr id={`${id}-${row.id}`} class={rowChanged(row, replace) ? "cmp-changed" : "cmp-same"}>
      <th scope="row">{label ?? row.name}</th>
      <DiffCell row={row} side="a" name={a} instead={replace?.a} />
      <DiffCell row={row} side="b" name={b} instead={replace?.b} />
    </tr>
    {row.steps ? <StepRow id={`${id}-${row.id}`} row={row} a={a} b={b} /> : null}
    {(row.criteria ?? []).map((c) => (
      <CriterionRow id={`${id}-${row.id}`} criterion={c} a={a} b={b} />
    ))}
  </>
);

/**
 * Per area, each competency's expectations at two levels of one framework (`fw`), a table each: the words
 * that change, the step, and the criteria one by one; each competency links to its row of the matrix.
 */
export const CompetencyDiffTables: FC<{
  areas: CompareLevelsData["areas"];
  fw: string;
  a: string;
  b: string;
}> = ({ areas, fw, a, b }) => {
  const links = useLinks();
  return (
    <>
      {areas.map((area) => (
        <CompareTable
          id={`area-${area.id}`}
          caption={area.name}
          first="Competency"
          rows={[
            ...(area.takeaway ? [{ row: area.takeaway }] : []),
            ...area.competencies.map((row) => ({
              row,
              label: <a href={links.to(`${paths.matrix(fw)}#row-${row.id}`)}>{row.name}</a>,
            })),
          ]}
          a={a}
          b={b}
        />
      ))}
    </>
  );
};

/** True when the two sides of a row differ: text, presence, criteria or step (for a role's row, replacing). */
export function rowChanged(row: CompareRow, replace?: Replace): boolean {
  if (row.a.spans !== row.b.spans || row.a.notApplicable !== row.b.notApplicable) return true;
  if (row.a.shared !== row.b.shared || replace?.a !== replace?.b) return true;
  if (row.a.text !== row.b.text) return true;
  if (row.criteria?.some((c) => c.status !== "same")) return true;
  return row.steps !== undefined && row.steps.a?.id !== row.steps.b?.id;
}

const STATUS = {
  same: "same on both",
  changed: "reworded",
  added: "new",
  removed: "dropped",
} as const;

/** One criterion of a cell, compared on its own (matched by id across the two levels). */
const CriterionRow: FC<{ id: string; criterion: CriterionDiff; a: string; b: string }> = ({
  id,
  criterion: c,
  a,
  b,
}) => {
  const side = (s: "a" | "b", name: string) => {
    const text = c[s];
    if (text === undefined)
      return (
        <td class="cmp-none" data-side={name}>
          {`Not a criterion at ${name}.`}
        </td>
      );
    return (
      <td data-side={name}>
        {c.diff ? <DiffSide parts={c.diff} side={s} name={name} /> : <Md text={text} inline />}
      </td>
    );
  };
  return (
    <tr
      id={`${id}--crit-${c.id}`}
      class={`cmp-criterion is-${c.status} ${c.status === "same" ? "cmp-same" : "cmp-changed"}`}
    >
      <th scope="row">
        <span class="cmp-criterion-label">{criterionLabel([c.at.a, c.at.b], c.id, "Criterion")}</span>{" "}
        <span class="cmp-status">{`(${STATUS[c.status]})`}</span>
      </th>
      {side("a", a)}
      {side("b", b)}
    </tr>
  );
};

/** The step of the competency's scale each side asks for. */
const StepRow: FC<{ id: string; row: CompareRow; a: string; b: string }> = ({ id, row, a, b }) => {
  const step = (s: StepView | undefined, name: string) => (
    <td data-side={name} class={s ? undefined : "cmp-none"}>
      {s ? (
        <>
          <bdi>{s.name}</bdi>
          {` (step ${s.position} of ${s.of})`}
        </>
      ) : (
        "No step named."
      )}
    </td>
  );
  return (
    <tr
      id={`${id}--step`}
      class={row.steps?.a?.id === row.steps?.b?.id ? "cmp-step cmp-same" : "cmp-step cmp-changed"}
    >
      <th scope="row">Step</th>
      {step(row.steps?.a, a)}
      {step(row.steps?.b, b)}
    </tr>
  );
};

/**
 * How to read a comparison: the word diff, both texts plain side by side, or only what changed. Radio
 * buttons and CSS (`:has`), so it works without a script and on a static site.
 */
export const CompareViews: FC = () => (
  <fieldset class="cmp-views no-print">
    <legend>Show</legend>
    <label>
      <input type="radio" name="cmp-view" id="cmp-view-words" value="words" checked />
      Word changes marked
    </label>
    <label>
      <input type="radio" name="cmp-view" id="cmp-view-plain" value="plain" />
      Plain side by side
    </label>
    <label>
      <input type="radio" name="cmp-view" id="cmp-view-changes" value="changes" />
      Changes only
    </label>
  </fieldset>
);
