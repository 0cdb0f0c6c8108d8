import { stat } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { formatLocation } from "../core/source-location.js";
import { statsLine } from "../core/text-view.js";
import { IMPORT_FORMATS, type ImportFormat, importFormat } from "../import/formats.js";
import { runImportInThread } from "../import/import-thread.js";
import { IMPORT_LIMITS } from "../import/run.js";
import { type Bend, formatBends, ImportError, type ImportInput } from "../import/types.js";
import { writeFrameworkFiles } from "../import/write.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { formatBytes } from "../load/limits.js";
import { schemeDirs } from "../load/occupations.js";
import { writeOutFile } from "../load/write-paths.js";
import { listYamlFiles } from "../load/yaml-files.js";
import { yamlLibrary } from "../load/yaml-library.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { readBoundedFile } from "./read-file.js";

export interface ImportCommandOptions {
  out?: string;
  map?: string;
  strict?: boolean;
  force?: boolean;
  template?: boolean;
  provenance?: boolean;
}

/** Reads one input file within the import's size bound; a path that cannot be read is a usage error. */
async function readInput(path: string, io: CliIo): Promise<ImportInput> {
  const bytes = await readBoundedFile(path, io, { maxBytes: IMPORT_LIMITS.bytes });
  return { name: path, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
}

/**
 * The input files: each path given, a folder standing for the files in it (at any depth, hidden ones and
 * node_modules aside, in path order) whose names the format reads, as Pathway's data folder or Monzo's
 * frameworks folder are published. What the format skips by design is left unread and uncounted, said in
 * one bend per folder. A folder with none, or with more than an import reads, is a usage error.
 */
async function inputPaths(
  paths: string[],
  format: ImportFormat,
  io: CliIo,
): Promise<{ files: string[]; bends: Bend[] }> {
  const files: string[] = [];
  const bends: Bend[] = [];
  for (const path of paths) {
    const full = resolve(io.cwd, path);
    if (!(await stat(full).catch(() => undefined))?.isDirectory()) {
      files.push(path);
      continue;
    }
    const limits = { files: IMPORT_LIMITS.files, folders: IMPORT_LIMITS.folders };
    const names = new RegExp(`(${format.files.map((e) => e.replaceAll(".", "\\.")).join("|")})$`, "i");
    const skips = format.skips ?? [];
    const skip = (name: string, folder: boolean) =>
      skips.some((s) => s.folder === folder && s.name.toLowerCase() === name.toLowerCase());
    const listing = await listYamlFiles(full, nodeFileSystem, limits, names, skip);
    if (listing.truncated)
      throw new UsageError(
        `${path}: more than ${limits[listing.truncated]} ${listing.truncated} to read; an import reads at most ${IMPORT_LIMITS.files} files: name the files to read`,
      );
    const under = (f: string) => join(path, relative(full, f));
    const skipped = (listing.skipped ?? []).map(under);
    if (listing.files.length === 0)
      throw new UsageError(
        `${path}: a folder without a file the ${format.name} import reads (${format.files.join(", ")})${skipped.length ? `; ${skippedBend(path, skipped, skips).message}` : ""}`,
      );
    files.push(...listing.files.map((f) => under(f.path)));
    if (skipped.length) bends.push(skippedBend(path, skipped, skips));
  }
  return { files, bends };
}

/** One `dropped` bend for what a folder held that the format skips by design: folders by path, files counted. */
function skippedBend(folder: string, skipped: string[], skips: NonNullable<ImportFormat["skips"]>): Bend {
  const parts: string[] = [];
  for (const what of new Set(skips.map((s) => s.what))) {
    const named = new Set(skips.filter((s) => s.what === what).map((s) => s.name.toLowerCase()));
    const hits = skipped.filter((p) => named.has(basename(p).toLowerCase()));
    if (!hits.length) continue;
    const folders = skips.some((s) => s.what === what && s.folder);
    const listed =
      folders || hits.length === 1
        ? hits.map((p) => (folders ? `${p}/` : p)).join(", ")
        : `${hits.length} files named ${[...named].join(" or ")}`;
    parts.push(`${listed} (${what})`);
  }
  return {
    kind: "dropped",
    at: { file: folder },
    message: `not read, by design (no place in a rungs framework): ${parts.join("; ")}`,
  };
}

/**
 * `rungs import <format> <input...> --out DIR [--map FILE] [--strict]`: reads the inputs, prints the bend
 * report, and writes the framework only when everything read and the result passes `rungs check`.
 */
export async function importCommand(
  format: string,
  paths: string[],
  options: ImportCommandOptions,
  io: CliIo,
): Promise<number> {
  const found = importFormat(format);
  if (!found)
    throw new UsageError(
      `no import format "${format}"; formats: ${IMPORT_FORMATS.map((f) => f.name).join(", ")}`,
    );
  if (options.template) {
    const importer = await found.load();
    if (!importer.template) throw new UsageError(`the ${format} format has no template`);
    const template = await importer.template();
    if (options.out) {
      await writeOutFile(resolve(io.cwd, options.out), template.bytes);
      print(io.stdout, `wrote ${options.out}\n`);
    } else if (template.name.endsWith(".csv")) io.stdout.write(template.bytes);
    else throw new UsageError(`the ${format} template is a binary file: give --out FILE`);
    return EXIT.ok;
  }
  if (!options.out) throw new UsageError("give --out DIR: the folder to write the framework to");
  if (paths.length === 0) throw new UsageError("give at least one input file (or a folder of them)");
  try {
    const { files, bends: skipped } = await inputPaths(paths, found, io);
    const inputs = [];
    let total = 0;
    for (const path of files) {
      const input = await readInput(path, io);
      // refused at the file that passes the bound: a folder of many files is never read whole first
      total += input.bytes.byteLength;
      if (total > IMPORT_LIMITS.bytes)
        throw new UsageError(
          `${path}: the inputs up to this file hold ${formatBytes(total)}, more than the ${formatBytes(IMPORT_LIMITS.bytes)} an import reads`,
        );
      inputs.push(input);
    }
    const map = options.map ? await readMap(options.map, io) : undefined;
    const run = await runImportInThread({
      format,
      inputs,
      options: {
        strict: options.strict === true,
        ...(skipped.length ? { bends: skipped } : {}),
        ...(map ? { map, mapName: basename(options.map ?? "") } : {}),
      },
      schemeDirs: schemeDirs(io.env, io.cwd),
    });
    const out = resolve(io.cwd, options.out);
    await writeFrameworkFiles(out, run.files, { force: options.force === true });
    for (const line of formatBends(run.bends)) print(io.stdout, `${line}\n`);
    if (options.provenance)
      for (const [entity, at] of run.provenance)
        print(io.stdout, `from     ${formatLocation(at)}: ${entity}\n`);
    // a framework written beside its base (monzo's generic) is checked in its own folder
    const checkPath = run.folders.length ? join(options.out, run.id) : options.out;
    const warnings = run.diagnostics.filter((d) => d.severity === "warning").length;
    if (warnings > 0)
      print(
        io.stdout,
        `note     rungs check finds ${warnings} warning${warnings === 1 ? "" : "s"} (run \`rungs check ${checkPath}\`)\n`,
      );
    const bends = run.bends.length;
    print(
      io.stdout,
      `imported ${run.name} (${run.id}): ${statsLine(run.stats)}; ${bends} bend${bends === 1 ? "" : "s"} → ${options.out}\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    for (const problem of error.problems)
      print(io.stderr, `rungs: ${formatLocation(problem.at)}: ${problem.message}\n`);
    print(io.stderr, "rungs: nothing was written\n");
    return EXIT.errors;
  }
}

/** The --map file: YAML (or JSON), read with the same care as any input. */
async function readMap(path: string, io: CliIo): Promise<unknown> {
  const input = await readInput(path, io);
  try {
    return yamlLibrary().parse(new TextDecoder().decode(input.bytes), { maxAliasCount: 100 });
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new ImportError([
      {
        at: { file: path, ...(line ? { line } : {}) },
        message: `not a readable map: ${(error as Error).message.split("\n")[0]}`,
      },
    ]);
  }
}
