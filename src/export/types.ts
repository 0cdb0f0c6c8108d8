/** What every exporter is: one framework in, files out, and notes on what the format could not hold. */
import type { FrameworkIndex } from "../core/model.js";
import type { PrintablePages } from "./pdf.js";

/** One file an exporter writes: its name (may hold `/` for sub-folders) and its content. */
export interface ExportFile {
  name: string;
  data: string | Uint8Array;
}

/** What an export is asked for beyond the framework; formats read the options they understand. */
export interface ExportOptions {
  level?: string;
  role?: string;
  /** When the framework's newest file last changed (ISO 8601): CASE's lastChangeDateTime. */
  changed?: string;
  /** The web app's pages, for pdf (the export layer does not import the web app; the CLI passes them). */
  pages?: PrintablePages;
}

export interface ExportResult {
  files: ExportFile[];
  /** What the format could not hold, for people (printed on standard error), e.g. "dropped: roles". */
  notes: string[];
}

export interface Exporter {
  /** One framework → its files. Throws ExportError for a request it cannot serve (an unknown level). */
  write(index: FrameworkIndex, options: ExportOptions): Promise<ExportResult>;
}

/** A request the format cannot serve, said in one line (exit 2). */
export class ExportError extends Error {}

/**
 * What every export of a framework that `extends` a base says: a file another tool reads has no base to
 * follow, so each format holds the framework as it is loaded (the base merged in, its overrides applied,
 * what it removes gone) and none keeps the `extends` relation. Importing such a file gives a framework that
 * stands alone, with the same levels, competencies and expectations.
 */
export function resolvedNotes(index: FrameworkIndex): string[] {
  const base = index.framework.extends;
  return base === undefined
    ? []
    : [
        `resolved: ${index.framework.id} extends ${base}; the export holds the base merged in and extends nothing`,
      ];
}
