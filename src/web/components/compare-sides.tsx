/**
 * Parts every side-by-side page shows (two levels or two roles, in one framework or across frameworks):
 * the header with its links, a table of facts with one column per side, the skills in three columns (both,
 * only one, only the other), and the occupation codes with how each side matches them.
 */
import type { Child, FC } from "hono/jsx";
import type { ClassificationView } from "../../core/views/role.js";
import { paths } from "../links.js";
import { Md, useLinks } from "./page.js";

/** The title and the links to open either side, swap them, and whatever else the page offers. */
export const CompareHeader: FC<{
  title: string;
  meta?: string;
  actions: { href: string; label: string }[];
}> = ({ title, meta, actions }) => (
  <>
    <h1>{title}</h1>
    {meta ? <p class="meta">{meta}</p> : null}
    <nav class="actions" aria-label="Comparison">
      {actions.map((a) => (
        <a href={a.href}>{a.label}</a>
      ))}
    </nav>
  </>
);

/** Facts of the two sides, a row each: the row's name, then side a's and side b's. */
export const SidesTable: FC<{
  caption: string;
  heads: [Child, Child];
  rows: { name: string; cells: [Child, Child] }[];
  corner?: Child;
}> = ({ caption, heads, rows, corner }) => (
  <div class="table-scroll">
    <table class="cmp-table">
      <caption class="visually-hidden">{caption}</caption>
      <colgroup>
        <col class="cmp-name" />
        <col />
        <col />
      </colgroup>
      <thead>
        <tr>
          {corner === undefined ? <td /> : <th scope="col">{corner}</th>}
          <th scope="col">{heads[0]}</th>
          <th scope="col">{heads[1]}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <th scope="row">{row.name}</th>
            <td>{row.cells[0]}</td>
            <td>{row.cells[1]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** Skills as a list of names with their descriptions (the role page and both role comparisons). */
export const SkillList: FC<{ items: { name: string; description?: string | undefined }[]; class: string }> = (
  props,
) => (
  <dl class={props.class}>
    {props.items.map((s) => (
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
);

/** One of the three skill columns of a comparison. */
export const SkillColumn: FC<{
  id?: string;
  title: string;
  items: { name: string; description?: string | undefined }[];
  empty: string;
}> = ({ id, title, items, empty }) => (
  <section class="cmp-side" id={id} aria-labelledby={id ? `${id}-h` : undefined}>
    <h3 id={id ? `${id}-h` : undefined}>{title}</h3>
    {items.length ? <SkillList items={items} class="cmp-skills" /> : <p class="meta">{empty}</p>}
  </section>
);

/** The occupation codes of two roles: each code once, with how each side matches it (or `missing`). */
export const CodesSideBySide: FC<{
  codes: {
    shared: (ClassificationView & { matchB: string })[];
    onlyA: ClassificationView[];
    onlyB: ClassificationView[];
  };
  a: string;
  b: string;
  caption: string;
  missing: string;
}> = ({ codes, a, b, caption, missing }) => {
  const links = useLinks();
  const rows = [
    ...codes.shared.map((c) => ({
      c,
      ma: c.match as string | undefined,
      mb: c.matchB as string | undefined,
    })),
    ...codes.onlyA.map((c) => ({ c, ma: c.match as string | undefined, mb: undefined })),
    ...codes.onlyB.map((c) => ({ c, ma: undefined, mb: c.match as string | undefined })),
  ];
  return (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Scheme</th>
            <th scope="col">Code</th>
            <th scope="col">Occupation</th>
            <th scope="col">{`${a}: match`}</th>
            <th scope="col">{`${b}: match`}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ c, ma, mb }) => (
            <tr>
              <td>{c.schemeName}</td>
              <td>
                <a href={links.to(paths.occupation(c.scheme, c.code))}>
                  <code>{c.code}</code>
                </a>
              </td>
              <td>{c.title ?? ""}</td>
              <td>{ma ?? missing}</td>
              <td>{mb ?? missing}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

/** How many codes a comparison has to show. */
export const codeCount = (codes: { shared: unknown[]; onlyA: unknown[]; onlyB: unknown[] }) =>
  codes.shared.length + codes.onlyA.length + codes.onlyB.length;
