/**
 * Where content comes from, on every page that cites sources (level, area, competency, role, framework):
 * a short "Sources:" line beside the content, and the full list with each source's review scores and
 * whether they pass (the lowest score decides).
 */
import type { FC } from "hono/jsx";
import { isSafeUrl } from "../../core/safe-url.js";
import type { SourceView } from "../../core/views/sources.js";
import { Md } from "./page.js";

const SourceTitle: FC<{ source: SourceView }> = ({ source: s }) =>
  s.url && isSafeUrl(s.url) ? (
    <a href={s.url} rel="noopener noreferrer">
      {s.title}
    </a>
  ) : (
    <cite>{s.title}</cite>
  );

/** "Sources: A, B" in one line, for a level, an area or a competency. */
export const SourceLine: FC<{ sources: SourceView[] | undefined }> = ({ sources }) =>
  sources?.length ? (
    <p class="source-line meta">
      {sources.length === 1 ? "Source: " : "Sources: "}
      {sources.map((s, i) => (
        <>
          {i > 0 ? ", " : ""}
          <SourceTitle source={s} />
        </>
      ))}
    </p>
  ) : null;

/** The pass rule in words: every score must reach the pass mark, so the lowest one decides. */
function passRule(review: NonNullable<SourceView["review"]>): string {
  const lowest = Math.min(...review.scores.map((x) => x.score));
  if (review.passMark === undefined) return `Lowest score ${lowest}; no pass mark is set.`;
  const verdict = review.passes ? "passes" : "does not pass";
  return `Passes at ≥ ${review.passMark} on the lowest score: lowest ${lowest}, ${verdict}.`;
}

const Review: FC<{ review: NonNullable<SourceView["review"]> }> = ({ review }) => (
  <div class={review.passes ? "review passes" : "review fails"}>
    <p>
      <span>Review scores (1–5): </span>
      {review.scores.map((x, i) => (
        <>
          {i > 0 ? ", " : ""}
          <span class={x.passes ? "score" : "score below"}>
            {`${x.criterion} ${x.score}`}
            {x.passes ? "" : " (below the pass mark)"}
          </span>
        </>
      ))}
      {review.reviewer ? `; reviewed by ${review.reviewer}` : ""}
      {review.date ? ` on ${review.date}` : ""}
    </p>
    {review.scores.length ? <p class="pass-rule">{passRule(review)}</p> : null}
  </div>
);

/** Every source with its publisher, note and review. */
export const SourceList: FC<{ sources: SourceView[] }> = ({ sources }) => (
  <ul class="role-sources source-list">
    {sources.map((s) => (
      <li id={`source-${s.id}`}>
        <SourceTitle source={s} />
        {s.publisher || s.date ? (
          <span class="meta">{` · ${[s.publisher, s.date].filter(Boolean).join(", ")}`}</span>
        ) : null}
        {s.note ? (
          <div class="meta">
            <Md text={s.note} inline />
          </div>
        ) : null}
        {s.review ? <Review review={s.review} /> : null}
      </li>
    ))}
  </ul>
);

/** Documents about an area, e.g. a stage's process documents (format 2 `documents`). */
export const Documents: FC<{ documents: { title: string; url?: string; note?: string }[] | undefined }> = ({
  documents,
}) =>
  documents?.length ? (
    <div class="area-documents">
      <p class="documents-label">{documents.length === 1 ? "Document" : "Documents"}</p>
      <ul>
        {documents.map((d) => (
          <li>
            {d.url && isSafeUrl(d.url) ? (
              <a href={d.url} rel="noopener noreferrer">
                {d.title}
              </a>
            ) : (
              <cite>{d.title}</cite>
            )}
            {d.note ? (
              <span class="meta">
                {" — "}
                <Md text={d.note} inline />
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  ) : null;
