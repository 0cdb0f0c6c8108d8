/**
 * The adjacent-roles panel of a role profile (the role-levels nearest to one of its levels, across every
 * loaded framework) and the distance parts the job-architecture pages share: bar, band, explanation.
 */

import type { FC } from "hono/jsx";
import {
  type AdjacencySettings,
  type AdjacentRole,
  type Band,
  type Distance,
  LEVEL_GAP_SCALE,
  TAXONOMY_DISTANCE,
} from "../../core/adjacency.js";
import type { FrameworkIndex } from "../../core/model.js";
import { isolated } from "../../core/text.js";
import {
  type AdjacentData,
  adjacentData,
  BAND_LABELS,
  BAND_MEANINGS,
  spannedLevels,
} from "../../core/views/architecture.js";
import type { FrameworkRegistry } from "../../load/registry.js";
import { frameworkIndexes } from "../../services/frameworks.js";
import { paths } from "../links.js";
import { Section, useLinks } from "./page.js";

export const fmt = (n: number) => n.toFixed(2);

/** A role-level code (`family.role.level`) that may wrap after each dot rather than at its hyphens. */
export const RoleLevelCode: FC<{ code: string }> = ({ code }) => (
  <code class="rl-code">
    {code.split(".").map((part, i) => (
      <>
        {i > 0 ? (
          <>
            .<wbr />
          </>
        ) : null}
        <span>{part}</span>
      </>
    ))}
  </code>
);

export const DistanceBar: FC<{ value: number }> = ({ value }) => (
  <span class="distance">
    <svg class="distance-bar" viewBox="0 0 100 8" width="64" height="8" aria-hidden="true" focusable="false">
      <rect class="distance-track" width="100" height="8" rx="2" />
      <rect
        class="distance-fill"
        width={(Math.min(1, Math.max(0, value)) * 100).toFixed(1)}
        height="8"
        rx="2"
      />
    </svg>
    <span class="distance-value">{fmt(value)}</span>
  </span>
);

export const BandLabel: FC<{ band: Band }> = ({ band }) => (
  <span class={`band band-${band}`}>{BAND_LABELS[band]}</span>
);

/** How the distance is made, in words, with the framework's weights and thresholds. */
export const HowDistanceWorks: FC<{ settings: AdjacencySettings; id: string }> = ({ settings, id }) => {
  const w = settings.weights;
  const T = TAXONOMY_DISTANCE;
  return (
    <details class="how-distance" id={id}>
      <summary>How distance works</summary>
      <p>
        The distance between two role-levels runs from 0 (the same role at the same level) to 1 (nothing in
        common). It is a weighted average of three parts, each from 0 to 1:
      </p>
      <ul>
        <li>
          <strong>Level</strong>
          {` (weight ${w.level}): 0 when the two levels share a step of the rungs reference scale; otherwise the number of steps between them divided by ${LEVEL_GAP_SCALE}, so ${LEVEL_GAP_SCALE} or more steps apart counts as 1. Levels of one framework that are not placed on the scale are compared by their order on the ladder.`}
        </li>
        <li>
          <strong>Taxonomy</strong>
          {` (weight ${w.taxonomy}): ${T.sameRole} for the same role, ${T.sameFamily} for another role of the same family, ${T.nearFamily} for a family and its sub-family or two sub-families of one parent, ${T.distantFamily} for families further apart in one tree, and ${T.otherFamily} for unrelated families.`}
        </li>
        <li>
          <strong>Skills</strong>
          {` (weight ${w.content}): 1 minus the share of skills the two roles have in common (skills both list, divided by the skills either lists). Left out, with its weight, when either role lists no skills.`}
        </li>
      </ul>
      <p>
        {`A distance up to ${settings.close} is close, up to ${settings.review} needs review, and beyond that is far.`}
      </p>
    </details>
  );
};

export const DistanceParts: FC<{ distance: Distance; settings: AdjacencySettings; caption: string }> = ({
  distance,
  settings,
  caption,
}) => {
  const parts: [string, number | undefined, number][] = [
    ["Level", distance.level, settings.weights.level],
    ["Taxonomy", distance.taxonomy, settings.weights.taxonomy],
    ["Skills", distance.content, settings.weights.content],
  ];
  return (
    <div class="table-scroll">
      <table class="distance-parts">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Distance</th>
            <th scope="col">Weight</th>
          </tr>
        </thead>
        <tbody>
          {parts.map(([name, value, weight]) => (
            <tr>
              <th scope="row">{name}</th>
              <td>
                {value === undefined ? "not used: a role lists no skills" : <DistanceBar value={value} />}
              </td>
              <td>{value === undefined ? "—" : String(weight)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total (weighted average)</th>
            <td>
              <DistanceBar value={distance.total} />
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
};

export interface AdjacentPanels {
  /** The level whose panel shows without JavaScript. */
  shown: string;
  defaulted: boolean;
  panels: AdjacentData[];
  levels: { id: string; name: string; label: string }[];
}

/**
 * The adjacent-roles panels of a role page: the chosen level's (default the role's first), or in a static
 * site every level's (an island shows the one named by ?level=, which a static site cannot read itself).
 */
export function adjacentPanels(
  registry: FrameworkRegistry,
  index: FrameworkIndex,
  roleId: string,
  chosen: string | undefined,
  staticSite: boolean,
): AdjacentPanels | undefined {
  const indexes = frameworkIndexes(registry);
  const role = index.roles.get(roleId);
  // a framework whose id another loaded framework already has is not in `indexes` (see frameworkIndexes)
  if (!role || indexes.get(index.framework.id) !== index) return undefined;
  const spanned = spannedLevels(index, role);
  const first = spanned[0];
  if (first === undefined) return undefined;
  const shown = chosen !== undefined && spanned.includes(chosen) ? chosen : first;
  const wanted = staticSite ? spanned : [shown];
  const panels = wanted
    .map((level) => adjacentData(indexes, index.framework.id, roleId, level))
    .filter((p): p is AdjacentData => "adjacent" in p);
  return {
    shown,
    defaulted: shown !== chosen,
    panels,
    levels: spanned.map((id) => {
      const level = index.levels.get(id);
      const label = Object.values(level?.codes ?? {})[0] ?? level?.name ?? id;
      return { id, name: level?.name ?? id, label };
    }),
  };
}

export const AdjacentRolesSection: FC<{
  data: AdjacentPanels;
  fw: string;
  role: string;
  roleName: string;
}> = ({ data, fw, role, roleName }) => {
  const links = useLinks();
  const settings = data.panels[0]?.settings;
  return (
    <Section id="adjacent" title="Adjacent roles">
      <p>
        {`The role-levels nearest to ${roleName} at one level, across every loaded framework: by level on the reference scale, place in the job architecture and shared skills.`}
      </p>
      {data.levels.length > 1 ? (
        <form
          class="level-picker no-print"
          method="get"
          action={links.to(`${paths.role(fw, role)}#adjacent`)}
        >
          <label for="adjacent-level">Adjacent roles at</label>
          <select id="adjacent-level" name="level">
            {data.levels.map((l) => (
              <option value={l.id} selected={l.id === data.shown}>
                {l.label === l.name ? l.name : `${isolated(l.label)} · ${isolated(l.name)}`}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            Find adjacent roles
          </button>
        </form>
      ) : null}
      <div data-adjacent-panels="">
        {data.panels.map((panel) => (
          <AdjacentPanel
            panel={panel}
            hidden={panel.level.id !== data.shown}
            defaulted={data.defaulted && panel.level.id === data.shown}
          />
        ))}
      </div>
      {settings ? <HowDistanceWorks settings={settings} id="how-distance" /> : null}
    </Section>
  );
};

/** The bands in words, with the distance scale: the legend above the neighbours. */
const BandLegend: FC<{ settings: AdjacencySettings }> = ({ settings }) => (
  <div class="band-legend">
    <p>
      <strong>Distance</strong> runs from 0 (the same role at the same level) to 1 (nothing in common); it
      weighs the gap in level, the place in the job architecture and the skills not shared.
    </p>
    <ul>
      {(["close", "review", "far"] as const).map((b) => (
        <li>
          <BandLabel band={b} />
          {` ${b === "close" ? `up to ${settings.close}` : b === "review" ? `up to ${settings.review}` : `above ${settings.review}`}: ${BAND_MEANINGS[b]}`}
        </li>
      ))}
    </ul>
  </div>
);

/** The distance's parts in a few words under its bar, so a reader sees which part makes it large. */
const DistanceWhy: FC<{ distance: Distance }> = ({ distance }) => (
  <span class="distance-why">
    {`level ${fmt(distance.level)} · role ${fmt(distance.taxonomy)}${distance.content === undefined ? "" : ` · skills ${fmt(distance.content)}`}`}
  </span>
);

/** The role asked about at its other levels, in one line: they are not its neighbours, but are near. */
const SameRoleLine: FC<{ panel: AdjacentData }> = ({ panel }) => {
  const links = useLinks();
  if (!panel.sameRole.length) return null;
  return (
    <p class="same-role">
      <bdi>{panel.role.name}</bdi> at its other levels:{" "}
      {panel.sameRole.map((a, i) => (
        <>
          {i > 0 ? ", " : ""}
          <a href={links.to(paths.role(a.target.framework, a.target.role, a.target.level))}>{a.levelName}</a>
          {` ${fmt(a.distance.total)} `}
          <BandLabel band={a.band} />
        </>
      ))}
    </p>
  );
};

/** One other role: its nearest level with the distance explained, and its other levels in a line. */
const AdjacentRoleRow: FC<{ panel: AdjacentData; group: AdjacentRole }> = ({ panel, group }) => {
  const links = useLinks();
  const [a, ...others] = group.levels;
  if (!a) return null;
  const from = panel.level;
  return (
    <tr data-band={a.band}>
      <th scope="row">
        <a href={links.to(paths.role(a.target.framework, a.target.role, a.target.level))}>{a.roleName}</a>
        {others.length ? (
          <span class="other-levels">
            {`also ${others
              .slice(0, 3)
              .map((o) => `${o.levelName} ${fmt(o.distance.total)}`)
              .join(", ")}${others.length > 3 ? ", …" : ""}`}
          </span>
        ) : null}
      </th>
      <td>
        <a href={links.to(paths.level(a.target.framework, a.target.level))}>{a.levelName}</a>
      </td>
      <td>
        <a href={links.to(paths.framework(a.target.framework))}>{a.frameworkName}</a>
      </td>
      <td>
        <RoleLevelCode code={a.code} />
      </td>
      <td>
        <DistanceBar value={a.distance.total} />
        <DistanceWhy distance={a.distance} />
      </td>
      <td>
        <BandLabel band={a.band} />
      </td>
      <td>
        <a
          class="compare-link"
          href={links.to(
            paths.compareRoleLevels(
              panel.framework.id,
              panel.role.id,
              from.id,
              a.target.framework,
              a.target.role,
              a.target.level,
            ),
          )}
        >
          Compare side by side
          <span class="visually-hidden">{` with ${a.roleName} at ${a.levelName}`}</span>
        </a>
      </td>
    </tr>
  );
};

const AdjacentTable: FC<{ panel: AdjacentData }> = ({ panel }) => (
  <div class="table-scroll">
    <table class="adjacent-table">
      <caption class="visually-hidden">{`Roles nearest to ${isolated(panel.role.name)} at ${isolated(panel.level.name)}, each at its nearest level, nearest first`}</caption>
      <thead>
        <tr>
          <th scope="col">Role</th>
          <th scope="col">Nearest level</th>
          <th scope="col">Framework</th>
          <th scope="col">Role-level code</th>
          <th scope="col">Distance</th>
          <th scope="col">Band</th>
          <th scope="col">
            <span class="visually-hidden">Compare</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {panel.roles.map((group) => (
          <AdjacentRoleRow panel={panel} group={group} />
        ))}
      </tbody>
    </table>
  </div>
);

/** The neighbours of one level: one row per other role (at its nearest level), the same role in a line. */
const AdjacentPanel: FC<{ panel: AdjacentData; hidden: boolean; defaulted: boolean }> = ({
  panel,
  hidden,
  defaulted,
}) => {
  const from = panel.level;
  const listed = panel.roles.reduce((n, g) => n + g.levels.length, panel.sameRole.length);
  return (
    <div
      class="adjacent-panel"
      id={`adjacent-${from.id}`}
      data-adjacent-level={from.id}
      data-default={defaulted ? "true" : undefined}
      hidden={hidden}
    >
      <p class="meta adjacent-for">
        Showing <bdi>{panel.role.name}</bdi> at <bdi>{from.name}</bdi>
        {from.label === from.name ? "" : ` (${from.label})`}
        {defaulted ? ", the role's first level. Choose another level above." : "."} Role-level code{" "}
        <RoleLevelCode code={from.code} />.
      </p>
      {panel.compared ? <BandLegend settings={panel.settings} /> : null}
      {panel.roles.length ? <AdjacentTable panel={panel} /> : null}
      <SameRoleLine panel={panel} />
      {!panel.compared ? (
        <p>
          No other role-level can be compared with this one. Across frameworks, both levels need a place on
          the reference scale.
        </p>
      ) : null}
      {panel.compared > listed ? (
        <p class="meta">{`The nearest ${panel.roles.length} roles of the ${panel.compared} role-levels compared.`}</p>
      ) : null}
    </div>
  );
};
