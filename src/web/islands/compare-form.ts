/**
 * The compare choosers in the browser. The form is a plain GET form (?a=&b=) that the server redirects to the
 * comparison's own path; a static site has no server to do that, so this island builds the path itself from
 * the form's data-compare-pattern (a link with {a} and {b} in place of the two ids, already relative to the
 * page) and goes there. Only values offered by the form's own selects (or its hidden field) are used.
 */
for (const form of document.querySelectorAll<HTMLFormElement>("form[data-compare-pattern]")) {
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
    // ids are lowercase words joined by - _ . (schema.ts); anything else is left to the server to refuse
    const id = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;
    if (!pattern || !a || !b || !id.test(a) || !id.test(b)) return;
    event.preventDefault();
    const second = form.elements.namedItem("b");
    if (a === b && second instanceof HTMLSelectElement) {
      // a static site has no page comparing a level with itself; say so where the choice is made
      second.setCustomValidity("Choose a different one from the first.");
      second.reportValidity();
      return;
    }
    location.assign(new URL(pattern.replace("{a}", a).replace("{b}", b), location.href).href);
  });
}
