/** The level page: what good looks like at one level, its dimensions, expectations per area, guidance. */
import type { FC, PropsWithChildren } from "hono/jsx";
import { criterionAnchor, roleCriterionKey } from "../../../core/cells.js";
import { entryOf } from "../../../core/model.js";
import type { GuidanceSection } from "../../../core/schema.js";
import type { AreaAtLevel, ExpectationView, LevelData, LevelRef } from "../../../core/views/level.js";
import { cellContentHtml, roleCellHtml } from "../../components/cell.js";
import { EquivalentLevelsSection, type EquivalentsData } from "../../components/equivalent-levels.js";
import { Guidance } from "../../components/guidance.js";
import { attr, bdi, esc, markup, mdBlock, mdInline, mdList } from "../../components/markup.js";
import { Md, MdList, Section, useLinks } from "../../components/page.js";
import { Documents, SourceLine } from "../../components/sources.js";
import { type Links, paths } from "../../links.js";

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

/** More expectations than this make the page long: examples fold away like elaborations. */
const LONG_PAGE = 12;

const MARKER_LABEL = { fork: "Fork point: the ladder forks here", top: "Top of its track" } as const;

const LevelHeader: FC<{ data: LevelData }> = ({ data }) => {
  const links = useLinks();
  const fw = data.framework.id;
  return (
    <header class="level-head">
      <p class="level-kicker">
        <span class={`track-badge kind-${data.track.kind ?? "other"}`}>{data.track.name}</span>
        {data.codes.map((code) => (
          <span class="level-code" title={code.schemeName}>
            <span class="visually-hidden">{`${code.schemeName} `}</span>
            {code.code}
          </span>
        ))}
        {(data.markers ?? []).map((m) => (
          <span class={`level-marker marker-${m}`}>{MARKER_LABEL[m]}</span>
        ))}
      </p>
      <h1>{data.heading}</h1>
      <dl class="level-facts">
        {data.title && data.title !== data.name ? <Fact term="Level name">{data.name}</Fact> : null}
        <Fact term="Track">{data.track.name}</Fact>
        {data.band !== undefined ? <Fact term="Sub-level of band">{data.band}</Fact> : null}
        {data.codes.map((code) => (
          <Fact term={code.schemeName}>{code.code}</Fact>
        ))}
        {data.leverage ? (
          <Fact term="Unit of leverage">
            <Md text={data.leverage} inline />
          </Fact>
        ) : null}
        {data.follows.length ? (
          <Fact term="Follows">
            <LevelLinks fw={fw} levels={data.follows} />
          </Fact>
        ) : null}
        {data.next.length ? (
          <Fact term={data.next.length > 1 ? "Next levels" : "Next level"}>
            <LevelLinks fw={fw} levels={data.next} />
          </Fact>
        ) : null}
      </dl>
      <SourceLine sources={data.sources} />
      <nav class="actions" aria-label="Level views">
        <a href={links.to(paths.matrix(fw))}>Competency matrix</a>
        <a href={links.to(paths.compare(fw))}>Compare with another level</a>
        <a href={links.to(paths.levelGoals(fw, data.id))}>Goal templates</a>
      </nav>
    </header>
  );
};

const Fact: FC<PropsWithChildren<{ term: string }>> = ({ term, children }) => (
  <div>
    <dt>{term}</dt>
    <dd>{children}</dd>
  </div>
);

/** The page's sections in order, for the table of contents and the page itself. */
function tocEntries(data: LevelData): { id: string; title: string; areas?: AreaAtLevel[] }[] {
  const after = data.guidance.filter((g) => g.placement !== "before");
  return [
    ...(data.summary ? [{ id: LEVEL_IDS.summary, title: "Summary" }] : []),
    ...(data.narrative ? [{ id: LEVEL_IDS.narrative, title: "About this level" }] : []),
    ...(data.dimensions.length ? [{ id: LEVEL_IDS.dimensions, title: "Dimensions" }] : []),
    ...(data.responsibilities.length ? [{ id: LEVEL_IDS.responsibilities, title: "Responsibilities" }] : []),
    ...(data.guidanceBefore ?? []).map((g) => ({ id: guidanceId(data, g), title: plainTitle(g.title) })),
    ...(data.areas.length ? [{ id: LEVEL_IDS.expectations, title: "Expectations", areas: data.areas }] : []),
    ...after.map((g) => ({ id: guidanceId(data, g), title: plainTitle(g.title) })),
    ...(data.reachNext ? [{ id: LEVEL_IDS.reachNext, title: "Reaching the next level" }] : []),
  ];
}

/** Guidance keeps its 1-based position in the file as its id (search links to it) wherever it is shown. */
const guidanceId = (data: LevelData, g: GuidanceSection) => `guidance-${data.guidance.indexOf(g) + 1}`;
const plainTitle = (title: string) => title.replace(/[*_`]/g, "");

const LevelToc: FC<{ data: LevelData }> = ({ data }) => (
  <nav class="level-toc no-print" aria-labelledby="toc-h">
    <h2 id="toc-h">On this page</h2>
    <ol>
      {tocEntries(data).map((e) => (
        <li>
          <a href={`#${e.id}`}>{e.title}</a>
          {e.areas?.length ? (
            <ol>
              {e.areas.map((a) => (
                <li>
                  <a href={`#area-${a.id}`}>{a.name}</a>
                </li>
              ))}
            </ol>
          ) : null}
        </li>
      ))}
    </ol>
  </nav>
);

export const LevelPage: FC<{ data: LevelData; equivalents?: EquivalentsData }> = ({ data, equivalents }) => {
  const fw = data.framework.id;
  const count = data.areas.reduce((n, a) => n + a.expectations.length, 0);
  return (
    <article class="level-page">
      <LevelHeader data={data} />
      <div class="level-layout">
        <LevelToc data={data} />
        <div class="level-body">
          <LevelIntro data={data} />
          <LevelFacts data={data} />
          {(data.guidanceBefore ?? []).map((g) => (
            <Guidance section={g} id={guidanceId(data, g)} />
          ))}
          {data.areas.length ? <Expectations data={data} long={count > LONG_PAGE} /> : null}
          {data.guidance
            .filter((g) => g.placement !== "before")
            .map((g) => (
              <Guidance section={g} id={guidanceId(data, g)} />
            ))}
          {data.reachNext ? <ReachNextSection data={data} /> : null}
          {equivalents ? (
            <EquivalentLevelsSection fw={fw} level={data.id} levelName={data.heading} data={equivalents} />
          ) : null}
        </div>
      </div>
    </article>
  );
};

/** The summary and the level's longer portrait: its intro, at the top. */
const LevelIntro: FC<{ data: LevelData }> = ({ data }) => (
  <>
    {data.summary ? (
      <Section id={LEVEL_IDS.summary} title="Summary">
        <div class="level-summary">
          <Md text={data.summary} />
        </div>
      </Section>
    ) : null}
    {data.narrative ? (
      <Section id={LEVEL_IDS.narrative} title="About this level">
        <div class="level-intro">
          <Md text={data.narrative} />
        </div>
      </Section>
    ) : null}
  </>
);

const LevelFacts: FC<{ data: LevelData }> = ({ data }) => {
  const dimensions = data.dimensions.filter((d) => d.kind === "dimension");
  const rubric = data.dimensions.filter((d) => d.kind === "rubric");
  return (
    <>
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
    </>
  );
};

const Expectations: FC<{ data: LevelData; long: boolean }> = ({ data, long }) => {
  const rated = data.areas.some((a) => a.expectations.some((e) => e.ratings.length > 0));
  return (
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
        <AreaBlock data={data} area={area} long={long} />
      ))}
    </Section>
  );
};

const ReachNextSection: FC<{ data: LevelData }> = ({ data }) => {
  const links = useLinks();
  const fw = data.framework.id;
  const reach = data.reachNext;
  if (!reach) return null;
  return (
    <Section id={LEVEL_IDS.reachNext} title="Reaching the next level">
      <Md text={reach.text} />
      {reach.next.map((n) => (
        <div class="reach-next" id={`next-${n.id}`}>
          {reach.next.length !== 1 || n.text ? (
            <h3>
              <a href={links.to(paths.level(fw, n.id))}>{`To ${n.title ?? n.name}`}</a>
            </h3>
          ) : null}
          <Md text={n.text} />
          <p>
            <a class="button secondary" href={links.to(paths.compareLevels(fw, data.id, n.id))}>
              Compare with <bdi>{n.name}</bdi>
            </a>
          </p>
        </div>
      ))}
    </Section>
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
  e.notApplicable ||
  Boolean(
    e.statement ||
      e.elaboration ||
      e.note ||
      e.examples.length ||
      e.criteria?.length ||
      e.step ||
      e.unchangedFrom ||
      e.roles?.length,
  );

const AreaBlock: FC<{ data: LevelData; area: AreaAtLevel; long: boolean }> = ({ data, area, long }) => {
  const links = useLinks();
  const fw = data.framework.id;
  const rated = data.ratingScale.length ? area.expectations.filter((e) => e.ratings.length > 0) : [];
  return (
    <section id={`area-${area.id}`} class="level-area" aria-labelledby={`area-${area.id}-h`}>
      <h3 id={`area-${area.id}-h`}>
        <a href={links.to(paths.area(fw, area.id))}>{area.name}</a>
      </h3>
      <SourceLine sources={area.sources} />
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
      <Documents documents={area.documents} />
      {markup(
        area.expectations
          .filter(hasBlock)
          .map((e) => expectationHtml(data, e, long, links))
          .join(""),
      )}
      {rated.length ? <RatingsTable data={data} area={area} rated={rated} /> : null}
    </section>
  );
};

const RatingsTable: FC<{ data: LevelData; area: AreaAtLevel; rated: ExpectationView[] }> = ({
  data,
  area,
  rated,
}) => (
  <div class="table-scroll">
    <table class="ratings">
      <caption>
        <bdi>{area.name}</bdi>: expectations by rating band
      </caption>
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
);

/** One competency's expectation at this level (a level of a large framework has hundreds). */
function expectationHtml(data: LevelData, e: ExpectationView, long: boolean, links: Links): string {
  const fw = data.framework.id;
  const levelName = (id: string) => (data.levelNames ? entryOf(data.levelNames, id) : undefined) ?? id;
  let out = `<div class="expectation${e.notApplicable ? " not-applicable" : ""}"${attr("id", e.anchor)}><h4>${esc(e.competency.name)}</h4>`;
  if (e.notApplicable) {
    out += `<p class="na"><strong>Not applicable at this level.</strong> ${mdInline(e.note)}</p>`;
  } else {
    out += cellContentHtml({
      statement: e.statement,
      extras: e,
      levelName,
      anchor: (c) => criterionAnchor(e.competency.id, c.key),
      bands: data.ratingScale,
    });
    if (e.note) out += `<p class="meta">${mdInline(e.note)}</p>`;
    out += examplesHtml(e.examples, long);
    for (const role of e.roles ?? [])
      out += roleCellHtml({
        role,
        levelName,
        anchor: (c) => criterionAnchor(e.competency.id, roleCriterionKey(role.id, c.key)),
      });
    if (e.elaboration)
      out += `<details class="elaboration"><summary>What sets this level apart</summary>${mdBlock(e.elaboration)}</details>`;
  }
  const sources = [...(e.sources ?? []), ...(e.competencySources ?? [])];
  if (sources.length) out += String(<SourceLine sources={sources} />);
  const every = links.to(paths.matrixCell(fw, e.competency.id, data.id));
  out += `<p class="expectation-links no-print"><a${attr("href", every)}>${bdi(e.competency.name)} at every level</a></p>`;
  return `${out}</div>`;
}

function examplesHtml(examples: string[], folded: boolean): string {
  if (!examples.length) return "";
  const label = examples.length === 1 ? "Example" : "Examples";
  return folded
    ? `<details class="examples"><summary>${label}</summary>${mdList(examples)}</details>`
    : `<div class="examples"><p class="examples-label">${label}</p>${mdList(examples)}</div>`;
}
