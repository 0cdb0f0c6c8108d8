import type { FC, PropsWithChildren } from "hono/jsx";
import { isolated } from "../../../core/text.js";
import type {
  AreaMatrixData,
  FilterProblem,
  MatrixCell,
  MatrixCompetency,
  MatrixData,
  MatrixLevel,
  MatrixScale,
} from "../../../core/views/matrix.js";
import { plural } from "../../../core/words.js";
import { cellContentHtml, roleCellHtml } from "../../components/cell.js";
import { Fragments, fieldsOf, sameFields } from "../../components/fragments.js";
import { attr, esc, markup, mdBlock, mdInline, mdList } from "../../components/markup.js";
import { type BlockPiece, Md, NameList, Page, Section, useBlock, useLinks } from "../../components/page.js";
import { RoleOptions } from "../../components/role-chooser.js";
import { Documents, SourceLine } from "../../components/sources.js";
import { type Links, paths } from "../../links.js";
import { releasedWith } from "../../version-caches.js";
import { levelLabel, MirrorIntro, MirrorPanel } from "./mirror.js";
import { AreaJumps, MatrixOverview } from "./overview.js";

/** What the mirror reads from a competency's header: its name, and its scale's steps to pick from. */
function competencyAttrs(c: { id: string; name: string; scale?: MatrixScale }): string {
  let out = `${attr("data-competency-head", c.id)}${attr("data-name", c.name)}`;
  if (c.scale) out += attr("data-steps", JSON.stringify(c.scale.steps));
  if (c.scale?.name) out += attr("data-scale", c.scale.name);
  return out;
}

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

/** A cell's rating-band texts, folded. */
function ratingsHtml(ratings: NonNullable<MatrixCell["ratings"]>): string {
  let out = '<details class="ratings"><summary>Rating bands</summary><dl>';
  for (const r of ratings) out += `<dt>${esc(r.name)}</dt><dd>${mdInline(r.text)}</dd>`;
  return `${out}</dl></details>`;
}

interface CellNames {
  levelName: (id: string) => string;
  /** A role's or family's name, for a cell a role's own replaces. */
  roleName: (id: string) => string;
}

/**
 * One cell: the statement, then what each role writes of its own, then what sets the level apart, then
 * rating bands, each folded. A role's own criteria are ticked in the mirror only where the matrix is for
 * that role (its cells then hold only that role's); beside every role's, they are shown, not ticked.
 */
function cellHtml(
  cell: MatrixCell,
  label: string,
  { levelName, roleName }: CellNames,
  forRole: boolean,
): string {
  const pickable = cell.state === "expectation";
  let out = `<td${attr("id", cell.id)}${attr("class", `cell is-${cell.state}`)}${attr("data-competency", cell.competency)}${attr("data-level", cell.level)}`;
  if (pickable) out += ` data-pick=""${attr("data-label", label)}${attr("data-step", cell.step?.id)}`;
  out += ">";
  if (cell.state === "outside")
    return `${out}<span class="visually-hidden">Not described at this level</span></td>`;
  if (cell.state === "missing")
    return `${out}<span class="visually-hidden">No expectation written for this level</span>${mdBlock(cell.note)}</td>`;
  const note = cell.note ? `<div class="note">${mdBlock(cell.note)}</div>` : "";
  if (cell.state === "not-applicable") return `${out}<p class="na">Not applicable</p>${note}</td>`;
  out += `<div class="statement">${cellContentHtml({ statement: cell.statement, extras: cell, levelName, roleName })}</div>`;
  for (const role of cell.roles ?? []) out += roleCellHtml({ role, levelName, keyed: forRole });
  out += note;
  if (cell.elaboration || cell.examples) {
    out += `<details class="apart"><summary>${cell.elaboration ? "What sets this level apart" : "Examples"}</summary>`;
    out += mdBlock(cell.elaboration);
    if (cell.examples) {
      if (cell.elaboration) out += '<p class="examples-h">Examples</p>';
      out += mdList(cell.examples, "examples");
    }
    out += "</details>";
  }
  if (cell.ratings) out += ratingsHtml(cell.ratings);
  return `${out}</td>`;
}

/** Every field of a matrix cell and of a competency's row: compared one by one, nothing is missed. */
const CELL_FIELDS = fieldsOf<MatrixCell>({
  id: true,
  competency: true,
  level: true,
  state: true,
  statement: true,
  elaboration: true,
  examples: true,
  ratings: true,
  note: true,
  text: true,
  criteria: true,
  step: true,
  unchangedFrom: true,
  replacedBy: true,
  roles: true,
});
const COMPETENCY_FIELDS = fieldsOf<Omit<MatrixCompetency, "cells">>({
  id: true,
  name: true,
  description: true,
  span: true,
  scale: true,
});

function sameCells(a: readonly MatrixCell[], b: readonly MatrixCell[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (!sameFields(a[i] as MatrixCell, b[i] as MatrixCell, CELL_FIELDS)) return false;
  return true;
}

/** What a competency's row of the matrix is made of, besides its context (the level and role names). */
interface RowData {
  /** The link of its head (to the competency on its area's page). */
  href: string;
  competency: MatrixCompetency;
}

/**
 * Rows are most of a matrix: each is rendered once per content (its competency and cells, within the names
 * it may show), and kept as its bytes, so the first render after a framework change renders only the rows
 * the change touched, and writes the others into the page as they are.
 */
const rows = new Fragments<RowData, Uint8Array>({
  same: (a, b) =>
    a.href === b.href &&
    sameFields<Omit<MatrixCompetency, "cells">>(a.competency, b.competency, COMPETENCY_FIELDS) &&
    sameCells(a.competency.cells, b.competency.cells),
});
/** An area page's cells, each with the label the mirror picks it by. */
const cells = new Fragments<{ label: string; cell: MatrixCell }>({
  same: (a, b) => a.label === b.label && sameFields(a.cell, b.cell, CELL_FIELDS),
});
releasedWith(() => {
  rows.clear();
  cells.clear();
});
const utf8 = new TextEncoder();

/** The names a cell may show, and whether the matrix is for one role. */
interface CellContext extends CellNames {
  forRole: boolean;
}

function cellContext(levels: { id: string; name: string }[], roles: Map<string, string>, forRole: boolean) {
  const levelName = new Map(levels.map((l) => [l.id, l.name]));
  const context: CellContext = {
    levelName: (id) => levelName.get(id) ?? id,
    roleName: (id) => roles.get(id) ?? id,
    forRole,
  };
  return { context, key: JSON.stringify([[...levelName], [...roles], forRole]) };
}

/** A competency's row: its head, then its cells. */
function rowHtml({ href, competency }: RowData, names: CellContext): string {
  const id = competency.id;
  let out = `<tr${attr("id", `row-${id}`)}${attr("data-competency", id)}><th scope="row"${attr("id", `competency-${id}`)} class="competency-head"${competencyAttrs(competency)}><a${attr("href", href)}>${esc(competency.name)}</a></th>`;
  for (const cell of competency.cells)
    out += cellHtml(cell, `${competency.name} at ${names.levelName(cell.level)}`, names, names.forRole);
  return `${out}</tr>`;
}

/**
 * The matrix's rows, an area to a `<tbody>`: a competency's head, then its cells. In pieces (a page block):
 * a large matrix is many megabytes of them.
 */
function matrixBodies(data: MatrixData, links: Links): BlockPiece[] {
  const fw = data.framework.id;
  const names = new Map([...data.families, ...data.roles].map((r) => [r.id, r.name]));
  const { context, key } = cellContext(data.levels, names, data.filter.role !== undefined);
  const row = rows.within(JSON.stringify([fw, key]));
  const pieces: BlockPiece[] = [];
  for (const area of data.areas) {
    const areaPath = paths.area(fw, area.id);
    pieces.push(
      `<tbody${attr("id", `area-${area.id}`)}><tr class="area-row"><th scope="rowgroup" colspan="${data.levels.length + 1}"><span class="sticky-label"><a${attr("href", links.to(areaPath))}>${esc(area.name)}</a></span></th></tr>`,
    );
    for (const competency of area.competencies) {
      const made = { href: links.to(`${areaPath}#competency-${competency.id}`), competency };
      pieces.push(row(competency.id, made, () => utf8.encode(rowHtml(made, context))));
    }
    pieces.push("</tbody>");
  }
  return pieces;
}

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

const MatrixTable: FC<{ data: MatrixData; serverFiltered: boolean }> = ({ data, serverFiltered }) => {
  const links = useLinks();
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
        {useBlock(matrixBodies(data, links))}
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
        <MatrixOverview data={data} />
        <AreaJumps areas={data.areas} />
        <MatrixTable data={data} serverFiltered={serverFiltered} />
        <MirrorPanel fw={data.framework.id} levels={data.levels} role={data.filter.role} />
      </>
    )}
  </>
);

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
