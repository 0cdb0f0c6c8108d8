import { delimiter, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type OccupationCatalog, parseSchemeCsv, parseSocCsv, type SchemeList } from "../core/occupations.js";
import type { FileSystemPort } from "./fs-port.js";
import { DEFAULT_LOAD_LIMITS, formatBytes } from "./limits.js";

/** The bundled SOC 2018 list (data/soc2018.csv), read once per process. */
export const SOC_2018_PATH = fileURLToPath(new URL("../../data/soc2018.csv", import.meta.url));

/** The bundled folder of scheme lists (`<scheme-id>.csv`). */
export const BUNDLED_SCHEMES_DIR = fileURLToPath(new URL("../../data/schemes", import.meta.url));

/** The environment variable naming the user's folder(s) of scheme lists. */
export const SCHEMES_DIR_ENV = "RUNGS_SCHEMES_DIR";

const SCHEME_FILE = /^([a-z0-9]+(?:[-_.][a-z0-9]+)*)\.csv$/i;

/**
 * The folders scheme lists are read from, in order (a later folder's list replaces an earlier one of the
 * same scheme): the bundled `data/schemes/`, then each folder of `RUNGS_SCHEMES_DIR` (several joined by
 * `:`, or `;` on Windows), relative ones resolved against `cwd`.
 */
export function schemeDirs(env: NodeJS.ProcessEnv, cwd: string): string[] {
  const own = (env[SCHEMES_DIR_ENV] ?? "")
    .split(delimiter)
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => resolve(cwd, d));
  return [BUNDLED_SCHEMES_DIR, ...own];
}

export interface SchemeLists {
  schemes: Map<string, SchemeList>;
  /** Problems found while reading, as `file:line: message` (or `folder: message`), in reading order. */
  problems: string[];
}

/** Reads every `<scheme-id>.csv` of the folders; other files are ignored. Never throws. */
export async function loadSchemeLists(fs: FileSystemPort, dirs: readonly string[]): Promise<SchemeLists> {
  const schemes = new Map<string, SchemeList>();
  const problems: string[] = [];
  for (const dir of dirs) {
    const info = await fs.stat(dir);
    if (!info?.isDirectory) {
      // The bundled folder may be left out of a trimmed install; only a folder the user named is a mistake.
      if (dir !== BUNDLED_SCHEMES_DIR) problems.push(`${dir}: no such folder (${SCHEMES_DIR_ENV})`);
      continue;
    }
    const names = (await fs.readDir(dir)).filter((n) => /\.csv$/i.test(n)).sort();
    for (const name of names) {
      const file = join(dir, name);
      const id = SCHEME_FILE.exec(name)?.[1]?.toLowerCase();
      if (!id) {
        problems.push(`${file}: the file name must be a scheme id followed by .csv, e.g. isco-08.csv`);
        continue;
      }
      const size = (await fs.stat(file))?.size ?? 0;
      if (size > DEFAULT_LOAD_LIMITS.fileBytes) {
        const limit = formatBytes(DEFAULT_LOAD_LIMITS.fileBytes);
        problems.push(`${file}: ${formatBytes(size)}, over the limit of ${limit} for one file; not read`);
        continue;
      }
      let text: string;
      try {
        text = await fs.readFile(file);
      } catch {
        problems.push(`${file}: cannot be read`);
        continue;
      }
      const parsed = parseSchemeCsv(text);
      for (const p of parsed.problems) problems.push(`${file}:${p.line}: ${p.message}`);
      schemes.set(id, parsed.list);
    }
  }
  return { schemes, problems };
}

const cache = new WeakMap<FileSystemPort, Map<string, Promise<OccupationCatalog>>>();

/**
 * The SOC 2018 list with the scheme lists of `schemeDirs` attached (`catalog.schemes`), and the problems
 * met reading them (`catalog.schemeProblems`). Read once per file system and set of folders. Without
 * options the folders come from this process's environment and working directory.
 */
export function loadOccupations(
  fs: FileSystemPort,
  options: { schemeDirs?: readonly string[] } = {},
): Promise<OccupationCatalog & { schemeProblems: string[] }> {
  const dirs = options.schemeDirs ?? schemeDirs(process.env, process.cwd());
  const key = dirs.join("\n");
  let byDirs = cache.get(fs);
  if (!byDirs) {
    byDirs = new Map();
    cache.set(fs, byDirs);
  }
  let loaded = byDirs.get(key);
  if (!loaded) {
    loaded = Promise.all([fs.readFile(SOC_2018_PATH).then(parseSocCsv), loadSchemeLists(fs, dirs)]).then(
      ([soc, lists]) => Object.assign(soc, { schemes: lists.schemes, schemeProblems: lists.problems }),
    );
    byDirs.set(key, loaded);
  }
  return loaded as Promise<OccupationCatalog & { schemeProblems: string[] }>;
}
