/**
 * `rungs export pdf`: a level, a role or the whole framework (its competency matrix) printed by a local
 * Chromium with the pages' own print stylesheet. The page is rendered as the static site renders it (the
 * web app over the framework, from memory, handed in as PrintablePages), written with its stylesheet to a temporary folder, and printed
 * from there with `--print-to-pdf`: no server, no network, no browser library at run time.
 *
 * Which Chromium: RUNGS_CHROMIUM, else /usr/bin/chromium, else the first of chromium, chromium-browser,
 * google-chrome, google-chrome-stable on PATH. None is a clear message (docs/export.md, "PDF").
 */
import { execFile } from "node:child_process";
import { access, constants, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { FrameworkIndex } from "../core/model.js";
import { didYouMean } from "../core/text.js";

const NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
const APP_CSS = fileURLToPath(new URL("../../dist/web/assets/app.css", import.meta.url));

/**
 * The pages to print, from the web app: the export layer may not import it, so whoever runs the export (the
 * CLI) passes src/web/print-pages.ts in.
 */
export interface PrintablePages {
  /** The site path of a level's or role's page, or the framework's matrix. */
  path(fw: string, page: { kind: "level" | "role"; id: string } | { kind: "matrix" }): string;
  /** The file the static site writes for a site path (`…/index.html`). */
  file(path: string): string;
  /** The page's HTML as the static site has it. */
  render(index: FrameworkIndex, path: string): Promise<string>;
}

/** A request the PDF export cannot serve: no browser, an unknown level or role. */
export class PdfError extends Error {}

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The Chromium to print with; a PdfError saying what to do when there is none. */
export async function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  known: readonly string[] = ["/usr/bin/chromium"],
): Promise<string> {
  const named = env.RUNGS_CHROMIUM;
  if (named !== undefined && named !== "") {
    if (await executable(named)) return named;
    throw new PdfError(
      `RUNGS_CHROMIUM=${named} is not an executable file; point it at Chromium or Chrome to print PDFs`,
    );
  }
  for (const path of known) if (await executable(path)) return path;
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const name of NAMES) if (await executable(join(dir, name))) return join(dir, name);
  }
  throw new PdfError(
    "no Chromium found to print the PDF: install chromium, or set RUNGS_CHROMIUM to the path of Chromium or Chrome",
  );
}

/** The site path of what to print: the level, the role, or the whole framework as its matrix. */
function pagePath(
  index: FrameworkIndex,
  options: { level?: string; role?: string },
  pages: PrintablePages,
): string {
  const fw = index.framework.id;
  if (options.level !== undefined && options.role !== undefined)
    throw new PdfError("give --level or --role, not both");
  if (options.level !== undefined) {
    if (!index.levels.has(options.level))
      throw new PdfError(
        `no level "${options.level}"; ${didYouMean(options.level, index.levels.keys()) ?? `levels: ${[...index.levels.keys()].join(", ")}`}`,
      );
    return pages.path(fw, { kind: "level", id: options.level });
  }
  if (options.role !== undefined) {
    if (!index.roles.has(options.role))
      throw new PdfError(
        `no role "${options.role}"; ${didYouMean(options.role, index.roles.keys()) ?? `roles: ${[...index.roles.keys()].join(", ") || "none"}`}`,
      );
    return pages.path(fw, { kind: "role", id: options.role });
  }
  return pages.path(fw, { kind: "matrix" });
}

function run(file: string, args: string[]): Promise<string | undefined> {
  return new Promise((done) => {
    execFile(file, args, { timeout: 120_000, maxBuffer: 8 * 1024 * 1024 }, (error, _out, stderr) =>
      done(error ? `${error.message.split("\n")[0]} ${stderr}`.trim() : undefined),
    );
  });
}

/** The PDF of a level, a role or (neither given) the whole framework. */
export async function printPdf(
  index: FrameworkIndex,
  options: { level?: string; role?: string },
  pages: PrintablePages,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ name: string; data: Uint8Array }> {
  const chromium = await findChromium(env);
  const page = pagePath(index, options, pages);
  const html = await pages.render(index, page);
  const dir = await mkdtemp(join(tmpdir(), "rungs-pdf-"));
  try {
    const file = join(dir, "site", pages.file(page));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, html);
    await mkdir(join(dir, "site", "assets"), { recursive: true });
    await copyFile(APP_CSS, join(dir, "site", "assets", "app.css"));
    const pdf = join(dir, "out.pdf");
    const failed = await run(chromium, [
      "--headless",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${join(dir, "profile")}`,
      // Chromium refuses its sandbox to root (containers, CI); the page is our own, rendered from the
      // framework, and its island scripts are not copied beside it, so nothing runs
      ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
      "--no-pdf-header-footer",
      `--print-to-pdf=${pdf}`,
      pathToFileURL(file).href,
    ]);
    const data = await readFile(pdf).catch(() => undefined);
    if (failed || !data || data.subarray(0, 5).toString("latin1") !== "%PDF-")
      throw new Error(`${chromium} did not print the PDF${failed ? `: ${failed}` : ""}`);
    const what = options.level ?? options.role ?? "framework";
    return { name: `${index.framework.id}-${what}.pdf`, data: new Uint8Array(data) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
