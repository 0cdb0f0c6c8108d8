/**
 * An imported framework → the files a person would have written: a root `framework.yaml` and one
 * `areas/<n>-<id>.yaml` per area, each in the canonical layout of `rungs fmt` (src/load/format-framework.ts).
 * The files are checked in memory as `rungs check` would before anything is written: an import never
 * leaves a framework behind that does not load.
 */
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import type { OccupationCatalog } from "../core/occupations.js";
import {
  type Area,
  type Criterion,
  type Expectation,
  FORMAT_VERSION,
  type Framework,
} from "../core/schema.js";
import { formatFrameworkText } from "../load/format-framework.js";
import { memoryFileSystem } from "../load/fs-port.js";
import { checkFramework } from "../load/load-framework.js";
import { writeOutFile } from "../load/write-paths.js";
import { yamlLibrary } from "../load/yaml-library.js";
import { ImportError } from "./types.js";

/** One output file: its path inside the framework folder and its text. */
export interface FrameworkFileText {
  path: string;
  text: string;
}

/** The shortest spelling of an expectation or criterion: text alone where nothing else is set. */
function tidyCriterion(criterion: Criterion): Criterion {
  if (typeof criterion === "string") return criterion;
  const keys = Object.keys(criterion).filter((k) => criterion[k as keyof typeof criterion] !== undefined);
  return keys.length === 1 && keys[0] === "text" ? criterion.text : criterion;
}

function tidyExpectation(expectation: Expectation): Expectation {
  if (typeof expectation === "string") return expectation;
  const detail = { ...expectation };
  if (detail.criteria) detail.criteria = detail.criteria.map(tidyCriterion);
  const keys = Object.keys(detail).filter((k) => detail[k as keyof typeof detail] !== undefined);
  return keys.length === 1 && keys[0] === "statement" && detail.statement !== undefined
    ? detail.statement
    : detail;
}

function tidyArea(area: Area): Area {
  return {
    ...area,
    competencies: area.competencies.map((c) => ({
      ...c,
      expectations: Object.fromEntries(
        Object.entries(c.expectations).map(([level, e]) => [level, tidyExpectation(e)]),
      ),
    })),
  };
}

function yamlText(value: unknown, path: string): string {
  const raw = new (yamlLibrary().Document)(value).toString({ lineWidth: 0 });
  const formatted = formatFrameworkText(raw);
  if (!formatted.ok) throw new Error(`${path}: the formatter refused generated YAML: ${formatted.message}`);
  return formatted.text;
}

/** The framework as files: deterministic text for the same framework. */
export function frameworkFiles(framework: Framework): FrameworkFileText[] {
  const { areas, ...rest } = framework;
  const root = { ...rest, rungs: FORMAT_VERSION };
  const files = [{ path: "framework.yaml", text: yamlText(root, "framework.yaml") }];
  // Fragments merge in path order: a numbered name keeps the areas in the framework's order.
  const width = String((areas ?? []).length).length;
  for (const [i, area] of (areas ?? []).entries()) {
    const path = `areas/${String(i + 1).padStart(width, "0")}-${area.id}.yaml`;
    files.push({ path, text: yamlText({ areas: [tidyArea(area)] }, path) });
  }
  return files;
}

/**
 * Loads and lints the files in memory. Errors mean the importer made something `rungs check` refuses:
 * thrown as an ImportError naming the output file and line. Returns the warnings and notes.
 */
export async function checkFrameworkFiles(
  files: readonly FrameworkFileText[],
  occupations?: OccupationCatalog,
): Promise<Diagnostic[]> {
  return (await checkFrameworkFolder(files, "", occupations)).diagnostics;
}

/**
 * As checkFrameworkFiles, for the framework in `folder` of the files (`""`: the files are one framework),
 * so a framework that `extends` another in a sibling folder is checked with its base. Also returns the
 * loaded framework (merged over its base).
 */
export async function checkFrameworkFolder(
  files: readonly FrameworkFileText[],
  folder: string,
  occupations?: OccupationCatalog,
): Promise<{ diagnostics: Diagnostic[]; framework?: Framework }> {
  const dir = "/import";
  const fs = memoryFileSystem(Object.fromEntries(files.map((f) => [`${dir}/${f.path}`, f.text])));
  const root = folder ? `${dir}/${folder}` : dir;
  const result = await checkFramework(root, fs, occupations ? { occupations } : {});
  const strip = (file: string) => file.replace(`${dir}/`, "");
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length)
    throw new ImportError(
      errors.map((d) => ({
        at: { file: strip(d.file), line: d.line },
        message: `the imported framework would not pass rungs check: ${d.message}`,
      })),
    );
  return {
    diagnostics: result.diagnostics.map((d) => ({ ...d, file: strip(d.file) })),
    ...(result.framework ? { framework: result.framework } : {}),
  };
}

/** The framework folders among `files`: `""` for a root `framework.yaml`, else each folder holding one. */
function writtenFrameworkFolders(files: readonly FrameworkFileText[]): string[] {
  return files
    .filter((f) => /(^|\/)framework\.yaml$/.test(f.path))
    .map((f) => dirname(f.path).replace(/^\.$/, ""));
}

/**
 * Writes the files under `outDir`. Refuses (before writing anything) when the folder already holds a
 * framework file, unless `force`.
 */
export async function writeFrameworkFiles(
  outDir: string,
  files: readonly FrameworkFileText[],
  options: { force?: boolean } = {},
): Promise<void> {
  if (!options.force)
    for (const folder of writtenFrameworkFolders(files)) {
      const target = join(outDir, folder);
      const present = await readdir(target).catch(() => [] as string[]);
      if (present.some((name) => /\.ya?ml$/i.test(name) || name === "areas"))
        throw new ImportError([
          { at: { file: target }, message: "already holds framework files (use --force to replace them)" },
        ]);
    }
  for (const file of files) await writeOutFile(join(outDir, file.path), file.text);
}
