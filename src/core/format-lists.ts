/**
 * Lists of the file format that code needs without the schemas (src/core/schema.ts builds them from these):
 * a clean `rungs check` never loads zod or builds a schema (src/load/quick-validate.ts), and the loader and
 * the linter on its path take these lists from here.
 */

/** The collections a framework can split across files. */
export const COLLECTIONS = ["levels", "areas", "roles", "families", "sources"] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** The kinds of entry the migration map speaks of. */
export const MIGRATION_KINDS = ["track", "level", "area", "competency", "role"] as const;
export type MigrationKind = (typeof MIGRATION_KINDS)[number];
