/**
 * The search documents of a competency: the competency itself, its expectation at each level it spans, each
 * criterion of those cells, and what each role or role family writes of its own in a cell (format 2),
 * labelled with whose it is. Split from search.ts, which makes the other documents and runs the search.
 */
import {
  type CriterionView,
  criteriaOf,
  criterionAnchor,
  roleCriterionKey,
  roleOrFamilyName,
  scaleSteps,
  stepText,
  stepView,
} from "./cells.js";
import { competencySpan, displayName, entryOf, expectationDetail, type FrameworkIndex } from "./model.js";
import type { Area, Competency, ExpectationDetail } from "./schema.js";
import { type Draft, join, levelExpectationId, levelName, matrixRowId, sitePath } from "./search-places.js";
import { plainText } from "./search-text.js";

/** A competency (a result linking to its matrix row) and its expectation at each level and their criteria. */
export function* competencyDrafts(
  fw: string,
  index: FrameworkIndex,
  area: Area,
  competency: Competency,
): Generator<Draft> {
  const areaName = plainText(displayName(area));
  const competencyName = plainText(displayName(competency));
  yield {
    type: "competency",
    kind: "Competency",
    context: areaName,
    title: competencyName,
    url: `${sitePath.matrix(fw)}#${matrixRowId(competency.id)}`,
    area: area.id,
    names: competencyName,
    body: join([competency.description]),
  };
  const span = new Set(competencySpan(index, competency, area));
  for (const levelId of index.levelOrder) {
    const detail = expectationDetail(entryOf(competency.expectations, levelId));
    if (!detail || !span.has(levelId)) continue;
    const name = levelName(index, levelId);
    yield {
      type: "expectation",
      kind: "Expectation",
      context: `${areaName} › ${competencyName} · ${name}`,
      title: `${competencyName} at ${name}`,
      url: sitePath.matrixCell(fw, competency.id, levelId),
      level: levelId,
      area: area.id,
      also: {
        label: `On the ${name} level page`,
        url: `${sitePath.level(fw, levelId)}#${levelExpectationId(competency.id)}`,
      },
      names: competencyName,
      body: join([
        detail.statement,
        detail.elaboration,
        ...(detail.examples ?? []),
        ...bandTexts(index, detail.ratings),
        detail.note,
        stepLine(index, competency, detail.step),
      ]),
    };
    // each criterion is a result of its own (format 2), linked to its place on the level page
    for (const criterion of criteriaOf(detail.criteria, levelId)) {
      yield {
        type: "criterion",
        kind: "Criterion",
        context: `${areaName} › ${competencyName} · ${name}`,
        title: `${competencyName} at ${name}: ${plainText(criterion.text)}`,
        url: `${sitePath.level(fw, levelId)}#${criterionAnchor(competency.id, criterion.key)}`,
        level: levelId,
        area: area.id,
        names: competencyName,
        body: criterionBody(criterion),
      };
    }
    yield* roleCellDrafts(fw, index, competency, detail, levelId, {
      area: area.id,
      context: `${areaName} › ${competencyName} · ${name}`,
      title: `${competencyName} at ${name}`,
      names: competencyName,
    });
  }
}

/** A band's text, "Meets: …", for a document's body. */
function bandTexts(index: FrameworkIndex, ratings: Record<string, string> | undefined): string[] {
  const bands = index.framework.ratingScale ?? [];
  return Object.entries(ratings ?? {}).map(
    ([band, text]) => `${plainText(bands.find((b) => b.id === band)?.name ?? band)}: ${text}`,
  );
}

/**
 * What each role (or role family) writes of its own in a cell: a result of its own and one per criterion,
 * labelled with whose it is. The cell's result links to the role's page at that level (a family's: to the
 * shared expectation on the level page, under which its own text is shown); each criterion links to its own
 * anchor on the level page, and for a role also to the role's page.
 */
function* roleCellDrafts(
  fw: string,
  index: FrameworkIndex,
  competency: Competency,
  detail: ExpectationDetail,
  level: string,
  cell: { area: string; context: string; title: string; names: string },
): Generator<Draft> {
  for (const [owner, own] of Object.entries(detail.roles ?? {})) {
    const ownerName = plainText(roleOrFamilyName(index, owner));
    const place = {
      context: `${cell.context} · ${ownerName}`,
      url: index.roles.has(owner)
        ? sitePath.role(fw, owner, level)
        : `${sitePath.level(fw, level)}#${levelExpectationId(competency.id)}`,
      level,
      area: cell.area,
      names: cell.names,
    };
    const title = `${cell.title}, for ${ownerName}`;
    yield {
      ...place,
      type: "expectation",
      kind: `Expectation for ${ownerName}${own.replace ? ", in place of the shared one" : ""}`,
      title,
      body: join([
        own.statement,
        ...(own.examples ?? []),
        ...bandTexts(index, own.ratings),
        own.note,
        stepLine(index, competency, own.step),
      ]),
    };
    // each of its criteria links to its own anchor on the level page, where every role's cell is shown
    for (const criterion of criteriaOf(own.criteria, level, owner)) {
      yield {
        ...place,
        type: "criterion",
        kind: `Criterion for ${ownerName}`,
        title: `${title}: ${plainText(criterion.text)}`,
        url: `${sitePath.level(fw, level)}#${criterionAnchor(competency.id, roleCriterionKey(owner, criterion.key))}`,
        ...(index.roles.has(owner) ? { also: { label: `On the ${ownerName} page`, url: place.url } } : {}),
        body: criterionBody(criterion),
      };
    }
  }
}

function criterionBody(criterion: CriterionView): string {
  return join([criterion.text, ...criterion.examples, ...Object.values(criterion.ratings)]);
}

/** The step a cell asks for, as a line a step's name or description finds: "Proficiency: Doing. Does it alone." */
function stepLine(
  index: FrameworkIndex,
  competency: Competency,
  step: string | undefined,
): string | undefined {
  const named = stepText(index, competency, step);
  if (named === undefined) return undefined;
  const description = stepView(scaleSteps(index, competency), step)?.description;
  return description ? `${named}. ${description}` : named;
}
