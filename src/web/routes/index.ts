/** Every route module, registered in one place. */
import type { App, RouteDeps } from "../app.js";
import { frameworkRoutes } from "./framework.js";
import { homeRoutes } from "./home.js";

export function registerRoutes(app: App, deps: RouteDeps): void {
  homeRoutes(app, deps);
  frameworkRoutes(app, deps);
}
