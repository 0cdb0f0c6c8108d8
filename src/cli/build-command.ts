import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { createApp } from "../web/app.js";
import { outputFile, sitePaths } from "../web/site-map.js";
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

/** Writes every page as static files under `out`, with progress on a terminal. */
export async function buildCommand(
  paths: string[],
  options: { out: string; incremental?: boolean | undefined },
  io: CliIo,
): Promise<number> {
  const registry = await openRegistry(paths, io);
  const broken = registry.list().filter((fw) => !fw.ok);
  if (broken.length) {
    for (const fw of broken) {
      const errors = fw.diagnostics.filter((d) => d.severity === "error");
      print(io.stderr, `rungs: ${fw.id} has ${errors.length} error(s); run \`rungs check ${fw.path}\`\n`);
    }
    return EXIT.errors;
  }
  const out = resolve(io.cwd, options.out);
  const app = createApp({ registry, staticSite: true });
  const assets = (await readdir(ASSETS, { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
  const pages = [...sitePaths(registry, assets), "/404.html"];
  const key = `${VERSION} ${registry.version}`;
  const before = options.incremental ? await readManifest(out) : undefined;
  const started = performance.now();
  if (before?.key === key && (await allThere(out, before))) {
    print(io.stdout, `rungs: ${options.out} is up to date (nothing changed since it was built)\n`);
    return EXIT.ok;
  }
  const previous = new Map(before?.files ?? []);
  const tty = Boolean(io.stderr.isTTY);
  const files: [string, string][] = [];
  let written = 0;
  for (const path of pages) {
    const res = await app.request(path);
    const expected = path === "/404.html" ? 404 : 200;
    if (res.status !== expected) throw new UsageError(`cannot build ${path}: the app answered ${res.status}`);
    const name = outputFile(path);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const hash = createHash("sha256").update(bytes).digest("base64url");
    files.push([name, hash]);
    const file = join(out, name);
    if (previous.get(name) !== hash || !(await exists(file))) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, bytes);
      written++;
    }
    if (tty && (files.length % 25 === 0 || files.length === pages.length))
      io.stderr.write(`\rrungs build: ${files.length}/${pages.length} pages`);
  }
  if (tty) io.stderr.write("\n");
  const now = new Set(files.map(([name]) => name));
  // only files inside the folder: the manifest is a file anyone could have edited
  const gone = [...previous.keys()].filter(
    (name) => !now.has(name) && resolve(out, name).startsWith(`${out}${sep}`),
  );
  for (const name of gone) await rm(join(out, name), { force: true });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, BUILD_MANIFEST), `${JSON.stringify({ key, files } satisfies Manifest)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const changes = before
    ? ` (${written} changed, ${files.length - written} unchanged, ${gone.length} removed)`
    : "";
  print(io.stdout, `rungs: wrote ${written} files to ${options.out} in ${seconds} s${changes}\n`);
  return EXIT.ok;
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

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Whether every file the manifest lists is still in `out` (someone may have deleted some). */
async function allThere(out: string, manifest: Manifest): Promise<boolean> {
  for (const [name] of manifest.files) if (!(await exists(join(out, name)))) return false;
  return true;
}
