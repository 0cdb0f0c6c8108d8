/**
 * The mirror's summary under the matrix: how many competencies are placed, the gaps to the target (largest
 * first) with what the target asks (its expectation quoted, the step it asks for, the criteria still to
 * show), the strengths at or above it, and what is not placed yet.
 */
import {
  type MirrorData,
  type MirrorGap,
  type MirrorResult,
  mirrorGaps,
  tickKey,
} from "../../../core/mirror.js";
import { plural } from "../../../core/words.js";
import type { Mode } from "./controls.js";
import { type MirrorPage, WHOLE_CELL } from "./page.js";

export interface SummaryInput {
  page: MirrorPage;
  /** The levels shown and every competency. */
  data: MirrorData;
  /** Each placed competency's level (see core `placedPicks`), among the cells shown. */
  placed: ReadonlyMap<string, string>;
  target: string | undefined;
  modes: ReadonlyMap<string, Mode>;
  steps: ReadonlyMap<string, string>;
  ticks: ReadonlySet<string>;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

export function writeSummary(out: HTMLElement, input: SummaryInput): void {
  const { data, placed, target, page } = input;
  const total = data.competencies.length;
  if (!target || placed.size === 0) {
    const aim = target ? ` to see your gaps to ${page.levelName(target)}` : "";
    const then = target
      ? ""
      : "; the target then becomes the level after your most common place, or choose one above";
    out.replaceChildren(
      el(
        "p",
        placed.size === 0
          ? `Nothing picked yet. In ${total === 1 ? "the one competency" : `each of the ${total} competencies`}, pick a cell, a step, or tick the criteria you have shown${aim}${then}.`
          : "There is no level to compare with.",
      ),
    );
    return;
  }
  const result = mirrorGaps(data, placed, target);
  const nodes: Node[] = [headline(input, result)];
  if (result.gaps.length) nodes.push(el("h3", "Where to push next"), gapList(input, result.gaps));
  if (result.strengths.length)
    nodes.push(el("h3", "Strengths: at or above the target"), strengthList(input, result));
  if (result.unpicked.length) nodes.push(unplacedLine(input, result.unpicked));
  out.replaceChildren(...nodes);
}

function headline({ data, placed, target, page }: SummaryInput, result: MirrorResult): HTMLElement {
  const gaps = result.gaps.length;
  return el(
    "p",
    `You picked ${placed.size} of ${data.competencies.length} competencies. Target: ${page.levelName(target ?? "")}. ${
      gaps
        ? `${plural(gaps, "competency is", "competencies are")} below it.`
        : "None of your picks is below it."
    }`,
  );
}

/** How the reader placed themselves in a competency: "you picked P3 Mid", "your step Doing places you at …". */
function placedAs(input: SummaryInput, competency: string, level: string): string {
  const name = input.page.levelName(level);
  const mode = input.modes.get(competency);
  if (mode === "step") {
    const step = input.steps.get(competency) ?? "";
    return `your step ${stepName(input, competency, step)} places you at ${name}`;
  }
  if (mode === "criteria") return `the criteria you ticked reach ${name}`;
  return `you picked ${name}`;
}

function stepName(input: SummaryInput, competency: string, step: string): string {
  const c = input.data.competencies.find((x) => x.id === competency);
  return c?.steps?.find((s) => s.id === step)?.name ?? step;
}

function gapList(input: SummaryInput, gaps: MirrorGap[]): HTMLElement {
  const { page, target = "" } = input;
  const list = el("ol", undefined, "mirror-gaps");
  for (const gap of gaps) {
    const item = el("li");
    item.dataset.competency = gap.competency;
    const head = el("p");
    head.append(
      el("strong", page.competencyName(gap.competency)),
      document.createTextNode(
        `: ${placedAs(input, gap.competency, gap.pick)}, ${plural(gap.gap, "level", "levels")} below ${page.levelName(target)}.`,
      ),
    );
    item.append(head, ...asks(input, gap));
    list.append(item);
  }
  return list;
}

/** What the target asks in a gap's competency: the step, the criteria not ticked yet, or the quoted cell. */
function asks(input: SummaryInput, gap: MirrorGap): Node[] {
  const { page, data, target = "" } = input;
  const competency = data.competencies.find((c) => c.id === gap.competency);
  const mode = input.modes.get(gap.competency);
  const step = competency?.stepByLevel?.[target];
  if (mode === "step" && competency && step)
    return [
      el("p", `${page.levelName(target)} asks for ${stepName(input, competency.id, step)}.`, "mirror-asks"),
    ];
  const criteria = competency?.criteria?.[target];
  if (mode === "criteria" && criteria?.length) {
    const open = criteria.filter(
      (c) => c.id !== WHOLE_CELL && !input.ticks.has(tickKey(gap.competency, c.from ?? target, c.id)),
    );
    if (open.length) {
      const list = el("ul", undefined, "mirror-open-criteria");
      list.append(...open.map((c) => el("li", c.text)));
      return [caption(input, gap.competency, `Still to show for ${page.levelName(target)}: `), list];
    }
  }
  if (!gap.expectation)
    return [
      el("p", `There is no expectation written for ${page.levelName(target)} in this competency.`, "meta"),
    ];
  return [
    caption(input, gap.competency, `${page.levelName(target)} asks: `),
    el("blockquote", gap.expectation),
  ];
}

/** "<Level> asks: see the cell", the link moving to the target's cell and focusing its first control. */
function caption(input: SummaryInput, competency: string, text: string): HTMLElement {
  const out = el("p", undefined, "mirror-quote-source");
  out.append(document.createTextNode(text));
  const cell = input.page.cell(competency, input.target ?? "");
  if (cell) {
    const link = el("a", "see the cell");
    link.href = `#${cell.id}`;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      cell.scrollIntoView({ block: "center", inline: "center" });
      cell.querySelector<HTMLInputElement>("input")?.focus({ preventScroll: true });
    });
    out.append(link);
  }
  return out;
}

function strengthList(input: SummaryInput, result: MirrorResult): HTMLElement {
  const list = el("ul", undefined, "mirror-strengths");
  for (const s of result.strengths) {
    const item = el("li");
    const where =
      input.modes.get(s.competency) === "step"
        ? ` (step ${stepName(input, s.competency, input.steps.get(s.competency) ?? "")})`
        : "";
    item.append(
      el("strong", input.page.competencyName(s.competency)),
      document.createTextNode(
        `: ${input.page.levelName(s.pick)}${where}${s.ahead === 0 ? ", at the target" : `, ${plural(s.ahead, "level", "levels")} above it`}.`,
      ),
    );
    list.append(item);
  }
  return list;
}

/** Competencies without a place: never picked, or a step or ticks that reach no level yet. */
function unplacedLine(input: SummaryInput, unpicked: string[]): HTMLElement {
  const name = (id: string) => {
    const step = input.steps.get(id);
    if (input.modes.get(id) === "step" && step)
      return `${input.page.competencyName(id)} (${stepName(input, id, step)} is below every level shown)`;
    return input.page.competencyName(id);
  };
  return el("p", `Not picked yet: ${unpicked.map(name).join(", ")}.`, "meta");
}
