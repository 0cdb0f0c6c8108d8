/** Two role-levels of (possibly) different frameworks side by side (/compare-across/role-levels/…). */

import type { Child, FC } from "hono/jsx";
import { isolated } from "../../../core/text.js";
import type { CompareRoleLevelsData } from "../../../core/views/architecture.js";
import {
  BandLabel,
  DistanceBar,
  DistanceParts,
  HowDistanceWorks,
  RoleLevelCode,
} from "../../components/adjacent-roles.js";
import {
  CodesSideBySide,
  CompareHeader,
  codeCount,
  ResponsibilitiesSection,
  SidesTable,
  SkillColumn,
} from "../../components/compare-sides.js";
import { Md, Section, useLinks } from "../../components/page.js";
import { paths } from "../../links.js";
import { Placement, referenceSentence, sideNames } from "./compare-parts.js";

export const CompareRoleLevelsPage: FC<{ data: CompareRoleLevelsData }> = ({ data }) => {
  const links = useLinks();
  const { a, b } = data;
  const label = (s: CompareRoleLevelsData["a"]) => `${s.role.name} at ${s.level.name}`;
  const [na, nb] = sideNames(label(a), label(b), a.framework.name, b.framework.name);
  const _sides = [a, b];
  return (
    <article class="cmp-page across-page">
      <CompareHeader
        title={
          <>
            <bdi>{na}</bdi> compared with <bdi>{nb}</bdi>
          </>
        }
        actions={[
          { href: links.to(paths.role(a.framework.id, a.role.id, a.level.id)), label: `Open ${na}` },
          { href: links.to(paths.role(b.framework.id, b.role.id, b.level.id)), label: `Open ${nb}` },
          { href: links.to(swapped(data)), label: "Swap sides" },
        ]}
      />

      <DistanceSection data={data} na={na} nb={nb} />

      <Section id="profiles" title="The two role-levels">
        <p class="reference-sentence">
          {referenceSentence(
            data.reference,
            { name: a.level.name, reference: a.reference },
            { name: b.level.name, reference: b.reference },
            data.sameFramework,
          )}
        </p>
        <SidesTable
          caption={`${isolated(na)} and ${isolated(nb)}: framework, family, role, level and codes`}
          sides={[na, nb]}
          heads={[
            <a href={links.to(paths.role(a.framework.id, a.role.id, a.level.id))}>{na}</a>,
            <a href={links.to(paths.role(b.framework.id, b.role.id, b.level.id))}>{nb}</a>,
          ]}
          rows={profileRows([a, b], links)}
        />
      </Section>

      <ResponsibilitiesSection
        title="Responsibilities at these levels"
        sides={[
          { name: na, items: a.responsibilities },
          { name: nb, items: b.responsibilities },
        ]}
        always
      />

      <SkillsSection data={data} nb={nb} />

      <Section id="classifications" title="Classification codes">
        {codeCount(data.classifications) ? (
          <CodesSideBySide
            codes={data.classifications}
            a={a.role.name}
            b={b.role.name === a.role.name ? nb : b.role.name}
            caption={`Occupation codes of ${isolated(a.role.name)} and ${isolated(b.role.name)}`}
            missing="not mapped"
          />
        ) : (
          <p>Neither role has classification codes.</p>
        )}
      </Section>
    </article>
  );
};

/** How far the two role-levels are, part by part, or why they cannot be compared. */
const DistanceSection: FC<{ data: CompareRoleLevelsData; na: string; nb: string }> = ({ data, na, nb }) => (
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
        These two role-levels cannot be compared: their levels are in different frameworks and at least one is
        not placed on the reference scale.
      </p>
    )}
  </Section>
);

/** The skills both role-levels list, and those only one does. */
const SkillsSection: FC<{ data: CompareRoleLevelsData; nb: string }> = ({ data, nb }) => {
  const { a, b } = data;
  return (
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
            title={`Only ${isolated(a.role.name)} (${data.skills.onlyA.length})`}
            items={data.skills.onlyA}
            empty="None."
          />
          <SkillColumn
            id="skills-b"
            title={`Only ${isolated(b.role.name === a.role.name ? nb : b.role.name)} (${data.skills.onlyB.length})`}
            items={data.skills.onlyB}
            empty="None."
          />
        </div>
      ) : (
        <p>Neither role lists skills.</p>
      )}
    </Section>
  );
};

type Side = CompareRoleLevelsData["a"];

/** The same comparison with the sides swapped. */
const swapped = ({ a, b }: CompareRoleLevelsData) =>
  paths.compareRoleLevels(b.framework.id, b.role.id, b.level.id, a.framework.id, a.role.id, a.level.id);

/** The facts of the two role-levels, a row each. */
function profileRows(sides: [Side, Side], links: ReturnType<typeof useLinks>) {
  const both = (cell: (s: Side) => Child): [Child, Child] => [cell(sides[0]), cell(sides[1])];
  return [
    {
      name: "Framework",
      cells: both((s) => <a href={links.to(paths.framework(s.framework.id))}>{s.framework.name}</a>),
    },
    {
      name: "Family",
      cells: both(
        (s) => `${s.family.parent ? `${isolated(s.family.parent.name)} › ` : ""}${isolated(s.family.name)}`,
      ),
    },
    {
      name: "Role",
      cells: both((s) => (
        <>
          <a href={links.to(paths.role(s.framework.id, s.role.id))}>{s.role.name}</a>
          {s.role.code ? (
            <>
              {" "}
              <code>{s.role.code}</code>
            </>
          ) : null}
        </>
      )),
    },
    {
      name: "Level",
      cells: both((s) => (
        <>
          <a href={links.to(paths.level(s.framework.id, s.level.id))}>{s.level.title ?? s.level.name}</a>
          {s.level.label !== s.level.name ? ` (${s.level.label})` : ""}
        </>
      )),
    },
    { name: "Role-level code", cells: both((s) => <RoleLevelCode code={s.code} />) },
    { name: "Reference scale", cells: both((s) => <Placement reference={s.reference} />) },
    { name: "Summary", cells: both((s) => (s.role.summary ? <Md text={s.role.summary} /> : "—")) },
  ];
}
