/**
 * Two levels or two roles side by side: what the compare pages show and /api/frameworks/:fw/compare/:a/:b and
 * /api/frameworks/:fw/compare-roles/:a/:b return. Texts present on both sides carry a word-level diff.
 */

import { type CriterionView, cellExtras, type StepView } from "../cells.js";
import { type DiffPart, diffWords } from "../diff.js";
import {
  areaSpan,
  competencySpan,
  displayName,
  entryOf,
  expectationDetail,
  type FrameworkIndex,
} from "../model.js";
import type { ExpectationDetail, Role } from "../schema.js";
import { type LevelRef, levelRef } from "./level.js";
import { type ClassificationView, classificationViews, type OccupationTitles } from "./role.js";

/** One side of a compared text. `spans` is false where the level (or role) does not have the item at all. */
export interface CompareCell {
  spans: boolean;
  text?: string;
  notApplicable?: boolean;
  note?: string;
}

export interface CompareRow {
  id: string;
  name: string;
  a: CompareCell;
  b: CompareCell;
  /** The word-level diff from a to b, when both sides have text. */
  diff?: DiffPart[];
  /** Format 2: the cells' criteria side by side, matched by id, each diffed on its own. */
  criteria?: CriterionDiff[];
  /** Format 2: the step of the competency's scale each side asks for. */
  steps?: { a?: StepView; b?: StepView };
}

/** One criterion compared: on both sides (same or changed), or only on one (added at b, or removed). */
export interface CriterionDiff {
  id: string;
  status: "same" | "changed" | "added" | "removed";
  a?: string;
  b?: string;
  diff?: DiffPart[];
}

/** The criteria of two cells matched by key (see `CriterionView.key`), in a's order then b's new ones. */
export function diffCriteria(a: readonly CriterionView[], b: readonly CriterionView[]): CriterionDiff[] {
  const out: CriterionDiff[] = [];
  for (const ca of a) {
    const cb = b.find((c) => c.key === ca.key);
    if (!cb) out.push({ id: ca.id, status: "removed", a: ca.text });
    else if (cb.text === ca.text) out.push({ id: ca.id, status: "same", a: ca.text, b: cb.text });
    else
      out.push({ id: ca.id, status: "changed", a: ca.text, b: cb.text, diff: diffWords(ca.text, cb.text) });
  }
  for (const cb of b)
    if (!a.some((c) => c.key === cb.key)) out.push({ id: cb.id, status: "added", b: cb.text });
  return out;
}

/** The criteria and steps of competency `id` at levels a and b, where either side has some. */
function cellParts(index: FrameworkIndex, id: string, a: string | undefined, b: string | undefined) {
  const ea = a !== undefined ? cellExtras(index, id, a) : {};
  const eb = b !== undefined ? cellExtras(index, id, b) : {};
  const criteria =
    ea.criteria || eb.criteria ? diffCriteria(ea.criteria ?? [], eb.criteria ?? []) : undefined;
  return {
    ...(criteria ? { criteria } : {}),
    ...(ea.step || eb.step
      ? { steps: { ...(ea.step ? { a: ea.step } : {}), ...(eb.step ? { b: eb.step } : {}) } }
      : {}),
  };
}

export interface LevelSide extends LevelRef {
  trackName: string;
  codes: Record<string, string>;
  leverage?: string;
  summary?: string;
  responsibilities: string[];
}

export interface CompareLevelsData {
  framework: { id: string; name: string };
  a: LevelSide;
  b: LevelSide;
  /** True when both sides are the same level. */
  same: boolean;
  /** True when b is directly after a on the ladder (a next level). */
  adjacent: boolean;
  dimensions: (CompareRow & { kind: "dimension" | "rubric" })[];
  areas: { id: string; name: string; takeaway?: CompareRow; competencies: CompareRow[] }[];
}

function row(id: string, name: string, a: CompareCell, b: CompareCell): CompareRow {
  return {
    id,
    name,
    a,
    b,
    ...(a.text !== undefined && b.text !== undefined ? { diff: diffWords(a.text, b.text) } : {}),
  };
}

function side(index: FrameworkIndex, id: string): LevelSide | undefined {
  const level = index.levels.get(id);
  const ref = levelRef(index, id);
  if (!level || !ref) return undefined;
  return {
    ...ref,
    trackName: index.tracks.get(level.track)?.name ?? level.track,
    codes: level.codes ?? {},
    ...(level.leverage ? { leverage: level.leverage } : {}),
    ...(level.summary ? { summary: level.summary } : {}),
    responsibilities: level.responsibilities ?? [],
  };
}

/**
 * The text compared for an expectation: its statement, else its rating bands' texts (named), so an
 * expectation written only as ratings still has something to compare.
 */
function expectationCell(index: FrameworkIndex, detail: ExpectationDetail | undefined): CompareCell {
  if (!detail) return { spans: true };
  if (detail.notApplicable)
    return { spans: true, notApplicable: true, ...(detail.note ? { note: detail.note } : {}) };
  if (detail.statement) return { spans: true, text: detail.statement };
  const bands = (index.framework.ratingScale ?? []).filter((b) => entryOf(detail.ratings, b.id));
  if (bands.length)
    return { spans: true, text: bands.map((b) => `${b.name}: ${entryOf(detail.ratings, b.id)}`).join("\n") };
  return { spans: true };
}

/** Levels a and b side by side, or the ids that are unknown. */
export function compareLevelsData(
  index: FrameworkIndex,
  a: string,
  b: string,
): CompareLevelsData | { unknown: string[] } {
  const sa = side(index, a);
  const sb = side(index, b);
  if (!sa || !sb) return { unknown: [...new Set([a, b].filter((id) => !index.levels.has(id)))] };
  const la = index.levels.get(a);
  const lb = index.levels.get(b);
  const fw = index.framework;

  const dimensions: CompareLevelsData["dimensions"] = [];
  for (const d of fw.dimensions ?? []) {
    const va = entryOf(la?.dimensions, d.id);
    const vb = entryOf(lb?.dimensions, d.id);
    if (!va && !vb) continue;
    dimensions.push({
      ...row(
        d.id,
        d.name,
        va ? { spans: true, text: va } : { spans: false },
        vb ? { spans: true, text: vb } : { spans: false },
      ),
      kind: d.kind ?? "dimension",
    });
  }

  const areas: CompareLevelsData["areas"] = [];
  for (const area of fw.areas ?? []) {
    const competencies: CompareRow[] = [];
    for (const c of area.competencies) {
      const span = competencySpan(index, c, area);
      const inA = span.includes(a);
      const inB = span.includes(b);
      if (!inA && !inB) continue;
      const cellA = inA
        ? expectationCell(index, expectationDetail(entryOf(c.expectations, a)))
        : { spans: false };
      const cellB = inB
        ? expectationCell(index, expectationDetail(entryOf(c.expectations, b)))
        : { spans: false };
      // a cell of criteria or a step alone is compared by the text that stands for it
      if (inA && cellA.text === undefined && !cellA.notApplicable) {
        const text = cellExtras(index, c.id, a).text;
        if (text !== undefined) cellA.text = text;
      }
      if (inB && cellB.text === undefined && !cellB.notApplicable) {
        const text = cellExtras(index, c.id, b).text;
        if (text !== undefined) cellB.text = text;
      }
      competencies.push({
        ...row(c.id, displayName(c), cellA, cellB),
        ...cellParts(index, c.id, inA ? a : undefined, inB ? b : undefined),
      });
    }
    const span = areaSpan(index, area);
    const ta = span.includes(a) ? entryOf(area.takeaways, a) : undefined;
    const tb = span.includes(b) ? entryOf(area.takeaways, b) : undefined;
    if (competencies.length === 0 && !ta && !tb) continue;
    areas.push({
      id: area.id,
      name: displayName(area),
      ...(ta || tb
        ? {
            takeaway: row(
              `${area.id}-takeaway`,
              "At a glance",
              ta ? { spans: true, text: ta } : { spans: false },
              tb ? { spans: true, text: tb } : { spans: false },
            ),
          }
        : {}),
      competencies,
    });
  }

  return {
    framework: { id: fw.id, name: fw.name },
    a: sa,
    b: sb,
    same: a === b,
    adjacent: (index.successors.get(a) ?? []).includes(b),
    dimensions,
    areas,
  };
}

/** A role as one side of a role comparison. */
export interface RoleSide {
  id: string;
  name: string;
  family: string;
  familyName: string;
  code?: string;
  summary?: string;
  levels: LevelRef[];
  aliases: string[];
}

export interface CompareRolesData {
  framework: { id: string; name: string };
  a: RoleSide;
  b: RoleSide;
  same: boolean;
  /** Every level either role spans, in ladder order, with each role's responsibilities there. */
  levels: {
    level: LevelRef;
    a: { spans: boolean; items: string[] };
    b: { spans: boolean; items: string[] };
  }[];
  skills: {
    /** Skills both roles list (matched by name, ignoring case), with each role's description. */
    shared: { name: string; a?: string; b?: string }[];
    onlyA: { name: string; description?: string }[];
    onlyB: { name: string; description?: string }[];
  };
  aliases: { shared: string[]; onlyA: string[]; onlyB: string[] };
  classifications: {
    shared: (ClassificationView & { matchB: string })[];
    onlyA: ClassificationView[];
    onlyB: ClassificationView[];
  };
}

function roleSide(index: FrameworkIndex, role: Role): RoleSide {
  const family = index.framework.families?.find((f) => f.id === role.family);
  return {
    id: role.id,
    name: role.name,
    family: role.family,
    familyName: family?.name ?? role.family,
    ...(role.code ? { code: role.code } : {}),
    ...(role.summary ? { summary: role.summary } : {}),
    levels: role.levels.map((id) => levelRef(index, id) ?? { id, name: id, label: id, track: "" }),
    aliases: role.aliases ?? [],
  };
}

const key = (s: string) => s.trim().toLowerCase();

/** Roles a and b side by side, or the ids that are unknown. */
export function compareRolesData(
  index: FrameworkIndex,
  a: string,
  b: string,
  titles?: OccupationTitles,
): CompareRolesData | { unknown: string[] } {
  const ra = index.roles.get(a);
  const rb = index.roles.get(b);
  if (!ra || !rb) return { unknown: [...new Set([a, b].filter((id) => !index.roles.has(id)))] };

  const spanned = new Set([...ra.levels, ...rb.levels]);
  const ordered = [
    ...index.levelOrder.filter((id) => spanned.has(id)),
    ...[...spanned].filter((id) => !index.levels.has(id)),
  ];
  const levels = ordered.map((id) => ({
    level: levelRef(index, id) ?? { id, name: id, label: id, track: "" },
    a: { spans: ra.levels.includes(id), items: entryOf(ra.responsibilities, id) ?? [] },
    b: { spans: rb.levels.includes(id), items: entryOf(rb.responsibilities, id) ?? [] },
  }));

  const skillsA = ra.skills ?? [];
  const skillsB = rb.skills ?? [];
  const namesB = new Map(skillsB.map((s) => [key(s.name), s]));
  const namesA = new Set(skillsA.map((s) => key(s.name)));
  const skill = (s: { name: string; description?: string }) => ({
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
  });

  const aliasesA = ra.aliases ?? [];
  const aliasesB = rb.aliases ?? [];
  const aliasKeysA = new Set(aliasesA.map(key));
  const aliasKeysB = new Set(aliasesB.map(key));

  const ca = classificationViews(ra, titles);
  const cb = classificationViews(rb, titles);
  const codeKey = (c: ClassificationView) => `${c.scheme} ${c.code}`;
  const codesB = new Map(cb.map((c) => [codeKey(c), c]));
  const codesA = new Set(ca.map(codeKey));

  return {
    framework: { id: index.framework.id, name: index.framework.name },
    a: roleSide(index, ra),
    b: roleSide(index, rb),
    same: a === b,
    levels,
    skills: {
      shared: skillsA
        .filter((s) => namesB.has(key(s.name)))
        .map((s) => {
          const other = namesB.get(key(s.name));
          return {
            name: s.name,
            ...(s.description ? { a: s.description } : {}),
            ...(other?.description ? { b: other.description } : {}),
          };
        }),
      onlyA: skillsA.filter((s) => !namesB.has(key(s.name))).map(skill),
      onlyB: skillsB.filter((s) => !namesA.has(key(s.name))).map(skill),
    },
    aliases: {
      shared: aliasesA.filter((x) => aliasKeysB.has(key(x))),
      onlyA: aliasesA.filter((x) => !aliasKeysB.has(key(x))),
      onlyB: aliasesB.filter((x) => !aliasKeysA.has(key(x))),
    },
    classifications: {
      shared: ca
        .filter((c) => codesB.has(codeKey(c)))
        .map((c) => ({ ...c, matchB: codesB.get(codeKey(c))?.match ?? "unknown" })),
      onlyA: ca.filter((c) => !codesB.has(codeKey(c))),
      onlyB: cb.filter((c) => !codesA.has(codeKey(c))),
    },
  };
}
