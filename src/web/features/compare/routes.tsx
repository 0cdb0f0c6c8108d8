/**
 * Comparing two levels (word-level diff per competency and dimension) and two roles, the choosers that lead
 * there, and their JSON. The choosers are GET forms: the server redirects ?a=&b= to the path form; in a static
 * site the compare-form island builds the path in the browser.
 */
import type { Context } from "hono";
import type { FC } from "hono/jsx";
import type { FrameworkIndex } from "../../../core/model.js";
import {
  type CompareLevelsData,
  type CompareRolesData,
  type CompareRow,
  compareLevelsData,
  compareRolesData,
} from "../../../core/views/compare.js";
import { levelsByTrack } from "../../../core/views/level.js";
import { DiffCell, DiffLegend } from "../../components/diff.js";
import { html } from "../../components/html.js";
import { occupationTitles } from "../../components/occupation-titles.js";
import { Md, MdList, Page, Section, useLinks } from "../../components/page.js";
import { RoleChooser } from "../../components/role-chooser.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { frameworkOr } from "../../middleware/framework.js";

const one = (value: string | undefined) => (value ?? "").trim();

export function compareRoutes(app: App, { registry }: RouteDeps): void {
  app.get("/api/frameworks/:fw/compare/:a/:b", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const data = compareLevelsData(found.index, c.req.param("a"), c.req.param("b"));
    if ("unknown" in data)
      return c.json(
        { error: `no level ${data.unknown.map((id) => `"${id}"`).join(" or ")}`, unknown: data.unknown },
        404,
      );
    return c.json(data);
  });

  app.get("/api/frameworks/:fw/compare-roles/:a/:b", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const data = compareRolesData(
      found.index,
      c.req.param("a"),
      c.req.param("b"),
      occupationTitles(registry),
    );
    if ("unknown" in data)
      return c.json(
        { error: `no role ${data.unknown.map((id) => `"${id}"`).join(" or ")}`, unknown: data.unknown },
        404,
      );
    return c.json(data);
  });

  // The level chooser: ?a=&b= redirects to the comparison, no query shows the form.
  app.get("/frameworks/:fw/compare/", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const { index } = found;
    const a = one(c.req.query("a"));
    const b = one(c.req.query("b"));
    const asked = c.req.query("a") !== undefined || c.req.query("b") !== undefined;
    if (!asked) return chooserPage(c, index, "levels", 200, {});
    if (!a || !b)
      return chooserPage(c, index, "levels", 400, { a, b, message: "Choose two levels to compare." });
    const unknown = [a, b].filter((id) => !index.levels.has(id));
    if (unknown.length)
      return chooserPage(c, index, "levels", 404, { a, b, message: unknownMessage("level", unknown, index) });
    if (a === b)
      return chooserPage(c, index, "levels", 400, { a, b, message: sameMessage("level", a, index) });
    return c.redirect(paths.compareLevels(index.framework.id, a, b), 302);
  });

  app.get("/frameworks/:fw/compare/:a/:b/", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const { index } = found;
    const a = c.req.param("a");
    const b = c.req.param("b");
    const data = compareLevelsData(index, a, b);
    if ("unknown" in data)
      return chooserPage(c, index, "levels", 404, {
        a,
        b,
        message: unknownMessage("level", data.unknown, index),
      });
    if (a === b)
      return chooserPage(c, index, "levels", 400, { a, b, message: sameMessage("level", a, index) });
    const links = c.get("links");
    return html(
      c,
      <Page
        title={`${data.a.name} and ${data.b.name} compared · ${data.framework.name}`}
        links={links}
        scripts={["compare-form.js"]}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: data.framework.name, href: links.to(paths.framework(data.framework.id)) },
          { label: "Compare levels", href: links.to(paths.compare(data.framework.id)) },
          { label: `${data.a.name} and ${data.b.name}` },
        ]}
      >
        <CompareLevelsPage data={data} index={index} />
      </Page>,
      200,
    );
  });

  // The role chooser, like the level chooser.
  app.get("/frameworks/:fw/compare-roles/", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const { index } = found;
    if (index.roles.size === 0)
      return chooserPage(c, index, "roles", 404, { message: "This framework has no roles." });
    const a = one(c.req.query("a"));
    const b = one(c.req.query("b"));
    const asked = c.req.query("a") !== undefined || c.req.query("b") !== undefined;
    if (!asked) return chooserPage(c, index, "roles", 200, {});
    if (!a || !b)
      return chooserPage(c, index, "roles", 400, { a, b, message: "Choose two roles to compare." });
    const unknown = [a, b].filter((id) => !index.roles.has(id));
    if (unknown.length)
      return chooserPage(c, index, "roles", 404, { a, b, message: unknownMessage("role", unknown, index) });
    if (a === b) return chooserPage(c, index, "roles", 400, { a, b, message: sameMessage("role", a, index) });
    return c.redirect(paths.compareRoles(index.framework.id, a, b), 302);
  });

  app.get("/frameworks/:fw/compare-roles/:a/:b/", (c) => {
    const found = frameworkOr(c, registry);
    if (found instanceof Response) return found;
    const { index } = found;
    const a = c.req.param("a");
    const b = c.req.param("b");
    const data = compareRolesData(index, a, b, occupationTitles(registry));
    if ("unknown" in data)
      return chooserPage(c, index, "roles", 404, {
        a,
        b,
        message: unknownMessage("role", data.unknown, index),
      });
    if (a === b) return chooserPage(c, index, "roles", 400, { a, b, message: sameMessage("role", a, index) });
    const links = c.get("links");
    return html(
      c,
      <Page
        title={`${data.a.name} and ${data.b.name} compared · ${data.framework.name}`}
        links={links}
        scripts={["compare-form.js"]}
        crumbs={[
          { label: "Frameworks", href: links.to(paths.home()) },
          { label: data.framework.name, href: links.to(paths.framework(data.framework.id)) },
          { label: "Compare roles", href: links.to(paths.compareRolesChooser(data.framework.id)) },
          { label: `${data.a.name} and ${data.b.name}` },
        ]}
      >
        <CompareRolesPage data={data} index={index} />
      </Page>,
      200,
    );
  });
}

function sameMessage(kind: "level" | "role", id: string, index: FrameworkIndex): string {
  const name = kind === "level" ? index.levels.get(id)?.name : index.roles.get(id)?.name;
  return `Both sides are ${name ?? id}. Choose two different ${kind}s to compare.`;
}

function unknownMessage(kind: "level" | "role", ids: string[], index: FrameworkIndex): string {
  const list = ids.map((id) => `"${id}"`).join(" or ");
  return `There is no ${kind} ${list} in ${index.framework.name}. Choose from the lists below.`;
}

/** The chooser on its own page (also the answer to a bad or unknown choice, with the message on top). */
function chooserPage(
  c: Context<AppEnv>,
  index: FrameworkIndex,
  kind: "levels" | "roles",
  status: 200 | 400 | 404,
  state: { a?: string; b?: string; message?: string },
): Response {
  const links = c.get("links");
  const fw = index.framework;
  const title = kind === "levels" ? "Compare two levels" : "Compare two roles";
  return html(
    c,
    <Page
      title={`${title} · ${fw.name}`}
      links={links}
      scripts={["compare-form.js"]}
      crumbs={[
        { label: "Frameworks", href: links.to(paths.home()) },
        { label: fw.name, href: links.to(paths.framework(fw.id)) },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      {state.message ? (
        <p class="notice" role="alert">
          {state.message}
        </p>
      ) : (
        <p>
          {kind === "levels"
            ? "Pick two levels to see them side by side, competency by competency, with the words that change from one to the other marked."
            : "Pick two roles to see their responsibilities level by level, their skills, titles and classification codes side by side."}
        </p>
      )}
      {kind === "levels" ? (
        <LevelChooser index={index} a={state.a} b={state.b} />
      ) : index.roles.size ? (
        <RoleChooser index={index} a={state.a} b={state.b} />
      ) : null}
      <p>
        <a href={links.to(paths.framework(fw.id))}>{`Back to ${fw.name}`}</a>
      </p>
    </Page>,
    status,
  );
}

/** The GET form choosing two levels; `compare-form.js` turns its submit into the path form of the URL. */
const LevelChooser: FC<{ index: FrameworkIndex; a?: string | undefined; b?: string | undefined }> = ({
  index,
  a,
  b,
}) => {
  const links = useLinks();
  const fw = index.framework.id;
  const groups = levelsByTrack(index);
  const order = index.levelOrder;
  const first = a && index.levels.has(a) ? a : order[0];
  const second = b && index.levels.has(b) ? b : ((index.successors.get(first ?? "") ?? [])[0] ?? order[1]);
  const select = (name: "a" | "b", label: string, chosen: string | undefined) => (
    <div class="field">
      <label for={`compare-${name}`}>{label}</label>
      <select id={`compare-${name}`} name={name} required>
        {groups.map((g) => (
          <optgroup label={g.track.name}>
            {g.levels.map((l) => (
              <option value={l.id} selected={l.id === chosen}>
                {l.label === l.name ? l.name : `${l.label} · ${l.name}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
  return (
    <form
      class="compare-chooser"
      method="get"
      action={links.to(paths.compare(fw))}
      data-compare-pattern={links.to(paths.compareLevels(fw, "{a}", "{b}"))}
    >
      {select("a", "First level", first)}
      {select("b", "Second level", second)}
      <button type="submit">Compare</button>
    </form>
  );
};

/** One side of a diff: same text plain, the other side's changes left out, this side's own marked. */

const CompareTable: FC<{
  id: string;
  caption: string;
  rows: { row: CompareRow; href?: string }[];
  a: string;
  b: string;
  first: string;
}> = ({ id, caption, rows, a, b, first }) => (
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
        {rows.map(({ row, href }) => (
          <tr id={`${id}-${row.id}`}>
            <th scope="row">{href ? <a href={href}>{row.name}</a> : row.name}</th>
            <DiffCell row={row} side="a" name={a} />
            <DiffCell row={row} side="b" name={b} />
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const CompareLevelsPage: FC<{ data: CompareLevelsData; index: FrameworkIndex }> = ({ data, index }) => {
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
                  href: links.to(`${paths.matrix(fw)}#row-${row.id}`),
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

const CompareRolesPage: FC<{ data: CompareRolesData; index: FrameworkIndex }> = ({ data, index }) => {
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
          <div class="table-scroll">
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
          </div>
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
