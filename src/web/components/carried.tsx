/**
 * The mark on a value carried from an earlier framework version (services/carried-picks.ts): the word
 * "carried" on screen, where it came from on hover, and the same words in full for a screen reader.
 */
import type { FC } from "hono/jsx";
import { type CarriedMark, carriedText } from "../../services/carried-picks.js";

export const CarriedTag: FC<{ mark: CarriedMark | undefined }> = ({ mark }) =>
  mark ? (
    <span class="carried-mark" title={carriedText(mark)}>
      <span aria-hidden="true">carried</span>
      <span class="visually-hidden">{` (${carriedText(mark)})`}</span>
    </span>
  ) : null;

/** Says that an assessment is read on a later version than it was made on, and what could not come along. */
export const CarriedNote: FC<{
  from: string;
  now: string;
  dropped: readonly { competency: string; name: string; note: string }[];
}> = ({ from, now, dropped }) => (
  <div class="notice carried-note">
    <p>
      {`Made on version ${from}, shown on the current version ${now}. Values marked `}
      <span class="carried-mark">carried</span>
      {" were picked under another competency or level and follow the framework's migration map."}
    </p>
    {dropped.length ? (
      <p>
        {"Not carried: "}
        {dropped.map((d, i) => (
          <>
            {i ? "; " : ""}
            <bdi>{d.name}</bdi>
            {` (${d.note})`}
          </>
        ))}
        .
      </p>
    ) : null}
  </div>
);
