/**
 * What a goal page offers to choose from: the role's other levels, the roles at a level, the personal picks
 * (per competency, the target and the role) and their summary, and the lists an error page points to.
 */

import type { FC } from "hono/jsx";
import { competencySpan, expectationDetail, type FrameworkIndex, levelLabel } from "../../../core/model.js";
import { isolated } from "../../../core/text.js";
import { useLinks } from "../../components/page.js";
import { paths } from "../../links.js";
import type { ParsedPicks } from "./requests.js";

/** The same role's other levels, so a reader can step along the role. */
export const OtherLevels: FC<{ index: FrameworkIndex; role: string; level: string }> = ({
  index,
  role,
  level,
}) => {
  const links = useLinks();
  const fw = index.framework.id;
  const spans = (index.roles.get(role)?.levels ?? []).filter((l) => index.levels.has(l));
  if (spans.length < 2) return null;
  return (
    <nav class="goals-levels no-print" aria-label="Goals at the role's other levels">
      <span class="meta">Levels of this role: </span>
      <ul>
        {spans.map((id) => {
          const l = index.levels.get(id);
          const name = l?.name ?? id;
          return (
            <li>
              {id === level ? (
                <span aria-current="page">{name}</span>
              ) : (
                <a href={links.to(paths.roleGoals(fw, role, id))}>{name}</a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
};

/**
 * The roles that span this level, to choose from: their goals quote their responsibilities and their own
 * expectations as well. On a role's page, that role is the current one and the others are a step away.
 */
export const RolesAtLevel: FC<{ index: FrameworkIndex; level: string; current?: string | undefined }> = ({
  index,
  level,
  current,
}) => {
  const links = useLinks();
  const fw = index.framework.id;
  const roles = [...index.roles.values()].filter((r) => r.levels.includes(level));
  if (roles.length < (current ? 2 : 1)) return null;
  return (
    <nav class="goals-levels no-print" aria-label="Goals for a role at this level">
      <span class="meta">{current ? "Other roles at this level: " : "For a role at this level: "}</span>
      <ul>
        {roles.map((r) => (
          <li>
            {r.id === current ? (
              <span aria-current="page">{r.name}</span>
            ) : (
              <a href={links.to(paths.roleGoals(fw, r.id, level))}>{r.name}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
};

export function levelName(index: FrameworkIndex, id: string): string {
  const level = index.levels.get(id);
  if (!level) return id;
  const code = levelLabel(level);
  return code !== level.name ? `${code} ${level.name}` : level.name;
}

export const PicksSummary: FC<{ index: FrameworkIndex; picks: ParsedPicks }> = ({ index, picks }) => {
  const role = picks.role ? index.roles.get(picks.role)?.name : undefined;
  const names = [...picks.given].map(
    ([c, l]) =>
      `${isolated(index.competencies.get(c)?.competency.name ?? c)}: ${isolated(levelName(index, l))}`,
  );
  return (
    <details class="goals-picks">
      <summary>{`Your ${picks.given.size} ${picks.given.size === 1 ? "pick" : "picks"}, aiming for ${levelName(index, picks.target ?? "")}${role ? `, as ${role}` : ""}`}</summary>
      <ul>
        {names.map((n) => (
          <li>{n}</li>
        ))}
      </ul>
    </details>
  );
};

/**
 * A select per competency (grouped by area), a target select, and where the framework has roles a role
 * select; sends pick=<competency>:<level> per select.
 */
export const PicksForm: FC<{
  index: FrameworkIndex;
  picks: Map<string, string>;
  target?: string | undefined;
  role?: string | undefined;
  open?: boolean;
}> = ({ index, picks, target, role, open }) => {
  const links = useLinks();
  const fw = index.framework.id;
  const areas = index.framework.areas ?? [];
  return (
    <form class="goals-picks-form" method="get" action={links.to(paths.personalGoals(fw))}>
      {open ? null : <p class="meta">Change a pick or the target and show the goals again.</p>}
      {areas.map((area) => (
        <fieldset class="goals-area" id={`pick-area-${area.id}`}>
          <legend>{area.name}</legend>
          {area.competencies.map((comp) => {
            const span = competencySpan(index, comp, area).filter((l) => {
              const detail = expectationDetail(comp.expectations[l]);
              return index.levels.has(l) && detail !== undefined && !detail.notApplicable;
            });
            const id = `pick-${comp.id}`;
            return (
              <div class="goals-field">
                <label for={id}>{comp.name}</label>
                <select id={id} name="pick">
                  <option value="">Not picked</option>
                  {span.map((l) => (
                    <option value={`${comp.id}:${l}`} selected={picks.get(comp.id) === l}>
                      {levelName(index, l)}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </fieldset>
      ))}
      <div class="goals-field goals-target">
        <label for="pick-target">Level you are aiming for</label>
        <select id="pick-target" name="target">
          <option value="">The level after your most common pick</option>
          {index.levelOrder.map((l) => (
            <option value={l} selected={l === target}>
              {levelName(index, l)}
            </option>
          ))}
        </select>
      </div>
      <RoleSelect index={index} role={role} />
      <button type="submit">Show my goals</button>
    </form>
  );
};

/** The role whose own expectations the goals quote too, where the framework has roles. */
const RoleSelect: FC<{ index: FrameworkIndex; role?: string | undefined }> = ({ index, role }) => {
  if (!index.roles.size) return null;
  return (
    <div class="goals-field goals-role">
      <label for="pick-role">Your role</label>
      <select id="pick-role" name="role" aria-describedby="pick-role-hint">
        <option value="">No role: the shared expectations only</option>
        {[...index.roles.values()].map((r) => (
          <option value={r.id} selected={r.id === role}>
            {r.name}
          </option>
        ))}
      </select>
      <span class="meta goals-hint" id="pick-role-hint">
        where a role has expectations of its own at the level you aim for, they are quoted too
      </span>
    </div>
  );
};

export const RoleList: FC<{ index: FrameworkIndex }> = ({ index }) => {
  const links = useLinks();
  const fw = index.framework.id;
  return (
    <ul>
      {[...index.roles.values()].map((r) => (
        <li>
          <a href={links.to(paths.role(fw, r.id))}>{r.name}</a>
        </li>
      ))}
    </ul>
  );
};

export const LevelList: FC<{ index: FrameworkIndex }> = ({ index }) => {
  const links = useLinks();
  const fw = index.framework.id;
  return (
    <ul>
      {index.levelOrder.map((id) => (
        <li>
          <a href={links.to(paths.levelGoals(fw, id))}>{`Goals at ${levelName(index, id)}`}</a>
        </li>
      ))}
    </ul>
  );
};

export const RoleLevelList: FC<{ index: FrameworkIndex; role: string }> = ({ index, role }) => {
  const links = useLinks();
  const fw = index.framework.id;
  const r = index.roles.get(role);
  if (!r) return null;
  return (
    <>
      <p>
        <a href={links.to(paths.role(fw, role))}>
          <bdi>{r.name}</bdi>: every level it spans
        </a>
      </p>
      <ul>
        {r.levels
          .filter((l) => index.levels.has(l))
          .map((l) => (
            <li>
              <a href={links.to(paths.roleGoals(fw, role, l))}>
                Goals for <bdi>{r.name}</bdi> at <bdi>{levelName(index, l)}</bdi>
              </a>
            </li>
          ))}
      </ul>
    </>
  );
};
