/**
 * The matrix at a glance (issue 17, item 2): levels × competencies as a small grid, one square per cell,
 * so the whole jagged line of a mirror fits on one screen; the mirror island marks the picked squares.
 * Beside it, the jump-to-area links.
 */
import type { FC } from "hono/jsx";
import type { MatrixData } from "../../../core/views/matrix.js";
import { attr, esc } from "../../components/markup.js";
import { useBlock } from "../../components/page.js";
import { levelLabel } from "./mirror.js";

const STATE_TEXT = {
  expectation: "written",
  "not-applicable": "not applicable",
  missing: "not written",
  outside: "not spanned",
} as const;

/** Each state's class attribute, written once. */
const STATE_CLASS = Object.fromEntries(
  Object.keys(STATE_TEXT).map((state) => [state, attr("class", `ov is-${state}`)]),
) as Record<keyof typeof STATE_TEXT, string>;

export const AreaJumps: FC<{ areas: { id: string; name: string }[] }> = ({ areas }) =>
  areas.length > 1 ? (
    <nav class="area-jumps no-print" aria-label="Jump to an area">
      <span class="area-jumps-label">Jump to:</span>
      {areas.map((a) => (
        <a href={`#area-${a.id}`}>{a.name}</a>
      ))}
    </nav>
  ) : null;

/** A value's attribute, escaped once per value: a large matrix names each level and competency in many squares. */
function attrOnce(name: string): (value: string) => string {
  const made = new Map<string, string>();
  return (value) => {
    let out = made.get(value);
    if (out === undefined) {
      out = attr(name, value);
      made.set(value, out);
    }
    return out;
  };
}

/** One small square per cell, an area to a `<tbody>` (a large matrix has thousands of them): a page block. */
function overviewBodies(data: MatrixData): string[] {
  const pieces: string[] = [];
  const levelAttr = attrOnce("data-ov-level");
  const competencyAttr = attrOnce("data-ov-competency");
  for (const area of data.areas) {
    let out = `<tbody><tr class="ov-area"><th scope="rowgroup" colspan="${data.levels.length + 1}"><a${attr("href", `#area-${area.id}`)}>${esc(area.name)}</a></th></tr>`;
    for (const c of area.competencies) {
      const name = esc(c.name);
      out += `<tr><th scope="row" class="ov-name" title="${name}"><a${attr("href", `#row-${c.id}`)}>${name}</a></th>`;
      for (const cell of c.cells)
        out += `<td${STATE_CLASS[cell.state]}${competencyAttr(cell.competency)}${levelAttr(cell.level)} data-overview-cell="true"><span class="visually-hidden">${STATE_TEXT[cell.state]}</span></td>`;
      out += "</tr>";
    }
    pieces.push(`${out}</tbody>`);
  }
  return pieces;
}

export const MatrixOverview: FC<{ data: MatrixData }> = ({ data }) => (
  <details class="matrix-overview no-print" open data-mirror-overview>
    <summary>At a glance: every competency at every level</summary>
    <div class="overview-scroll">
      <table class="overview-grid">
        <caption class="visually-hidden">
          Which levels each competency describes; your mirror picks are marked here too
        </caption>
        <thead>
          <tr>
            <th scope="col">Competency</th>
            {data.levels.map((l) => (
              <th scope="col" title={levelLabel(l)}>
                <span class="ov-level">{l.code ?? l.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        {useBlock(overviewBodies(data))}
      </table>
    </div>
  </details>
);
