import { mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { createApp } from "../web/app.js";
import { outputFile, sitePaths } from "../web/site-map.js";
import { type CliIo, EXIT, PACKAGE_ROOT, print, UsageError } from "./context.js";
import { openRegistry } from "./serve-command.js";

/** The built assets (npm run build), whether this runs from dist/ or from the sources in tests. */
const ASSETS = join(PACKAGE_ROOT, "dist/web/assets");

/** Writes every page as static files under `out`, with progress on a terminal. */
export async function buildCommand(paths: string[], options: { out: string }, io: CliIo): Promise<number> {
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
  const pages = sitePaths(registry, assets);
  const tty = Boolean(io.stderr.isTTY);
  const started = performance.now();
  let done = 0;
  for (const path of pages) {
    const res = await app.request(path);
    if (res.status !== 200) throw new UsageError(`cannot build ${path}: the app answered ${res.status}`);
    const file = join(out, outputFile(path));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, new Uint8Array(await res.arrayBuffer()));
    done++;
    if (tty && (done % 25 === 0 || done === pages.length))
      io.stderr.write(`\rrungs build: ${done}/${pages.length} pages`);
  }
  const notFound = await app.request("/404.html");
  await writeFile(join(out, "404.html"), await notFound.text());
  if (tty) io.stderr.write("\n");
  const ms = performance.now() - started;
  print(
    io.stdout,
    `rungs: wrote ${pages.length + 1} files to ${options.out} in ${(ms / 1000).toFixed(1)} s\n`,
  );
  return EXIT.ok;
}
