/** Two levels of (possibly) different frameworks side by side (/compare-across/levels/…). */
import type { FC } from "hono/jsx";
import type { CompareAcrossLevelsData } from "../../../core/views/architecture.js";
import type { AreaAtLevel } from "../../../core/views/level.js";
import { CompareTable, DiffLegend } from "../../components/diff.js";
import { Md, MdList, Section, useLinks } from "../../components/page.js";
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
  const sides = [a, b];
  return (
    <article class="cmp-page across-page">
      <h1>{`${na} compared with ${nb}`}</h1>
      <p class="meta">
        {data.sameFramework ? `Both in ${a.framework.name}.` : `${a.framework.name} and ${b.framework.name}.`}
      </p>
      <nav class="actions" aria-label="Comparison">
        <a href={links.to(paths.level(a.framework.id, a.level.id))}>{`Open ${na}`}</a>
        <a href={links.to(paths.level(b.framework.id, b.level.id))}>{`Open ${nb}`}</a>
        <a href={links.to(paths.compareAcrossLevels(b.framework.id, b.level.id, a.framework.id, a.level.id))}>
          Swap sides
        </a>
        <a href={links.to(paths.equivalence())}>Level equivalence</a>
      </nav>

      <Section id="levels" title="The two levels">
        <p class="reference-sentence">
          {referenceSentence(
            data.reference,
            { name: na, reference: a.reference },
            { name: nb, reference: b.reference },
            data.sameFramework,
          )}
        </p>
        <div class="table-scroll">
          <table class="cmp-table">
            <caption class="visually-hidden">{`${na} and ${nb}: framework, codes, reference steps and summary`}</caption>
            <colgroup>
              <col class="cmp-name" />
              <col />
              <col />
            </colgroup>
            <thead>
              <tr>
                <td />
                {sides.map((s, i) => (
                  <th scope="col">
                    <a href={links.to(paths.level(s.framework.id, s.level.id))}>{i === 0 ? na : nb}</a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Framework</th>
                {sides.map((s) => (
                  <td>
                    <a href={links.to(paths.framework(s.framework.id))}>{s.framework.name}</a>
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">Level</th>
                {sides.map((s) => (
                  <td>{s.level.name}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">Codes</th>
                {sides.map((s) => (
                  <td>
                    {s.codes.length
                      ? s.codes.map((code, i) => (
                          <>
                            {i > 0 ? ", " : ""}
                            {`${code.schemeName} `}
                            <code>{code.code}</code>
                          </>
                        ))
                      : "—"}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">Track</th>
                {sides.map((s) => (
                  <td>{s.trackName}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">Reference scale</th>
                {sides.map((s) => (
                  <td>
                    <Placement reference={s.reference} />
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">Unit of leverage</th>
                {sides.map((s) => (
                  <td>{s.leverage ? <Md text={s.leverage} inline /> : "—"}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">Summary</th>
                {sides.map((s) => (
                  <td>{s.summary ? <Md text={s.summary} /> : "—"}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="dimensions" title="Dimensions">
        {data.dimensions.length ? (
          <>
            <p>
              {data.sameFramework
                ? "The framework's dimensions at the two levels, with the words that change marked."
                : "Dimensions the two frameworks declare for the same aspect (or under the same name), with the words that change marked."}
            </p>
            <DiffLegend a={na} b={nb} />
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
                <section class="cmp-side" aria-labelledby={`unpaired-${i}-h`}>
                  <h3 id={`unpaired-${i}-h`}>{`Only in ${i === 0 ? na : nb}`}</h3>
                  <dl class="cmp-skills">
                    {list.map((d) => (
                      <div>
                        <dt>{d.name}</dt>
                        <dd>
                          <Md text={d.value} inline />
                        </dd>
                      </div>
                    ))}
                  </dl>
                </section>
              ) : null,
            )}
          </div>
        ) : null}
      </Section>

      {data.competencies ? (
        data.competencies.length ? (
          <Section id="expectations" title="Expectations by competency">
            <DiffLegend a={na} b={nb} />
            {data.competencies.map((area) => (
              <CompareTable
                id={`area-${area.id}`}
                caption={area.name}
                first="Competency"
                rows={[
                  ...(area.takeaway ? [{ row: area.takeaway }] : []),
                  ...area.competencies.map((row) => ({
                    row,
                    label: <a href={links.to(`${paths.matrix(a.framework.id)}#row-${row.id}`)}>{row.name}</a>,
                  })),
                ]}
                a={na}
                b={nb}
              />
            ))}
          </Section>
        ) : null
      ) : data.expectations ? (
        <Section id="expectations" title="Expectations">
          <p>
            The two frameworks have their own competencies, so each level's expectations are shown under its
            own framework's areas.
          </p>
          <div class="cmp-pair across-expectations">
            {[data.expectations.a, data.expectations.b].map((areas, i) => (
              <ExpectationColumn
                areas={areas}
                name={i === 0 ? na : nb}
                fw={sides[i]?.framework.id ?? ""}
                level={sides[i]?.level.id ?? ""}
                id={`exp-${i === 0 ? "a" : "b"}`}
              />
            ))}
          </div>
        </Section>
      ) : null}

      {a.responsibilities.length || b.responsibilities.length ? (
        <Section id="responsibilities" title="Responsibilities">
          <div class="cmp-pair">
            {sides.map((s, i) => (
              <section class="cmp-side" aria-labelledby={`resp-${i}-h`}>
                <h3 id={`resp-${i}-h`}>{i === 0 ? na : nb}</h3>
                {s.responsibilities.length ? (
                  <MdList items={s.responsibilities} />
                ) : (
                  <p class="meta">No responsibilities are listed for this level.</p>
                )}
              </section>
            ))}
          </div>
        </Section>
      ) : null}
    </article>
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
                  ) : e.statement ? (
                    <Md text={e.statement} inline />
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
