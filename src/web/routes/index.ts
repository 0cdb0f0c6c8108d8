/** Every route module, registered in one place. */
import type { App, RouteDeps } from "../app.js";
import { accountRoutes } from "./account.js";
import { adminRoutes } from "./admin.js";
import { apiDocsRoutes } from "./api-docs.js";
import { architectureRoutes } from "./architecture.js";
import { assessmentViewRoutes } from "./assessment-view.js";
import { assessmentRoutes } from "./assessments.js";
import { dueRoutes } from "./assessments-due.js";
import { compareRoutes } from "./compare.js";
import { frameworkRoutes } from "./framework.js";
import { goalRoutes } from "./goals.js";
import { growthRoutes } from "./growth.js";
import { homeRoutes } from "./home.js";
import { levelRoutes } from "./levels.js";
import { matrixRoutes } from "./matrix.js";
import { passwordResetRoutes } from "./password-reset.js";
import { peopleRoutes } from "./people.js";
import { reviewRoutes } from "./review.js";
import { roleRoutes } from "./roles.js";
import { searchRoutes } from "./search.js";
import { setupRoutes } from "./setup.js";
import { signInRoutes } from "./sign-in.js";
import { ssoRoutes } from "./sso.js";
import { teamRoutes } from "./team.js";

export function registerRoutes(app: App, deps: RouteDeps): void {
  homeRoutes(app, deps);
  frameworkRoutes(app, deps);
  matrixRoutes(app, deps);
  searchRoutes(app, deps);
  apiDocsRoutes(app, deps);
  levelRoutes(app, deps);
  compareRoutes(app, deps);
  roleRoutes(app, deps);
  goalRoutes(app, deps);
  architectureRoutes(app, deps);
  // people and sign-in: registered only when the app has a store
  signInRoutes(app, deps);
  ssoRoutes(app, deps);
  setupRoutes(app, deps);
  accountRoutes(app, deps);
  passwordResetRoutes(app, deps);
  peopleRoutes(app, deps);
  adminRoutes(app, deps);
  teamRoutes(app, deps);
  assessmentRoutes(app, deps);
  dueRoutes(app, deps);
  assessmentViewRoutes(app, deps);
  reviewRoutes(app, deps);
  growthRoutes(app, deps);
}
