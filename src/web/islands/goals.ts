/**
 * Goal pages in the browser. The server renders every kind one after the other with an in-page nav, the
 * placeholders filled from the query, and the copy buttons hidden; this island:
 *  - fills the placeholders live as the fields change (and keeps the values in the URL's query, so a reload
 *    or a shared link shows the same text; in a static site, where no server read the query, it fills the
 *    fields from it on load);
 *  - turns the nav into accessible tabs (role=tablist/tab/tabpanel, arrow keys, Home/End);
 *  - shows a copy button per goal and per kind, copying the goal's plain text as the page shows it.
 * It reads everything from the page; nothing is fetched or sent.
 */

const root = document.querySelector<HTMLElement>("[data-goals]");
if (root) goals(root);

function goals(root: HTMLElement): void {
  const status = root.querySelector<HTMLElement>("[data-goals-status]");
  const staticSite = document.body.dataset.static === "true";
  fillIn(root, staticSite, status);
  tabs(root);
  copyButtons(root, status);
}

function say(status: HTMLElement | null, message: string): void {
  if (!status) return;
  // cleared first so the same message twice is announced twice
  status.textContent = "";
  window.setTimeout(() => {
    status.textContent = message;
  }, 50);
}

/* ---------------------------------------------------------------- placeholders */

function fillIn(root: HTMLElement, staticSite: boolean, status: HTMLElement | null): void {
  const form = root.querySelector<HTMLFormElement>("form[data-goals-fill]");
  if (!form) return;
  const fields = [...form.querySelectorAll<HTMLInputElement>("input[data-fill]")];
  const query = new URLSearchParams(location.search);
  for (const field of fields) {
    const asked = query.get(field.name);
    if (!field.value && asked) field.value = asked.trim();
  }

  const apply = () => {
    const values = new Map(fields.map((f) => [f.dataset.fill ?? "", f.value.trim()]));
    for (const mark of root.querySelectorAll<HTMLElement>("mark[data-placeholder]")) {
      paint(mark, values.get(mark.dataset.placeholder ?? "") ?? "");
    }
    const set = (params: URLSearchParams) => {
      for (const field of fields) {
        const value = field.value.trim();
        if (value) params.set(field.name, value);
        else params.delete(field.name);
      }
    };
    if (!staticSite) {
      for (const link of root.querySelectorAll<HTMLAnchorElement>("a[data-fill-link]")) {
        const url = new URL(link.href, location.href);
        set(url.searchParams);
        link.href = url.pathname + url.search;
      }
    }
    const params = new URLSearchParams(location.search);
    set(params);
    const search = params.toString();
    try {
      history.replaceState(
        history.state,
        "",
        `${location.pathname}${search ? `?${search}` : ""}${location.hash}`,
      );
    } catch {
      // some browsers refuse to change a file:// URL; the text is still filled in
    }
  };

  for (const field of fields) field.addEventListener("input", apply);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
    say(status, "Placeholders filled in.");
  });
  apply();
}

/** Same structure as the server's Placeholder component (components/goal-block.tsx). */
function paint(mark: HTMLElement, value: string): void {
  const name = mark.dataset.placeholder ?? "";
  const text = mark.querySelector<HTMLElement>(".ph-text");
  const hidden = mark.querySelector<HTMLElement>(".visually-hidden");
  mark.classList.toggle("filled", value !== "");
  if (text) {
    text.textContent = value || `⟨${name}⟩`;
    if (value) text.removeAttribute("aria-hidden");
    else text.setAttribute("aria-hidden", "true");
  }
  if (hidden) hidden.textContent = value ? "" : `(placeholder: ${name})`;
}

/* ---------------------------------------------------------------- tabs */

/** The tab a key moves to from `current` (arrows wrap around, Home and End jump), or -1 for other keys. */
function tabAfterKey(key: string, current: number, last: number): number {
  if (key === "ArrowRight") return current === last ? 0 : current + 1;
  if (key === "ArrowLeft") return current === 0 ? last : current - 1;
  if (key === "Home") return 0;
  if (key === "End") return last;
  return -1;
}

function tabs(root: HTMLElement): void {
  const nav = root.querySelector<HTMLElement>("[data-goals-nav]");
  const panels = [...root.querySelectorAll<HTMLElement>("[data-goals-panel]")];
  if (!nav || panels.length < 2) return;
  const list = document.createElement("div");
  list.setAttribute("role", "tablist");
  list.setAttribute("aria-label", "Goal kinds");
  list.className = "goals-tabs no-print";
  const buttons = panels.map((panel) => {
    const kind = panel.dataset.goalsPanel ?? panel.id;
    const tab = document.createElement("button");
    tab.type = "button";
    tab.id = `tab-${kind}`;
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-controls", panel.id);
    tab.textContent = panel.dataset.label ?? panel.querySelector("h2")?.textContent ?? kind;
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", tab.id);
    panel.tabIndex = 0;
    list.append(tab);
    return tab;
  });
  nav.hidden = true;
  nav.before(list);
  root.classList.add("goals-tabbed");

  const select = (i: number, focus: boolean, remember: boolean) => {
    buttons.forEach((tab, j) => {
      const on = i === j;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      const panel = panels[j];
      if (panel) panel.hidden = !on;
    });
    if (focus) buttons[i]?.focus();
    const panel = panels[i];
    if (remember && panel) {
      try {
        history.replaceState(history.state, "", `${location.pathname}${location.search}#${panel.id}`);
      } catch {
        // file:// in some browsers
      }
    }
  };

  buttons.forEach((tab, i) => {
    tab.addEventListener("click", () => select(i, false, true));
  });
  list.addEventListener("keydown", (event) => {
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const next = tabAfterKey(event.key, current, buttons.length - 1);
    if (next < 0) return;
    event.preventDefault();
    select(next, true, true);
  });

  /** The panel holding the URL's #fragment (a kind or one goal), if any. */
  const fromHash = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    const panel = target?.closest<HTMLElement>("[data-goals-panel]");
    return panel ? panels.indexOf(panel) : -1;
  };
  const wanted = panels.findIndex((p) => p.dataset.goalsPanel === root.dataset.kind);
  const first = fromHash();
  select(first >= 0 ? first : Math.max(wanted, 0), false, false);
  if (first >= 0 && location.hash)
    document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  window.addEventListener("hashchange", () => {
    const i = fromHash();
    if (i >= 0) select(i, false, false);
  });
}

/* ---------------------------------------------------------------- copying */

/** The text of an element as read: placeholders as shown, screen-reader-only text and buttons left out. */
function inlineText(el: Element | null): string {
  if (!el) return "";
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.nodeValue ?? "");
      return;
    }
    if (!(node instanceof Element)) return;
    if (node.tagName === "BUTTON" || node.classList.contains("visually-hidden")) return;
    for (const child of node.childNodes) walk(child);
  };
  walk(el);
  return parts.join("").replace(/\s+/g, " ").trim();
}

const INDENT = "   ";

/** `  [source: …]` from an element's data-sources, as the text file writes it. */
function sourcesOf(el: Element | null): string {
  const labels = el?.getAttribute("data-sources") ?? "";
  return labels ? `  [source: ${labels}]` : "";
}

/** The widest line label of a kind, so labels line up as in the text file. */
function labelWidth(panel: Element | null): number {
  const widths = [...(panel?.querySelectorAll(".goal-line dt") ?? [])].map((dt) => inlineText(dt).length + 1);
  return Math.max(0, ...widths);
}

/** A goal as plain text, as the text file has it: numbered title, aligned lines, `[source: …]`. */
function goalText(goal: Element, width: number): string {
  const title = goal.querySelector(".goal-title");
  const lines = [`${inlineText(title)}${sourcesOf(title)}`];
  for (const line of goal.querySelectorAll(".goal-line")) {
    const label = `${inlineText(line.querySelector("dt"))}:`;
    lines.push(
      `${INDENT}${label.padEnd(width + 2)}${inlineText(line.querySelector("dd"))}${sourcesOf(line)}`,
    );
  }
  return lines.join("\n");
}

/** A kind as plain text: its title and intro, then every goal (under its group's title where there is one). */
function kindText(panel: Element): string {
  const title = inlineText(panel.querySelector(".goals-kind-title"));
  const width = labelWidth(panel);
  const out = [title, "-".repeat(title.length), inlineText(panel.querySelector(".goals-kind-intro"))];
  for (const group of panel.querySelectorAll("[data-goal-group]")) {
    const groupTitle = inlineText(group.querySelector(".goal-group-title"));
    if (groupTitle) out.push("", groupTitle);
    for (const goal of group.querySelectorAll("[data-goal]")) out.push("", goalText(goal, width));
  }
  return `${out.join("\n")}\n`;
}

function copyButtons(root: HTMLElement, status: HTMLElement | null): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>("button[data-copy]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const goal = button.dataset.copy === "goal" ? button.closest("[data-goal]") : null;
      const panel = button.closest<HTMLElement>("[data-goals-panel]");
      const text = goal ? `${goalText(goal, labelWidth(panel))}\n` : panel ? kindText(panel) : "";
      const title = goal ? inlineText(goal.querySelector(".goal-title")) : "";
      const what = goal
        ? `“${title.length > 80 ? `${title.slice(0, 79)}…` : title}”`
        : `every goal of ${panel?.dataset.label ?? "this kind"}`;
      void copy(text).then((ok) => {
        say(status, ok ? `Copied ${what}.` : "Could not copy: select the text and copy it yourself.");
      });
    });
  }
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // older browsers and pages opened from disk: fall back to a selected text field
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.append(field);
    field.select();
    const ok = document.execCommand("copy");
    field.remove();
    return ok;
  }
}
