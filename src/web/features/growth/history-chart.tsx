/**
 * The history chart: each competency's level through the rounds, followed across framework versions, with
 * a labelled mark where the version changed (core/history-chart.ts has the geometry). An SVG image with a
 * title and a summary; the timeline table below says the same in text.
 */

import type { FC } from "hono/jsx";
import { type HistoryGeometry, historyGeometry } from "../../../core/history-chart.js";
import { isolated } from "../../../core/text.js";
import { carriedText } from "../../../services/carried-picks.js";
import type { ContinuousHistory } from "../../../services/history.js";

/** Every rank of the loaded version, lowest first, named by its levels. */
function ranksOf(history: ContinuousHistory): { rank: number; name: string }[] {
  const byRank = new Map<number, string[]>();
  for (const l of history.snapshot.levels) byRank.set(l.rank, [...(byRank.get(l.rank) ?? []), l.name]);
  return [...byRank].sort(([a], [b]) => a - b).map(([rank, names]) => ({ rank, name: names.join(" / ") }));
}

function summary(history: ContinuousHistory, rounds: string[]): string {
  const followed = history.lines.filter((l) => l.cells.some((c) => c?.rank != null)).length;
  const parts = [
    `${rounds.length} round${rounds.length === 1 ? "" : "s"}, from ${rounds[0]} to ${rounds.at(-1)}; ${followed} competencies followed.`,
  ];
  for (const change of history.changes)
    parts.push(
      `The framework changed from version ${change.from} to ${change.to} before ${rounds[change.at]}; picks made before it are carried to today's competencies.`,
    );
  return parts.join(" ");
}

export const HistoryChart: FC<{ history: ContinuousHistory; rounds: string[] }> = ({ history, rounds }) => {
  const g = historyGeometry({
    rounds,
    ranks: ranksOf(history),
    lines: history.lines
      .filter((l) => l.retired === undefined)
      .map((l) => ({
        id: l.competency,
        name: l.name,
        ranks: l.cells.map((c) => c?.rank ?? null),
        carried: l.cells.map((c) => c?.mark !== undefined),
      })),
    changes: history.changes.map((c) => ({ at: c.at, label: c.to })),
  });
  const cells = new Map(history.lines.map((l) => [l.competency, l.cells]));
  return (
    <figure class="history-chart">
      {/* many rounds make the chart wider than a phone: it scrolls by itself, reachable by keyboard */}
      <section class="history-scroll" tabindex={0} aria-label="History chart (scrolls sideways)">
        <svg
          viewBox={`0 0 ${g.width} ${g.height}`}
          width={g.width}
          height={g.height}
          role="img"
          aria-labelledby="history-chart-title history-chart-desc"
          preserveAspectRatio="xMidYMid meet"
        >
          <title id="history-chart-title">Level per competency, round by round</title>
          <desc id="history-chart-desc">{summary(history, rounds)}</desc>
          <g class="grid">
            {g.ranks.map((r) => (
              <line x1={g.plot.left} x2={g.plot.right} y1={r.y} y2={r.y} />
            ))}
          </g>
          {g.marks.map((m) => (
            <g class="version-mark">
              <line x1={m.x} x2={m.x} y1={g.plot.top - g.fontSize} y2={g.plot.bottom} />
              <text x={m.label.x} y={m.label.y} text-anchor="middle" font-size={g.fontSize}>
                {m.label.lines.join(" ")}
              </text>
            </g>
          ))}
          {g.lines.map((line) => (
            <g class="history-line" data-competency={line.id}>
              {line.path ? <path d={line.path} /> : null}
              {line.dots.map((d) => {
                const cell = cells.get(line.id)?.[d.round];
                const how = cell?.mark ? ` (${carriedText(cell.mark)})` : "";
                return (
                  <circle cx={d.x} cy={d.y} r="4" class={d.carried ? "carried" : undefined}>
                    <title>{`${isolated(line.name)}, ${isolated(rounds[d.round] ?? "")}: ${isolated(cell?.levelName ?? "")}${how}`}</title>
                  </circle>
                );
              })}
            </g>
          ))}
          <Labels g={g} />
        </svg>
      </section>
      <figcaption class="chart-legend">
        <span class="key pick">A competency's level, round by round</span>
        {history.changes.length ? <span class="key version">The framework's version changed</span> : null}
        {history.lines.some((l) => l.cells.some((c) => c?.mark)) ? (
          <span class="key carried">Hollow dot: carried from an earlier version</span>
        ) : null}
      </figcaption>
    </figure>
  );
};

/** The level names up the side and the rounds along the bottom. */
const Labels: FC<{ g: HistoryGeometry }> = ({ g }) => (
  <g class="labels" font-size={g.fontSize}>
    {g.ranks.map((r) => (
      <text x={r.label.x} y={r.label.y} text-anchor="end">
        {r.label.truncated ? <title>{r.label.full}</title> : null}
        {r.label.lines.join(" ")}
      </text>
    ))}
    {g.columns.map((c) => (
      <text x={c.label.x} y={c.label.y} text-anchor="middle">
        {c.label.truncated ? <title>{c.label.full}</title> : null}
        {c.label.lines.map((line, i) => (
          <tspan x={c.label.x} dy={i === 0 ? 0 : Math.round(g.fontSize * 12) / 10}>
            {line}
          </tspan>
        ))}
      </text>
    ))}
  </g>
);
