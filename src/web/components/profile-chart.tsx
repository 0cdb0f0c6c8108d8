/**
 * The jagged profile drawn on the server: a radar and a strip (src/core/charts.ts has the geometry), each an
 * SVG image with a title, a summary and a visible legend, and a table that says the same in text. Colours
 * come from CSS classes (src/web/assets/css/profile.css); series also differ by line style, so the charts
 * read without colour. Synchronous, like every page.
 */

import type { FC } from "hono/jsx";
import type { FrameworkSnapshot, Profile, ProfileRow } from "../../core/assessment.js";
import {
  barGeometry,
  type ChartLabel,
  type ChartSeries,
  PHONE_CHART_MAX,
  radarGeometry,
  stripGeometry,
} from "../../core/charts.js";
import { isolated } from "../../core/text.js";
import { plural } from "../../core/words.js";
import { type CarriedMark, carriedText } from "../../services/carried-picks.js";
import { CarriedTag } from "./carried.js";

export interface ProfileChartProps {
  profile: Profile;
  snapshot: FrameworkSnapshot;
  /** Prefix of the ids inside the chart; give each chart on a page its own. */
  id?: string;
  /** Competency id → how its pick was carried from an earlier version (drawn hollow, said in words). */
  marks?: ReadonlyMap<string, CarriedMark> | undefined;
}

const levelName = (snapshot: FrameworkSnapshot, id: string | null): string | undefined =>
  id === null ? undefined : (snapshot.levels.find((l) => l.id === id)?.name ?? id);

/** What the chart shows, in a sentence or three: the text behind role="img". */
function summary(profile: Profile, snapshot: FrameworkSnapshot): string {
  const target = levelName(snapshot, profile.target) ?? profile.target;
  const current = levelName(snapshot, profile.current);
  const assessed = profile.rows.length - profile.unpicked.length;
  const parts = [
    `Assessed level in ${assessed} of ${plural(profile.rows.length, "competency", "competencies")}, ` +
      `against ${current ? `the current level ${current} and ` : ""}the target level ${target}.`,
  ];
  const [largest] = profile.gaps;
  if (largest) {
    const name = profile.rows.find((r) => r.competency === largest.competency)?.name ?? largest.competency;
    parts.push(
      `${plural(profile.gaps.length, "competency", "competencies")} below the target; the largest gap is ${name}, ` +
        `${plural(largest.gap, "level")} below.`,
    );
  } else if (assessed > 0) parts.push("No competency is below the target.");
  if (profile.strengths.length)
    parts.push(`${plural(profile.strengths.length, "competency", "competencies")} at or above the target.`);
  if (profile.unpicked.length) parts.push(`${profile.unpicked.length} not assessed.`);
  return parts.join(" ");
}

/** A label in one or more lines; where it was cut, the whole text shows as a tooltip. */
const Label: FC<{ label: ChartLabel; lineHeight: number; class: string; transform?: string }> = (props) => {
  const { label, lineHeight } = props;
  return (
    <text
      x={label.x}
      y={label.y}
      text-anchor={label.anchor}
      class={props.class}
      {...(props.transform ? { transform: props.transform } : {})}
    >
      {label.truncated ? <title>{label.full}</title> : null}
      {label.lines.map((line, i) => (
        <tspan x={label.x} dy={i === 0 ? 0 : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
};

const SERIES_CLASS: Record<ChartSeries["key"], string> = {
  pick: "series pick",
  current: "series current",
  target: "series target",
};

/** The picks' dots, each with its competency and level as a tooltip. */
const PickDots: FC<{
  series: ChartSeries;
  rows: ProfileRow[];
  snapshot: FrameworkSnapshot;
  marks: ProfileChartProps["marks"];
}> = ({ series, rows, snapshot, marks }) => (
  <g class="dots">
    {series.points.map((p, i) => {
      const row = rows[i];
      if (!p || !row) return null;
      const mark = marks?.get(row.competency);
      return (
        <circle cx={p.x} cy={p.y} r="3.5" {...(mark ? { class: "carried" } : {})}>
          <title>{`${isolated(row.name)}: ${isolated(levelName(snapshot, row.pick) ?? "")}${mark ? ` (${carriedText(mark)})` : ""}`}</title>
        </circle>
      );
    })}
  </g>
);

/** Names the series: the picks always, the current level when known, the target. */
const Legend: FC<{ profile: Profile; snapshot: FrameworkSnapshot; marks: ProfileChartProps["marks"] }> = ({
  profile,
  snapshot,
  marks,
}) => (
  <figcaption class="chart-legend">
    <span class="key pick">Assessed level</span>
    {profile.current !== null ? (
      <span class="key current">{`Current level: ${levelName(snapshot, profile.current)}`}</span>
    ) : null}
    <span class="key target">{`Target level: ${levelName(snapshot, profile.target)}`}</span>
    {marks?.size ? <span class="key carried">Hollow dot: carried from an earlier version</span> : null}
  </figcaption>
);

/** The radar: one spoke per competency, further out is a higher level. */
export const RadarChart: FC<ProfileChartProps> = ({ profile, snapshot, marks, id = "profile-radar" }) => {
  const g = radarGeometry(profile, snapshot);
  const pick = g.series.find((s) => s.key === "pick");
  return (
    <figure class="profile-chart radar">
      <svg
        viewBox={`0 0 ${g.width} ${g.height}`}
        width={g.width}
        height={g.height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>
          {`Profile radar: assessed level per competency${g.named === "area" ? ", spokes grouped by area" : ""}`}
        </title>
        <desc id={`${id}-desc`}>{summary(profile, snapshot)}</desc>
        <g class="grid">
          {g.rings.map((ring) => (
            <path d={ring.path} class="ring" />
          ))}
          {g.spokes.map((s) => (
            <line x1={g.cx} y1={g.cy} x2={s.x} y2={s.y} class="spoke" />
          ))}
        </g>
        {g.series.map((s) =>
          s.path ? <path d={s.path} class={SERIES_CLASS[s.key]} data-series={s.key} /> : null,
        )}
        {pick ? <PickDots series={pick} rows={profile.rows} snapshot={snapshot} marks={marks} /> : null}
        <g class="labels" font-size={g.fontSize}>
          {g.labels.map((label) => (
            <Label label={label} lineHeight={g.lineHeight} class={g.named} />
          ))}
        </g>
      </svg>
      <Legend profile={profile} snapshot={snapshot} marks={marks} />
    </figure>
  );
};

/** The strip: competencies left to right, levels bottom to top, the picks joined into the jagged line. */
export const StripChart: FC<ProfileChartProps> = ({ profile, snapshot, marks, id = "profile-strip" }) => {
  const g = stripGeometry(profile, snapshot);
  const pick = g.series.find((s) => s.key === "pick");
  return (
    <figure class="profile-chart strip">
      <svg
        viewBox={`0 0 ${g.width} ${g.height}`}
        width={g.width}
        height={g.height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>Profile strip: assessed level per competency</title>
        <desc id={`${id}-desc`}>{summary(profile, snapshot)}</desc>
        <g class="grid">
          {g.ranks.map((r) => (
            <line x1={g.plot.left} y1={r.y} x2={g.plot.right} y2={r.y} class="ring" />
          ))}
          {g.columns.map((c) => (
            <line x1={c.x} y1={g.plot.top} x2={c.x} y2={g.plot.bottom} class="spoke" />
          ))}
        </g>
        {g.series.map((s) =>
          s.path ? <path d={s.path} class={SERIES_CLASS[s.key]} data-series={s.key} /> : null,
        )}
        {pick ? <PickDots series={pick} rows={profile.rows} snapshot={snapshot} marks={marks} /> : null}
        <g class="labels" font-size={g.fontSize}>
          {g.ranks.map((r) => (
            <Label label={r.label} lineHeight={g.fontSize} class="level" />
          ))}
          {g.columns.map((c) => (
            <Label
              label={c.label}
              lineHeight={g.fontSize}
              class="competency"
              transform={`rotate(${g.labelAngle} ${c.label.x} ${c.label.y})`}
            />
          ))}
        </g>
      </svg>
      <Legend profile={profile} snapshot={snapshot} marks={marks} />
    </figure>
  );
};

function gapText(row: ProfileRow): string {
  if (row.vsTarget === null) return "Not assessed";
  if (row.vsTarget === 0) return "At the target";
  const n = Math.abs(row.vsTarget);
  return `${plural(n, "level")} ${row.vsTarget < 0 ? "below" : "above"}`;
}

/** The text alternative to the charts: one row per competency, in reading order. */
export const ProfileTable: FC<ProfileChartProps & { caption?: string }> = ({
  profile,
  snapshot,
  caption,
  marks,
  id = "profile",
}) => {
  const areas = new Map(snapshot.competencies.map((c) => [c.id, c.areaName]));
  const current = levelName(snapshot, profile.current);
  const target = levelName(snapshot, profile.target);
  return (
    <section class="table-scroll" tabindex={0} aria-label="Profile table (scrolls sideways)">
      <table class="profile-table">
        <caption>
          {caption ??
            `Assessed level per competency, against ${current ? `the current level (${current}) and ` : ""}the target level (${target})`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Competency</th>
            <th scope="col">Area</th>
            <th scope="col">Assessed level</th>
            <th scope="col">Current level</th>
            <th scope="col">Target level</th>
            <th scope="col">Gap to target</th>
          </tr>
        </thead>
        <tbody>
          {profile.rows.map((row) => {
            return (
              <tr id={`${id}-${row.competency}`} class={`gap-${gapState(row)}`}>
                <th scope="row">{row.name}</th>
                <td>{areas.get(row.competency) ?? row.area}</td>
                <td>
                  {levelName(snapshot, row.pick) ?? "Not assessed"}
                  <CarriedTag mark={marks?.get(row.competency)} />
                </td>
                <td>{current ?? "Not set"}</td>
                <td>{target}</td>
                <td data-gap={row.vsTarget ?? ""}>{gapText(row)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
};

function gapState(row: ProfileRow): "unpicked" | "below" | "above" | "at" {
  if (row.vsTarget === null) return "unpicked";
  return row.vsTarget < 0 ? "below" : row.vsTarget > 0 ? "above" : "at";
}

/** The rows in runs of one area each, in reading order. */
function byArea(profile: Profile, snapshot: FrameworkSnapshot): { name: string; rows: ProfileRow[] }[] {
  const areaNames = new Map(snapshot.competencies.map((c) => [c.area, c.areaName]));
  const runs: { area: string; name: string; rows: ProfileRow[] }[] = [];
  for (const row of profile.rows) {
    const run = runs.at(-1);
    if (run?.area === row.area) run.rows.push(row);
    else runs.push({ area: row.area, name: areaNames.get(row.area) ?? row.area, rows: [row] });
  }
  return runs;
}

/**
 * The profile as a list, for a phone when there are too many competencies for the charts: by area, each
 * competency's whole name, its level, a small bar against the target's tick, and the gap in words.
 */
export const ProfileList: FC<ProfileChartProps> = ({ profile, snapshot, marks, id = "profile-list" }) => {
  const target = levelName(snapshot, profile.target);
  return (
    <div class="profile-list" id={id}>
      <p class="meta">{`Assessed level per competency; the tick on each bar is the target level (${target}).`}</p>
      <ul class="profile-areas">
        {byArea(profile, snapshot).map((area) => (
          <li>
            <span class="area-name">{area.name}</span>
            <ul>
              {area.rows.map((row) => {
                const bar = barGeometry(row, snapshot);
                return (
                  <li class={`gap-${gapState(row)}`}>
                    <span class="name">{row.name}</span>
                    <span class="reading">
                      <svg
                        class="bar"
                        width={bar.width}
                        height={bar.height}
                        viewBox={`0 0 ${bar.width} ${bar.height}`}
                        aria-hidden="true"
                      >
                        <rect class="track" x="0" y="2" width={bar.width} height={bar.height - 4} />
                        {bar.value !== null ? (
                          <rect class="value" x="0" y="2" width={bar.value} height={bar.height - 4} />
                        ) : null}
                        <line class="tick" x1={bar.target} x2={bar.target} y1="0" y2={bar.height} />
                      </svg>
                      <span class="pick">{levelName(snapshot, row.pick) ?? "Not assessed"}</span>
                      <CarriedTag mark={marks?.get(row.competency)} />
                      {row.vsTarget ? <span class="gap">{` · ${gapText(row)}`}</span> : null}
                    </span>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
};

/**
 * The radar and the strip, each at its own size (they wrap onto two rows when one is wide); above
 * PHONE_CHART_MAX competencies a narrow screen shows the list instead (profile.css).
 */
export const ProfileCharts: FC<ProfileChartProps> = ({ profile, snapshot, marks }) => {
  const many = profile.rows.length > PHONE_CHART_MAX;
  return (
    <>
      <div class={many ? "profile-charts many" : "profile-charts"}>
        <RadarChart profile={profile} snapshot={snapshot} marks={marks} />
        <StripChart profile={profile} snapshot={snapshot} marks={marks} />
      </div>
      {many ? <ProfileList profile={profile} snapshot={snapshot} marks={marks} /> : null}
    </>
  );
};
