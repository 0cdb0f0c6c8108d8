/**
 * The role profile in the order of seed 000: its family and what that family covers (the focus),
 * responsibilities per level, the rubric, skills, provenance, the highlighted level with its summary and the
 * dimensions, the adjacent roles panel, titles and codes; then related roles and the compare form.
 */

import type { FC } from "hono/jsx";
import type { FrameworkIndex } from "../../../core/model.js";
import { isolated } from "../../../core/text.js";
import type { RoleData, RoleDimension, RoleLevel } from "../../../core/views/role.js";
import { type AdjacentPanels, AdjacentRolesSection } from "../../components/adjacent-roles.js";
import { CellContent } from "../../components/cell.js";
import { ClassificationTable, SkillList } from "../../components/compare-sides.js";
import { Md, MdList, Section, useLinks } from "../../components/page.js";
import { RoleChooser } from "../../components/role-chooser.js";
import { SourceList } from "../../components/sources.js";
import { paths } from "../../links.js";

export const RolePage: FC<{
  data: RoleData;
  index: FrameworkIndex;
  chosen?: string | undefined;
  bad?: string | undefined;
  adjacent?: AdjacentPanels | undefined;
}> = ({ data, index, chosen, bad, adjacent }) => {
  const fw = data.framework.id;
  return (
    <article class="role-page">
      <RoleHeader data={data} />
      {bad !== undefined ? (
        <p class="notice" role="alert">
          <bdi>{data.name}</bdi>
          {` has no level "${bad}". Every level of the role is shown below; pick one to highlight it.`}
        </p>
      ) : null}
      {data.summary ? (
        <Section id="summary" title="Summary">
          <Md text={data.summary} />
        </Section>
      ) : null}
      {data.family.description ? (
        <Section
          id="family"
          title={
            <>
              Family: <bdi>{data.family.name}</bdi>
            </>
          }
        >
          <Md text={data.family.description} />
        </Section>
      ) : null}

      <Responsibilities data={data} chosen={chosen} />

      <Rubric data={data} chosen={chosen} />

      <Skills data={data} />

      {data.sources.length ? (
        <Section id="sources" title="Provenance">
          <SourceList sources={data.sources} />
        </Section>
      ) : null}

      <HighlightedLevel data={data} chosen={chosen} />

      <Dimensions data={data} chosen={chosen} />

      {adjacent ? <AdjacentRolesSection data={adjacent} fw={fw} role={data.id} roleName={data.name} /> : null}

      <Section id="aliases" title="Also known as">
        {data.aliases.length ? (
          <MdList items={data.aliases} class="role-aliases" />
        ) : (
          <p class="meta">No title aliases are recorded for this role yet.</p>
        )}
      </Section>

      {data.classifications.length ? <Classifications data={data} /> : null}

      <Related data={data} />

      {index.roles.size > 1 ? (
        <Section id="compare" title="Compare with another role">
          <RoleChooser index={index} a={data.id} b={data.related.find((r) => r.known)?.id} fixedA />
        </Section>
      ) : null}
    </article>
  );
};

const DimensionTable: FC<{
  data: RoleData;
  columns: RoleDimension[];
  caption: string;
  chosen?: string | undefined;
}> = ({ data, columns, caption, chosen }) => {
  const links = useLinks();
  const fw = data.framework.id;
  const column = new Map(data.dimensions.map((d, i) => [d.id, i]));
  return (
    <div class="table-scroll">
      <table class="role-dimensions">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            {columns.map((d) => (
              <th scope="col">{d.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.levels.map((l) => (
            <tr data-level={l.id} class={l.id === chosen ? "current" : undefined}>
              <th scope="row">{l.known ? <a href={links.to(paths.level(fw, l.id))}>{l.name}</a> : l.name}</th>
              {columns.map((d) => (
                <td>
                  <Md text={l.dimensions[column.get(d.id) ?? -1] ?? undefined} inline />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

const Classifications: FC<{ data: RoleData }> = ({ data }) => {
  const links = useLinks();
  const sourceTitle = new Map(data.sources.map((s) => [s.id, s.title]));
  return (
    <Section id="classifications" title="Classification codes">
      <ClassificationTable
        caption={`Occupation codes for ${isolated(data.name)}`}
        heads={["Scheme", "Code", "Occupation"]}
        rows={data.classifications.map((c) => ({
          lead: [
            c.schemeName,
            <a href={links.to(paths.occupation(c.scheme, c.code))}>
              <code>{c.code}</code>
            </a>,
            c.title ?? "",
          ],
          match: c.match,
          sources: (c.sources ?? []).map((id) => ({
            href: `#source-${id}`,
            title: sourceTitle.get(id) ?? id,
          })),
          note: c.note,
        }))}
      />
    </Section>
  );
};

const RoleHeader: FC<{ data: RoleData }> = ({ data }) => {
  const links = useLinks();
  const fw = data.framework.id;
  return (
    <header class="role-head">
      <h1>{data.name}</h1>
      <dl class="level-facts">
        <div>
          <dt>Family</dt>
          <dd>
            {data.family.parent ? (
              <>
                <bdi>{data.family.parent.name}</bdi>
                {" › "}
              </>
            ) : null}
            <bdi>{data.family.name}</bdi>
          </dd>
        </div>
        {data.code ? (
          <div>
            <dt>Role code</dt>
            <dd>
              <code>{data.code}</code>
            </dd>
          </div>
        ) : null}
        {data.tracks.length ? (
          <div>
            <dt>{data.tracks.length === 1 ? "Track" : "Tracks"}</dt>
            <dd>{data.tracks.map((t) => t.name).join(", ")}</dd>
          </div>
        ) : null}
        <div>
          <dt>Levels</dt>
          <dd>
            {data.levels.map((l, i) => (
              <>
                {i > 0 ? " → " : ""}
                {l.known ? <a href={links.to(paths.level(fw, l.id))}>{l.name}</a> : l.name}
              </>
            ))}
          </dd>
        </div>
      </dl>
    </header>
  );
};

const Responsibilities: FC<{ data: RoleData; chosen?: string | undefined }> = ({ data, chosen }) => {
  const links = useLinks();
  const fw = data.framework.id;
  const chosenLevel = data.levels.find((l) => l.id === chosen);
  return (
    <Section id="responsibilities" title="Responsibilities by level">
      <form class="level-picker no-print" method="get" action={links.to(paths.role(fw, data.id))}>
        <label for="role-level">Highlight a level</label>
        <select id="role-level" name="level">
          {data.levels.map((l) => (
            <option value={l.id} selected={l.id === chosen}>
              {l.label === l.name ? l.name : `${isolated(l.label)} · ${isolated(l.name)}`}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          Show
        </button>
      </form>
      {chosenLevel ? (
        <p class="meta" id="chosen-level">
          Highlighted: <bdi>{chosenLevel.title ?? chosenLevel.name}</bdi>.
        </p>
      ) : null}
      <div class="role-levels" data-role-levels="">
        {data.levels.map((l) => (
          <section
            id={`level-${l.id}`}
            class={l.id === chosen ? "role-level current" : "role-level"}
            data-level={l.id}
            aria-current={l.id === chosen ? "true" : undefined}
            aria-labelledby={`level-${l.id}-h`}
          >
            <h3 id={`level-${l.id}-h`}>
              {l.known ? <a href={links.to(paths.level(fw, l.id))}>{l.title ?? l.name}</a> : l.name}
              {l.label !== l.name ? <span class="level-code">{l.label}</span> : null}
            </h3>
            {l.expectations?.length ? <RoleExpectations data={data} level={l} /> : null}
            {l.responsibilities.length ? (
              <MdList items={l.responsibilities} />
            ) : (
              <p class="meta">No responsibilities are listed for this level.</p>
            )}
            {l.known ? (
              <p class="role-level-goals no-print">
                <a href={links.to(paths.roleGoals(fw, data.id, l.id))}>
                  Goal templates
                  <span class="visually-hidden">
                    {" for "}
                    <bdi>{data.name}</bdi> at <bdi>{l.name}</bdi>
                  </span>
                </a>
              </p>
            ) : null}
          </section>
        ))}
      </div>
    </Section>
  );
};

/** What this role is expected to do at a level beyond the shared expectations (format 2 `roles:` cells). */
const RoleExpectations: FC<{ data: RoleData; level: RoleLevel }> = ({ data, level }) => {
  const links = useLinks();
  const fw = data.framework.id;
  return (
    <div class="role-expectations">
      <h4>
        Expectations for <bdi>{data.name}</bdi> at <bdi>{level.name}</bdi>
      </h4>
      {(level.expectations ?? []).map((e) => (
        <div class="role-expectation" data-competency={e.competency.id}>
          <p class="role-expectation-h">
            <a href={links.to(`${paths.level(fw, level.id)}#exp-${e.competency.id}`)}>{e.competency.name}</a>
            {e.owner !== data.id ? <span class="meta">{` (the ${e.owner} family's own)`}</span> : null}
          </p>
          <CellContent
            statement={e.statement}
            extras={e}
            roleName={(id) => (id === data.id ? data.name : id)}
          />
        </div>
      ))}
    </div>
  );
};

/** The rubric columns by level (a role profile's level guidelines, seed 000). */
const Rubric: FC<{ data: RoleData; chosen?: string | undefined }> = ({ data, chosen }) => {
  const rubric = data.dimensions.filter((d) => d.kind === "rubric");
  return rubric.length ? (
    <Section id="rubric" title="Leveling rubric">
      <DimensionTable
        data={data}
        columns={rubric}
        caption={`${isolated(data.name)}: leveling rubric by level`}
        chosen={chosen}
      />
    </Section>
  ) : null;
};

/**
 * The highlighted level headed with its code and title, and its one-line summary; its dimensions follow.
 * Every level's block is here, the others hidden, so the static site's role-level island can show the one its
 * ?level= names; with none highlighted the section is hidden.
 */
const HighlightedLevel: FC<{ data: RoleData; chosen?: string | undefined }> = ({ data, chosen }) => (
  <section id="level" class="role-highlight" data-role-highlight="" hidden={chosen === undefined}>
    {data.levels.map((l) => {
      const title = l.title ?? l.name;
      return (
        <div data-level={l.id} hidden={l.id !== chosen}>
          <h2>{l.label === title ? `Level ${title}` : `Level ${l.label} — ${title}`}</h2>
          {l.summary ? (
            <p class="level-summary">
              <Md text={l.summary} inline />
            </p>
          ) : (
            <p class="meta">No summary is written for this level.</p>
          )}
        </div>
      );
    })}
  </section>
);

/**
 * The level dimensions. Where the framework marks some as calibration bars, those are a table of their own
 * and the rest follow; where it marks none, every one is a bar.
 */
const Dimensions: FC<{ data: RoleData; chosen?: string | undefined }> = ({ data, chosen }) => {
  const others = data.dimensions.filter((d) => d.kind !== "rubric");
  const bars = others.filter((d) => d.calibration);
  // a table of bars apart only where the framework tells bars from other dimensions
  const marked = bars.length > 0 && bars.length < others.length;
  const rest = marked ? others.filter((d) => !d.calibration) : others;
  return (
    <>
      {marked ? (
        <Section id="calibration" title="Calibration bars">
          <p class="meta">The dimensions this framework calibrates roles and people by.</p>
          <DimensionTable
            data={data}
            columns={bars}
            caption={`${isolated(data.name)}: calibration bars by level`}
            chosen={chosen}
          />
        </Section>
      ) : null}
      {rest.length ? (
        <Section id="dimensions" title={marked ? "Other dimensions" : "Dimensions"}>
          <DimensionTable
            data={data}
            columns={rest}
            caption={`${isolated(data.name)}: dimensions by level`}
            chosen={chosen}
          />
        </Section>
      ) : null}
    </>
  );
};

const Skills: FC<{ data: RoleData }> = ({ data }) => {
  return data.skills.length ? (
    <Section id="skills" title="Skills">
      <SkillList items={data.skills} class="role-skills" />
    </Section>
  ) : null;
};

const Related: FC<{ data: RoleData }> = ({ data }) => {
  const links = useLinks();
  const fw = data.framework.id;
  return data.related.length ? (
    <Section id="related" title="Related roles">
      <ul>
        {data.related.map((r) => (
          <li>
            {r.known ? (
              <>
                <a href={links.to(paths.role(fw, r.id))}>{r.name}</a> ·{" "}
                <a href={links.to(paths.compareRoles(fw, data.id, r.id))}>
                  Compare with <bdi>{r.name}</bdi>
                </a>
              </>
            ) : (
              r.name
            )}
          </li>
        ))}
      </ul>
    </Section>
  ) : null;
};
