/** Two levels side by side: per dimension and competency, the words that change from one to the other. */
import type { FC } from "hono/jsx";
import type { FrameworkIndex } from "../../../core/model.js";
import type { CompareLevelsData } from "../../../core/views/compare.js";
import { CompareTable, CompareViews, DiffLegend } from "../../components/diff.js";
import { Md, MdList, Section, useLinks } from "../../components/page.js";
import { paths } from "../../links.js";
import { LevelChooser } from "./chooser.page.js";

export const CompareLevelsPage: FC<{ data: CompareLevelsData; index: FrameworkIndex }> = ({
  data,
  index,
}) => {
  const links = useLinks();
  const fw = data.framework.id;
  const a = data.a.name;
  const b = data.b.name === data.a.name ? `${data.b.name} (${data.b.label})` : data.b.name;
  const dims = data.dimensions.filter((d) => d.kind === "dimension");
  const rubric = data.dimensions.filter((d) => d.kind === "rubric");
  return (
    <article class="cmp-page">
      <h1>{`${data.a.title ?? data.a.name} compared with ${data.b.title ?? data.b.name}`}</h1>
      <nav class="actions" aria-label="Comparison">
        <a href={links.to(paths.level(fw, data.a.id))}>{`Open ${data.a.title ?? data.a.name}`}</a>
        <a href={links.to(paths.level(fw, data.b.id))}>{`Open ${data.b.title ?? data.b.name}`}</a>
        <a href={links.to(paths.compareLevels(fw, data.b.id, data.a.id))}>Swap sides</a>
      </nav>
      <DiffLegend a={a} b={b} id="legend" />
      <CompareViews />

      <Section id="summaries" title="The two levels">
        <div class="cmp-pair">
          {[data.a, data.b].map((l, i) => (
            <section class="cmp-side" aria-labelledby={`side-${i}-h`}>
              <h3 id={`side-${i}-h`}>
                <a href={links.to(paths.level(fw, l.id))}>{l.title ?? l.name}</a>
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

      {data.dimensions.length ? (
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
      ) : null}

      {data.areas.length ? (
        <Section id="expectations" title="Expectations by competency">
          {data.areas.map((area) => (
            <CompareTable
              id={`area-${area.id}`}
              caption={area.name}
              rows={[
                ...(area.takeaway ? [{ row: area.takeaway }] : []),
                ...area.competencies.map((row) => ({
                  row,
                  label: <a href={links.to(`${paths.matrix(fw)}#row-${row.id}`)}>{row.name}</a>,
                })),
              ]}
              a={a}
              b={b}
              first="Competency"
            />
          ))}
        </Section>
      ) : null}

      {data.a.responsibilities.length || data.b.responsibilities.length ? (
        <Section id="responsibilities" title="Responsibilities">
          <div class="cmp-pair">
            {[data.a, data.b].map((l, i) => (
              <section class="cmp-side" aria-labelledby={`resp-${i}-h`}>
                <h3 id={`resp-${i}-h`}>{l.title ?? l.name}</h3>
                {l.responsibilities.length ? (
                  <MdList items={l.responsibilities} />
                ) : (
                  <p class="meta">No responsibilities are listed for this level.</p>
                )}
              </section>
            ))}
          </div>
        </Section>
      ) : null}

      <Section id="choose" title="Compare other levels">
        <LevelChooser index={index} a={data.a.id} b={data.b.id} />
      </Section>
    </article>
  );
};
