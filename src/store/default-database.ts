/**
 * Where the embedded database lives when none is named, relative to the working directory. On its own so
 * the CLI can say it in `--help` without loading a database driver.
 */
export const DEFAULT_SQLITE_FILE = "rungs-data/rungs.db";
