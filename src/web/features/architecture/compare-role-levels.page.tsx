/** Two role-levels of (possibly) different frameworks side by side (/compare-across/role-levels/…). */
import type { FC } from "hono/jsx";
import type { CompareRoleLevelsData } from "../../../core/views/architecture.js";
import {
  BandLabel,
  DistanceBar,
  DistanceParts,
  HowDistanceWorks,
  RoleLevelCode,
} from "../../components/adjacent-roles.js";
import { Md, MdList, Section, useLinks } from "../../components/page.js";
import { paths } from "../../links.js";
import { Placement, referenceSentence, sideNames } from "./compare-parts.js";

export const CompareRoleLevelsPage: FC<{ data: CompareRoleLevelsData }> = ({ data }) => {
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

export const SkillColumn: FC<{
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
