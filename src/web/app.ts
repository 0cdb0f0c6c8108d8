/**
 * The web app: server-rendered pages that work without JavaScript, the same data as JSON under /api/, and
 * the assets they need, all from one Hono app (also rendered to a static site by `rungs build`).
 */
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import { secureHeaders } from "hono/secure-headers";
import type { FrameworkRegistry } from "../load/registry.js";
import type { Store } from "../store/store.js";
import { type Clock, systemClock } from "../store/types.js";
import { type AuthOptions, type AuthRuntime, resolveAuthConfig } from "./auth/config.js";
import { anonymousVariant, guardRequests, identifyViewer } from "./auth/middleware.js";
import { isHttps } from "./auth/session.js";
import type { App, AppEnv, RouteDeps } from "./context.js";
import { CONTENT_SECURITY_POLICY } from "./csp.js";
import { accountRoutes } from "./features/account/routes.js";
import { tokenRoutes } from "./features/account/tokens.routes.js";
import { adminRoutes } from "./features/admin/routes.js";
import { apiDocsRoutes } from "./features/api-docs/routes.js";
import { architectureRoutes } from "./features/architecture/routes.js";
import { assessmentViewRoutes } from "./features/assessments/assessment-view.routes.js";
import { assessmentRoutes } from "./features/assessments/assessments.routes.js";
import { dueRoutes } from "./features/assessments/assessments-due.routes.js";
import { reviewRoutes } from "./features/assessments/review.routes.js";
import { caseRoutes } from "./features/case/routes.js";
import { changesRoutes } from "./features/changes/routes.js";
import { compareRoutes } from "./features/compare/routes.js";
import { exportRoutes } from "./features/exports/routes.js";
import { frameworkRoutes } from "./features/framework/routes.js";
import { frameworkImportRoutes } from "./features/framework-import/routes.js";
import { goalRoutes } from "./features/goals/routes.js";
import { growthRoutes } from "./features/growth/routes.js";
import { myHomeRoutes } from "./features/home/me.routes.js";
import { homeRoutes } from "./features/home/routes.js";
import { levelRoutes } from "./features/level/routes.js";
import { matrixRoutes } from "./features/matrix/routes.js";
import { passwordResetRoutes } from "./features/password-reset/routes.js";
import { peopleRoutes } from "./features/people/routes.js";
import { roleRoutes } from "./features/role/routes.js";
import { searchRoutes } from "./features/search/routes.js";
import { setupRoutes } from "./features/setup/routes.js";
import { signInRoutes } from "./features/sign-in/routes.js";
import { ssoRoutes } from "./features/sso/routes.js";
import { teamRoutes } from "./features/team/routes.js";
import { makeLinks } from "./links.js";
import { serveAssets } from "./middleware/assets.js";
import { DEFAULT_UPLOAD_LIMIT_BYTES, limitBodies } from "./middleware/body-limit.js";
import { validateAndCompress } from "./middleware/caching.js";
import { answersJson, handleErrors, tooLarge } from "./middleware/errors.js";
import { cachePages } from "./middleware/page-cache.js";

export interface AppOptions {
  registry: FrameworkRegistry;
  /** Render links for a static site (relative, index.html) instead of a server. */
  staticSite?: boolean;
  /** Where the built assets are (default: dist/web/assets of this package). */
  assetsDir?: string;
  /**
   * People, sessions and the rest of the database (`createStore`). Without one the app is what it always
   * was: framework pages and the API, public, with no sign-in.
   */
  store?: Store;
  /** Where "now" comes from; pass the same clock the store was created with. */
  clock?: Clock;
  /** Sign-in settings (only with a store). */
  auth?: AuthOptions;
  /**
   * The most a request body may be on routes that declare `acceptsUpload`, for people signed in (default
   * 10 MiB; `rungs serve --upload-limit`). Every other body may be at most 64 KiB.
   */
  uploadLimitBytes?: number;
}

/** Sent only over HTTPS (RFC 6797 §7.2: a browser ignores it over plain HTTP, and it must not be there). */
const HSTS = "max-age=15552000; includeSubDomains";

const DEFAULT_ASSETS = fileURLToPath(new URL("../../dist/web/assets/", import.meta.url));

export function createApp(options: AppOptions): App {
  const { registry } = options;
  const staticSite = options.staticSite ?? false;
  const assetsDir = options.assetsDir ?? DEFAULT_ASSETS;
  const auth: AuthRuntime | undefined = options.store
    ? { store: options.store, clock: options.clock ?? systemClock, config: resolveAuthConfig(options.auth) }
    : undefined;
  if (!auth && options.auth?.requireLogin)
    throw new Error("requireLogin needs a store: nobody could sign in");
  const uploadLimitBytes = options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES;
  if (!Number.isSafeInteger(uploadLimitBytes) || uploadLimitBytes <= 0)
    throw new RangeError("uploadLimitBytes must be a positive integer");
  // Hono's default router (a RegExpRouter, built at the first request) cost a server's first answer ~10.5 ms
  // of CPU over the app's ~200 routes; the TrieRouter takes ~5.5 in all, most of it as routes are added,
  // and matches as fast after (~3 µs a request either way: the middleware on `*` match every request).
  // Medians of 5 fresh processes each, w24.
  const app = new Hono<AppEnv>({ router: new TrieRouter() });

  // what a route answers when something goes wrong: decided by its kind, once (middleware/errors.tsx)
  app.use("/api/*", answersJson);
  // outermost, so it sees each answer as sent: whether it is private, and its final headers; and so an
  // anonymous GET of a page already rendered is answered before anything else runs. Not in a static build:
  // it writes bodies only (no ETag, no encoding), and reading each whole would undo a streamed download
  if (!staticSite) validateAndCompress(app, registry, anonymousVariant(auth));
  // Headers only, on every answer (the 413 of the body limit too). Nothing before the body limit reads a body.
  app.use(
    secureHeaders({
      // set below, and only over HTTPS
      strictTransportSecurity: false,
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(async (c, next) => {
    c.set("links", makeLinks(c.req.path, staticSite));
    c.set("registry", registry);
    c.set("auth", auth);
    await next();
    if (isHttps(c)) c.res.headers.set("Strict-Transport-Security", HSTS);
  });
  if (auth) identifyViewer(app, auth);
  limitBodies(app, { uploadLimitBytes, tooLarge });
  if (auth) guardRequests(app, auth);

  app.use("*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) {
      c.res.headers.set("Cache-Control", "public, max-age=0, must-revalidate");
    }
  });

  // a static build asks for each page once: keeping them would only hold the site in memory
  if (!staticSite) cachePages(app, registry);
  serveAssets(app, assetsDir);
  registerRoutes(app, auth ? { registry, staticSite, auth } : { registry, staticSite });
  handleErrors(app);
  return app;
}

/** Every feature's routes, in the order they match (src/web/api-operations.ts lists their API operations). */
function registerRoutes(app: App, deps: RouteDeps): void {
  // The public home page and its list of frameworks answer from the frameworks as read, at once; every
  // other route waits for their lint findings (a server's first frameworks come read, then linted:
  // registry.ts's \`lint\`), so no page is ever drawn from a framework the linter would refuse.
  homeRoutes(app, deps);
  app.use(async (_c, next) => {
    if (deps.registry.linting) await deps.registry.lint;
    await next();
  });
  myHomeRoutes(app, deps);
  frameworkRoutes(app, deps);
  matrixRoutes(app, deps);
  searchRoutes(app, deps);
  apiDocsRoutes(app, deps);
  levelRoutes(app, deps);
  compareRoutes(app, deps);
  roleRoutes(app, deps);
  goalRoutes(app, deps);
  architectureRoutes(app, deps);
  caseRoutes(app, deps);
  exportRoutes(app, deps);
  changesRoutes(app, deps);
  // people and sign-in: registered only when the app has a store
  signInRoutes(app, deps);
  ssoRoutes(app, deps);
  setupRoutes(app, deps);
  accountRoutes(app, deps);
  tokenRoutes(app, deps);
  passwordResetRoutes(app, deps);
  peopleRoutes(app, deps);
  adminRoutes(app, deps);
  frameworkImportRoutes(app, deps);
  teamRoutes(app, deps);
  assessmentRoutes(app, deps);
  dueRoutes(app, deps);
  assessmentViewRoutes(app, deps);
  reviewRoutes(app, deps);
  growthRoutes(app, deps);
}
