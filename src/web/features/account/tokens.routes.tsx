/**
 * Personal API tokens (auth/api-token.ts): each person makes, lists and revokes their own on
 * /account/tokens/, and an admin sees and revokes everyone's there. Making one needs the signed-in page
 * (a token cannot make tokens: tokens are refused outside /api/); listing and revoking are in the API too.
 */
import * as z from "zod";
import type { Store } from "../../../store/store.js";
import type { App, RouteDeps, Viewer } from "../../context.js";
import { paths } from "../../links.js";
import { HttpProblem } from "../../middleware/errors.js";
import { formField, lazySchema, textField } from "../../middleware/fields.js";
import { validate } from "../../middleware/validate.js";
import { self } from "./routes.js";
import { tokensPage } from "./tokens.page.js";

const tokenForm = lazySchema(() => z.object({ name: formField(400), _csrf: textField().optional() }));
const TOKEN_ID = /^[0-9a-f-]{36}$/;
const NO_STORE = { "Cache-Control": "no-store" };

/** The tokens a viewer sees: everyone's for an admin, else their own. */
const visible = (store: Store, viewer: Viewer) =>
  store.apiTokens.list(viewer.person.admin ? {} : { personId: viewer.person.id });

/** Revokes a token the viewer may revoke (their own; an admin, anyone's); whether there was one. */
const revoke = (store: Store, viewer: Viewer, id: string) =>
  TOKEN_ID.test(id) && store.apiTokens.revoke(id, viewer.person.admin ? undefined : viewer.person.id);

export function tokenRoutes(app: App, { auth }: RouteDeps): void {
  if (!auth) return;
  const { store } = auth;
  app.get(paths.accountTokens(), async (c) => {
    const viewer = await self(c, "person:edit");
    if (viewer instanceof Response) return viewer;
    return tokensPage(c, viewer, await visible(store, viewer));
  });

  app.post(paths.accountTokens(), validate("form", tokenForm), async (c) => {
    const viewer = await self(c, "person:edit");
    if (viewer instanceof Response) return viewer;
    const made = await store.apiTokens.create(viewer.person.id, c.req.valid("form").name);
    const tokens = await visible(store, viewer);
    c.header("Cache-Control", "no-store");
    if (!made.ok) return tokensPage(c, viewer, tokens, { problem: made.problem }, 422);
    return tokensPage(c, viewer, tokens, { secret: made.secret });
  });

  app.post("/account/tokens/:id/revoke", async (c) => {
    const viewer = await self(c, "person:edit");
    if (viewer instanceof Response) return viewer;
    if (!(await revoke(store, viewer, c.req.param("id")))) return c.notFound();
    return c.redirect(`${paths.accountTokens()}#tokens`, 303);
  });

  app.get("/api/account/tokens", async (c) => {
    const viewer = await self(c, "person:edit");
    if (viewer instanceof Response) return viewer;
    const tokens = (await visible(store, viewer)).map((t) => ({
      id: t.id,
      name: t.name,
      email: t.email,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      current: t.id === viewer.apiToken?.id,
    }));
    return c.json({ tokens }, 200, NO_STORE);
  });

  app.delete("/api/account/tokens/:id", async (c) => {
    const viewer = await self(c, "person:edit");
    if (viewer instanceof Response) return viewer;
    const id = c.req.param("id");
    if (!(await revoke(store, viewer, id)))
      throw new HttpProblem(404, { detail: "no such token", headers: NO_STORE });
    return c.json({ revoked: id }, 200, NO_STORE);
  });
}
