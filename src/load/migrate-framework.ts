/**
 * `rungs migrate <paths…>`: rewrites framework files to the current format version. Every v1 file already
 * means in format 2 what it meant in format 1 (format 2 only adds fields), so the change is the version
 * line: the value of `rungs:` is replaced where it stands in the text, found through the YAML Document API.
 * The file it rewrites is then written through `rungs fmt` (format-framework.ts), like everything rungs
 * writes, so a formatted framework changes by its version line alone and comments stay. Running it again
 * changes nothing.
 */
import type { Diagnostic } from "../core/diagnostics.js";
import { FORMAT_VERSION } from "../core/schema.js";
import { formatFrameworkText } from "./format-framework.js";
import type { FileSystemPort } from "./fs-port.js";
import { loadFramework } from "./load-framework.js";
import { yamlLibrary } from "./yaml-library.js";

export interface MigratedFile {
  file: string;
  /** The version the file declared. */
  from: unknown;
  /** The file's new text; the same as before when `changed` is false. */
  text: string;
  changed: boolean;
}

export interface MigrationPlan {
  /** The root file, rewritten (fragments have no version line and need no change). */
  files: MigratedFile[];
  /** Why the framework cannot be migrated: its files do not parse, or no root file is found. */
  problems: Diagnostic[];
}

/** Plans the migration of the framework at `path` (a file or a directory); writes nothing. */
export async function planMigration(path: string, fs: FileSystemPort): Promise<MigrationPlan> {
  const loaded = await loadFramework(path, fs);
  const blocking = loaded.diagnostics.filter(
    (d) =>
      d.severity === "error" &&
      ["read-error", "yaml-syntax", "missing-root", "multiple-roots", "too-large"].includes(d.code),
  );
  // the framework's own root: a base it extends is loaded too, but is not this framework's to rewrite
  const own = (file: string) => file === path || file.startsWith(`${path.replace(/\/$/, "")}/`);
  const roots = loaded.files.filter(
    (f) =>
      own(f.file) &&
      f.value !== null &&
      typeof f.value === "object" &&
      Object.hasOwn(f.value as object, "rungs"),
  );
  if (blocking.length > 0 || roots.length !== 1) return { files: [], problems: blocking };
  const root = roots[0] as (typeof roots)[number];
  return { files: [migrateRootText(root.file, root.text)], problems: [] };
}

/** The root file's text with its `rungs:` value set to the current version, nothing else touched. */
export function migrateRootText(file: string, text: string): MigratedFile {
  const { isMap, isScalar, parseDocument } = yamlLibrary();
  const doc = parseDocument(text, { keepSourceTokens: true });
  const contents = doc.contents;
  const pair = isMap(contents)
    ? contents.items.find((p) => isScalar(p.key) && p.key.value === "rungs")
    : undefined;
  const value = pair?.value;
  if (!isScalar(value) || !value.range) return { file, from: undefined, text, changed: false };
  if (value.value === FORMAT_VERSION) return { file, from: value.value, text, changed: false };
  const [start, end] = value.range;
  const raised = `${text.slice(0, start)}${FORMAT_VERSION}${text.slice(end)}`;
  const formatted = formatFrameworkText(raised);
  return { file, from: value.value, text: formatted.ok ? formatted.text : raised, changed: true };
}
