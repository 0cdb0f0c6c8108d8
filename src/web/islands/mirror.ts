/**
 * The mirror on a competency or area matrix: per competency, the reader places themselves by picking the
 * cell that describes them (a radio group), by picking a step of the competency's scale (format 2), or by
 * ticking the criteria they have shown (format 2: a level counts as reached when all its criteria are
 * ticked, see core `levelForCriteria`). The places are kept in the URL hash only
 * (#pick=<competency>:<level>,…&step=<competency>:<step>,…&tick=<competency>/<level>/<criterion>,…&target=<level>),
 * a line joins the placed cells, and a summary shows the gaps to a target level. Nothing is sent anywhere:
 * no fetch, no query string.
 *
 * Everything it needs is read from the page (mirror/page.ts); the gap math is src/core/mirror.ts, shared
 * with the server.
 */
import {
  defaultTarget,
  isMirrorHash,
  type MirrorState,
  parseMirrorHash,
  placedPicks,
  serializeMirrorHash,
} from "../../core/mirror.js";
import { paths } from "../links.js";
import { addControls, type Mode, syncControls } from "./mirror/controls.js";
import { mirrorLine } from "./mirror/line.js";
import { type MirrorPage, readPage, shown } from "./mirror/page.js";
import { writeSummary } from "./mirror/summary.js";

const table = document.querySelector<HTMLTableElement>("table[data-mirror]");
const panel = document.querySelector<HTMLElement>("[data-mirror-panel]");
if (table && panel) mirror(table, panel);

function readHash(): MirrorState {
  return isMirrorHash(location.hash) ? parseMirrorHash(location.hash) : { picks: new Map() };
}

/** The state in reading order whatever order the reader went in, ticks only of criteria on the page. */
function ordered(page: MirrorPage, state: MirrorState): MirrorState {
  const ids = page.heads.map((h) => h.dataset.competencyHead ?? "");
  const inOrder = (map: ReadonlyMap<string, string> | undefined) =>
    new Map(ids.flatMap((id) => (map?.has(id) ? [[id, map.get(id) ?? ""] as [string, string]] : [])));
  const keys = [...page.table.querySelectorAll<HTMLElement>("input[data-mirror-tick]")].map(
    (b) => b.dataset.mirrorTick ?? "",
  );
  return {
    picks: inOrder(state.picks),
    steps: inOrder(state.steps),
    ticks: new Set(keys.filter((k) => state.ticks?.has(k))),
    ...(state.target ? { target: state.target } : {}),
  };
}

/** Each competency's place among the cells shown; places in hidden cells stay in the hash uncounted. */
function placed(page: MirrorPage, state: MirrorState): Map<string, string> {
  const all = placedPicks(page.data(true), state);
  return new Map(
    [...all].filter(([c, l]) => {
      const cell = page.cell(c, l);
      return cell !== undefined && shown(cell);
    }),
  );
}

interface Parts {
  page: MirrorPage;
  panel: HTMLElement;
  select: HTMLSelectElement;
  summary: HTMLElement;
  goalsLink: HTMLAnchorElement | null;
  modes: ReadonlyMap<string, Mode>;
  draw: (places: ReadonlyMap<string, string>) => void;
}

/** Shows the state: the target, the marked cells and overview squares, the controls, the summary, the line. */
function render({ page, panel, select, summary, goalsLink, modes, draw }: Parts, state: MirrorState): void {
  const places = placed(page, state);
  const data = page.data(true);
  for (const option of select.options) {
    const head = page.levelHead(option.value);
    option.hidden = option.disabled = !head || !shown(head);
  }
  const shownIds = new Set(data.levels.map((l) => l.id));
  const target = state.target && shownIds.has(state.target) ? state.target : defaultTarget(data, places);
  select.value = target ?? "";
  panel.classList.toggle("has-picks", places.size > 0);
  page.table.classList.toggle("has-picks", places.size > 0);
  // the overview grid shows the whole line of places at once
  for (const square of document.querySelectorAll<HTMLElement>("[data-overview-cell]")) {
    square.classList.toggle(
      "is-picked",
      places.get(square.dataset.ovCompetency ?? "") === square.dataset.ovLevel,
    );
    square.classList.toggle("is-target", square.dataset.ovLevel === target);
  }
  for (const cell of page.cells) {
    cell.classList.toggle("is-picked", places.get(cell.dataset.competency ?? "") === cell.dataset.level);
    cell.classList.toggle("is-target", cell.dataset.level === target);
  }
  const steps = state.steps ?? new Map<string, string>();
  const ticks = state.ticks ?? new Set<string>();
  syncControls(page, state.picks, steps, ticks);
  writeSummary(summary, { page, data, placed: places, target, modes, steps, ticks });
  if (goalsLink) {
    const picked = serializeMirrorHash({ picks: places }).replace(/^pick=/, "");
    const { mirrorGoals: fw = "", mirrorRole: role } = goalsLink.dataset;
    goalsLink.href = paths.personalGoals(fw, picked, target, role);
  }
  draw(places);
}

function mirror(table: HTMLTableElement, panel: HTMLElement): void {
  const scroll = table.closest<HTMLElement>("[data-mirror-scroll]") ?? table.parentElement ?? document.body;
  const select = panel.querySelector<HTMLSelectElement>("[data-mirror-target]");
  const summary = panel.querySelector<HTMLElement>("[data-mirror-summary]");
  const status = panel.querySelector<HTMLElement>("[data-mirror-status]");
  const goalsLink = panel.querySelector<HTMLAnchorElement>("a[data-mirror-goals]");
  if (!select || !summary) return;

  const page = readPage(table);
  let state: MirrorState = readHash();
  const change = (update: (s: MirrorState) => void) => {
    update(state);
    state = ordered(page, state);
    save();
    show();
  };
  const modes = addControls(page, {
    pick: (competency, level) => change((s) => s.picks.set(competency, level)),
    step: (competency, step) =>
      change((s) => {
        s.steps ??= new Map();
        if (step) s.steps.set(competency, step);
        else s.steps.delete(competency);
      }),
    tick: (key, ticked) =>
      change((s) => {
        s.ticks ??= new Set();
        if (ticked) s.ticks.add(key);
        else s.ticks.delete(key);
      }),
  });
  const draw = mirrorLine(page, scroll);
  const parts: Parts = { page, panel, select, summary, goalsLink, modes, draw };
  const show = () => render(parts, state);

  for (const el of document.querySelectorAll<HTMLElement>("[data-mirror-intro]")) el.hidden = false;
  panel.hidden = false;
  table.classList.add("mirror-on");

  function save(): void {
    const hash = serializeMirrorHash(state);
    const url = `${location.pathname}${location.search}${hash ? `#${hash}` : ""}`;
    history.replaceState(history.state, "", url);
  }

  let frame = 0;
  const redraw = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => draw(placed(page, state)));
  };
  window.addEventListener("resize", redraw);
  scroll.addEventListener("scroll", redraw, { passive: true });
  new ResizeObserver(redraw).observe(table);

  select.addEventListener("change", () => change((s) => (s.target = select.value)));
  panel.querySelector("[data-mirror-clear]")?.addEventListener("click", () => {
    state = { picks: new Map() };
    save();
    show();
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
    show();
  });
  document.addEventListener("rungs:matrix-filtered", show);
  show();
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
