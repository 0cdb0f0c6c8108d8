import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join, resolve, sep } from "node:path";
import { makeFolders } from "../load/write-paths.js";
import { outputFile } from "../web/site-map.js";
import { buildPages, isFile, openSite, type PageDone } from "./build-pages.js";
import { type CliIo, EXIT, PACKAGE_ROOT, print, UsageError } from "./context.js";

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
  const out = resolve(io.cwd, options.out);
  const before = options.incremental ? await readManifest(out) : undefined;
  const started = performance.now();
  const setup = { paths, cwd: io.cwd, env: { ...io.env }, out };
  const site = await openSite(setup, await assetNames());
  try {
    const { listing } = site;
    if ("broken" in listing) {
      for (const line of listing.broken) print(io.stderr, line);
      return EXIT.errors;
    }
    // made before any thread writes under it: what cannot be a folder is said once, here
    await makeFolders(out);
    if (before?.key === listing.key && (await allThere(out, before))) {
      print(io.stdout, `rungs: ${options.out} is up to date (nothing changed since it was built)\n`);
      return EXIT.ok;
    }
    const previous = new Map(before?.files ?? []);
    // first and alone, so that its memory and the pages' are not needed at once
    const index = await site.writeSearchIndex(Object.fromEntries(previous));
    const tasks = listing.sections.flatMap((paths, section) =>
      paths.map((path) => ({ path, section, previous: previous.get(outputFile(path)) })),
    );
    const tty = Boolean(io.stderr.isTTY);
    const progress = (done: number) => {
      if (tty && (done % 25 === 0 || done === tasks.length))
        io.stderr.write(`\rrungs build: ${done}/${tasks.length} pages`);
    };
    const pages = await buildPages(
      tasks,
      { ...setup, version: listing.version, sourceBytes: listing.sourceBytes },
      jobs,
      progress,
    );
    if (tty) io.stderr.write("\n");
    const done = [...index, ...pages];
    const written = await finish(out, listing.key, done, previous);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const changes = before
      ? ` (${written.changed} changed, ${done.length - written.changed} unchanged, ${written.removed} removed)`
      : "";
    print(io.stdout, `rungs: wrote ${written.changed} files to ${options.out} in ${seconds} s${changes}\n`);
    return EXIT.ok;
  } finally {
    await site.close();
  }
}

/**
 * Removes the files the last build wrote that this one did not, and writes the manifest: how many files
 * were written and how many removed.
 */
async function finish(
  out: string,
  key: string,
  done: PageDone[],
  previous: Map<string, string>,
): Promise<{ changed: number; removed: number }> {
  const files = done.map(({ name, hash }): [string, string] => [name, hash]);
  const now = new Set(files.map(([name]) => name));
  // only files inside the folder: the manifest is a file anyone could have edited
  const gone = [...previous.keys()].filter(
    (name) => !now.has(name) && resolve(out, name).startsWith(`${out}${sep}`),
  );
  for (const name of gone) await rm(join(out, name), { force: true });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, BUILD_MANIFEST), `${JSON.stringify({ key, files } satisfies Manifest)}\n`);
  return { changed: done.filter((page) => page.written).length, removed: gone.length };
}

/** `--jobs`: a whole number of threads from 1 to MAX_JOBS; all the cores when not given. */
function jobsOption(value: string | undefined): number {
  if (value === undefined) return Math.min(availableParallelism(), MAX_JOBS);
  const jobs = Number(value);
  if (!/^\d+$/.test(value.trim()) || jobs < 1 || jobs > MAX_JOBS)
    throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS}, not "${value}"`);
  return jobs;
}

/** The built assets' file names, sorted (none when they were not built). */
async function assetNames(): Promise<string[]> {
  return (await readdir(ASSETS, { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
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
