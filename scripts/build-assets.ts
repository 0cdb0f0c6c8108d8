/**
 * Builds dist/web/assets: the stylesheet (base.css, then every other css file in name order), the islands
 * (one browser bundle per src/web/islands/*.ts, minified), and static files such as the favicon.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = new URL("../", import.meta.url).pathname;
const src = join(root, "src/web/assets");
const out = join(root, "dist/web/assets");
mkdirSync(out, { recursive: true });

const cssDir = join(src, "css");
const cssFiles = readdirSync(cssDir)
  .filter((f) => f.endsWith(".css"))
  .sort((a, b) => (a === "base.css" ? -1 : b === "base.css" ? 1 : a.localeCompare(b)));
writeFileSync(
  join(out, "app.css"),
  cssFiles.map((f) => `/* ${f} */\n${readFileSync(join(cssDir, f), "utf8")}`).join("\n"),
);

for (const file of readdirSync(src))
  if (/\.(svg|png)$/.test(file)) copyFileSync(join(src, file), join(out, file));

const islandsDir = join(root, "src/web/islands");
const islands = readdirSync(islandsDir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
if (islands.length) {
  await build({
    entryPoints: islands.map((f) => join(islandsDir, f)),
    outdir: out,
    bundle: true,
    // classic scripts (IIFE): module scripts do not run from file://, where a static site may be opened
    format: "iife",
    minify: true,
    target: "es2022",
    platform: "browser",
    logLevel: "warning",
  });
}
console.log(`assets: app.css (${cssFiles.length} files), ${islands.length} island(s) → ${out}`);
