/**
 * What the team pages share (team-table.page.tsx): how a difference from one's own level is written and
 * coloured, the legend, the cycle's label, and the calibration table.
 */

import { type CalibrationRow, HEAT_BUCKETS, type HeatBucket } from "../../../core/assessment.js";
import { isolated } from "../../../core/text.js";
import { CALIBRATION_MIN_PAIRS } from "../../../services/team.js";
import type { Cycle } from "../../../store/types.js";
import { type Links, paths } from "../../links.js";

export const BUCKET_LABEL: Record<HeatBucket, string> = {
  "-2-": "2 or more levels below",
  "-1": "1 level below",
  "0": "at their level",
  "+1": "1 level above",
  "+2+": "2 or more levels above",
};
export const BUCKET_CLASS: Record<HeatBucket, string> = {
  "-2-": "d-2",
  "-1": "d-1",
  "0": "d0",
  "+1": "d1",
  "+2+": "d2",
};

/** A delta as people read it: a real minus sign, a plus for above. */
export function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : delta < 0 ? `\u2212${-delta}` : "0";
}

export function deltaClass(delta: number): string {
  return delta <= -2 ? "d-2" : delta >= 2 ? "d2" : `d${delta}`;
}

export const KIND_LABEL = { self: "self", manager: "manager", agreed: "agreed" } as const;

export function cycleLabel(cycle: Cycle): string {
  return `${isolated(cycle.name)} (${cycle.startsOn} to ${cycle.endsOn}, ${cycle.status})`;
}

export function Legend() {
  return (
    <ul class="heat-legend" aria-label="What the numbers and colours mean">
      {HEAT_BUCKETS.map((b) => (
        <li>
          <span class={`swatch ${BUCKET_CLASS[b]}`}>
            {b === "-2-" ? "\u22122" : b === "+2+" ? "+2" : signed(Number(b))}
          </span>
          {` ${BUCKET_LABEL[b]}${b === "-2-" || b === "+2+" ? " (the number says how many)" : ""}`}
        </li>
      ))}
      <li>
        <span class="swatch dn">{"\u2014"}</span> not picked, or no level to compare with
      </li>
      <li>
        <span class="carried-sign">{"\u21aa"}</span> carried: picked on an earlier version of the framework,
        under another competency or level (hover for which)
      </li>
    </ul>
  );
}

export function calibrationReading(row: CalibrationRow): string {
  if (row.pairs < CALIBRATION_MIN_PAIRS) return "too few to tell";
  const by = Math.abs(row.meanDelta).toFixed(2);
  if (row.meanDelta > 0) return `rates higher than self-assessments (by ${by} levels on average)`;
  if (row.meanDelta < 0) return `rates lower than self-assessments (by ${by} levels on average)`;
  return "in line with self-assessments";
}

export function CalibrationTable({ rows, links }: { rows: CalibrationRow[]; links: Links }) {
  if (!rows.length)
    return (
      <p>
        No manager has assessed a report in a cycle where that report also assessed themselves, so there is
        nothing to compare yet.
      </p>
    );
  return (
    <>
      <p>
        For each manager: every competency where a report and the manager both picked a level, in the latest
        cycle with both assessments submitted. The difference is the manager's pick minus the report's, in
        levels; managers furthest from their reports come first.
        {` With fewer than ${CALIBRATION_MIN_PAIRS} pairs there is too little to tell.`}
      </p>
      <div class="table-scroll">
        <table class="calibration stack-on-phone" id="calibration-table">
          <caption>Managers' picks against their reports' self-assessments</caption>
          <thead>
            <tr>
              <th scope="col">Manager</th>
              <th scope="col">Pairs</th>
              <th scope="col">Mean difference</th>
              <th scope="col">Higher</th>
              <th scope="col">Same</th>
              <th scope="col">Lower</th>
              <th scope="col">Reading</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                id={`calibration-${row.managerId}`}
                class={row.pairs < CALIBRATION_MIN_PAIRS ? "too-few" : ""}
              >
                <th scope="row">
                  <a href={links.to(paths.person(row.managerId))}>{row.managerName}</a>
                </th>
                <td data-label="Pairs">{String(row.pairs)}</td>
                <td data-label="Mean difference">
                  {(row.meanDelta > 0 ? "+" : row.meanDelta < 0 ? "\u2212" : "") +
                    Math.abs(row.meanDelta).toFixed(2)}
                </td>
                <td data-label="Higher">{String(row.higher)}</td>
                <td data-label="Same">{String(row.same)}</td>
                <td data-label="Lower">{String(row.lower)}</td>
                <td data-label="Reading">{calibrationReading(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
