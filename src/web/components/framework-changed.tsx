/**
 * The notice on a person's pages when the framework changed since their last assessment: the changes at
 * their level and the next (core/level-changes.ts), and a link to the whole "what changed" page. Nothing
 * when nothing changed there. The page that shows it computes the diff between the assessed version and the
 * current one.
 */
import type { FC } from "hono/jsx";
import { changeSubject, type FrameworkDiff } from "../../core/framework-diff.js";
import { changesAtLevels } from "../../core/level-changes.js";
import { type Links, paths } from "../links.js";

/** How many changes the notice lists before pointing to the whole page. */
const SHOWN = 10;

export const FrameworkChangedNotice: FC<{
  framework: string;
  diff: FrameworkDiff;
  /** The person's level and the next ones, by id and name. */
  levels: readonly { id: string; name: string }[];
  /** The version last assessed on, as people know it (e.g. "2026.1"). */
  since: string;
  /** Whose assessment: the person's name when someone else (their manager, an admin) is looking; else "your". */
  whose?: string | undefined;
  links: Links;
}> = ({ framework, diff, levels, since, whose, links }) => {
  const changes = changesAtLevels(
    diff,
    levels.map((l) => l.id),
  );
  if (changes.length === 0) return null;
  return (
    <aside class="notice framework-changed" aria-labelledby="framework-changed-h">
      <h2 id="framework-changed-h">
        {whose === undefined
          ? "The framework changed since your last assessment"
          : `The framework changed since the last assessment of ${whose}`}
      </h2>
      <p>
        {"Changes at "}
        {levels.map((l, i) => (
          <>
            {i === 0 ? "" : i === levels.length - 1 ? " and " : ", "}
            <bdi>{l.name}</bdi> <code>{l.id}</code>
          </>
        ))}
        {` since ${since}:`}
      </p>
      <ul>
        {changes.slice(0, SHOWN).map((c) => (
          <li>
            {`${c.change} ${c.kind} `}
            <code>{changeSubject(c)}</code>
          </li>
        ))}
      </ul>
      {changes.length > SHOWN ? <p>{`and ${changes.length - SHOWN} more.`}</p> : null}
      <p>
        <a href={links.to(paths.changes(framework))}>Everything that changed</a>
      </p>
    </aside>
  );
};
