/**
 * A goal page too long to read (and to build: 8,000 goals at a level of a 2,000-competency framework) is in
 * parts, one per area: the page keeps the goals that belong to no area (responsibilities, dimensions) and
 * lists the areas, each linking to the page of its goals (`<page>areas/<area>/`). The text and Markdown
 * files stay whole: they are the goals to copy or print in one piece.
 */
import type { FC } from "hono/jsx";
import type { Goal, GoalDocument, GoalOptions } from "../../../core/goals.js";
import type { FrameworkIndex } from "../../../core/model.js";
import { goalTemplates } from "../../../services/goals.js";
import { useLinks } from "../../components/page.js";
import { releasedWith } from "../../version-caches.js";

/** Above this many goals (the four kinds together) a goal page is in parts, one per area. */
export const GOALS_PER_PAGE = 400;

/** The page of an area's goals, under the goal page's path. */
export const areaGoalsPath = (pagePath: string, area: string) => `${pagePath}areas/${area}/`;

/** The area a goal is about: that of the first competency or area it quotes; none for the others. */
function goalArea(index: FrameworkIndex, goal: Goal): string | undefined {
  for (const ref of goal.sources) {
    if (ref.kind === "area-name") return ref.area;
    if ("competency" in ref) return index.competencies.get(ref.competency)?.area.id;
  }
  return undefined;
}

const goalCount = (doc: GoalDocument) =>
  doc.sections.reduce((n, s) => n + s.groups.reduce((m, g) => m + g.goals.length, 0), 0);

/** The document with only the goals of `area` (undefined: those of no area). */
export function goalsOfArea(
  index: FrameworkIndex,
  doc: GoalDocument,
  area: string | undefined,
): GoalDocument {
  const keep = (goal: Goal) => goalArea(index, goal) === area;
  return {
    ...doc,
    sections: doc.sections.map((s) => ({
      ...s,
      groups: s.groups.map((g) => ({ ...g, goals: g.goals.filter(keep) })),
    })),
  };
}

/** An area of a goal page in parts. */
export interface GoalArea {
  id: string;
  name: string;
  goals: number;
}

/** A goal page in parts: its areas, the one this page shows (none: the page itself), the page's path. */
export interface GoalParts {
  areas: GoalArea[];
  current?: GoalArea | undefined;
  wholePath: string;
}

/** The areas of a goal page in parts, in the framework's order, with their goal counts; none when it is whole. */
export function goalAreas(index: FrameworkIndex, doc: GoalDocument): GoalArea[] {
  if (goalCount(doc) <= GOALS_PER_PAGE) return [];
  const counts = new Map<string, number>();
  for (const s of doc.sections)
    for (const g of s.groups)
      for (const goal of g.goals) {
        const area = goalArea(index, goal);
        if (area !== undefined) counts.set(area, (counts.get(area) ?? 0) + 1);
      }
  return [...index.areas.values()]
    .filter((a) => counts.has(a.id))
    .map((a) => ({ id: a.id, name: a.name ?? a.id, goals: counts.get(a.id) ?? 0 }));
}

/** The list of a goal page's parts, on the page and on each part (where its own area is marked). */
export const AreaParts: FC<{ parts: GoalParts }> = ({ parts }) => {
  const links = useLinks();
  return (
    <nav class="goals-areas" aria-labelledby="goals-areas-h">
      <h2 id="goals-areas-h">Goals by area</h2>
      <p class="meta">
        There are too many goals here for one page: each area's goals, in the four kinds, are on a page of
        their own. The text and Markdown files below hold them all.
      </p>
      <ul>
        {parts.areas.map((a) => (
          <li>
            {a.id === parts.current?.id ? (
              <span aria-current="page">{a.name}</span>
            ) : (
              <a href={links.to(areaGoalsPath(parts.wholePath, a.id))}>{a.name}</a>
            )}
            <span class="meta">{` ${a.goals} goals`}</span>
          </li>
        ))}
      </ul>
    </nav>
  );
};

let last: { index: FrameworkIndex; key: string; doc: ReturnType<typeof goalTemplates> } | undefined;
releasedWith(() => {
  last = undefined;
});

/**
 * goalTemplates, remembering the last answer: a page in parts and each of its areas' pages (asked one
 * after the other by the build and by a reader going through them) are cut from the same document, which
 * for a large level takes as long to make as to render.
 */
export function goalDocument(
  index: FrameworkIndex,
  asked: { level: string; role?: string | undefined },
  options: GoalOptions = {},
): ReturnType<typeof goalTemplates> {
  const key = JSON.stringify([asked.level, asked.role ?? null, options]);
  if (last?.index !== index || last.key !== key)
    last = { index, key, doc: goalTemplates(index, asked, options) };
  return last.doc;
}

/** The pages of the parts of a role's or a level's goal page (none when it is whole), for the static build. */
export function goalPartPaths(
  index: FrameworkIndex,
  asked: { level: string; role?: string | undefined },
  pagePath: string,
): string[] {
  const doc = goalDocument(index, asked);
  if ("problem" in doc) return [];
  return goalAreas(index, doc).map((a) => areaGoalsPath(pagePath, a.id));
}
