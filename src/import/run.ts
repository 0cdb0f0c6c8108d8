/**
 * One import, as the CLI and the web page run it: read the inputs with the format's importer, turn bends
 * into errors under `strict`, lay the framework out as files and check them in memory. Nothing is written
 * here; the caller writes `files` (to a folder, or into a zip) only when this returns.
 */
import type { Diagnostic } from "../core/diagnostics.js";
import { indexFramework } from "../core/model.js";
import type { OccupationCatalog } from "../core/occupations.js";
import type { Framework } from "../core/schema.js";
import type { SourceLocation } from "../core/source-location.js";
import { frameworkStats } from "../core/text-view.js";
import { importFormat } from "./formats.js";
import { type Bend, ImportError, type ImportInput, ImportLog, type ImportOptions } from "./types.js";
import { checkFrameworkFolder, type FrameworkFileText, frameworkFiles } from "./write.js";

/**
 * Bounds on what one import reads, whatever the format (docs/import.md): files and bytes here, and the
 * memory and time of the thread it runs in (import-thread.ts).
 */
export const IMPORT_LIMITS = { files: 100, bytes: 20 * 1024 * 1024, memoryMb: 512, seconds: 60 } as const;

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
  if (options.strict && imported.bends.length) {
    const { bends } = imported;
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
    bends: imported.bends,
    provenance: imported.provenance,
    diagnostics,
    stats: frameworkStats(indexFramework(loaded ?? framework)),
  };
}

function inFolder(folder: string, files: FrameworkFileText[]): FrameworkFileText[] {
  return files.map((f) => ({ ...f, path: `${folder}/${f.path}` }));
}
