/**
 * The kinds of entry a migration map names (schema.ts's Removal). A module of its own: code that only follows
 * a map (the diff, carried assessments in the web app) then does not build the file format's schemas.
 */
export const MIGRATION_KINDS = ["track", "level", "area", "competency", "role"] as const;
