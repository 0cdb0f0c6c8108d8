/**
 * Framework files → one framework and located diagnostics. A framework is one YAML file, or a directory of
 * them: exactly one root file (the one with `rungs: 1`) and any number of fragments holding levels, areas,
 * roles, families or sources, merged in path order. Never throws on user input.
 */
import { join, relative } from "node:path";
import { type Diagnostic, sortDiagnostics } from "../core/diagnostics.js";
import { lintFramework } from "../core/lint.js";
import type { OccupationCatalog } from "../core/occupations.js";
import { COLLECTIONS, FragmentFile, type Framework, FrameworkFile } from "../core/schema.js";
import type { FileSystemPort } from "./fs-port.js";
import { validateFile } from "./validate.js";
import { parseSource, type SourceFile, SourceMap } from "./yaml-source.js";

export interface LoadResult {
  /** The framework, when its root file could be read; present even when other parts had errors. */
  framework?: Framework;
  diagnostics: Diagnostic[];
  /** Every file read, with its text (for showing source lines beside diagnostics). */
  files: SourceFile[];
  locator: SourceMap;
}

const YAML_FILE = /\.ya?ml$/i;

/** Loads the framework at `path` (a file or a directory) without linting it. */
export async function loadFramework(path: string, fs: FileSystemPort): Promise<LoadResult> {
  const locator = new SourceMap();
  const diagnostics: Diagnostic[] = [];
  const files: SourceFile[] = [];
  const ioError = (file: string, message: string, hint?: string): LoadResult => ({
    diagnostics: [
      {
        code: "read-error",
        severity: "error",
        message,
        file,
        line: 1,
        column: 1,
        path: "",
        ...(hint ? { hint } : {}),
      },
    ],
    files,
    locator,
  });

  const info = await fs.stat(path);
  if (!info) return ioError(path, "no such file or directory");
  let paths: string[];
  try {
    paths = info.isDirectory ? await listYamlFiles(path, fs) : [path];
  } catch (error) {
    return ioError(path, `cannot read: ${(error as Error).message}`);
  }
  if (paths.length === 0) return ioError(path, "no .yaml or .yml files in this directory");

  for (const file of paths) {
    let text: string;
    try {
      text = await fs.readFile(file);
    } catch (error) {
      diagnostics.push(...ioError(file, `cannot read: ${(error as Error).message}`).diagnostics);
      continue;
    }
    const parsed = parseSource(file, text, locator);
    files.push(parsed.source);
    diagnostics.push(...parsed.diagnostics);
  }

  const isRoot = (s: SourceFile) =>
    s.value !== null &&
    typeof s.value === "object" &&
    !Array.isArray(s.value) &&
    Object.hasOwn(s.value, "rungs");
  const roots = files.filter(isRoot);
  if (roots.length === 0) {
    const where = info.isDirectory ? path : (paths[0] as string);
    const broken = files.some((f) => f.value === undefined);
    if (!broken) {
      diagnostics.push({
        code: "missing-root",
        severity: "error",
        message: info.isDirectory
          ? "no root file: none of these files has a `rungs: 1` line"
          : "this file has no `rungs: 1` line",
        file: where,
        line: 1,
        column: 1,
        path: "",
        hint: "the root file starts with `rungs: 1`, then id, name and tracks",
      });
    }
    return { diagnostics: sortDiagnostics(diagnostics), files, locator };
  }
  for (const extra of roots.slice(1)) {
    diagnostics.push({
      code: "multiple-roots",
      severity: "error",
      message: "a second root file: only one file of a framework may have `rungs:`",
      ...locator.locate(extra.value as object, "rungs", "key"),
      hint: `the root file is ${(roots[0] as SourceFile).file}`,
    });
  }

  const root = roots[0] as SourceFile;
  const rootCheck = validateFile(FrameworkFile, root);
  diagnostics.push(...rootCheck.diagnostics);
  if (rootCheck.value === undefined) return { diagnostics: sortDiagnostics(diagnostics), files, locator };
  const rootValue = rootCheck.value as Framework;
  const merged: Framework = { ...rootValue };
  locator.alias(merged, rootValue);

  for (const fragment of files) {
    if (fragment === root || isRoot(fragment) || fragment.value === undefined) continue;
    const value = fragment.value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      diagnostics.push({
        code: "invalid-type",
        severity: "error",
        message: "a fragment file must be a mapping with levels, areas, roles, families or sources",
        file: fragment.file,
        line: 1,
        column: 1,
        path: "",
      });
      continue;
    }
    const check = validateFile(FragmentFile, fragment);
    diagnostics.push(...check.diagnostics);
    if (check.value === undefined) continue;
    const part = check.value as Pick<Framework, (typeof COLLECTIONS)[number]>;
    for (const name of COLLECTIONS) {
      const items = part[name];
      if (!items) continue;
      // biome-ignore lint/suspicious/noExplicitAny: the five collections share one merge rule
      (merged as any)[name] = [...((merged[name] as unknown[] | undefined) ?? []), ...items];
    }
  }
  return { framework: merged, diagnostics: sortDiagnostics(diagnostics), files, locator };
}

async function listYamlFiles(dir: string, fs: FileSystemPort): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string) => {
    const names = (await fs.readDir(current)).sort();
    for (const name of names) {
      if (name.startsWith(".") || name === "node_modules") continue;
      const full = join(current, name);
      const info = await fs.stat(full);
      if (info?.isDirectory) await walk(full);
      else if (YAML_FILE.test(name)) out.push(full);
    }
  };
  await walk(dir);
  return out;
}

export interface CheckResult extends LoadResult {
  /** True when there is no diagnostic of severity error. */
  ok: boolean;
}

/** Loads and lints the framework at `path`: what `rungs check` reports. */
export async function checkFramework(
  path: string,
  fs: FileSystemPort,
  options: { occupations?: OccupationCatalog } = {},
): Promise<CheckResult> {
  const loaded = await loadFramework(path, fs);
  // While a file cannot be parsed, what it defines is unknown, so references to it are not reported.
  const unparsed = loaded.files.some((f) => f.value === undefined);
  const lint = loaded.framework ? lintFramework(loaded.framework, loaded.locator, options) : [];
  const diagnostics = sortDiagnostics([
    ...loaded.diagnostics,
    ...lint.filter((d) => !(unparsed && d.code === "unknown-reference")),
  ]);
  return { ...loaded, diagnostics, ok: !diagnostics.some((d) => d.severity === "error") };
}

/** A path as shown to the user: relative to `cwd` when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") ? rel : path;
}
