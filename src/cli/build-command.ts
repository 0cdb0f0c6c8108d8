import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join, resolve, sep } from "node:path";
import { createApp } from "../web/app.js";
import type { App } from "../web/context.js";
import { outputFile, sitePaths } from "../web/site-map.js";
import { buildPages, buildSearchIndex, isFile } from "./build-pages.js";
import { type CliIo, EXIT, PACKAGE_ROOT, print, UsageError, VERSION } from "./context.js";
import { openRegistry } from "./serve-command.js";

/** The built assets (npm run build), whether this runs from dist/ or from the sources in tests. */
const ASSETS = join(PACKAGE_ROOT, "dist/web/assets");

/**
 * What a build leaves beside the site: the key it was built from (rungs' version and every framework's
 * content hash) and each file's content hash, so `--incremental` can skip an unchanged site, rewrite only
 * the files whose content changed, and remove the ones the site no longer has.
 */
export const BUILD_MANIFEST = ".rungs-build.json";

interface Manifest {
  key: string;
  files: [string, string][];
}

/** `rungs build`'s options, as commander gives them. */
export interface BuildOptions {
  out: string;
  incremental?: boolean | undefined;
  jobs?: string | undefined;
}

/** The most threads `--jobs` may ask for: each holds the frameworks, so memory bounds it. */
const MAX_JOBS = 64;

/** Writes every page as static files under `out`, with progress on a terminal. */
export async function buildCommand(paths: string[], options: BuildOptions, io: CliIo): Promise<number> {
  const jobs = jobsOption(options.jobs);
  const site = await siteToBuild(paths, io);
  if (typeof site === "number") return site;
  const out = resolve(io.cwd, options.out);
  const before = options.incremental ? await readManifest(out) : undefined;
  const started = performance.now();
  if (before?.key === site.key && (await allThere(out, before))) {
    print(io.stdout, `rungs: ${options.out} is up to date (nothing changed since it was built)\n`);
    return EXIT.ok;
  }
  const previous = new Map(before?.files ?? []);
  const tasks = site.pages.map((path) => ({ path, previous: previous.get(outputFile(path)) }));
  const tty = Boolean(io.stderr.isTTY);
  const progress = (done: number) => {
    if (tty && (done % 25 === 0 || done === tasks.length))
      io.stderr.write(`\rrungs build: ${done}/${tasks.length} pages`);
  };
  const setup = { paths, cwd: io.cwd, env: { ...io.env }, out, version: site.version };
  // first and alone, so that its memory and the pages' are not needed at once
  const index = await buildSearchIndex(setup, Object.fromEntries(previous));
  const done = [...index, ...(await buildPages(site.app, tasks, setup, jobs, progress))];
  if (tty) io.stderr.write("\n");
  const files = done.map(({ name, hash }): [string, string] => [name, hash]);
  const written = done.filter((page) => page.written).length;
  const now = new Set(files.map(([name]) => name));
  // only files inside the folder: the manifest is a file anyone could have edited
  const gone = [...previous.keys()].filter(
    (name) => !now.has(name) && resolve(out, name).startsWith(`${out}${sep}`),
  );
  for (const name of gone) await rm(join(out, name), { force: true });
  await mkdir(out, { recursive: true });
  await writeFile(
    join(out, BUILD_MANIFEST),
    `${JSON.stringify({ key: site.key, files } satisfies Manifest)}\n`,
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const changes = before
    ? ` (${written} changed, ${files.length - written} unchanged, ${gone.length} removed)`
    : "";
  print(io.stdout, `rungs: wrote ${written} files to ${options.out} in ${seconds} s${changes}\n`);
  return EXIT.ok;
}

/** `--jobs`: a whole number of threads from 1 to MAX_JOBS; all the cores when not given. */
function jobsOption(value: string | undefined): number {
  if (value === undefined) return Math.min(availableParallelism(), MAX_JOBS);
  const jobs = Number(value);
  if (!/^\d+$/.test(value.trim()) || jobs < 1 || jobs > MAX_JOBS)
    throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS}, not "${value}"`);
  return jobs;
}

/**
 * The frameworks loaded and checked, the pages of their site in order, the key of what they were built
 * from, and the app this thread renders its share of the pages with (each worker loads its own). An exit
 * status when a framework has errors.
 */
async function siteToBuild(
  paths: string[],
  io: CliIo,
): Promise<{ pages: string[]; key: string; version: string; app: App } | number> {
  const registry = await openRegistry(paths, io);
  const broken = registry.list().filter((fw) => !fw.ok);
  if (broken.length) {
    for (const fw of broken) {
      const errors = fw.diagnostics.filter((d) => d.severity === "error");
      const count = `${errors.length} error${errors.length === 1 ? "" : "s"}`;
      print(io.stderr, `rungs: ${fw.id} has ${count}; nothing was built (run \`rungs check ${fw.path}\`)\n`);
    }
    return EXIT.errors;
  }
  const assets = (await readdir(ASSETS, { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
  // the search index's files are written by a thread of their own (buildSearchIndex)
  const pages = [...sitePaths(registry, assets, false), "/404.html"];
  const key = `${VERSION} ${registry.version}`;
  return { pages, key, version: registry.version, app: createApp({ registry, staticSite: true }) };
}

/** The last build's manifest in `out`, if there is a readable one. */
async function readManifest(out: string): Promise<Manifest | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(out, BUILD_MANIFEST), "utf8"));
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const { key, files } = parsed as Partial<Manifest>;
    const pairs = Array.isArray(files) ? files : [];
    const valid = pairs.every(
      (f) => Array.isArray(f) && f.length === 2 && f.every((x) => typeof x === "string"),
    );
    return typeof key === "string" && valid ? { key, files: pairs } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether every file the manifest lists is still in `out` (someone may have deleted some). */
async function allThere(out: string, manifest: Manifest): Promise<boolean> {
  for (const [name] of manifest.files) if (!(await isFile(join(out, name)))) return false;
  return true;
}
