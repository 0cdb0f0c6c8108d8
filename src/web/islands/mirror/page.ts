/**
 * What the mirror reads from a matrix page (see ../mirror.ts): level headers carry data-rank, data-track and
 * data-next; competency headers data-name and, where the competency has a scale, data-steps (JSON) and
 * data-scale; pickable cells data-pick, data-label and, where they ask for a step, data-step; criteria are
 * `li[data-criterion]` (with data-from where carried forward from an earlier level); statements are the
 * cells' `.statement` text.
 */
import type { MirrorCompetency, MirrorCriterion, MirrorData, MirrorLevel } from "../../../core/mirror.js";

/**
 * The id standing for a whole cell where a competency is ticked but this level has no criteria: the cell
 * is then one criterion of its own. No criterion collides with it, since that level has none.
 */
export const WHOLE_CELL = "cell";

export interface MirrorPage {
  table: HTMLTableElement;
  /** Competency headers, in reading order. */
  heads: HTMLElement[];
  levelHeads: HTMLElement[];
  competencyName(id: string): string;
  levelName(id: string): string;
  levelHead(id: string): HTMLElement | undefined;
  /** Pickable cells (those with an expectation). */
  cells: HTMLTableCellElement[];
  cell(competency: string, level: string): HTMLTableCellElement | undefined;
  /** The framework as the gap math reads it: every level, or only those the filter shows. */
  data(onlyShown: boolean): MirrorData;
}

export const shown = (el: HTMLElement): boolean => !el.hidden;

export function readPage(table: HTMLTableElement): MirrorPage {
  const heads = [...table.querySelectorAll<HTMLElement>("[data-competency-head]")];
  const names = new Map(heads.map((h) => [h.dataset.competencyHead ?? "", h.dataset.name ?? ""]));
  const levelHeads = [...table.querySelectorAll<HTMLElement>("th[data-level]")];
  const levelHead = new Map(levelHeads.map((h) => [h.dataset.level ?? "", h]));
  const cells = [...table.querySelectorAll<HTMLTableCellElement>("td[data-pick]")];
  const cellOf = new Map(cells.map((c) => [`${c.dataset.competency}\n${c.dataset.level}`, c]));
  const page: MirrorPage = {
    table,
    heads,
    levelHeads,
    competencyName: (id) => names.get(id) || id,
    levelName: (id) => levelHead.get(id)?.dataset.label ?? id,
    levelHead: (id) => levelHead.get(id),
    cells,
    cell: (competency, level) => cellOf.get(`${competency}\n${level}`),
    data(onlyShown) {
      const levels = levelHeads.filter((h) => !onlyShown || shown(h)).map(levelOf);
      return { levels, competencies: heads.map((h) => competencyOf(page, h, levels)) };
    },
  };
  return page;
}

function levelOf(head: HTMLElement): MirrorLevel {
  return {
    id: head.dataset.level ?? "",
    rank: Number(head.dataset.rank ?? 0),
    track: head.dataset.track ?? "",
    next: (head.dataset.next ?? "").split(" ").filter(Boolean),
  };
}

/** The scale's steps from a header's data-steps; none when absent or unreadable. */
function stepsOf(head: HTMLElement): { id: string; name: string }[] | undefined {
  if (!head.dataset.steps) return undefined;
  try {
    const steps: unknown = JSON.parse(head.dataset.steps);
    if (!Array.isArray(steps)) return undefined;
    return steps.filter(
      (s): s is { id: string; name: string } => typeof s?.id === "string" && typeof s?.name === "string",
    );
  } catch {
    return undefined;
  }
}

/** A criterion's own words: its item's text without its examples, rating texts and "(from …)" note. */
export function criterionText(item: HTMLElement): string {
  const copy = item.cloneNode(true) as HTMLElement;
  for (const extra of copy.querySelectorAll(
    ".criterion-examples, .criterion-ratings, .criterion-from, .mirror-tick",
  ))
    extra.remove();
  return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
}

function competencyOf(page: MirrorPage, head: HTMLElement, levels: MirrorLevel[]): MirrorCompetency {
  const id = head.dataset.competencyHead ?? "";
  const expectations: Record<string, string> = {};
  const stepByLevel: Record<string, string> = {};
  const criteria: Record<string, MirrorCriterion[]> = {};
  for (const level of levels) {
    const cell = page.cell(id, level.id);
    if (!cell) continue;
    const text = cell.querySelector(".statement")?.textContent?.replace(/\s+/g, " ").trim();
    if (text) expectations[level.id] = text;
    if (cell.dataset.step) stepByLevel[level.id] = cell.dataset.step;
    const items = [...cell.querySelectorAll<HTMLElement>("li[data-criterion]")];
    if (items.length)
      criteria[level.id] = items.map((li) => ({
        id: li.dataset.criterion ?? "",
        text: criterionText(li),
        ...(li.dataset.from ? { from: li.dataset.from } : {}),
      }));
  }
  // a competency ticked by criteria where some levels have none: such a cell is one criterion of its own
  if (Object.keys(criteria).length)
    for (const level of levels)
      if (page.cell(id, level.id) && !Object.hasOwn(criteria, level.id))
        criteria[level.id] = [{ id: WHOLE_CELL, text: expectations[level.id] ?? "" }];
  const steps = stepsOf(head);
  return {
    id,
    expectations,
    ...(steps?.length ? { steps } : {}),
    ...(Object.keys(stepByLevel).length ? { stepByLevel } : {}),
    ...(Object.keys(criteria).length ? { criteria } : {}),
  };
}
