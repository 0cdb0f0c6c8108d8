/**
 * The mirror on a competency or area matrix: a radio group per competency inside the cells it spans, the
 * picks kept in the URL hash only (#pick=<competency>:<level>,…&target=<level>), a line through the picked
 * cells, and a summary of the gaps to a target level. Nothing is sent anywhere: no fetch, no query string.
 *
 * Everything it needs is read from the page: level headers carry data-rank, data-track and data-next;
 * competency headers data-name; pickable cells data-pick and data-label; the statements are the cells' text.
 * The gap math is src/core/mirror.ts, shared with the server.
 */
import {
  defaultTarget,
  isMirrorHash,
  type MirrorData,
  type MirrorState,
  mirrorGaps,
  parseMirrorHash,
  serializeMirrorHash,
} from "../../core/mirror.js";
import { paths } from "../links.js";

const SVG = "http://www.w3.org/2000/svg";

const table = document.querySelector<HTMLTableElement>("table[data-mirror]");
const panel = document.querySelector<HTMLElement>("[data-mirror-panel]");
if (table && panel) mirror(table, panel);

function mirror(table: HTMLTableElement, panel: HTMLElement): void {
  const scroll = table.closest<HTMLElement>("[data-mirror-scroll]") ?? table.parentElement ?? document.body;
  const select = panel.querySelector<HTMLSelectElement>("[data-mirror-target]");
  const summary = panel.querySelector<HTMLElement>("[data-mirror-summary]");
  const status = panel.querySelector<HTMLElement>("[data-mirror-status]");
  const goalsLink = panel.querySelector<HTMLAnchorElement>("a[data-mirror-goals]");
  if (!select || !summary) return;

  const heads = [...table.querySelectorAll<HTMLElement>("[data-competency-head]")];
  const competencyName = new Map(heads.map((h) => [h.dataset.competencyHead ?? "", h.dataset.name ?? ""]));
  const levelHeads = [...table.querySelectorAll<HTMLElement>("th[data-level]")];
  const levelHead = new Map(levelHeads.map((h) => [h.dataset.level ?? "", h]));
  const levelName = (id: string) => levelHead.get(id)?.dataset.label ?? id;
  const cells = [...table.querySelectorAll<HTMLTableCellElement>("td[data-pick]")];
  const cellOf = new Map(cells.map((c) => [`${c.dataset.competency}\n${c.dataset.level}`, c]));

  // Real radios, one group per competency, so Tab reaches a group and the arrow keys move within it.
  for (const cell of cells) {
    const label = document.createElement("label");
    label.className = "mirror-pick";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = `mirror-${cell.dataset.competency}`;
    input.value = cell.dataset.level ?? "";
    const text = document.createElement("span");
    text.className = "visually-hidden";
    text.textContent = cell.dataset.label ?? "";
    label.append(input, text);
    cell.prepend(label);
    input.addEventListener("change", () => {
      if (!input.checked) return;
      state.picks.set(cell.dataset.competency ?? "", input.value);
      // keep the hash in reading order whatever order the picks were made in
      state.picks = new Map(
        heads.flatMap((h) => {
          const id = h.dataset.competencyHead ?? "";
          const level = state.picks.get(id);
          return level ? [[id, level] as [string, string]] : [];
        }),
      );
      save();
      render();
    });
  }

  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "mirror-line");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  scroll.append(svg);

  for (const el of document.querySelectorAll<HTMLElement>("[data-mirror-intro]")) el.hidden = false;
  panel.hidden = false;
  table.classList.add("mirror-on");

  let state: MirrorState = readHash();

  function readHash(): MirrorState {
    return isMirrorHash(location.hash) ? parseMirrorHash(location.hash) : { picks: new Map() };
  }

  function save(): void {
    const hash = serializeMirrorHash(state);
    const url = `${location.pathname}${location.search}${hash ? `#${hash}` : ""}`;
    history.replaceState(history.state, "", url);
  }

  const visible = (el: HTMLElement) => !el.hidden;

  /** Picks that match a pickable cell shown on this page; others stay in the hash but are not counted. */
  function shownPicks(): Map<string, string> {
    return new Map(
      [...state.picks].filter(([c, l]) => {
        const cell = cellOf.get(`${c}\n${l}`);
        return cell !== undefined && visible(cell);
      }),
    );
  }

  function data(): MirrorData {
    const levels = levelHeads.filter(visible).map((h) => ({
      id: h.dataset.level ?? "",
      rank: Number(h.dataset.rank ?? 0),
      track: h.dataset.track ?? "",
      next: (h.dataset.next ?? "").split(" ").filter(Boolean),
    }));
    const competencies = heads.map((h) => {
      const id = h.dataset.competencyHead ?? "";
      const expectations: Record<string, string> = {};
      for (const level of levels) {
        const text = cellOf.get(`${id}\n${level.id}`)?.querySelector(".statement")?.textContent?.trim();
        if (text) expectations[level.id] = text.replace(/\s+/g, " ");
      }
      return { id, expectations };
    });
    return { levels, competencies };
  }

  function render(): void {
    const picks = shownPicks();
    const mirrorData = data();
    for (const option of select?.options ?? []) {
      const head = levelHead.get(option.value);
      option.hidden = option.disabled = !head || !visible(head);
    }
    const shownIds = new Set(mirrorData.levels.map((l) => l.id));
    const target =
      state.target && shownIds.has(state.target) ? state.target : defaultTarget(mirrorData, picks);
    if (select) select.value = target ?? "";
    panel.classList.toggle("has-picks", picks.size > 0);
    // the overview grid shows the whole line of picks at once
    for (const square of document.querySelectorAll<HTMLElement>("[data-overview-cell]")) {
      const picked = state.picks.get(square.dataset.ovCompetency ?? "") === square.dataset.ovLevel;
      square.classList.toggle("is-picked", picked);
      square.classList.toggle("is-target", square.dataset.ovLevel === target);
    }

    table.classList.toggle("has-picks", picks.size > 0);
    for (const cell of cells) {
      const picked = state.picks.get(cell.dataset.competency ?? "") === cell.dataset.level;
      cell.classList.toggle("is-picked", picked);
      cell.classList.toggle("is-target", cell.dataset.level === target);
      const input = cell.querySelector<HTMLInputElement>("input[type=radio]");
      if (input) input.checked = picked;
    }
    if (summary) writeSummary(summary, mirrorData, picks, target);
    if (goalsLink) {
      const picked = serializeMirrorHash({ picks }).replace(/^pick=/, "");
      goalsLink.href = paths.personalGoals(goalsLink.dataset.mirrorGoals ?? "", picked, target);
    }
    draw();
  }

  function writeSummary(
    out: HTMLElement,
    mirrorData: MirrorData,
    picks: Map<string, string>,
    target: string | undefined,
  ): void {
    const nodes: Node[] = [];
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) => {
      const node = document.createElement(tag);
      if (text !== undefined) node.textContent = text;
      if (cls) node.className = cls;
      return node;
    };
    if (!target) {
      const total = mirrorData.competencies.length;
      out.replaceChildren(
        el(
          "p",
          picks.size === 0
            ? `Nothing picked yet. Pick a cell in each of the ${total} competencies; the target then becomes the level after your most common pick, or choose one above.`
            : "There is no level to compare with.",
        ),
      );
      return;
    }
    const result = mirrorGaps(mirrorData, picks, target);
    const total = mirrorData.competencies.length;
    if (picks.size === 0) {
      nodes.push(
        el(
          "p",
          `Nothing picked yet. Pick a cell in each of the ${total} competencies to see your gaps to ${levelName(target)}.`,
        ),
      );
      out.replaceChildren(...nodes);
      return;
    }
    nodes.push(
      el(
        "p",
        `You picked ${picks.size} of ${total} competencies. Target: ${levelName(target)}. ${
          result.gaps.length
            ? `${result.gaps.length} ${result.gaps.length === 1 ? "competency is" : "competencies are"} below it.`
            : "None of your picks is below it."
        }`,
      ),
    );
    if (result.gaps.length) {
      nodes.push(el("h3", "Where to push next"));
      const list = el("ol", undefined, "mirror-gaps");
      for (const gap of result.gaps) {
        const item = el("li");
        item.dataset.competency = gap.competency;
        const head = el("p");
        head.append(
          el("strong", competencyName.get(gap.competency) ?? gap.competency),
          document.createTextNode(
            `: you picked ${levelName(gap.pick)}, ${gap.gap} ${gap.gap === 1 ? "level" : "levels"} below ${levelName(target)}.`,
          ),
        );
        item.append(head);
        if (gap.expectation) {
          const quote = el("blockquote", gap.expectation);
          const cell = cellOf.get(`${gap.competency}\n${target}`);
          const caption = el("p", undefined, "mirror-quote-source");
          caption.append(document.createTextNode(`${levelName(target)} asks: `));
          if (cell) {
            const link = el("a", "see the cell");
            link.href = `#${cell.id}`;
            link.addEventListener("click", (event) => {
              event.preventDefault();
              cell.scrollIntoView({ block: "center", inline: "center" });
              cell.querySelector<HTMLInputElement>("input")?.focus({ preventScroll: true });
            });
            caption.append(link);
          }
          item.append(caption, quote);
        } else {
          item.append(
            el("p", `There is no expectation written for ${levelName(target)} in this competency.`, "meta"),
          );
        }
        list.append(item);
      }
      nodes.push(list);
    }
    if (result.strengths.length) {
      nodes.push(el("h3", "Strengths: at or above the target"));
      const list = el("ul", undefined, "mirror-strengths");
      for (const s of result.strengths) {
        const item = el("li");
        item.append(
          el("strong", competencyName.get(s.competency) ?? s.competency),
          document.createTextNode(
            `: ${levelName(s.pick)}${s.ahead === 0 ? ", at the target" : `, ${s.ahead} ${s.ahead === 1 ? "level" : "levels"} above it`}.`,
          ),
        );
        list.append(item);
      }
      nodes.push(list);
    }
    if (result.unpicked.length) {
      nodes.push(
        el(
          "p",
          `Not picked yet: ${result.unpicked.map((id) => competencyName.get(id) ?? id).join(", ")}.`,
          "meta",
        ),
      );
    }
    out.replaceChildren(...nodes);
  }

  /** The jagged line: through the picked cells, in reading order, in table coordinates. */
  function draw(): void {
    const box = table.getBoundingClientRect();
    const width = table.offsetWidth;
    const height = table.offsetHeight;
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.style.left = `${table.offsetLeft}px`;
    svg.style.top = `${table.offsetTop}px`;
    const points: [number, number][] = [];
    const picks = shownPicks();
    for (const head of heads) {
      const id = head.dataset.competencyHead ?? "";
      const level = picks.get(id);
      const input = level ? cellOf.get(`${id}\n${level}`)?.querySelector("input") : undefined;
      if (!input) continue;
      const r = input.getBoundingClientRect();
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
  }

  let frame = 0;
  const redraw = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(draw);
  };
  window.addEventListener("resize", redraw);
  scroll.addEventListener("scroll", redraw, { passive: true });
  new ResizeObserver(redraw).observe(table);

  select.addEventListener("change", () => {
    state.target = select.value;
    save();
    render();
  });
  panel.querySelector("[data-mirror-clear]")?.addEventListener("click", () => {
    state = { picks: new Map() };
    save();
    render();
    if (status) status.textContent = "Picks cleared.";
  });
  panel.querySelector("[data-mirror-copy]")?.addEventListener("click", () => {
    void copyLink().then((ok) => {
      if (status) status.textContent = ok ? "Link copied." : "Copy the address from the address bar.";
    });
  });
  window.addEventListener("hashchange", () => {
    if (!isMirrorHash(location.hash) && location.hash) return; // a jump to a cell keeps the picks
    state = readHash();
    render();
  });
  document.addEventListener("rungs:matrix-filtered", render);
  render();
}

async function copyLink(): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(location.href);
    return true;
  } catch {
    // older browsers and pages opened from disk: fall back to a selected text field
    const field = document.createElement("textarea");
    field.value = location.href;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.append(field);
    field.select();
    const ok = document.execCommand("copy");
    field.remove();
    return ok;
  }
}
