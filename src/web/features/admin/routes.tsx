/**
 * Admin pages (policy "person:admin"): people (list, create, edit with optimistic concurrency, manager,
 * deactivate/reactivate), CSV import (preview listing every row's problem by line, then an all-or-nothing
 * import), and instance settings.
 */
import type { Context } from "hono";
import { checkPlacement } from "../../../core/placement.js";
import { indexesById } from "../../../services/frameworks.js";
import type { Store } from "../../../store/store.js";
import type { Person, Problem } from "../../../store/types.js";
import type { FieldProblem } from "../../components/forms.js";
import type { App, AppEnv, RouteDeps } from "../../context.js";
import { paths } from "../../links.js";
import { validate } from "../../middleware/validate.js";
import { adminOnly } from "./admin-parts.js";
import { importRoutes } from "./import.routes.js";
import { invitationRoutes } from "./invitations.routes.js";
import { type AdminDeps, editPage, listPage } from "./people.page.js";
import { managerFormBody, personFormBody, readPersonForm, storeProblems } from "./person-form.js";
import { settingsRoutes } from "./settings.routes.js";

export function adminRoutes(app: App, { auth, registry }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;
  const deps: AdminDeps = { store, registry, clock: auth.clock, config: auth.config };
  listRoutes(app, deps);
  editRoutes(app, deps);
  managerRoutes(app, deps);
  activeRoutes(app, deps);
  invitationRoutes(app, deps);
  importRoutes(app, store, registry);
  settingsRoutes(app, store);
}

/** A problem's status: 409 for a conflict with what is stored, else 422. */
function statusOf(problems: Problem[]): 409 | 422 {
  return problems.some((p) => p.kind === "conflict") ? 409 : 422;
}

/** The person the route's :id names, if any. */
async function target(c: Context<AppEnv>, store: Store): Promise<Person | undefined> {
  return await store.people.get(c.req.param("id") ?? "");
}

/** The people list and creating someone. */
function listRoutes(app: App, deps: AdminDeps): void {
  const { store } = deps;
  app.get("/admin/people/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return listPage(deps, c, viewer);
  });

  app.post("/admin/people/", validate("form", personFormBody), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const form = readPersonForm(c.req.valid("form"));
    const problems: FieldProblem[] = checkPlacement(indexesById(deps.registry), form).map((p) => ({
      field: p.field,
      message: `${p.field}: ${p.message}`,
    }));
    let managerId: string | null = null;
    if (form.managerEmail) {
      const manager = await store.people.getByEmail(form.managerEmail);
      if (manager) managerId = manager.id;
      else problems.push({ field: "manager", message: "Nobody has that manager email." });
    }
    if (problems.length) return listPage(deps, c, viewer, { form, problems, status: 422 });
    const created = await store.people.create({ ...form, managerId });
    if (!created.ok)
      return listPage(deps, c, viewer, {
        form,
        problems: storeProblems(created.problems),
        status: statusOf(created.problems),
      });
    return c.redirect(`${paths.adminPerson(created.value.id)}?done=created`, 303);
  });
}

/** One person's page and saving its fields. */
function editRoutes(app: App, deps: AdminDeps): void {
  const { store } = deps;
  app.get("/admin/people/:id/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const person = await target(c, deps.store);
    if (!person) return c.notFound();
    return editPage(deps, c, viewer, person);
  });

  app.post("/admin/people/:id/", validate("form", personFormBody), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const person = await target(c, deps.store);
    if (!person) return c.notFound();
    const body = c.req.valid("form");
    const form = readPersonForm(body);
    const version = Number(body.version);
    const problems: FieldProblem[] = checkPlacement(indexesById(deps.registry), form).map((p) => ({
      field: p.field,
      message: `${p.field}: ${p.message}`,
    }));
    if (problems.length) return editPage(deps, c, viewer, person, form, problems, 422, version);
    if (person.admin && !form.admin && person.active && (await store.people.countAdmins()) <= 1) {
      return editPage(
        deps,
        c,
        viewer,
        person,
        form,
        [{ field: "", message: "This is the last active admin; make someone else an admin first." }],
        409,
        version,
      );
    }
    const { managerEmail: _unused, ...changes } = form;
    const updated = await store.people.update(person.id, Number.isInteger(version) ? version : -1, changes);
    if (!updated.ok) {
      // a stale edit: show the current record (and its version) with the message
      const fresh = (await store.people.get(person.id)) ?? person;
      return editPage(
        deps,
        c,
        viewer,
        fresh,
        form,
        storeProblems(updated.problems),
        statusOf(updated.problems),
        fresh.version,
      );
    }
    return c.redirect(`${paths.adminPerson(person.id)}?done=saved`, 303);
  });
}

/** Changing someone's manager (refused when it would make a loop). */
function managerRoutes(app: App, deps: AdminDeps): void {
  const { store } = deps;
  app.post("/admin/people/:id/manager", validate("form", managerFormBody), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const person = await target(c, deps.store);
    if (!person) return c.notFound();
    const email = c.req.valid("form").manager.trim();
    let managerId: string | null = null;
    if (email) {
      const manager = await store.people.getByEmail(email);
      if (!manager) {
        return editPage(
          deps,
          c,
          viewer,
          person,
          undefined,
          [{ field: "manager", message: "Nobody has that manager email." }],
          422,
        );
      }
      managerId = manager.id;
    }
    const result = await store.people.setManager(person.id, managerId);
    if (!result.ok)
      return editPage(
        deps,
        c,
        viewer,
        person,
        undefined,
        storeProblems(result.problems),
        statusOf(result.problems),
      );
    return c.redirect(`${paths.adminPerson(person.id)}?done=manager-set`, 303);
  });
}

/** Deactivating (never the last active admin) and reactivating someone; deactivating signs them out everywhere. */
function activeRoutes(app: App, deps: AdminDeps): void {
  const { store } = deps;
  for (const active of [false, true]) {
    app.post(`/admin/people/:id/${active ? "reactivate" : "deactivate"}`, async (c) => {
      const viewer = await adminOnly(c);
      if (viewer instanceof Response) return viewer;
      const person = await target(c, deps.store);
      if (!person) return c.notFound();
      if (!active && person.admin && person.active && (await store.people.countAdmins()) <= 1) {
        return editPage(
          deps,
          c,
          viewer,
          person,
          undefined,
          [
            {
              field: "",
              message:
                "This is the last active admin and cannot be deactivated; make someone else an admin first.",
            },
          ],
          409,
        );
      }
      const result = active
        ? await store.people.reactivate(person.id)
        : await store.people.deactivate(person.id);
      if (!result.ok)
        return editPage(
          deps,
          c,
          viewer,
          person,
          undefined,
          storeProblems(result.problems),
          statusOf(result.problems),
        );
      if (!active) await store.sessions.revokeAllFor(person.id);
      return c.redirect(
        `${paths.adminPerson(person.id)}?done=${active ? "reactivated" : "deactivated"}`,
        303,
      );
    });
  }
}
