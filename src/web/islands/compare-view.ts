/**
 * A static site's comparison of any two levels, in the browser. The site pre-renders only the pairs its
 * pages link to (each level with the levels it leads to and comes from); the level chooser sends any other
 * pair to its own page with ?a=&b=, where compare-form.js loads this island. It loads the two levels' halves
 * (/frameworks/<fw>/levels/<id>/compare.js, classic scripts: a site opened from disk cannot fetch()),
 * compares them with the server's own function (core/views/compare.ts `compareLevelHalves`) and renders the
 * server's own page component into <main>. A pre-rendered pair goes to its page instead.
 */

import { jsx } from "hono/jsx";
import { isolated } from "../../core/text.js";
import { compareLevelHalves, type LevelCompareHalf, ladderIndex } from "../../core/views/compare.js";
import { LinksContext } from "../components/page.js";
import { CompareLevelsPage } from "../features/compare/compare-levels.page.js";
import { HALVES_GLOBAL, halfKey } from "../features/compare/halves.js";
import { type Links, makeLinks, paths } from "../links.js";
import { bindCompareForm, choosesLevels, ID } from "./lib/compare-chooser.js";

(async () => {
  const main = document.querySelector("main");
  const form = document.querySelector<HTMLFormElement>("form[data-compare-pattern]");
  if (!main || !form || !choosesLevels(form)) return;
  const chooser = new URL(form.action, location.href);
  const asked = new URLSearchParams(location.search);
  const a = asked.get("a") ?? "";
  const b = asked.get("b") ?? "";
  const segments = chooser.pathname.split("/");
  const fw = segments[segments.lastIndexOf("compare") - 1] ?? "";
  if (!ID.test(a) || !ID.test(b) || !ID.test(fw)) return say("Choose two levels from the lists below.");
  if (a === b) return say("Both sides are the same level. Choose two different levels to compare.");

  const [ha, hb] = await Promise.all([half(chooser, fw, a), half(chooser, fw, b)]);
  if (!ha || !hb) {
    const unknown = [ha ? "" : a, hb ? "" : b].filter(Boolean).map((id) => `"${id}"`);
    return say(`There is no level ${unknown.join(" or ")} here. Choose from the lists below.`);
  }
  if ([...ha.successors, ...ha.predecessors].includes(b)) {
    // pre-rendered: its own page, which also works without JavaScript
    location.replace(new URL(`${a}/${b}/index.html`, chooser).href);
    return;
  }
  const data = compareLevelHalves(ha, hb);
  const links = pairLinks(makeLinks(paths.compare(fw), true), fw, ha, chooser);
  const page = jsx(LinksContext.Provider, {
    value: links,
    children: jsx(CompareLevelsPage, { data, index: ladderIndex(ha) }),
  });
  // the same escaping the server's rendering applies: framework text is text, Markdown without raw HTML
  main.innerHTML = String(await page.toString());
  document.title = `${isolated(data.a.name)} and ${isolated(data.b.name)} compared · ${isolated(data.framework.name)} · rungs`;
  for (const chooserForm of main.querySelectorAll<HTMLFormElement>("form[data-compare-pattern]"))
    bindCompareForm(chooserForm);

  function say(message: string): void {
    const notice = document.createElement("p");
    notice.className = "notice";
    notice.setAttribute("role", "alert");
    notice.textContent = message;
    main?.querySelector("h1")?.after(notice);
  }
})();

/** Loads one level's half script (once) and returns the half, or undefined when there is none. */
async function half(chooser: URL, fw: string, level: string): Promise<LevelCompareHalf | undefined> {
  const loaded = () =>
    (globalThis as { [HALVES_GLOBAL]?: Map<string, LevelCompareHalf> })[HALVES_GLOBAL]?.get(
      halfKey(fw, level),
    );
  if (loaded()) return loaded();
  await new Promise<void>((resolve) => {
    const script = document.createElement("script");
    script.src = new URL(`../levels/${level}/compare.js`, chooser).href;
    script.onload = () => resolve();
    script.onerror = () => resolve();
    document.head.append(script);
  });
  return loaded();
}

/**
 * Links as the chooser page makes them, except comparisons the site has no page for (the swap of this
 * pair): those come back to the chooser with ?a=&b=.
 */
function pairLinks(base: Links, fw: string, ha: LevelCompareHalf, chooser: URL): Links {
  const near = new Set([...ha.successors, ...ha.predecessors]);
  return {
    ...base,
    to(path) {
      const prefix = paths.compare(fw);
      if (!path.startsWith(prefix)) return base.to(path);
      const [x, y] = path.slice(prefix.length).split("/");
      if (!x || !y || (x === ha.side.id ? near.has(y) : y === ha.side.id && near.has(x)))
        return base.to(path);
      const there = new URL(chooser.href);
      there.search = new URLSearchParams({ a: x, b: y }).toString();
      return there.href;
    },
  };
}
