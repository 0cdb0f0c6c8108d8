/**
 * The import formats `rungs import <format>` and the web import page offer. Each importer's module is
 * loaded only when it is used. Adding a format is one line here plus its module.
 */
import type { Importer } from "./types.js";

export interface ImportFormat {
  name: string;
  description: string;
  /** How the names of the files it reads end: the files a folder given as an input holds, at any depth. */
  files: readonly string[];
  /**
   * What a folder given as an input holds that the format skips by design, unread and not counted against
   * the import's bound on files: a folder (with everything in it) or a file of that name, and what it is.
   */
  skips?: readonly { name: string; folder: boolean; what: string }[];
  load(): Promise<Importer>;
}

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  {
    name: "csv",
    files: [".csv"],
    description: "the canonical long layout (docs/import.md), or any layout through --map",
    load: async () => (await import("./csv.js")).csvImporter,
  },
  {
    name: "xlsx",
    files: [".xlsx"],
    description: "an Excel workbook in the canonical layout (sheet Rows), or any layout through --map",
    load: async () => (await import("./xlsx.js")).xlsxImporter,
  },
  {
    name: "ft",
    files: [".yaml", ".yml"],
    description: "a Financial Times engineering-progression job-family YAML file (current or legacy)",
    load: async () => (await import("./ft.js")).ftImporter,
  },
  {
    name: "monzo",
    files: [".md", ".markdown"],
    description:
      "Monzo progression-framework markdown (YAML front matter); with generic.md the framework extends it",
    load: async () => (await import("./monzo.js")).monzoImporter,
  },
  {
    name: "snowflake",
    files: [".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx"],
    description: "Medium's snowflake constants module (read with a JavaScript parser, never run)",
    load: async () => (await import("./snowflake.js")).snowflakeImporter,
  },
  {
    name: "pathway",
    files: [".yaml", ".yml"],
    // a real data folder holds a questions file per skill and behaviour (and per capability), more than the
    // framework's own files; rungs has no place for interview questions
    skips: [
      { name: "questions", folder: true, what: "interview questions" },
      { name: "_index.yaml", folder: false, what: "Pathway's listings of its folders" },
      { name: "_index.yml", folder: false, what: "Pathway's listings of its folders" },
    ],
    description:
      "the YAML data of forwardimpact's pathway: levels, capabilities with skills, behaviours, disciplines, tracks",
    load: async () => (await import("./pathway.js")).pathwayImporter,
  },
  {
    name: "case",
    files: [".json"],
    description: "a 1EdTech CASE 1.1 package (CFPackage JSON), such as `rungs export case` writes",
    load: async () => (await import("./case.js")).caseImporter,
  },
];

/** The format named `name`, or undefined. */
export function importFormat(name: string): ImportFormat | undefined {
  return IMPORT_FORMATS.find((f) => f.name === name);
}
