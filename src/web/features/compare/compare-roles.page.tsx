/** Two roles side by side: responsibilities level by level, skills, titles and classification codes. */
import type { FC } from "hono/jsx";
import type { FrameworkIndex } from "../../../core/model.js";
import type { CompareRolesData } from "../../../core/views/compare.js";
import { Md, MdList, Section, useLinks } from "../../components/page.js";
import { RoleChooser } from "../../components/role-chooser.js";
import { paths } from "../../links.js";

export const CompareRolesPage: FC<{ data: CompareRolesData; index: FrameworkIndex }> = ({ data, index }) => {
  const links = useLinks();
  const fw = data.framework.id;
  const a = data.a.name;
  const b = data.b.name === data.a.name ? `${data.b.name} (${data.b.id})` : data.b.name;
  const roleLink = (id: string, name: string) => <a href={links.to(paths.role(fw, id))}>{name}</a>;
  const levelList = (side: CompareRolesData["a"]) =>
    side.levels.map((l, i) => (
      <>
        {i > 0 ? " → " : ""}
        <a href={links.to(paths.level(fw, l.id))}>{l.name}</a>
      </>
    ));
  const codes = [
    ...data.classifications.shared.map((c) => ({ c, ma: c.match, mb: c.matchB })),
    ...data.classifications.onlyA.map((c) => ({ c, ma: c.match, mb: undefined })),
    ...data.classifications.onlyB.map((c) => ({ c, ma: undefined, mb: c.match })),
  ];
  return (
    <article class="cmp-page">
      <h1>{`${data.a.name} compared with ${data.b.name}`}</h1>
      <nav class="actions" aria-label="Comparison">
        <a href={links.to(paths.role(fw, data.a.id))}>{`Open ${data.a.name}`}</a>
        <a href={links.to(paths.role(fw, data.b.id))}>{`Open ${data.b.name}`}</a>
        <a href={links.to(paths.compareRoles(fw, data.b.id, data.a.id))}>Swap sides</a>
      </nav>

      <Section id="profiles" title="The two roles">
        <div class="table-scroll">
          <table class="cmp-table">
            <caption class="visually-hidden">{`${a} and ${b}: family, code, summary and levels`}</caption>
            <colgroup>
              <col class="cmp-name" />
              <col />
              <col />
            </colgroup>
            <thead>
              <tr>
                <td />
                <th scope="col">{roleLink(data.a.id, a)}</th>
                <th scope="col">{roleLink(data.b.id, b)}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Family</th>
                <td>{data.a.familyName}</td>
                <td>{data.b.familyName}</td>
              </tr>
              <tr>
                <th scope="row">Role code</th>
                <td>{data.a.code ?? "—"}</td>
                <td>{data.b.code ?? "—"}</td>
              </tr>
              <tr>
                <th scope="row">Summary</th>
                <td>
                  <Md text={data.a.summary} />
                </td>
                <td>
                  <Md text={data.b.summary} />
                </td>
              </tr>
              <tr>
                <th scope="row">Levels</th>
                <td>{levelList(data.a)}</td>
                <td>{levelList(data.b)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="responsibilities" title="Responsibilities by level">
        <div class="table-scroll">
          <table class="cmp-table">
            <caption class="visually-hidden">{`Responsibilities of ${a} and ${b} at each level`}</caption>
            <colgroup>
              <col class="cmp-name" />
              <col />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">{a}</th>
                <th scope="col">{b}</th>
              </tr>
            </thead>
            <tbody>
              {data.levels.map((row) => (
                <tr id={`level-${row.level.id}`}>
                  <th scope="row">
                    <a href={links.to(paths.level(fw, row.level.id))}>{row.level.title ?? row.level.name}</a>
                  </th>
                  {(["a", "b"] as const).map((s) => {
                    const cell = row[s];
                    const name = s === "a" ? a : b;
                    if (!cell.spans) return <td class="cmp-none">{`${name} does not span this level.`}</td>;
                    if (!cell.items.length) return <td class="cmp-none">No responsibilities listed.</td>;
                    return (
                      <td>
                        <MdList items={cell.items} />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="skills" title="Skills">
        <div class="cmp-three">
          <SkillList title={`Both roles (${data.skills.shared.length})`} items={data.skills.shared} />
          <SkillList title={`Only ${a} (${data.skills.onlyA.length})`} items={data.skills.onlyA} />
          <SkillList title={`Only ${b} (${data.skills.onlyB.length})`} items={data.skills.onlyB} />
        </div>
      </Section>

      <Section id="aliases" title="Also known as">
        <div class="cmp-three">
          <NameList title="Both roles" items={data.aliases.shared} />
          <NameList title={`Only ${a}`} items={data.aliases.onlyA} />
          <NameList title={`Only ${b}`} items={data.aliases.onlyB} />
        </div>
      </Section>

      {codes.length ? (
        <Section id="classifications" title="Classification codes">
          {/* a table without links scrolls on a phone: the box itself takes focus so keys can scroll it */}
          <section class="table-scroll" tabindex={0} aria-label="Classification codes">
            <table>
              <caption class="visually-hidden">{`Occupation codes of ${a} and ${b} with how closely each matches`}</caption>
              <thead>
                <tr>
                  <th scope="col">Scheme</th>
                  <th scope="col">Code</th>
                  <th scope="col">Occupation</th>
                  <th scope="col">{`${a} match`}</th>
                  <th scope="col">{`${b} match`}</th>
                </tr>
              </thead>
              <tbody>
                {codes.map(({ c, ma, mb }) => (
                  <tr>
                    <td>{c.schemeName}</td>
                    <td>
                      <code>{c.code}</code>
                    </td>
                    <td>{c.title ?? ""}</td>
                    <td>{ma ?? "not listed"}</td>
                    <td>{mb ?? "not listed"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </Section>
      ) : null}

      <Section id="choose" title="Compare other roles">
        <RoleChooser index={index} a={data.a.id} b={data.b.id} />
      </Section>
    </article>
  );
};

const SkillList: FC<{ title: string; items: { name: string; description?: string; a?: string }[] }> = ({
  title,
  items,
}) => (
  <section class="cmp-side">
    <h3>{title}</h3>
    {items.length ? (
      <dl class="cmp-skills">
        {items.map((s) => (
          <div>
            <dt>{s.name}</dt>
            {(s.description ?? s.a) ? (
              <dd>
                <Md text={s.description ?? s.a} inline />
              </dd>
            ) : null}
          </div>
        ))}
      </dl>
    ) : (
      <p class="meta">None.</p>
    )}
  </section>
);

const NameList: FC<{ title: string; items: string[] }> = ({ title, items }) => (
  <section class="cmp-side">
    <h3>{title}</h3>
    {items.length ? <MdList items={items} /> : <p class="meta">None.</p>}
  </section>
);
