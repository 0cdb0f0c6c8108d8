/**
 * The job architecture across every loaded framework: the adjacent-roles panel of a role profile, two levels
 * or two role-levels of (possibly) different frameworks side by side, the level equivalence table, the
 * occupation codes roles are mapped to, and roles found by title. Each page's data is one function of
 * src/core/views/architecture.ts, also served as JSON under /api/.
 */
import type { Context } from "hono";
import type { Child, FC } from "hono/jsx";
import type { EquivalenceCell } from "../../../core/equivalence.js";
import {
  ADJACENT_LIMIT,
  adjacentData,
  type CompareAcrossLevelsData,
  type CompareRoleLevelsData,
  compareAcrossLevelsData,
  compareRoleLevelsData,
  type EquivalenceData,
  equivalenceData,
  equivalentLevels,
  MAX_ADJACENT_LIMIT,
  type OccupationData,
  type OccupationsData,
  occupationData,
  occupationsData,
  type ReferenceComparison,
  type ReferencePlacement,
  rolesByTitle,
  spannedLevels,
  type TitleMatch,
} from "../../../core/views/architecture.js";
import type { CompareRow } from "../../../core/views/compare.js";
import type { AreaAtLevel } from "../../../core/views/level.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import {
  BandLabel,
  DistanceBar,
  DistanceParts,
  HowDistanceWorks,
  RoleLevelCode,
} from "../../components/adjacent-roles.js";
import { DiffCell, DiffLegend } from "../../components/diff.js";
import { stepsText } from "../../components/equivalent-levels.js";
import { frameworkIndexes } from "../../components/framework-indexes.js";
import { html } from "../../components/html.js";
import { occupationTitles } from "../../components/occupation-titles.js";
import { Md, MdList, Page, Section, useLinks } from "../../components/page.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { occupationSlug, paths } from "../../links.js";
import { HttpProblem, problem } from "../../middleware/errors.js";
import { frameworkOr } from "../../middleware/framework.js";

// ---------------------------------------------------------------------------------------------------------
// Shared helpers

/** A 404 for something unknown: JSON with `error` (and `extra`), or the friendly not-found page. */
function unknownThing(
  c: Context<AppEnv>,
  _registry: FrameworkRegistry,
  what: string,
  extra: Record<string, unknown> = {},
): Response {
  return problem(c, new HttpProblem(404, { detail: `no ${what}`, what, extra }));
}

/** A 400: JSON with `error`, or a page saying what to do instead. */
function badRequest(c: Context<AppEnv>, message: string): Response {
  return problem(c, new HttpProblem(400, { detail: message, page: (c) => badRequestPage(c, message) }));
}

function badRequestPage(c: Context<AppEnv>, message: string): Response {
  const links = c.get("links");
  return html(
    c,
    <Page title="Bad request" links={links}>
      <h1>That request cannot be answered</h1>
      <p class="notice" role="alert">
        {message}
      </p>
      <p>
        <a href={links.to(paths.equivalence())}>Level equivalence</a> ·{" "}
        <a href={links.to(paths.occupations())}>Occupation codes</a> ·{" "}
        <a href={links.to(paths.home())}>All frameworks</a>
      </p>
    </Page>,
    400,
  );
}

const quoteList = (ids: string[]) => ids.map((id) => `"${id}"`).join(" and ");

/** Text a person typed into a query: at most 200 characters, no control characters. */
function queryText(value: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (value.length > 200 || /[\u0000-\u001f\u007f]/.test(value)) return undefined;
  return value.trim();
}

const Placement: FC<{ reference: ReferencePlacement | undefined }> = ({ reference }) => {
  const links = useLinks();
  if (!reference) return <span class="meta">Not placed on the reference scale.</span>;
  return (
    <>
      <a href={links.to(`${paths.equivalence()}#step-${reference.from}`)}>
        {`${stepsText(reference).replace(/^s/, "S")}: ${reference.steps.map((s) => s.name).join(" to ")}`}
      </a>
      {` (${reference.match} match)`}
      {reference.note ? (
        <div class="meta">
          <Md text={reference.note} inline />
        </div>
      ) : null}
    </>
  );
};

/** One sentence on how two levels sit on the reference scale. */
function referenceSentence(
  r: ReferenceComparison,
  a: { name: string; reference?: ReferencePlacement | undefined },
  b: { name: string; reference?: ReferencePlacement | undefined },
  sameFramework: boolean,
): string {
  if (!r.comparable) {
    const unplaced = [a, b].filter((x) => !x.reference).map((x) => x.name);
    return `${unplaced.join(" and ")} ${unplaced.length > 1 ? "are" : "is"} not placed on the reference scale${
      sameFramework
        ? ", so the two compare only by their order on the ladder."
        : ", so the two cannot be matched."
    }`;
  }
  if (r.overlap && a.name === b.name)
    return `Both are at ${a.name}: ${stepsText(overlapOf(a.reference, b.reference))} of the reference scale.`;
  if (r.overlap)
    return `${a.name} and ${b.name} share ${stepsText(overlapOf(a.reference, b.reference))} of the reference scale.`;
  const steps = Math.abs(r.gap);
  return `${b.name} sits ${steps} step${steps === 1 ? "" : "s"} ${r.gap > 0 ? "above" : "below"} ${a.name} on the reference scale.`;
}

function overlapOf(a: ReferencePlacement | undefined, b: ReferencePlacement | undefined) {
  return { from: Math.max(a?.from ?? 0, b?.from ?? 0), to: Math.min(a?.to ?? 0, b?.to ?? 0) };
}

const RowsTable: FC<{
  id: string;
  caption: string;
  first: string;
  rows: { row: CompareRow; label?: Child }[];
  a: string;
  b: string;
}> = ({ id, caption, first, rows, a, b }) => (
  <div class="table-scroll">
    <table class="cmp-table" id={id}>
      <caption>{caption}</caption>
      <colgroup>
        <col class="cmp-name" />
        <col />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">{a}</th>
          <th scope="col">{b}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ row, label }) => (
          <tr id={`${id}-${row.id}`}>
            <th scope="row">{label ?? row.name}</th>
            <DiffCell row={row} side="a" name={a} />
            <DiffCell row={row} side="b" name={b} />
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** Two names that may be equal: the second gets its framework (or code) so the columns can be told apart. */
function sideNames(a: string, b: string, fa: string, fb: string): [string, string] {
  if (a !== b) return [a, b];
  return fa !== fb ? [`${a} (${fa})`, `${b} (${fb})`] : [a, `${b} (2)`];
}

// ---------------------------------------------------------------------------------------------------------
// Two levels across frameworks

const CompareAcrossLevelsPage: FC<{ data: CompareAcrossLevelsData }> = ({ data }) => {
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
            <RowsTable
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
              <RowsTable
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

const ExpectationColumn: FC<{
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

// ---------------------------------------------------------------------------------------------------------
// Two role-levels across frameworks

const CompareRoleLevelsPage: FC<{ data: CompareRoleLevelsData }> = ({ data }) => {
  const links = useLinks();
  const { a, b } = data;
  const label = (s: CompareRoleLevelsData["a"]) => `${s.role.name} at ${s.level.name}`;
  const [na, nb] = sideNames(label(a), label(b), a.framework.name, b.framework.name);
  const sides = [a, b];
  const codes = [
    ...data.classifications.shared.map((c) => ({ c, ma: c.match, mb: c.matchB })),
    ...data.classifications.onlyA.map((c) => ({ c, ma: c.match, mb: undefined })),
    ...data.classifications.onlyB.map((c) => ({ c, ma: undefined, mb: c.match })),
  ];
  return (
    <article class="cmp-page across-page">
      <h1>{`${na} compared with ${nb}`}</h1>
      <nav class="actions" aria-label="Comparison">
        <a href={links.to(paths.role(a.framework.id, a.role.id, a.level.id))}>{`Open ${na}`}</a>
        <a href={links.to(paths.role(b.framework.id, b.role.id, b.level.id))}>{`Open ${nb}`}</a>
        <a
          href={links.to(
            paths.compareRoleLevels(
              b.framework.id,
              b.role.id,
              b.level.id,
              a.framework.id,
              a.role.id,
              a.level.id,
            ),
          )}
        >
          Swap sides
        </a>
      </nav>

      <Section id="distance" title="Distance">
        {data.distance && data.band ? (
          <>
            <p class="distance-summary">
              <span>Distance</span>
              <DistanceBar value={data.distance.total} />
              <BandLabel band={data.band} />
              <span>
                {data.band === "close"
                  ? "A close match."
                  : data.band === "review"
                    ? "A possible match that needs a person's review."
                    : "Too far apart to count as a match."}
              </span>
            </p>
            <DistanceParts
              distance={data.distance}
              settings={data.settings}
              caption={`How far ${nb} is from ${na}, part by part`}
            />
            <HowDistanceWorks settings={data.settings} id="how-distance" />
          </>
        ) : (
          <p>
            These two role-levels cannot be compared: their levels are in different frameworks and at least
            one is not placed on the reference scale.
          </p>
        )}
      </Section>

      <Section id="profiles" title="The two role-levels">
        <p class="reference-sentence">
          {referenceSentence(
            data.reference,
            { name: a.level.name, reference: a.reference },
            { name: b.level.name, reference: b.reference },
            data.sameFramework,
          )}
        </p>
        <div class="table-scroll">
          <table class="cmp-table">
            <caption class="visually-hidden">{`${na} and ${nb}: framework, family, role, level and codes`}</caption>
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
                    <a href={links.to(paths.role(s.framework.id, s.role.id, s.level.id))}>
                      {i === 0 ? na : nb}
                    </a>
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
                <th scope="row">Family</th>
                {sides.map((s) => (
                  <td>
                    {s.family.parent ? `${s.family.parent.name} › ` : ""}
                    {s.family.name}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">Role</th>
                {sides.map((s) => (
                  <td>
                    <a href={links.to(paths.role(s.framework.id, s.role.id))}>{s.role.name}</a>
                    {s.role.code ? (
                      <>
                        {" "}
                        <code>{s.role.code}</code>
                      </>
                    ) : null}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">Level</th>
                {sides.map((s) => (
                  <td>
                    <a href={links.to(paths.level(s.framework.id, s.level.id))}>
                      {s.level.title ?? s.level.name}
                    </a>
                    {s.level.label !== s.level.name ? ` (${s.level.label})` : ""}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">Role-level code</th>
                {sides.map((s) => (
                  <td>
                    <RoleLevelCode code={s.code} />
                  </td>
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
                <th scope="row">Summary</th>
                {sides.map((s) => (
                  <td>{s.role.summary ? <Md text={s.role.summary} /> : "—"}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="responsibilities" title="Responsibilities at these levels">
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

      <Section id="skills" title="Skills">
        {a.skills.length || b.skills.length ? (
          <div class="cmp-three">
            <SkillColumn
              id="skills-shared"
              title={`Shared (${data.skills.shared.length})`}
              items={data.skills.shared.map((s) => ({ name: s.name, description: s.a ?? s.b }))}
              empty="No skill in common."
            />
            <SkillColumn
              id="skills-a"
              title={`Only ${a.role.name} (${data.skills.onlyA.length})`}
              items={data.skills.onlyA}
              empty="None."
            />
            <SkillColumn
              id="skills-b"
              title={`Only ${b.role.name === a.role.name ? nb : b.role.name} (${data.skills.onlyB.length})`}
              items={data.skills.onlyB}
              empty="None."
            />
          </div>
        ) : (
          <p>Neither role lists skills.</p>
        )}
      </Section>

      <Section id="classifications" title="Classification codes">
        {codes.length ? (
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">{`Occupation codes of ${a.role.name} and ${b.role.name}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Scheme</th>
                  <th scope="col">Code</th>
                  <th scope="col">Occupation</th>
                  <th scope="col">{`${a.role.name}: match`}</th>
                  <th scope="col">{`${b.role.name === a.role.name ? nb : b.role.name}: match`}</th>
                </tr>
              </thead>
              <tbody>
                {codes.map(({ c, ma, mb }) => (
                  <tr>
                    <td>{c.schemeName}</td>
                    <td>
                      <a href={links.to(paths.occupation(c.scheme, c.code))}>
                        <code>{c.code}</code>
                      </a>
                    </td>
                    <td>{c.title ?? ""}</td>
                    <td>{ma ?? "not mapped"}</td>
                    <td>{mb ?? "not mapped"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Neither role has classification codes.</p>
        )}
      </Section>
    </article>
  );
};

const SkillColumn: FC<{
  id: string;
  title: string;
  items: { name: string; description?: string | undefined }[];
  empty: string;
}> = ({ id, title, items, empty }) => (
  <section class="cmp-side" id={id} aria-labelledby={`${id}-h`}>
    <h3 id={`${id}-h`}>{title}</h3>
    {items.length ? (
      <dl class="cmp-skills">
        {items.map((s) => (
          <div>
            <dt>
              <Md text={s.name} inline />
            </dt>
            {s.description ? (
              <dd>
                <Md text={s.description} inline />
              </dd>
            ) : null}
          </div>
        ))}
      </dl>
    ) : (
      <p class="meta">{empty}</p>
    )}
  </section>
);

// ---------------------------------------------------------------------------------------------------------
// The equivalence table

/** Pairs of levels of different frameworks that share a row, as the table links them (at most a few a row). */
const ROW_PAIRS = 4;
export function rowPairs(data: EquivalenceData, row: EquivalenceData["rows"][number]) {
  const pairs: [EquivalenceCell, EquivalenceCell][] = [];
  const ids = data.frameworks.map((f) => f.id);
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      for (const x of row.cells[ids[i] as string] ?? [])
        for (const y of row.cells[ids[j] as string] ?? []) if (pairs.length < ROW_PAIRS) pairs.push([x, y]);
    }
  }
  return pairs;
}

const MatchLabel: FC<{ cell: EquivalenceCell }> = ({ cell }) => (
  <span class={`match match-${cell.match}`}>{`${cell.match} match`}</span>
);

const EquivalencePage: FC<{ data: EquivalenceData; form: Child }> = ({ data, form }) => {
  const links = useLinks();
  const several = data.frameworks.length > 1;
  const names = new Map(data.frameworks.map((f) => [f.id, f.name]));
  return (
    <article class="equivalence-page">
      <h1>Level equivalence</h1>
      <p>
        Each framework places its levels on the rungs reference scale, twelve steps from entry to chief
        officer, so a level of one framework can be read against the levels of another. A level that spans
        several steps appears on each of them.
      </p>
      <div class="table-scroll">
        <table class="equivalence-table">
          <caption>Levels of every framework by step of the reference scale</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              {data.frameworks.map((f) => (
                <th scope="col" id={`fw-${f.id}`}>
                  <a href={links.to(paths.framework(f.id))}>{f.name}</a>
                </th>
              ))}
              {several ? (
                <th scope="col" class="eq-compare">
                  Compare
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => {
              const pairs = several ? rowPairs(data, row) : [];
              return (
                <tr id={`step-${row.rank}`}>
                  <th scope="row">
                    <span class="step-rank">{row.rank}</span> <span class="step-name">{row.name}</span>
                    <span class="step-description">{row.description}</span>
                  </th>
                  {data.frameworks.map((f) => {
                    const cells = row.cells[f.id] ?? [];
                    return (
                      <td id={`step-${row.rank}-${f.id}`}>
                        {cells.length ? (
                          <ul class="eq-cell">
                            {cells.map((cell) => (
                              <li>
                                <a href={links.to(paths.level(f.id, cell.level))}>
                                  {cell.code ? (
                                    <>
                                      <span class="eq-code">{cell.code}</span> {cell.levelName}
                                    </>
                                  ) : (
                                    cell.levelName
                                  )}
                                </a>{" "}
                                <MatchLabel cell={cell} />
                                {cell.from !== cell.to ? (
                                  <span class="eq-span">{` (steps ${cell.from}–${cell.to})`}</span>
                                ) : null}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span class="eq-empty">
                            <span aria-hidden="true">—</span>
                            <span class="visually-hidden">none</span>
                          </span>
                        )}
                      </td>
                    );
                  })}
                  {several ? (
                    <td class="eq-compare">
                      {pairs.length ? (
                        <ul class="eq-pairs">
                          {pairs.map(([x, y]) => (
                            <li>
                              <a
                                href={links.to(
                                  paths.compareAcrossLevels(x.framework, x.level, y.framework, y.level),
                                )}
                              >
                                {`${x.code ?? x.levelName} ↔ ${y.code ?? y.levelName}`}
                                <span class="visually-hidden">{` (${names.get(x.framework)} ${x.levelName} with ${names.get(y.framework)} ${y.levelName})`}</span>
                              </a>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {data.unplaced.length ? (
        <Section id="unplaced" title="Levels not placed on the scale">
          <p>These levels have no reference step yet, so they appear in no row above.</p>
          {data.unplaced.map((u) => (
            <div class="unplaced" id={`unplaced-${u.framework.id}`}>
              <h3>{u.framework.name}</h3>
              <ul class="inline-list">
                {u.levels.map((l) => (
                  <li>
                    <a href={links.to(paths.level(u.framework.id, l.id))}>
                      {l.label === l.name ? l.name : `${l.label} · ${l.name}`}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </Section>
      ) : null}

      {form}
    </article>
  );
};

/** The chooser of two levels of any frameworks (server only: a static site has only the linked pairs). */
const AcrossChooser: FC<{ data: EquivalenceData; a?: string | undefined; b?: string | undefined }> = ({
  data,
  a,
  b,
}) => {
  const links = useLinks();
  const valid = new Set(data.frameworks.flatMap((f) => f.levels.map((l) => `${f.id}:${l.id}`)));
  // default: the first row shared by two frameworks
  let first = a && valid.has(a) ? a : undefined;
  let second = b && valid.has(b) ? b : undefined;
  if (!first || !second) {
    for (const row of data.rows) {
      const [x, y] = rowPairs(data, row)[0] ?? [];
      if (x && y) {
        first ??= `${x.framework}:${x.level}`;
        second ??= `${y.framework}:${y.level}`;
        break;
      }
    }
  }
  const select = (name: "a" | "b", label: string, chosen: string | undefined) => (
    <div class="field">
      <label for={`across-${name}`}>{label}</label>
      <select id={`across-${name}`} name={name} required>
        {data.frameworks.map((f) => (
          <optgroup label={f.name}>
            {f.levels.map((l) => (
              <option value={`${f.id}:${l.id}`} selected={`${f.id}:${l.id}` === chosen}>
                {l.label === l.name ? l.name : `${l.label} · ${l.name}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
  return (
    <form class="compare-chooser" method="get" action={links.to("/compare-across/levels/")}>
      {select("a", "First level", first)}
      {select("b", "Second level", second)}
      <button type="submit">Compare</button>
    </form>
  );
};

const ChooserSection: FC<{ data: EquivalenceData; a?: string | undefined; b?: string | undefined }> = (
  props,
) => {
  const links = useLinks();
  return (
    <Section id="compare" title="Compare two levels">
      {links.staticSite ? (
        <p>
          The links in the table compare levels that share a step. Comparing any two levels needs the rungs
          server.
        </p>
      ) : (
        <>
          <p>Pick two levels, from one framework or from two, to see them side by side.</p>
          <AcrossChooser {...props} />
        </>
      )}
    </Section>
  );
};

// ---------------------------------------------------------------------------------------------------------
// Occupation codes

const OccupationsPage: FC<{ data: OccupationsData }> = ({ data }) => {
  const links = useLinks();
  return (
    <article class="occupations-page">
      <h1>Occupation codes</h1>
      <p>
        Every classification code a role of a loaded framework is mapped to, by scheme, with the number of
        roles mapped to it.
      </p>
      {data.schemes.length === 0 ? <p>No role has a classification code.</p> : null}
      {data.schemes.map((s) => (
        <Section id={`scheme-${s.scheme}`} title={s.schemeName}>
          <div class="table-scroll">
            <table class="occupation-table">
              <caption class="visually-hidden">{`${s.schemeName} codes used by roles`}</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Occupation</th>
                  <th scope="col">Roles</th>
                </tr>
              </thead>
              <tbody>
                {s.codes.map((c) => (
                  <tr>
                    <th scope="row">
                      <a href={links.to(paths.occupation(c.scheme, c.code))}>
                        <code>{c.code}</code>
                      </a>
                    </th>
                    <td>{c.title ?? <span class="meta">title not known to rungs</span>}</td>
                    <td>{String(c.roles)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      ))}
    </article>
  );
};

const GROUP_NAMES: Record<string, string> = {
  major: "Major group",
  minor: "Minor group",
  broad: "Broad occupation",
  detailed: "Detailed occupation",
};

const OccupationPage: FC<{ data: OccupationData }> = ({ data }) => {
  const links = useLinks();
  return (
    <article class="occupation-page">
      <p class="level-kicker">
        <span class="level-code">{data.schemeName}</span>
      </p>
      <h1>{data.title ?? data.code}</h1>
      <dl class="level-facts">
        <div>
          <dt>Scheme</dt>
          <dd>{data.schemeName}</dd>
        </div>
        <div>
          <dt>Code</dt>
          <dd>
            <code>{data.code}</code>
          </dd>
        </div>
        {data.title ? (
          <div>
            <dt>Occupation</dt>
            <dd>{data.title}</dd>
          </div>
        ) : null}
      </dl>
      {data.hierarchy.length ? (
        <Section id="hierarchy" title="Where it sits">
          <ol class="occupation-path">
            {data.hierarchy.map((h) => (
              <li>
                {h.group ? <span class="meta">{`${GROUP_NAMES[h.group] ?? h.group}: `}</span> : null}
                {h.title} <code>{h.code}</code>
              </li>
            ))}
            <li aria-current="true">
              <strong>{data.title ?? data.code}</strong> <code>{data.code}</code>
            </li>
          </ol>
        </Section>
      ) : null}
      <Section id="roles" title="Roles mapped to this code">
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">{`Roles mapped to ${data.schemeName} ${data.code}`}</caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Framework</th>
                <th scope="col">Family</th>
                <th scope="col">Match</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {data.roles.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={links.to(paths.role(r.framework.id, r.role.id))}>{r.role.name}</a>
                  </th>
                  <td>
                    <a href={links.to(paths.framework(r.framework.id))}>{r.framework.name}</a>
                  </td>
                  <td>{r.family.name}</td>
                  <td>{r.match}</td>
                  <td>
                    <Md text={r.note} inline />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <p>
        <a href={links.to(paths.occupations())}>Every occupation code</a>
      </p>
    </article>
  );
};

/** The code a URL slug names among the codes roles use (slugs of URIs are their last segment). */
function codeForSlug(data: OccupationsData, scheme: string, slug: string): string | undefined {
  const codes = data.schemes.find((s) => s.scheme === scheme)?.codes ?? [];
  return codes.find((c) => {
    const own = occupationSlug(c.code);
    return own === slug || safeDecode(own) === slug || c.code === slug;
  })?.code;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Roles by title

const TitleForm: FC<{ title?: string | undefined }> = ({ title }) => {
  const links = useLinks();
  return (
    <form class="level-picker" method="get" action={links.to("/roles/by-title/")}>
      <label for="by-title">Job title</label>
      <input id="by-title" type="text" name="title" value={title ?? ""} required maxlength={200} />
      <button type="submit">Find the role</button>
    </form>
  );
};

const TitleMatches: FC<{ title: string; matches: TitleMatch[] }> = ({ title, matches }) => {
  const links = useLinks();
  return (
    <>
      <h1>{`Roles called “${title}”`}</h1>
      <p>{`${matches.length} roles have this name or title. Choose one:`}</p>
      <ul class="title-matches">
        {matches.map((m) => (
          <li>
            <a href={links.to(paths.role(m.framework.id, m.role.id))}>{m.role.name}</a>
            <span class="meta">
              {` · ${m.family.name} · ${m.framework.name}`}
              {m.via === "alias" ? " · also called " : ""}
            </span>
            {m.via === "alias" ? <Md text={m.matched} inline /> : null}
          </li>
        ))}
      </ul>
    </>
  );
};

// ---------------------------------------------------------------------------------------------------------
// Routes

/** "fw:level" from the chooser, or undefined. */
function splitChoice(value: string): { fw: string; level: string } | undefined {
  const m = /^([a-z0-9]+(?:[-_.][a-z0-9]+)*):([a-z0-9]+(?:[-_.][a-z0-9]+)*)$/.exec(value);
  return m ? { fw: m[1] as string, level: m[2] as string } : undefined;
}

export function architectureRoutes(app: App, { registry }: RouteDeps): void {
  const indexes = () => frameworkIndexes(registry);

  // --- adjacent roles (JSON; the panel itself is part of the role page)
  app.get("/api/frameworks/:fw/roles/:role/adjacent", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const rawLimit = c.req.query("limit");
    let limit = ADJACENT_LIMIT;
    if (rawLimit !== undefined) {
      const n = /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : Number.NaN;
      if (!(n >= 1 && n <= MAX_ADJACENT_LIMIT))
        return c.json({ error: `limit must be a whole number from 1 to ${MAX_ADJACENT_LIMIT}` }, 400);
      limit = n;
    }
    const level = c.req.query("level");
    const data = adjacentData(indexes(), found.index.framework.id, c.req.param("role"), level, limit);
    if ("problem" in data) {
      if (data.problem === "role") return c.json({ error: `no role "${data.role}"` }, 404);
      if (data.problem === "framework") return c.json({ error: `no framework "${data.framework}"` }, 404);
      return c.json(
        {
          error: `the role has no level "${data.level}"; level must be one of the levels it spans`,
          levels: data.levels,
        },
        400,
      );
    }
    return c.json(data);
  });

  // --- two levels across frameworks
  const acrossLevels = (c: Context<AppEnv>) => {
    const [fwA, a, fwB, b] = ["fwA", "a", "fwB", "b"].map((k) => c.req.param(k) ?? "") as [
      string,
      string,
      string,
      string,
    ];
    const data = compareAcrossLevelsData(indexes(), fwA, a, fwB, b);
    if ("unknown" in data)
      return { error: unknownThing(c, registry, describeUnknown(data.unknown), { unknown: data.unknown }) };
    if (fwA === fwB && a === b)
      return { error: badRequest(c, "Both sides are the same level. Choose two different levels.") };
    return { data };
  };
  app.get("/api/compare-across/levels/:fwA/:a/:fwB/:b", (c) => {
    const r = acrossLevels(c);
    return r.error ?? c.json(r.data);
  });
  app.get("/compare-across/levels/:fwA/:a/:fwB/:b/", (c) => {
    const r = acrossLevels(c);
    if (r.error) return r.error;
    const data = r.data;
    const links = c.get("links");
    const title = `${data.a.level.name} (${data.a.framework.name}) and ${data.b.level.name} (${data.b.framework.name})`;
    return html(
      c,
      <Page
        title={`${title} compared`}
        links={links}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: "Level equivalence", href: links.to(paths.equivalence()) },
          { label: title },
        ]}
      >
        <CompareAcrossLevelsPage data={data} />
      </Page>,
    );
  });

  // the chooser's GET form: ?a=fw:level&b=fw:level → the comparison's own path
  app.get("/compare-across/levels/", (c) => {
    const data = equivalenceData(indexes());
    const ra = c.req.query("a");
    const rb = c.req.query("b");
    const page = (status: 200 | 400 | 404, message?: string) => {
      const links = c.get("links");
      return html(
        c,
        <Page
          title="Compare two levels across frameworks"
          links={links}
          crumbs={[
            { label: "Frameworks", href: links.to(paths.home()) },
            { label: "Level equivalence", href: links.to(paths.equivalence()) },
            { label: "Compare two levels" },
          ]}
        >
          <h1>Compare two levels across frameworks</h1>
          {message ? (
            <p class="notice" role="alert">
              {message}
            </p>
          ) : null}
          <AcrossChooser data={data} a={ra} b={rb} />
          <p>
            <a href={links.to(paths.equivalence())}>The level equivalence table</a>
          </p>
        </Page>,
        status,
      );
    };
    if (ra === undefined && rb === undefined) return page(200);
    const a = splitChoice((ra ?? "").trim());
    const b = splitChoice((rb ?? "").trim());
    if (!a || !b) return page(400, "Choose two levels to compare (each as framework:level).");
    const all = indexes();
    const unknown = [a, b]
      .filter((x) => !all.get(x.fw)?.levels.has(x.level))
      .map((x) => `${x.fw}:${x.level}`);
    if (unknown.length)
      return page(404, `There is no level ${quoteList(unknown)}. Choose from the lists below.`);
    if (a.fw === b.fw && a.level === b.level)
      return page(400, "Both sides are the same level. Choose two different levels.");
    if (a.fw === b.fw) return c.redirect(paths.compareLevels(a.fw, a.level, b.level), 302);
    return c.redirect(paths.compareAcrossLevels(a.fw, a.level, b.fw, b.level), 302);
  });

  // --- two role-levels across frameworks
  const roleLevels = (c: Context<AppEnv>) => {
    const p = (k: string) => c.req.param(k) ?? "";
    const a = { framework: p("fwA"), role: p("roleA"), level: p("levelA") };
    const b = { framework: p("fwB"), role: p("roleB"), level: p("levelB") };
    const data = compareRoleLevelsData(indexes(), a, b, occupationTitles(registry));
    if ("unknown" in data)
      return { error: unknownThing(c, registry, describeUnknown(data.unknown), { unknown: data.unknown }) };
    if (a.framework === b.framework && a.role === b.role && a.level === b.level)
      return { error: badRequest(c, "Both sides are the same role-level. Choose two different ones.") };
    return { data };
  };
  app.get("/api/compare-across/role-levels/:fwA/:roleA/:levelA/:fwB/:roleB/:levelB", (c) => {
    const r = roleLevels(c);
    return r.error ?? c.json(r.data);
  });
  app.get("/compare-across/role-levels/:fwA/:roleA/:levelA/:fwB/:roleB/:levelB/", (c) => {
    const r = roleLevels(c);
    if (r.error) return r.error;
    const data = r.data;
    const links = c.get("links");
    const label = `${data.a.role.name} at ${data.a.level.name} and ${data.b.role.name} at ${data.b.level.name}`;
    return html(
      c,
      <Page
        title={`${label} compared`}
        links={links}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: data.a.framework.name, href: links.to(paths.framework(data.a.framework.id)) },
          {
            label: data.a.role.name,
            href: links.to(paths.role(data.a.framework.id, data.a.role.id, data.a.level.id)),
          },
          { label: `Compared with ${data.b.role.name} at ${data.b.level.name}` },
        ]}
      >
        <CompareRoleLevelsPage data={data} />
      </Page>,
    );
  });

  // --- level equivalence
  app.get("/api/equivalence", (c) => c.json(equivalenceData(indexes())));
  app.get("/equivalence/", (c) => {
    const data = equivalenceData(indexes());
    const links = c.get("links");
    return html(
      c,
      <Page
        title="Level equivalence"
        links={links}
        kind="landscape"
        crumbs={[{ label: "Frameworks", href: links.to(paths.home()) }, { label: "Level equivalence" }]}
      >
        <EquivalencePage data={data} form={<ChooserSection data={data} />} />
      </Page>,
    );
  });

  // --- occupation codes
  app.get("/api/occupations", (c) => c.json(occupationsData(indexes(), registry.occupations)));
  const occupation = (c: Context<AppEnv>) => {
    const scheme = c.req.param("scheme") ?? "";
    const slug = c.req.param("slug") ?? "";
    const all = occupationsData(indexes(), registry.occupations);
    const code = codeForSlug(all, scheme, slug);
    const data =
      code === undefined ? undefined : occupationData(indexes(), registry.occupations, scheme, code);
    if (!data) return { error: unknownThing(c, registry, `${scheme} code "${slug}" mapped to any role`) };
    return { data };
  };
  app.get("/api/occupations/:scheme/:slug", (c) => {
    const r = occupation(c);
    return r.error ?? c.json(r.data);
  });
  app.get("/occupations/", (c) => {
    const data = occupationsData(indexes(), registry.occupations);
    const links = c.get("links");
    return html(
      c,
      <Page
        title="Occupation codes"
        links={links}
        crumbs={[{ label: "Frameworks", href: links.to(paths.home()) }, { label: "Occupation codes" }]}
      >
        <OccupationsPage data={data} />
      </Page>,
    );
  });
  app.get("/occupations/:scheme/:slug/", (c) => {
    const r = occupation(c);
    if (r.error) return r.error;
    const data = r.data;
    const links = c.get("links");
    return html(
      c,
      <Page
        title={`${data.title ?? data.code} · ${data.schemeName}`}
        links={links}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: "Occupation codes", href: links.to(`${paths.occupations()}#scheme-${data.scheme}`) },
          { label: `${data.schemeName} ${data.code}` },
        ]}
      >
        <OccupationPage data={data} />
      </Page>,
    );
  });

  // --- roles by title
  app.get("/api/roles", (c) => {
    const raw = c.req.query("title");
    if (raw === undefined) return c.json({ error: "give a title, e.g. ?title=Backend%20developer" }, 400);
    const title = queryText(raw);
    if (title === undefined)
      return c.json({ error: "title must be at most 200 characters with no control characters" }, 400);
    if (!title) return c.json({ error: "title is empty" }, 400);
    return c.json({ title, matches: rolesByTitle(indexes(), title) });
  });
  app.get("/roles/by-title/", (c) => {
    const links = c.get("links");
    const raw = c.req.query("title");
    const title = raw === undefined ? undefined : queryText(raw);
    const page = (status: 200 | 400 | 404, body: Child) =>
      html(
        c,
        <Page
          title={title ? `Roles called “${title}”` : "Find a role by title"}
          links={links}
          crumbs={[{ label: "Frameworks", href: links.to(paths.home()) }, { label: "Find a role by title" }]}
        >
          {body}
        </Page>,
        status,
      );
    if (raw === undefined)
      return page(
        200,
        <>
          <h1>Find a role by title</h1>
          <p>Type a job title people use; rungs finds the role with that name or alias in every framework.</p>
          <TitleForm />
        </>,
      );
    if (title === undefined || !title)
      return page(
        400,
        <>
          <h1>Find a role by title</h1>
          <p class="notice" role="alert">
            {title === undefined
              ? "The title is too long or has control characters. Type a job title of at most 200 characters."
              : "Type a job title to look for."}
          </p>
          <TitleForm />
        </>,
      );
    const matches = rolesByTitle(indexes(), title);
    const only = matches[0];
    if (matches.length === 1 && only) return c.redirect(paths.role(only.framework.id, only.role.id), 302);
    if (matches.length > 1) return page(200, <TitleMatches title={title} matches={matches} />);
    return page(
      404,
      <>
        <h1>{`No role is called “${title}”`}</h1>
        <p>
          No role of a loaded framework has this name or alias.{" "}
          <a href={links.to(paths.search(title))}>{`Search for “${title}”`}</a> to find it in role summaries,
          levels and expectations.
        </p>
        <TitleForm title={title} />
      </>,
    );
  });
}

function describeUnknown(unknown: string[]): string {
  return unknown
    .map((u) => {
      const parts = u.split("/");
      if (parts.length === 1) return `framework "${u}"`;
      if (parts.length === 2) return `level or role "${parts[1]}" in ${parts[0]}`;
      return `level "${parts[2]}" of role "${parts[1]}" in ${parts[0]}`;
    })
    .join(" and ");
}

/** Site paths of the architecture pages a static build writes (see site-map.ts). */
export function architecturePaths(registry: FrameworkRegistry): string[] {
  const all = frameworkIndexes(registry);
  const out = new Set<string>([paths.equivalence(), paths.occupations()]);
  const occupations = occupationsData(all, registry.occupations);
  for (const s of occupations.schemes)
    for (const code of s.codes) out.add(paths.occupation(s.scheme, code.code));
  // role-level pairs linked from every level's adjacent-roles panel
  for (const [fw, index] of all) {
    for (const role of index.roles.values()) {
      for (const level of spannedLevels(index, role)) {
        const panel = adjacentData(all, fw, role.id, level);
        if (!("adjacent" in panel)) continue;
        for (const a of panel.adjacent)
          out.add(
            paths.compareRoleLevels(fw, role.id, level, a.target.framework, a.target.role, a.target.level),
          );
      }
    }
  }
  // level pairs linked from level pages and from the equivalence table
  for (const [fw, index] of all) {
    for (const level of index.levelOrder)
      for (const cell of equivalentLevels(all, fw, level))
        out.add(paths.compareAcrossLevels(fw, level, cell.framework, cell.level));
  }
  const table = equivalenceData(all);
  for (const row of table.rows)
    for (const [x, y] of rowPairs(table, row))
      out.add(paths.compareAcrossLevels(x.framework, x.level, y.framework, y.level));
  return [...out];
}
