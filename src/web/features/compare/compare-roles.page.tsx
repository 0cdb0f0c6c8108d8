/** Two roles side by side: responsibilities level by level, skills, titles and classification codes. */

import type { Child, FC } from "hono/jsx";
import type { FrameworkIndex } from "../../../core/model.js";
import { isolated } from "../../../core/text.js";
import type { CompareRolesData } from "../../../core/views/compare.js";
import {
  CodesSideBySide,
  CompareHeader,
  codeCount,
  ListsSideBySide,
  SidesTable,
  SkillColumn,
} from "../../components/compare-sides.js";
import { CompareTable, DiffLegend } from "../../components/diff.js";
import { Md, MdList, Section, useLinks } from "../../components/page.js";
import { RoleChooser } from "../../components/role-chooser.js";
import { paths } from "../../links.js";

type Side = CompareRolesData["a"];

export const CompareRolesPage: FC<{ data: CompareRolesData; index: FrameworkIndex }> = ({ data, index }) => {
  const links = useLinks();
  const fw = data.framework.id;
  const a = data.a.name;
  const b = data.b.name === data.a.name ? `${isolated(data.b.name)} (${data.b.id})` : data.b.name;
  return (
    <article class="cmp-page">
      <CompareHeader
        title={
          <>
            <bdi>{data.a.name}</bdi> compared with <bdi>{data.b.name}</bdi>
          </>
        }
        actions={[
          { href: links.to(paths.role(fw, data.a.id)), label: `Open ${data.a.name}` },
          { href: links.to(paths.role(fw, data.b.id)), label: `Open ${data.b.name}` },
          { href: links.to(paths.compareRoles(fw, data.b.id, data.a.id)), label: "Swap sides" },
        ]}
      />

      <Section id="profiles" title="The two roles">
        <SidesTable
          caption={`${isolated(a)} and ${isolated(b)}: family, code, summary and levels`}
          heads={[
            <a href={links.to(paths.role(fw, data.a.id))}>{a}</a>,
            <a href={links.to(paths.role(fw, data.b.id))}>{b}</a>,
          ]}
          sides={[a, b]}
          rows={profileRows(data, (l) => links.to(paths.level(fw, l)))}
        />
      </Section>

      <Section id="responsibilities" title="Responsibilities by level">
        <SidesTable
          caption={`Responsibilities of ${isolated(a)} and ${isolated(b)} at each level`}
          corner="Level"
          heads={[a, b]}
          sides={[a, b]}
          rows={data.levels.map((row) => {
            const cell = (side: "a" | "b", name: string): Child => {
              const c = row[side];
              if (!c.spans) return `${name} does not span this level.`;
              return c.items.length ? <MdList items={c.items} /> : "No responsibilities listed.";
            };
            return {
              id: `level-${row.level.id}`,
              name: <a href={links.to(paths.level(fw, row.level.id))}>{row.level.title ?? row.level.name}</a>,
              cells: [cell("a", a), cell("b", b)],
              empty: [!row.a.items.length, !row.b.items.length],
            };
          })}
        />
      </Section>

      <OwnExpectations data={data} a={a} b={b} />

      <SkillsAndTitles data={data} a={a} b={b} />

      {codeCount(data.classifications) ? (
        <Section id="classifications" title="Classification codes">
          <CodesSideBySide
            codes={data.classifications}
            a={a}
            b={b}
            caption={`Occupation codes of ${a} and ${b} with how closely each matches`}
            missing="not listed"
          />
        </Section>
      ) : null}

      <Section id="choose" title="Compare other roles">
        <RoleChooser index={index} a={data.a.id} b={data.b.id} />
      </Section>
    </article>
  );
};

/**
 * Where either role has expectations of its own (format 2 `roles:` in a cell): per level, each such cell as
 * each role reads it, with the words, the step and the criteria that differ.
 */
const OwnExpectations: FC<{ data: CompareRolesData; a: string; b: string }> = ({ data, a, b }) => {
  const levels = data.levels.filter((l) => l.own?.length);
  if (!levels.length) return null;
  return (
    <Section id="own-expectations" title="Expectations of their own">
      <p class="meta">
        Where the framework writes for one role (or its family) alone, each cell as each role reads it: the
        shared expectation with the role's own added, or the role's in its place.
      </p>
      <DiffLegend a={a} b={b} />
      {levels.map((l) => (
        <CompareTable
          id={`own-${l.level.id}`}
          caption={l.level.title ?? l.level.name}
          first="Competency"
          rows={(l.own ?? []).map((row) => ({ row }))}
          a={a}
          b={b}
        />
      ))}
    </Section>
  );
};

/** The skills and the other titles both roles have, and those only one has. */
const SkillsAndTitles: FC<{ data: CompareRolesData; a: string; b: string }> = ({ data, a, b }) => (
  <>
    <Section id="skills" title="Skills">
      <div class="cmp-three">
        <SkillColumn
          title={`Both roles (${data.skills.shared.length})`}
          items={data.skills.shared.map((s) => ({ name: s.name, description: s.a ?? s.b }))}
          empty="None."
        />
        <SkillColumn
          title={`Only ${a} (${data.skills.onlyA.length})`}
          items={data.skills.onlyA}
          empty="None."
        />
        <SkillColumn
          title={`Only ${b} (${data.skills.onlyB.length})`}
          items={data.skills.onlyB}
          empty="None."
        />
      </div>
    </Section>
    <Section id="aliases" title="Also known as">
      <ListsSideBySide
        id="aliases"
        class="cmp-three"
        sides={[
          { title: "Both roles", items: data.aliases.shared },
          { title: `Only ${a}`, items: data.aliases.onlyA },
          { title: `Only ${b}`, items: data.aliases.onlyB },
        ]}
        empty="None."
      />
    </Section>
  </>
);

/** The facts of the two roles, a row each. */
function profileRows(data: CompareRolesData, levelHref: (id: string) => string) {
  const both = (cell: (s: Side) => Child): [Child, Child] => [cell(data.a), cell(data.b)];
  const levels = (s: Side) =>
    s.levels.map((l, i) => (
      <>
        {i > 0 ? " → " : ""}
        <a href={levelHref(l.id)}>{l.name}</a>
      </>
    ));
  return [
    { name: "Family", cells: both((s) => s.familyName) },
    { name: "Role code", cells: both((s) => s.code ?? "—") },
    { name: "Summary", cells: both((s) => <Md text={s.summary} />) },
    { name: "Levels", cells: both(levels) },
  ];
}
