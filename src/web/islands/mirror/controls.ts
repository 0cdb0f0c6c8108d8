/**
 * The mirror's controls, made by the island (the page without JavaScript is a plain matrix), one kind per
 * competency as `mirrorMode` says:
 * - level: a radio per cell, one group per competency (Tab reaches a group, the arrow keys move in it);
 * - step: a select of the scale's steps in the competency's header; the cells the step places are marked;
 * - criteria: a checkbox per criterion ("shown"), the same one wherever a carried criterion appears, and a
 *   tally per cell; a cell without criteria in such a competency gets one checkbox for the whole cell.
 * Every cell gets an anchor ([data-mirror-anchor]) the jagged line passes through.
 */
import { type MirrorCompetency, mirrorMode, tickKey } from "../../../core/mirror.js";
import { criterionText, type MirrorPage, WHOLE_CELL } from "./page.js";

export type Mode = ReturnType<typeof mirrorMode>;

export interface ControlEvents {
  pick(competency: string, level: string): void;
  step(competency: string, step: string | undefined): void;
  tick(key: string, ticked: boolean): void;
}

/** Adds the controls; returns each competency's mode. */
export function addControls(page: MirrorPage, on: ControlEvents): Map<string, Mode> {
  const modes = new Map<string, Mode>();
  for (const competency of page.data(false).competencies) {
    const mode = mirrorMode(competency);
    modes.set(competency.id, mode);
    if (mode === "step") addStepSelect(page, competency, on);
  }
  for (const cell of page.cells) {
    const competency = cell.dataset.competency ?? "";
    const mode = modes.get(competency) ?? "level";
    if (mode === "level") addRadio(cell, on);
    else if (mode === "step") cell.prepend(bar("mirror-mark", "span"));
    else addTicks(page, cell, on);
  }
  return modes;
}

function bar<K extends "span" | "label">(className: string, tag: K): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = `mirror-bar ${className}`;
  if (tag === "span") el.dataset.mirrorAnchor = "";
  return el;
}

function addRadio(cell: HTMLTableCellElement, on: ControlEvents): void {
  const label = bar("mirror-pick", "label");
  const input = document.createElement("input");
  input.type = "radio";
  input.name = `mirror-${cell.dataset.competency}`;
  input.value = cell.dataset.level ?? "";
  input.dataset.mirrorAnchor = "";
  const text = document.createElement("span");
  text.className = "visually-hidden";
  text.textContent = cell.dataset.label ?? "";
  label.append(input, text);
  cell.prepend(label);
  input.addEventListener("change", () => {
    if (input.checked) on.pick(cell.dataset.competency ?? "", input.value);
  });
}

function addStepSelect(page: MirrorPage, competency: MirrorCompetency, on: ControlEvents): void {
  const head = page.heads.find((h) => h.dataset.competencyHead === competency.id);
  if (!head || !competency.steps) return;
  const label = document.createElement("label");
  label.className = "mirror-step";
  const text = document.createElement("span");
  text.className = "visually-hidden";
  text.textContent = `Your step in ${page.competencyName(competency.id)}`;
  const select = document.createElement("select");
  select.dataset.mirrorStep = competency.id;
  const none = new Option(`Your ${head.dataset.scale ? head.dataset.scale.toLowerCase() : "step"}…`, "");
  select.append(none, ...competency.steps.map((s) => new Option(s.name, s.id)));
  label.append(text, select);
  head.append(label);
  select.addEventListener("change", () => on.step(competency.id, select.value || undefined));
}

function tickBox(key: string, name: string, on: ControlEvents): HTMLInputElement {
  const input = document.createElement("input");
  input.type = "checkbox";
  input.dataset.mirrorTick = key;
  input.setAttribute("aria-label", name);
  input.addEventListener("change", () => on.tick(key, input.checked));
  return input;
}

function addTicks(page: MirrorPage, cell: HTMLTableCellElement, on: ControlEvents): void {
  const competency = cell.dataset.competency ?? "";
  const level = cell.dataset.level ?? "";
  const where = `${page.competencyName(competency)} at ${page.levelName(level)}`;
  const items = [...cell.querySelectorAll<HTMLElement>("li[data-criterion]")];
  if (items.length === 0) {
    // the whole cell is one criterion: its checkbox sits in the bar where a radio would be
    const label = bar("mirror-pick", "label");
    label.append(tickBox(tickKey(competency, level, WHOLE_CELL), `Shown: ${where}`, on));
    label.dataset.mirrorAnchor = "";
    cell.prepend(label);
    return;
  }
  const tally = bar("mirror-tally", "span");
  tally.setAttribute("aria-hidden", "true");
  cell.prepend(tally);
  for (const item of items) {
    const key = tickKey(competency, item.dataset.from ?? level, item.dataset.criterion ?? "");
    const box = tickBox(key, `Shown: ${criterionText(item)} (${where})`, on);
    const wrap = document.createElement("span");
    wrap.className = "mirror-tick";
    wrap.append(box);
    item.prepend(wrap);
  }
}

/** Sets every control from the state: radios, step selects, checkboxes and the cells' tallies. */
export function syncControls(
  page: MirrorPage,
  picks: ReadonlyMap<string, string>,
  steps: ReadonlyMap<string, string>,
  ticks: ReadonlySet<string>,
): void {
  for (const cell of page.cells) {
    const radio = cell.querySelector<HTMLInputElement>(".mirror-pick input[type=radio]");
    if (radio) radio.checked = picks.get(cell.dataset.competency ?? "") === cell.dataset.level;
    const boxes = [...cell.querySelectorAll<HTMLInputElement>("input[data-mirror-tick]")];
    for (const box of boxes) box.checked = ticks.has(box.dataset.mirrorTick ?? "");
    const tally = cell.querySelector<HTMLElement>(".mirror-tally");
    if (tally && boxes.length) {
      const done = boxes.filter((b) => b.checked).length;
      tally.textContent = `${done} of ${boxes.length} shown`;
    }
  }
  for (const select of page.table.querySelectorAll<HTMLSelectElement>("select[data-mirror-step]"))
    select.value = steps.get(select.dataset.mirrorStep ?? "") ?? "";
}
