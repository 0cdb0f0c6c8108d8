/**
 * Framework files → one framework and located diagnostics. A framework is one YAML file, or a directory of
 * them: exactly one root file (the one with `rungs:`) and any number of fragments holding levels, areas,
 * roles, families or sources, merged in path order. A root file with `extends` is merged over the base
 * framework it names (src/core/extends.ts). Never throws on user input.
 */
import { relative } from "node:path";
import { type Diagnostic, sortDiagnostics } from "../core/diagnostics.js";
import { COLLECTIONS } from "../core/format-lists.js";
import { fillDisplayNames } from "../core/model.js";
import type { OccupationCatalog } from "../core/occupations.js";
import type { Framework } from "../core/schema.js";
import type { FrameworkVersion } from "../core/version.js";
import { frameworkVersion, type GitPort } from "./framework-version.js";
import type { FileSystemPort } from "./fs-port.js";
import { DEFAULT_LOAD_LIMITS, formatBytes, type LoadLimits } from "./limits.js";
import { LinePositions } from "./line-positions.js";
import type { LoadContext } from "./load-base.js";
import type { ParseCache } from "./parse-cache.js";
import { loadPreviousVersion } from "./previous-version.js";
import { quickValid } from "./quick-validate.js";
import { mayHoldFramework, rootWithoutRungs } from "./root-file.js";
import { type Listing, listYamlFiles, YAML_FILE } from "./yaml-files.js";
import { readSource, type SourceFile, SourceMap } from "./yaml-source.js";

// the registry makes its caches of parsed files through the module it loads only when it reads files
export { ParseCache } from "./parse-cache.js";

export interface LoadResult {
  /** The framework, when its root file could be read; present even when other parts had errors. */
  framework?: Framework;
  diagnostics: Diagnostic[];
  /** Every file read, with its text (for showing source lines beside diagnostics). */
  files: SourceFile[];
  locator: SourceMap;
  /** The framework's version identity (content hash, `version:`, git commit), when it was loaded. */
  version?: FrameworkVersion;
  /** Entries left out for their errors, as `level:junior` (validate.ts): the linter does not report them missing. */
  dropped?: ReadonlySet<string>;
}

export interface LoadOptions {
  /** Bounds to hold the files to instead of `DEFAULT_LOAD_LIMITS` (docs/security.md). */
  limits?: Partial<LoadLimits>;
  /** Where to ask for the commit the files were last changed in; without it the version has no commit. */
  git?: GitPort;
  /**
   * `false` skips the version identity (its content hash costs about a tenth of a large framework's check):
   * for callers that never show it, such as `rungs check`'s text report.
   */
  version?: boolean;
  /** Shared by loads of versions of one framework: a file with the same text is parsed once. */
  parsed?: ParseCache;
}

/** Loads the framework at `path` (a file or a directory) without linting it. */
export async function loadFramework(
  path: string,
  fs: FileSystemPort,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const loaded = await loadFrameworkInto(path, fs, {
    limits: { ...DEFAULT_LOAD_LIMITS, ...options.limits },
    locator: options.parsed?.locator ?? new SourceMap(),
    chain: [],
    ...(options.parsed ? { parsed: options.parsed } : {}),
  });
  if (loaded.diagnostics.some((d) => d.severity === "error")) options.parsed?.forget(loaded.files);
  if (!loaded.framework) return loaded;
  const framework = fillDisplayNames(loaded.framework, (copy, original) =>
    loaded.locator.alias(copy, original),
  );
  if (options.version === false) return { ...loaded, framework };
  const isDirectory = (await fs.stat(path))?.isDirectory === true;
  return { ...loaded, framework, version: await frameworkVersion(framework, path, isDirectory, options.git) };
}

/**
 * What a folder's listing says of itself: `empty`, the whole load's error when it found no YAML file, or `cut`,
 * a warning beside the files read when it stopped at a bound.
 */
function listingNotes(
  path: string,
  listed: Listing,
  limits: LoadLimits,
): { empty?: string; cut?: Diagnostic } {
  // Worked out only for a listing cut short: the first number formatted for a locale starts ICU's locale
  // data, ~20 ms of CPU and ~600 page faults (2.4 MB) that every load of a framework paid for nothing.
  const over = () =>
    listed.truncated === "folders"
      ? `more than ${limits.folders.toLocaleString("en")} folders`
      : `more than ${limits.files.toLocaleString("en")} YAML files`;
  if (listed.files.length === 0)
    return {
      empty: listed.truncated
        ? `${over()} in this directory and no .yaml or .yml files among those read`
        : "no .yaml or .yml files in this directory",
    };
  if (!listed.truncated) return {};
  return {
    cut: tooLarge(
      path,
      `${over()} in this directory; the rest are not read`,
      `a framework may have at most ${limits.files.toLocaleString("en")} files in ${limits.folders.toLocaleString("en")} folders`,
    ),
  };
}

/** Loads one framework (and, through `extends`, its bases) into a shared source map. */
export async function loadFrameworkInto(
  path: string,
  fs: FileSystemPort,
  context: LoadContext,
): Promise<LoadResult> {
  const { limits, locator } = context;
  const unreadable = (message: string): LoadResult => ({
    diagnostics: [readError(path, message)],
    files: [],
    locator,
  });
  const info = await fs.stat(path);
  if (!info) return unreadable("no such file or directory");
  if (info.special) return unreadable(SPECIAL_FILE);
  if (!info.isDirectory && !YAML_FILE.test(path)) return unreadable(NOT_YAML);
  let listed: Listing;
  try {
    if (info.isDirectory && !(await mayHoldFramework(path, fs, limits))) {
      const root = await rootWithoutRungs(path, fs, limits);
      return { diagnostics: [root ? missingRoot(root, false) : noFramework(path)], files: [], locator };
    }
    listed = info.isDirectory
      ? await listYamlFiles(path, fs, limits)
      : { files: [{ path, size: info.size }] };
  } catch (error) {
    return unreadable(`cannot read: ${(error as Error).message}`);
  }
  const notes = listingNotes(path, listed, limits);
  if (notes.empty) return unreadable(notes.empty);
  const diagnostics: Diagnostic[] = notes.cut ? [notes.cut] : [];
  const files = await readSources(listed, fs, context, diagnostics);
  const dropped: string[] = [];
  const done = (framework?: Framework): LoadResult => ({
    ...(framework ? { framework } : {}),
    diagnostics: sortDiagnostics(diagnostics),
    files,
    locator,
    ...(dropped.length ? { dropped: new Set(dropped) } : {}),
  });

  const roots = files.filter(isRoot);
  if (roots.length === 0) {
    if (!files.some((f) => f.value === undefined)) diagnostics.push(missingRoot(path, info.isDirectory));
    return done();
  }
  const hint = roots.length > 1 ? rootsHint(path, info.isDirectory, roots, files) : "";
  for (const extra of roots.slice(1)) {
    diagnostics.push({
      code: "multiple-roots",
      severity: "error",
      message: "a second root file: only one file of a framework may have `rungs:`",
      ...locator.locate(extra.value as object, "rungs", "key"),
      hint,
    });
  }
  const root = roots[0] as SourceFile;
  const extending = Object.hasOwn(root.value as object, "extends");
  const validate = await fileValidator(root, files, extending, context);
  const rootCheck = validate("framework", root, locator);
  diagnostics.push(...rootCheck.diagnostics);
  // one by one: a file may drop 100,000 entries, more arguments than one call takes
  for (const entry of rootCheck.dropped ?? []) dropped.push(entry);
  if (rootCheck.value === undefined) return done();
  const merged = mergeFragments(rootCheck.value as Framework, root, files, validate, locator, {
    diagnostics,
    dropped,
  });
  if (!extending) return done(merged);
  // imported here, as validate.ts is: with the schemas it needs, a framework that extends none has no use for it
  const { extendBase } = await import("./load-base.js");
  const extended = await extendBase(merged, root.file, context, (p, c) => loadFrameworkInto(p, fs, c));
  files.push(...extended.files);
  diagnostics.push(...extended.diagnostics);
  return done(extended.framework);
}

/**
 * What a `multiple-roots` error advises. A folder whose root files are each in a sub-folder of their own is a
 * folder of frameworks that was not taken as one (framework-folders.ts), or was named where one framework is
 * meant: the hint names the YAML file that lies outside those folders, if one does.
 */
function rootsHint(path: string, isDirectory: boolean, roots: SourceFile[], files: SourceFile[]): string {
  const several = isDirectory ? rootFolders(path, roots) : undefined;
  if (!several) return `the root file is ${(roots[0] as SourceFile).file}`;
  const held = `${path} holds ${several.length} frameworks, each in a folder of its own (${several[0]}, ${several[1]}, …)`;
  const stray = files.find((f) => !several.some((folder) => f.file.startsWith(`${folder}/`)));
  if (stray)
    return `${held}, and YAML files in none of them (${stray.file}): move those into a framework's folder to have it read as a folder of frameworks, or name each framework's folder`;
  return `${held}: name their folders, not the folder that holds them`;
}

/**
 * The folders of a directory that each hold one of its root files, when every root file is in a different
 * sub-folder and none at its top: a folder of frameworks given where one framework was meant.
 */
function rootFolders(path: string, roots: SourceFile[]): string[] | undefined {
  const prefix = path.endsWith("/") ? path : `${path}/`;
  const folders = roots.map(({ file }) => {
    const rest = file.startsWith(prefix) ? file.slice(prefix.length) : "";
    const slash = rest.indexOf("/");
    return slash > 0 ? `${prefix}${rest.slice(0, slash)}` : undefined;
  });
  const distinct = new Set(folders);
  if (distinct.has(undefined) || distinct.size !== roots.length) return undefined;
  return folders as string[];
}

/** Reads and parses each listed file within the size limits; what cannot be read is a diagnostic. */
async function readSources(
  listed: Listing,
  fs: FileSystemPort,
  { limits, locator, parsed: cache }: LoadContext,
  diagnostics: Diagnostic[],
): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  let total = 0;
  for (const { path: file, size } of listed.files) {
    const unread = (diagnostic: Diagnostic) => {
      diagnostics.push(diagnostic);
      files.push(unreadSource(file));
    };
    if (size > limits.fileBytes) {
      unread(
        tooLarge(
          file,
          `this file is ${formatBytes(size)}, over the limit of ${formatBytes(limits.fileBytes)} for one file; it is not read`,
          "split it into several files in a directory (a root file and fragments, see docs/format.md)",
        ),
      );
      continue;
    }
    total += size;
    if (total > limits.frameworkBytes) {
      unread(
        tooLarge(
          file,
          `the framework's files are over ${formatBytes(limits.frameworkBytes)} together from this file on; it is not read`,
          `a framework's files may hold at most ${formatBytes(limits.frameworkBytes)} together`,
        ),
      );
      continue;
    }
    let text: string;
    try {
      text = await fs.readFile(file);
    } catch (error) {
      diagnostics.push(readError(file, `cannot read: ${(error as Error).message}`));
      continue;
    }
    const parsed = cache ? cache.parse(file, text, limits) : readSource(file, text, locator, limits);
    files.push(parsed.source);
    diagnostics.push(...parsed.diagnostics);
  }
  return files;
}

/** The file holding `rungs:`. */
function isRoot(s: SourceFile): boolean {
  return (
    s.value !== null &&
    typeof s.value === "object" &&
    !Array.isArray(s.value) &&
    Object.hasOwn(s.value, "rungs")
  );
}

/** Validates one file of a framework: its problems, located, and its value with every invalid part removed. */
type ValidateFile = (
  kind: "framework" | "fragment",
  source: SourceFile,
  locator: SourceMap,
) => { diagnostics: Diagnostic[]; value: unknown; dropped?: string[] };

/**
 * How the files are validated. When the quick check finds the root file and every fragment valid as they
 * stand (the files mergeFragments validates: the mappings that are not roots), each is taken as it is, as
 * validate.ts would take it; otherwise validate.ts (zod and the schemas, imported only then) validates them
 * all. A framework that extends another is validated against the schemas patched for it (extends.ts).
 */
async function fileValidator(
  root: SourceFile,
  files: readonly SourceFile[],
  extending: boolean,
  { parsed, limits }: LoadContext,
): Promise<ValidateFile> {
  const fragmentsValid = files.every(
    (f) =>
      isRoot(f) ||
      f.value === null ||
      typeof f.value !== "object" ||
      Array.isArray(f.value) ||
      quickValid.fragment(f.value),
  );
  if (!extending && fragmentsValid && quickValid.framework(root.value))
    return (_kind, source) => ({ diagnostics: [], value: source.value });
  const { schemaFor, validateFile } = await import("./validate.js");
  return (kind, source, locator) => {
    const schema = schemaFor(kind, extending);
    if (!parsed?.reused(source)) return validateFile(schema, source, locator);
    // validation cuts what is wrong out of the value itself: a file reused from an earlier load (ParseCache)
    // shares its value with that load, so one that is not valid now (whether the root extends another
    // framework changes what a fragment may hold) is read again into a value of its own first
    if (schema.safeParse(source.value).success) return { diagnostics: [], value: source.value };
    return validateFile(schema, readSource(source.file, source.text, locator, limits).source, locator);
  };
}

/** The root file's framework with every valid fragment's collections appended, in path order. */
function mergeFragments(
  rootValue: Framework,
  root: SourceFile,
  files: readonly SourceFile[],
  validate: ValidateFile,
  locator: SourceMap,
  { diagnostics, dropped }: { diagnostics: Diagnostic[]; dropped: string[] },
): Framework {
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
    const check = validate("fragment", fragment, locator);
    diagnostics.push(...check.diagnostics);
    for (const entry of check.dropped ?? []) dropped.push(entry);
    if (check.value === undefined) continue;
    const part = check.value as Pick<Framework, (typeof COLLECTIONS)[number]>;
    for (const name of COLLECTIONS) {
      const items = part[name];
      if (!items) continue;
      // biome-ignore lint/suspicious/noExplicitAny: the five collections share one merge rule
      (merged as any)[name] = [...((merged[name] as unknown[] | undefined) ?? []), ...items];
    }
  }
  return merged;
}

function missingRoot(path: string, isDirectory: boolean): Diagnostic {
  return {
    code: "missing-root",
    severity: "error",
    message: isDirectory
      ? "no root file: none of these files has a `rungs: 2` line"
      : "this file has no `rungs: 2` line",
    file: path,
    line: 1,
    column: 1,
    path: "",
    hint: "the root file starts with `rungs: 2`, then id, name and tracks",
  };
}

/**
 * A folder named as a framework with no root file where one can be (root-file.ts, `mayHoldFramework`): the
 * wrong path, as a file that is not YAML is, so a read error (exit 2).
 */
function noFramework(path: string): Diagnostic {
  return {
    ...readError(
      path,
      "no framework here: no root file (a YAML file with a `rungs: 2` line) at the top of this folder or of one of its sub-folders; nothing below it was read",
    ),
    hint: "name a framework's folder or its root file; a new framework starts with a root file of `rungs: 2`, then id, name and tracks",
  };
}

function readError(file: string, message: string): Diagnostic {
  return { code: "read-error", severity: "error", message, file, line: 1, column: 1, path: "" };
}

/** A file named where a framework is meant that is not YAML (a README, a spreadsheet): read as YAML, its errors would say nothing true. */
const NOT_YAML =
  "not a framework file: a framework is a folder of .yaml or .yml files, or one such file (rungs import reads other formats)";

const SPECIAL_FILE =
  "not a regular file (a pipe, socket or device, whose read could wait for ever): give a framework file or folder";

function tooLarge(file: string, message: string, hint: string): Diagnostic {
  return { code: "too-large", severity: "error", message, file, line: 1, column: 1, path: "", hint };
}

/** A file that was listed but not read (over a size limit): it counts as a file that could not be parsed. */
function unreadSource(file: string): SourceFile {
  return { file, text: "", doc: undefined, lines: new LinePositions(""), value: undefined };
}

export interface CheckResult extends LoadResult {
  /** True when there is no diagnostic of severity error. */
  ok: boolean;
}

export interface CheckOptions extends LoadOptions {
  /**
   * The occupation lists classification codes are checked against, or how to read them: a function is
   * called only when a role of the framework has classification codes (the bundled lists cost about a
   * tenth of a large framework's check, and most frameworks carry no codes).
   */
  occupations?: OccupationCatalog | (() => Promise<OccupationCatalog>);
  publish?: boolean;
  /**
   * Told the framework as read, before it is linted (a server answers from it meanwhile, registry.ts); the
   * lint waits for what it returns.
   */
  loaded?: (result: LoadResult) => Promise<void> | undefined;
}

/** Loads and lints the framework at `path`: what `rungs check` reports. */
export async function checkFramework(
  path: string,
  fs: FileSystemPort,
  options: CheckOptions = {},
): Promise<CheckResult> {
  const loaded = await loadFramework(path, fs, options);
  await options.loaded?.(loaded);
  // While a file cannot be parsed, what it defines is unknown, so references to it are not reported.
  const unparsed = loaded.files.some((f) => f.value === undefined);
  const previous =
    loaded.framework?.previous !== undefined
      ? await loadPreviousVersion(
          loaded.framework.previous,
          path,
          (await fs.stat(path))?.isDirectory === true,
          fs,
          loadFramework,
        )
      : undefined;
  const codes = loaded.framework?.roles?.some((role) => (role.classifications?.length ?? 0) > 0);
  const occupations =
    typeof options.occupations === "function"
      ? codes
        ? await options.occupations()
        : undefined
      : options.occupations;
  // imported here: a load alone (rungs diff) has no use for the linter and what it loads (markdown-it)
  const { lintFramework } = await import("../core/lint.js");
  const lint = loaded.framework
    ? await lintFramework(loaded.framework, loaded.locator, {
        ...(options.publish !== undefined ? { publish: options.publish } : {}),
        ...(occupations ? { occupations } : {}),
        ...(previous ? { previous } : {}),
        ...(loaded.dropped ? { dropped: loaded.dropped } : {}),
      })
    : [];
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
