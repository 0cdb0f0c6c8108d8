/**
 * Geometry of a person's history chart (features/growth/history-chart.tsx): rounds left to right, level
 * rank up y, one line per competency through the rounds that picked it, and a labelled vertical mark where
 * the framework's version changed between two rounds. Pure numbers in viewBox units, like charts.ts.
 */
import { type ChartLabel, labelLines } from "./charts.js";

export interface HistoryChartInput {
  /** One per round, oldest first: what the column is called (a cycle's name, a date). */
  rounds: string[];
  /** Every rank the framework has, lowest first, with the names of its levels. */
  ranks: { rank: number; name: string }[];
  /** One per competency; `ranks[i]` is the rank picked in round i (null: not picked or not there then). */
  lines: { id: string; name: string; ranks: (number | null)[]; carried: boolean[] }[];
  /** The version changed just before round `at`; `label` names the new version. */
  changes: { at: number; label: string }[];
}

export interface HistoryDot {
  x: number;
  y: number;
  round: number;
  carried: boolean;
}

export interface HistoryGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  columns: { x: number; label: ChartLabel }[];
  ranks: { y: number; label: ChartLabel }[];
  /** One per input line: path data through its runs of consecutive picks, and its dots. */
  lines: { id: string; name: string; path: string; dots: HistoryDot[] }[];
  /** One per version change: a vertical line between two rounds and its label above the plot. */
  marks: { x: number; label: ChartLabel }[];
  fontSize: number;
}

const FONT = 12;
const LEFT = 110;
const RIGHT = 24;
const TOP = 40;
const BOTTOM = 48;
/** Room per round: a column label of two short lines, and a version mark between two columns. */
const COLUMN = 112;
const ROW = 30;
/** The narrowest chart: a phone's width, one unit per pixel. */
const MIN_WIDTH = 320;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The chart's geometry; a line joins only the rounds next to each other that both have a pick. */
export function historyGeometry(input: HistoryChartInput): HistoryGeometry {
  const n = input.rounds.length;
  const width = Math.max(MIN_WIDTH, LEFT + RIGHT + COLUMN * Math.max(1, n));
  const plot = {
    left: LEFT,
    top: TOP,
    right: width - RIGHT,
    bottom: TOP + ROW * Math.max(1, input.ranks.length - 1),
  };
  const step = n > 1 ? (plot.right - plot.left) / (n - 1) : 0;
  const xOf = (i: number) => round2(n > 1 ? plot.left + step * i : (plot.left + plot.right) / 2);
  const ranks = input.ranks.map((r) => r.rank);
  const low = Math.min(...ranks, 0);
  const high = Math.max(...ranks, low + 1);
  const yOf = (rank: number) =>
    round2(plot.bottom - ((rank - low) / (high - low)) * (plot.bottom - plot.top));
  const label = (
    text: string,
    x: number,
    y: number,
    anchor: ChartLabel["anchor"],
    chars: number,
    rows = 1,
  ) => ({
    ...labelLines(text, chars, rows),
    full: text,
    x,
    y,
    anchor,
  });
  const lines = input.lines.map((line) => {
    const dots: HistoryDot[] = [];
    let path = "";
    let joined = false;
    line.ranks.forEach((rank, i) => {
      if (rank === null) {
        joined = false;
        return;
      }
      const dot = { x: xOf(i), y: yOf(rank), round: i, carried: line.carried[i] === true };
      dots.push(dot);
      path += `${path ? " " : ""}${joined ? "L" : "M"}${dot.x},${dot.y}`;
      joined = true;
    });
    return { id: line.id, name: line.name, path, dots };
  });
  return {
    width,
    height: plot.bottom + BOTTOM,
    plot,
    columns: input.rounds.map((text, i) => ({
      x: xOf(i),
      label: label(text, xOf(i), round2(plot.bottom + FONT * 1.8), "middle", 16, 2),
    })),
    ranks: input.ranks.map((r) => ({
      y: yOf(r.rank),
      label: label(r.name, plot.left - 8, yOf(r.rank) + FONT / 3, "end", 16),
    })),
    lines,
    marks: input.changes
      .filter((c) => c.at > 0 && c.at < n)
      .map((c) => {
        const x = round2((xOf(c.at - 1) + xOf(c.at)) / 2);
        return { x, label: label(`Version ${c.label}`, x, round2(plot.top - FONT * 1.6), "middle", 20) };
      }),
    fontSize: FONT,
  };
}
