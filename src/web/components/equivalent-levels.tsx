/** "Equivalent levels in other frameworks" on the level page: the levels sharing a reference step. */
import type { FC } from "hono/jsx";
import type { EquivalenceCell } from "../../core/equivalence.js";
import type { FrameworkIndex } from "../../core/model.js";
import { equivalentLevels } from "../../core/views/architecture.js";
import type { FrameworkRegistry } from "../../load/registry.js";
import { frameworkIndexes } from "../../services/frameworks.js";
import { paths } from "../links.js";
import { Section, useLinks } from "./page.js";

/** "step 3" or "steps 3–4" of the reference scale. */
export const stepsText = (r: { from: number; to: number }) =>
  r.from === r.to ? `step ${r.from}` : `steps ${r.from}–${r.to}`;

export interface EquivalentsData {
  cells: (EquivalenceCell & { frameworkName: string })[];
  placed: boolean;
  /** True when other frameworks are loaded (else the section is left out). */
  others: boolean;
}

export function equivalentsFor(
  registry: FrameworkRegistry,
  index: FrameworkIndex,
  level: string,
): EquivalentsData {
  const indexes = frameworkIndexes(registry);
  return {
    cells: equivalentLevels(indexes, index.framework.id, level).map((cell) => ({
      ...cell,
      frameworkName: indexes.get(cell.framework)?.framework.name ?? cell.framework,
    })),
    placed: Boolean(index.levels.get(level)?.reference),
    others:
      indexes.get(index.framework.id) === index &&
      [...indexes.keys()].some((id) => id !== index.framework.id),
  };
}

export const EquivalentLevelsSection: FC<{
  fw: string;
  level: string;
  levelName: string;
  data: EquivalentsData;
}> = ({ fw, level, levelName, data }) => {
  const links = useLinks();
  if (!data.others) return null;
  return (
    <Section id="equivalents" title="Equivalent levels in other frameworks">
      {!data.placed ? (
        <p>{`${levelName} is not placed on the rungs reference scale, so it has no equivalents in other frameworks.`}</p>
      ) : data.cells.length === 0 ? (
        <p>{`No level of another framework shares a step of the reference scale with ${levelName}.`}</p>
      ) : (
        <ul class="equivalents">
          {data.cells.map((cell) => (
            <li>
              <a href={links.to(paths.level(cell.framework, cell.level))}>
                {cell.code ? `${cell.code} · ${cell.levelName}` : cell.levelName}
              </a>
              {` in ${cell.frameworkName} — ${cell.match} match, ${stepsText(cell)} · `}
              <a href={links.to(paths.compareAcrossLevels(fw, level, cell.framework, cell.level))}>
                Compare
                <span class="visually-hidden">{` ${levelName} with ${cell.levelName}`}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={links.to(paths.equivalence())}>The level equivalence table</a>
      </p>
    </Section>
  );
};
