/**
 * A structural framework diff (src/core/framework-diff.ts) as HTML: the table of changes the "what changed"
 * page shows, and the standalone page `rungs diff --format html` writes (its own styles inline, no assets,
 * no scripts), both from the same parts.
 */
import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import { type ShownChange, shownChanges, shownSubject } from "../../core/diff-fold.js";
import { diffSummary, type FrameworkDiff } from "../../core/framework-diff.js";
import { DiffSide } from "./diff.js";

/**
 * Every change, one row each: what happened, to what kind of thing, which, and the word diff of a
 * rewording; the cells of a removed competency or level counted on its row (core/diff-fold.ts).
 */
export const FrameworkChangesTable: FC<{ diff: FrameworkDiff; before: string; after: string }> = ({
  diff,
  before,
  after,
}) => <ChangesTable changes={shownChanges(diff)} before={before} after={after} />;

const ChangesTable: FC<{ changes: ShownChange[]; before: string; after: string }> = ({
  changes,
  before,
  after,
}) =>
  changes.length === 0 ? (
    <p class="no-changes">No changes.</p>
  ) : (
    <div class="table-scroll">
      <table class="changes-table stack-on-phone">
        <caption>{diffSummary({ changes })}</caption>
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Kind</th>
            <th scope="col">Which</th>
            <th scope="col">Words</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr class={`change-${c.change}`}>
              <td>{c.change}</td>
              <td data-label="Kind">{c.kind}</td>
              <td data-label="Which">
                <code>{shownSubject(c)}</code>
              </td>
              <td data-label="Words">
                {c.words ? (
                  <>
                    <DiffSide parts={c.words} side="a" name={before} />
                    <br />
                    <DiffSide parts={c.words} side="b" name={after} />
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

const STANDALONE_STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.5rem 0}del{background:#fde2e1;color:#8a1c17}ins{background:#dcf5e3;color:#0f5b27;text-decoration:none}
code{font-size:.9em}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media (prefers-color-scheme:dark){body{background:#161618;color:#eee}th,td{border-color:#333}del{background:#5c1f1c;color:#ffd8d5}ins{background:#17432a;color:#d4f7df}}`;

/** The whole page `rungs diff --format html` prints: one file to open, attach or publish. */
export function diffHtmlDocument(diff: FrameworkDiff, before: string, after: string): string {
  const title = `Framework changes: ${before} → ${after}`;
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        <style>{raw(STANDALONE_STYLE)}</style>
      </head>
      <body>
        <h1>{title}</h1>
        <p>
          <del>Struck through</del>: words only in {before}. <ins>Marked</ins>: words only in {after}.
        </p>
        <FrameworkChangesTable diff={diff} before={before} after={after} />
      </body>
    </html>
  );
  return `<!doctype html>\n${page.toString()}\n`;
}
