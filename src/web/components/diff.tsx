/** Word-diff rendering shared by every comparison page (levels, roles, across frameworks). */
import type { Child, FC } from "hono/jsx";
import type { DiffPart } from "../../core/diff.js";
import type { CompareCell, CompareRow } from "../../core/views/compare.js";
import { Md } from "./page.js";

/** One side of a word diff: words only on this side marked (del for a, ins for b), with screen-reader text. */
export const DiffSide: FC<{ parts: DiffPart[]; side: "a" | "b"; name: string }> = ({ parts, side, name }) => (
  <span class="diff-text">
    {parts.map((p): Child => {
      if (p.op === "same") return p.text;
      if ((p.op === "remove") !== (side === "a")) return null;
      // spaces at the edges of a change stay outside the mark, so marks never show blank boxes
      const [, lead = "", core = "", trail = ""] = /^(\s*)([\s\S]*?)(\s*)$/.exec(p.text) ?? [];
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

/** A cell of a comparison: the diffed text, the plain text, not applicable, or "not described". */
export /** A cell of a comparison: the diffed text, the plain text, not applicable, or "not described". */
const DiffCell: FC<{ row: CompareRow; side: "a" | "b"; name: string }> = ({ row, side, name }) => {
  const cell: CompareCell = row[side];
  if (!cell.spans) return <td class="cmp-none">{`Not described at ${name}.`}</td>;
  if (cell.notApplicable)
    return (
      <td class="cmp-na">
        <strong>Not applicable.</strong> {cell.note ? <Md text={cell.note} inline /> : null}
      </td>
    );
  if (cell.text === undefined) return <td class="cmp-none">No expectation written.</td>;
  return (
    <td>
      {row.diff ? <DiffSide parts={row.diff} side={side} name={name} /> : <Md text={cell.text} inline />}
    </td>
  );
};

/** What the marks mean. */
export const DiffLegend: FC<{ a: string; b: string; id?: string }> = ({ a, b, id }) => (
  <p class="diff-legend" id={id}>
    <span>
      <del>Struck through</del>
      {`: words only in ${a}`}
    </span>
    <span>
      <ins>Underlined</ins>
      {`: words only in ${b}`}
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
