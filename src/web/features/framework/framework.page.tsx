/** The framework overview (ladder, levels, areas, roles) and the diagnostics page of a framework with errors. */
import type { FC } from "hono/jsx";
import type { GuidanceSection } from "../../../core/schema.js";
import type { OverviewData } from "../../../core/views/overview.js";
import type { LoadedFramework } from "../../../load/registry.js";
import type { AcrossPages } from "../../../services/frameworks.js";
import { Guidance } from "../../components/guidance.js";
import { Ladder } from "../../components/ladder.js";
import { Md, Page, Section } from "../../components/page.js";
import type { Links } from "../../links.js";
import { paths } from "../../links.js";

export const OverviewPage: FC<{ data: OverviewData; across: AcrossPages; links: Links }> = ({
  data,
  across,
  links,
}) => {
  const before = data.guidance.filter((g) => g.placement === "before");
  const after = data.guidance.filter((g) => g.placement !== "before");
  // guidance keeps its 1-based position in the file as its id (search links to it) wherever it is shown
  const id = (g: GuidanceSection) => `guidance-${data.guidance.indexOf(g) + 1}`;
  return (
    <Page
      title={data.name}
      links={links}
      description={data.description}
      crumbs={[{ label: "Frameworks", href: links.to(paths.home()) }, { label: data.name }]}
      versionDetails
    >
      <h1>{data.name}</h1>
      <p class="meta">
        {[data.organization, data.version ? `version ${data.version}` : undefined]
          .filter(Boolean)
          .join(" · ")}
      </p>
      <Md text={data.description} />
      <nav class="actions" aria-label="Framework views">
        {data.areas.some((a) => a.competencies.length) ? (
          <a href={links.to(paths.matrix(data.id))}>Competency matrix</a>
        ) : null}
        <a href={links.to(paths.compare(data.id))}>Compare two levels</a>
        {across.equivalence ? (
          <a href={links.to(paths.equivalence())}>Level equivalence across frameworks</a>
        ) : null}
        {across.occupations ? <a href={links.to(paths.occupations())}>Occupation codes</a> : null}
      </nav>
      {before.map((g) => (
        <Guidance section={g} id={id(g)} />
      ))}
      <Section id="ladder" title="The ladder">
        <Ladder data={data} />
      </Section>
      <LevelsTable data={data} links={links} />
      {data.beyond ? (
        <Section id="beyond" title="Beyond these levels">
          <Md text={data.beyond} />
        </Section>
      ) : null}
      {data.points ? <PointsRule data={data} links={links} /> : null}
      <AreasAndRoles data={data} links={links} />
      {after.map((g) => (
        <Guidance section={g} id={id(g)} />
      ))}
    </Page>
  );
};

const MARKER_TEXT = { fork: "fork point", top: "top" } as const;

/** The levels table, with a column for codes, leverage or summary only where some level fills it. */
const LevelsTable: FC<{ data: OverviewData; links: Links }> = ({ data, links }) => {
  const code = (l: OverviewData["levels"][number], id: string) =>
    id ? l.codes[id] : Object.values(l.codes)[0];
  const schemes = (data.codeSchemes.length ? data.codeSchemes : [{ id: "", name: "Code" }]).filter((s) =>
    data.levels.some((l) => code(l, s.id)),
  );
  const leverage = data.levels.some((l) => l.leverage);
  const summary = data.levels.some((l) => l.summary);
  const shown = [
    "track",
    schemes.length ? "codes" : "",
    leverage ? "unit of leverage" : "",
    summary ? "summary" : "",
  ];
  return (
    <Section id="levels" title="Levels">
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">
            {`Every level with its ${shown.filter(Boolean).join(", ")}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col">Track</th>
              {schemes.map((s) => (
                <th scope="col">{s.name}</th>
              ))}
              {leverage ? <th scope="col">Unit of leverage</th> : null}
              {summary ? <th scope="col">What good looks like</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.levels.map((l) => (
              <tr>
                <th scope="row">
                  <a href={links.to(paths.level(data.id, l.id))}>{l.title ?? l.name}</a>
                  {l.band !== undefined ? <span class="meta">{` (band ${l.band})`}</span> : null}
                  {(l.markers ?? []).map((m) => (
                    <span class={`level-marker marker-${m}`}>{MARKER_TEXT[m]}</span>
                  ))}
                </th>
                <td>{l.trackName}</td>
                {schemes.map((s) => (
                  <td>{code(l, s.id) ?? ""}</td>
                ))}
                {leverage ? <td>{l.leverage ?? ""}</td> : null}
                {summary ? (
                  <td>
                    <Md text={l.summary} inline />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
};

/** The points rule: the point total each level takes (format 2 `points`). */
const PointsRule: FC<{ data: OverviewData; links: Links }> = ({ data, links }) =>
  data.points ? (
    <Section id="points" title="Placement by points">
      <Md text={data.points.description} />
      <p class="meta">
        Each competency's step is worth the points its scale gives it; the total reaches the highest level
        whose points it meets.
      </p>
      <table class="points-rule">
        <caption class="visually-hidden">Points that reach each level</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Points needed</th>
          </tr>
        </thead>
        <tbody>
          {data.points.levels.map((l) => (
            <tr>
              <th scope="row">
                <a href={links.to(paths.level(data.id, l.id))}>{l.name}</a>
              </th>
              <td>{String(l.points)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  ) : null;

const AreasAndRoles: FC<{ data: OverviewData; links: Links }> = ({ data, links }) => (
  <>
    {data.areas.length ? (
      <Section id="areas" title="Areas">
        <ul class="cards">
          {data.areas.map((a) => (
            <li>
              <h3>
                <a href={links.to(paths.area(data.id, a.id))}>{a.name}</a>
              </h3>
              <Md text={a.summary} />
              <p class="meta">{a.competencies.map((comp) => comp.name).join(" · ")}</p>
            </li>
          ))}
        </ul>
      </Section>
    ) : null}
    {data.roles.length ? (
      <Section id="roles" title="Roles">
        <ul class="cards">
          {data.roles.map((r) => (
            <li>
              <h3>
                <a href={links.to(paths.role(data.id, r.id))}>{r.name}</a>
              </h3>
              <p class="meta">
                {r.familyName}
                {r.code ? ` · ${r.code}` : ""}
              </p>
              <Md text={r.summary} />
            </li>
          ))}
        </ul>
      </Section>
    ) : null}
  </>
);

export const DiagnosticsPage: FC<{ fw: LoadedFramework; links: Links }> = ({ fw, links }) => {
  const errors = fw.diagnostics.filter((d) => d.severity === "error").length;
  return (
    <Page
      title={`Problems in ${fw.id}`}
      links={links}
      crumbs={[
        { label: "Frameworks", href: links.to(paths.home()) },
        { label: fw.index?.framework.name ?? fw.id },
      ]}
    >
      <h1>
        <bdi>{fw.ok ? (fw.index?.framework.name ?? fw.id) : fw.id}</bdi>
        {fw.ok ? " has no errors" : " cannot be shown yet"}
      </h1>
      <p>
        {fw.ok
          ? "Every check passes."
          : `The framework at ${fw.path} has ${errors} error${errors === 1 ? "" : "s"}. Fix them and the pages come back as soon as the files are saved (with --watch) or the server restarts.`}
      </p>
      {fw.ok ? <a href={links.to(paths.framework(fw.id))}>Open the framework</a> : null}
      <ol class="diagnostics">
        {fw.diagnostics.map((d) => (
          <li class={`diagnostic ${d.severity}`}>
            <code>{`${d.file}:${d.line}:${d.column}`}</code> <strong>{d.severity}</strong>{" "}
            <code>{d.code}</code> {d.message}
            {d.hint ? <p class="hint">{d.hint}</p> : null}
          </li>
        ))}
      </ol>
    </Page>
  );
};
