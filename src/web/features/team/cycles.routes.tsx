/** The admin side of assessment cycles (/admin/cycles/): list, open with field-by-field problems, close with a version check. */
import type { Context } from "hono";
import * as z from "zod";
import type { Store } from "../../../store/store.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { Problem } from "../../../store/types.js";
import type { FieldProblem } from "../../components/forms.js";
import { html } from "../../components/html.js";
import type { App, AppEnv, Viewer } from "../../context.js";
import { paths } from "../../links.js";
import { formField, lazySchema, textField, wholeNumber } from "../../middleware/fields.js";
import { validate } from "../../middleware/validate.js";
import { type CycleForm, CyclesPage } from "./cycles.page.js";

export type { CycleForm } from "./cycles.page.js";

export const cycleProblems = (problems: Problem[]): FieldProblem[] =>
  problems.map((p) => ({ field: p.field ?? "", message: p.message }));

/**
 * The form that opens a cycle, as posted: text once per field, bounded. The name's length and the dates'
 * shape and order are the store's rules (cycles.repository.ts), shown at each field on the form again.
 */
export const openCycleForm = lazySchema(() =>
  z.object({
    name: formField(4 * TEXT_LIMITS.cycleName),
    // far above a date's ten characters: what is typed wrong, however long, comes back to the form at its field
    startsOn: formField(1_000),
    endsOn: formField(1_000),
    _csrf: textField().optional(),
  }),
);

/** The close button's form: the version of the cycle the page showed, for the check that nothing changed since. */
export const closeCycleForm = lazySchema(() =>
  z.object({ version: wholeNumber(0, 999_999), _csrf: textField().optional() }),
);

// a Map: `done` comes from the query string, and "constructor" is no notice
const CYCLE_NOTICES = new Map<string, string>(
  Object.entries({
    opened: "The cycle was opened. People now see it as due.",
    closed: "The cycle was closed.",
  }),
);

interface PageOptions {
  form?: CycleForm;
  problems?: FieldProblem[];
  closeProblem?: { cycleId: string; message: string };
  status?: 200 | 404 | 409 | 422;
}

export function cycleRoutes(
  app: App,
  store: Store,
  adminOnly: (c: Context<AppEnv>) => Promise<Viewer | Response>,
): void {
  const page = async (c: Context<AppEnv>, viewer: Viewer, options: PageOptions = {}) => {
    const done = c.req.query("done");
    const props = {
      links: c.get("links"),
      cycles: await store.cycles.list(),
      csrfToken: viewer.csrfToken,
      form: options.form ?? { name: "", startsOn: "", endsOn: "" },
      problems: options.problems ?? [],
      notice: done !== undefined ? CYCLE_NOTICES.get(done) : undefined,
      closeProblem: options.closeProblem,
    };
    return html(c, <CyclesPage {...props} />, options.status ?? 200);
  };

  app.get("/admin/cycles/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return page(c, viewer);
  });

  app.post("/admin/cycles/", validate("form", openCycleForm), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const { name, startsOn, endsOn } = c.req.valid("form");
    const form: CycleForm = { name, startsOn, endsOn };
    const created = await store.cycles.create(form);
    if (!created.ok) return page(c, viewer, { form, problems: cycleProblems(created.problems), status: 422 });
    return c.redirect(`${paths.adminCycles()}?done=opened`, 303);
  });

  app.post("/admin/cycles/:id/close", validate("form", closeCycleForm), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const id = c.req.param("id");
    const closed = await store.cycles.close(id, c.req.valid("form").version);
    if (closed.ok) return c.redirect(`${paths.adminCycles()}?done=closed`, 303);
    const conflict = closed.problems.find((p) => p.kind === "conflict");
    if (!conflict) return c.notFound();
    const current = closed.current;
    return page(c, viewer, {
      status: 409,
      closeProblem: {
        cycleId: id,
        message: `${current ? `“${current.name}” was changed by someone else since this page was shown` : conflict.message}; nothing was closed. The list below is as it is now: check it and close again if you still mean to.`,
      },
    });
  });
}
