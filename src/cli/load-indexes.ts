/** Loads several frameworks for the commands that read across them (`adjacent`, `equivalence`). */
import { resolve } from "node:path";
import { type FrameworkIndex, indexFramework } from "../core/model.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import { type CliIo, EXAMPLES, print, UsageError } from "./context.js";

/**
 * Framework id → index, in the order of `paths` (the bundled examples when none are given). A path that
 * cannot be loaded, or two paths with one framework id, is a UsageError; a framework with errors is used
 * as far as it could be read, with a warning on standard error.
 */
export async function loadIndexes(paths: string[], io: CliIo): Promise<Map<string, FrameworkIndex>> {
  const indexes = new Map<string, FrameworkIndex>();
  const where = new Map<string, string>();
  for (const path of paths.length ? paths : EXAMPLES) {
    const loaded = await loadFramework(resolve(io.cwd, path), nodeFileSystem);
    if (!loaded.framework) {
      const first = loaded.diagnostics[0];
      throw new UsageError(
        `cannot load ${path}${first ? `: ${first.message}` : ""} (run \`rungs check ${path}\` for every problem)`,
      );
    }
    const errors = loaded.diagnostics.filter((d) => d.severity === "error").length;
    if (errors > 0) {
      print(
        io.stderr,
        `rungs: ${path} has ${errors} error${errors === 1 ? "" : "s"}; using what could be read (run \`rungs check ${path}\`)\n`,
      );
    }
    const id = loaded.framework.id;
    const earlier = where.get(id);
    if (earlier !== undefined) {
      throw new UsageError(`${earlier} and ${path} are both framework "${id}"; give each framework once`);
    }
    where.set(id, path);
    indexes.set(id, indexFramework(loaded.framework));
  }
  return indexes;
}

/** Lays out rows of cells as left-aligned columns two spaces apart, without trailing spaces. */
export function columns(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - [...cell].length),
        )
        .join("  ")
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}
