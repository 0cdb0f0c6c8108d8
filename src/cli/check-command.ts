import { resolve } from "node:path";
import { indexFramework } from "../core/model.js";
import { escapeControl } from "../core/text.js";
import { frameworkStats, statsLine } from "../core/text-view.js";
import { nodeGit } from "../load/framework-version.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { type CheckResult, checkFramework } from "../load/load-framework.js";
import { loadCatalog } from "./catalog.js";
import { type CliIo, EXIT } from "./context.js";
import { formatCounts, formatDiagnostic, type Style, styleFor } from "./format-diagnostics.js";
import { frameworkPaths } from "./load-indexes.js";

/** Diagnostics printed per file in text: a broken or hostile file must not bury the rest of the report. */
export const SHOWN_PER_FILE = 100;

/** Checks each path; text for people, JSON for tools. */
export async function checkCommand(
  paths: string[],
  options: { format: "text" | "json"; publish?: boolean },
  io: CliIo,
): Promise<number> {
  const targets = await frameworkPaths(paths, io);
  // Read only for a framework with classification codes, once. A broken scheme list is not the framework's
  // fault: said once on standard error, not counted.
  let catalog: ReturnType<typeof loadCatalog> | undefined;
  const occupations = async () => {
    if (catalog) return catalog;
    catalog = loadCatalog(io);
    for (const problem of (await catalog).schemeProblems)
      io.stderr.write(`rungs: warning: ${escapeControl(problem)}\n`);
    return catalog;
  };
  const results: { path: string; result: CheckResult }[] = [];
  for (const path of targets) {
    results.push({
      path,
      result: await checkFramework(resolve(io.cwd, path), nodeFileSystem, {
        occupations,
        publish: options.publish === true,
        // the version (content hash, and the commit from git) is shown only in the JSON report
        ...(options.format === "json" ? { git: nodeGit } : { version: false }),
      }),
    });
  }
  for (const { result } of results) relativize(result, io.cwd);

  if (options.format === "json") {
    const report = {
      frameworks: results.map(({ path, result }) => ({
        path,
        id: result.framework?.id,
        version: result.version,
        ok: result.ok,
        stats: result.framework ? frameworkStats(indexFramework(result.framework)) : undefined,
        diagnostics: result.diagnostics,
      })),
    };
    io.stdout.write(`${escapeControl(JSON.stringify(report, null, 2))}\n`);
  } else {
    const style = styleFor(io.stdout, io.env);
    for (const { path, result } of results) io.stdout.write(textReport(path, result, style));
  }
  if (results.some(({ result }) => result.diagnostics.some((d) => d.code === "read-error")))
    return EXIT.usage;
  return results.every(({ result }) => result.ok) ? EXIT.ok : EXIT.errors;
}

/**
 * One framework's report in text: its first SHOWN_PER_FILE diagnostics per file, how many more, and a summary
 * line. Exported so that the hostile corpus holds this text to its rules in process, where its cases are loaded
 * once (test/hostile-corpus.test.ts).
 */
export function textReport(path: string, result: CheckResult, style: Style): string {
  const out: string[] = [];
  const sources = new Map(result.files.map((f) => [f.file, f.lines]));
  const shown = new Map<string, number>();
  for (const d of result.diagnostics) {
    const count = (shown.get(d.file) ?? 0) + 1;
    shown.set(d.file, count);
    if (count <= SHOWN_PER_FILE) out.push(`${formatDiagnostic(d, sources.get(d.file), style)}\n\n`);
  }
  for (const [file, count] of shown) {
    if (count > SHOWN_PER_FILE)
      out.push(
        `${escapeControl(`… and ${count - SHOWN_PER_FILE} more in ${file} (--format json lists every one)`)}\n\n`,
      );
  }
  const summary = result.framework ? summarize(result) : "could not be loaded";
  const mark = result.ok ? style.bold("ok") : style.red("failed");
  out.push(
    `${mark}  ${escapeControl(`${path}: ${formatCounts(result.diagnostics)}${summary ? ` · ${summary}` : ""}`)}\n`,
  );
  return out.join("");
}

function summarize(result: CheckResult): string {
  const fw = result.framework;
  return fw ? `${fw.name}: ${statsLine(frameworkStats(indexFramework(fw)))}` : "";
}

/** Shows file names relative to where the command was run, as compilers do. */
function relativize(result: CheckResult, cwd: string): void {
  const prefix = cwd.endsWith("/") ? cwd : `${cwd}/`;
  const rel = (file: string) => (file.startsWith(prefix) ? file.slice(prefix.length) : file);
  for (const d of result.diagnostics) {
    d.file = rel(d.file);
    if (d.hint) d.hint = d.hint.split(prefix).join("");
  }
  for (const f of result.files) f.file = rel(f.file);
}
