/** The mirror's jagged line: through the placed cells' anchors, in reading order, in table coordinates. */
import type { MirrorPage } from "./page.js";

const SVG = "http://www.w3.org/2000/svg";

/** Adds the (decorative) SVG beside the table; returns the function that redraws it for the given places. */
export function mirrorLine(
  page: MirrorPage,
  scroll: HTMLElement,
): (placed: ReadonlyMap<string, string>) => void {
  const { table } = page;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "mirror-line");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  scroll.append(svg);
  return (placed) => {
    const box = table.getBoundingClientRect();
    const width = table.offsetWidth;
    const height = table.offsetHeight;
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.style.left = `${table.offsetLeft}px`;
    svg.style.top = `${table.offsetTop}px`;
    const points: [number, number][] = [];
    for (const head of page.heads) {
      const id = head.dataset.competencyHead ?? "";
      const level = placed.get(id);
      const anchor = level ? page.cell(id, level)?.querySelector("[data-mirror-anchor]") : undefined;
      if (!anchor) continue;
      const r = anchor.getBoundingClientRect();
      points.push([
        Math.round((r.left + r.width / 2 - box.left) * 10) / 10,
        Math.round((r.top + r.height / 2 - box.top) * 10) / 10,
      ]);
    }
    const children: SVGElement[] = [];
    if (points.length > 1) {
      const line = document.createElementNS(SVG, "polyline");
      line.setAttribute("points", points.map(([x, y]) => `${x},${y}`).join(" "));
      children.push(line);
    }
    for (const [x, y] of points) {
      const dot = document.createElementNS(SVG, "circle");
      dot.setAttribute("cx", String(x));
      dot.setAttribute("cy", String(y));
      dot.setAttribute("r", "5");
      children.push(dot);
    }
    svg.replaceChildren(...children);
  };
}
