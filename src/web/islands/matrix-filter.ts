/**
 * The competency matrix's filter in the browser.
 *
 * On a server the filter is a plain GET form the server answers; this island only carries the mirror's
 * picks (the URL hash) across the navigation, which a form submission would drop. On a static site there
 * is no server to read ?track=&from=&to=, so the page holds every level and this island applies the same
 * filter from the query string: it hides the columns the filter leaves out. (A role changes what the cells
 * say, which only a server can render: a static site's form has no role.) Which levels a track shows is
 * decided on the server (each level header lists the tracks that show it in data-tracks), so both agree.
 */
import { isMirrorHash } from "../../core/mirror.js";

const form = document.querySelector<HTMLFormElement>("form[data-matrix-filter]");
const table = document.querySelector<HTMLTableElement>("table[data-filtered]");

if (form) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params: string[] = [];
    for (const name of ["track", "from", "to", "role"]) {
      const value = (form.elements.namedItem(name) as HTMLSelectElement | null)?.value;
      if (value) params.push(`${name}=${encodeURIComponent(value)}`);
    }
    const base = form.action.replace(/[?#].*$/, "");
    const hash = isMirrorHash(location.hash) ? location.hash : "";
    location.assign(`${base}${params.length ? `?${params.join("&")}` : ""}${hash}`);
  });
}

if (form && table && table.dataset.filtered === "none") applyFromQuery(form, table);

function applyFromQuery(form: HTMLFormElement, table: HTMLTableElement): void {
  const query = new URLSearchParams(location.search);
  const track = query.get("track")?.trim() ?? "";
  const from = query.get("from")?.trim() ?? "";
  const to = query.get("to")?.trim() ?? "";
  if (!track && !from && !to) return;
  const heads = [...table.querySelectorAll<HTMLElement>("thead th[data-level]")];
  const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement | null;
  const has = (name: string, value: string) =>
    [...(select(name)?.options ?? [])].some((o) => o.value === value && value !== "");
  const orderOf = (id: string) => Number(heads.find((h) => h.dataset.level === id)?.dataset.order ?? -1);
  const nameOf = (id: string) => heads.find((h) => h.dataset.level === id)?.dataset.name ?? id;
  const problems: [string, string][] = [];
  if (track && !has("track", track))
    problems.push(["track", `There is no track "${track}" in this framework.`]);
  if (from && !has("from", from)) problems.push(["from", `There is no level "${from}" in this framework.`]);
  if (to && !has("to", to)) problems.push(["to", `There is no level "${to}" in this framework.`]);
  if (!problems.length && from && to && orderOf(from) > orderOf(to)) {
    problems.push(["from", `"From" (${nameOf(from)}) comes after "to" (${nameOf(to)}) in the level order.`]);
  }
  const start = from ? orderOf(from) : Number.NEGATIVE_INFINITY;
  const end = to ? orderOf(to) : Number.POSITIVE_INFINITY;
  const keep = new Set(
    heads
      .filter((h) => {
        const order = Number(h.dataset.order);
        const onTrack = !track || (h.dataset.tracks ?? "").split(" ").includes(track);
        return onTrack && order >= start && order <= end;
      })
      .map((h) => h.dataset.level ?? ""),
  );
  if (!problems.length && keep.size === 0) {
    const trackName = [...(select("track")?.options ?? [])].find((o) => o.value === track)?.text ?? track;
    problems.push(["track", `No level on the track "${trackName}" lies in that range.`]);
  }
  if (problems.length) {
    showProblems(form, problems);
    return;
  }
  for (const [name, value] of [
    ["track", track],
    ["from", from],
    ["to", to],
  ] as const) {
    const control = select(name);
    if (control) control.value = value;
  }
  for (const el of table.querySelectorAll<HTMLElement>("th[data-level], td[data-level]")) {
    el.hidden = !keep.has(el.dataset.level ?? "");
  }
  for (const th of table.querySelectorAll<HTMLTableCellElement>(".area-row th")) th.colSpan = keep.size + 1;
  const caption = table.caption;
  if (caption) {
    const names = heads.filter((h) => keep.has(h.dataset.level ?? "")).map((h) => h.dataset.name ?? "");
    const trackName = track ? [...(select("track")?.options ?? [])].find((o) => o.value === track)?.text : "";
    const parts = [
      ...(trackName ? [`on the ${trackName} track`] : []),
      ...(from || to ? [`from ${names[0]} to ${names.at(-1)}`] : []),
    ];
    caption.textContent = `${caption.textContent ?? ""} (levels ${parts.join(", ")})`;
  }
  table.dataset.filtered = "client";
  document.dispatchEvent(new CustomEvent("rungs:matrix-filtered"));
}

function showProblems(form: HTMLFormElement, problems: [string, string][]): void {
  const box = form.querySelector<HTMLElement>("[data-filter-problems]");
  if (!box) return;
  const intro = document.createElement("p");
  intro.textContent = "This filter cannot be applied, so every level is shown:";
  const list = document.createElement("ul");
  for (const [param, message] of problems) {
    const item = document.createElement("li");
    item.id = `filter-${param}-client-error`;
    item.textContent = message;
    list.append(item);
    const control = form.elements.namedItem(param) as HTMLSelectElement | null;
    control?.setAttribute("aria-invalid", "true");
    control?.setAttribute("aria-describedby", item.id);
  }
  box.replaceChildren(intro, list);
  box.hidden = false;
}
