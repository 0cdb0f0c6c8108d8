/** The mirror on the matrix pages: pick, per competency, the level that describes you; an island does the rest. */
import type { FC } from "hono/jsx";
import type { MatrixLevel } from "../../../core/views/matrix.js";
import { useLinks } from "../../components/page.js";
import { paths } from "../../links.js";

/** How a level is named in a column head or a select: its code and name. */
export function levelLabel(l: { code?: string; name: string }): string {
  return l.code && l.code !== l.name ? `${l.code} ${l.name}` : l.name;
}

export const MirrorIntro: FC = () => (
  <p class="mirror-intro" hidden data-mirror-intro>
    <strong>Mirror:</strong> for each competency, pick the cell that honestly describes you today (Tab to a
    row, arrow keys to move, Space to pick). Where a competency has a scale, pick your step in its header;
    where its cells are lists of criteria, tick each one you have shown: a level counts as reached when all
    its criteria are ticked. A line joins your places and the summary below the table shows where to push
    next. It is a mirror, not a scorecard: your picks live only in this page's link and are never sent
    anywhere.
  </p>
);

/**
 * The mirror's summary and controls, filled in by the island. The link to personal goals carries the picks
 * and the role the matrix is shown for in its query, which only a server can read: a static site leaves it out.
 */
export const MirrorPanel: FC<{ fw: string; levels: MatrixLevel[]; role?: string | undefined }> = ({
  fw,
  levels,
  role,
}) => {
  const links = useLinks();
  return (
    <section id="mirror" class="mirror" hidden data-mirror-panel aria-labelledby="mirror-h">
      <h2 id="mirror-h">Your mirror</h2>
      <div class="mirror-controls no-print">
        <label for="mirror-target">Target level</label>
        <select id="mirror-target" data-mirror-target>
          <option value="">No target until you pick</option>
          {levels.map((l) => (
            <option value={l.id}>{levelLabel(l)}</option>
          ))}
        </select>
        <button type="button" data-mirror-copy>
          Copy link
        </button>
        <button type="button" class="secondary" data-mirror-clear>
          Clear
        </button>
        <span class="mirror-status" role="status" data-mirror-status></span>
      </div>
      <div id="mirror-summary" class="mirror-summary" aria-live="polite" data-mirror-summary></div>
      {links.staticSite ? null : (
        <p class="mirror-goals no-print">
          <a
            class="button secondary"
            href={links.to(paths.personalGoals(fw, undefined, undefined, role))}
            data-mirror-goals={fw}
            data-mirror-role={role}
          >
            Turn these gaps into goals
          </a>
        </p>
      )}
    </section>
  );
};
