/**
 * Areas, competencies and their cells from the layout's drafts (layout-drafts.ts): each competency with its
 * scale (a shared one by id, or its own steps), each cell with its statement, criteria, step and the
 * `unchanged` marker, and the role or family cells that add to it or replace it. A step its scale lacks, a
 * role no row declares and a replace without a shared cell are located errors.
 */
import { hasContent, labelFromId } from "../core/model.js";
import type { Area, Competency, Criterion, ExpectationDetail, RoleExpectation } from "../core/schema.js";
import type { SourceLocation } from "../core/source-location.js";
import { allocateIds, isId } from "./ids.js";
import {
  buildSteps,
  type CellDraft,
  type CriterionDraft,
  competencyOwner,
  type Declared,
  described,
  field,
  idsFor,
  type LayoutDrafts,
  type Located,
  lines,
  nameOf,
} from "./layout-drafts.js";

/** A shared scale's id and its step ids, by the keys the rows used. */
export interface ScaleIds {
  id: string;
  steps: Map<string, string>;
}

/** Role or family key (as the rows wrote it) → its id: what a role's own cell may name. */
export type Owners = Map<string, string>;

interface Context {
  levelIds: Map<string, string>;
  scales: { byKey: Map<string, ScaleIds> };
  owners: Owners;
}

/** One competency as built, with what its cells need: its step ids by key, and the ids themselves. */
interface Built {
  competency: Competency;
  steps?: Map<string, string>;
  stepIds?: Set<string>;
  key: string;
}

function competencyScale(
  r: LayoutDrafts,
  key: string,
  c: Declared,
  scales: Context["scales"],
): { scale?: Competency["scale"]; steps?: Map<string, string> } {
  const shared = field(c, "scale");
  if (shared) {
    const known = scales.byKey.get(shared);
    const own = [...(r.steps.get(competencyOwner(key))?.values() ?? [])].find(
      (s) => s.declared !== undefined,
    );
    if (own)
      r.log.error(
        own.at,
        `competency ${key} uses scale ${shared}: give its steps on rows of that scale (fill the scale column)`,
      );
    return known ? { scale: known.id, steps: known.steps } : {};
  }
  const built = buildSteps(r, competencyOwner(key), `competency ${key}`);
  const scaleName = c.fields.get("scale_name");
  if (!built) {
    const named = scaleName ?? c.fields.get("scale_description");
    if (named)
      r.log.error(
        named.at,
        `competency ${key} has a scale ${named === scaleName ? "name" : "description"} but no steps: add a row per step`,
      );
    return {};
  }
  return {
    scale: {
      ...(scaleName ? { name: scaleName.value } : {}),
      ...described(c, "scale_description"),
      steps: built.steps,
    },
    steps: built.ids,
  };
}

export function buildAreas(r: LayoutDrafts, ctx: Context, top: SourceLocation): Area[] {
  const { log } = r;
  const areaIds = idsFor(r.areas.keys());
  const competencyIds = idsFor(r.competencies.keys());
  const competencies = new Map<string, Competency[]>();
  const byKey = new Map<string, Built>();
  for (const [key, c] of r.competencies) {
    let area = field(c, "area");
    if (!area) {
      area = "general";
      if (!r.areas.has(area)) r.areas.set(area, { at: top, fields: new Map() });
      if (!areaIds.has(area)) areaIds.set(area, allocateIds([area], areaIds.values()).get(area) as string);
      log.bend("guessed", c.at, `competency ${key} has no area; put in area general`);
    }
    const cid = competencyIds.get(key) as string;
    const name = nameOf(key, c);
    const { scale, steps } = competencyScale(r, key, c, ctx.scales);
    const sources = lines(field(c, "sources") ?? "");
    const competency: Competency = {
      id: cid,
      ...(name !== labelFromId(cid) || !isId(key) ? { name } : {}),
      ...described(c),
      ...(scale ? { scale } : {}),
      expectations: {},
      ...(sources.length ? { sources } : {}),
    };
    const list = competencies.get(area);
    if (list) list.push(competency);
    else competencies.set(area, [competency]);
    byKey.set(key, { competency, key, ...(steps ? { steps, stepIds: new Set(steps.values()) } : {}) });
    log.from(`areas.${areaIds.get(area)}.competencies.${cid}`, c.at);
  }
  buildCells(r, ctx, byKey);
  return [...r.areas].map(([key, a]) => {
    const aid = areaIds.get(key) as string;
    const name = nameOf(key, a);
    log.from(`areas.${aid}`, a.at);
    const summary = field(a, "summary");
    const takeaways = [...(r.takeaways.get(key) ?? [])].flatMap(([lkey, t]) => {
      const lid = ctx.levelIds.get(lkey);
      return lid === undefined ? [] : [[lid, t.value] as const];
    });
    const sources = lines(field(a, "sources") ?? "");
    return {
      id: aid,
      ...(name !== labelFromId(aid) || !isId(key) ? { name } : {}),
      ...(summary !== undefined ? { summary } : {}),
      ...described(a),
      ...(takeaways.length ? { takeaways: Object.fromEntries(takeaways) } : {}),
      competencies: competencies.get(key) ?? [],
      ...(sources.length ? { sources } : {}),
    };
  });
}

function criterion(c: CriterionDraft): Criterion {
  return {
    ...(c.id ? { id: c.id } : {}),
    text: c.text,
    ...(c.examples.length ? { examples: c.examples } : {}),
    ...(c.ratings.size ? { ratings: Object.fromEntries(c.ratings) } : {}),
    ...(c.sources.length ? { sources: c.sources } : {}),
  };
}

/** The step a cell names, as an id of its competency's scale; a step the scale lacks is an error. */
function stepId(r: LayoutDrafts, built: Built, step: Located | undefined): string | undefined {
  if (!step) return undefined;
  const ids = built.steps ?? new Map<string, string>();
  // the key a step row wrote (an id, or a name the id was made from), or the id made from it
  const id = ids.get(step.value) ?? (built.stepIds?.has(step.value) ? step.value : undefined);
  if (id === undefined)
    r.log.error(
      step.at,
      `the scale of competency ${built.key} has no step "${step.value}" (its steps: ${[...ids.keys()].join(", ")})`,
    );
  return id;
}

/** What a shared cell and a role's own cell both hold. */
function cellFields(r: LayoutDrafts, built: Built, cell: CellDraft) {
  const step = stepId(r, built, cell.step);
  return {
    ...(cell.statement ? { statement: cell.statement.value } : {}),
    ...(cell.criteria.length ? { criteria: cell.criteria.map(criterion) } : {}),
    ...(step !== undefined ? { step } : {}),
    ...(cell.examples.length ? { examples: cell.examples } : {}),
    ...(cell.ratings.size ? { ratings: Object.fromEntries(cell.ratings) } : {}),
    ...(cell.note ? { note: cell.note.value } : {}),
  };
}

function buildCells(r: LayoutDrafts, ctx: Context, byKey: Map<string, Built>): void {
  const shared: [string, CellDraft][] = [];
  const own: [string, CellDraft][] = [];
  for (const entry of r.cells) (entry[0].endsWith("\u0000") ? shared : own).push(entry);
  const details = new Map<string, ExpectationDetail>();
  const detailAt = (ckey: string, lkey: string): ExpectationDetail | undefined => {
    const lid = ctx.levelIds.get(lkey);
    const built = byKey.get(ckey);
    if (!lid || !built) return undefined;
    let detail = details.get(`${ckey}\u0000${lkey}`);
    if (!detail) {
      detail = {};
      details.set(`${ckey}\u0000${lkey}`, detail);
      built.competency.expectations[lid] = detail;
    }
    return detail;
  };
  for (const [key, cell] of shared) {
    const [ckey = "", lkey = ""] = key.split("\u0000");
    const detail = detailAt(ckey, lkey);
    const built = byKey.get(ckey);
    if (!detail || !built) continue;
    Object.assign(detail, cellFields(r, built, cell));
    if (cell.elaboration) detail.elaboration = cell.elaboration.value;
    if (cell.unchanged) detail.unchanged = true;
    if (cell.notApplicable) detail.notApplicable = true;
    if (cell.sources.length) detail.sources = cell.sources;
  }
  for (const [key, cell] of own) {
    const [ckey = "", lkey = "", rkey = ""] = key.split("\u0000");
    const owner = ctx.owners.get(rkey);
    const at = cell.roleAt ?? cell.at;
    if (owner === undefined) {
      r.log.error(
        at,
        `role "${rkey}" is not declared: add a row with role ${rkey}, its role_name and family and no competency (one per level it spans)${
          ctx.owners.size ? `; declared: ${[...ctx.owners.keys()].join(", ")}` : ""
        }`,
      );
      continue;
    }
    const detail = detailAt(ckey, lkey);
    const built = byKey.get(ckey);
    if (!detail || !built) continue;
    if (cell.sourcesAt)
      r.log.error(
        cell.sourcesAt,
        "a role's own cell has no sources of its own: give them on its criterion rows",
      );
    if (cell.replace && !hasContent({ ...detail, roles: undefined }))
      r.log.error(
        cell.replace,
        `role ${rkey} replaces the shared expectation of ${ckey} at ${lkey}, but there is none: leave replace empty to give the role's own cell`,
      );
    const expectation: RoleExpectation = {
      ...(cell.replace ? { replace: true } : {}),
      ...cellFields(r, built, cell),
    };
    detail.roles ??= {};
    detail.roles[owner] = expectation;
  }
}
