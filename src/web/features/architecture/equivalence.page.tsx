/** The level equivalence table across every loaded framework (/equivalence/), and its chooser. */

import type { Child, FC } from "hono/jsx";
import type { EquivalenceCell } from "../../../core/equivalence.js";
import { isolated } from "../../../core/text.js";
import type { EquivalenceData } from "../../../core/views/architecture.js";
import { Section, useLinks } from "../../components/page.js";
import { paths } from "../../links.js";

/** Pairs of levels of different frameworks that share a row, as the table links them (at most a few a row). */
export const ROW_PAIRS = 4;
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

export const MatchLabel: FC<{ cell: EquivalenceCell }> = ({ cell }) => (
  <span class={`match match-${cell.match}`}>{`${cell.match} match`}</span>
);

export const EquivalencePage: FC<{ data: EquivalenceData; form: Child }> = ({ data, form }) => {
  const links = useLinks();
  const several = data.frameworks.length > 1;
  const placed = data.rows.some((row) => Object.values(row.cells).some((cells) => cells.length));
  return (
    <article class="equivalence-page">
      <h1>Level equivalence</h1>
      <p>
        Each framework places its levels on the rungs reference scale, twelve steps from entry to chief
        officer, so a level of one framework can be read against the levels of another. A level that spans
        several steps appears on each of them.
      </p>
      {placed ? (
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
              {data.rows.map((row) => (
                <EquivalenceRow data={data} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>
          No level is placed on the reference scale yet. Give a level a reference step (its{" "}
          <code>reference</code>, in the framework format: docs/format.md, 3.16) to line it up here with the
          levels of other frameworks.
        </p>
      )}

      <Unplaced data={data} />

      {form}
    </article>
  );
};

type Row = EquivalenceData["rows"][number];

/** One step of the reference scale: each framework's levels on it, and links comparing pairs of them. */
const EquivalenceRow: FC<{ data: EquivalenceData; row: Row }> = ({ data, row }) => {
  const links = useLinks();
  const several = data.frameworks.length > 1;
  const pairs = several ? rowPairs(data, row) : [];
  const names = new Map(data.frameworks.map((f) => [f.id, f.name]));
  return (
    <tr id={`step-${row.rank}`}>
      <th scope="row">
        <span class="step-rank">{row.rank}</span> <span class="step-name">{row.name}</span>
        <span class="step-description">{row.description}</span>
      </th>
      {data.frameworks.map((f) => (
        <td id={`step-${row.rank}-${f.id}`}>
          <StepLevels framework={f.id} cells={row.cells[f.id] ?? []} />
        </td>
      ))}
      {several ? (
        <td class="eq-compare">
          {pairs.length ? (
            <ul class="eq-pairs">
              {pairs.map(([x, y]) => (
                <li>
                  <a href={links.to(paths.compareAcrossLevels(x.framework, x.level, y.framework, y.level))}>
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
};

/** A framework's levels on one step, each with its match and the steps it spans; a dash when none. */
const StepLevels: FC<{ framework: string; cells: EquivalenceCell[] }> = ({ framework, cells }) => {
  const links = useLinks();
  if (!cells.length)
    return (
      <span class="eq-empty">
        <span aria-hidden="true">—</span>
        <span class="visually-hidden">none</span>
      </span>
    );
  return (
    <ul class="eq-cell">
      {cells.map((cell) => (
        <li>
          <a href={links.to(paths.level(framework, cell.level))}>
            {cell.code ? (
              <>
                <span class="eq-code">{cell.code}</span> {cell.levelName}
              </>
            ) : (
              cell.levelName
            )}
          </a>{" "}
          <MatchLabel cell={cell} />
          {cell.from !== cell.to ? <span class="eq-span">{` (steps ${cell.from}–${cell.to})`}</span> : null}
        </li>
      ))}
    </ul>
  );
};

/** The levels with no step on the reference scale, by framework. */
const Unplaced: FC<{ data: EquivalenceData }> = ({ data }) => {
  const links = useLinks();
  if (!data.unplaced.length) return null;
  return (
    <Section id="unplaced" title="Levels not placed on the scale">
      <p>These levels have no reference step yet, so they are on no step of the scale.</p>
      {data.unplaced.map((u) => (
        <div class="unplaced" id={`unplaced-${u.framework.id}`}>
          <h3>{u.framework.name}</h3>
          <ul class="inline-list">
            {u.levels.map((l) => (
              <li>
                <a href={links.to(paths.level(u.framework.id, l.id))}>
                  {l.label === l.name ? (
                    l.name
                  ) : (
                    <>
                      <bdi>{l.label}</bdi> · <bdi>{l.name}</bdi>
                    </>
                  )}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Section>
  );
};

/** The chooser of two levels of any frameworks (server only: a static site has only the linked pairs). */
export const AcrossChooser: FC<{ data: EquivalenceData; a?: string | undefined; b?: string | undefined }> = ({
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
                {l.label === l.name ? l.name : `${isolated(l.label)} · ${isolated(l.name)}`}
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

export const ChooserSection: FC<{ data: EquivalenceData; a?: string | undefined; b?: string | undefined }> = (
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
