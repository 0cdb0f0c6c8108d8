/**
 * Geometry of the profile charts (src/web/components/profile-chart.tsx): a radar with one spoke per
 * competency and a strip with competencies along x and level rank up y. Pure numbers in viewBox units, so
 * the server renders the SVG and a test checks the shapes. Plain math: two scales and a polygon do not need
 * d3.
 *
 * Ranks are normalized over the snapshot's whole rank range (not the picks'), so two profiles of one
 * framework are drawn on the same scale and a pick at the top rank lies on the outer ring.
 */
import type { FrameworkSnapshot, Profile } from "./assessment.js";

export type SeriesKey = "pick" | "current" | "target";

export interface ChartPoint {
  competency: string;
  rank: number;
  x: number;
  y: number;
}

export interface ChartSeries {
  key: SeriesKey;
  /** One per competency, in the profile's row order; null where there is no value (not picked). */
  points: (ChartPoint | null)[];
  /** SVG path data: closed where every point is present (radar), else one open run per stretch of points. */
  path: string;
}

/** A text label split into lines that fit; `full` is the whole text, for a tooltip where it was cut. */
export interface ChartLabel {
  lines: string[];
  full: string;
  truncated: boolean;
  x: number;
  /** Baseline of the first line. */
  y: number;
  anchor: "start" | "middle" | "end";
}

export interface RadarGeometry {
  width: number;
  height: number;
  cx: number;
  cy: number;
  /** Radius of the outer ring (the snapshot's top rank). */
  radius: number;
  /** One ring per rank, lowest first; `path` is the ring as a polygon through the spokes. */
  rings: { rank: number; r: number; path: string }[];
  spokes: { competency: string; name: string; angle: number; x: number; y: number }[];
  /** What the labels name: each competency's spoke, or (above RADAR_NAMED_MAX competencies) each area. */
  named: "competency" | "area";
  /** One per competency or per area, in reading order; `of` is its id. */
  labels: (ChartLabel & { of: string })[];
  /** Target, then current (when the profile has one), then the picks, so the picks are drawn on top. */
  series: ChartSeries[];
  /** Of the labels, in viewBox units: the label room above is measured for it. */
  fontSize: number;
  lineHeight: number;
}

export interface StripGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** One per rank, lowest first, labelled with the names of the levels at that rank. */
  ranks: { rank: number; y: number; label: ChartLabel }[];
  /** One per competency; labels are rotated by `labelAngle` degrees around their anchor. */
  columns: { competency: string; name: string; x: number; label: ChartLabel }[];
  labelAngle: number;
  /** Of the labels, in viewBox units. */
  fontSize: number;
  /** Target, then current (when the profile has one), then the picks. */
  series: ChartSeries[];
}

/** The lowest and highest rank of a snapshot's levels ({0, 0} without levels). */
export function rankRange(snapshot: FrameworkSnapshot): { min: number; max: number } {
  if (snapshot.levels.length === 0) return { min: 0, max: 0 };
  const ranks = snapshot.levels.map((l) => l.rank);
  return { min: Math.min(...ranks), max: Math.max(...ranks) };
}

/**
 * Splits text into at most `maxLines` lines of at most `maxChars` characters, at spaces. What does not fit
 * is cut with an ellipsis: the last line is filled with as much of the rest as fits, and a single word longer
 * than a line is cut and ends the label.
 */
export function labelLines(
  text: string,
  maxChars: number,
  maxLines: number,
): { lines: string[]; truncated: boolean } {
  const length = (s: string) => [...s].length;
  const cut = (s: string) =>
    `${[...s]
      .slice(0, Math.max(1, maxChars - 1))
      .join("")
      .trimEnd()}…`;
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    let line = words[i++] ?? "";
    if (length(line) > maxChars) {
      lines.push(cut(line));
      return { lines, truncated: true };
    }
    while (i < words.length && length(`${line} ${words[i]}`) <= maxChars) line += ` ${words[i++]}`;
    lines.push(line);
  }
  if (i === words.length) return { lines, truncated: false };
  lines.push(cut([lines.pop(), ...words.slice(i)].join(" ")));
  return { lines, truncated: true };
}

/** Two decimals: enough for a screen, and the same numbers every time. */
const round = (n: number) => Math.round(n * 100) / 100;

/** Path data through the points: closed when all are there and `closed` is asked for, else open runs. */
function pathThrough(points: (ChartPoint | null)[], closed: boolean): string {
  const at = (p: ChartPoint) => `${p.x},${p.y}`;
  if (points.length > 0 && points.every((p) => p !== null)) {
    const d = points.map((p, i) => `${i === 0 ? "M" : "L"}${at(p as ChartPoint)}`).join(" ");
    return closed && points.length > 2 ? `${d} Z` : d;
  }
  // start after a missing point so a run that wraps around the radar stays one run
  const gap = points.indexOf(null);
  const order = closed && gap >= 0 ? [...points.slice(gap + 1), ...points.slice(0, gap + 1)] : points;
  const runs: ChartPoint[][] = [];
  let run: ChartPoint[] = [];
  for (const p of order) {
    if (p) run.push(p);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs
    .filter((r) => r.length > 1)
    .map((r) => r.map((p, i) => `${i === 0 ? "M" : "L"}${at(p)}`).join(" "))
    .join(" ");
}

const RADAR_RADIUS = 90;
/** The lowest rank sits on a small ring, not the centre, so a profile of first-level picks is still a shape. */
const RADAR_INNER = 0.15;
const RADAR_LABEL_GAP = 10;
/**
 * How far from the centre labels should end: a label gets as many characters per line as fit before it (at
 * least 12, so a long word is rarely cut; at most 18), so side labels wrap narrow and the chart stays about 360 units wide: one unit per
 * pixel on a phone.
 */
const RADAR_LABEL_REACH = 180;
/** How far a label may be pushed out along its spoke to clear its neighbours. */
const RADAR_PUSH_LIMIT = 160;
const PAD = 4;
/** A generous average character width, as a share of the font size, for the room labels need. */
const CHAR_EM = 0.55;
/** Radar labels are a size up from the strip's: a radar's labels take half its width, so they shrink most. */
const RADAR_FONT = 13;
const RADAR_LINE = 15;
const STRIP_FONT = 13;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box, margin: number) =>
  a.left < b.right + margin &&
  b.left < a.right + margin &&
  a.top < b.bottom + margin &&
  b.top < a.bottom + margin;

/**
 * Above this many competencies the radar names its areas instead of each spoke: sixty names cannot sit
 * around one circle and stay readable (the names are on the dots' tooltips and in the table or list).
 */
export const RADAR_NAMED_MAX = 24;
/** Room along the outer ring per spoke, so a dense radar grows with its spokes instead of crowding them. */
const RADAR_SPOKE_ROOM = 12;

/** What a radar label names, and the direction of the spoke (or the middle of the area's spokes) it sits on. */
interface RadarLabelItem {
  of: string;
  name: string;
  angle: number;
}

/** The label items: one per competency, or, when dense, one per area at the middle of its run of spokes. */
function radarLabelItems(
  profile: Profile,
  snapshot: FrameworkSnapshot,
  angleOf: (i: number) => number,
): RadarLabelItem[] {
  if (profile.rows.length <= RADAR_NAMED_MAX)
    return profile.rows.map((row, i) => ({ of: row.competency, name: row.name, angle: angleOf(i) }));
  const areaNames = new Map(snapshot.competencies.map((c) => [c.area, c.areaName]));
  const runs: { of: string; first: number; last: number }[] = [];
  profile.rows.forEach((row, i) => {
    const run = runs.at(-1);
    if (run && run.of === row.area) run.last = i;
    else runs.push({ of: row.area, first: i, last: i });
  });
  return runs.map((run) => ({
    of: run.of,
    name: areaNames.get(run.of) ?? run.of,
    angle: angleOf((run.first + run.last) / 2),
  }));
}

/**
 * Places the labels around (0, 0) outside a ring of radius R: the sides first, then the spokes nearer the
 * top and bottom, each moved out along its spoke until clear of those placed. Returns them in item order.
 */
function placeRadarLabels(items: RadarLabelItem[], R: number): { box: Box; label: ChartLabel }[] {
  const placed: { box: Box; label: ChartLabel }[] = [];
  const result: { box: Box; label: ChartLabel }[] = [];
  const order = items
    .map((_, i) => i)
    .sort(
      (a, b) => Math.abs(Math.sin(items[a]?.angle ?? 0)) - Math.abs(Math.sin(items[b]?.angle ?? 0)) || a - b,
    );
  for (const i of order) {
    const item = items[i];
    if (!item) continue;
    const cos = Math.cos(item.angle);
    const sin = Math.sin(item.angle);
    const room = RADAR_LABEL_REACH - PAD - (R + RADAR_LABEL_GAP) * Math.abs(cos);
    const chars = Math.min(18, Math.max(12, Math.floor(room / (RADAR_FONT * CHAR_EM))));
    const { lines, truncated } = labelLines(item.name, chars, 2);
    const w = Math.max(0, ...lines.map((l) => [...l].length)) * RADAR_FONT * CHAR_EM;
    const h = lines.length * RADAR_LINE;
    const anchor: ChartLabel["anchor"] = cos > 0.25 ? "start" : cos < -0.25 ? "end" : "middle";
    const boxAt = (rho: number): Box => {
      const x = rho * cos;
      const y = rho * sin;
      const left = anchor === "start" ? x : anchor === "middle" ? x - w / 2 : x - w;
      // above the centre the block ends at the spoke, below it starts there, at the sides it is centred
      const top = sin < -0.3 ? y - h : sin > 0.3 ? y : y - h / 2;
      return { left, top, right: left + w, bottom: top + h };
    };
    let rho = R + RADAR_LABEL_GAP;
    while (rho < R + RADAR_PUSH_LIMIT && placed.some((p) => overlaps(p.box, boxAt(rho), 4))) rho += 2;
    const box = boxAt(rho);
    // y is the baseline of the first line
    const label: ChartLabel = {
      lines,
      full: item.name,
      truncated,
      x: rho * cos,
      y: box.top + (RADAR_LINE + RADAR_FONT) / 2 - 2,
      anchor,
    };
    placed.push({ box, label });
    result[i] = { box, label };
  }
  return result;
}

/**
 * The radar: spokes clockwise from the top in reading order, radius by rank, sized to its content: a ring
 * long enough for its spokes, and a viewBox fitted to the drawing and its labels. Up to RADAR_NAMED_MAX
 * competencies each spoke is labelled; above, each area.
 */
export function radarGeometry(profile: Profile, snapshot: FrameworkSnapshot): RadarGeometry {
  const { min, max } = rankRange(snapshot);
  const n = profile.rows.length;
  const R = Math.max(RADAR_RADIUS, round((n * RADAR_SPOKE_ROOM) / (2 * Math.PI)));
  const inner = R * RADAR_INNER;
  const radiusOf = (rank: number) => (max === min ? R : inner + ((rank - min) / (max - min)) * (R - inner));
  const angleOf = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, n);
  const items = radarLabelItems(profile, snapshot, angleOf);
  const placed = placeRadarLabels(items, R);

  // fit the viewBox around the outer ring and every label
  const boxes = [{ left: -R, top: -R, right: R, bottom: R }, ...placed.map((p) => p.box)];
  const dx = PAD - Math.min(...boxes.map((b) => b.left));
  const dy = PAD - Math.min(...boxes.map((b) => b.top));
  const pointAt = (i: number, r: number) => ({
    x: round(dx + r * Math.cos(angleOf(i))),
    y: round(dy + r * Math.sin(angleOf(i))),
  });
  const rings: RadarGeometry["rings"] = [];
  for (let rank = min; rank <= max; rank++) {
    const r = radiusOf(rank);
    const points = profile.rows.map((row, i) => ({ competency: row.competency, rank, ...pointAt(i, r) }));
    rings.push({ rank, r: round(r), path: pathThrough(points, true) });
  }
  const seriesAt = (key: SeriesKey, rankOf: (i: number) => number | null): ChartSeries => {
    const points = profile.rows.map((row, i) => {
      const rank = rankOf(i);
      return rank === null ? null : { competency: row.competency, rank, ...pointAt(i, radiusOf(rank)) };
    });
    return { key, points, path: pathThrough(points, true) };
  };
  return {
    width: round(Math.max(...boxes.map((b) => b.right)) + dx + PAD),
    height: round(Math.max(...boxes.map((b) => b.bottom)) + dy + PAD),
    cx: round(dx),
    cy: round(dy),
    radius: round(R),
    rings,
    spokes: profile.rows.map((row, i) => ({
      competency: row.competency,
      name: row.name,
      angle: round((angleOf(i) * 180) / Math.PI),
      ...pointAt(i, R),
    })),
    named: n > RADAR_NAMED_MAX ? "area" : "competency",
    labels: placed.map(({ label }, i) => ({
      ...label,
      of: items[i]?.of ?? "",
      x: round(label.x + dx),
      y: round(label.y + dy),
    })),
    series: seriesList(profile, seriesAt),
    fontSize: RADAR_FONT,
    lineHeight: RADAR_LINE,
  };
}

function seriesList(
  profile: Profile,
  at: (key: SeriesKey, rankOf: (i: number) => number | null) => ChartSeries,
) {
  const targetRank = profile.rows[0]?.targetRank ?? null;
  const currentRank = profile.rows[0]?.currentRank ?? null;
  return [
    at("target", () => targetRank),
    ...(profile.current !== null ? [at("current", () => currentRank)] : []),
    at("pick", (i) => profile.rows[i]?.pickRank ?? null),
  ];
}

/** Wide enough that labels rotated by 60° keep a font size apart (16 × sin 60° > 13). */
const STRIP_COLUMN = 16;
const STRIP_ROW = 22;
const STRIP_RANK_CHARS = 13;
const STRIP_NAME_CHARS = 22;
const STRIP_ANGLE = -60;

/** The strip: one column per competency, ranks bottom to top, the picks joined into the jagged line. */
export function stripGeometry(profile: Profile, snapshot: FrameworkSnapshot): StripGeometry {
  const { min, max } = rankRange(snapshot);
  const left = round(8 + STRIP_RANK_CHARS * STRIP_FONT * CHAR_EM);
  const top = 12;
  const plotWidth = Math.max(1, profile.rows.length) * STRIP_COLUMN;
  const plotHeight = (max - min) * STRIP_ROW;
  const right = left + plotWidth;
  const bottom = top + plotHeight;
  // a rotated label reaches down by its length times sin 60°
  const labelDrop =
    STRIP_NAME_CHARS * STRIP_FONT * CHAR_EM * Math.sin((-STRIP_ANGLE * Math.PI) / 180) + STRIP_FONT;
  const width = round(right + 12);
  const height = round(bottom + 10 + labelDrop);
  const xOf = (i: number) => round(left + STRIP_COLUMN * (i + 0.5));
  const yOf = (rank: number) => round(bottom - (rank - min) * STRIP_ROW);

  const ranks: StripGeometry["ranks"] = [];
  for (let rank = min; rank <= max; rank++) {
    const full = snapshot.levels
      .filter((l) => l.rank === rank)
      .map((l) => l.name)
      .join(" / ");
    const { lines, truncated } = labelLines(full, STRIP_RANK_CHARS, 1);
    ranks.push({
      rank,
      y: yOf(rank),
      label: {
        lines,
        full,
        truncated,
        x: round(left - 6),
        y: round(yOf(rank) + STRIP_FONT * 0.35),
        anchor: "end",
      },
    });
  }
  const columns = profile.rows.map((row, i) => {
    const { lines, truncated } = labelLines(row.name, STRIP_NAME_CHARS, 1);
    return {
      competency: row.competency,
      name: row.name,
      x: xOf(i),
      // glyphs sit above their baseline: nudge the anchor right so a rotated name centres on its column
      label: {
        lines,
        full: row.name,
        truncated,
        x: round(xOf(i) + STRIP_FONT * 0.3),
        y: round(bottom + 12),
        anchor: "end" as const,
      },
    };
  });
  const seriesAt = (key: SeriesKey, rankOf: (i: number) => number | null): ChartSeries => {
    const points = profile.rows.map((row, i) => {
      const rank = rankOf(i);
      return rank === null ? null : { competency: row.competency, rank, x: xOf(i), y: yOf(rank) };
    });
    // a level is a line across the whole plot; the picks join column to column
    const first = points[0];
    const path =
      key !== "pick" && first
        ? `M${round(left)},${first.y} L${round(right)},${first.y}`
        : pathThrough(points, false);
    return { key, points, path };
  };
  return {
    width,
    height,
    plot: { left: round(left), top, right: round(right), bottom: round(bottom) },
    ranks,
    columns,
    labelAngle: STRIP_ANGLE,
    fontSize: STRIP_FONT,
    series: seriesList(profile, seriesAt),
  };
}

/**
 * Above this many competencies a phone gets a list instead of the charts: the strip's columns and the
 * radar's spokes would shrink below a readable size at 360 px.
 */
export const PHONE_CHART_MAX = 20;

/** A small bar for one competency in the list view: the pick's length and where the target sits. */
export interface BarGeometry {
  width: number;
  height: number;
  /** Length of the bar for the pick; null when not picked. */
  value: number | null;
  /** x of the target level's tick. */
  target: number;
}

const BAR_WIDTH = 72;
const BAR_HEIGHT = 10;

/** The bar of one profile row, on the snapshot's whole rank range (the lowest rank still shows a sliver). */
export function barGeometry(
  row: { pickRank: number | null; targetRank: number },
  snapshot: FrameworkSnapshot,
): BarGeometry {
  const { min, max } = rankRange(snapshot);
  const at = (rank: number) =>
    round(max === min ? BAR_WIDTH : 4 + ((rank - min) / (max - min)) * (BAR_WIDTH - 4));
  return {
    width: BAR_WIDTH,
    height: BAR_HEIGHT,
    value: row.pickRank === null ? null : at(row.pickRank),
    target: at(row.targetRank),
  };
}
