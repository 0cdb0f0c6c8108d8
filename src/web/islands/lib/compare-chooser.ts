/**
 * The compare choosers' form handling, shared by the compare-form island (every chooser on a page) and the
 * compare-view island (the chooser under a comparison it renders). Imported by islands, never an island
 * itself (scripts/build-assets.ts bundles only the files directly in src/web/islands/).
 */

/** Level and role ids: lowercase words joined by - _ . (schema.ts); anything else is left to the server. */
export const ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

/** True on a page of a static site (no server behind it). */
export const isStatic = (): boolean => document.body.dataset.static === "true";

/** True when the form chooses two levels (its action is the level chooser `/frameworks/<fw>/compare/`). */
export function choosesLevels(form: HTMLFormElement): boolean {
  return /\/compare\/(index\.html)?$/.test(new URL(form.action, location.href).pathname);
}

/**
 * The form is a plain GET form (?a=&b=) that the server redirects to the comparison's own path; a static
 * site has no server to do that, so the path is built here from the form's data-compare-pattern (a link
 * with {a} and {b} in place of the two ids, already relative to the page). A static site pre-renders only
 * the pairs its pages link to, so two levels go to the chooser page with ?a=&b=, where the compare-view
 * island shows the comparison (or goes on to its pre-rendered page). Only values offered by the form's own
 * selects (or its hidden field) are used.
 */
export function bindCompareForm(form: HTMLFormElement): void {
  // any new choice clears the "choose a different one" message set below
  form.addEventListener("change", () => {
    const second = form.elements.namedItem("b");
    if (second instanceof HTMLSelectElement) second.setCustomValidity("");
  });
  form.addEventListener("submit", (event) => {
    const pattern = form.dataset.comparePattern ?? "";
    const value = (name: string): string | undefined => {
      const field = form.elements.namedItem(name);
      if (field instanceof HTMLSelectElement) {
        return [...field.options].some((o) => o.value === field.value) ? field.value : undefined;
      }
      if (field instanceof HTMLInputElement && field.type === "hidden") return field.value;
      return undefined;
    };
    const a = value("a");
    const b = value("b");
    if (!pattern || !a || !b || !ID.test(a) || !ID.test(b)) return;
    event.preventDefault();
    const second = form.elements.namedItem("b");
    if (a === b && second instanceof HTMLSelectElement) {
      // a static site has no page comparing a level with itself; say so where the choice is made
      second.setCustomValidity("Choose a different one from the first.");
      second.reportValidity();
      return;
    }
    if (isStatic() && choosesLevels(form)) {
      const chooser = new URL(form.action, location.href);
      chooser.search = new URLSearchParams({ a, b }).toString();
      location.assign(chooser.href);
      return;
    }
    location.assign(new URL(pattern.replace("{a}", a).replace("{b}", b), location.href).href);
  });
}
