/**
 * One cell of the framework (a competency at a level) as format 2 writes it, the same on every page that
 * shows cells (level page, matrices, role profile): the statement or the text that stands for it, the step
 * of the competency's scale, the criteria with their examples and rating-band texts, and the markers for a
 * cell carried forward from the previous level or replaced by a role's own. Written as strings (markup.ts):
 * a large matrix has thousands of cells.
 */

import type { FC } from "hono/jsx";
import type { CellExtras, CriterionView } from "../../core/cells.js";
import { isolated } from "../../core/text.js";
import type { RoleCellView } from "../../core/views/level.js";
import { attr, bdi, esc, markup, mdBlock, mdInline, mdList } from "./markup.js";

type Step = NonNullable<CellExtras["step"]>;

/** "Proficiency: Fluent (step 3 of 4)"; a span where it stands inside phrasing content (a label). */
export function stepBadgeHtml(step: Step, tag: "p" | "span" = "p"): string {
  const name = step.scale ? `${isolated(step.scale)}: ${isolated(step.name)}` : step.name;
  const description = step.description
    ? `<span class="cell-step-description"> — ${mdInline(step.description)}</span>`
    : "";
  return `<${tag} class="cell-step"><span class="step-name">${esc(name)}</span><span class="step-position"> (step ${step.position} of ${step.of})</span>${description}</${tag}>`;
}

export const StepBadge: FC<{ step: Step; tag?: "p" | "span" }> = ({ step, tag }) =>
  markup(stepBadgeHtml(step, tag));

interface CriteriaProps {
  criteria: CriterionView[];
  anchor?: ((c: CriterionView) => string) | undefined;
  levelName?: ((id: string) => string) | undefined;
  bands?: { id: string; name: string }[] | undefined;
  /** False where the criteria are shown but not ticked (the mirror ticks only items with data-criterion). */
  keyed?: boolean | undefined;
}

/**
 * Criteria, each assessed on its own: numbered, with their examples and rating-band texts. `anchor` gives a
 * criterion its element id (the level page links search results to it); `levelName` names the level a
 * carried-forward criterion was written at.
 */
export function criteriaListHtml({ criteria, anchor, levelName, bands, keyed }: CriteriaProps): string {
  let out = '<ol class="criteria">';
  for (const c of criteria) {
    out += `<li${attr("id", anchor?.(c))} class="${c.from ? "criterion carried" : "criterion"}"`;
    if (keyed !== false) out += `${attr("data-criterion", c.key)}${attr("data-from", c.from)}`;
    out += ">";
    out += mdInline(c.text);
    if (c.from)
      out += `<span class="criterion-from">${esc(` (from ${levelName?.(c.from) ?? c.from})`)}</span>`;
    if (c.examples.length) {
      const label = c.examples.length === 1 ? "Example: " : "Examples:";
      out += `<div class="criterion-examples"><span class="examples-label">${label}</span>${mdList(c.examples)}</div>`;
    }
    const ratings = Object.entries(c.ratings);
    if (ratings.length) {
      out += '<dl class="criterion-ratings">';
      for (const [band, text] of ratings) {
        const name = bands?.find((b) => b.id === band)?.name ?? band;
        out += `<div><dt>${esc(name)}</dt><dd>${mdInline(text)}</dd></div>`;
      }
      out += "</dl>";
    }
    out += "</li>";
  }
  return `${out}</ol>`;
}

export const CriteriaList: FC<CriteriaProps> = (props) => markup(criteriaListHtml(props));

interface CellProps {
  /** The text written in the cell. */
  statement?: string | undefined;
  extras: CellExtras;
  levelName?: ((id: string) => string) | undefined;
  roleName?: ((id: string) => string) | undefined;
  anchor?: ((c: CriterionView) => string) | undefined;
  bands?: { id: string; name: string }[] | undefined;
}

const PLUS_OWN = esc(", plus this level's own (carried text first)");
const HOLDS = esc(" (the previous level's expectation holds)");

/** The cell's content as one block (see the file comment). */
export function cellContentHtml({
  statement,
  extras,
  levelName,
  roleName,
  anchor,
  bands,
}: CellProps): string {
  const shown = extras.statement ?? statement;
  // where only criteria or a step stand for the cell, they are shown as themselves, not as their text again
  const text = !shown && !extras.criteria?.length && !extras.step ? extras.text : undefined;
  let out = "";
  if (extras.unchangedFrom) {
    const as = `As ${levelName?.(extras.unchangedFrom) ?? extras.unchangedFrom}`;
    const rest = shown || extras.criteria?.length ? PLUS_OWN : HOLDS;
    out += `<p class="cell-unchanged"><span class="marker">${esc(as)}</span>${rest}</p>`;
  }
  if (extras.replacedBy) {
    const role = roleName?.(extras.replacedBy) ?? extras.replacedBy;
    out += `<p class="cell-role">${esc(`For ${role}, in place of the shared expectation:`)}</p>`;
  }
  out += mdBlock(shown);
  out += mdBlock(text);
  if (extras.step) out += stepBadgeHtml(extras.step);
  if (extras.criteria?.length)
    out += criteriaListHtml({ criteria: extras.criteria, anchor, levelName, bands });
  return out;
}

export const CellContent: FC<CellProps> = (props) => markup(cellContentHtml(props));

interface RoleCellProps {
  role: RoleCellView;
  levelName: (id: string) => string;
  anchor?: ((c: CriterionView) => string) | undefined;
  keyed?: boolean | undefined;
}

/**
 * A role's (or family's) own cell, under the shared one: what it adds ("For Mobile engineer, also:") or what
 * it says in its place ("instead:"), with its own step and criteria. The level page and the matrices show it.
 */
export function roleCellHtml({ role, levelName, anchor, keyed }: RoleCellProps): string {
  const lead = `For ${bdi(role.name)}, ${role.replace ? "instead" : "also"}:`;
  let out = `<div class="role-cell"${attr("data-role", role.id)}><p class="role-cell-h"><strong>${lead}</strong></p>${mdBlock(role.own)}`;
  if (role.step) out += stepBadgeHtml(role.step);
  const own = role.criteria?.filter((c) => c.role === role.id) ?? [];
  if (own.length) out += criteriaListHtml({ criteria: own, levelName, anchor, keyed });
  if (role.note) out += `<p class="meta">${mdInline(role.note)}</p>`;
  return `${out}</div>`;
}
