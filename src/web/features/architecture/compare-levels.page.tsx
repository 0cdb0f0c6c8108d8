/** Two levels of (possibly) different frameworks side by side (/compare-across/levels/…). */

import type { Child, FC } from "hono/jsx";
import { isolated } from "../../../core/text.js";
import type { CompareAcrossLevelsData } from "../../../core/views/architecture.js";
import type { AreaAtLevel, ExpectationView } from "../../../core/views/level.js";
import { CellContent } from "../../components/cell.js";
import {
  CompareHeader,
  ResponsibilitiesSection,
  SidesTable,
  SkillColumn,
} from "../../components/compare-sides.js";
import { CompareTable, CompareViews, CompetencyDiffTables, DiffLegend } from "../../components/diff.js";
import { Md, Section, useLinks } from "../../components/page.js";
import { paths } from "../../links.js";
import { Placement, referenceSentence, sideNames } from "./compare-parts.js";

export const CompareAcrossLevelsPage: FC<{ data: CompareAcrossLevelsData }> = ({ data }) => {
  const links = useLinks();
  const { a, b } = data;
  const [na, nb] = sideNames(
    a.level.title ?? a.level.name,
    b.level.title ?? b.level.name,
    a.framework.name,
    b.framework.name,
  );
  return (
    <article class="cmp-page across-page">
      <CompareHeader
        title={
          <>
            <bdi>{na}</bdi> compared with <bdi>{nb}</bdi>
          </>
        }
        meta={
          data.sameFramework ? (
            <>
              Both in <bdi>{a.framework.name}</bdi>.
            </>
          ) : (
            <>
              <bdi>{a.framework.name}</bdi> and <bdi>{b.framework.name}</bdi>.
            </>
          )
        }
        actions={[
          { href: links.to(paths.level(a.framework.id, a.level.id)), label: `Open ${na}` },
          { href: links.to(paths.level(b.framework.id, b.level.id)), label: `Open ${nb}` },
          {
            href: links.to(paths.compareAcrossLevels(b.framework.id, b.level.id, a.framework.id, a.level.id)),
            label: "Swap sides",
          },
          { href: links.to(paths.equivalence()), label: "Level equivalence" },
        ]}
      />
      {data.dimensions.length || data.competencies?.length ? (
        <>
          <DiffLegend a={na} b={nb} id="legend" />
          <CompareViews />
        </>
      ) : null}

      <Section id="levels" title="The two levels">
        <p class="reference-sentence">
          {referenceSentence(
            data.reference,
            { name: na, reference: a.reference },
            { name: nb, reference: b.reference },
            data.sameFramework,
          )}
        </p>
        <SidesTable
          caption={`${isolated(na)} and ${isolated(nb)}: framework, codes, reference steps and summary`}
          heads={[
            <a href={links.to(paths.level(a.framework.id, a.level.id))}>{na}</a>,
            <a href={links.to(paths.level(b.framework.id, b.level.id))}>{nb}</a>,
          ]}
          sides={[na, nb]}
          rows={levelRows(data, links)}
        />
      </Section>

      <DimensionsSection data={data} na={na} nb={nb} />
      <ExpectationsSection data={data} na={na} nb={nb} />

      <ResponsibilitiesSection
        title="Responsibilities"
        sides={[
          { name: na, items: a.responsibilities },
          { name: nb, items: b.responsibilities },
        ]}
      />
    </article>
  );
};

type Side = CompareAcrossLevelsData["a"];

/** The facts of the two levels, a row each. */
function levelRows(data: CompareAcrossLevelsData, links: ReturnType<typeof useLinks>) {
  const both = (cell: (s: Side) => Child): [Child, Child] => [cell(data.a), cell(data.b)];
  const codes = (s: Side) =>
    s.codes.length
      ? s.codes.map((code, i) => (
          <>
            {i > 0 ? ", " : ""}
            {`${code.schemeName} `}
            <code>{code.code}</code>
          </>
        ))
      : "—";
  return [
    {
      name: "Framework",
      cells: both((s) => <a href={links.to(paths.framework(s.framework.id))}>{s.framework.name}</a>),
    },
    { name: "Level", cells: both((s) => s.level.name) },
    { name: "Codes", cells: both(codes) },
    { name: "Track", cells: both((s) => s.trackName) },
    { name: "Reference scale", cells: both((s) => <Placement reference={s.reference} />) },
    { name: "Unit of leverage", cells: both((s) => (s.leverage ? <Md text={s.leverage} inline /> : "—")) },
    { name: "Summary", cells: both((s) => (s.summary ? <Md text={s.summary} /> : "—")) },
  ];
}

type SectionProps = { data: CompareAcrossLevelsData; na: string; nb: string };

/** The dimensions both levels give (paired by aspect or name across frameworks), and those only one has. */
const DimensionsSection: FC<SectionProps> = ({ data, na, nb }) => (
  <Section id="dimensions" title="Dimensions">
    {data.dimensions.length ? (
      <>
        <p>
          {data.sameFramework
            ? "The framework's dimensions at the two levels, with the words that change marked."
            : "Dimensions the two frameworks declare for the same aspect (or under the same name), with the words that change marked."}
        </p>
        <CompareTable
          id="dim"
          caption={`Dimensions of ${na} and ${nb}`}
          first="Dimension"
          rows={data.dimensions.map((row) => ({ row }))}
          a={na}
          b={nb}
        />
      </>
    ) : (
      <p>
        {data.sameFramework
          ? "Neither level gives a value for the framework's dimensions."
          : "The two frameworks declare no dimension measuring the same aspect at these levels."}
      </p>
    )}
    {data.unpaired.a.length || data.unpaired.b.length ? (
      <div class="cmp-pair">
        {[data.unpaired.a, data.unpaired.b].map((list, i) =>
          list.length ? (
            <SkillColumn
              id={`unpaired-${i}`}
              title={`Only in ${i === 0 ? na : nb}`}
              items={list.map((d) => ({ name: d.name, description: d.value }))}
              empty="None."
            />
          ) : null,
        )}
      </div>
    ) : null}
  </Section>
);

/**
 * In one framework, each competency's expectations and their criteria diffed one by one; across two, each
 * level's expectations under its own framework's areas (their competencies are not the same ones).
 */
const ExpectationsSection: FC<SectionProps> = ({ data, na, nb }) => {
  const { a, b } = data;
  if (data.competencies?.length)
    return (
      <Section id="expectations" title="Expectations by competency">
        <CompetencyDiffTables areas={data.competencies} fw={a.framework.id} a={na} b={nb} />
      </Section>
    );
  if (!data.expectations) return null;
  return (
    <Section id="expectations" title="Expectations">
      <p>
        The two frameworks have their own competencies, so each level's expectations are shown under its own
        framework's areas.
      </p>
      <div class="cmp-pair across-expectations">
        {[
          { areas: data.expectations.a, name: na, side: a, id: "exp-a" },
          { areas: data.expectations.b, name: nb, side: b, id: "exp-b" },
        ].map((x) => (
          <ExpectationColumn
            areas={x.areas}
            name={x.name}
            fw={x.side.framework.id}
            level={x.side.level.id}
            id={x.id}
          />
        ))}
      </div>
    </Section>
  );
};

export const ExpectationColumn: FC<{
  areas: AreaAtLevel[];
  name: string;
  fw: string;
  level: string;
  id: string;
}> = ({ areas, name, fw, level, id }) => {
  const links = useLinks();
  return (
    <section class="cmp-side" aria-labelledby={`${id}-h`} id={id}>
      <h3 id={`${id}-h`}>{name}</h3>
      {areas.length === 0 ? <p class="meta">No expectations are written for this level.</p> : null}
      {areas.map((area) => (
        <div class="across-area" id={`${id}-${area.id}`}>
          <h4>{area.name}</h4>
          {area.takeaway ? (
            <p class="takeaway">
              <Md text={area.takeaway} inline />
            </p>
          ) : null}
          <dl>
            {area.expectations.map((e) => (
              <div>
                <dt>
                  <a href={links.to(paths.matrixCell(fw, e.competency.id, level))}>{e.competency.name}</a>
                </dt>
                <dd>
                  {e.notApplicable ? (
                    <span class="cmp-na">Not applicable. {e.note ? <Md text={e.note} inline /> : null}</span>
                  ) : written(e) ? (
                    <CellContent statement={e.statement} extras={e} />
                  ) : e.ratings.length ? (
                    e.ratings.map((r) => (
                      <div>
                        <strong>{`${r.name}: `}</strong>
                        <Md text={r.text} inline />
                      </div>
                    ))
                  ) : (
                    <span class="cmp-none">No expectation written.</span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </section>
  );
};

/** Whether a cell says something besides rating-band texts: a statement, criteria or a step. */
const written = (e: ExpectationView) => Boolean(e.statement || e.criteria?.length || e.step);
