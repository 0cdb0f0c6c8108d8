/**
 * The role page's level highlight in the browser. The server marks the block of ?level= itself; a static
 * site cannot read the query string, so this island applies the same marking from location.search on load:
 * class "current" on the level's block and its dimension rows, aria-current on the block, its summary shown
 * under "Level …" (the others stay hidden), the picker set to it, and the block scrolled into view when the URL has no #fragment of its own. Unknown levels change nothing.
 */
const container = document.querySelector<HTMLElement>("[data-role-levels]");
const level = new URLSearchParams(location.search).get("level");

if (container && level) {
  const blocks = [...container.querySelectorAll<HTMLElement>("[data-level]")];
  const block = blocks.find((b) => b.dataset.level === level);
  if (block) {
    for (const el of document.querySelectorAll<HTMLElement>("[data-level]")) {
      const match = el.dataset.level === level;
      el.classList.toggle("current", match);
      if (blocks.includes(el)) {
        if (match) el.setAttribute("aria-current", "true");
        else el.removeAttribute("aria-current");
      }
    }
    const highlight = document.querySelector<HTMLElement>("[data-role-highlight]");
    if (highlight) {
      for (const el of highlight.querySelectorAll<HTMLElement>("[data-level]"))
        el.hidden = el.dataset.level !== level;
      highlight.hidden = false;
    }
    const picker = document.querySelector<HTMLSelectElement>("select#role-level");
    if (picker && [...picker.options].some((o) => o.value === level)) picker.value = level;
    if (!location.hash) block.scrollIntoView({ block: "start" });
  }
}
