import type { FC, PropsWithChildren } from "hono/jsx";
import { isolated } from "../../../core/text.js";
import type {
  AreaMatrixData,
  FilterProblem,
  MatrixCell,
  MatrixData,
  MatrixLevel,
} from "../../../core/views/matrix.js";
import { plural } from "../../../core/words.js";
import { attr, esc, markup } from "../../components/markup.js";
import { type BlockPiece, Md, NameList, Page, Section, useBlock, useLinks } from "../../components/page.js";
import { RoleOptions } from "../../components/role-chooser.js";
import { Documents, SourceLine } from "../../components/sources.js";
import { type Links, paths } from "../../links.js";
import { levelLabel, MirrorIntro, MirrorPanel } from "./mirror.js";
import { AreaJumps, MatrixOverview } from "./overview.js";
import { cellContext, cellHtml, cells, competencyAttrs, matrixBlocks } from "./rows.js";

/** Attributes the mirror and the client-side filter read from a level header. */
function levelData(l: MatrixLevel) {
  return {
    "data-level": l.id,
    "data-name": l.name,
    "data-label": levelLabel(l),
    "data-rank": String(l.rank),
    "data-order": String(l.order),
    "data-track": l.track,
    "data-tracks": l.tracks.join(" "),
    "data-next": l.next.join(" "),
  };
}

const LevelLink: FC<{ fw: string; level: MatrixLevel }> = ({ fw, level }) => {
  const links = useLinks();
  return (
    <a href={links.to(paths.level(fw, level.id))}>
      {level.code && level.code !== level.name ? <span class="code">{level.code}</span> : null}
      <span class="name">{level.name}</span>
    </a>
  );
};

/** How to use the mirror; shown by the island (the page without JavaScript is a plain matrix). */
interface FilterFormProps {
  fw: string;
  tracks: MatrixData["tracks"];
  roles: Pick<MatrixData, "roles" | "families">;
  levels: MatrixLevel[];
  values: MatrixData["filter"];
  problems: FilterProblem[];
}

const FilterForm: FC<FilterFormProps> = ({ fw, tracks, roles, levels, values, problems }) => {
  const links = useLinks();
  const problemOf = (param: string) => problems.find((p) => p.param === param);
  const invalid = (param: string) =>
    problemOf(param) ? { "aria-invalid": "true", "aria-describedby": `filter-${param}-error` } : {};
  const levelOptions = (selected: string | undefined) =>
    levels.map((l) => (
      <option value={l.id} selected={selected === l.id}>
        {levelLabel(l)}
      </option>
    ));
  return (
    <form
      class="matrix-filter"
      method="get"
      action={links.to(paths.matrix(fw))}
      aria-labelledby="filter-legend"
      data-matrix-filter
    >
      <fieldset>
        <legend id="filter-legend">
          {roles.roles.length && !links.staticSite ? "Show levels and roles" : "Show levels"}
        </legend>
        {problems.length ? (
          <div class="filter-problems" role="alert">
            <p>This filter cannot be shown:</p>
            <ul>
              {problems.map((p) => (
                <li id={`filter-${p.param}-error`}>{p.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div class="filter-problems client" role="alert" hidden data-filter-problems></div>
        <div class="fields">
          <span class="field">
            <label for="filter-track">Track</label>
            <select id="filter-track" name="track" {...invalid("track")}>
              <option value="">Every track</option>
              {tracks.map((t) => (
                <option value={t.id} selected={values.track === t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </span>
          <span class="field">
            <label for="filter-from">From</label>
            <select id="filter-from" name="from" {...invalid("from")}>
              <option value="">First level</option>
              {levelOptions(values.from)}
            </select>
          </span>
          <span class="field">
            <label for="filter-to">To</label>
            <select id="filter-to" name="to" {...invalid("to")}>
              <option value="">Last level</option>
              {levelOptions(values.to)}
            </select>
          </span>
          {roles.roles.length && !links.staticSite ? (
            <span class="field">
              <label for="filter-role">Role</label>
              <select id="filter-role" name="role" {...invalid("role")}>
                <option value="">Every role</option>
                <RoleOptions roles={roles.roles} families={roles.families} chosen={values.role} />
              </select>
            </span>
          ) : null}
          <button type="submit">Apply</button>
          <a href={links.to(paths.matrix(fw))}>Show every level</a>
        </div>
      </fieldset>
    </form>
  );
};

function filterCaption(data: MatrixData): string {
  const { track, from, to } = data.filter;
  const parts: string[] = [];
  if (track) parts.push(`on the ${isolated(data.tracks.find((t) => t.id === track)?.name ?? track)} track`);
  const name = (id: string) => isolated(data.levels.find((l) => l.id === id)?.name ?? id);
  if (from || to)
    parts.push(`from ${name(data.levels[0]?.id ?? "")} to ${name(data.levels.at(-1)?.id ?? "")}`);
  const levels = parts.length ? ` (levels ${parts.join(", ")})` : "";
  const role = data.roles.find((r) => r.id === data.filter.role);
  return role ? `${levels}, as ${isolated(role.name)}` : levels;
}

const MatrixTable: FC<{ data: MatrixData; serverFiltered: boolean; rows: readonly BlockPiece[] }> = ({
  data,
  serverFiltered,
  rows,
}) => {
  const fw = data.framework.id;
  return (
    <section
      class="table-scroll matrix-scroll"
      aria-labelledby="matrix-caption"
      tabindex={0}
      data-mirror-scroll
    >
      <table
        class="matrix competency-matrix"
        id="matrix"
        data-mirror="rows"
        data-filtered={serverFiltered ? "server" : "none"}
      >
        <caption id="matrix-caption">{`Competencies by level${filterCaption(data)}`}</caption>
        <thead>
          <tr>
            <th scope="col" class="corner">
              Competency
            </th>
            {data.levels.map((l) => (
              <th scope="col" id={`level-${l.id}`} class={`level-head kind-${l.trackKind}`} {...levelData(l)}>
                <LevelLink fw={fw} level={l} />
              </th>
            ))}
          </tr>
        </thead>
        {useBlock(rows)}
      </table>
    </section>
  );
};

const AreaTable: FC<{ data: AreaMatrixData }> = ({ data }) => {
  const fw = data.framework.id;
  const levelById = new Map(data.levels.map((l) => [l.id, l]));
  const { context, key } = cellContext(data.levels, new Map(), false);
  const cell = cells.within(JSON.stringify([fw, key]));
  const cellOf = (c: MatrixCell, label: string) =>
    cell(c.id, { label, cell: c }, () => cellHtml(c, label, context, false));
  return (
    <section
      class="table-scroll matrix-scroll"
      aria-labelledby="area-matrix-caption"
      tabindex={0}
      data-mirror-scroll
    >
      <table class="matrix area-matrix" id="area-matrix" data-mirror="columns" data-filtered="none">
        <caption id="area-matrix-caption">
          <bdi>{data.area.name}</bdi>: what each level asks, per competency
        </caption>
        <thead>
          <tr>
            <th scope="col" class="corner">
              Level
            </th>
            {data.competencies.map((c) =>
              markup(
                `<th scope="col"${attr("id", `col-${c.id}`)} class="competency-head"${competencyAttrs(c)}><a${attr("href", `#competency-${c.id}`)}>${esc(c.name)}</a></th>`,
              ),
            )}
            {data.hasTakeaways ? (
              <th scope="col" class="takeaway-head">
                Takeaway
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => {
            const level = levelById.get(row.level);
            if (!level) return null;
            return (
              <tr>
                <th
                  scope="row"
                  id={`level-${level.id}`}
                  class={`level-head kind-${level.trackKind}`}
                  {...levelData(level)}
                >
                  <LevelLink fw={fw} level={level} />
                </th>
                {row.cells.map((cell, i) =>
                  markup(cellOf(cell, `${data.competencies[i]?.name ?? cell.competency} at ${level.name}`)),
                )}
                {data.hasTakeaways ? (
                  <td class="takeaway" id={`takeaway-${level.id}`}>
                    <Md text={row.takeaway} />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
};

const KIND_LABEL: Record<string, string> = { theme: "Theme", stage: "Stage of the work" };

/** The competency matrix page: the filter, the table, and the mirror. */
export const MatrixPage: FC<
  PropsWithChildren<{
    data: MatrixData;
    levels: MatrixLevel[];
    problems: FilterProblem[];
    serverFiltered: boolean;
    links: Links;
  }>
> = ({ data, levels: all, problems, serverFiltered, links, children }) => {
  const crumbs = [
    { label: "Frameworks", href: links.to(paths.home()) },
    { label: data.framework.name, href: links.to(paths.framework(data.framework.id)) },
    { label: "Competency matrix" },
  ];
  const competencies = data.areas.reduce((n, a) => n + a.competencies.length, 0);
  return (
    <Page
      title={`Competency matrix · ${isolated(data.framework.name)}`}
      links={links}
      crumbs={crumbs}
      kind="landscape"
      scripts={competencies ? ["matrix-filter.js", "mirror.js"] : []}
      description={`Every competency of ${isolated(data.framework.name)} at every level.`}
    >
      <h1>Competency matrix</h1>
      <p class="meta">
        <bdi>{data.framework.name}</bdi>
        {`${data.framework.version ? ` · version ${data.framework.version}` : ""} · ${plural(competencies, "competency", "competencies")} in ${plural(data.areas.length, "area")} · ${plural(all.length, "level")}`}
      </p>
      {children}
      {competencies ? (
        <MatrixBody
          data={data}
          levels={all}
          problems={problems}
          serverFiltered={serverFiltered}
          links={links}
        />
      ) : (
        <p>
          <bdi>{data.framework.name}</bdi>
          {` has no competencies yet. The matrix fills in when the framework files list areas, each with its competencies and an expectation per level (see areas and competencies in the framework format: docs/format.md).`}
        </p>
      )}
    </Page>
  );
};

/** The filter, and the matrix with the mirror (or what to choose instead when the filter is wrong). */
const MatrixBody: FC<{
  data: MatrixData;
  levels: MatrixLevel[];
  problems: FilterProblem[];
  serverFiltered: boolean;
  links: Links;
}> = ({ data, levels: all, problems, serverFiltered, links }) => (
  <>
    <FilterForm
      fw={data.framework.id}
      tracks={data.tracks}
      roles={data}
      levels={all}
      values={problems.length ? {} : data.filter}
      problems={problems}
    />
    {problems.length ? (
      <p>
        {`Choose a track${data.roles.length ? ", a role" : ""} or a range of levels above, or `}
        <a href={links.to(paths.matrix(data.framework.id))}>see every level</a>.
      </p>
    ) : (
      <>
        <p class="matrix-help">
          Rows are competencies, grouped by area; columns are levels. Open “What sets this level apart” in a
          cell for the longer explanation.
        </p>
        <MirrorIntro />
        <MatrixBlocksShown data={data} serverFiltered={serverFiltered} links={links} />
        <MirrorPanel fw={data.framework.id} levels={data.levels} role={data.filter.role} />
      </>
    )}
  </>
);

/** The overview, the jumps to each area and the table: the two large blocks are made together. */
const MatrixBlocksShown: FC<{ data: MatrixData; serverFiltered: boolean; links: Links }> = ({
  data,
  serverFiltered,
  links,
}) => {
  const blocks = matrixBlocks(data, links);
  return (
    <>
      <MatrixOverview data={data} rows={blocks.overview} />
      <AreaJumps areas={data.areas} />
      <MatrixTable data={data} serverFiltered={serverFiltered} rows={blocks.rows} />
    </>
  );
};

/** An area's page: its competencies, the area matrix by level, and the mirror. */
export const AreaPage: FC<{ data: AreaMatrixData; levelNames: Map<string, string>; links: Links }> = ({
  data,
  levelNames,
  links,
}) => {
  const fw = data.framework.id;
  const { area } = data;
  // the levels with an expectation written, not the span: a competency spans every level unless it says
  // otherwise, and one with no expectations yet (an empty Monzo topic) is described at none of them
  const described = (competency: string) =>
    data.rows
      .filter((r) => r.cells.some((c) => c.competency === competency && c.state === "expectation"))
      .map((r) => levelNames.get(r.level) ?? r.level);
  return (
    <Page
      title={`${isolated(area.name)} · ${isolated(data.framework.name)}`}
      links={links}
      crumbs={[
        { label: "Frameworks", href: links.to(paths.home()) },
        { label: data.framework.name, href: links.to(paths.framework(fw)) },
        { label: area.name },
      ]}
      kind="landscape"
      scripts={["mirror.js"]}
      {...(area.summary ? { description: area.summary } : {})}
    >
      <h1>{area.name}</h1>
      <p class="meta">
        {`${KIND_LABEL[area.kind] ?? area.kind} · `}
        <bdi>{data.framework.name}</bdi>
      </p>
      {area.summary ? (
        <div class="area-lead">
          <Md text={area.summary} />
        </div>
      ) : null}
      <Md text={area.description} />
      <SourceLine sources={area.sources} />
      <Documents documents={area.documents} />
      <nav class="actions" aria-label="Related views">
        <a href={links.to(`${paths.matrix(fw)}#area-${area.id}`)}>This area in the competency matrix</a>
      </nav>
      <Section id="competencies" title="Competencies">
        <ul class="competency-list">
          {data.competencies.map((comp) => (
            <li id={`competency-${comp.id}`}>
              <h3>{comp.name}</h3>
              <Md text={comp.description} />
              <SourceLine sources={comp.sources} />
              <p class="meta">
                {described(comp.id).length
                  ? `Described at ${described(comp.id).join(", ")}`
                  : "Not described at any level yet"}
              </p>
            </li>
          ))}
        </ul>
      </Section>
      <Section
        id="by-level"
        title={
          <>
            <bdi>{area.name}</bdi> by level
          </>
        }
      >
        {data.levels.length && data.competencies.length ? (
          <>
            <MirrorIntro />
            <AreaTable data={data} />
          </>
        ) : (
          <p>This area does not describe any level yet.</p>
        )}
        {data.notDescribed.length ? (
          <aside class="area-matrix-note" id="note" aria-labelledby="note-h">
            <h3 id="note-h">
              Not described here: <NameList names={data.notDescribed.map((l) => l.name)} />
            </h3>
            <Md text={area.note} />
          </aside>
        ) : null}
      </Section>
      {data.levels.length && data.competencies.length ? (
        <MirrorPanel fw={data.framework.id} levels={data.levels} />
      ) : null}
    </Page>
  );
};
