/** The built stylesheets, scripts and icons under /assets/, by an allowlist of file types. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { App } from "../context.js";

// a Map: the extension comes from the URL
const CONTENT_TYPES = new Map<string, string>([
  [".css", "text/css; charset=utf-8"],
  [".js", "text/javascript; charset=utf-8"],
  [".svg", "image/svg+xml"],
  [".json", "application/json; charset=utf-8"],
  [".png", "image/png"],
]);

/** Serves files from `assetsDir` at /assets/:file. */
export function serveAssets(app: App, assetsDir: string): void {
  app.get("/assets/:file{[a-z0-9][a-z0-9._-]*}", async (c) => {
    const file = c.req.param("file");
    const ext = file.slice(file.lastIndexOf("."));
    const type = CONTENT_TYPES.get(ext);
    if (!type) return c.notFound();
    try {
      const body = await readFile(join(assetsDir, file));
      return c.body(body, 200, { "Content-Type": type, "Cache-Control": "public, max-age=3600" });
    } catch {
      return c.notFound();
    }
  });

  // browsers ask for /favicon.ico on pages without a <link rel=icon> (the plain-text views)
  app.get("/favicon.ico", (c) => c.redirect("/assets/favicon.svg", 301));
}
