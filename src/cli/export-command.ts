import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { indexFramework } from "../core/model.js";
import {
  EXPORT_FORMATS,
  ExportError,
  type ExportFile,
  type ExportOptions,
  exportFormat,
  resolvedNotes,
} from "../export/formats.js";
import { newestChange, nodeFileSystem } from "../load/fs-port.js";
import { checkFramework } from "../load/load-framework.js";
import { writeOutFile } from "../load/write-paths.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { frameworkPaths } from "./load-indexes.js";

export interface ExportCommandOptions extends ExportOptions {
  out: string;
}

/**
 * `rungs export <format> [paths...] --out FILE|DIR`: each framework (the bundled examples when no path is
 * given) through the format's exporter. One framework exported as one file goes to FILE when `--out` is not
 * an existing folder and does not end in `/`; otherwise everything goes under DIR, in a sub-folder per
 * framework when there are several. A framework with errors is refused (exit 1): `rungs check` says why.
 */
export async function exportCommand(
  format: string,
  paths: string[],
  options: ExportCommandOptions,
  io: CliIo,
): Promise<number> {
  const found = exportFormat(format);
  if (!found)
    throw new UsageError(
      `no export format "${format}"; formats: ${EXPORT_FORMATS.map((f) => f.name).join(", ") || "none"}`,
    );
  const exporter = await found.load();
  const targets = await frameworkPaths(paths, io);
  const outputs: { id: string; files: ExportFile[] }[] = [];
  for (const path of targets) {
    const checked = await checkFramework(resolve(io.cwd, path), nodeFileSystem);
    // a path that is not there is a typo to fix (exit 2), not a framework with errors
    const unreadable = checked.diagnostics.find((d) => d.code === "read-error");
    if (unreadable) throw new UsageError(`cannot read ${path}: ${unreadable.message}`);
    const errors = checked.diagnostics.filter((d) => d.severity === "error").length;
    if (!checked.framework || errors > 0) {
      print(io.stderr, `rungs: ${path} has errors; nothing was exported (run \`rungs check ${path}\`)\n`);
      return EXIT.errors;
    }
    try {
      const { level, role } = options;
      const changed = await newestChange(
        nodeFileSystem,
        checked.files.map((f) => f.file),
      );
      const index = indexFramework(checked.framework);
      const result = await exporter.write(index, {
        ...(level !== undefined ? { level } : {}),
        ...(role !== undefined ? { role } : {}),
        ...(changed ? { changed } : {}),
        // pdf prints the web app's pages; the export layer itself never imports the web app
        ...(format === "pdf" ? { pages: (await import("../web/print-pages.js")).printablePages } : {}),
      });
      for (const note of [...resolvedNotes(index), ...result.notes])
        print(io.stderr, `rungs: ${path}: ${note}\n`);
      outputs.push({ id: checked.framework.id, files: result.files });
    } catch (error) {
      if (error instanceof ExportError) throw new UsageError(`${path}: ${error.message}`);
      throw error;
    }
  }
  const out = resolve(io.cwd, options.out);
  const isDir = options.out.endsWith("/") || (await stat(out).catch(() => undefined))?.isDirectory() === true;
  const single = outputs.length === 1 && outputs[0]?.files.length === 1 && !isDir;
  const written: string[] = [];
  for (const { id, files } of outputs)
    for (const file of files) {
      const target = single ? out : join(out, outputs.length > 1 ? id : "", file.name);
      if (!target.startsWith(single ? out : `${out}/`)) throw new Error(`an exporter named ${file.name}`);
      await writeOutFile(target, file.data);
      written.push(target);
    }
  for (const file of written) print(io.stdout, `wrote ${file}\n`);
  return EXIT.ok;
}
