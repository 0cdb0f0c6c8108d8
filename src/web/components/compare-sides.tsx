/**
 * Parts every side-by-side page shows (two levels or two roles, in one framework or across frameworks):
 * the header with its links, a table of facts with one column per side (stacked on a phone, each cell named
 * by its side), two lists side by side, the skills in three columns (both, only one, only the other), and
 * the occupation codes with how each side matches them. The word diff of texts and criteria, and the three
 * ways to read it, are in diff.tsx.
 */
import type { Child, FC } from "hono/jsx";
import { type ClassificationView, matchLabel } from "../../core/views/role.js";
import { paths } from "../links.js";
import { Md, MdList, Section, useLinks } from "./page.js";

/** The title (and a line under it) and the links to open either side, swap them, and whatever else the page offers. */
export const CompareHeader: FC<{
  title: Child;
  meta?: Child;
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

/**
 * Facts of the two sides, a row each: the row's name, then side a's and side b's. `sides` names the two
 * columns where a phone stacks them; a row may carry an id and a class (`cmp-none` for a side with nothing).
 */
export const SidesTable: FC<{
  caption: string;
  heads: [Child, Child];
  sides: [string, string];
  rows: { name: Child; id?: string; cells: [Child, Child]; empty?: [boolean, boolean] }[];
  corner?: Child;
}> = ({ caption, heads, sides, rows, corner }) => (
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
          <tr id={row.id}>
            <th scope="row">{row.name}</th>
            {([0, 1] as const).map((i) => (
              <td data-side={sides[i]} class={row.empty?.[i] ? "cmp-none" : undefined}>
                {row.cells[i]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** Lists side by side (two sides' responsibilities; titles both, one or the other has), each with its title. */
export const ListsSideBySide: FC<{
  id: string;
  sides: { title: Child; items: string[] }[];
  empty: string;
  /** `cmp-three` for three columns; two by default. */
  class?: string;
}> = ({ id, sides, empty, class: layout }) => (
  <div class={layout ?? "cmp-pair"}>
    {sides.map((side, i) => (
      <section class="cmp-side" aria-labelledby={`${id}-${i}-h`}>
        <h3 id={`${id}-${i}-h`}>{side.title}</h3>
        {side.items.length ? <MdList items={side.items} /> : <p class="meta">{empty}</p>}
      </section>
    ))}
  </div>
);

/** The responsibilities of the two sides, side by side; left out where neither lists any unless `always`. */
export const ResponsibilitiesSection: FC<{
  title: string;
  sides: [{ name: string; items: string[] }, { name: string; items: string[] }];
  always?: boolean;
}> = ({ title, sides, always }) =>
  always || sides.some((s) => s.items.length) ? (
    <Section id="responsibilities" title={title}>
      <ListsSideBySide
        id="resp"
        sides={sides.map((s) => ({ title: s.name, items: s.items }))}
        empty="No responsibilities are listed for this level."
      />
    </Section>
  ) : null;

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

/**
 * Classification rows, the one way a mapping between a role and an occupation code is shown (the role page
 * lists its codes, an occupation's page the roles mapped to it): what the row is about in its first columns,
 * then the match type (said to be unstated where the file is silent), the sources it cites, and its note.
 */
export const ClassificationTable: FC<{
  caption: string;
  /** The heads of the first columns, what each row is about (the first is the row's header). */
  heads: string[];
  rows: {
    lead: Child[];
    match: string;
    sources: { href: string; title: string }[];
    note?: string | undefined;
  }[];
}> = ({ caption, heads, rows }) => (
  <div class="table-scroll">
    <table class="classification-table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {[...heads, "Match", "Source", "Note"].map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            {row.lead.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}
            <td class={row.match === "unknown" ? "match-unstated" : undefined}>{matchLabel(row.match)}</td>
            <td>
              {row.sources.length
                ? row.sources.map((s, i) => (
                    <>
                      {i > 0 ? ", " : ""}
                      <a href={s.href}>{s.title}</a>
                    </>
                  ))
                : "not stated"}
            </td>
            <td>{row.note ? <Md text={row.note} inline /> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
