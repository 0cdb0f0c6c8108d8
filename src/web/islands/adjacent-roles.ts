/**
 * The role page's adjacent-roles panel in a static site. The server renders only the panel of ?level=; a
 * static site has one file per role, so it carries every level's panel with all but the first hidden, and
 * this island shows the one named by ?level= (and sets the level picker to it). Unknown levels change nothing.
 */
const container = document.querySelector<HTMLElement>("[data-adjacent-panels]");
const level = new URLSearchParams(location.search).get("level");

if (container && level) {
  const panels = [...container.querySelectorAll<HTMLElement>("[data-adjacent-level]")];
  if (panels.some((p) => p.dataset.adjacentLevel === level)) {
    for (const panel of panels) panel.hidden = panel.dataset.adjacentLevel !== level;
    const picker = document.querySelector<HTMLSelectElement>("select#adjacent-level");
    if (picker && [...picker.options].some((o) => o.value === level)) picker.value = level;
  }
}
