/** The ladder drawn from the level graph: each level a link showing its code, name and unit of leverage. */

import type { FC } from "hono/jsx";
import { isolated } from "../../core/text.js";
import type { OverviewData } from "../../core/views/overview.js";
import { paths } from "../links.js";
import { useLinks } from "./page.js";

/** How the drawing labels a level's format 2 markers (above the level's box). */
const MARKERS = { fork: "fork point", top: "top" } as const;
const markerText = (markers: readonly ("fork" | "top")[] | undefined) =>
  markers?.length ? `; ${markers.map((m) => MARKERS[m]).join(", ")}` : "";

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A level's name in the box: one line of NAME_CHARS, or, where the level has no unit of leverage to show on
 * the second line, two, broken at the last space that fits. Names that differ only at their end ("Senior
 * Engineer 2 (Individual Contributor)", "… (People Manager)") then stay told apart.
 */
const NAME_CHARS = 26;
function nameLines(name: string, twoLines: boolean): [string, string] {
  if (name.length <= NAME_CHARS || !twoLines) return [clip(name, NAME_CHARS), ""];
  const cut = name.lastIndexOf(" ", NAME_CHARS);
  if (cut <= 0) return [clip(name, NAME_CHARS), ""];
  return [name.slice(0, cut), clip(name.slice(cut + 1), NAME_CHARS)];
}

/**
 * A line drawn condensed to `room` where a wide sans would run it past the box's edges (Chromium's DejaVu on
 * Linux: about 8.6 px a character of the 14 px bold name, 6.3 of the 11.5 px unit of leverage); a line that
 * fits is left as the font draws it.
 */
const squeeze = (text: string, perChar: number, room: number) =>
  text.length * perChar > room ? { textLength: room, lengthAdjust: "spacingAndGlyphs" } : {};
const NAME_PX = 8.6;
const LEVERAGE_PX = 6.3;

export const Ladder: FC<{ data: OverviewData }> = ({ data }) => {
  const links = useLinks();
  const { ladder } = data;
  const byId = new Map(data.levels.map((l) => [l.id, l]));
  const node = new Map(ladder.nodes.map((n) => [n.id, n]));
  const w = ladder.nodeWidth;
  const h = ladder.nodeHeight;
  const trackName = new Map(data.tracks.map((t) => [t.id, t.name]));
  const trackKind = new Map(data.tracks.map((t) => [t.id, t.kind ?? "other"]));
  return (
    <figure class="ladder">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing of links; a fieldset cannot hold SVG */}
      <svg
        viewBox={`0 0 ${ladder.width} ${ladder.height}`}
        width={ladder.width}
        height={ladder.height}
        aria-labelledby="ladder-title"
        role="group"
      >
        <title id="ladder-title">{`The ladder of ${isolated(data.name)}: ${data.levels.length} levels on ${data.tracks.length} tracks`}</title>
        <g class="edges">
          {ladder.edges.map((e) => {
            const a = node.get(e.from);
            const b = node.get(e.to);
            if (!a || !b) return null;
            const y1 = a.y - h / 2;
            const y2 = b.y + h / 2;
            const mid = (y1 + y2) / 2;
            return (
              <path
                class={e.crossTrack ? "edge cross" : "edge"}
                d={`M${a.x},${y1} C${a.x},${mid} ${b.x},${mid} ${b.x},${y2}`}
              />
            );
          })}
        </g>
        {ladder.nodes.map((n) => {
          const level = byId.get(n.id);
          if (!level) return null;
          const code = Object.values(level.codes)[0];
          const [name, more] = nameLines(level.name, !level.leverage);
          const second = more || clip(level.leverage ?? "", 32);
          const room = w - 16;
          return (
            <a href={links.to(paths.level(data.id, n.id))} class={`node kind-${trackKind.get(n.track)}`}>
              {/* the hover text: the full name and unit of leverage, which the box may cut short */}
              <title>{`${level.name}${level.leverage ? `\n${level.leverage}` : ""}`}</title>
              <desc>{`${isolated(level.title ?? level.name)}, ${isolated(trackName.get(n.track) ?? n.track)}${level.leverage ? `; unit of leverage: ${level.leverage}` : ""}${markerText(level.markers)}`}</desc>
              <rect x={n.x - w / 2} y={n.y - h / 2} width={w} height={h} rx="8" />
              <text x={n.x} y={n.y - 12} class="code">
                {code ?? ""}
              </text>
              <text x={n.x} y={n.y + 5} class="name" {...squeeze(name, NAME_PX, room)}>
                {name}
              </text>
              <text
                x={n.x}
                y={n.y + 21}
                class={more ? "name" : "leverage"}
                {...squeeze(second, more ? NAME_PX : LEVERAGE_PX, room)}
              >
                {second}
              </text>
              {level.markers?.length ? (
                <text x={n.x + w / 2 - 6} y={n.y - h / 2 - 4} class="marker" text-anchor="end">
                  {level.markers.map((m) => MARKERS[m]).join(" · ")}
                </text>
              ) : null}
            </a>
          );
        })}
      </svg>
      <figcaption>
        {data.tracks.map((t) => (
          <span class={`legend kind-${t.kind ?? "other"}`}>{t.name}</span>
        ))}
      </figcaption>
    </figure>
  );
};
