/**
 * One import, as the CLI and the web page run it: read the inputs with the format's importer, turn bends
 * into errors under `strict`, lay the framework out as files and check them in memory. Nothing is written
 * here; the caller writes `files` (to a folder, or into a zip) only when this returns.
 */
import type { Diagnostic } from "../core/diagnostics.js";
import { indexFramework } from "../core/model.js";
import type { OccupationCatalog } from "../core/occupations.js";
import { FORMAT_LIMITS, type Framework } from "../core/schema.js";
import type { SourceLocation } from "../core/source-location.js";
import { frameworkStats } from "../core/text-view.js";
import { importFormat } from "./formats.js";
import { badTextAt, firstBadText } from "./text-bound.js";
import { type Bend, ImportError, type ImportInput, ImportLog, type ImportOptions } from "./types.js";
import { checkFrameworkFolder, type FrameworkFileText, frameworkFiles } from "./write.js";

/**
 * Bounds on what one import reads, whatever the format (docs/import.md): files and bytes here, the memory
 * and time of the thread it runs in (import-thread.ts), and how many of each thing the framework read may
 * hold (`boundCounts`). Real frameworks hold tens of levels and hundreds of competencies; the counts are
 * far above that and far below what makes the layout and the check cost seconds (10,000 levels: ~4 s).
 */
export const IMPORT_LIMITS = {
  /**
   * Input files read (a folder's files a format skips by design aside): a real Pathway data folder holds
   * a few dozen beside its questions, a large one a few hundred; their bytes are bounded together below.
   */
  files: 500,
  /** Folders walked for the files of a folder given as an input (cli/import-command.ts). */
  folders: 1_000,
  bytes: 20 * 1024 * 1024,
  memoryMb: 512,
  seconds: 60,
  counts: { levels: 1_000, tracks: 100, areas: 1_000, competencies: 10_000, roles: 10_000 },
} as const;

export interface ImportRun {
  id: string;
  name: string;
  files: FrameworkFileText[];
  /**
   * Empty: `files` are one framework folder. Else the files hold several frameworks side by side, each in
   * its folder named here (a base first, then the framework that extends it).
   */
  folders: string[];
  bends: Bend[];
  provenance: Map<string, SourceLocation>;
  /** Warnings and notes `rungs check` has on the result. */
  diagnostics: Diagnostic[];
  stats: ReturnType<typeof frameworkStats>;
}

export async function runImport(
  format: string,
  inputs: ImportInput[],
  options: ImportOptions & { strict?: boolean; occupations?: OccupationCatalog },
): Promise<ImportRun> {
  const found = importFormat(format);
  if (!found) throw new ImportError([{ at: { file: format }, message: `no import format "${format}"` }]);
  if (inputs.length === 0) throw new ImportError([{ at: { file: format }, message: "no input files" }]);
  if (inputs.length > IMPORT_LIMITS.files)
    throw new ImportError([
      { at: { file: inputs[0]?.name ?? format }, message: `more than ${IMPORT_LIMITS.files} input files` },
    ]);
  const total = inputs.reduce((sum, input) => sum + input.bytes.byteLength, 0);
  if (total > IMPORT_LIMITS.bytes)
    throw new ImportError([
      {
        at: { file: inputs[0]?.name ?? format },
        message: `the inputs hold ${total} bytes, more than the ${IMPORT_LIMITS.bytes} an import reads`,
      },
    ]);
  const importer = await found.load();
  const imported = await importer.read(inputs, options);
  const bends = [...(options.bends ?? []), ...imported.bends];
  if (options.strict && bends.length) {
    const listed = bends.slice(0, ImportLog.MAX_PROBLEMS);
    throw new ImportError([
      ...listed.map((b) => ({ at: b.at, message: `${b.kind} (--strict): ${b.message}` })),
      ...(bends.length > listed.length
        ? [
            {
              at: { file: inputs[0]?.name ?? format },
              message: `… and ${bends.length - listed.length} more bends`,
            },
          ]
        : []),
    ]);
  }
  const { framework, base } = imported;
  for (const read of base ? [base, framework] : [framework])
    boundCounts(read, imported.provenance, inputs[0]?.name ?? format);
  const folders = base ? [base.id, framework.id] : [];
  const files = base
    ? [...inFolder(base.id, frameworkFiles(base)), ...inFolder(framework.id, frameworkFiles(framework))]
    : frameworkFiles(framework);
  const diagnostics: Diagnostic[] = [];
  let loaded: Framework | undefined;
  for (const folder of base ? folders : [""]) {
    const checked = await checkFrameworkFolder(files, folder, options.occupations);
    diagnostics.push(...checked.diagnostics);
    loaded = checked.framework;
  }
  return {
    id: framework.id,
    name: framework.name,
    files,
    folders,
    bends,
    provenance: imported.provenance,
    diagnostics,
    stats: frameworkStats(indexFramework(loaded ?? framework)),
  };
}

function inFolder(folder: string, files: FrameworkFileText[]): FrameworkFileText[] {
  return files.map((f) => ({ ...f, path: `${folder}/${f.path}` }));
}

/**
 * Refuses a framework that holds more of a kind than IMPORT_LIMITS.counts, at the first entry past the
 * bound (where the importer read it), before laying it out and checking it: that work grows with each count,
 * and a file of 100,000 levels cost ~18 s of CPU before the thread's memory bound stopped it.
 */
function boundCounts(framework: Framework, provenance: Map<string, SourceLocation>, file: string): void {
  const areas = framework.areas ?? [];
  const keyed = {
    levels: (framework.levels ?? []).map((l) => `levels.${l.id}`),
    // a framework that extends a base may hold no tracks of its own
    tracks: (framework.tracks ?? []).map((t) => `tracks.${t.id}`),
    areas: areas.map((a) => `areas.${a.id}`),
    competencies: areas.flatMap((a) => a.competencies.map((c) => `areas.${a.id}.competencies.${c.id}`)),
    roles: (framework.roles ?? []).map((r) => `roles.${r.id}`),
  };
  for (const [kind, keys] of Object.entries(keyed)) {
    const bound = IMPORT_LIMITS.counts[kind as keyof typeof keyed];
    const first = keys[bound];
    if (first === undefined) continue;
    const at = provenance.get(first) ?? { file };
    const message = `${keys.length.toLocaleString("en")} ${kind}, more than the ${bound.toLocaleString("en")} an imported framework may hold`;
    throw new ImportError([{ at, message }]);
  }
  boundCells(framework, provenance, file);
  // a text no framework file may hold is said where it was read, not by the writer after layout
  const bad = firstBadText(framework);
  if (bad)
    throw new ImportError([
      { at: badTextAt(bad, provenance, { file }), message: `${bad.path.join(".")}: ${bad.message}` },
    ]);
}

/**
 * Refuses a cell holding more criteria than the format allows, at the competency (or its area) where the
 * importer read it: the check would refuse it too, but at a line of the written file the person never saw,
 * after laying out and checking every criterion (100,000 in one cell: ~5 s).
 */
function boundCells(framework: Framework, provenance: Map<string, SourceLocation>, file: string): void {
  for (const area of framework.areas ?? [])
    for (const competency of area.competencies)
      for (const [level, cell] of Object.entries(competency.expectations ?? {})) {
        const count = (cell as { criteria?: unknown[] } | undefined)?.criteria?.length ?? 0;
        if (count <= FORMAT_LIMITS.criteria) continue;
        const at =
          provenance.get(`areas.${area.id}.competencies.${competency.id}`) ??
          provenance.get(`areas.${area.id}`) ??
          ({ file } as SourceLocation);
        const message = `competency ${competency.id} at level ${level}: ${count.toLocaleString("en")} criteria, more than the ${FORMAT_LIMITS.criteria} a cell may hold`;
        throw new ImportError([{ at, message }]);
      }
}
