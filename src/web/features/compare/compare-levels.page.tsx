/** Two levels side by side: per dimension and competency, the words that change from one to the other. */

import type { FC } from "hono/jsx";
import type { FrameworkIndex } from "../../../core/model.js";
import { isolated } from "../../../core/text.js";
import type { CompareLevelsData } from "../../../core/views/compare.js";
import { CompareHeader, ResponsibilitiesSection } from "../../components/compare-sides.js";
import { CompareTable, CompareViews, CompetencyDiffTables, DiffLegend } from "../../components/diff.js";
import { Md, Section, useLinks } from "../../components/page.js";
import { paths } from "../../links.js";
import { LevelChooser } from "./chooser.page.js";

export const CompareLevelsPage: FC<{ data: CompareLevelsData; index: FrameworkIndex }> = ({
  data,
  index,
}) => {
  const links = useLinks();
  const fw = data.framework.id;
  const a = data.a.name;
  const b = data.b.name === data.a.name ? `${isolated(data.b.name)} (${data.b.label})` : data.b.name;
  const title = (l: CompareLevelsData["a"]) => l.title ?? l.name;
  return (
    <article class="cmp-page">
      <CompareHeader
        title={
          <>
            <bdi>{title(data.a)}</bdi> compared with <bdi>{title(data.b)}</bdi>
          </>
        }
        actions={[
          { href: links.to(paths.level(fw, data.a.id)), label: `Open ${title(data.a)}` },
          { href: links.to(paths.level(fw, data.b.id)), label: `Open ${title(data.b)}` },
          { href: links.to(paths.compareLevels(fw, data.b.id, data.a.id)), label: "Swap sides" },
        ]}
      />
      <DiffLegend a={a} b={b} id="legend" />
      <CompareViews />

      <Section id="summaries" title="The two levels">
        <div class="cmp-pair">
          {[data.a, data.b].map((l, i) => (
            <section class="cmp-side" aria-labelledby={`side-${i}-h`}>
              <h3 id={`side-${i}-h`}>
                <a href={links.to(paths.level(fw, l.id))}>{title(l)}</a>
              </h3>
              <p class="meta">
                {[l.trackName, ...Object.values(l.codes), l.leverage ? `unit of leverage: ${l.leverage}` : ""]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              <Md text={l.summary} />
            </section>
          ))}
        </div>
      </Section>

      <DimensionsSection data={data} a={a} b={b} />
      <ExpectationsSection data={data} a={a} b={b} />

      <ResponsibilitiesSection
        title="Responsibilities"
        sides={[
          { name: title(data.a), items: data.a.responsibilities },
          { name: title(data.b), items: data.b.responsibilities },
        ]}
      />

      <Section id="choose" title="Compare other levels">
        <LevelChooser index={index} a={data.a.id} b={data.b.id} />
      </Section>
    </article>
  );
};

type SectionProps = { data: CompareLevelsData; a: string; b: string };

/** The framework's dimensions and its leveling rubric, each a table of word diffs. */
const DimensionsSection: FC<SectionProps> = ({ data, a, b }) => {
  if (!data.dimensions.length) return null;
  const dims = data.dimensions.filter((d) => d.kind === "dimension");
  const rubric = data.dimensions.filter((d) => d.kind === "rubric");
  return (
    <Section id="dimensions" title="Dimensions">
      {dims.length ? (
        <CompareTable
          id="dim"
          caption={`Dimensions of ${a} and ${b}`}
          rows={dims.map((row) => ({ row }))}
          a={a}
          b={b}
          first="Dimension"
        />
      ) : null}
      {rubric.length ? (
        <CompareTable
          id="rubric"
          caption={`Leveling rubric of ${a} and ${b}`}
          rows={rubric.map((row) => ({ row }))}
          a={a}
          b={b}
          first="Rubric"
        />
      ) : null}
    </Section>
  );
};

/** Per area, each competency's expectations (and their criteria, one by one) with the words that change. */
const ExpectationsSection: FC<SectionProps> = ({ data, a, b }) =>
  data.areas.length ? (
    <Section id="expectations" title="Expectations by competency">
      <CompetencyDiffTables areas={data.areas} fw={data.framework.id} a={a} b={b} />
    </Section>
  ) : null;
