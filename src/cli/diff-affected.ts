/**
 * `rungs diff --db`: whom a framework change touches, counted in a database. Its own module: only a diff
 * given `--db` loads the database drivers and the store.
 */
import { type Affected, affectedBy } from "../core/affected.js";
import type { FrameworkDiff } from "../core/framework-diff.js";
import { affectedCounts } from "../store/affected.js";
import { migrate } from "../store/migrations.js";
import { type CliIo, UsageError } from "./context.js";
import { openCliDatabase } from "./database.js";

/** The counts of people and open assessments the diff touches, from the database `--db` names. */
export async function affectedIn(
  diff: FrameworkDiff,
  framework: string,
  db: string,
  io: CliIo,
): Promise<Affected> {
  // a diff only reads: a SQLite file that is not there is refused, as by every command that reads
  const { database, target } = await openCliDatabase({ db }, io, { migrate: false });
  try {
    // nor does it change the schema: a database behind this version of rungs is named, not queried
    const pending = await migrate(database, { dryRun: true });
    if (pending.length > 0) {
      throw new UsageError(
        `--db: the database (${target.label}) is not up to date: ${pending.length} migration${pending.length === 1 ? "" : "s"} pending; run \`rungs migrate\` with the same --db first`,
      );
    }
    return affectedBy(diff, await affectedCounts(database, framework));
  } finally {
    await database.close();
  }
}
