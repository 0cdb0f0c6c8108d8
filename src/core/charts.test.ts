import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import { type FrameworkSnapshot, type Profile, profileOf, snapshotOf } from "./assessment.js";
import {
  barGeometry,
  type ChartLabel,
  labelLines,
  RADAR_NAMED_MAX,
  radarGeometry,
  rankRange,
  stripGeometry,
} from "./charts.js";
import { indexFramework } from "./model.js";

const root = new URL("../../", import.meta.url).pathname;
let eng: FrameworkSnapshot;

beforeAll(async () => {
  const loaded = await loadFramework(`${root}examples/engineering`, nodeFileSystem);
  if (!loaded.framework) throw new Error("cannot load examples/engineering");
  eng = snapshotOf(indexFramework(loaded.framework), "v1");
});

const picksOf = (levels: (string | null)[]) =>
  new Map(eng.competencies.flatMap((c, i) => (levels[i] ? [[c.id, levels[i]] as [string, string]] : [])));
const everywhere = (level: string) => picksOf(eng.competencies.map(() => level));

/** A label's box, measured the way a browser would draw it at worst (0.55 em per character). */
function labelBox(label: ChartLabel, fontSize: number, lineHeight: number) {
  const w = Math.max(0, ...label.lines.map((l) => [...l].length)) * fontSize * 0.55;
  const left = label.anchor === "start" ? label.x : label.anchor === "middle" ? label.x - w / 2 : label.x - w;
  const top = label.y - fontSize * 0.8;
  return { left, right: left + w, top, bottom: top + (label.lines.length - 1) * lineHeight + fontSize };
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y);

describe("labelLines", () => {
  it("wraps at spaces and keeps short names whole", () => {
    expect(labelLines("System design & architecture", 16, 2)).toEqual({
      lines: ["System design &", "architecture"],
      truncated: false,
    });
    expect(labelLines("  Communication ", 16, 2)).toEqual({ lines: ["Communication"], truncated: false });
    expect(labelLines("", 16, 2)).toEqual({ lines: [], truncated: false });
  });

  it("fills the last line with what fits and ends it with an ellipsis", () => {
    expect(labelLines("Customer & product understanding", 14, 2)).toEqual({
      lines: ["Customer &", "product under…"],
      truncated: true,
    });
    expect(labelLines("Supercalifragilistic expialidocious", 8, 2)).toEqual({
      lines: ["Superca…"],
      truncated: true,
    });
  });

  it("property: lines fit, and an uncut label is the text again", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        (text, chars, max) => {
          const { lines, truncated } = labelLines(text, chars, max);
          expect(lines.length).toBeLessThanOrEqual(max);
          for (const line of lines) expect([...line].length).toBeLessThanOrEqual(chars);
          const words = text.trim().split(/\s+/).filter(Boolean).join(" ");
          if (!truncated) expect(lines.join(" ")).toBe(words);
          else expect(lines.at(-1)?.endsWith("…")).toBe(true);
        },
      ),
    );
  });
});

describe("radarGeometry", () => {
  it("has one spoke per competency, clockwise from the top in reading order", () => {
    const g = radarGeometry(profileOf(eng, new Map(), "mid"), eng);
    expect(g.spokes.map((s) => s.competency)).toEqual(eng.competencies.map((c) => c.id));
    expect(g.spokes[0]?.angle).toBe(-90);
    for (let i = 1; i < g.spokes.length; i++)
      expect(g.spokes[i]?.angle).toBeGreaterThan(g.spokes[i - 1]?.angle ?? Number.NaN);
    for (const s of g.spokes) expect(distance(s, { x: g.cx, y: g.cy })).toBeCloseTo(g.radius, 1);
    const { min, max } = rankRange(eng);
    expect(g.rings.map((r) => r.rank)).toEqual(Array.from({ length: max - min + 1 }, (_, i) => min + i));
  });

  it("puts a pick at the top rank on the outer ring and higher picks further out", () => {
    const g = radarGeometry(profileOf(eng, everywhere("cto"), "mid"), eng);
    const pick = g.series.find((s) => s.key === "pick");
    for (const p of pick?.points ?? [])
      expect(distance(p ?? { x: 0, y: 0 }, { x: g.cx, y: g.cy })).toBeCloseTo(g.radius, 1);
    const ladder = ["intern", "junior", "mid", "senior", "lead", "staff", "principal", "architect", "cto"];
    const radii = ladder.map((level) => {
      const first = radarGeometry(profileOf(eng, everywhere(level), "mid"), eng).series.find(
        (s) => s.key === "pick",
      )?.points[0];
      return first ? distance(first, { x: g.cx, y: g.cy }) : Number.NaN;
    });
    for (let i = 1; i < radii.length; i++) expect(radii[i]).toBeGreaterThan(radii[i - 1] ?? Number.NaN);
    // the lowest rank is a small ring, not the centre
    expect(radii[0]).toBeGreaterThan(0);
    // levels of one rank on two tracks sit on one ring
    const manager = radarGeometry(profileOf(eng, everywhere("manager"), "mid"), eng).series.find(
      (s) => s.key === "pick",
    );
    expect(distance(manager?.points[0] ?? { x: 0, y: 0 }, { x: g.cx, y: g.cy })).toBeCloseTo(
      radii[5] ?? 0,
      5,
    );
  });

  it("draws the target and current level as closed polygons and the picks as far as they go", () => {
    const levels = eng.competencies.map(() => "mid" as string | null);
    levels[3] = null;
    levels[10] = null;
    const g = radarGeometry(profileOf(eng, picksOf(levels), "mid"), eng);
    expect(g.series.map((s) => s.key)).toEqual(["target", "current", "pick"]);
    const [target, current, pick] = g.series;
    expect(target?.path.endsWith("Z")).toBe(true);
    expect(current?.path.endsWith("Z")).toBe(true);
    expect(target?.points.every((p) => p && distance(p, { x: g.cx, y: g.cy }) > 0)).toBe(true);
    expect(pick?.points.filter((p) => p === null)).toHaveLength(2);
    // two runs of picks, the one after the second gap wrapping round to the first
    expect(pick?.path.match(/M/g)).toHaveLength(2);
    expect(pick?.path.includes("Z")).toBe(false);
    expect(radarGeometry(profileOf(eng, new Map(), null), eng).series.map((s) => s.key)).toEqual([
      "target",
      "pick",
    ]);
  });

  it("keeps labels apart from each other and from the drawing", () => {
    const g = radarGeometry(profileOf(eng, new Map(), "mid"), eng);
    const boxes = g.labels.map((l) => labelBox(l, g.fontSize, g.lineHeight));
    expect(g.named).toBe("competency");
    expect(g.labels.map((l) => l.of)).toEqual(eng.competencies.map((c) => c.id));
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i];
      if (!a) continue;
      for (const b of boxes.slice(i + 1))
        expect(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).toBe(false);
      // outside the outer ring: the box's nearest point to the centre is beyond the radius
      const nearest = {
        x: Math.min(Math.max(g.cx, a.left), a.right),
        y: Math.min(Math.max(g.cy, a.top), a.bottom),
      };
      expect(distance(nearest, { x: g.cx, y: g.cy })).toBeGreaterThan(g.radius);
    }
    // the label room was measured for a phone: about one unit per pixel at 360 px
    expect(g.width).toBeLessThanOrEqual(400);
  });

  it("property: every point and label lies inside the viewBox", () => {
    const level = fc.option(fc.constantFrom(...eng.levels.map((l) => l.id)), { nil: null });
    const names = fc.array(fc.string({ maxLength: 60 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(names, fc.array(level, { maxLength: 30 }), level, (raw, levels, current) => {
        // a framework of any size, with any names, on the engineering ladder
        const snapshot: FrameworkSnapshot = {
          ...eng,
          competencies: raw.map((name, i) => ({
            id: `c${i}`,
            name,
            area: "a",
            areaName: "A",
            expectations: {},
          })),
        };
        const picks = new Map(
          raw.flatMap((_, i) => (levels[i] ? [[`c${i}`, levels[i]] as [string, string]] : [])),
        );
        const profile: Profile = profileOf(snapshot, picks, current);
        const g = radarGeometry(profile, snapshot);
        const inside = (p: { x: number; y: number }) => {
          expect(p.x).toBeGreaterThanOrEqual(0);
          expect(p.x).toBeLessThanOrEqual(g.width);
          expect(p.y).toBeGreaterThanOrEqual(0);
          expect(p.y).toBeLessThanOrEqual(g.height);
        };
        expect(g.spokes).toHaveLength(raw.length);
        for (const s of g.spokes) inside(s);
        for (const label of g.labels) {
          const box = labelBox(label, g.fontSize, g.lineHeight);
          inside({ x: box.left, y: box.top });
          inside({ x: box.right, y: box.bottom });
        }
        for (const series of g.series) for (const p of series.points) if (p) inside(p);
      }),
      { numRuns: 60 },
    );
  });
});

/** The engineering ladder with `areas` × `perArea` competencies, named like people name them. */
function wide(areas: number, perArea: number): FrameworkSnapshot {
  return {
    ...eng,
    competencies: Array.from({ length: areas * perArea }, (_, i) => ({
      id: `c${i}`,
      name: `Competency number ${i} with a long descriptive name`,
      area: `a${Math.floor(i / perArea)}`,
      areaName: `Area ${Math.floor(i / perArea)}`,
      expectations: {},
    })),
  };
}

describe("radarGeometry with many competencies", () => {
  it("names each area once, at the middle of its spokes, and grows the ring instead of crowding it", () => {
    const snapshot = wide(6, 10);
    const g = radarGeometry(profileOf(snapshot, new Map(), "mid"), snapshot);
    expect(g.spokes).toHaveLength(60);
    expect(g.named).toBe("area");
    expect(g.labels.map((l) => l.of)).toEqual(["a0", "a1", "a2", "a3", "a4", "a5"]);
    expect(g.labels.map((l) => l.full)).toEqual(["Area 0", "Area 1", "Area 2", "Area 3", "Area 4", "Area 5"]);
    // at least 12 units of ring between neighbouring spokes, where a 24-spoke radar keeps its size
    expect((2 * Math.PI * g.radius) / 60).toBeGreaterThanOrEqual(11.9);
    const small = wide(1, RADAR_NAMED_MAX);
    const named = radarGeometry(profileOf(small, new Map(), "mid"), small);
    expect(named.named).toBe("competency");
    expect(named.radius).toBe(90);
    // the area label sits on the bisector of its run: area 0 runs from spoke 0 (top) to spoke 9
    const first = g.labels[0];
    const mid = ((-90 + (-90 + (9 * 360) / 60)) / 2) * (Math.PI / 180);
    expect(first?.anchor).toBe(Math.cos(mid) > 0.25 ? "start" : "middle");
    expect(first && first.x > g.cx).toBe(true);
    expect(first && first.y < g.cy).toBe(true);
  });
});

describe("barGeometry", () => {
  it("grows with the pick's rank, marks the target, and has no bar without a pick", () => {
    const { min, max } = rankRange(eng);
    const low = barGeometry({ pickRank: min, targetRank: max }, eng);
    const high = barGeometry({ pickRank: max, targetRank: min }, eng);
    expect(low.value).toBeGreaterThan(0);
    expect(high.value).toBe(high.width);
    expect(low.target).toBe(low.width);
    expect(high.target).toBe(low.value);
    expect(barGeometry({ pickRank: null, targetRank: min }, eng).value).toBeNull();
  });
});

describe("stripGeometry", () => {
  it("puts competencies along x and ranks up y, the top rank at the top of the plot", () => {
    const levels = eng.competencies.map(() => "senior" as string | null);
    levels[0] = "cto";
    levels[1] = "intern";
    levels[2] = null;
    const g = stripGeometry(profileOf(eng, picksOf(levels), "mid"), eng);
    expect(g.columns.map((c) => c.competency)).toEqual(eng.competencies.map((c) => c.id));
    for (let i = 1; i < g.columns.length; i++)
      expect(g.columns[i]?.x).toBeGreaterThan(g.columns[i - 1]?.x ?? Number.NaN);
    expect(g.ranks.map((r) => r.label.full)).toEqual([
      "Intern",
      "Junior",
      "Mid",
      "Senior",
      "Lead",
      "Staff / Manager",
      "Principal / Director",
      "Architect / VP",
      "CTO",
    ]);
    const pick = g.series.find((s) => s.key === "pick");
    expect(pick?.points[0]?.y).toBe(g.plot.top);
    expect(pick?.points[1]?.y).toBe(g.plot.bottom);
    expect(pick?.points[2]).toBeNull();
    // the jagged line breaks where a competency is not assessed
    expect(pick?.path.match(/M/g)).toHaveLength(2);
    const target = g.series.find((s) => s.key === "target");
    const senior = g.ranks.find((r) => r.rank === 3)?.y;
    expect(target?.path).toBe(`M${g.plot.left},${senior} L${g.plot.right},${senior}`);
  });

  it("keeps the plot and its rotated labels inside the viewBox", () => {
    const g = stripGeometry(profileOf(eng, everywhere("cto"), "lead"), eng);
    const angle = (g.labelAngle * Math.PI) / 180;
    for (const c of g.columns) {
      const length = Math.max(0, ...c.label.lines.map((l) => [...l].length)) * g.fontSize * 0.55;
      // anchored at its end, the label runs back down and to the left
      const start = { x: c.label.x - length * Math.cos(angle), y: c.label.y - length * Math.sin(angle) };
      for (const p of [c.label, start]) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(g.width);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeLessThanOrEqual(g.height);
      }
    }
    for (const r of g.ranks)
      expect(r.label.x - [...(r.label.lines[0] ?? "")].length * g.fontSize * 0.55).toBeGreaterThanOrEqual(0);
    expect(g.plot.right).toBeLessThanOrEqual(g.width);
  });
});
