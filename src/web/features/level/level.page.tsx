/** The level page: what good looks like at one level, its dimensions, expectations per area, guidance. */
import type { FC } from "hono/jsx";
import type { GuidanceSection } from "../../../core/schema.js";
import type { AreaAtLevel, ExpectationView, LevelData, LevelRef } from "../../../core/views/level.js";
import { EquivalentLevelsSection, type EquivalentsData } from "../../components/equivalent-levels.js";
import { Md, MdList, Section, useLinks } from "../../components/page.js";
import { paths } from "../../links.js";

/** Section ids of the level page; search results link to them (see LEVEL_SECTION_IDS in core/search.ts). */
const LEVEL_IDS = {
  summary: "summary",
  dimensions: "dimensions",
  responsibilities: "responsibilities",
  expectations: "expectations",
  narrative: "narrative",
  reachNext: "next",
} as const;

const LevelLinks: FC<{ fw: string; levels: LevelRef[] }> = ({ fw, levels }) => {
  const links = useLinks();
  return (
    <>
      {levels.map((l, i) => (
        <>
          {i > 0 ? ", " : ""}
          <a href={links.to(paths.level(fw, l.id))}>{l.title ?? l.name}</a>
        </>
      ))}
    </>
  );
};

export const LevelPage: FC<{ data: LevelData; equivalents?: EquivalentsData }> = ({ data, equivalents }) => {
  const links = useLinks();
  const fw = data.framework.id;
  const dimensions = data.dimensions.filter((d) => d.kind === "dimension");
  const rubric = data.dimensions.filter((d) => d.kind === "rubric");
  const rated = data.areas.some((a) => a.expectations.some((e) => e.ratings.length > 0));
  return (
    <article class="level-page">
      <header class="level-head">
        <p class="level-kicker">
          <span class={`track-badge kind-${data.track.kind ?? "other"}`}>{data.track.name}</span>
          {data.codes.map((code) => (
            <span class="level-code" title={code.schemeName}>
              <span class="visually-hidden">{`${code.schemeName} `}</span>
              {code.code}
            </span>
          ))}
        </p>
        <h1>{data.heading}</h1>
        <dl class="level-facts">
          {data.title && data.title !== data.name ? (
            <div>
              <dt>Level</dt>
              <dd>{data.name}</dd>
            </div>
          ) : null}
          <div>
            <dt>Track</dt>
            <dd>{data.track.name}</dd>
          </div>
          {data.codes.map((code) => (
            <div>
              <dt>{code.schemeName}</dt>
              <dd>{code.code}</dd>
            </div>
          ))}
          {data.leverage ? (
            <div>
              <dt>Unit of leverage</dt>
              <dd>
                <Md text={data.leverage} inline />
              </dd>
            </div>
          ) : null}
          {data.follows.length ? (
            <div>
              <dt>Follows</dt>
              <dd>
                <LevelLinks fw={fw} levels={data.follows} />
              </dd>
            </div>
          ) : null}
          {data.next.length ? (
            <div>
              <dt>{data.next.length > 1 ? "Next levels" : "Next level"}</dt>
              <dd>
                <LevelLinks fw={fw} levels={data.next} />
              </dd>
            </div>
          ) : null}
        </dl>
        <nav class="actions" aria-label="Level views">
          <a href={links.to(paths.matrix(fw))}>Competency matrix</a>
          <a href={links.to(paths.compare(fw))}>Compare with another level</a>
          <a href={links.to(paths.levelGoals(fw, data.id))}>Goal templates</a>
        </nav>
      </header>

      {data.summary ? (
        <Section id={LEVEL_IDS.summary} title="Summary">
          <div class="level-summary">
            <Md text={data.summary} />
          </div>
        </Section>
      ) : null}

      {data.dimensions.length ? (
        <Section id={LEVEL_IDS.dimensions} title="Dimensions">
          {dimensions.length ? <DimensionList items={dimensions} /> : null}
          {rubric.length ? (
            <>
              {dimensions.length ? <h3 id="rubric">Leveling rubric</h3> : null}
              <DimensionList items={rubric} />
            </>
          ) : null}
        </Section>
      ) : null}

      {data.responsibilities.length ? (
        <Section id={LEVEL_IDS.responsibilities} title="Responsibilities">
          <MdList items={data.responsibilities} class="level-list" />
        </Section>
      ) : null}

      {data.areas.length ? (
        <Section id={LEVEL_IDS.expectations} title="Expectations">
          {rated && data.ratingScale.length ? (
            <dl class="rating-scale">
              {data.ratingScale.map((band) => (
                <div>
                  <dt>{band.name}</dt>
                  <dd>{band.description ? <Md text={band.description} inline /> : null}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {data.areas.map((area) => (
            <AreaBlock data={data} area={area} />
          ))}
        </Section>
      ) : null}

      {data.guidance.map((g, i) => (
        <Guidance section={g} id={`guidance-${i + 1}`} />
      ))}

      {data.narrative ? (
        <Section id={LEVEL_IDS.narrative} title="Narrative">
          <Md text={data.narrative} />
        </Section>
      ) : null}

      {data.reachNext ? (
        <Section id={LEVEL_IDS.reachNext} title="Reaching the next level">
          <Md text={data.reachNext.text} />
          {data.reachNext.next.map((n) => (
            <div class="reach-next" id={`next-${n.id}`}>
              {data.reachNext?.next.length !== 1 || n.text ? (
                <h3>
                  <a href={links.to(paths.level(fw, n.id))}>{`To ${n.title ?? n.name}`}</a>
                </h3>
              ) : null}
              <Md text={n.text} />
              <p>
                <a class="button secondary" href={links.to(paths.compareLevels(fw, data.id, n.id))}>
                  {`Compare with ${n.name}`}
                </a>
              </p>
            </div>
          ))}
        </Section>
      ) : null}

      {equivalents ? (
        <EquivalentLevelsSection fw={fw} level={data.id} levelName={data.heading} data={equivalents} />
      ) : null}
    </article>
  );
};

const DimensionList: FC<{ items: LevelData["dimensions"] }> = ({ items }) => (
  <dl class="dimension-list">
    {items.map((d) => (
      <div id={`dim-${d.id}`}>
        <dt>{d.name}</dt>
        <dd>
          <Md text={d.value} />
        </dd>
      </div>
    ))}
  </dl>
);

/** True when the expectation has more to show than its rating bands (it then gets its own block). */
const hasBlock = (e: ExpectationView) =>
  e.notApplicable || Boolean(e.statement || e.elaboration || e.note || e.examples.length);

const AreaBlock: FC<{ data: LevelData; area: AreaAtLevel }> = ({ data, area }) => {
  const links = useLinks();
  const fw = data.framework.id;
  const rated = data.ratingScale.length ? area.expectations.filter((e) => e.ratings.length > 0) : [];
  return (
    <section id={`area-${area.id}`} class="level-area" aria-labelledby={`area-${area.id}-h`}>
      <h3 id={`area-${area.id}-h`}>
        <a href={links.to(paths.area(fw, area.id))}>{area.name}</a>
      </h3>
      {area.takeaway ? (
        <p class="takeaway">
          <strong>At a glance: </strong>
          <Md text={area.takeaway} inline />
        </p>
      ) : null}
      {area.note ? (
        <div class="area-note">
          <Md text={area.note} />
        </div>
      ) : null}
      {area.expectations.filter(hasBlock).map((e) => (
        <ExpectationBlock fw={fw} level={data.id} expectation={e} />
      ))}
      {rated.length ? (
        <div class="table-scroll">
          <table class="ratings">
            <caption>{`${area.name}: expectations by rating band`}</caption>
            <thead>
              <tr>
                <th scope="col">Competency</th>
                {data.ratingScale.map((b) => (
                  <th scope="col">{b.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rated.map((e) => (
                <tr id={hasBlock(e) ? undefined : e.anchor}>
                  <th scope="row">
                    {hasBlock(e) ? <a href={`#${e.anchor}`}>{e.competency.name}</a> : e.competency.name}
                  </th>
                  {data.ratingScale.map((b) => (
                    <td>
                      <Md text={e.ratings.find((r) => r.band === b.id)?.text} inline />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
};

const ExpectationBlock: FC<{ fw: string; level: string; expectation: ExpectationView }> = ({
  fw,
  level,
  expectation: e,
}) => {
  const links = useLinks();
  return (
    <div class={`expectation${e.notApplicable ? " not-applicable" : ""}`} id={e.anchor}>
      <h4>{e.competency.name}</h4>
      {e.notApplicable ? (
        <p class="na">
          <strong>Not applicable at this level.</strong> {e.note ? <Md text={e.note} inline /> : null}
        </p>
      ) : (
        <>
          <Md text={e.statement} />
          {e.note ? (
            <p class="meta">
              <Md text={e.note} inline />
            </p>
          ) : null}
          {e.examples.length ? (
            <div class="examples">
              <p class="examples-label">{e.examples.length === 1 ? "Example" : "Examples"}</p>
              <MdList items={e.examples} />
            </div>
          ) : null}
          {e.elaboration ? (
            <details class="elaboration">
              <summary>What sets this level apart</summary>
              <Md text={e.elaboration} />
            </details>
          ) : null}
        </>
      )}
      <p class="expectation-links no-print">
        <a href={links.to(paths.matrixCell(fw, e.competency.id, level))}>
          {`${e.competency.name} at every level`}
        </a>
      </p>
    </div>
  );
};

const Guidance: FC<{ section: GuidanceSection; id: string }> = ({ section, id }) => (
  <Section id={id} title={<Md text={section.title} inline />}>
    <Md text={section.text} />
    <Items items={section.items} />
    {(section.sections ?? []).map((sub) => (
      <div class="guidance-sub">
        <h3>
          <Md text={sub.title} inline />
        </h3>
        <Md text={sub.text} />
        <Items items={sub.items} />
      </div>
    ))}
  </Section>
);

const Items: FC<{ items: string[] | undefined }> = ({ items }) =>
  items?.length ? <MdList items={items} class="level-list" /> : null;
