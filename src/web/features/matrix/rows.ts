/**
 * The competency matrix's large blocks: its rows (a competency's head, then its cells) and the overview's
 * squares, an area to a `<tbody>`, in pieces (page blocks: a large matrix is many megabytes of them). Each
 * competency's two rows are rendered once per content and kept as their bytes, so the first render after a
 * framework change renders only the rows the change touched and writes the others into the page as they are;
 * the cells of an area page likewise.
 */
import type { MatrixCell, MatrixCompetency, MatrixData, MatrixScale } from "../../../core/views/matrix.js";
import { cellContentHtml, roleCellHtml } from "../../components/cell.js";
import { Fragments, fieldsOf, sameData, sameFields } from "../../components/fragments.js";
import { attr, esc, mdBlock, mdInline, mdList } from "../../components/markup.js";
import type { BlockPiece } from "../../components/page.js";
import { type Links, paths } from "../../links.js";
import { releasedWith } from "../../version-caches.js";

/** What the mirror reads from a competency's header: its name, and its scale's steps to pick from. */
export function competencyAttrs(c: { id: string; name: string; scale?: MatrixScale }): string {
  let out = `${attr("data-competency-head", c.id)}${attr("data-name", c.name)}`;
  if (c.scale) out += attr("data-steps", JSON.stringify(c.scale.steps));
  if (c.scale?.name) out += attr("data-scale", c.scale.name);
  return out;
}

/** A cell's rating-band texts, folded. */
function ratingsHtml(ratings: NonNullable<MatrixCell["ratings"]>): string {
  let out = '<details class="ratings"><summary>Rating bands</summary><dl>';
  for (const r of ratings) out += `<dt>${esc(r.name)}</dt><dd>${mdInline(r.text)}</dd>`;
  return `${out}</dl></details>`;
}

interface CellNames {
  levelName: (id: string) => string;
  /** A role's or family's name, for a cell a role's own replaces. */
  roleName: (id: string) => string;
}

/**
 * One cell: the statement, then what each role writes of its own, then what sets the level apart, then
 * rating bands, each folded. A role's own criteria are ticked in the mirror only where the matrix is for
 * that role (its cells then hold only that role's); beside every role's, they are shown, not ticked.
 */
export function cellHtml(
  cell: MatrixCell,
  label: string,
  { levelName, roleName }: CellNames,
  forRole: boolean,
): string {
  const pickable = cell.state === "expectation";
  let out = `<td${attr("id", cell.id)}${attr("class", `cell is-${cell.state}`)}${attr("data-competency", cell.competency)}${attr("data-level", cell.level)}`;
  if (pickable) out += ` data-pick=""${attr("data-label", label)}${attr("data-step", cell.step?.id)}`;
  out += ">";
  if (cell.state === "outside")
    return `${out}<span class="visually-hidden">Not described at this level</span></td>`;
  if (cell.state === "missing")
    return `${out}<span class="visually-hidden">No expectation written for this level</span>${mdBlock(cell.note)}</td>`;
  const note = cell.note ? `<div class="note">${mdBlock(cell.note)}</div>` : "";
  if (cell.state === "not-applicable") return `${out}<p class="na">Not applicable</p>${note}</td>`;
  out += `<div class="statement">${cellContentHtml({ statement: cell.statement, extras: cell, levelName, roleName })}</div>`;
  for (const role of cell.roles ?? []) out += roleCellHtml({ role, levelName, keyed: forRole });
  out += note;
  if (cell.elaboration || cell.examples) {
    out += `<details class="apart"><summary>${cell.elaboration ? "What sets this level apart" : "Examples"}</summary>`;
    out += mdBlock(cell.elaboration);
    if (cell.examples) {
      if (cell.elaboration) out += '<p class="examples-h">Examples</p>';
      out += mdList(cell.examples, "examples");
    }
    out += "</details>";
  }
  if (cell.ratings) out += ratingsHtml(cell.ratings);
  return `${out}</td>`;
}

/**
 * Every field of a matrix cell: the compiler holds the list to the type, and the tests hold `sameCell` to
 * the list (a field added to the type and not compared fails them).
 */
export const CELL_FIELDS = fieldsOf<MatrixCell>({
  id: true,
  competency: true,
  level: true,
  state: true,
  statement: true,
  elaboration: true,
  examples: true,
  ratings: true,
  note: true,
  text: true,
  criteria: true,
  step: true,
  unchangedFrom: true,
  replacedBy: true,
  roles: true,
});
const COMPETENCY_FIELDS = fieldsOf<Omit<MatrixCompetency, "cells">>({
  id: true,
  name: true,
  description: true,
  span: true,
  scale: true,
});

/**
 * Whether two cells render the same: every field of CELL_FIELDS, each equal or the same data. Written out
 * field by field, not as a loop over the names (`sameFields`): a read by a name held in a variable is a
 * lookup of its own, and a large matrix compares 30,000 cells after every change.
 */
export function sameCell(a: MatrixCell, b: MatrixCell): boolean {
  return (
    a.id === b.id &&
    a.competency === b.competency &&
    a.level === b.level &&
    a.state === b.state &&
    a.statement === b.statement &&
    a.elaboration === b.elaboration &&
    a.note === b.note &&
    a.text === b.text &&
    a.unchangedFrom === b.unchangedFrom &&
    a.replacedBy === b.replacedBy &&
    sameData(a.examples, b.examples) &&
    sameData(a.ratings, b.ratings) &&
    sameData(a.criteria, b.criteria) &&
    sameData(a.step, b.step) &&
    sameData(a.roles, b.roles)
  );
}

function sameCells(a: readonly MatrixCell[], b: readonly MatrixCell[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameCell(a[i] as MatrixCell, b[i] as MatrixCell)) return false;
  return true;
}

/** What a competency's row of the matrix is made of, besides its context (the level and role names). */
interface RowData {
  /** The link of its head (to the competency on its area's page). */
  href: string;
  competency: MatrixCompetency;
}

/** What a competency's two rows are kept as: its row of the matrix and its row of squares in the overview. */
interface RowPieces {
  row: Uint8Array;
  overview: Uint8Array;
}

/**
 * Rows are most of a matrix: each competency's are rendered once per content (its competency and cells,
 * within the names they may show), and kept as their bytes. The overview's row is made of what the matrix
 * row is (the competency's id and name, its cells' ids, levels and states), so one comparison serves both.
 */
const rows = new Fragments<RowData, RowPieces>({
  same: (a, b) =>
    a.href === b.href &&
    sameFields<Omit<MatrixCompetency, "cells">>(a.competency, b.competency, COMPETENCY_FIELDS) &&
    sameCells(a.competency.cells, b.competency.cells),
  keep: (pieces) => pieces,
});
/** An area page's cells, each with the label the mirror picks it by. */
export const cells = new Fragments<{ label: string; cell: MatrixCell }>({
  same: (a, b) => a.label === b.label && sameCell(a.cell, b.cell),
});
releasedWith(() => {
  rows.clear();
  cells.clear();
});
const utf8 = new TextEncoder();

/** The names a cell may show, and whether the matrix is for one role. */
interface CellContext extends CellNames {
  forRole: boolean;
}

export function cellContext(
  levels: { id: string; name: string }[],
  roles: Map<string, string>,
  forRole: boolean,
) {
  const levelName = new Map(levels.map((l) => [l.id, l.name]));
  const context: CellContext = {
    levelName: (id) => levelName.get(id) ?? id,
    roleName: (id) => roles.get(id) ?? id,
    forRole,
  };
  return { context, key: JSON.stringify([[...levelName], [...roles], forRole]) };
}

/** A competency's row: its head, then its cells. */
function rowHtml({ href, competency }: RowData, names: CellContext): string {
  const id = competency.id;
  let out = `<tr${attr("id", `row-${id}`)}${attr("data-competency", id)}><th scope="row"${attr("id", `competency-${id}`)} class="competency-head"${competencyAttrs(competency)}><a${attr("href", href)}>${esc(competency.name)}</a></th>`;
  for (const cell of competency.cells)
    out += cellHtml(cell, `${competency.name} at ${names.levelName(cell.level)}`, names, names.forRole);
  return `${out}</tr>`;
}

const STATE_TEXT = {
  expectation: "written",
  "not-applicable": "not applicable",
  missing: "not written",
  outside: "not spanned",
} as const;

/** Each state's class attribute in the overview, written once. */
const STATE_CLASS = Object.fromEntries(
  Object.keys(STATE_TEXT).map((state) => [state, attr("class", `ov is-${state}`)]),
) as Record<keyof typeof STATE_TEXT, string>;

/** A competency's row of the overview: one small square per cell, the picked ones marked by the mirror. */
function overviewRowHtml(c: MatrixCompetency): string {
  const name = esc(c.name);
  let out = `<tr><th scope="row" class="ov-name" title="${name}"><a${attr("href", `#row-${c.id}`)}>${name}</a></th>`;
  for (const cell of c.cells)
    out += `<td${STATE_CLASS[cell.state]}${attr("data-ov-competency", cell.competency)}${attr("data-ov-level", cell.level)} data-overview-cell="true"><span class="visually-hidden">${STATE_TEXT[cell.state]}</span></td>`;
  return `${out}</tr>`;
}

/** The matrix's two large blocks, in pieces: the table's rows and the overview's squares. */
export interface MatrixBlocks {
  rows: BlockPiece[];
  overview: BlockPiece[];
}

/** The matrix's rows and the overview's, an area to a `<tbody>` in each: a competency's row, then the next. */
export function matrixBlocks(data: MatrixData, links: Links): MatrixBlocks {
  const fw = data.framework.id;
  const names = new Map([...data.families, ...data.roles].map((r) => [r.id, r.name]));
  const { context, key } = cellContext(data.levels, names, data.filter.role !== undefined);
  const row = rows.within(JSON.stringify([fw, key]));
  const blocks: MatrixBlocks = { rows: [], overview: [] };
  const span = data.levels.length + 1;
  for (const area of data.areas) {
    const areaPath = paths.area(fw, area.id);
    blocks.rows.push(
      `<tbody${attr("id", `area-${area.id}`)}><tr class="area-row"><th scope="rowgroup" colspan="${span}"><span class="sticky-label"><a${attr("href", links.to(areaPath))}>${esc(area.name)}</a></span></th></tr>`,
    );
    blocks.overview.push(
      `<tbody><tr class="ov-area"><th scope="rowgroup" colspan="${span}"><a${attr("href", `#area-${area.id}`)}>${esc(area.name)}</a></th></tr>`,
    );
    for (const competency of area.competencies) {
      const made = { href: links.to(`${areaPath}#competency-${competency.id}`), competency };
      const kept = row(competency.id, made, () => ({
        row: utf8.encode(rowHtml(made, context)),
        overview: utf8.encode(overviewRowHtml(competency)),
      }));
      blocks.rows.push(kept.row);
      blocks.overview.push(kept.overview);
    }
    blocks.rows.push("</tbody>");
    blocks.overview.push("</tbody>");
  }
  return blocks;
}
