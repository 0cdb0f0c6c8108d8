/** Parts both cross-framework comparisons show: where each side sits on the reference scale, and a row table. */
import type { Child, FC } from "hono/jsx";
import type { ReferenceComparison, ReferencePlacement } from "../../../core/views/architecture.js";
import type { CompareRow } from "../../../core/views/compare.js";
import { DiffCell } from "../../components/diff.js";
import { stepsText } from "../../components/equivalent-levels.js";
import { Md, useLinks } from "../../components/page.js";
import { paths } from "../../links.js";

export const Placement: FC<{ reference: ReferencePlacement | undefined }> = ({ reference }) => {
  const links = useLinks();
  if (!reference) return <span class="meta">Not placed on the reference scale.</span>;
  return (
    <>
      <a href={links.to(`${paths.equivalence()}#step-${reference.from}`)}>
        {`${stepsText(reference).replace(/^s/, "S")}: ${reference.steps.map((s) => s.name).join(" to ")}`}
      </a>
      {` (${reference.match} match)`}
      {reference.note ? (
        <div class="meta">
          <Md text={reference.note} inline />
        </div>
      ) : null}
    </>
  );
};

/** One sentence on how two levels sit on the reference scale. */
export function referenceSentence(
  r: ReferenceComparison,
  a: { name: string; reference?: ReferencePlacement | undefined },
  b: { name: string; reference?: ReferencePlacement | undefined },
  sameFramework: boolean,
): string {
  if (!r.comparable) {
    const unplaced = [a, b].filter((x) => !x.reference).map((x) => x.name);
    return `${unplaced.join(" and ")} ${unplaced.length > 1 ? "are" : "is"} not placed on the reference scale${
      sameFramework
        ? ", so the two compare only by their order on the ladder."
        : ", so the two cannot be matched."
    }`;
  }
  if (r.overlap && a.name === b.name)
    return `Both are at ${a.name}: ${stepsText(overlapOf(a.reference, b.reference))} of the reference scale.`;
  if (r.overlap)
    return `${a.name} and ${b.name} share ${stepsText(overlapOf(a.reference, b.reference))} of the reference scale.`;
  const steps = Math.abs(r.gap);
  return `${b.name} sits ${steps} step${steps === 1 ? "" : "s"} ${r.gap > 0 ? "above" : "below"} ${a.name} on the reference scale.`;
}

export function overlapOf(a: ReferencePlacement | undefined, b: ReferencePlacement | undefined) {
  return { from: Math.max(a?.from ?? 0, b?.from ?? 0), to: Math.min(a?.to ?? 0, b?.to ?? 0) };
}

export const RowsTable: FC<{
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
          <tr id={`${id}-${row.id}`}>
            <th scope="row">{label ?? row.name}</th>
            <DiffCell row={row} side="a" name={a} />
            <DiffCell row={row} side="b" name={b} />
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** Two names that may be equal: the second gets its framework (or code) so the columns can be told apart. */
export function sideNames(a: string, b: string, fa: string, fb: string): [string, string] {
  if (a !== b) return [a, b];
  return fa !== fb ? [`${a} (${fa})`, `${b} (${fb})`] : [a, `${b} (2)`];
}
