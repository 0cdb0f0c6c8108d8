/**
 * The compare choosers in the browser (see lib/compare-chooser.ts). On a static site's level chooser opened
 * with ?a=&b=, it also loads the compare-view island, which shows that comparison.
 */
import { bindCompareForm, choosesLevels, isStatic } from "./lib/compare-chooser.js";

const self = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : "";

for (const form of document.querySelectorAll<HTMLFormElement>("form[data-compare-pattern]"))
  bindCompareForm(form);

const asked = new URLSearchParams(location.search);
const chooser = [...document.querySelectorAll<HTMLFormElement>("form[data-compare-pattern]")].find(
  (form) => choosesLevels(form) && new URL(form.action, location.href).pathname === location.pathname,
);
if (self && isStatic() && chooser && asked.has("a") && asked.has("b")) {
  const view = document.createElement("script");
  view.src = new URL("compare-view.js", self).href;
  document.head.append(view);
}
