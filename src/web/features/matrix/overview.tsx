/**
 * The matrix at a glance (issue 17, item 2): levels × competencies as a small grid, one square per cell,
 * so the whole jagged line of a mirror fits on one screen; the mirror island marks the picked squares.
 * Beside it, the jump-to-area links.
 */
import type { FC } from "hono/jsx";
import type { MatrixData } from "../../../core/views/matrix.js";
import { type BlockPiece, useBlock } from "../../components/page.js";
import { levelLabel } from "./mirror.js";

export const AreaJumps: FC<{ areas: { id: string; name: string }[] }> = ({ areas }) =>
  areas.length > 1 ? (
    <nav class="area-jumps no-print" aria-label="Jump to an area">
      <span class="area-jumps-label">Jump to:</span>
      {areas.map((a) => (
        <a href={`#area-${a.id}`}>{a.name}</a>
      ))}
    </nav>
  ) : null;

/** The overview's grid: its head of levels, then its rows (a page block, made with the matrix's: rows.ts). */
export const MatrixOverview: FC<{ data: MatrixData; rows: readonly BlockPiece[] }> = ({ data, rows }) => (
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
        {useBlock(rows)}
      </table>
    </div>
  </details>
);
