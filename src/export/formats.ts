/**
 * The export formats `rungs export <format>` offers. Each exporter's module is loaded only when it is used.
 * Adding a format is one line here plus its module.
 */
import type { Exporter } from "./types.js";

export * from "./types.js";

export interface ExportFormat {
  name: string;
  description: string;
  load(): Promise<Exporter>;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    name: "csv",
    description: "the canonical long layout of docs/import.md, one file per framework",
    load: async () => (await import("../import/csv.js")).csvExporter,
  },
  {
    name: "xlsx",
    description: "the canonical layout (sheet Rows) plus a readable matrix sheet per track",
    load: async () => (await import("../import/xlsx.js")).xlsxExporter,
  },
  {
    name: "case",
    description: "a 1EdTech CASE 1.1 package (CFPackage JSON) per framework, UUIDs stable across exports",
    load: async () => (await import("./exporters.js")).caseExporter,
  },
  {
    name: "jsonld",
    description: "schema.org JSON-LD: an Occupation per level and role, a DefinedTermSet of competencies",
    load: async () => (await import("./exporters.js")).jsonLdExporter,
  },
  {
    name: "markdown",
    description: "index.md plus a file per level and per role, linked to each other, for a wiki or a repo",
    load: async () => (await import("./exporters.js")).markdownExporter,
  },
  {
    name: "pdf",
    description: "the whole framework (its matrix), or --level / --role, printed by a local Chromium",
    load: async () => (await import("./exporters.js")).pdfExporter,
  },
];

export function exportFormat(name: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.name === name);
}
