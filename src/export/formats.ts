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
];

export function exportFormat(name: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.name === name);
}
